/// The one rule for showing server text on a terminal: characters a terminal would act on (C0/C1
/// controls, ESC, DEL) or that reorder/hide text (bidi overrides and isolates, other format
/// characters) get a visible, inert replacement: ESC → `^[`, C0 → `^X`, DEL → `^?`,
/// C1/bidi/format → `<U+202E>`. The CLI and the TUI both build on it.
/// Invisible characters that make two different strings look the same (zero-width joiner,
/// variation selectors, U+034F, Hangul fillers) are shown too, so two keys never look alike.
public enum UntrustedText {
    /// The visible replacement for one scalar, or nil when it is safe to show as is.
    public static func escape(_ u: Unicode.Scalar) -> String? {
        let v = u.value
        if v < 0x20 { return "^" + String(Character(Unicode.Scalar(UInt8(v + 0x40)))) }
        if v == 0x7F { return "^?" }
        if v < 0xA0 {
            return v >= 0x80 ? codePoint(v) : nil
        }
        if needsCodePointEscape(u) { return codePoint(v) }
        return nil
    }

    /// True when `u` would be escaped.
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) { return true }
        return v >= 0xA0 && needsCodePointEscape(u)
    }

    static func needsCodePointEscape(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        if v < 0x300 { return v == 0xAD }          // soft hyphen is an invisible format char
        if isInvisibleLookalike(v) { return true }
        switch u.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }

    /// Characters that render as nothing (or as a blank) yet make a string different: ZWJ (a
    /// format character, listed for clarity), variation selectors, the combining grapheme joiner
    /// and the Hangul fillers. Shown as `<U+XXXX>` so `KEY` and `KEY<U+200D>` never look the same.
    static func isInvisibleLookalike(_ v: UInt32) -> Bool {
        v == 0x200D || v == 0x034F || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
            || v == 0x115F || v == 0x1160 || v == 0x3164 || v == 0xFFA0
    }

    /// `<U+XXXX>` notation, at least four hex digits.
    public static func codePoint(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "<U+" + hex + ">"
    }
}
