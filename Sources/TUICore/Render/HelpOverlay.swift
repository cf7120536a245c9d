/// `?`: the key table rendered as help — generated from `KeyBindings.table`, never written by hand.
extension Renderer {
    /// Help lines: a heading per context, then `keys  description`.
    static func helpLines() -> [(keys: String, text: String, heading: Bool)] {
        var out: [(String, String, Bool)] = []
        for (ctx, bindings) in KeyBindings.helpSections where !bindings.isEmpty {
            out.append(("", ctx.rawValue, true))
            for b in bindings { out.append((b.label, b.help, false)) }
        }
        return out
    }

    static let helpColumnWidth = 36

    /// Overlay geometry for a terminal size: columns, rows per column, the box, how far it scrolls.
    static func helpGeometry(width: Int, height: Int) -> (columns: Int, perColumn: Int, box: Rect, maxScroll: Int) {
        let count = helpLines().count
        let bodyH = height - 2
        let columns = width >= 76 ? 2 : 1
        let w = min(width - 2, columns * helpColumnWidth + 3)
        let perColumn = (count + columns - 1) / columns
        let h = min(bodyH, perColumn + 3)
        let box = Rect(x: (width - w) / 2, y: 1 + (bodyH - h) / 2, width: w, height: h)
        return (columns, perColumn, box, max(0, perColumn - box.inner.height))
    }

    mutating func drawHelp() {
        let lines = Renderer.helpLines()
        let (columns, perColumn, box, maxScroll) = Renderer.helpGeometry(width: layout.width, height: layout.height)
        let colW = Renderer.helpColumnWidth
        let overlay = s(StyleName.helpOverlay)
        grid.fill(box, style: overlay)
        grid.box(box, style: overlay, title: "Keys — Esc closes", titleStyle: s(StyleName.helpTitle))
        let inner = box.inner
        let rows = inner.height
        let scroll = min(state.helpScroll, maxScroll)
        let keyStyle = s(StyleName.helpKey), title = s(StyleName.helpTitle)
        for c in 0..<columns {
            let x = inner.x + 1 + c * (colW + 1)
            for r in 0..<rows {
                let i = c * perColumn + scroll + r
                guard i < (c + 1) * perColumn, i < lines.count else { break }
                let line = lines[i]
                if line.heading {
                    grid.put(line.text, x: x, y: inner.y + r, maxWidth: colW, style: title)
                } else {
                    grid.put(line.keys, x: x, y: inner.y + r, maxWidth: 8, style: keyStyle)
                    grid.put(line.text, x: x + 9, y: inner.y + r, maxWidth: colW - 9, style: overlay)
                }
            }
        }
    }
}
