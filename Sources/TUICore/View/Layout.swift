import InfisicalModels

/// Where each pane sits for a terminal size. Shared by the renderer and by the reducer (mouse
/// hit-testing, page sizes), so both always agree. Pure function of the size.
public struct Layout: Equatable, Sendable {
    public static let minWidth = 80, minHeight = 24

    public var width: Int, height: Int
    public var topBar: Rect
    public var projects: Rect
    public var folders: Rect
    public var secrets: Rect
    public var detail: Rect
    public var status: Rect
    /// Detail to the right of the table (wide terminals) or below it (80 columns).
    public var detailBeside: Bool
    public var tooSmall: Bool { width < Layout.minWidth || height < Layout.minHeight }

    public init(width: Int, height: Int) {
        self.width = width; self.height = height
        topBar = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyY = 1, bodyH = max(0, height - 2)
        let leftW = width >= 160 ? 34 : (width >= 120 ? 30 : 24)
        let projH = max(5, bodyH * 2 / 5)
        projects = Rect(x: 0, y: bodyY, width: leftW, height: projH)
        folders = Rect(x: 0, y: bodyY + projH, width: leftW, height: bodyH - projH)
        let rightX = leftW, rightW = width - leftW
        detailBeside = width >= 140
        if detailBeside {
            let tableW = rightW * 3 / 5
            secrets = Rect(x: rightX, y: bodyY, width: tableW, height: bodyH)
            detail = Rect(x: rightX + tableW, y: bodyY, width: rightW - tableW, height: bodyH)
        } else {
            let detailH = max(8, bodyH * 2 / 5)
            secrets = Rect(x: rightX, y: bodyY, width: rightW, height: bodyH - detailH)
            detail = Rect(x: rightX, y: bodyY + bodyH - detailH, width: rightW, height: detailH)
        }
    }

    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .projects: return projects
        case .folders: return folders
        case .secrets: return secrets
        case .detail: return detail
        }
    }

    /// The first screen row of list items inside a pane (the secrets table has a header row).
    public func firstRowY(of pane: Pane) -> Int { rect(of: pane).y + 1 + (pane == .secrets ? 1 : 0) }

    /// How many list rows a pane shows.
    public func visibleRows(of pane: Pane) -> Int {
        max(1, rect(of: pane).height - 2 - (pane == .secrets ? 1 : 0))
    }

    public func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { rect(of: $0).contains(x: x, y: y) }
    }

    /// Environment tabs start where the right-hand area starts.
    public var tabsX: Int { projects.width }

    /// Column ranges of the environment tabs in the top bar (label: ` N slug `).
    public static func tabRanges(slugs: [String], startX: Int) -> [Range<Int>] {
        var x = startX, out: [Range<Int>] = []
        for (i, s) in slugs.enumerated() {
            let w = Glyphs.width(tabLabel(index: i, slug: s))
            out.append(x..<(x + w)); x += w
        }
        return out
    }

    public static func tabLabel(index: Int, slug: String) -> String {
        index < 9 ? " \(index + 1) \(slug) " : " \(slug) "
    }
}
