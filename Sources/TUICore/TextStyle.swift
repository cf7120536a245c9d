/// A resolved style: colours plus attributes. Themes map semantic names (`tab.active`,
/// `env.production`, …) to these; the terminal shell maps them to colour pairs.
public struct TextStyle: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var italic: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.dim = dim
        self.underline = underline; self.reverse = reverse; self.italic = italic
    }

    public static let plain = TextStyle()
}

public enum Color: Hashable, Sendable {
    /// The terminal's own foreground/background.
    case `default`
    /// 0–15: the ANSI palette (0 black … 7 white, 8–15 bright).
    case ansi(UInt8)
    /// 16–255: the xterm 256-colour cube and greys.
    case indexed(UInt8)
    /// Truecolor request; shells without it map to the nearest 256/16 colour.
    case rgb(UInt8, UInt8, UInt8)
}
