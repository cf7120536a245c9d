import InfisicalModels

/// The overview in the root reducer: opening it from the browse view, routing to
/// `OverviewReducer`, and the jump to a secret (which changes the browse view).
extension Reducer {
    mutating func openOverview() {
        let b = state.browse
        guard let project = b.openProject, !project.environments.isEmpty else {
            report(InfisicalError(.usage, "open a project first", hint: "the overview compares the open folder across its environments"))
            return
        }
        let o = OverviewState(projectId: project.id, projectName: project.name, path: b.path,
                              recursive: b.filterRecursive, environments: project.environments.map(\.slug))
        state.overlay = .overview(o)
        withOverview { $0.load() }
    }

    /// Runs `body` on the overview, puts it back, then applies what it asked for.
    mutating func withOverview(_ body: (inout OverviewReducer) -> Void) {
        guard case .overview(let o)? = state.overlay else { return }
        var r = OverviewReducer(o: o, layout: layout, role: state.role,
                                environments: state.browse.environments)
        body(&r)
        state.overlay = .overview(r.o)
        apply(r.outcomes)
    }

    /// Enter on a cell: the browse view opens that environment and folder with the key selected.
    mutating func jump(environment: String, path: String, key: String) {
        state.overlay = nil
        if let i = state.browse.environments.firstIndex(where: { $0.slug == environment }) { selectEnvironment(i) }
        if state.browse.path != path { changeFolder(to: path) }
        state.browse.pendingSelection = key
        state.browse.focus = .secrets
        if let i = state.browse.visibleSecrets.firstIndex(where: { state.browse.secrets[$0].key == key && state.browse.secrets[$0].path == path }) {
            setCursor(.secrets, to: i)
            state.browse.pendingSelection = nil
        }
    }
}

/// The overview's reducer: loading, filters, the cursor and column, and the jump.
struct OverviewReducer {
    var o: OverviewState
    let layout: Layout
    /// For the write guard of a sync (the same rule as the editor's).
    let role: ProjectRole?
    let environments: [Environment]
    var outcomes: [Outcome] = []

    /// Rows on screen: the body of a full-screen box less header, detail and hint lines.
    var visibleRows: Int { layout.overviewVisibleRows }

    mutating func load() {
        o.rows = nil
        o.error = nil
        outcomes.append(.request(.overview, .overview(o.request)))
    }

    mutating func answer(_ result: Result<[EnvironmentComparison.Column], InfisicalError>) {
        switch result {
        case .success(let columns):
            o.rows = EnvironmentComparison.rows(columns)
            refilter(keeping: nil)
        case .failure(let e):
            o.rows = []
            if e.kind != .cancelled { o.error = e.description }
            refilter(keeping: nil)
        }
    }

    mutating func refilter(keeping location: EnvironmentComparison.Location?) {
        let rows = o.rows ?? []
        o.visible = rows.indices.filter { o.filter.keeps(rows[$0]) }
        let keep = location.flatMap { l in o.visible.firstIndex { rows[$0].location == l } } ?? 0
        o.cursor.select(keep, count: o.visible.count, visibleRows: visibleRows)
    }

    mutating func key(_ key: Key) {
        if o.rotation != nil { rotationKey(key); return }   // typing: every printable key is text
        guard let b = KeyBindings.lookup(key, in: [.overview, .lists]) else {
            if key == .ctrl("c") { outcomes.append(.quit) }
            return
        }
        if o.syncPreview != nil {
            // The preview takes y / n / Esc only.
            switch b.command {
            case .overview(.yes): confirmSync()
            case .overview(.no), .overview(.close): o.syncPreview = nil
            default: break
            }
            return
        }
        if o.syncing { if case .overview(.close) = b.command { outcomes += [.closeOverlay] }; return }
        o.notice = nil
        o.syncResults = []
        let sel = o.cursor.selected
        switch b.command {
        case .overview(let c):
            switch c {
            case .close:
                outcomes += [.drop(.overview), .closeOverlay]
            case .open:
                guard let row = o.selectedRow, o.environments.indices.contains(o.column),
                      row.cells[o.column] != .missing else { return }
                outcomes.append(.jumpToSecret(environment: o.environments[o.column], path: row.location.path, key: row.location.key))
            case .left: o.column = max(0, o.column - 1)
            case .right: o.column = min(o.environments.count - 1, o.column + 1)
            case .all, .differences, .missing, .flagged:
                let f: EnvironmentComparison.Filter = c == .all ? .all : c == .differences ? .differences : c == .missing ? .missing : .flagged
                let at = o.selectedRow?.location
                o.filter = f
                refilter(keeping: at)
            case .recursive:
                o.recursive.toggle()
                load()
            case .reload: load()
            case .mark:
                guard let row = o.selectedRow else { return }
                if o.marked.contains(row.location) { o.marked.remove(row.location) } else { o.marked.insert(row.location) }
                move(to: sel + 1)
            case .copy: previewSync()
            case .rotate: startRotation()
            case .yes, .no, .submit, .reveal: break
            }
        case .up: move(to: sel - 1)
        case .down: move(to: sel + 1)
        case .pageUp: move(to: sel - visibleRows)
        case .pageDown: move(to: sel + visibleRows)
        case .top: move(to: 0)
        case .bottom: move(to: o.visible.count - 1)
        default: break
        }
    }

    /// Why this role may not write in environment `slug` (the editor's rule), or nil.
    func writeDenial(_ slug: String) -> String? {
        EditPermission.denial(role: role, environment: environments.first { $0.slug == slug }
                              ?? Environment(id: "", name: slug, slug: slug))
    }

    /// `c`: the marked rows (or the selected one) that are missing in the selected column's
    /// environment, each copied from the first environment (left to right) that has it. Production
    /// is never a target here; the role must allow writes there.
    mutating func previewSync() {
        guard let rows = o.rows, o.environments.indices.contains(o.column) else { return }
        let target = o.environments[o.column]
        if let reason = writeDenial(target) {
            o.notice = "cannot copy into \(target): \(reason)"
            return
        }
        let chosen = o.marked.isEmpty ? [o.selectedRow].compactMap { $0 } : rows.filter { o.marked.contains($0.location) }
        var items: [SyncItem] = []
        for row in chosen where row.cells[o.column] == .missing {
            // A key present only through an import is not copied as if it were the folder's own.
            guard let src = zip(o.environments, row.cells).first(where: { $0.1 == .same || $0.1 == .differs }) else { continue }
            items.append(SyncItem(path: row.location.path, key: row.location.key, from: src.0, to: target))
        }
        guard !items.isEmpty else {
            o.notice = "nothing to copy: the \(chosen.count == 1 ? "key is" : "keys are") not missing in \(target)"
            return
        }
        o.syncPreview = items
    }

    /// `s`: a new value for the selected key in every non-production environment that has it.
    mutating func startRotation() {
        guard let row = o.selectedRow else { return }
        let targets = zip(o.environments, row.cells).filter { env, cell in
            !Environment.isProduction(slug: env) && (cell == .same || cell == .differs)
        }.map(\.0)
        let allowed = targets.filter { writeDenial($0) == nil }
        guard !allowed.isEmpty else {
            o.notice = targets.first.map { "cannot write in \($0): " + (writeDenial($0) ?? "") }
                ?? "\(row.location.key) is in no non-production environment of its own"
            return
        }
        o.rotation = RotationForm(path: row.location.path, key: row.location.key, environments: allowed)
    }

    mutating func rotationKey(_ key: Key) {
        guard var form = o.rotation else { return }
        var command: OverviewCommand?
        if case .overview(let c)? = KeyBindings.lookup(key, in: [.rotation])?.command { command = c }
        switch command {
        case .close?: o.rotation = nil; return        // the typed value goes with the form
        case .reveal?: form.revealed.toggle()
        case .submit?:
            guard !form.value.isEmpty else { o.notice = "type the new value first"; return }
            o.rotation = nil
            o.syncing = true
            outcomes.append(.request(.sync, .setEverywhere(projectId: o.projectId, path: form.path, key: form.key,
                                                         value: form.value.text, environments: form.environments)))
            return
        default:
            _ = form.value.handle(key)
        }
        o.rotation = form
    }

    mutating func rotationPaste(_ text: String) {
        guard var form = o.rotation else { return }
        form.value.insert(text)
        o.rotation = form
    }

    mutating func confirmSync() {
        guard let items = o.syncPreview else { return }
        o.syncPreview = nil
        o.syncing = true
        outcomes.append(.request(.sync, .sync(projectId: o.projectId, items: items)))
    }

    mutating func synced(_ results: [SyncResult]) {
        o.syncing = false
        o.syncResults = results
        o.marked = []
        load()   // compare again: the copied keys are no longer missing
    }

    mutating func move(to index: Int) {
        o.cursor.select(index, count: o.visible.count, visibleRows: visibleRows)
    }
}
