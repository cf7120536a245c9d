import InfisicalModels

/// Drawing primitives on a `Grid`. All text goes through `Glyphs`, so whatever a caller passes,
/// the grid only ever holds sanitized graphemes, and a wide character always owns its cell plus a
/// continuation cell (`text: ""`, `width: 0`).
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
}

extension Grid {
    /// Draws `text` at (x, y) within `maxWidth` columns (clipped to the grid). When it does not fit
    /// and `ellipsis` is set, the last column shows `…`. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: TextStyle,
                             ellipsis: Bool = true) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width - x))
        guard limit > x else { return 0 }
        var col = x
        var overflow = false
        Glyphs.forEach(text) { g, w in
            if col + w > limit { overflow = true; return false }
            if col >= 0 {
                place(Cell(text: g, width: UInt8(w), style: style), x: col, y: y)
                if w == 2 {
                    // The continuation may cover the first half of another wide glyph.
                    if col + 2 < width, self[col + 1, y].width == 2 { self[col + 2, y] = Cell(text: " ", width: 1, style: self[col + 2, y].style) }
                    self[col + 1, y] = Cell(text: "", width: 0, style: style)
                }
            }
            col += w
            return true
        }
        if overflow {
            if ellipsis && limit - x >= 1 {
                // The ellipsis takes the last column we own; `place` repairs any wide glyph it cuts.
                let e = limit - 1
                place(Cell(text: "…", width: 1, style: style), x: e, y: y)
                return limit - x
            }
            // A wide glyph that does not fit at the edge becomes a space.
            while col < limit { place(Cell(text: " ", width: 1, style: style), x: col, y: y); col += 1 }
        }
        return col - x
    }

    /// Writes a one-column cell at (x, y) without leaving half a wide glyph behind: overwriting
    /// either half of a wide character blanks the other half, so every row keeps its width and the
    /// shell never sees an orphaned continuation cell.
    mutating func place(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let old = self[x, y]
        if old.width == 0, x > 0, self[x - 1, y].width == 2 {
            self[x - 1, y] = Cell(text: " ", width: 1, style: self[x - 1, y].style)
        }
        if old.width == 2, x + 1 < width, self[x + 1, y].width == 0 {
            self[x + 1, y] = Cell(text: " ", width: 1, style: self[x + 1, y].style)
        }
        self[x, y] = cell
    }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(_ r: Rect, style: TextStyle) {
        let blank = Cell(text: " ", width: 1, style: style)
        for yy in max(0, r.y)..<min(height, r.maxY) {
            for xx in max(0, r.x)..<min(width, r.maxX) { place(blank, x: xx, y: yy) }
        }
    }

    /// Pads from `x` to `x + count` with blanks (used to give a whole row a background).
    public mutating func pad(x: Int, y: Int, count: Int, style: TextStyle) {
        fill(Rect(x: x, y: y, width: count, height: 1), style: style)
    }

    /// A single-line box `┌─┐│└─┘` with an optional title in the top border.
    public mutating func box(_ r: Rect, style: TextStyle, title: String? = nil, titleStyle: TextStyle? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        let horiz = String(repeating: "─", count: r.width - 2)
        put("┌" + horiz + "┐", x: r.x, y: r.y, style: style, ellipsis: false)
        put("└" + horiz + "┘", x: r.x, y: r.maxY - 1, style: style, ellipsis: false)
        for yy in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: yy, style: style)
            put("│", x: r.maxX - 1, y: yy, style: style)
        }
        if let title, r.width > 4 {
            put(" " + title + " ", x: r.x + 1, y: r.y, maxWidth: r.width - 2, style: titleStyle ?? style)
        }
    }

    /// Text of the cells in columns `x..<x+count` of row `y` (tests and hit checks).
    public func text(x: Int, y: Int, count: Int) -> String {
        var s = ""
        for xx in max(0, x)..<min(width, x + count) { s += self[xx, y].text }
        return s
    }
}
