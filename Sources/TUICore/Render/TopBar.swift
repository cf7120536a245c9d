import InfisicalModels

/// Row 0: app + project name over the left column, environment tabs (production in the danger
/// style), and the identity's role on the right.
extension Renderer {
    mutating func drawTopBar() {
        let y = layout.topBar.y
        let header = s(StyleName.header)
        grid.pad(x: 0, y: y, count: layout.width, style: header)
        var title = " infisical"
        if let p = state.browse.openProject {
            // Narrow terminals: the project name matters more than the app name.
            title = Glyphs.width(title + " · " + p.name) < layout.tabsX ? title + " · " + p.name : " " + p.name
        }
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
    }
}
