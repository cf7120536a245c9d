/// Server text is untrusted: before it reaches a terminal, control characters become visible
/// caret/escape notation (ESC → `^[`, DEL → `^?`, C1 → `\u{9b}`-style `<U+009B>`), and bidi
/// overrides/isolates are shown as `<U+202E>`, so no value can move the cursor, retitle the window
/// or reorder what is shown. Newline and tab may be kept for multi-line displays.
public enum TerminalText {
    public static func escape(_ s: String, keepNewlines: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            if keepNewlines && (u == "\n" || u == "\t") { out.unicodeScalars.append(u); continue }
            if v < 0x20 { out += "^" + String(UnicodeScalar(v + 0x40)!) }
            else if v == 0x7f { out += "^?" }
            else if (0x80...0x9f).contains(v) || (0x202a...0x202e).contains(v) || (0x2066...0x2069).contains(v)
                        || v == 0x200e || v == 0x200f || v == 0x061c {
                out += "<U+" + String(v, radix: 16, uppercase: true).leftPadded(4) + ">"
            } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
