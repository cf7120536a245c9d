import Foundation
import InfisicalModels

/// Work the reducer asks the app to do. Requests run off the UI thread; each is answered by exactly
/// one `.answered(id, …)` (a cancelled request may answer `.failure(kind: .cancelled)`, which is
/// not shown). The other effects are local and answer at most with `.themeChanged` / `.failed`.
public enum Effect: Equatable, Sendable {
    case request(RequestID, Request)
    /// Remember the view for the next start (best effort, no answer).
    case persistLastView(projectId: String, env: String, path: String)
    /// Switch to the next theme (built-ins, then user themes) → `.themeChanged` or `.failed`.
    case cycleTheme
    /// Forget cached responses (the client's ETag cache), so the loads that follow really ask the
    /// server (`R`). No answer.
    case invalidateCache
    /// Leave the run loop; the app cancels what is in flight and restores the terminal.
    case quit

    /// True only for requests that read a secret value.
    public var readsSecretValue: Bool {
        if case .request(_, let r) = self { return r.readsSecretValue }
        return false
    }
}

/// One API call (or file look) and what answers it. Only `.reveal` and the feature calls that say
/// so may fetch a value: `.secrets` is always a metadata list (`viewSecretValue=false`,
/// `expandSecretReferences=false`, `include_imports=true`).
public enum Request: Equatable, Sendable {
    /// `listProjects` → `.projects`.
    case projects
    /// `project(idOrSlug:)` → `.project` (refreshes environments; resolves slugs).
    case project(idOrSlug: String)
    /// `listFolders(…recursive: false)` → `.folders`.
    case folders(projectId: String, env: String, path: String)
    /// `listSecrets(…viewValues: false…)` → `.secrets`.
    case secrets(projectId: String, env: String, path: String, recursive: Bool)
    /// `secret(…name: key…)`; if the value contains `${`, also fetch with `expandReferences: true`
    /// and pass both in `RevealedValue` → `.revealed`.
    case reveal(projectId: String, env: String, path: String, key: String)
    /// `role(projectId:)` → `.role`.
    case role(projectId: String)
    /// `currentOrganization()` (a person's token only) → `.organization`: its name for the top bar.
    case organization
    /// Feature work (copy-to-file, audit, edit); their files define the cases and the answers.
    case export(ExportEffect)
    case audit(AuditEffect)
    case edit(EditEffect)
    /// `EnvironmentSnapshot.fetch` for each environment (values read, reduced to digests at once)
    /// → `.overview`.
    case overview(OverviewRequest)
    /// `SecretCopy.run` (no overwrite) → `.synced`. The values go from one environment to the
    /// other inside the runner.
    case sync(projectId: String, items: [SyncItem])
    /// `updateSecret(value:)` in each environment → `.synced` (one result per environment).
    case setEverywhere(projectId: String, path: String, key: String, value: String, environments: [String])
    /// The history overlay's loads, reveal and rollback (HistoryState.swift) → `.history`.
    case history(HistoryEffect)

    public var readsSecretValue: Bool {
        switch self {
        case .reveal, .overview, .sync: return true
        case .setEverywhere: return false
        case .export(let e): return e.readsSecretValue
        case .edit(let e): return e.readsSecretValue
        case .history(let e): return e.readsSecretValue
        case .projects, .project, .folders, .secrets, .role, .organization, .audit: return false
        }
    }
}
