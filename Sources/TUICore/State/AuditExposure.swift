import Foundation
import InfisicalModels

/// `e` on an audit row: the exposure report (`ExposureReport`, shared with `infisical-tui
/// exposure`) for that row's actor, over the open project's last 90 days. The audit screen is a
/// project's log, so the report is the project's too; the CLI without `--projectId` spans all.
public struct AuditExposure: Equatable, Sendable {
    public var actorId: String
    public var actorType: String
    /// As the row showed it (already sanitized).
    public var actorName: String
    public var since: Date
    public var report: ExposureReport?
    public var error: String?
    public var scroll = 0

    public static let days = 90
    /// Most read events fetched for one report.
    public static let limit = 10_000
}
