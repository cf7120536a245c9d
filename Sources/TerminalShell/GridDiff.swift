import TUICore

/// Which cells to write to turn the screen showing `old` into `new`. Pure, so the wide-character
/// rules are unit-testable without a terminal.
///
/// Rules (after ratatui's buffer diff):
/// - a changed cell is painted; a wide glyph is painted on its first cell and covers the next;
/// - if the old or new cell at x is half of a wide glyph, its partner is repainted too, so a wide
///   glyph that is overwritten never leaves a stale half behind;
/// - a continuation cell without a wide lead before it (malformed grid) is painted as a space;
/// - a wide glyph in the last column cannot fit and is painted as a space.
public enum GridDiff {
    public struct Paint: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell
    }

    public static func paints(from old: Grid?, to new: Grid) -> [Paint] {
        let full = old == nil || old?.width != new.width || old?.height != new.height
        var out: [Paint] = []
        var dirty = [Bool](repeating: false, count: new.width)
        for y in 0..<new.height {
            if full {
                for x in 0..<new.width { dirty[x] = true }
            } else if let old {
                for x in 0..<new.width { dirty[x] = false }
                for x in 0..<new.width {
                    let o = old[x, y], n = new[x, y]
                    guard o != n else { continue }
                    dirty[x] = true
                    for w in [o.width, n.width] {
                        if w == 2, x + 1 < new.width { dirty[x + 1] = true }
                        if w == 0, x > 0 { dirty[x - 1] = true }
                    }
                }
            }
            var x = 0
            while x < new.width {
                defer { x += 1 }
                guard dirty[x] else { continue }
                let cell = new[x, y]
                if cell.width == 0 {
                    // Drawn by its lead, unless it has none.
                    if x > 0, new[x - 1, y].width == 2 { continue }
                    out.append(Paint(x: x, y: y, cell: Cell(text: " ", width: 1, style: cell.style)))
                } else if cell.width == 2 {
                    if x + 1 >= new.width {
                        out.append(Paint(x: x, y: y, cell: Cell(text: " ", width: 1, style: cell.style)))
                    } else {
                        out.append(Paint(x: x, y: y, cell: cell))
                        x += 1    // the glyph covers the continuation cell
                    }
                } else {
                    out.append(Paint(x: x, y: y, cell: cell))
                }
            }
        }
        return out
    }
}
