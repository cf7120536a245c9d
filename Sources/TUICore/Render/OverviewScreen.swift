import InfisicalModels

/// The overview (`o`): one row per key of the folder (and sub-folders with ^R), one column per
/// environment. A cell says present (● same as the first environment that has it, ≠ different),
/// missing (–), or imported (↳); a row whose production value is also a non-production one is
/// flagged ⚠. No value is ever drawn: the core never has one.
extension Renderer {
    /// Room for " staging 123" with a gap; at least 9.
    static func overviewCellWidth(_ envs: [String]) -> Int { max(9, (envs.map { Glyphs.width($0) }.max() ?? 0) + 6) }

    static func overviewSymbol(_ c: EnvironmentComparison.Cell) -> String {
        switch c {
        case .missing: return "–"
        case .same: return "●"
        case .differs: return "≠"
        case .imported: return "↳"
        case .importedDiffers: return "↳≠"
        }
    }

    mutating func drawOverview(_ o: OverviewState) {
        let box = layout.overviewBox
        guard box.width > 20, box.height > 6 else { return }
        grid.fill(box, style: base)
        var title = "Overview · " + o.projectName + " · " + o.path + (o.recursive ? " and below" : "")
        if o.filter != .all { title += " · only " + o.filter.rawValue }
        grid.box(box, style: s(StyleName.borderFocused), title: title, titleStyle: s(StyleName.paneTitleFocused))
        let inner = box.inner
        let cellW = Renderer.overviewCellWidth(o.environments)
        let flagW = 4
        let keyW = max(8, inner.width - o.environments.count * cellW - flagW - 1)
        // Header: KEY, then each environment with its count; the selected column is highlighted.
        let header = s(StyleName.tableHeader)
        grid.put("KEY", x: inner.x + 1, y: inner.y, style: header)
        let counts = o.counts
        for (i, env) in o.environments.enumerated() {
            let x = inner.x + 1 + keyW + i * cellW
            var st = Environment.isProduction(slug: env) ? s(StyleName.envProduction) : header
            if i == o.column { st.reverse.toggle() }
            grid.put(" " + env + (o.rows == nil ? "" : " \(counts[i])"), x: x, y: inner.y, maxWidth: cellW - 1, style: st)
        }
        let listTop = inner.y + 1, rowsH = layout.overviewVisibleRows
        guard let rows = o.rows else {
            placeholder("comparing \(o.environments.count) environments…", in: Rect(x: box.x, y: listTop - 1, width: box.width, height: rowsH + 2))
            drawOverviewFooter(o, inner: inner)
            return
        }
        if o.visible.isEmpty {
            let msg = o.error.map { "✗ " + Sanitizer.sanitize($0) }
                ?? (rows.isEmpty ? "no secrets in this folder in any environment" : "nothing matches: every key is fine here")
            placeholder(msg, in: Rect(x: box.x, y: listTop - 1, width: box.width, height: rowsH + 2))
        }
        for r in 0..<rowsH {
            let i = o.cursor.scroll + r
            guard i < o.visible.count else { break }
            let row = rows[o.visible[i]]
            let y = listTop + r
            let selected = i == o.cursor.selected
            let rowStyle = selected ? s(StyleName.listSelected) : s(StyleName.listItem)
            grid.pad(x: inner.x, y: y, count: inner.width, style: rowStyle)
            let name = row.location.path == o.path ? row.location.key
                : Renderer.relative(row.location.path, to: o.path) + "/" + row.location.key
            let mark = o.marked.contains(row.location) ? "+" : " "
            grid.put(mark + Sanitizer.sanitize(name), x: inner.x, y: y, maxWidth: keyW,
                     style: selected ? rowStyle : s(StyleName.secretKey))
            for (c, cell) in row.cells.enumerated() {
                var st = selected ? rowStyle : (cell == .missing || cell == .differs || cell == .importedDiffers
                                                 ? s(StyleName.secretRotationDue) : s(StyleName.secretMeta))
                if selected && c == o.column { st.reverse.toggle() }
                grid.put("   " + Renderer.overviewSymbol(cell), x: inner.x + 1 + keyW + c * cellW, y: y, maxWidth: cellW - 1, style: st)
            }
            if row.isFlagged {
                grid.put("⚠", x: inner.maxX - flagW + 1, y: y, style: selected ? rowStyle : s(StyleName.statusError))
            }
        }
        drawOverviewFooter(o, inner: inner)
        if let items = o.syncPreview { drawSyncPreview(items, in: box) }
        if let form = o.rotation { drawRotationForm(form, in: box) }
    }

    /// `s`: the key, where the new value goes, and the value typed — masked unless ^R.
    mutating func drawRotationForm(_ form: RotationForm, in area: Rect) {
        let w = min(area.width - 4, 72), h = 7
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(1, (area.height - h) / 2), width: w, height: h)
        let style = s(StyleName.dialog)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: "New value for " + Sanitizer.sanitize(form.key), titleStyle: style)
        let inner = box.inner
        grid.put("Writes it in " + form.environments.joined(separator: ", ") + " (never production)",
                 x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: style)
        grid.put("Value", x: inner.x + 1, y: inner.y + 2, style: style)
        if form.revealed {
            drawField(form.value, x: inner.x + 8, y: inner.y + 2, width: inner.width - 9)
        } else {
            grid.put(form.value.isEmpty ? "" : Secret.mask, x: inner.x + 8, y: inner.y + 2, style: s(StyleName.dialogField))
        }
        grid.put(KeyBindings.hint([(.overview(.submit), "write"), (.overview(.reveal), form.revealed ? "mask" : "show"),
                                   (.overview(.close), "cancel")], in: .rotation),
                 x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: style)
    }

    /// What a sync would copy: key, source and target — never a value.
    mutating func drawSyncPreview(_ items: [SyncItem], in area: Rect) {
        let w = min(area.width - 4, 72), h = min(area.height - 2, items.count + 4)
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(1, (area.height - h) / 2), width: w, height: h)
        let style = s(StyleName.dialog)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: "Copy \(items.count) key\(items.count == 1 ? "" : "s") (values are not shown)", titleStyle: style)
        let inner = box.inner
        for (i, item) in items.prefix(max(0, inner.height - 1)).enumerated() {
            let line = Sanitizer.sanitize(item.path == "/" ? item.key : item.path + "/" + item.key) + "   " + item.from + " → " + item.to
            grid.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, style: style)
        }
        grid.put(KeyBindings.hint([(.overview(.yes), "copy"), (.overview(.no), "cancel")], in: .overview),
                 x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: style)
    }

    /// The selected row's meaning, then the keys.
    mutating func drawOverviewFooter(_ o: OverviewState, inner: Rect) {
        let detailY = inner.maxY - 2, hintY = inner.maxY - 1
        if o.syncing || !o.syncResults.isEmpty || o.notice != nil {
            var text: String
            if o.syncing { text = "copying…" }
            else if let n = o.notice { text = n }
            else {
                let ok = o.syncResults.filter(\.wrote), failed = o.syncResults.filter { !$0.wrote }
                text = o.syncResults.allSatisfy { $0.item.from.isEmpty }
                    ? "✓ new value of \(Sanitizer.sanitize(o.syncResults.first?.item.key ?? "")) written in " + ok.map(\.item.to).joined(separator: ", ")
                    : "✓ copied \(ok.count) into \(o.syncResults.first?.item.to ?? "")"
                if !failed.isEmpty {
                    text += " · ✗ not written: " + failed.map { Sanitizer.sanitize($0.item.key) + " (" + Sanitizer.sanitize($0.message) + ")" }
                        .joined(separator: ", ")
                }
            }
            grid.put(text, x: inner.x + 1, y: detailY, maxWidth: inner.width - 2,
                     style: o.syncResults.contains { !$0.wrote } || o.notice != nil ? s(StyleName.statusError) : s(StyleName.statusNotice))
        } else if let row = o.selectedRow {
            var text = Sanitizer.sanitize(row.location.key) + ": "
            let missing = zip(o.environments, row.cells).filter { $0.1 == .missing }.map(\.0)
            let differs = zip(o.environments, row.cells).filter { $0.1 == .differs || $0.1 == .importedDiffers }.map(\.0)
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing in " + missing.joined(separator: ", ")) }
            if !differs.isEmpty { parts.append("differs in " + differs.joined(separator: ", ")) }
            if row.isFlagged { parts.append("⚠ same value in production and " + row.sharedWithProduction.joined(separator: ", ")
                                            + " — the guide: don't use the same secret across environments") }
            text += parts.isEmpty ? "the same everywhere it exists" : parts.joined(separator: " · ")
            grid.put(text, x: inner.x + 1, y: detailY, maxWidth: inner.width - 2,
                     style: row.isFlagged ? s(StyleName.statusError) : s(StyleName.secretMeta))
        }
        // The short form fits 80 columns; wide terminals also name ^R (sub-folders) and R.
        var keys: [(Command, String)] = [(.overview(.open), "open"), (.overview(.differences), "diffs"),
                                         (.overview(.missing), "missing"), (.overview(.flagged), "flagged"),
                                         (.overview(.mark), "mark"), (.overview(.copy), "copy")]
        if inner.width >= 90 { keys.insert((.overview(.all), "all"), at: 4) }
        if inner.width >= 110 { keys += [(.overview(.recursive), "sub-folders"), (.overview(.reload), "compare again")] }
        keys.append((.overview(.close), "back"))
        let hint = KeyBindings.hint(keys, in: .overview)
        grid.put(hint, x: inner.x + 1, y: hintY, maxWidth: inner.width - 2, style: s(StyleName.secretMeta))
    }

    /// `sub/dir` for `/base/sub/dir` under `/base`.
    static func relative(_ path: String, to base: String) -> String {
        guard path.hasPrefix(base) else { return path }
        let rest = path.dropFirst(base.count)
        return String(rest.hasPrefix("/") ? rest.dropFirst() : rest)
    }
}
