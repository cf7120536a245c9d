import InfisicalModels

/// The audit screen (`a`) and the detail view's recent activity. Placeholder until the feature lands.
public struct AuditState: Equatable, Sendable {
    public init() {}
}

public enum AuditAction: Sendable {
    case placeholder
}

public enum AuditEffect: Equatable, Sendable {
    case placeholder
}
