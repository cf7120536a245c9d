import Foundation
import InfisicalModels

/// API results for the browse view. Only answers the request tracker accepted arrive here: a view
/// change drops the view's requests (`dropViewRequests`), so these are always for the open
/// project and environment.
extension Reducer {
    mutating func projectsLoaded(_ result: Result<[Project], InfisicalError>) {
        switch result {
        case .failure(let e):
            report(e)
            // Service tokens cannot list projects but can read their own one.
            if let pref = state.session.preferredProject, state.browse.openProjectId == nil { request(.project(idOrSlug: pref), .project(idOrSlug: pref)) }
        case .success(let list):
            let selectedId = state.browse.selectedProject?.id
            state.browse.projects = list.filter { $0.type == nil || $0.type == "secret-manager" }
            state.browse.projectsLoaded = true
            recomputeProjects(keepingId: selectedId)
            if state.browse.openProjectId == nil {
                if let pref = state.session.preferredProject {
                    if let p = state.browse.projects.first(where: { $0.id == pref || $0.slug == pref }) {
                        selectProject(id: p.id)
                        openProject(p)
                        state.browse.focus = .secrets
                    } else {
                        request(.project(idOrSlug: pref), .project(idOrSlug: pref))
                    }
                } else if let first = state.browse.selectedProject {
                    openProject(first)           // a populated screen at once; focus stays on projects
                }
            } else if state.browse.openProject == nil {
                // The open project disappeared from the list (membership removed).
                state.browse.openProjectId = nil
                dropViewRequests()
                resetFolderTree()
                resetView()
            }
        }
    }

    mutating func projectLoaded(idOrSlug: String, _ result: Result<Project, InfisicalError>) {
        switch result {
        case .failure(let e): report(e)
        case .success(let p):
            if let i = state.browse.projects.firstIndex(where: { $0.id == p.id }) { state.browse.projects[i] = p }
            else { state.browse.projects.append(p) }
            recomputeProjects(keepingId: state.browse.selectedProject?.id ?? p.id)
            let wanted = state.session.preferredProject.map { $0 == p.id || $0 == p.slug } ?? false
            if wanted && state.browse.openProjectId == nil {
                selectProject(id: p.id)
                openProject(p)
                state.browse.focus = .secrets
            } else if state.browse.openProjectId == p.id {
                let envs = p.environments
                if state.browse.environmentIndex >= envs.count { state.browse.environmentIndex = max(0, envs.count - 1) }
            }
        }
    }

    /// One folder's children. The user may already be moving in the tree (rows shown from the
    /// cache, or other folders' lists that arrived first): the cursor stays on the folder it is
    /// on, not on its index, so rows added or removed above never slide another one under it.
    /// Before the tree has any row, the cursor starts on the current folder.
    mutating func foldersLoaded(path: String, _ result: Result<[Folder], InfisicalError>) {
        let current = state.browse.path
        var kept = state.browse.selectedFolder?.path ?? current
        let currentWasShown = state.browse.folderTree.isVisible(current)
        switch result {
        case .failure(let e):
            guard e.kind != .cancelled else { return }
            state.browse.folderTree.failures[path] = e.message
            report(e)
        case .success(let folders):
            state.browse.folderTree.children[path] = folders.map(\.name).sorted()
            state.browse.folderTree.failures[path] = nil
        }
        listOpenFolders()            // folders left open below this one, shown again
        // The way to the current folder is being listed (a start in `/a/b`): the cursor waited on
        // the deepest folder shown so far and moves on down to the current one once it shows.
        if !currentWasShown, FolderPath.isInside(current, kept), state.browse.folderTree.isVisible(current) { kept = current }
        keepFolderSelection(on: kept)
    }

    mutating func secretsLoaded(env: String, path: String, recursive: Bool,
                                _ result: Result<SecretList, InfisicalError>, now: Date) {
        state.now = now
        // A plain list cannot serve a recursive filter; a recursive list serves both.
        if !recursive && state.browse.filterRecursive { return }
        switch result {
        case .failure(let e):
            report(e)
            if e.kind != .cancelled { state.browse.secretsFailure = e.message }
        case .success(let list):
            state.browse.secretsFailure = nil
            var keep = state.browse.selectedSecret
            state.browse.secrets = SecretRow.rows(from: list, environment: env, path: path)
            if let key = state.browse.pendingSelection {
                keep = state.browse.secrets.first { $0.key == key && $0.path == path } ?? keep
                state.browse.pendingSelection = nil
            }
            state.browse.secretsRecursive = recursive
            state.browse.folderTree.recordCounts(state.browse.secrets, listedPath: path, recursive: recursive)
            state.browse.loadedAt = now
            state.status.lastError = nil
            if !list.skipped.isEmpty {
                // The rest of the folder is shown; what could not be read is named, never hidden.
                let names = list.skipped.prefix(3).joined(separator: ", ") + (list.skipped.count > 3 ? ", …" : "")
                state.status.lastError = InfisicalError(.io, "skipped \(list.skipped.count) entr\(list.skipped.count == 1 ? "y" : "ies") the server sent in a shape this client cannot read: \(names)",
                                                        hint: "the other secrets are shown; upgrade infisical-tui or check the server")
            }
            recomputeSecrets(keeping: keep)
        }
    }

    mutating func secretRevealed(env: String, path: String, key: String,
                                 _ result: Result<RevealedValue, InfisicalError>, now: Date) {
        state.now = now
        switch result {
        case .failure(let e): report(e)
        case .success(let v):
            // Only show it if the user is still on that secret: a late answer must not pop up elsewhere.
            guard let row = state.browse.selectedSecret,
                  row.key == key, row.environment == env, row.path == path else { return }
            state.browse.revealed = RevealedSecret(key: key, environment: env, path: path, value: v.raw,
                                            expanded: v.expanded, revealedAt: now)
            state.browse.detailScroll = 0
        }
    }
}
