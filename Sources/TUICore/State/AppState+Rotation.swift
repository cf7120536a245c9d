import Foundation
import InfisicalModels

/// The rotation rule applied to the open project: the shared `RotationPolicy` (InfisicalModels)
/// with config.json's overrides, so the badge, the overdue filter and `infisical-tui rotation`
/// agree on every key.
extension AppState {
    public var rotationPolicy: RotationPolicy {
        session.rotation.policy(projectId: browse.openProjectId, slug: browse.openProject?.slug)
    }

    /// A row's status at the state's clock, or nil when its key has no policy.
    public func rotationStatus(_ row: SecretRow) -> RotationStatus? {
        Self.rotationStatus(row, policy: rotationPolicy, now: now)
    }

    static func rotationStatus(_ row: SecretRow, policy: RotationPolicy, now: Date) -> RotationStatus? {
        policy.status(key: row.key, reminderDays: row.reminderDays, updatedAt: row.updatedAt, now: now)
    }
}
