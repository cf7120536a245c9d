/// A secret as the v3/v4 routes serve it. `secretValue` is `"<hidden-by-infisical>"` when
/// `secretValueHidden` is true (metadata-first lists), so callers must check the flag, not the text.
public struct Secret: Codable, Sendable, Equatable, Identifiable {
    public static let hiddenPlaceholder = "<hidden-by-infisical>"
    /// What a masked value looks like everywhere (CLI and TUI): fixed width, so a mask never
    /// tells the value's length.
    public static let mask = "••••••••"

    public var id: String
    public var workspace: String?
    public var environment: String
    public var version: Int
    public var type: String?
    public var secretKey: String
    public var secretValue: String
    public var secretValueHidden: Bool?
    public var secretComment: String?
    public var secretPath: String?
    public var tags: [Tag]?
    public var secretReminderRepeatDays: Double?
    public var secretReminderNote: String?
    public var skipMultilineEncoding: Bool?
    public var actor: SecretActor?
    public var createdAt: String?
    public var updatedAt: String?

    public init(id: String, workspace: String? = nil, environment: String, version: Int, type: String? = "shared",
                secretKey: String, secretValue: String, secretValueHidden: Bool? = false, secretComment: String? = "",
                secretPath: String? = "/", tags: [Tag]? = nil, secretReminderRepeatDays: Double? = nil,
                secretReminderNote: String? = nil, skipMultilineEncoding: Bool? = nil, actor: SecretActor? = nil,
                createdAt: String? = nil, updatedAt: String? = nil) {
        self.id = id; self.workspace = workspace; self.environment = environment; self.version = version
        self.type = type; self.secretKey = secretKey; self.secretValue = secretValue
        self.secretValueHidden = secretValueHidden; self.secretComment = secretComment; self.secretPath = secretPath
        self.tags = tags; self.secretReminderRepeatDays = secretReminderRepeatDays
        self.secretReminderNote = secretReminderNote; self.skipMultilineEncoding = skipMultilineEncoding
        self.actor = actor; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// True when the server withheld the value (metadata-only list, or no read-value permission).
    public var isValueHidden: Bool { secretValueHidden ?? (secretValue == Secret.hiddenPlaceholder) }
}

public struct Tag: Codable, Sendable, Equatable {
    public var id: String?
    public var slug: String
    public var name: String?
    public var color: String?
    public init(id: String? = nil, slug: String, name: String? = nil, color: String? = nil) {
        self.id = id; self.slug = slug; self.name = name; self.color = color
    }
}

/// The last modifier of a secret (`actor` on secret objects).
public struct SecretActor: Codable, Sendable, Equatable {
    public var actorId: String?
    public var actorType: String?
    public var name: String?
    public init(actorId: String? = nil, actorType: String? = nil, name: String? = nil) {
        self.actorId = actorId; self.actorType = actorType; self.name = name
    }
}

/// An imported block in a list response.
public struct SecretImport: Codable, Sendable, Equatable {
    public var secretPath: String
    public var environment: String
    public var folderId: String?
    public var secrets: [Secret]
    public init(secretPath: String, environment: String, folderId: String? = nil, secrets: [Secret]) {
        self.secretPath = secretPath; self.environment = environment; self.folderId = folderId; self.secrets = secrets
    }
}

/// `GET /api/v4/secrets` response.
public struct SecretList: Codable, Sendable, Equatable {
    public var secrets: [Secret]
    public var imports: [SecretImport]?
    public init(secrets: [Secret], imports: [SecretImport]? = nil) { self.secrets = secrets; self.imports = imports }
}
