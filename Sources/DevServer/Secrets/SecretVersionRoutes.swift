import Foundation
import GRDB

/// `GET /api/v1/secret/{secretId}/secret-versions?offset&limit` — newest first.
/// Infisical serves this to user tokens only. This server also serves identities that may read
/// `secret-rollback` in the secret's project (every demo role; existing clients and tests rely on it),
/// unless started with `--versions-user-only`, which answers identities Infisical's wrong-kind 403.
enum SecretVersionRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        r.get("/api/v1/secret/{secretId}/secret-versions") { input in
            let caller = try await ctx.auth.authenticate(input, kinds: ctx.versionsUserOnly ? .user : .all)
            var issues: [ValidationIssue] = []
            if input.q("offset") == nil { issues.append(.required("offset", expected: "number")) }
            if input.q("limit") == nil { issues.append(.required("limit", expected: "number")) }
            if !issues.isEmpty { throw APIError.validation(issues) }
            let offset = try input.intQuery("offset", default: 0) ?? 0
            let limit = try input.intQuery("limit", default: 20, min: 1) ?? 20
            let secretId = input.params["secretId"] ?? ""
            let located: (EnvRow, [SecretVersionRow])? = try await ctx.db.read { db in
                guard let last = try Store.secretVersionExists(db, secretId: secretId),
                      let folder = try Store.folder(db, id: last.folderId),
                      let env = try Store.environment(db, id: folder.envId) else { return nil }
                return (env, try Store.versions(db, secretId: secretId, offset: offset, limit: limit))
            }
            guard let (env, versions) = located else { throw APIError.notFound("Secret with ID '\(secretId)' not found") }
            let scope = try await ctx.scope(input, caller: caller, projectId: env.projectId, environment: env.slug)
            try scope.require(.read, .secretRollback)
            return .object([("secretVersions", .array(versions.map {
                Shapes.secretVersion($0, projectId: env.projectId, environment: env.slug, hidden: false)
            }))])
        }
    }
}
