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

/// Runs the core's requests on a background queue with `InfisicalAPI` (which blocks) and posts
/// each answer to the mailbox, so no network call ever blocks keys. `cancelAll` (on quit) cancels
/// whatever is in flight; cancelled requests still answer (with `.cancelled`), as the core expects.
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

    /// Starts one request off the UI thread; its answer comes back as `.answered(id, …)`.
    func run(_ id: RequestID, _ request: Request) {
        let cancel = currentCancellation
        let api = self.api, clock = self.clock
        func answer(_ work: @escaping @Sendable () -> Answer) { background { .answered(id, work()) } }
        switch request {
        case .projects:
            answer { .projects(Self.attempt { try api.listProjects(cancel: cancel) }) }
        case .project(let idOrSlug):
            answer { .project(Self.attempt { try api.project(idOrSlug: idOrSlug, cancel: cancel) }) }
        case .folders(let projectId, let env, let path):
            answer {
                .folders(Self.attempt {
                    try api.listFolders(projectId: projectId, environment: env, path: path, recursive: false, cancel: cancel)
                })
            }
        case .secrets(let projectId, let env, let path, let recursive):
            answer {
                let r = Self.attempt {
                    try api.listSecrets(projectId: projectId, environment: env, path: path, recursive: recursive,
                                        viewValues: false, expandReferences: false, includeImports: true, cancel: cancel)
                }
                return .secrets(r, now: clock())
            }
        case .reveal(let projectId, let env, let path, let key):
            answer {
                let r = Self.attempt { () throws -> RevealedValue in
                    let raw = try api.secret(projectId: projectId, environment: env, path: path, name: key,
                                             expandReferences: false, cancel: cancel).secretValue
                    guard raw.contains("${") else { return RevealedValue(raw: raw) }
                    let expanded = try? api.secret(projectId: projectId, environment: env, path: path, name: key,
                                                   expandReferences: true, cancel: cancel).secretValue
                    return RevealedValue(raw: raw, expanded: expanded)
                }
                return .revealed(r, now: clock())
            }
        case .role(let projectId):
            answer { .role(Self.attempt { try api.role(projectId: projectId, cancel: cancel) }) }
        case .organization:
            answer { .organization(Self.attempt { try api.currentOrganization(cancel: cancel)?.name }) }
        case .export(let e): answer(Self.exportWork(e, api: api, cancel: cancel))
        case .audit(let e): answer(Self.auditWork(e, api: api, cancel: cancel))
        case .edit(let e): answer(Self.editWork(e, api: api, cancel: cancel))
        case .history(let e): answer(Self.historyWork(e, api: api, cancel: cancel, clock: clock))
        case .sync(let projectId, let items):
            answer {
                let results = SecretCopy.run(api, projectId: projectId, items: items, cancel: cancel)
                return .synced(zip(items, results).map { item, r in
                    switch r.1 {
                    case .created(let v): return SyncResult(item: item, wrote: true, message: "created v\(v)")
                    case .updated(let v): return SyncResult(item: item, wrote: true, message: "replaced v\(v)")
                    case .exists: return SyncResult(item: item, wrote: false, message: "already there")
                    case .failed(let why): return SyncResult(item: item, wrote: false, message: why)
                    }
                })
            }
        case .setEverywhere(let projectId, let path, let key, let value, let environments):
            // The guide's manual rotation: the same new value in each environment, one result each.
            answer {
                .synced(environments.map { env in
                    let item = SyncItem(path: path, key: key, from: "", to: env)
                    do {
                        let s = try api.updateSecret(projectId: projectId, environment: env, path: path, name: key,
                                                     value: value, cancel: cancel)
                        return SyncResult(item: item, wrote: true, message: "v\(s.version)")
                    } catch let e as InfisicalError {
                        return SyncResult(item: item, wrote: false, message: e.description)
                    } catch {
                        return SyncResult(item: item, wrote: false, message: String(describing: error))
                    }
                })
            }
        case .overview(let r):
            // One list per environment; values become digests at once and go no further.
            answer {
                .overview(Self.attempt {
                    try r.environments.map { env in
                        try EnvironmentSnapshot.fetch(api, projectId: r.projectId, environment: env, path: r.path,
                                                      recursive: r.recursive, cancel: cancel)
                    }
                })
            }
        }
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
