/// Terminal column widths without wcwidth (the core may not call libc): East Asian wide and
/// fullwidth ranges, emoji presentation, and zero-width marks. Compact on purpose — it only has to
/// agree with common terminals on the characters that appear in secret keys, comments and values.
public enum DisplayWidth {
    /// Columns for one scalar: 0 (combining/zero-width), 1, or 2 (wide).
    @inlinable
    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x300 { return 1 }                        // ASCII + Latin: the fast path
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if v >= 0x1F000, u.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns for one grapheme cluster. Emoji sequences (ZWJ, VS16, flags, skin tones) count as 2,
    /// combining marks add nothing.
    @inlinable
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(first) }
        if of(first) == 2 { return 2 }
        for u in scalars.dropFirst() {
            let v = u.value
            // VS16 asks for emoji presentation; flags and skin tones render as one wide glyph.
            if v == 0xFE0F || (0x1F1E6...0x1F1FF).contains(v) || (0x1F3FB...0x1F3FF).contains(v) || of(u) == 2 {
                return 2
            }
        }
        return (0x1F1E6...0x1F1FF).contains(first.value) ? 2 : of(first)
    }

    /// Columns for a whole (already sanitized) string.
    @inlinable
    public static func of(_ s: String) -> Int {
        var n = 0
        for c in s {
            if c.isASCII { n += 1 } else { n += of(c) }
        }
        return n
    }

    @inlinable
    static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v) || (0x20D0...0x20FF).contains(v)
            || (0xFE20...0xFE2F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }

    @inlinable
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,            // Hangul Jamo initials
             0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
             0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
             0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
             0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,   // emoji-presentation symbols in the BMP
             0x2E80...0x303E,            // CJK radicals, Kangxi, CJK symbols and punctuation
             0x3041...0x33FF,            // Hiragana, Katakana, Bopomofo, Hangul compat, CJK compat
             0x3400...0x4DBF,            // CJK extension A
             0x4E00...0x9FFF,            // CJK unified ideographs
             0xA000...0xA4CF,            // Yi
             0xA960...0xA97F,            // Hangul Jamo extended A
             0xAC00...0xD7A3,            // Hangul syllables
             0xF900...0xFAFF,            // CJK compatibility ideographs
             0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility forms, small forms
             0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
             0x16FE0...0x18AFF, 0x1B000...0x1B2FF,  // Tangut, Kana supplement
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
             0x1F300...0x1F64F,          // misc symbols and pictographs, emoticons
             0x1F680...0x1F6FF,          // transport and map
             0x1F900...0x1F9FF,          // supplemental symbols and pictographs
             0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK extensions B…
            return true
        default:
            return false
        }
    }
}
