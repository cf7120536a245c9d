import Foundation
import InfisicalModels

/// Everything that can happen to the app. The shell supplies input and time; the effect runner
/// feeds API results back, each tagged with the request it answers so stale results are dropped.
/// Every load effect is answered by exactly one result action (a cancelled request may answer with
/// `.failure(kind: .cancelled)`, which is not shown to the user).
public enum Action: Sendable {
    case input(InputEvent)
    /// First action after start: loads projects. `now` seeds the clock for ages.
    case started(now: Date)
    /// Timer tick (the shell's clock): spinner, re-mask deadline, data age.
    case tick(now: Date)
    case projectsLoaded(Result<[Project], InfisicalError>)
    /// Answer to `.loadProject(idOrSlug:)`.
    case projectLoaded(idOrSlug: String, Result<Project, InfisicalError>)
    case foldersLoaded(projectId: String, env: String, path: String, Result<[Folder], InfisicalError>)
    case secretsLoaded(projectId: String, env: String, path: String, recursive: Bool,
                       Result<SecretList, InfisicalError>, now: Date)
    case secretRevealed(projectId: String, env: String, path: String, key: String,
                        Result<RevealedValue, InfisicalError>, now: Date)
    case roleLoaded(projectId: String, Result<ProjectRole?, InfisicalError>)
    /// The app switched theme (after `.cycleTheme` / `.setTheme`).
    case themeChanged(name: String)
    /// Any other failure the app wants on the status line (e.g. a theme file that did not parse).
    case failed(InfisicalError)
    /// Answers for the copy-to-file, audit and edit features (their files define the cases).
    case export(ExportAction)
    case audit(AuditAction)
    case edit(EditAction)
}
