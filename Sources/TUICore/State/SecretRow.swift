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

    public init(id: String, key: String, environment: String, path: String, version: Int, comment: String = "",
                tags: [String] = [], createdAt: Date? = nil, updatedAt: Date? = nil, importedFrom: String? = nil,
                valueHiddenByServer: Bool = false) {
        self.id = id; self.key = key; self.keyLower = key.lowercased(); self.environment = environment
        self.path = path; self.version = version; self.comment = comment; self.tags = tags
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.importedFrom = importedFrom
        self.valueHiddenByServer = valueHiddenByServer
    }

    /// Keeps only metadata from a server secret; whatever `secretValue` holds is dropped here.
    public init(_ s: Secret, defaultEnvironment: String, defaultPath: String, importedFrom: String? = nil) {
        self.init(id: s.id, key: s.secretKey, environment: s.environment.isEmpty ? defaultEnvironment : s.environment,
                  path: s.secretPath ?? defaultPath, version: s.version, comment: s.secretComment ?? "",
                  tags: (s.tags ?? []).map { $0.name ?? $0.slug },
                  createdAt: s.createdAt.flatMap(ISODate.parse), updatedAt: s.updatedAt.flatMap(ISODate.parse),
                  importedFrom: importedFrom, valueHiddenByServer: false)
    }

    /// Rows for a list response: own secrets first (sorted by key), then imported ones not
    /// shadowed by an own key.
    public static func rows(from list: SecretList, environment: String, path: String) -> [SecretRow] {
        var rows = list.secrets.map { SecretRow($0, defaultEnvironment: environment, defaultPath: path) }
        rows.sort { ($0.path, $0.key) < ($1.path, $1.key) }
        var seen = Set(rows.map(\.key))
        for imp in list.imports ?? [] {
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

/// Minimal ISO-8601 parsing (`2025-01-04T10:12:33.120Z`, offsets allowed) without formatters or
/// locale state, so the core stays pure and fast.
public enum ISODate {
    public static func parse(_ s: String) -> Date? {
        let u = Array(s.utf8)
        func num(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in i..<(i + n) { let d = Int(u[k]) - 48; guard (0...9).contains(d) else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), CivilDate.isValid(year: y, month: mo, day: d) else { return nil }
        var secs = 0.0
        var i = 10
        if u.count > 10, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ") {
            guard let h = num(11, 2), let mi = num(14, 2) else { return nil }
            let sec = num(17, 2) ?? 0
            secs = Double(h * 3600 + mi * 60 + sec)
            i = num(17, 2) == nil ? 16 : 19
            if i < u.count, u[i] == UInt8(ascii: ".") {
                i += 1; var frac = 0.0, scale = 0.1
                while i < u.count, (48...57).contains(u[i]) { frac += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
                secs += frac
            }
            if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                let sign = u[i] == UInt8(ascii: "+") ? 1.0 : -1.0
                if let oh = num(i + 1, 2) {
                    let om = num(i + 4, 2) ?? num(i + 3, 2) ?? 0
                    secs -= sign * Double(oh * 3600 + om * 60)
                }
            }
        }
        let days = CivilDate.days(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: Double(days) * 86400 + secs)
    }
}

/// Short relative ages for narrow columns: `now`, `42s`, `5m`, `3h`, `3d`, `200d`.
public enum RelativeAge {
    public static func format(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 5 { return "now" }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }
}
