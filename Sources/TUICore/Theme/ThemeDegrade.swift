/// Fitting a theme to what the terminal can show: truecolour → 256 → 16 → 8 → none. Colours map
/// to the nearest palette entry (xterm's default RGB values); without colour, styles come from the
/// monochrome theme's attributes so selection, active tab and production stay distinguishable.
extension Theme {
    /// - Parameter colors: the terminal's colour count (`COLORS`): ≥ 16M keeps rgb, 256, 16, 8,
    ///   or fewer for monochrome.
    public func degraded(to colors: Int) -> Theme {
        if colors >= 0x1000000 { return self }
        if colors < 8 { return monochrome(name: name + " (mono)") }
        var out = self
        var all: [String: TextStyle] = [:]
        for n in Set(StyleName.all).union(styles.keys) {
            var s = style(n)
            s.fg = Self.degrade(s.fg, colors: colors, isForeground: true, bold: &s.bold)
            var ignored = false
            s.bg = Self.degrade(s.bg, colors: colors, isForeground: false, bold: &ignored)
            all[n] = s
        }
        out.styles = all
        return out
    }

    /// For `NO_COLOR`: no colours at all, attributes only.
    public var noColor: Theme { monochrome(name: name + " (no colour)") }

    private func monochrome(name: String) -> Theme {
        let mono = Theme.builtinMonochrome
        var all: [String: TextStyle] = [:]
        for n in Set(StyleName.all).union(styles.keys) {
            let own = style(n)
            var m = mono.styles[n] ?? TextStyle(reverse: own.bg != .default)
            m.bold = m.bold || own.bold
            m.underline = m.underline || own.underline
            m.italic = m.italic || own.italic
            all[n] = m
        }
        return Theme(name: name, styles: all, unknownStyleNames: unknownStyleNames)
    }

    static func degrade(_ c: Color, colors: Int, isForeground: Bool, bold: inout Bool) -> Color {
        switch c {
        case .default: return c
        case .ansi(let n):
            if colors >= 16 || n < 8 { return c }
            if isForeground { bold = true }          // bright → bold on 8-colour terminals
            return .ansi(n - 8)
        case .indexed(let n):
            if colors >= 256 { return c }
            return degrade(.ansi(nearestANSI(rgb(ofIndex: Int(n)), limit: 16)), colors: colors, isForeground: isForeground, bold: &bold)
        case .rgb(let r, let g, let b):
            if colors >= 256 { return nearest256(r, g, b) }
            return degrade(.ansi(nearestANSI((Int(r), Int(g), Int(b)), limit: 16)), colors: colors, isForeground: isForeground, bold: &bold)
        }
    }

    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansiRGB[max(0, n)] }
        if n >= 232 { let v = 8 + 10 * (n - 232); return (v, v, v) }
        let i = n - 16
        return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db       // rough perceptual weighting
    }

    static func nearestANSI(_ c: (Int, Int, Int), limit: Int) -> UInt8 {
        var best = 0, bestD = Int.max
        for i in 0..<limit { let d = distance(c, ansiRGB[i]); if d < bestD { best = i; bestD = d } }
        return UInt8(best)
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Color {
        let c = (Int(r), Int(g), Int(b))
        var best = 16, bestD = Int.max
        for i in 16..<256 { let d = distance(c, rgb(ofIndex: i)); if d < bestD { best = i; bestD = d } }
        return .indexed(UInt8(best))
    }
}
