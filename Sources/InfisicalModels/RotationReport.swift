import Foundation

/// One secret that needs attention under a rotation policy: where it is, which rule applies and how
/// late it is. Metadata only, by construction: there is no value field.
public struct RotationEntry: Sendable, Equatable, Codable {
    public var project: String
    public var projectId: String
    public var environment: String
    public var path: String
    public var key: String
    /// The rule that applies: a key pattern (`JWT_*`) or `reminder`.
    public var policy: String
    public var periodDays: Int
    public var ageDays: Int
    public var daysOverdue: Int
    /// Negative when overdue.
    public var dueInDays: Int
    public var status: RotationStatus.State
    public var updatedAt: String?

    public init(project: String, projectId: String, environment: String, path: String, key: String,
                status s: RotationStatus, updatedAt: String?) {
        self.project = project; self.projectId = projectId; self.environment = environment; self.path = path
        self.key = key; policy = s.source.label; periodDays = s.periodDays; ageDays = s.ageDays
        daysOverdue = s.daysOverdue; dueInDays = s.dueInDays; status = s.state; self.updatedAt = updatedAt
    }
}

/// The rows of `infisical-tui rotation`: the one selection and order, pure.
public enum RotationReport {
    /// The secrets of one environment that are overdue or due soon under `policy` at `now`.
    /// Imported rows are not given here (they are reported where they live).
    public static func entries(project: String, projectId: String, environment: String, secrets: [Secret],
                               policy: RotationPolicy, now: Date) -> [RotationEntry] {
        secrets.compactMap { s in
            guard let st = policy.status(s, now: now), st.state != .ok else { return nil }
            return RotationEntry(project: project, projectId: projectId,
                                 environment: s.environment.isEmpty ? environment : s.environment,
                                 path: s.secretPath ?? "/", key: s.secretKey, status: st, updatedAt: s.updatedAt)
        }
    }

    /// Worst first: overdue (most days late first), then due soon (soonest first); ties by project,
    /// environment, path, key, so the same data always prints the same list.
    public static func sorted(_ rows: [RotationEntry]) -> [RotationEntry] {
        rows.sorted { a, b in
            if a.dueInDays != b.dueInDays { return a.dueInDays < b.dueInDays }
            return (a.project, a.environment, a.path, a.key) < (b.project, b.environment, b.path, b.key)
        }
    }
}
