import Foundation

/// The selected secret: key, value (masked, or revealed and wrapped), references, comment, tags,
/// version and dates, path. Scrolls when longer than the pane.
extension Renderer {
    mutating func drawDetail() {
        let r = paneBox(.detail, title: "Detail")
        let inner = r.inner
        guard inner.height > 0 else { return }
        guard let row = state.browse.selectedSecret else {
            placeholder(state.browse.openProjectId == nil ? "" : "no secret selected", in: r)
            return
        }
        let labelW = DetailContent.labelWidth
        let valueW = max(1, inner.width - labelW)
        let lines = DetailContent.lines(state, row: row, valueWidth: valueW)
        let scroll = min(state.browse.detailScroll, max(0, lines.count - inner.height))
        let label = s(StyleName.detailLabel)
        for i in 0..<inner.height {
            let li = scroll + i
            guard li < lines.count else { break }
            let line = lines[li]
            let y = inner.y + i
            if !line.label.isEmpty { grid.put(line.label, x: inner.x, y: y, maxWidth: labelW - 1, style: label) }
            grid.put(line.text, x: inner.x + labelW, y: y, maxWidth: valueW, style: s(line.style))
        }
        if lines.count > inner.height {
            grid.put(" \(scroll + 1)-\(min(lines.count, scroll + inner.height))/\(lines.count) ",
                     x: r.maxX - 12, y: r.maxY - 1, maxWidth: 11, style: s(StyleName.border))
        }
    }

}
