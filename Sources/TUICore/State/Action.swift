import Foundation
import InfisicalModels

/// Everything that can happen to the app. The shell supplies input and time; the effect runner
/// feeds each request's answer back with the request's id.
public enum Action: Sendable {
    case input(InputEvent)
    /// First action after start: loads projects. `now` seeds the clock for ages.
    case started(now: Date)
    /// Timer tick (the shell's clock): spinner, re-mask deadline, data age, audit follow.
    case tick(now: Date)
    /// The answer to `Effect.request(id, …)`.
    case answered(RequestID, Answer)
    /// The app switched theme (after `.cycleTheme`).
    case themeChanged(name: String)
    /// Any other failure the app wants on the status line (e.g. a theme file that did not parse).
    case failed(InfisicalError)
}

/// What a request returned, by kind. The request itself (its project, path, key…) is known to the
/// reducer from the id, so answers carry only results.
public enum Answer: Sendable {
    case projects(Result<[Project], InfisicalError>)
    case project(Result<Project, InfisicalError>)
    case folders(Result<[Folder], InfisicalError>)
    case secrets(Result<SecretList, InfisicalError>, now: Date)
    case revealed(Result<RevealedValue, InfisicalError>, now: Date)
    case role(Result<ProjectRole?, InfisicalError>)
    /// The signed-in person's organization name (nil: not known).
    case organization(Result<String?, InfisicalError>)
    /// Answers for the copy-to-file, audit and edit features (their files define the cases).
    case export(ExportAnswer)
    case audit(AuditAnswer)
    case edit(EditAnswer)
    /// One column per environment, in the request's order.
    case overview(Result<[EnvironmentComparison.Column], InfisicalError>)
    case synced([SyncResult])
    case history(HistoryAnswer)
}
