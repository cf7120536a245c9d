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
    /// Entries of this block that could not be read (see `SecretList.skipped`).
    public var skipped: [String] = []
    public init(secretPath: String, environment: String, folderId: String? = nil, secrets: [Secret]) {
        self.secretPath = secretPath; self.environment = environment; self.folderId = folderId; self.secrets = secrets
    }
    enum CodingKeys: String, CodingKey { case secretPath, environment, folderId, secrets }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        secretPath = try c.decode(String.self, forKey: .secretPath)
        environment = try c.decode(String.self, forKey: .environment)
        folderId = try c.decodeIfPresent(String.self, forKey: .folderId)
        let read = try c.decode(TolerantSecretArray.self, forKey: .secrets)
        secrets = read.secrets; skipped = read.skipped
    }
}

/// `GET /api/v4/secrets` response.
public struct SecretList: Codable, Sendable, Equatable {
    public var secrets: [Secret]
    public var imports: [SecretImport]?
    /// Entries the server sent that could not be read as a secret (wrong shape), named by key
    /// when the key itself was readable, else by position (`#3`). They are left out; everything
    /// else is kept, so one bad entry never empties a folder. Imports' skips are included,
    /// prefixed with their environment and path.
    public var skipped: [String] = []
    public init(secrets: [Secret], imports: [SecretImport]? = nil, skipped: [String] = []) {
        self.secrets = secrets; self.imports = imports; self.skipped = skipped
    }
    enum CodingKeys: String, CodingKey { case secrets, imports }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let read = try c.decode(TolerantSecretArray.self, forKey: .secrets)
        secrets = read.secrets
        imports = try c.decodeIfPresent([SecretImport].self, forKey: .imports)
        skipped = read.skipped + (imports ?? []).flatMap { i in i.skipped.map { "\(i.environment):\(i.secretPath) \($0)" } }
    }
}

/// A JSON array of secrets read entry by entry: what decodes is kept, what does not is named.
struct TolerantSecretArray: Decodable {
    var secrets: [Secret] = []
    var skipped: [String] = []

    /// Never throws, so the array container always moves past it.
    private struct Entry: Decodable {
        var secret: Secret?
        var key: String?
        enum K: String, CodingKey { case secretKey }
        init(from decoder: Decoder) throws {
            secret = try? Secret(from: decoder)
            key = try? decoder.container(keyedBy: K.self).decode(String.self, forKey: .secretKey)
        }
    }

    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var index = 0
        while !c.isAtEnd {
            let entry = try c.decode(Entry.self)
            if let s = entry.secret { secrets.append(s) } else { skipped.append(entry.key ?? "#\(index)") }
            index += 1
        }
    }
}
