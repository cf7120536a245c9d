import InfisicalModels

/// Server text on the CLI's terminal output: `UntrustedText`'s rule (shared with the TUI), with
/// newline and tab optionally kept for multi-line output.
public enum TerminalText {
    public static func escape(_ s: String, keepNewlines: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if keepNewlines && (u == "\n" || u == "\t") { out.unicodeScalars.append(u); continue }
            if let e = UntrustedText.escape(u) { out += e } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}

extension TerminalText {
    /// The one decision for every CLI write: a terminal gets the escaped text (newlines and tabs
    /// kept, they are the output's own layout), a pipe or file gets the exact bytes, and `raw`
    /// (`--raw`) keeps the exact bytes on a terminal for those who really want them.
    /// Escaping is idempotent, so text already made safe (table cells) is unchanged by it.
    public static func forOutput(_ s: String, isTerminal: Bool, raw: Bool) -> String {
        isTerminal && !raw ? escape(s, keepNewlines: true) : s
    }
}
