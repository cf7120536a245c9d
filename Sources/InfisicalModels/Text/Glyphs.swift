/// Turns untrusted text into terminal cells: one glyph per grapheme (with its column width), with
/// anything unsafe already replaced by its visible escape. Every drawing path goes through here, so
/// no control character can reach the grid even if a caller forgot to sanitize.
public enum Glyphs {
    /// Calls `body(text, width)` for each cell-sized piece of `s`; stop early by returning false.
    @inlinable
    public static func forEach(_ s: String, _ body: (String, Int) -> Bool) {
        for c in s {
            if c.isASCII, let a = c.asciiValue, a >= 0x20, a < 0x7F {
                if !body(String(c), 1) { return }
                continue
            }
            let scalars = c.unicodeScalars
            if scalars.contains(where: Sanitizer.isUnsafe) {
                // Emit each scalar: escapes as plain ASCII cells, anything else as its own glyph.
                for u in scalars {
                    let piece = Sanitizer.escape(u) ?? visibleAlone(u)
                    for e in piece {
                        let w = e.isASCII ? 1 : max(1, DisplayWidth.of(e))
                        if !body(String(e), w) { return }
                    }
                }
                continue
            }
            let w = DisplayWidth.of(c)
            if w == 0 {
                // A mark with nothing to combine with (start of a string) would vanish: show it.
                for u in scalars { for e in Sanitizer.codePoint(u.value) where !body(String(e), 1) { return } }
                continue
            }
            if !body(String(c), w) { return }
        }
    }

    @usableFromInline
    static func visibleAlone(_ u: Unicode.Scalar) -> String {
        DisplayWidth.of(u) == 0 ? Sanitizer.codePoint(u.value) : String(Character(u))
    }

    /// Display width of `s` after sanitizing (what drawing it will take).
    @inlinable
    public static func width(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        var n = 0
        forEach(s) { _, w in n += w; return true }
        return n
    }

    /// `s` cut to at most `width` columns, ending in `…` when something was cut. A wide character
    /// that would straddle the edge becomes a space; nothing is split.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if Glyphs.width(s) <= width { return Sanitizer.sanitize(s) }
        var out = "", used = 0
        forEach(s) { g, w in
            if used + w > width - 1 { return false }
            out += g; used += w; return true
        }
        while used < width - 1 { out += " "; used += 1 }
        return out + "…"
    }

    /// Hard-wraps `s` into lines of at most `width` columns. Newlines start a new line; a wide
    /// character never straddles a line end, and a visible escape (`^[`, `<U+202E>`) is never split.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for para in s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = "", used = 0
            func place(_ token: String, _ w: Int) {
                if used + w > width, used > 0 { lines.append(line); line = ""; used = 0 }
                line += token; used += w
            }
            var pending = ""                       // an escape being collected
            var inEscape = false
            forEach(String(para)) { g, w in
                if inEscape {
                    pending += g
                    if g == ">" || pending.count > 10 { place(pending, Glyphs.width(pending)); pending = ""; inEscape = false }
                    return true
                }
                if g == "<" { pending = g; inEscape = true; return true }
                place(g, w)
                return true
            }
            if !pending.isEmpty { place(pending, Glyphs.width(pending)) }
            lines.append(line)
        }
        return lines
    }

    /// Word wrap for prose (comments): breaks at spaces; a word longer than a line is broken
    /// as `wrap` would. Values are never word-wrapped: their spaces are significant.
    public static func wrapWords(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for para in s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = "", used = 0
            for word in para.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let w = Glyphs.width(word)
                let gap = used > 0 ? 1 : 0
                if used + gap + w <= width { line += (gap == 1 ? " " : "") + word; used += gap + w; continue }
                if used > 0 { out.append(line); line = ""; used = 0 }
                if w <= width { line = word; used = w; continue }
                var pieces = wrap(word, width: width)
                let last = pieces.removeLast()
                out += pieces; line = last; used = Glyphs.width(last)
            }
            out.append(line)
        }
        return out
    }
}
