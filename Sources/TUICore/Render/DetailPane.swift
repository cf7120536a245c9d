import Foundation

/// The selected secret: key, value (masked, or revealed and wrapped), references, comment, tags,
/// version and dates, path. Scrolls when longer than the pane.
extension Renderer {
    mutating func drawDetail() {
        let r = paneBox(.detail, title: "Detail")
        let inner = r.inner
        guard inner.height > 0 else { return }
        guard let row = state.selectedSecret else {
            placeholder(state.openProjectId == nil ? "" : "no secret selected", in: r)
            return
        }
        let labelW = Renderer.detailLabelWidth
        let valueW = max(1, inner.width - labelW)
        let lines = Renderer.detailLines(state, row: row, valueWidth: valueW)
        let scroll = min(state.detailScroll, max(0, lines.count - inner.height))
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

    static let detailLabelWidth = 9

    /// The detail pane's lines for a row at a value width (also used by the reducer to bound
    /// scrolling).
    static func detailLines(_ state: AppState, row: SecretRow, valueWidth valueW: Int) -> [(label: String, text: String, style: String)] {
        var lines: [(label: String, text: String, style: String)] = []
        func add(_ label: String, _ text: String, _ style: String = StyleName.detailValue, wrap: Bool = true,
                 words: Bool = false) {
            let parts = !wrap ? [text] : words ? Glyphs.wrapWords(text, width: valueW) : Glyphs.wrap(text, width: valueW)
            for (i, p) in parts.enumerated() { lines.append((i == 0 ? label : "", p, style)) }
        }
        add("Key", row.key, StyleName.secretKey)
        let revealed = state.revealed.flatMap { $0.key == row.key && $0.path == row.path && $0.environment == row.environment ? $0 : nil }
        if let revealed {
            add("Value", revealed.value.isEmpty ? "(empty)" : revealed.value, StyleName.secretRevealed)
            let left = max(0, Int((state.remaskAfter - state.now.timeIntervalSince(revealed.revealedAt)).rounded(.up)))
            if revealed.value.contains("${") {
                add("Expanded", revealed.expanded ?? "(not expanded)", StyleName.secretRevealed)
            }
            add("", "masks again in \(left)s · r to mask", StyleName.secretMeta)
        } else {
            let loading = state.pending.contains(.reveal(projectId: state.openProjectId ?? "", env: row.environment, path: row.path, key: row.key))
            add("Value", SecretsColumns.mask + (loading ? "  revealing…" : "  r to reveal"), StyleName.secretMasked, wrap: false)
        }
        if !row.comment.isEmpty { add("Comment", row.comment, StyleName.secretComment, words: true) }
        if !row.tags.isEmpty { add("Tags", row.tags.joined(separator: ", "), StyleName.secretComment) }
        add("Path", row.path + " · " + row.environment + (row.importedFrom.map { " (imported from \($0))" } ?? ""), StyleName.secretMeta)
        var meta = "v\(row.version)"
        var updated = row.updatedAt.map { DateText.format($0) + " UTC" }
        if let u = row.updatedAt {
            let age = state.now.timeIntervalSince(u)
            updated? += " · " + RelativeAge.format(age) + " ago"
            if age > SecretsColumns.rotationDays * 86400 { meta += " · rotation due (> 90 days)" }
        }
        add("Version", meta, StyleName.secretMeta)
        if let updated { add("Updated", updated, StyleName.secretMeta) }
        if let c = row.createdAt { add("Created", DateText.format(c) + " UTC", StyleName.secretMeta) }
        add("Ref", "${\(row.environment).\(refPath(row.path))\(row.key)}", StyleName.secretMeta)
        lines += detailActionLines(state, row: row, valueWidth: valueW)      // DetailActions.swift (edit)
        lines += detailActivityLines(state, row: row, valueWidth: valueW)    // DetailActivity.swift (audit)

        return lines
    }

    /// How far the detail pane can scroll for the current state and size.
    static func detailMaxScroll(_ state: AppState) -> Int {
        guard let row = state.selectedSecret else { return 0 }
        let inner = Layout(width: state.width, height: state.height).detail.inner
        let count = detailLines(state, row: row, valueWidth: max(1, inner.width - detailLabelWidth)).count
        return max(0, count - inner.height)
    }

    /// Infisical's reference syntax for another secret: `${env.folder.sub.KEY}`.
    static func refPath(_ p: String) -> String {
        let parts = p.split(separator: "/")
        return parts.isEmpty ? "" : parts.joined(separator: ".") + "."
    }
}
