import Foundation
import GRDB

/// Writes audit events (contract §8.3 vocabulary) inside the caller's transaction.
enum AuditRecorder {
    /// Infisical's user-agent classification (audit-log plugin), in its order.
    static func classify(_ ua: String) -> String {
        if ua == "cli" { return "cli" }
        if ua == "k8-operator" || ua.hasPrefix("k8-operator/") { return "k8-operator" }
        if ua == "terraform" { return "terraform" }
        if ua.lowercased().contains("mozilla") { return "web" }
        if ua.contains("InfisicalNodeSDK") { return "InfisicalNodeSDK" }
        if ua.contains("InfisicalPythonSDK") { return "InfisicalPythonSDK" }
        return "other"
    }

    struct Event {
        var projectId: String?
        var type: String
        var metadata: JSON
        var actorType: String
        var actorId: String?
        var actorMetadata: JSON
        var userAgent: String?
        var ipAddress: String?
        var createdAt: Int64
    }

    static func insert(_ db: GRDB.Database, _ e: Event) throws {
        try db.execute(cached: """
            INSERT INTO audit_logs(id, projectId, eventType, eventMetadata, actorType, actorId, actorMetadata,
              environment, secretPath, secretKey, userAgent, userAgentType, ipAddress, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                newId(), e.projectId, e.type, String(decoding: e.metadata.serialized(), as: UTF8.self), e.actorType,
                e.actorId, String(decoding: e.actorMetadata.serialized(), as: UTF8.self),
                e.metadata["environment"]?.stringValue, e.metadata["secretPath"]?.stringValue,
                e.metadata["secretKey"]?.stringValue, e.userAgent, e.userAgent.map(classify), e.ipAddress, e.createdAt,
            ])
    }

    /// An event caused by the current request's caller.
    static func record(_ db: GRDB.Database, _ input: RequestInput, caller: Caller, projectId: String?,
                       type: String, metadata: [(String, JSON)]) throws {
        try insert(db, Event(projectId: projectId, type: type, metadata: .object(metadata), actorType: caller.actorType,
                             actorId: caller.id, actorMetadata: caller.actorMetadata,
                             userAgent: input.userAgent, ipAddress: input.ipAddress, createdAt: Clock.nowMs()))
    }

    static func secretMetadata(env: String, path: String, _ s: SecretRow, version: Int? = nil) -> [(String, JSON)] {
        [("environment", .string(env)), ("secretPath", .string(path)), ("secretId", .string(s.id)),
         ("secretKey", .string(s.key)), ("secretVersion", .int(version ?? s.version))]
    }

    /// Event types accepted by the audit-log filter (unknown → 422).
    static let knownEventTypes: [String] = [
        "get-secrets", "get-secret", "reveal-secret", "create-secret", "create-secrets", "update-secret",
        "update-secrets", "move-secrets", "delete-secret", "delete-secrets", "redact-secret-version-value",
        "secret-approval-request", "secret-approval-merged", "secret-approval-closed", "secret-approval-reopened",
        "secret-approval-request-review", "create-folder", "update-folder", "delete-folder", "get-secret-imports",
        "get-secret-import", "create-secret-import", "update-secret-import", "delete-secret-import",
        "dashboard-list-secrets", "dashboard-get-secret-value", "dashboard-get-secret-version-value",
        "create-service-token", "delete-service-token", "login-identity-universal-auth", "create-environment",
        "update-environment", "delete-environment", "add-project-member", "remove-project-member",
        "update-user-project-role", "create-project", "update-project", "delete-project", "create-project-role",
        "update-project-role", "delete-project-role", "get-workspace-key", "get-project-key", "select-organization",
    ]
}
