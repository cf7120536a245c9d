import InfisicalModels

/// How one folder-tree row is spelled (with the shared `Glyphs.Tree`): guides, branch, the
/// open/closed toggle, the name, and on the right the current-folder mark and the secret count.
/// Shared by the renderer and the reducer (a click on the toggle), so both agree on where the
/// toggle is.
///
/// ```
/// ▾ /                 4
/// ├─▸ database/       3
/// ├─▾ internal/
/// │ └── tools/        1
/// └─▸ stripe/       ● 2
/// ```
public enum FolderTreeText {
    typealias G = Glyphs.Tree

    public static func toggleGlyph(_ t: FolderTreeRow.Toggle, root: Bool) -> String {
        switch t {
        case .collapsed: return G.closed
        case .expanded, .loading: return G.open
        case .leaf: return root ? " " : G.leaf
        case .failed: return G.failed
        }
    }

    /// The column (from the pane's inner left edge) of a row's toggle.
    public static func toggleColumn(depth: Int) -> Int { depth == 0 ? 0 : 2 * depth }

    /// Everything left of the name: guides, branch and toggle, then a space.
    public static func prefix(_ row: FolderTreeRow) -> String {
        guard row.depth > 0 else { return toggleGlyph(row.toggle, root: true) + " " }
        var out = ""
        for continues in row.guides { out += continues ? G.pipe : G.blank }
        out += row.isLast ? G.lastBranch : G.branch
        return out + toggleGlyph(row.toggle, root: false) + " "
    }

    /// The name as shown: the root is `/`, a folder is `name/`.
    public static func label(_ row: FolderTreeRow) -> String { row.depth == 0 ? "/" : row.name + "/" }

    /// The right-hand field: `● ` on the current folder, then the count once known, `…` while the
    /// folder's children load.
    public static func trailer(_ row: FolderTreeRow, count: Int?, isCurrent: Bool) -> String {
        var parts: [String] = []
        if row.toggle == .loading { parts.append("…") }
        if isCurrent { parts.append(G.current) }
        if let count { parts.append(String(count)) }
        return parts.joined(separator: " ")
    }
}
