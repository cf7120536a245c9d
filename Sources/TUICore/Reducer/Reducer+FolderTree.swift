import InfisicalModels

/// The folder tree: expand and collapse in place, lazy child lists (one request per folder, cached
/// until `R`), and a cursor that stays on the folder it is on whatever the tree does around it.
extension Reducer {
    /// A new project or environment: nothing of the old tree applies.
    mutating func resetFolderTree() {
        state.browse.folderTree = FolderTree()
        state.browse.folderCursor = ListCursor()
    }

    /// Shows the current folder: the root, every folder on the way and the folder itself open,
    /// and the lists among them not known yet asked for (a revisit asks for nothing).
    mutating func revealCurrentFolder() {
        for p in FolderPath.lineage(of: state.browse.path) {
            state.browse.folderTree.expanded.insert(p)
            listChildrenIfNeeded(p)
        }
        listOpenFolders()
        keepFolderSelection(on: state.browse.path)
    }

    /// Every open folder on screen whose children are not known is asked for (folders that were
    /// open under a closed parent, shown again). A failed one waits for an explicit expand or `R`.
    mutating func listOpenFolders() {
        for row in state.browse.folderRows where row.toggle == .loading { listChildrenIfNeeded(row.path) }
    }

    /// Asks for `path`'s children unless they are known, on the way, or failed.
    mutating func listChildrenIfNeeded(_ path: String) {
        let tree = state.browse.folderTree
        guard tree.children[path] == nil, tree.failures[path] == nil, !state.requests.isInFlight(.folders(path: path)),
              let pid = state.browse.openProjectId, let env = state.browse.environment?.slug else { return }
        request(.folders(path: path), .folders(projectId: pid, env: env, path: path))
    }

    /// `R`: the open folders and the way to the current one are listed again (their rows stay on
    /// screen until the answers replace them); any other cached list is forgotten, so its next
    /// expand asks the server. Counts are dropped: the lists that follow give fresh ones.
    mutating func refreshFolderTree() {
        var tree = state.browse.folderTree
        let wanted = Set(FolderPath.lineage(of: state.browse.path)).union(tree.rows.map(\.path).filter { $0 == "/" || tree.expanded.contains($0) })
        tree.children = tree.children.filter { wanted.contains($0.key) }
        tree.counts = [:]
        tree.countedBelow = []
        tree.failures = [:]
        state.browse.folderTree = tree
        guard let pid = state.browse.openProjectId, let env = state.browse.environment?.slug else { return }
        for p in wanted.sorted() where p == "/" || tree.expanded.contains(p) {
            request(.folders(path: p), .folders(projectId: pid, env: env, path: p))
        }
    }

    /// → l +: open the selected folder in place; if it is already open, step onto its first child.
    mutating func expandSelectedFolder() {
        guard let row = state.browse.selectedFolder else { return }
        guard row.usable else { reportUnusableFolder(row); return }
        if row.toggle == .expanded {
            if let i = state.browse.folderRows.firstIndex(where: { FolderPath.parent(of: $0.path) == row.path && $0.path != "/" }) {
                setCursor(.folders, to: i)
            }
            return
        }
        state.browse.folderTree.expanded.insert(row.path)
        state.browse.folderTree.failures[row.path] = nil       // expanding a failed folder tries again
        listChildrenIfNeeded(row.path)
        listOpenFolders()
        keepFolderSelection(on: row.path)
    }

    /// ← h -: close the selected folder; on a closed folder (or one without sub-folders), step to
    /// its parent.
    mutating func collapseSelectedFolder() {
        guard let row = state.browse.selectedFolder else { return }
        if row.path != "/", row.toggle == .expanded || row.toggle == .loading || (row.toggle == .failed && state.browse.folderTree.expanded.contains(row.path)) {
            state.browse.folderTree.expanded.remove(row.path)
            keepFolderSelection(on: row.path)
        } else if row.path != "/" {
            keepFolderSelection(on: FolderPath.parent(of: row.path))
        }
    }

    /// Enter on a folder row: it becomes the current folder (its secrets load), shown open.
    mutating func openSelectedFolder() {
        guard let row = state.browse.selectedFolder else { return }
        guard row.usable else { reportUnusableFolder(row); return }
        changeFolder(to: row.path)
    }

    mutating func reportUnusableFolder(_ row: FolderTreeRow) {
        report(InfisicalError(.usage, "the folder '\(Sanitizer.sanitize(row.name))' has a name that cannot be part of a path",
                              hint: "rename it on the server"))
    }

    /// Puts the folder cursor on `path`, or on its nearest shown ancestor when it is hidden (a
    /// closed parent, or not listed yet). Rows can come and go around it; the folder stays.
    mutating func keepFolderSelection(on path: String) {
        let rows = state.browse.folderRows
        var p = path
        while true {
            if let i = rows.firstIndex(where: { $0.path == p }) { setCursor(.folders, to: i); return }
            if p == "/" { break }
            p = FolderPath.parent(of: p)
        }
        clampCursor(.folders)
    }

    /// Single click on a row's ▸/▾ opens or closes it; anywhere else on the row only selects.
    /// Returns true when the click toggled.
    mutating func clickFolderToggle(row index: Int, x: Int) -> Bool {
        let rows = state.browse.folderRows
        guard rows.indices.contains(index) else { return false }
        let row = rows[index]
        guard row.toggle != .leaf, row.path != "/" else { return false }
        let toggleX = layout.folders.inner.x + FolderTreeText.toggleColumn(depth: row.depth)
        guard x == toggleX else { return false }
        setCursor(.folders, to: index)
        if row.toggle == .collapsed { expandSelectedFolder() } else { collapseSelectedFolder() }
        return true
    }
}
