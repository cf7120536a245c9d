import InfisicalModels

/// Row 0: app + project name over the left column, environment tabs (production in the danger
/// style), and the identity's role on the right. A person's organization goes beside the project,
/// or, when it would have to be cut there but fits whole in the columns the tabs leave free, left
/// of the role.
extension Renderer {
    mutating func drawTopBar() {
        let y = layout.topBar.y
        let header = s(StyleName.header)
        grid.pad(x: 0, y: y, count: layout.width, style: header)

        let envs = state.browse.environments
        let ranges = Layout.tabRanges(slugs: envs.map(\.slug), startX: layout.tabsX)
        var roleText = ""
        if let role = state.role { roleText = "role: " + role.displayName + " " }
        let roleW = Glyphs.width(roleText)
        // Columns between the tabs' natural end and the role, less a gap on each side.
        let free = layout.width - roleW - (ranges.last?.upperBound ?? layout.tabsX) - 2

        let org = state.session.organizationName.map { Sanitizer.sanitize($0) }
        let (title, orgShown) = Self.title(app: " infisical", organization: org, project: state.browse.openProject?.name,
                                           width: layout.tabsX - 1, roomElsewhere: free - 1)
        grid.put(title, x: 0, y: y, maxWidth: layout.tabsX - 1, style: header)

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
        // Not beside the project: left of the role, cut to the free columns (never over a tab).
        if let org, !orgShown, free >= 6 {
            let text = Glyphs.truncate(org, to: min(free - 1, Glyphs.width(org))) + " "
            grid.put(text, x: layout.width - roleW - Glyphs.width(text), y: y, style: header)
        }
    }

    /// The top bar's left part, in this order of importance: the project, then the organization
    /// (a person's session, already made visible with `Sanitizer`), then the app name.
    /// `infisical · Org · project` when it fits in `width` columns, else `Org · project`; when the
    /// organization would have to be cut and does not fit whole in `roomElsewhere` either,
    /// `Org… · project` cut by display width to the room left (at least 8 columns); otherwise it is
    /// left out (the caller shows it elsewhere). Says whether the organization is in it.
    static func title(app: String, organization: String?, project: String?, width: Int,
                      roomElsewhere: Int = 0) -> (String, Bool) {
        let tail = project.map { " · " + $0 } ?? ""
        if let org = organization, !org.isEmpty {
            for text in [app + " · " + org + tail, " " + org + tail] where Glyphs.width(text) <= width { return (text, true) }
            let room = width - 1 - Glyphs.width(tail)
            if room >= 8 && Glyphs.width(org) > roomElsewhere { return (" " + Glyphs.truncate(org, to: room) + tail, true) }
        }
        guard let project else { return (app, false) }
        return (Glyphs.width(app + tail) <= width ? app + tail : " " + project, false)
    }
}
