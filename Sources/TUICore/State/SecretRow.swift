import Foundation
import InfisicalModels

/// One row of the secrets table: metadata only. There is deliberately no value field — values live
/// only in `AppState.revealed`, for one secret, after the user asked.
public struct SecretRow: Equatable, Sendable {
    public var id: String
    public var key: String
    /// Lower-cased key, precomputed so filtering 10k rows per keystroke stays cheap.
    public var keyLower: String
    /// Environment and folder the value is read from (differs from the view for imported rows).
    public var environment: String
    public var path: String
    public var version: Int
    public var comment: String
    public var tags: [String]
    public var createdAt: Date?
    public var updatedAt: Date?
    /// "dev:/shared" when the row comes from a secret import.
    public var importedFrom: String?
    /// The server withheld this value from us even on request (no read-value permission).
    public var valueHiddenByServer: Bool
    /// Infisical's per-secret reminder (`secretReminderRepeatDays`): it overrides the rotation policy.
    public var reminderDays: Double?
    /// Who last changed it, from the API's `actor` (name, and "machine" for an identity), as the
    /// server sent it: untrusted text. Nil when the server sends no actor.
    public var changedBy: String?

    public init(id: String, key: String, environment: String, path: String, version: Int, comment: String = "",
                tags: [String] = [], createdAt: Date? = nil, updatedAt: Date? = nil, importedFrom: String? = nil,
                valueHiddenByServer: Bool = false, reminderDays: Double? = nil) {
        self.id = id; self.key = key; self.keyLower = key.lowercased(); self.environment = environment
        self.path = path; self.version = version; self.comment = comment; self.tags = tags
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.importedFrom = importedFrom
        self.valueHiddenByServer = valueHiddenByServer; self.reminderDays = reminderDays
    }

    /// Keeps only metadata from a server secret; whatever `secretValue` holds is dropped here.
    public init(_ s: Secret, defaultEnvironment: String, defaultPath: String, importedFrom: String? = nil) {
        self.init(id: s.id, key: s.secretKey, environment: s.environment.isEmpty ? defaultEnvironment : s.environment,
                  path: s.secretPath ?? defaultPath, version: s.version, comment: s.secretComment ?? "",
                  tags: (s.tags ?? []).map { $0.name ?? $0.slug },
                  createdAt: s.createdAt.flatMap(ISODate.parse), updatedAt: s.updatedAt.flatMap(ISODate.parse),
                  importedFrom: importedFrom, valueHiddenByServer: false, reminderDays: s.secretReminderRepeatDays)
        changedBy = SecretRow.actorLabel(s.actor)
    }

    static func actorLabel(_ a: SecretActor?) -> String? {
        guard let a else { return nil }
        let name = a.name ?? a.actorId ?? ""
        let kind = a.actorType == "identity" ? "machine" : a.actorType == "user" ? "" : a.actorType ?? ""
        if name.isEmpty { return kind.isEmpty ? nil : kind }
        return kind.isEmpty ? name : name + " (" + kind + ")"
    }

    /// Rows for a list response: own secrets first (sorted by key), then imported ones not
    /// shadowed by an own key.
    public static func rows(from list: SecretList, environment: String, path: String) -> [SecretRow] {
        var rows = list.secrets.map { SecretRow($0, defaultEnvironment: environment, defaultPath: path) }
        rows.sort { ($0.path, $0.key) < ($1.path, $1.key) }
        // Most folders import nothing: then no set of every key is built.
        guard let imports = list.imports, !imports.isEmpty else { return rows }
        var seen = Set(rows.lazy.map(\.key))
        for imp in imports {
            let label = "\(imp.environment):\(imp.secretPath)"
            for s in imp.secrets where !seen.contains(s.secretKey) {
                seen.insert(s.secretKey)
                var r = SecretRow(s, defaultEnvironment: imp.environment, defaultPath: imp.secretPath, importedFrom: label)
                r.environment = imp.environment; r.path = imp.secretPath
                rows.append(r)
            }
        }
        return rows
    }
}

/// The revealed value of the one secret the user asked to see.
public struct RevealedSecret: Equatable, Sendable {
    public var key: String
    public var environment: String
    public var path: String
    public var value: String
    /// The value with `${…}` references expanded, when the app fetched it (value contains `${`).
    public var expanded: String?
    public var revealedAt: Date
    public init(key: String, environment: String, path: String, value: String, expanded: String? = nil, revealedAt: Date) {
        self.key = key; self.environment = environment; self.path = path; self.value = value
        self.expanded = expanded; self.revealedAt = revealedAt
    }
}

/// What a reveal effect returns: the raw value and, if it holds references, the expanded one.
public struct RevealedValue: Equatable, Sendable {
    public var raw: String
    public var expanded: String?
    public init(raw: String, expanded: String? = nil) { self.raw = raw; self.expanded = expanded }
}
