/// Server text is untrusted: before anything is laid out it goes through `UntrustedText`'s rule
/// (shared with the CLI). The output is idempotent: escaping it again changes nothing.
public enum Sanitizer {
    /// - Parameter keepNewlines: keep `\n` (for multi-line values in the detail view); tabs then
    ///   become two spaces. Otherwise every control character is escaped.
    @inlinable
    public static func sanitize(_ s: String, keepNewlines: Bool = false) -> String {
        // Fast path: plain printable ASCII is by far the common case.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            if keepNewlines {
                if u == "\n" { out.unicodeScalars.append(u); continue }
                if u == "\t" { out += "  "; continue }
            }
            if let e = escape(u) { out += e } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// The visible replacement for one scalar, or nil when it is safe to show as is.
    @inlinable
    public static func escape(_ u: Unicode.Scalar) -> String? { UntrustedText.escape(u) }

    /// True when `u` would be escaped.
    @inlinable
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool { UntrustedText.isUnsafe(u) }

    @inlinable
    public static func codePoint(_ v: UInt32) -> String { UntrustedText.codePoint(v) }
}
