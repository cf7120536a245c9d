/// Left column, top: the (filterable) project list; `●` marks the open project.
extension Renderer {
    mutating func drawProjects() {
        let r = paneBox(.projects, title: "Projects")
        let inner = r.inner
        drawFilterTag(text: state.browse.projectFilter, editing: state.browse.filterEditing == .projects,
                      count: state.browse.visibleProjects.count, total: state.browse.projects.count, in: r)
        if state.browse.visibleProjects.isEmpty {
            placeholder(state.browse.projectsLoaded ? (state.browse.projects.isEmpty ? "no projects" : "no match") : "loading…", in: r)
            return
        }
        let c = state.browse.projectCursor
        let item = s(StyleName.listItem)
        for row in 0..<inner.height {
            let i = c.scroll + row
            guard i < state.browse.visibleProjects.count else { break }
            let p = state.browse.projects[state.browse.visibleProjects[i]]
            let style = rowStyle(selected: i == c.selected, pane: .projects, normal: item)
            let y = inner.y + row
            grid.pad(x: inner.x, y: y, count: inner.width, style: style)
            let mark = p.id == state.browse.openProjectId ? "● " : "  "
            grid.put(mark + p.name, x: inner.x, y: y, maxWidth: inner.width, style: style)
        }
    }

    /// The filter shown in a pane's bottom border: `/text▏ 3/40`.
    mutating func drawFilterTag(text: String, editing: Bool, count: Int, total: Int, in r: Rect, extra: String = "") {
        guard editing || !text.isEmpty || !extra.isEmpty else { return }
        var tag = " "
        if editing || !text.isEmpty { tag += "/" + text + (editing ? "▏" : "") + " \(count)/\(total) " }
        tag += extra
        grid.put(tag, x: r.x + 2, y: r.maxY - 1, maxWidth: r.width - 4, style: s(StyleName.filterPrompt))
    }
}
