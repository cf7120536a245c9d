/// Work the reducer asks the app to do. The app runs loads off the UI thread and answers each with
/// the matching `Action`. Only `.revealSecret` may fetch a value: `.loadSecrets` is always a
/// metadata list (`viewSecretValue=false`, `expandSecretReferences=false`, `include_imports=true`).
public enum Effect: Equatable, Sendable {
    /// `listProjects` → `.projectsLoaded`.
    case loadProjects
    /// `project(idOrSlug:)` → `.projectLoaded(idOrSlug:…)` (refreshes environments; resolves slugs).
    case loadProject(idOrSlug: String)
    /// `listFolders(…recursive: false)` → `.foldersLoaded`.
    case loadFolders(projectId: String, env: String, path: String)
    /// `listSecrets(…viewValues: false…)` → `.secretsLoaded`.
    case loadSecrets(projectId: String, env: String, path: String, recursive: Bool)
    /// `secret(…name: key…)`; if the value contains `${`, also fetch with `expandReferences: true`
    /// and pass both in `RevealedValue` → `.secretRevealed`.
    case revealSecret(projectId: String, env: String, path: String, key: String)
    /// `role(projectId:)` → `.roleLoaded`.
    case loadRole(projectId: String)
    /// Remember the view for the next start (best effort, no answer).
    case persistLastView(projectId: String, env: String, path: String)
    /// Switch to the next theme (built-ins, then user themes) → `.themeChanged`.
    case cycleTheme
    case setTheme(name: String)
    /// Forget cached responses (the client's ETag cache), so the loads that follow really ask the
    /// server (`R`). No answer.
    case invalidateCache
    /// Cancel in-flight requests (the view changed or the app is quitting).
    case cancelAll
    case quit
    /// Feature work (copy-to-file, audit, edit); their files define the cases and the answers.
    case export(ExportEffect)
    case audit(AuditEffect)
    case edit(EditEffect)

    /// True only for effects that read a secret value: reveal, and the feature effects that say so
    /// (writing a file of values, loading a value into the editor).
    public var readsSecretValue: Bool {
        switch self {
        case .revealSecret: return true
        case .export(let e): return e.readsSecretValue
        case .audit: return false
        case .edit(let e): return e.readsSecretValue
        default: return false
        }
    }
}
