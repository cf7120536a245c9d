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

    /// Starts a request in its slot (superseding the one before) and queues it for the app.
    @discardableResult
    mutating func request(_ slot: RequestSlot, _ r: Request) -> RequestID {
        let id = state.requests.begin(slot, r)
        effects.append(.request(id, r))
        return id
    }

    /// Queues a local effect (no request id: nothing answers it but `.themeChanged`/`.failed`).
    mutating func perform(_ e: Effect) {
        effects.append(e)
    }

    mutating func report(_ e: InfisicalError) {
        if e.kind != .cancelled { state.status.lastError = e }
    }

    mutating func handle(_ action: Action) {
        switch action {
        case .started(let now):
            state.now = now
            request(.projects, .projects)
            if state.session.asksOrganization { request(.organization, .organization) }
        case .tick(let now):
            state.now = now
            if state.isLoading { state.status.spinnerFrame &+= 1 }
            if let r = state.browse.revealed, now.timeIntervalSince(r.revealedAt) >= state.session.remaskAfter {
                state.browse.revealed = nil
            }
            auditTick()
            withEditor { $0.tick() }
            withHistory { $0.tick(now) }
        case .input(let event):
            handleInput(event)
        case .answered(let id, let answer):
            // The one staleness check: an answer to a superseded or dropped request is ignored.
            guard let asked = state.requests.accept(id) else { break }
            handleAnswer(asked, answer)
        case .themeChanged(let name):
            state.session.themeName = name
        case .failed(let e):
            report(e)
        }
        loadDetailActivityIfFocused()
    }

    /// Routes an accepted answer to the feature that asked.
    mutating func handleAnswer(_ asked: Request, _ answer: Answer) {
        // Outside the big switch: one more pair there is past what the compiler checks in time.
        if case .history = asked, case .history(let a) = answer { withHistory { $0.answer(a) }; return }
        switch (asked, answer) {
        case (.projects, .projects(let result)):
            projectsLoaded(result)
        case (.project(let idOrSlug), .project(let result)):
            projectLoaded(idOrSlug: idOrSlug, result)
        case (.folders(_, _, let path), .folders(let result)):
            foldersLoaded(path: path, result)
        case (.secrets(_, let env, let path, let recursive), .secrets(let result, let now)):
            secretsLoaded(env: env, path: path, recursive: recursive, result, now: now)
        case (.reveal(_, let env, let path, let key), .revealed(let result, let now)):
            secretRevealed(env: env, path: path, key: key, result, now: now)
        case (.role(let pid), .role(let result)):
            // A failed role probe is cosmetic: the status line simply shows no role.
            if case .success(let role) = result { state.session.roles[pid] = role }
        case (.organization, _):
            organizationAnswered(answer)
        case (.export, .export(let a)): handleExport(a)
        case (.audit(let asked), .audit(let a)): withAudit { $0.handleAudit(asked, a) }
        case (.edit, .edit(let a)): withEditor { $0.answer(a) }
        case (.overview, .overview(let result)): withOverview { $0.answer(result) }
        case (.sync, .synced(let results)), (.setEverywhere, .synced(let results)): withOverview { $0.synced(results) }
        case (.projects, _), (.project, _), (.folders, _), (.secrets, _), (.reveal, _), (.role, _),
             (.export, _), (.audit, _), (.edit, _), (.overview, _), (.sync, _), (.setEverywhere, _), (.history, _):
            // An answer of another kind than its request: a runner bug, never shown as data.
            report(InfisicalError(.io, "internal: mismatched answer for a \(asked.kindName) request"))
        }
    }
}

extension Reducer {
    /// The person's organization name (cosmetic too: without it the top bar shows the project alone).
    /// Matched here, not in `handleAnswer`'s tuple switch, which is at the limit of what the
    /// compiler checks for exhaustiveness in reasonable time.
    mutating func organizationAnswered(_ answer: Answer) {
        guard case .organization(let result) = answer else {
            return report(InfisicalError(.io, "internal: mismatched answer for an organization request"))
        }
        if case .success(let name?) = result, !name.isEmpty { state.session.organizationName = name }
    }
}

extension Request {
    var kindName: String {
        switch self {
        case .projects: return "projects"
        case .project: return "project"
        case .folders: return "folders"
        case .secrets: return "secrets"
        case .reveal: return "reveal"
        case .role: return "role"
        case .organization: return "organization"
        case .export: return "copy-to-file"
        case .audit: return "audit"
        case .edit: return "edit"
        case .overview: return "overview"
        case .sync: return "sync"
        case .setEverywhere: return "set everywhere"
        case .history: return "history"
        }
    }
}
