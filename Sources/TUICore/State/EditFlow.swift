import InfisicalModels

/// Edit / new / rename / delete dialog state. Placeholder until the feature lands.
public struct EditFlow: Equatable, Sendable {
    public init() {}
    /// True while the dialog holds a secret value (drives the re-mask clock).
    public var holdsValue: Bool { false }
}

public enum EditAction: Sendable {
    case placeholder
}

public enum EditEffect: Equatable, Sendable {
    case placeholder
    public var readsSecretValue: Bool { false }
}
