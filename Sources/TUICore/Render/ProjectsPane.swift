/// Left column, top: the (filterable) project list; `●` marks the open project.
extension Renderer {
    mutating func drawProjects() {
        let r = paneBox(.projects, title: "Projects")
        let inner = r.inner
        drawFilterTag(text: state.projectFilter, editing: state.filterEditing == .projects,
                      count: state.visibleProjects.count, total: state.projects.count, in: r)
        if state.visibleProjects.isEmpty {
            placeholder(state.projectsLoaded ? (state.projects.isEmpty ? "no projects" : "no match") : "loading…", in: r)
            return
        }
        let c = state.projectCursor
        let item = s(StyleName.listItem)
        for row in 0..<inner.height {
            let i = c.scroll + row
            guard i < state.visibleProjects.count else { break }
            let p = state.projects[state.visibleProjects[i]]
            let style = rowStyle(selected: i == c.selected, pane: .projects, normal: item)
            let y = inner.y + row
            grid.pad(x: inner.x, y: y, count: inner.width, style: style)
            let mark = p.id == state.openProjectId ? "● " : "  "
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
