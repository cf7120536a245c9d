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

    mutating func drawHelp() {
        let lines = Renderer.helpLines()
        let bodyH = layout.height - 2
        let columns = layout.width >= 76 ? 2 : 1
        let colW = 36
        let w = min(layout.width - 2, columns * colW + 3)
        let perColumn = (lines.count + columns - 1) / columns
        let h = min(bodyH, perColumn + 3)
        let box = Rect(x: (layout.width - w) / 2, y: 1 + (bodyH - h) / 2, width: w, height: h)
        let overlay = s(StyleName.helpOverlay)
        grid.fill(box, style: overlay)
        grid.box(box, style: overlay, title: "Keys — Esc closes", titleStyle: s(StyleName.helpTitle))
        let inner = box.inner
        let rows = inner.height
        let scroll = min(state.helpScroll, max(0, perColumn - rows))
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
