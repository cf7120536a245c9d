import InfisicalModels

/// Row 0: app + project name over the left column, environment tabs (production in the danger
/// style), and the identity's role on the right.
extension Renderer {
    mutating func drawTopBar() {
        let y = layout.topBar.y
        let header = s(StyleName.header)
        grid.pad(x: 0, y: y, count: layout.width, style: header)
        let org = state.session.organizationName.map { Sanitizer.sanitize($0) }
        let (title, orgShown) = Self.title(app: " infisical", organization: org,
                                           project: state.browse.openProject?.name, width: layout.tabsX - 1)
        grid.put(title, x: 0, y: y, maxWidth: layout.tabsX - 1, style: header)

        let envs = state.browse.environments
        let ranges = Layout.tabRanges(slugs: envs.map(\.slug), startX: layout.tabsX)
        var roleText = ""
        if let role = state.role { roleText = "role: " + role.displayName + " " }
        let roleW = Glyphs.width(roleText)
        let tabsEnd = layout.width - roleW - 1
        for (i, env) in envs.enumerated() {
            let r = ranges[i]
            guard r.lowerBound < tabsEnd else { break }
            let active = i == state.browse.environmentIndex
            let style: TextStyle
            if env.isProduction { style = s(active ? StyleName.envProductionActive : StyleName.envProduction) }
            else { style = s(active ? StyleName.tabActive : StyleName.tabInactive) }
            grid.put(Layout.tabLabel(index: i, slug: env.slug), x: r.lowerBound, y: y,
                     maxWidth: tabsEnd - r.lowerBound, style: style)
        }
        if roleW > 0 { grid.put(roleText, x: layout.width - roleW, y: y, style: s(StyleName.role)) }
        // No room beside the project (narrow left column): the organization goes left of the
        // role, in the columns the tabs leave free, cut to fit (never over a tab).
        if let org, !orgShown {
            let tabsNaturalEnd = ranges.last?.upperBound ?? layout.tabsX
            let free = layout.width - roleW - tabsNaturalEnd - 2
            if free >= 6 {
                let text = Glyphs.truncate(org, to: min(free - 1, Glyphs.width(org))) + " "
                grid.put(text, x: layout.width - roleW - Glyphs.width(text), y: y, style: header)
            }
        }
    }

    /// The top bar's left part: app · organization · project, whichever fit in `width` columns, in
    /// this order of importance: the project, then the organization (a person's session, already
    /// made visible with `Sanitizer`), then the app name. The organization is cut by display width
    /// to at most a third of the space, so it never pushes the project out. Also says whether the
    /// organization is in it.
    static func title(app: String, organization: String?, project: String?, width: Int) -> (String, Bool) {
        let org = organization.map { Glyphs.truncate($0, to: max(8, width / 3)) }
        let candidates: [[String?]] = [[app, org, project], [" " + (org ?? ""), project], [app, project], [" " + (project ?? "")]]
        for parts in candidates {
            let present = parts.compactMap { $0 }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard !present.isEmpty else { continue }
            var text = present.joined(separator: " · ")
            if !text.hasPrefix(" ") { text = " " + text }
            if Glyphs.width(text) < width + 1 { return (text, org.map { present.contains($0) || present.contains(" " + $0) } ?? false) }
        }
        return (project.map { " " + $0 } ?? app, false)
    }
}
