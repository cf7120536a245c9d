import CSupport
import Foundation
import InfisicalClient
import InfisicalModels
import TUICore

/// Thread-safe inbox of actions produced off the UI thread. Posting wakes the UI loop.
final class Mailbox: @unchecked Sendable {
    private var items: [Action] = []
    private let lock = NSLock()

    func post(_ action: Action) {
        lock.lock(); items.append(action); lock.unlock()
        cs_wake()
    }

    func takeAll() -> [Action] {
        lock.lock(); defer { lock.unlock() }
        let out = items
        items.removeAll()
        return out
    }
}

/// Runs the core's API effects on a background queue with `InfisicalAPI` (which blocks) and posts
/// each answer to the mailbox, so no network call ever blocks keys. `cancelAll` cancels whatever is
/// in flight; cancelled loads still answer (with `.cancelled`), as the core expects.
final class EffectRunner: @unchecked Sendable {
    let api: InfisicalAPI
    let mailbox: Mailbox
    private let queue = DispatchQueue(label: "infisical-tui.effects", attributes: .concurrent)
    private let lock = NSLock()
    private var cancellation = Cancellation()
    /// Injected clock for result timestamps (the shell owns time, not the core).
    let clock: @Sendable () -> Date

    init(api: InfisicalAPI, mailbox: Mailbox, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api; self.mailbox = mailbox; self.clock = clock
    }

    func cancelAll() {
        lock.lock(); defer { lock.unlock() }
        cancellation.cancel()
        cancellation = Cancellation()
    }

    private var currentCancellation: Cancellation { lock.lock(); defer { lock.unlock() }; return cancellation }

    /// Starts an API effect. Returns false for effects that are not API calls (the session runs those).
    @discardableResult
    func run(_ effect: Effect) -> Bool {
        let cancel = currentCancellation
        let api = self.api, clock = self.clock
        func async(_ work: @escaping @Sendable () -> Action) { background(work) }
        switch effect {
        case .loadProjects:
            async { .projectsLoaded(Self.attempt { try api.listProjects(cancel: cancel) }) }
        case .loadProject(let idOrSlug):
            async { .projectLoaded(idOrSlug: idOrSlug, Self.attempt { try api.project(idOrSlug: idOrSlug, cancel: cancel) }) }
        case .loadFolders(let projectId, let env, let path):
            async {
                .foldersLoaded(projectId: projectId, env: env, path: path, Self.attempt {
                    try api.listFolders(projectId: projectId, environment: env, path: path, recursive: false, cancel: cancel)
                })
            }
        case .loadSecrets(let projectId, let env, let path, let recursive):
            async {
                let r = Self.attempt {
                    try api.listSecrets(projectId: projectId, environment: env, path: path, recursive: recursive,
                                        viewValues: false, expandReferences: false, includeImports: true, cancel: cancel)
                }
                return .secretsLoaded(projectId: projectId, env: env, path: path, recursive: recursive, r, now: clock())
            }
        case .revealSecret(let projectId, let env, let path, let key):
            async {
                let r = Self.attempt { () throws -> RevealedValue in
                    let raw = try api.secret(projectId: projectId, environment: env, path: path, name: key,
                                             expandReferences: false, cancel: cancel).secretValue
                    guard raw.contains("${") else { return RevealedValue(raw: raw) }
                    let expanded = try? api.secret(projectId: projectId, environment: env, path: path, name: key,
                                                   expandReferences: true, cancel: cancel).secretValue
                    return RevealedValue(raw: raw, expanded: expanded)
                }
                return .secretRevealed(projectId: projectId, env: env, path: path, key: key, r, now: clock())
            }
        case .loadRole(let projectId):
            async { .roleLoaded(projectId: projectId, Self.attempt { try api.role(projectId: projectId, cancel: cancel) }) }
        case .export(let e): runExport(e, cancel: cancel)
        case .audit(let e): runAudit(e, cancel: cancel)
        case .edit(let e): runEdit(e, cancel: cancel)
        case .invalidateCache:
            // Synchronous (it only empties a dictionary), so the reloads emitted after it never
            // see the old entries.
            api.clearCache()
        default:
            return false
        }
        return true
    }

    /// Runs `work` off the UI thread and posts its answer.
    func background(_ work: @escaping @Sendable () -> Action) {
        let mailbox = self.mailbox
        queue.async { mailbox.post(work()) }
    }

    /// Every failure becomes an `InfisicalError` (the client already throws only those).
    static func attempt<T>(_ body: () throws -> T) -> Result<T, InfisicalError> {
        do { return .success(try body()) } catch let e as InfisicalError {
            return .failure(e)
        } catch {
            return .failure(InfisicalError(.io, String(describing: error)))
        }
    }
}
