import InfisicalModels
/// Left column, bottom: the folders of the current path as a small tree (`..` to go up).
extension Renderer {
    mutating func drawFolders() {
        let r = paneBox(.folders, title: "Folders " + state.browse.path)
        let inner = r.inner
        let rows = state.browse.folderRows
        guard state.browse.openProjectId != nil else { placeholder("open a project", in: r); return }
        if rows.isEmpty {
            let loading = state.requests.contains { if case .folders = $0 { return true }; return false }
            let failed = state.browse.foldersFailure.map { "✗ not loaded: " + Sanitizer.sanitize($0) }
            placeholder(loading ? "loading…" : failed ?? "no sub-folders", in: r)
            return
        }
        let c = state.browse.folderCursor
        let folder = s(StyleName.folder)
        let childCount = rows.count - (rows.first == ".." ? 1 : 0)
        for row in 0..<inner.height {
            let i = c.scroll + row
            guard i < rows.count else { break }
            let name = rows[i]
            let style = rowStyle(selected: i == c.selected, pane: .folders, normal: folder)
            let y = inner.y + row
            grid.pad(x: inner.x, y: y, count: inner.width, style: style)
            let label: String
            if name == ".." { label = "↰ .." }
            else {
                let childIndex = i - (rows.count - childCount)
                label = (childIndex == childCount - 1 ? "└─ " : "├─ ") + name + "/"
            }
            grid.put(label, x: inner.x, y: y, maxWidth: inner.width, style: style)
        }
    }
}
