import Foundation
import InfisicalModels

/// The Elm-style update: a pure function from (state, action) to (new state, effects to run).
/// No clock, no I/O: time arrives in actions, work leaves as effects.
public func reduce(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
    var r = Reducer(state: state)
    r.handle(action)
    return (r.state, r.effects)
}

/// Working copy for one `reduce` call; the handlers in the `Reducer+…` files mutate it.
struct Reducer {
    var state: AppState
    var effects: [Effect] = []

    init(state: AppState) { self.state = state }

    var layout: Layout { Layout(width: state.width, height: state.height) }

    /// Queues an effect and marks its request as in flight (drives the spinner).
    mutating func emit(_ e: Effect) {
        effects.append(e)
        if let key = e.loadKey { state.pending.insert(key) }
    }

    mutating func report(_ e: InfisicalError) {
        if e.kind != .cancelled { state.lastError = e }
    }

    mutating func handle(_ action: Action) {
        switch action {
        case .started(let now):
            state.now = now
            emit(.loadProjects)
        case .tick(let now):
            state.now = now
            if state.isLoading { state.spinnerFrame &+= 1 }
            if let r = state.revealed, now.timeIntervalSince(r.revealedAt) >= state.remaskAfter {
                state.revealed = nil
            }
            auditTick()
            editTick()
        case .input(let event):
            handleInput(event)
        case .projectsLoaded(let result):
            projectsLoaded(result)
        case .projectLoaded(let idOrSlug, let result):
            projectLoaded(idOrSlug: idOrSlug, result)
        case .foldersLoaded(let pid, let env, let path, let result):
            foldersLoaded(projectId: pid, env: env, path: path, result)
        case .secretsLoaded(let pid, let env, let path, let recursive, let result, let now):
            secretsLoaded(projectId: pid, env: env, path: path, recursive: recursive, result, now: now)
        case .secretRevealed(let pid, let env, let path, let key, let result, let now):
            secretRevealed(projectId: pid, env: env, path: path, key: key, result, now: now)
        case .roleLoaded(let pid, let result):
            state.pending.remove(.role(projectId: pid))
            if case .success(let role) = result { state.roles[pid] = role }
            // A failed role probe is cosmetic: the status line simply shows no role.
        case .themeChanged(let name):
            state.themeName = name
        case .failed(let e):
            report(e)
        case .export(let a): handleExport(a)
        case .audit(let a): handleAudit(a)
        case .edit(let a): handleEdit(a)
        }
        afterAction()
    }
}

extension Effect {
    /// The in-flight key for effects that expect an answer.
    var loadKey: LoadKey? {
        switch self {
        case .loadProjects: return .projects
        case .loadProject(let id): return .project(id)
        case .loadFolders(let p, let e, let path): return .folders(projectId: p, env: e, path: path)
        case .loadSecrets(let p, let e, let path, let rec): return .secrets(projectId: p, env: e, path: path, recursive: rec)
        case .revealSecret(let p, let e, let path, let k): return .reveal(projectId: p, env: e, path: path, key: k)
        case .loadRole(let p): return .role(projectId: p)
        default: return nil
        }
    }
}
