import Foundation
import InfisicalModels

/// Filters for `GET /api/v1/organization/audit-logs`. `startDate` is always sent (the server's
/// default is "since last midnight", which surprises).
public struct AuditQuery: Sendable, Equatable {
    public var projectId: String?
    public var environment: String?
    public var secretPath: String?
    public var secretKey: String?
    public var eventTypes: [String]
    public var actorType: String?
    public var actor: String?
    public var userAgentType: String?
    public var startDate: Date
    public var endDate: Date?
    /// Total rows wanted (paging stops there or at a short page).
    public var limit: Int
    public var offset: Int
    /// Rows per request (≤ 1000).
    public var pageSize: Int

    public init(projectId: String? = nil, environment: String? = nil, secretPath: String? = nil, secretKey: String? = nil,
                eventTypes: [String] = [], actorType: String? = nil, actor: String? = nil, userAgentType: String? = nil,
                startDate: Date = Date().addingTimeInterval(-86400), endDate: Date? = nil, limit: Int = 100,
                offset: Int = 0, pageSize: Int = 100) {
        self.projectId = projectId; self.environment = environment; self.secretPath = secretPath; self.secretKey = secretKey
        self.eventTypes = eventTypes; self.actorType = actorType; self.actor = actor; self.userAgentType = userAgentType
        self.startDate = startDate; self.endDate = endDate; self.limit = limit; self.offset = offset; self.pageSize = pageSize
    }
}

public func iso8601Millis(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: d)
}

extension InfisicalAPI {
    private struct AuditBody: Decodable { var auditLogs: [AuditLogEntry] }

    /// Newest first; pages of `pageSize` until `limit` rows or a short page.
    public func auditLogs(_ query: AuditQuery, cancel: Cancellation? = nil) throws -> [AuditLogEntry] {
        var rows: [AuditLogEntry] = []
        var offset = query.offset
        let page = max(1, min(1000, query.pageSize))
        while rows.count < query.limit {
            let want = min(page, query.limit - rows.count)
            var q: [(String, String)] = [("startDate", iso8601Millis(query.startDate))]
            if let e = query.endDate { q.append(("endDate", iso8601Millis(e))) }
            let opt: [(String, String?)] = [("projectId", query.projectId), ("environment", query.environment),
                                            ("secretPath", query.secretPath), ("secretKey", query.secretKey),
                                            ("actorType", query.actorType), ("actor", query.actor),
                                            ("userAgentType", query.userAgentType),
                                            ("eventType", query.eventTypes.isEmpty ? nil : query.eventTypes.joined(separator: ","))]
            for (k, v) in opt { if let v, !v.isEmpty { q.append((k, v)) } }
            q += [("offset", String(offset)), ("limit", String(want))]
            let label = query.projectId.map(projectLabel)
            let call = Call(path: "/api/v1/organization/audit-logs", query: q,
                            context: ErrorContext(project: label))
            let got = try (query.projectId.map { pid in try withRole(pid) { try get(AuditBody.self, call, cancel: cancel) } }
                           ?? get(AuditBody.self, call, cancel: cancel)).auditLogs
            rows += got
            offset += got.count
            if got.count < want { break }
        }
        return rows
    }
}

/// The one CSV/JSON layout of exported audit events: `infisical-tui audit --csv` and `--json`
/// print these, and the TUI's audit export (`E`) writes them, byte for byte. (The on-screen
/// tables differ in layout, but both take the PATH/KEY column from `AuditLogEntry.pathKey`.)
public enum AuditTable {
    public static let csvHeader = ["time", "actor", "actorType", "event", "environment", "secretPath", "secretKey",
                                   "source", "ip", "project"]

    public static func csvRow(_ r: AuditLogEntry) -> [String] {
        [r.createdAt, r.actor.displayName, r.actor.type, r.event.type, r.environment ?? "", r.secretPath ?? "",
         r.secretKey ?? "", r.userAgentType ?? "", r.ipAddress ?? "", r.projectName ?? ""]
    }

    /// Opened in spreadsheets, so every cell gets the formula guard (`ExportFormatter.formulaGuarded`).
    public static func csv(_ rows: [AuditLogEntry]) -> String {
        ExportFormatter.csvTable(csvHeader, rows.map(csvRow), formulaGuard: true)
    }

    /// The API's rows as pretty JSON (sorted keys), like the CLI's `--json`.
    public static func json(_ rows: [AuditLogEntry]) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard !rows.isEmpty else { return Data("[]\n".utf8) }
        return try enc.encode(rows) + Data("\n".utf8)
    }
}
