import InfisicalModels

/// Left column, bottom: the folder tree from the root (FolderTreeText spells each row). The
/// title is the current folder's path, cut from the left when long, so where you are always shows.
extension Renderer {
    mutating func drawFolders() {
        let box = layout.rect(of: .folders)
        let titleRoom = max(1, box.width - 4 - Glyphs.width("Folders "))
        let r = paneBox(.folders, title: "Folders " + Renderer.keepTail(Sanitizer.sanitize(state.browse.path), width: titleRoom))
        let inner = r.inner
        let rows = state.browse.folderRows
        guard state.browse.openProjectId != nil else { placeholder("open a project", in: r); return }
        if rows.isEmpty {
            let loading = state.requests.contains { if case .folders = $0 { return true }; return false }
            let failed = state.browse.folderTree.failures["/"].map { "✗ not loaded: " + Sanitizer.sanitize($0) }
            placeholder(loading ? "loading…" : failed ?? "no folders", in: r)
            return
        }
        let c = state.browse.folderCursor
        let tree = state.browse.folderTree
        let guide = s(StyleName.border), meta = s(StyleName.secretMeta)
        var y = inner.y
        for i in c.scroll..<min(rows.count, c.scroll + inner.height) {
            let row = rows[i]
            let selected = i == c.selected
            let style = rowStyle(selected: selected, pane: .folders, normal: s(StyleName.folder))
            grid.pad(x: inner.x, y: y, count: inner.width, style: style)
            let prefix = FolderTreeText.prefix(row)
            let trailer = FolderTreeText.trailer(row, count: tree.count(of: row.path), isCurrent: row.path == state.browse.path)
            let trailerW = Glyphs.width(trailer)
            let used = grid.put(prefix, x: inner.x, y: y, maxWidth: inner.width, style: selected ? style : guide, ellipsis: false)
            let nameRoom = inner.width - used - (trailerW > 0 ? trailerW + 1 : 0)
            if nameRoom > 0 {
                grid.put(Glyphs.truncate(FolderTreeText.label(row), to: nameRoom), x: inner.x + used, y: y,
                         maxWidth: nameRoom, style: style)
            }
            if trailerW > 0, trailerW < inner.width - used {
                grid.put(trailer, x: inner.maxX - trailerW, y: y, maxWidth: trailerW, style: selected ? style : meta)
            }
            y += 1
        }
        // Why the current folder's sub-folders are missing, under the tree when there is room.
        if let why = state.browse.foldersFailure, y < inner.maxY - 1 {
            let lines = Glyphs.wrapWords("✗ not loaded: " + Sanitizer.sanitize(why), width: inner.width)
            for line in lines.prefix(inner.maxY - y - 1) {
                y += 1
                grid.put(line, x: inner.x, y: y, maxWidth: inner.width, style: meta)
            }
        }
    }
}
