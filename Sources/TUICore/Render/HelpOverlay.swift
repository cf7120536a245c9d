/// `?`: the key table rendered as help — generated from `KeyBindings.table`, never written by hand.
extension Renderer {
    /// Help lines: a heading per context, then `keys  description`.
    static func helpLines(screen: Screen = .browse) -> [(keys: String, text: String, heading: Bool)] {
        var out: [(String, String, Bool)] = []
        let shown = KeyBindings.helpContexts(for: screen)
        for (ctx, bindings) in KeyBindings.helpSections where !bindings.isEmpty && shown.contains(ctx) {
            out.append(("", ctx.rawValue, true))
            for b in bindings { out.append((b.label, b.help, false)) }
        }
        return out
    }

    /// Preferred width of one help column (keys + gap + description).
    static let helpColumnWidth = 36
    /// Width of the keys part of a help row; the description starts one column after it.
    static let helpKeyWidth = 8

    /// Overlay geometry for a terminal size: columns, the width of each, rows per column, the box,
    /// how far it scrolls. Inside the border there is one blank column on each side and one between
    /// columns, so text can never reach the border.
    static func helpGeometry(width: Int, height: Int, screen: Screen = .browse)
        -> (columns: Int, columnWidth: Int, perColumn: Int, box: Rect, maxScroll: Int) {
        let count = helpLines(screen: screen).count
        let bodyH = max(0, height - 2)
        let columns = width >= 2 * helpColumnWidth + 1 + 4 + 2 ? 2 : 1
        let chrome = 4 + (columns - 1)          // borders + side padding + gaps between columns
        let w = max(0, min(width - 2, columns * helpColumnWidth + chrome))
        let colW = max(1, (w - chrome) / columns)
        let perColumn = (count + columns - 1) / columns
        let h = min(bodyH, perColumn + 3)
        let box = Rect(x: (width - w) / 2, y: 1 + (bodyH - h) / 2, width: w, height: h)
        return (columns, colW, perColumn, box, max(0, perColumn - box.inner.height))
    }

    mutating func drawHelp() {
        let lines = Renderer.helpLines(screen: state.screen)
        let (columns, colW, perColumn, box, maxScroll) = Renderer.helpGeometry(width: layout.width, height: layout.height, screen: state.screen)
        let keyW = min(Renderer.helpKeyWidth, max(1, colW / 3))
        let overlay = s(StyleName.helpOverlay)
        grid.fill(box, style: overlay)
        grid.box(box, style: overlay, title: "Keys — Esc closes", titleStyle: s(StyleName.helpTitle))
        let inner = box.inner
        let rows = inner.height
        let scroll = min(state.helpScroll, maxScroll)
        let keyStyle = s(StyleName.helpKey), title = s(StyleName.helpTitle)
        for c in 0..<columns {
            let x = inner.x + 1 + c * (colW + 1)
            // Never past the right padding column, whatever the column arithmetic says.
            let colEnd = min(x + colW, inner.maxX - 1)
            guard colEnd > x else { continue }
            for r in 0..<rows {
                let i = c * perColumn + scroll + r
                guard i < (c + 1) * perColumn, i < lines.count else { break }
                let line = lines[i]
                if line.heading {
                    grid.put(line.text, x: x, y: inner.y + r, maxWidth: colEnd - x, style: title)
                } else {
                    grid.put(line.keys, x: x, y: inner.y + r, maxWidth: min(keyW, colEnd - x), style: keyStyle)
                    let tx = x + keyW + 1
                    if colEnd > tx { grid.put(line.text, x: tx, y: inner.y + r, maxWidth: colEnd - tx, style: overlay) }
                }
            }
        }
    }
}
