import Foundation
import GRDB

/// Create / update (incl. rename) / delete one secret: `/api/v4/secrets/{name}` and the deprecated
/// `/api/v3/secrets/raw/{name}` (project by `workspaceId` or `projectSlug`/`workspaceSlug`).
enum SecretWriteRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        for (prefix, legacy) in [("/api/v4/secrets", false), ("/api/v3/secrets/raw", true)] {
            r.post("\(prefix)/{secretName}") { input in try await create(input, ctx, legacy: legacy) }
            r.patch("\(prefix)/{secretName}") { input in try await update(input, ctx, legacy: legacy) }
            r.delete("\(prefix)/{secretName}") { input in try await delete(input, ctx, legacy: legacy) }
        }
    }

    struct Target {
        var scope: ServerContext.Scope
        var env: EnvRow
        var path: String
        var name: String
    }

    /// Common checks: auth, secret name rule, project + environment fields, type, permission.
    static func target(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool, action: Permissions.Action,
                       extraIssues: (inout [ValidationIssue]) throws -> Void = { _ in }) async throws -> Target {
        let caller = try await ctx.auth.authenticate(input)
        var issues: [ValidationIssue] = []
        let name = (input.params["secretName"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.contains(":") || name.contains("/") {
            issues.append(.custom("secretName", name.isEmpty ? "Secret name cannot be empty"
                                                             : "Secret name cannot contain colon or forward slash"))
        }
        let pid: String?, slug: String?
        if legacy {
            pid = try input.bodyOrQuery("workspaceId")
            slug = try input.bodyOrQuery("projectSlug") ?? input.bodyOrQuery("workspaceSlug")
        } else {
            pid = try input.bodyOrQuery("projectId")
            slug = nil
            if pid == nil { issues.append(.required("projectId")) }
        }
        let envSlug = try input.bodyOrQuery("environment")
        if envSlug == nil { issues.append(.required("environment")) }
        let type = try input.bodyOrQuery("type") ?? "shared"
        if type != "shared" && type != "personal" {
            issues.append(.invalidEnum("type", options: ["shared", "personal"], received: type))
        }
        try extraIssues(&issues)
        if !issues.isEmpty { throw APIError.validation(issues) }
        if legacy && (pid ?? "").isEmpty && (slug ?? "").isEmpty {
            throw APIError.badRequest("You must provide workspaceSlug or workspaceId")
        }
        if type == "personal" { throw APIError.badRequest("Must be user to create personal secret") }
        let scope = try await ctx.scope(input, caller: caller, projectId: pid, projectSlug: slug, environment: envSlug)
        try scope.require(action, .secrets)
        guard let env = scope.env else { throw APIError.internalError() }
        let path = Paths.normalize(try input.bodyOrQuery("secretPath") ?? "/")
        return Target(scope: scope, env: env, path: path, name: name)
    }

    /// Infisical trims values but keeps one trailing newline.
    static func normalizeValue(_ v: String) -> String {
        let trimmed = v.trimmingCharacters(in: .whitespacesAndNewlines)
        return v.hasSuffix("\n") ? trimmed + "\n" : trimmed
    }

    static func folder(_ db: GRDB.Database, _ t: Target) throws -> FolderRow {
        guard let f = try Store.folder(db, envId: t.env.id, path: t.path) else {
            throw APIError.notFound("Folder with path '\(t.path)' in environment with slug '\(t.env.slug)' not found")
        }
        return f
    }

    static func tagIds(_ input: RequestInput, _ db: GRDB.Database, projectId: String) throws -> [String]? {
        guard let ids = try input.bodyStringArray("tagIds") else { return nil }
        let known = Set(try Store.tags(db, projectId: projectId).map(\.id))
        if let bad = ids.first(where: { !known.contains($0) }) { throw APIError.notFound("Tag with ID '\(bad)' not found") }
        return ids
    }

    static func metadata(_ input: RequestInput) -> String? {
        guard let m = input.field("secretMetadata") else { return nil }
        return String(decoding: m.serialized(), as: UTF8.self)
    }

    static func response(_ db: GRDB.Database, _ t: Target, secretId: String) throws -> JSON {
        guard let s = try Store.secret(db, id: secretId) else { throw APIError.internalError() }
        return .object([("secret", Shapes.secret(s, projectId: t.scope.project.id, environment: t.env.slug, hidden: false))])
    }

    static func create(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let t = try await target(input, ctx, legacy: legacy, action: .create) { issues in
            if try input.bodyString("secretValue") == nil { issues.append(.required("secretValue")) }
        }
        let value = normalizeValue(try input.requiredBodyString("secretValue"))
        let comment = try input.bodyString("secretComment")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let skip = try input.bodyBool("skipMultilineEncoding")
        let note = try input.bodyString("secretReminderNote")
        let days = try input.bodyInt("secretReminderRepeatDays")
        return try await ctx.db.write { db in
            let folder = try folder(db, t)
            if try Store.secret(db, folderId: folder.id, key: t.name) != nil {
                throw APIError.badRequest("Secret already exists")
            }
            var w = Store.SecretWrite(key: t.name, value: value, comment: comment, skipMultilineEncoding: skip,
                                      reminderNote: note, reminderRepeatDays: days)
            w.metadata = metadata(input) ?? "[]"
            w.tagIds = try tagIds(input, db, projectId: t.scope.project.id)
            let id = try Store.insertSecret(db, folderId: folder.id, w, actor: t.scope.caller.actor, at: Clock.nowMs())
            guard let s = try Store.secret(db, id: id) else { throw APIError.internalError() }
            try AuditRecorder.record(db, input, caller: t.scope.caller, projectId: t.scope.project.id, type: "create-secret",
                                     metadata: AuditRecorder.secretMetadata(env: t.env.slug, path: t.path, s))
            return try response(db, t, secretId: id)
        }
    }

    static func update(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let t = try await target(input, ctx, legacy: legacy, action: .edit) { issues in
            if let n = try input.bodyString("newSecretName") {
                let trimmed = n.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty || trimmed.contains(":") || trimmed.contains("/") {
                    issues.append(.custom("newSecretName", "Secret name cannot be empty or contain colon or forward slash"))
                }
            }
        }
        let newName = try input.bodyString("newSecretName")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let value = try input.bodyString("secretValue").map(normalizeValue)
        let comment = try input.bodyString("secretComment")
        let skip = try input.bodyBool("skipMultilineEncoding")
        let note = input.field("secretReminderNote").map { $0.stringValue }
        let days = input.field("secretReminderRepeatDays").map { $0.intValue }
        return try await ctx.db.write { db in
            let folder = try folder(db, t)
            guard let existing = try Store.secret(db, folderId: folder.id, key: t.name) else {
                throw APIError.notFound("Secret with name '\(t.name)' not found")
            }
            if let newName, newName != existing.key, try Store.secret(db, folderId: folder.id, key: newName) != nil {
                throw APIError.badRequest("Secret with the new name '\(newName)' already exists")
            }
            var w = Store.SecretWrite(key: newName ?? existing.key, value: value ?? existing.value,
                                      comment: comment ?? existing.comment,
                                      skipMultilineEncoding: skip ?? existing.skipMultilineEncoding,
                                      reminderNote: note ?? existing.reminderNote,
                                      reminderRepeatDays: days ?? existing.reminderRepeatDays)
            w.metadata = metadata(input) ?? existing.metadata
            w.tagIds = try tagIds(input, db, projectId: t.scope.project.id)
            try Store.updateSecret(db, existing: existing, w, actor: t.scope.caller.actor, at: Clock.nowMs())
            guard let s = try Store.secret(db, id: existing.id) else { throw APIError.internalError() }
            try AuditRecorder.record(db, input, caller: t.scope.caller, projectId: t.scope.project.id, type: "update-secret",
                                     metadata: AuditRecorder.secretMetadata(env: t.env.slug, path: t.path, s))
            return try response(db, t, secretId: existing.id)
        }
    }

    static func delete(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let t = try await target(input, ctx, legacy: legacy, action: .delete)
        return try await ctx.db.write { db in
            let folder = try folder(db, t)
            guard let existing = try Store.secret(db, folderId: folder.id, key: t.name) else {
                throw APIError.notFound("Secret with name '\(t.name)' not found")
            }
            try Store.deleteSecret(db, existing, at: Clock.nowMs())
            try AuditRecorder.record(db, input, caller: t.scope.caller, projectId: t.scope.project.id, type: "delete-secret",
                                     metadata: AuditRecorder.secretMetadata(env: t.env.slug, path: t.path, existing))
            return .object([("secret", Shapes.secret(existing, projectId: t.scope.project.id, environment: t.env.slug,
                                                      hidden: false))])
        }
    }
}
