import Foundation

/// Server text an attacker with write access (or a hostile server) can choose, aimed at the
/// terminal that shows it: title and clipboard writes, screen and scrollback clearing, mode
/// changes, terminal queries whose answers arrive as input, bidi and invisible characters that
/// make two names look alike, NUL, and very long lines. Markers (`PWNED-…`) make a success of
/// the attack detectable: the title, the clipboard or the screen would show them.
public enum HostileCorpus {
    public static let title = "PWNED-TITLE"
    public static let clip = "PWNED-CLIP"
    /// base64("PWNED-CLIP")
    public static let clipB64 = "UFdORUQtQ0xJUA=="

    public static let payloads: [String] = [
        "\u{1b}]0;\(title)\u{07}",                         // OSC 0 title, BEL
        "\u{1b}]2;\(title)\u{1b}\\",                        // OSC 2 title, ST
        "\u{1b}]52;c;\(clipB64)\u{07}",                     // OSC 52 clipboard write
        "\u{1b}]52;p;\(clipB64)\u{1b}\\",                   // OSC 52, primary selection, ST
        "\u{1b}[2J\u{1b}[H",                                // clear screen, home
        "\u{1b}[3J",                                        // clear scrollback
        "\u{1b}[?1049h",                                    // alternate screen on
        "\u{1b}[?25l",                                      // hide cursor
        "\u{1b}[31;1mRED",                                  // SGR colour
        "\u{1b}P+q544e\u{1b}\\",                            // DCS XTGETTCAP query
        "\u{1b}Ptmux;\u{1b}\u{1b}]0;\(title)\u{07}\u{1b}\\", // DCS tmux passthrough
        "\u{9b}2J",                                         // C1 CSI
        "\u{9d}0;\(title)\u{9c}",                           // C1 OSC … C1 ST
        "\u{90}q\u{9c}",                                    // C1 DCS
        "A\u{85}B",                                         // C1 NEL
        "\u{202E}txt.exe\u{202C}",                          // bidi override (RLO … PDF)
        "\u{2066}iso\u{2069}",                              // bidi isolate (LRI … PDI)
        "\u{2067}\u{2068}x\u{2069}",                        // RLI, FSI
        "A\u{200B}B",                                       // zero-width space
        "A\u{200D}B",                                       // zero-width joiner
        "A\u{FE0F}",                                        // variation selector 16
        "A\u{E0100}",                                       // variation selector 17
        "A\u{034F}B",                                       // combining grapheme joiner
        "\u{115F}\u{1160}\u{3164}\u{FFA0}",                 // Hangul fillers
        "A\u{0}B",                                          // NUL
        "line\rOVERWRITE",                                  // carriage return
        "\u{08}\u{08}\u{08}BS",                             // backspaces
        "\u{07}",                                           // bell
        "\u{1b}c",                                          // RIS: full reset
        "\u{1b}[6n",                                        // cursor position query (answer becomes input)
        "\u{1b}]8;;http://evil.example\u{07}link\u{1b}]8;;\u{07}", // OSC 8 hyperlink
        String(repeating: "L", count: 5000) + "\u{1b}]0;\(title)\u{07}", // very long line, then a title
        "\u{FEFF}BOM",                                      // zero-width no-break space
        "\u{2028}\u{2029}",                                 // line and paragraph separators
        "\u{1b}[1;1H\u{1b}[K",                              // cursor home, erase line
        "\u{1b}]1337;SetUserVar=x=eA==\u{07}",              // iTerm2 OSC 1337
        "\u{1b}[?1000h\u{1b}[?1006h",                       // mouse reporting on
        "\u{1b}[4h",                                        // insert mode
    ]

    /// Usable in a secret key (and so in argv and a URL path): no NUL, no `/`.
    public static func keySafe(_ p: String) -> Bool { !p.contains("\u{0}") && !p.contains("/") && p.count < 200 }
}
