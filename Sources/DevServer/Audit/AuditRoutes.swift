import Foundation
import GRDB

/// `GET /api/v1/organization/audit-logs` (all filters) and the deprecated
/// `GET /api/v1/workspace/{workspaceId}/audit-logs` (single eventType, adds `project{name,slug}`).
enum AuditRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        r.get("/api/v1/organization/audit-logs") { input in
            try await query(input, ctx, projectId: input.q("projectId"), legacy: false)
        }
        r.get("/api/v1/workspace/{workspaceId}/audit-logs") { input in
            try await query(input, ctx, projectId: input.params["workspaceId"], legacy: true)
        }
    }

    static func dateIssue(_ field: String) -> ValidationIssue {
        ValidationIssue(code: "invalid_string", path: [field], message: "Invalid datetime", extra: [("validation", .string("datetime"))])
    }

    static func query(_ input: RequestInput, _ ctx: ServerContext, projectId: String?, legacy: Bool) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        var issues: [ValidationIssue] = []
        var eventTypes: [String] = []
        if let raw = input.q("eventType"), !raw.isEmpty {
            eventTypes = legacy ? [raw] : raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for (i, t) in eventTypes.enumerated() where !AuditRecorder.knownEventTypes.contains(t) {
                issues.append(ValidationIssue(code: "invalid_enum_value", path: ["eventType", String(i)],
                                              message: "Invalid enum value. Expected one of the event types, received '\(t)'",
                                              extra: [("received", .string(t))]))
            }
        }
        let start = input.q("startDate").map(Clock.parseISO) ?? Clock.lastMidnightMs()
        let end = input.q("endDate").map(Clock.parseISO) ?? Clock.nowMs()
        if start == nil { issues.append(dateIssue("startDate")) }
        if end == nil { issues.append(dateIssue("endDate")) }
        if let s = start, let e = end, input.q("startDate") != nil, input.q("endDate") != nil {
            if e < s { issues.append(.custom("endDate", "endDate must be after startDate")) }
            if e - s > 92 * 86_400_000 { issues.append(.custom("endDate", "Dates must be within 3 months")) }
        }
        let userAgentTypes = ["web", "cli", "k8-operator", "terraform", "other", "InfisicalPythonSDK", "InfisicalNodeSDK"]
        if let ua = input.q("userAgentType"), !userAgentTypes.contains(ua) {
            issues.append(.invalidEnum("userAgentType", options: userAgentTypes, received: ua))
        }
        if !issues.isEmpty { throw APIError.validation(issues) }
        let offset = try input.intQuery("offset", default: 0) ?? 0
        let limit = try input.intQuery("limit", default: 20, min: 0, max: 1000) ?? 20

        var allowedProjects: [String]
        if let projectId, !projectId.isEmpty {
            let scope = try await ctx.scope(input, caller: caller, projectId: projectId)
            try scope.require(.read, .auditLogs)
            allowedProjects = [scope.project.id]
        } else {
            // Org-wide: the projects where the caller may read audit logs (+ org-level events for org admins).
            allowedProjects = try await ctx.db.read { db in
                try Store.projects(db).compactMap { p in
                    guard let role = try Store.projectRole(db, caller: caller, projectId: p.id),
                          Permissions.allowed(role: role, .read, .auditLogs, environment: nil) else { return nil }
                    return p.id
                }
            }
        }
        var sql = "SELECT a.*, p.name AS projectName, p.slug AS projectSlug FROM audit_logs a LEFT JOIN projects p ON p.id = a.projectId WHERE a.createdAt >= ? AND a.createdAt <= ?"
        var args: [(any DatabaseValueConvertible)?] = [start ?? 0, end ?? 0]
        let includeOrgEvents = (projectId ?? "").isEmpty && caller.orgRole == "admin"
        sql += " AND (a.projectId IN (\(databaseQuestionMarks(count: max(allowedProjects.count, 1)))) \(includeOrgEvents ? "OR a.projectId IS NULL" : ""))"
        args += allowedProjects.isEmpty ? [""] : allowedProjects
        let filters: [(String, String)] = [("environment", "a.environment"), ("secretPath", "a.secretPath"),
                                           ("secretKey", "a.secretKey"), ("actorType", "a.actorType"),
                                           ("actor", "a.actorId"), ("userAgentType", "a.userAgentType")]
        for (param, column) in filters {
            if let v = input.q(param), !v.isEmpty {
                sql += " AND \(column) = ?"
                args.append(param == "secretPath" ? Paths.normalize(v) : v)
            }
        }
        if !eventTypes.isEmpty {
            sql += " AND a.eventType IN (\(databaseQuestionMarks(count: eventTypes.count)))"
            args += eventTypes
        }
        sql += " ORDER BY a.createdAt DESC, a.seq DESC"
        let metadataFilter = parseMetadataFilter(input.q("eventMetadata"))
        // Metadata filters apply before paging: LIMIT/OFFSET count matching events only, so a
        // client paging through a filtered log sees every match exactly once.
        if metadataFilter.isEmpty {
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        }
        let orgId = ctx.org.id
        let rows = try await ctx.db.read { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) }
        let matching: [(Row, JSON)] = rows.compactMap { row in
            let meta = Shapes.metadata(row["eventMetadata"])
            for (k, v) in metadataFilter {
                guard let m = meta[k], m == .string(v) || (m.intValue.map(String.init) == v) else { return nil }
            }
            return (row, meta)
        }
        let page = metadataFilter.isEmpty ? matching[...] : matching.dropFirst(offset).prefix(limit)
        let items = page.map { entry($0.0, meta: $0.1, orgId: orgId, legacy: legacy) }
        return .object([("auditLogs", .array(items))])
    }

    static func parseMetadataFilter(_ raw: String?) -> [(String, String)] {
        guard let raw else { return [] }
        return raw.split(separator: ",").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1)
            return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
        }
    }

    static func entry(_ row: Row, meta: JSON, orgId: String, legacy: Bool) -> JSON {
        let created = Clock.iso(row["createdAt"])
        let expires = Clock.iso((row["createdAt"] as Int64) + 90 * 86_400_000)
        var pairs: [(String, JSON)] = [
            ("id", .string(row["id"])), ("ipAddress", .str(row["ipAddress"])), ("userAgent", .str(row["userAgent"])),
            ("userAgentType", .str(row["userAgentType"])), ("expiresAt", .string(expires)),
            ("createdAt", .string(created)), ("updatedAt", .string(created)), ("orgId", .string(orgId)),
            ("projectId", .str(row["projectId"])), ("projectName", .str(row["projectName"])),
            ("event", .object([("type", .string(row["eventType"])), ("metadata", meta)])),
            ("actor", .object([("type", .string(row["actorType"])), ("metadata", Shapes.metadata(row["actorMetadata"]))])),
        ]
        if legacy, let name: String = row["projectName"], let slug: String = row["projectSlug"] {
            pairs.append(("project", .object([("name", .string(name)), ("slug", .string(slug))])))
        }
        return .object(pairs)
    }
}
