import InfisicalModels

/// Copy-to-file dialog state (`y` one value, `Y` the view). Placeholder until the feature lands.
public struct ExportFlow: Equatable, Sendable {
    public init() {}
}

public enum ExportAction: Sendable {
    case placeholder
}

public enum ExportEffect: Equatable, Sendable {
    case placeholder
    public var readsSecretValue: Bool { false }
}
