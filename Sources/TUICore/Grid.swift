/// The renderer's output: a rectangle of cells. The terminal shell diffs two grids and draws only
/// the cells that changed; tests read a grid back as plain text.
public struct Cell: Equatable, Sendable {
    /// One grapheme (already sanitized: never a control character). Empty for the trailing half of
    /// a wide character.
    public var text: String
    /// Columns this cell's text occupies: 1 or 2 (0 for a wide character's continuation).
    public var width: UInt8
    public var style: TextStyle

    public init(text: String = " ", width: UInt8 = 1, style: TextStyle = .plain) {
        self.text = text; self.width = width; self.style = style
    }

    public static let blank = Cell()
}

public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    /// Row `y` as plain text (continuation cells contribute nothing), trailing spaces kept.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        return s
    }

    /// The whole grid as text, one line per row, trailing spaces trimmed (for tests and captures).
    public var text: String {
        (0..<height).map { line($0).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
