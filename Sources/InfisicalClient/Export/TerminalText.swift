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
