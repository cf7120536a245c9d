import TUICore

/// How many colours the terminal can show. Themes ask for any `Color`; this maps it down to what
/// the terminal has, so 8- and 16-colour terminals (and NO_COLOR) degrade instead of breaking.
public enum ColorDepth: Equatable, Sendable {
    case none        // NO_COLOR or a terminal without colours: attributes only
    case ansi8
    case ansi16
    case indexed256

    public init(colors: Int, noColor: Bool) {
        if noColor || colors < 8 { self = .none }
        else if colors < 16 { self = .ansi8 }
        else if colors < 256 { self = .ansi16 }
        else { self = .indexed256 }
    }
}

/// Pure colour arithmetic (no ncurses), unit-testable.
public enum ColorMapping {
    /// The terminal colour number for `color` at `depth` (-1 = the terminal's default), plus
    /// whether the foreground should be bold to approximate a bright colour on 8-colour terminals.
    public static func number(for color: Color, depth: ColorDepth) -> (number: Int16, brighten: Bool) {
        switch depth {
        case .none: return (-1, false)
        case .indexed256:
            switch color {
            case .default: return (-1, false)
            case .ansi(let n): return (Int16(n & 15), false)
            case .indexed(let n): return (Int16(n), false)
            case .rgb(let r, let g, let b): return (Int16(nearest256(r, g, b)), false)
            }
        case .ansi16, .ansi8:
            let n: Int
            switch color {
            case .default: return (-1, false)
            case .ansi(let a): n = Int(a & 15)
            case .indexed(let i): n = i < 16 ? Int(i) : nearestANSI(rgbOf256(Int(i)))
            case .rgb(let r, let g, let b): n = nearestANSI((Int(r), Int(g), Int(b)))
            }
            if depth == .ansi8 { return (Int16(n % 8), n >= 8) }
            return (Int16(n), false)
        }
    }

    /// xterm's 16 base colours as RGB (the common defaults).
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// RGB of an xterm-256 index.
    static func rgbOf256(_ i: Int) -> (Int, Int, Int) {
        if i < 16 { return ansiRGB[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 2 + dg * dg * 4 + db * db * 3    // rough perceptual weights
    }

    static func nearestANSI(_ c: (Int, Int, Int)) -> Int {
        var best = 0, bestD = Int.max
        for (i, p) in ansiRGB.enumerated() { let d = distance(c, p); if d < bestD { best = i; bestD = d } }
        return best
    }

    /// Nearest of the 6×6×6 cube and the grey ramp (indexes 16–255).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let c = (Int(r), Int(g), Int(b))
        func level(_ v: Int) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let cube = 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
        let grey = (c.0 + c.1 + c.2) / 3
        let greyIndex = 232 + min(23, max(0, (grey - 3) / 10))
        return distance(c, rgbOf256(greyIndex)) < distance(c, rgbOf256(cube)) ? greyIndex : cube
    }
}
