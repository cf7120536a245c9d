import InfisicalModels

/// Opening projects, switching environments, walking folders, moving cursors.
extension Reducer {
    mutating func openProject(_ p: Project) {
        let previousEnv = state.browse.environment?.slug
        state.browse.openProjectId = p.id
        let envs = p.environments
        if let pref = state.session.preferredEnvironment, let i = envs.firstIndex(where: { $0.slug == pref }) {
            state.browse.environmentIndex = i
        } else if let prev = previousEnv, let i = envs.firstIndex(where: { $0.slug == prev }) {
            state.browse.environmentIndex = i
        } else {
            state.browse.environmentIndex = envs.firstIndex(where: { $0.slug == "dev" }) ?? 0
        }
        state.browse.path = state.session.preferredPath ?? "/"
        state.session.preferredProject = nil; state.session.preferredEnvironment = nil; state.session.preferredPath = nil
        dropViewRequests()
        resetFolderTree()
        resetView()
        loadView()
        if state.session.roles[p.id] == nil { request(.role(projectId: p.id), .role(projectId: p.id)) }
    }

    /// Another project or environment: answers for the old one must not land in the new one.
    mutating func dropViewRequests() {
        state.requests.drop { $0.belongsToView }
    }

    /// Forget what belongs to the old view (secrets, selection, any revealed value).
    mutating func resetView() {
        state.requests.drop(.reveal)
        state.browse.secrets = []
        state.browse.visibleSecrets = []
        state.browse.secretsRecursive = false
        state.browse.secretCursor = ListCursor()
        state.browse.loadedAt = nil
        state.browse.secretsFailure = nil
        state.browse.revealed = nil
        if case .confirmReveal? = state.overlay { state.overlay = nil }
        state.browse.detailScroll = 0
    }

    /// Metadata-first: the folder lists not known yet on the way to the current folder, and a
    /// value-less secret list for it.
    mutating func loadView() {
        guard let pid = state.browse.openProjectId, let env = state.browse.environment?.slug else { return }
        revealCurrentFolder()
        loadSecrets(recursive: state.browse.filterRecursive)
        perform(.persistLastView(projectId: pid, env: env, path: state.browse.path))
    }

    /// The current view's secret list (metadata only); supersedes any list still loading.
    mutating func loadSecrets(recursive: Bool) {
        guard let pid = state.browse.openProjectId, let env = state.browse.environment?.slug else { return }
        request(.secrets, .secrets(projectId: pid, env: env, path: state.browse.path, recursive: recursive))
    }

    mutating func selectEnvironment(_ i: Int) {
        let envs = state.browse.environments
        guard envs.indices.contains(i), i != state.browse.environmentIndex else { return }
        state.browse.environmentIndex = i
        dropViewRequests()
        resetFolderTree()                       // folder trees differ per environment
        resetView()
        loadView()
    }

    /// Makes `newPath` the current folder: its secrets load, and the tree shows it open with the
    /// cursor on it.
    mutating func changeFolder(to newPath: String) {
        state.browse.path = newPath
        resetView()
        loadView()
    }

    mutating func folderUp() {
        guard state.browse.path != "/" else { return }
        changeFolder(to: FolderPath.parent(of: state.browse.path))
    }

    mutating func openSelected() {
        switch state.browse.focus {
        case .projects:
            guard let p = state.browse.selectedProject else { return }
            if p.id != state.browse.openProjectId { openProject(p) }
            state.browse.focus = .folders
        case .folders:
            openSelectedFolder()
        case .secrets:
            if state.browse.selectedSecret != nil { state.browse.focus = .detail }
        case .detail:
            break
        }
    }

    mutating func selectProject(id: String) {
        if let i = state.browse.visibleProjects.firstIndex(where: { state.browse.projects[$0].id == id }) { setCursor(.projects, to: i) }
    }

    // MARK: cursors

    func count(of pane: Pane) -> Int {
        switch pane {
        case .projects: return state.browse.visibleProjects.count
        case .folders: return state.browse.folderRows.count
        case .secrets: return state.browse.visibleSecrets.count
        case .detail: return 0
        }
    }

    func cursor(of pane: Pane) -> ListCursor {
        switch pane {
        case .projects: return state.browse.projectCursor
        case .folders: return state.browse.folderCursor
        case .secrets, .detail: return state.browse.secretCursor
        }
    }

    /// Moves a pane's selection to `index` (clamped) and scrolls it into view. Moving off the
    /// revealed secret masks it again.
    mutating func setCursor(_ pane: Pane, to index: Int) {
        var c = cursor(of: pane)
        c.select(index, count: count(of: pane), visibleRows: layout.visibleRows(of: pane))
        switch pane {
        case .projects: state.browse.projectCursor = c
        case .folders: state.browse.folderCursor = c
        case .secrets, .detail:
            state.browse.secretCursor = c
            remaskIfMoved()
        }
    }

    mutating func clampCursor(_ pane: Pane) { setCursor(pane, to: cursor(of: pane).selected) }

    mutating func remaskIfMoved() {
        guard let r = state.browse.revealed else { return }
        let s = state.browse.selectedSecret
        if s?.key != r.key || s?.path != r.path || s?.environment != r.environment {
            state.browse.revealed = nil
            state.browse.detailScroll = 0
        }
        if s?.key != r.key, case .confirmReveal? = state.overlay { state.overlay = nil }
    }

    mutating func move(_ pane: Pane, by delta: Int) {
        if pane == .detail {
            state.browse.detailScroll = min(max(0, state.browse.detailScroll + delta), DetailContent.maxScroll(state))
            return
        }
        setCursor(pane, to: cursor(of: pane).selected + delta)
    }
}
