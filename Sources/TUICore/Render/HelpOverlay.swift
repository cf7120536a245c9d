/// `?`: the key table rendered as help — generated from `KeyBindings.table`, never written by hand.
enum HelpContent {
    /// Help lines: a heading per context, then `keys  description`.
    static func lines(screen: Screen = .browse) -> [(keys: String, text: String, heading: Bool)] {
        var out: [(String, String, Bool)] = []
        let shown = KeyBindings.helpContexts(for: screen)
        for (ctx, bindings) in KeyBindings.helpSections where !bindings.isEmpty && shown.contains(ctx) {
            out.append(("", ctx.rawValue, true))
            for b in bindings { out.append((b.label, b.help, false)) }
        }
        return out
    }
}

extension Renderer {
    mutating func drawHelp(scroll requested: Int) {
        let lines = HelpContent.lines(screen: state.screen)
        let g = layout.help(lineCount: lines.count)
        let (columns, colW, perColumn, box, maxScroll) = (g.columns, g.columnWidth, g.perColumn, g.box, g.maxScroll)
        let keyW = min(Layout.helpKeyWidth, max(1, colW / 3))
        let overlay = s(StyleName.helpOverlay)
        grid.fill(box, style: overlay)
        grid.box(box, style: overlay, title: "Keys — Esc closes", titleStyle: s(StyleName.helpTitle))
        let inner = box.inner
        let rows = inner.height
        let scroll = min(requested, maxScroll)
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
