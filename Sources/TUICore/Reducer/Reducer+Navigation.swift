import InfisicalModels

/// Opening projects, switching environments, walking folders, moving cursors.
extension Reducer {
    mutating func openProject(_ p: Project) {
        let previousEnv = state.environment?.slug
        state.openProjectId = p.id
        let envs = p.environments
        if let pref = state.preferredEnvironment, let i = envs.firstIndex(where: { $0.slug == pref }) {
            state.environmentIndex = i
        } else if let prev = previousEnv, let i = envs.firstIndex(where: { $0.slug == prev }) {
            state.environmentIndex = i
        } else {
            state.environmentIndex = envs.firstIndex(where: { $0.slug == "dev" }) ?? 0
        }
        state.path = state.preferredPath ?? "/"
        state.preferredProject = nil; state.preferredEnvironment = nil; state.preferredPath = nil
        state.folderChildren = [:]
        dropViewRequests()
        resetView()
        loadView()
        if state.roles[p.id] == nil { request(.role(projectId: p.id), .role(projectId: p.id)) }
    }

    /// Another project or environment: answers for the old one must not land in the new one.
    mutating func dropViewRequests() {
        state.requests.drop { $0.belongsToView }
    }

    /// Forget what belongs to the old view (secrets, selection, any revealed value).
    mutating func resetView() {
        state.requests.drop(.reveal)
        state.secrets = []
        state.visibleSecrets = []
        state.secretsRecursive = false
        state.secretCursor = ListCursor()
        state.folderCursor = ListCursor()
        state.loadedAt = nil
        state.revealed = nil
        state.pendingConfirmation = nil
        state.detailScroll = 0
    }

    /// Metadata-first: folders and a value-less secret list for the current view.
    mutating func loadView() {
        guard let pid = state.openProjectId, let env = state.environment?.slug else { return }
        loadFoldersAndSecrets(projectId: pid, env: env)
        perform(.persistLastView(projectId: pid, env: env, path: state.path))
    }

    mutating func loadFoldersAndSecrets(projectId pid: String, env: String) {
        request(.folders(path: state.path), .folders(projectId: pid, env: env, path: state.path))
        loadSecrets(recursive: state.filterRecursive)
    }

    /// The current view's secret list (metadata only); supersedes any list still loading.
    mutating func loadSecrets(recursive: Bool) {
        guard let pid = state.openProjectId, let env = state.environment?.slug else { return }
        request(.secrets, .secrets(projectId: pid, env: env, path: state.path, recursive: recursive))
    }

    mutating func selectEnvironment(_ i: Int) {
        let envs = state.environments
        guard envs.indices.contains(i), i != state.environmentIndex else { return }
        state.environmentIndex = i
        state.folderChildren = [:]       // folder trees differ per environment
        dropViewRequests()
        resetView()
        loadView()
    }

    mutating func changeFolder(to newPath: String, selectChild: String? = nil) {
        state.path = newPath
        resetView()
        if let child = selectChild, let i = state.folderRows.firstIndex(of: child) {
            setCursor(.folders, to: i)
        }
        loadView()
    }

    mutating func folderUp() {
        guard state.path != "/" else { return }
        let name = state.path.split(separator: "/").last.map(String.init)
        changeFolder(to: AppState.parent(of: state.path), selectChild: name)
    }

    mutating func openSelected() {
        switch state.focus {
        case .projects:
            guard let p = state.selectedProject else { return }
            if p.id != state.openProjectId { openProject(p) }
            state.focus = .folders
        case .folders:
            let rows = state.folderRows
            guard rows.indices.contains(state.folderCursor.selected) else { return }
            let name = rows[state.folderCursor.selected]
            if name == ".." { folderUp() } else { changeFolder(to: AppState.join(state.path, name)) }
        case .secrets:
            if state.selectedSecret != nil { state.focus = .detail }
        case .detail:
            break
        }
    }

    mutating func selectProject(id: String) {
        if let i = state.visibleProjects.firstIndex(where: { state.projects[$0].id == id }) { setCursor(.projects, to: i) }
    }

    // MARK: cursors

    func count(of pane: Pane) -> Int {
        switch pane {
        case .projects: return state.visibleProjects.count
        case .folders: return state.folderRows.count
        case .secrets: return state.visibleSecrets.count
        case .detail: return 0
        }
    }

    func cursor(of pane: Pane) -> ListCursor {
        switch pane {
        case .projects: return state.projectCursor
        case .folders: return state.folderCursor
        case .secrets, .detail: return state.secretCursor
        }
    }

    /// Moves a pane's selection to `index` (clamped) and scrolls it into view. Moving off the
    /// revealed secret masks it again.
    mutating func setCursor(_ pane: Pane, to index: Int) {
        var c = cursor(of: pane)
        c.select(index, count: count(of: pane), visibleRows: layout.visibleRows(of: pane))
        switch pane {
        case .projects: state.projectCursor = c
        case .folders: state.folderCursor = c
        case .secrets, .detail:
            state.secretCursor = c
            remaskIfMoved()
        }
    }

    mutating func clampCursor(_ pane: Pane) { setCursor(pane, to: cursor(of: pane).selected) }

    mutating func remaskIfMoved() {
        guard let r = state.revealed else { return }
        let s = state.selectedSecret
        if s?.key != r.key || s?.path != r.path || s?.environment != r.environment {
            state.revealed = nil
            state.detailScroll = 0
        }
        if s?.key != r.key { state.pendingConfirmation = nil }
    }

    mutating func move(_ pane: Pane, by delta: Int) {
        if pane == .detail {
            state.detailScroll = min(max(0, state.detailScroll + delta), DetailContent.maxScroll(state))
            return
        }
        setCursor(pane, to: cursor(of: pane).selected + delta)
    }
}
