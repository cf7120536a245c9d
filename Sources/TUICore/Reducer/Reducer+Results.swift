import Foundation
import InfisicalModels

/// API results. Each is checked against the current view; answers for a view the user already
/// left are dropped (only their in-flight mark is cleared).
extension Reducer {
    mutating func projectsLoaded(_ result: Result<[Project], InfisicalError>) {
        state.pending.remove(.projects)
        switch result {
        case .failure(let e):
            report(e)
            // Service tokens cannot list projects but can read their own one.
            if let pref = state.preferredProject, state.openProjectId == nil { emit(.loadProject(idOrSlug: pref)) }
        case .success(let list):
            let selectedId = state.selectedProject?.id
            state.projects = list.filter { $0.type == nil || $0.type == "secret-manager" }
            state.projectsLoaded = true
            recomputeProjects(keepingId: selectedId)
            if state.openProjectId == nil {
                if let pref = state.preferredProject {
                    if let p = state.projects.first(where: { $0.id == pref || $0.slug == pref }) {
                        selectProject(id: p.id)
                        openProject(p)
                        state.focus = .secrets
                    } else {
                        emit(.loadProject(idOrSlug: pref))
                    }
                } else if let first = state.selectedProject {
                    openProject(first)           // a populated screen at once; focus stays on projects
                }
            } else if state.openProject == nil {
                // The open project disappeared from the list (membership removed).
                state.openProjectId = nil
                resetView()
            }
        }
    }

    mutating func projectLoaded(idOrSlug: String, _ result: Result<Project, InfisicalError>) {
        state.pending.remove(.project(idOrSlug))
        switch result {
        case .failure(let e): report(e)
        case .success(let p):
            if let i = state.projects.firstIndex(where: { $0.id == p.id }) { state.projects[i] = p }
            else { state.projects.append(p) }
            recomputeProjects(keepingId: state.selectedProject?.id ?? p.id)
            let wanted = state.preferredProject.map { $0 == p.id || $0 == p.slug } ?? false
            if wanted && state.openProjectId == nil {
                selectProject(id: p.id)
                openProject(p)
                state.focus = .secrets
            } else if state.openProjectId == p.id {
                let envs = p.environments
                if state.environmentIndex >= envs.count { state.environmentIndex = max(0, envs.count - 1) }
            }
        }
    }

    func isCurrentView(projectId: String, env: String, path: String) -> Bool {
        state.openProjectId == projectId && state.environment?.slug == env && state.path == path
    }

    mutating func foldersLoaded(projectId: String, env: String, path: String, _ result: Result<[Folder], InfisicalError>) {
        state.pending.remove(.folders(projectId: projectId, env: env, path: path))
        guard state.openProjectId == projectId, state.environment?.slug == env else { return }
        switch result {
        case .failure(let e): if path == state.path { report(e) }
        case .success(let folders):
            // The user may already be moving in rows shown from the cache (e.g. back up from a
            // sub-folder, or after `R`): keep the folder they are on, not just its index, so a
            // folder added or removed on the server never slides another one under the cursor.
            let rows = state.folderRows, at = state.folderCursor.selected
            let kept = path == state.path && rows.indices.contains(at) ? rows[at] : nil
            state.folderChildren[path] = folders.map(\.name).sorted()
            guard path == state.path else { return }
            if let kept, let i = state.folderRows.firstIndex(of: kept) { setCursor(.folders, to: i) }
            else { clampCursor(.folders) }
        }
    }

    mutating func secretsLoaded(projectId: String, env: String, path: String, recursive: Bool,
                                _ result: Result<SecretList, InfisicalError>, now: Date) {
        state.pending.remove(.secrets(projectId: projectId, env: env, path: path, recursive: recursive))
        state.now = now
        guard isCurrentView(projectId: projectId, env: env, path: path) else { return }
        // A plain list cannot serve a recursive filter; a recursive list serves both.
        if !recursive && state.filterRecursive { return }
        switch result {
        case .failure(let e): report(e)
        case .success(let list):
            let keep = state.selectedSecret
            state.secrets = SecretRow.rows(from: list, environment: env, path: path)
            state.secretsRecursive = recursive
            state.loadedAt = now
            state.lastError = nil
            recomputeSecrets(keeping: keep)
        }
    }

    mutating func secretRevealed(projectId: String, env: String, path: String, key: String,
                                 _ result: Result<RevealedValue, InfisicalError>, now: Date) {
        state.pending.remove(.reveal(projectId: projectId, env: env, path: path, key: key))
        state.now = now
        switch result {
        case .failure(let e): report(e)
        case .success(let v):
            // Only show it if the user is still on that secret: a late answer must not pop up elsewhere.
            guard state.openProjectId == projectId, let row = state.selectedSecret,
                  row.key == key, row.environment == env, row.path == path else { return }
            state.revealed = RevealedSecret(key: key, environment: env, path: path, value: v.raw,
                                            expanded: v.expanded, revealedAt: now)
            state.detailScroll = 0
        }
    }
}
