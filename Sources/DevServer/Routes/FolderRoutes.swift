import Foundation
import GRDB

/// `/api/v2/folders` (list incl. recursive, create, get/patch/delete by id) and the deprecated
/// `/api/v1/folders` (workspaceId instead of projectId, `directory` alias of `path`).
enum FolderRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        for v in ["v2", "v1"] {
            let legacy = v == "v1"
            r.get("/api/\(v)/folders") { input in try await list(input, ctx, legacy: legacy) }
            r.post("/api/\(v)/folders") { input in try await create(input, ctx, legacy: legacy) }
            r.patch("/api/\(v)/folders/{folderId}") { input in try await update(input, ctx, legacy: legacy) }
            r.delete("/api/\(v)/folders/{folderIdOrName}") { input in try await delete(input, ctx, legacy: legacy) }
        }
        r.get("/api/v2/folders/{id}") { input in try await getById(input, ctx) }
    }

    static func projectField(_ legacy: Bool) -> String { legacy ? "workspaceId" : "projectId" }

    static func list(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        var issues: [ValidationIssue] = []
        let pid = input.q(projectField(legacy)) ?? (legacy ? input.q("projectId") : nil)
        if pid == nil { issues.append(.required(projectField(legacy))) }
        if input.q("environment") == nil { issues.append(.required("environment")) }
        let rawPath = input.q("path") ?? input.q("directory") ?? (legacy ? "/" : nil)
        if rawPath == nil { issues.append(.required("path")) }
        var since: Int64?
        if let lsm = input.q("lastSecretModified") {
            guard let t = Clock.parseISO(lsm) else {
                throw APIError.validation(ValidationIssue(code: "invalid_string", path: ["lastSecretModified"],
                                                          message: "Invalid datetime", extra: [("validation", .string("datetime"))]))
            }
            since = t
        }
        if !issues.isEmpty { throw APIError.validation(issues) }
        let recursive = input.lenientBool("recursive", default: false)
        let path = Paths.normalize(rawPath ?? "/")
        let scope = try await ctx.scope(input, caller: caller, projectId: pid, environment: input.q("environment"))
        try scope.require(.read, .secretFolders)
        guard let env = scope.env else { throw APIError.internalError() }
        let sinceMs = since
        let folders: [JSON] = try await ctx.db.read { db in
            guard let parent = try Store.folder(db, envId: env.id, path: path) else { return [] }
            let rows = recursive ? try Store.descendantFolders(db, envId: env.id, path: path)
                                 : try Store.childFolders(db, parentId: parent.id)
            return rows.filter { f in sinceMs.map { (f.lastSecretModified ?? 0) >= $0 } ?? true }
                .map { f in Shapes.folder(f, extra: recursive ? [("relativePath", .string(f.path))] : []) }
        }
        return .object([("folders", .array(folders))])
    }

    /// The body create and rename share: project, environment, a valid folder name, description.
    static func folderBody(_ input: RequestInput, legacy: Bool) throws
        -> (projectId: String?, environment: String, name: String, description: String?) {
        var issues: [ValidationIssue] = []
        let pid = try input.bodyString(projectField(legacy)) ?? (legacy ? try input.bodyString("projectId") : nil)
        if pid == nil { issues.append(.required(projectField(legacy))) }
        let envSlug = try input.bodyString("environment")
        if envSlug == nil { issues.append(.required("environment")) }
        let name = try input.bodyString("name")?.trimmingCharacters(in: .whitespaces)
        if name == nil { issues.append(.required("name")) }
        if let name, !Paths.isValidName(name) {
            issues.append(.custom("name", "Folder name can only contain alphanumeric, dashes and underscore characters"))
        }
        let description = try input.bodyString("description")
        if !issues.isEmpty { throw APIError.validation(issues) }
        guard let name, let envSlug else { throw APIError.internalError() }
        return (pid, envSlug, name, description)
    }

    static func create(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let (pid, envSlug, name, description) = try folderBody(input, legacy: legacy)
        let parentPath = Paths.normalize(try input.bodyString("path") ?? input.bodyString("directory") ?? "/")
        let scope = try await ctx.scope(input, caller: caller, projectId: pid, environment: envSlug)
        try scope.require(.create, .secretFolders)
        guard let env = scope.env else { throw APIError.internalError() }
        let fullPath = Paths.join(parentPath, name)
        return try await ctx.db.write { db in
            guard try Store.folder(db, envId: env.id, path: parentPath) != nil else {
                throw APIError.notFound("Folder with path '\(parentPath)' in environment with slug '\(envSlug)' not found")
            }
            // Idempotent like Infisical: an existing folder is returned as is.
            let existed = try Store.folder(db, envId: env.id, path: fullPath) != nil
            let folder = try Store.ensureFolder(db, envId: env.id, path: fullPath, now: Clock.nowMs(), description: description)
            if !existed {
                try AuditRecorder.record(db, input, caller: caller, projectId: scope.project.id, type: "create-folder", metadata: [
                    ("environment", .string(envSlug)), ("folderId", .string(folder.id)), ("folderName", .string(name)),
                    ("folderPath", .string(parentPath)),
                ])
            }
            return .object([("folder", Shapes.folder(folder, extra: [("path", .string(folder.path))]))])
        }
    }

    static func getById(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let id = input.params["id"] ?? ""
        let found: (FolderRow, EnvRow)? = try await ctx.db.read { db in
            guard let f = try Store.folder(db, id: id), let e = try Store.environment(db, id: f.envId) else { return nil }
            return (f, e)
        }
        guard let (folder, env) = found else { throw APIError.notFound("Folder with ID '\(id)' not found") }
        let scope = try await ctx.scope(input, caller: caller, projectId: env.projectId, environment: env.slug)
        try scope.require(.read, .secretFolders)
        return .object([("folder", Shapes.folder(folder, extra: [
            ("path", .string(folder.path)), ("projectId", .string(env.projectId)),
            ("environment", .object([("envId", .string(env.id)), ("envName", .string(env.name)), ("envSlug", .string(env.slug))])),
        ]))])
    }

    /// Rename (and/or re-describe) a folder; descendant paths follow.
    static func update(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let (pid, envSlug, name, description) = try folderBody(input, legacy: legacy)
        let scope = try await ctx.scope(input, caller: caller, projectId: pid, environment: envSlug)
        try scope.require(.edit, .secretFolders)
        guard let env = scope.env else { throw APIError.internalError() }
        let folderId = input.params["folderId"] ?? ""
        return try await ctx.db.write { db in
            guard let folder = try Store.folder(db, id: folderId), folder.envId == env.id, folder.parentId != nil else {
                throw APIError.notFound("Folder with ID '\(folderId)' not found")
            }
            let newPath = Paths.join(Paths.parent(folder.path), name)
            if newPath != folder.path, try Store.folder(db, envId: env.id, path: newPath) != nil {
                throw APIError.badRequest("Folder with name '\(name)' already exists")
            }
            let now = Clock.nowMs()
            try db.execute(cached: """
                UPDATE folders SET path = ? || substr(path, ?) WHERE envId = ? AND substr(path, 1, ?) = ?
                """, arguments: [newPath + "/", folder.path.unicodeScalars.count + 2, env.id,
                                 folder.path.unicodeScalars.count + 1, folder.path + "/"])   // substr counts characters, not bytes
            try db.execute(cached: """
                UPDATE folders SET name = ?, path = ?, description = COALESCE(?, description), version = version + 1,
                  updatedAt = ? WHERE id = ?
                """, arguments: [name, newPath, description, now, folder.id])
            try AuditRecorder.record(db, input, caller: caller, projectId: scope.project.id, type: "update-folder", metadata: [
                ("environment", .string(envSlug)), ("folderId", .string(folder.id)), ("oldFolderName", .string(folder.name)),
                ("newFolderName", .string(name)), ("folderPath", .string(Paths.parent(folder.path))),
            ])
            guard let updated = try Store.folder(db, id: folder.id) else { throw APIError.internalError() }
            return .object([("folder", Shapes.folder(updated, extra: [("path", .string(updated.path))]))])
        }
    }

    static func delete(_ input: RequestInput, _ ctx: ServerContext, legacy: Bool) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        var issues: [ValidationIssue] = []
        let pid = try input.bodyOrQuery(projectField(legacy)) ?? (legacy ? try input.bodyOrQuery("projectId") : nil)
        if pid == nil { issues.append(.required(projectField(legacy))) }
        let envSlug = try input.bodyOrQuery("environment")
        if envSlug == nil { issues.append(.required("environment")) }
        if !issues.isEmpty { throw APIError.validation(issues) }
        guard let envSlug else { throw APIError.internalError() }
        let parentPath = Paths.normalize(try input.bodyOrQuery("path") ?? input.bodyOrQuery("directory") ?? "/")
        let force = try legacy || (input.bodyBool("forceDelete") ?? false)
        let scope = try await ctx.scope(input, caller: caller, projectId: pid, environment: envSlug)
        try scope.require(.delete, .secretFolders)
        guard let env = scope.env else { throw APIError.internalError() }
        let idOrName = input.params["folderIdOrName"] ?? ""
        return try await ctx.db.write { db in
            let byId = try Store.folder(db, id: idOrName)
            let folder = byId?.envId == env.id ? byId : try Store.folder(db, envId: env.id, path: Paths.join(parentPath, idOrName))
            guard let folder, folder.parentId != nil else { throw APIError.notFound("Folder with path '\(Paths.join(parentPath, idOrName))' not found") }
            let subtree = [folder] + (try Store.descendantFolders(db, envId: env.id, path: folder.path))
            let ids = subtree.map(\.id)
            let marks = databaseQuestionMarks(count: ids.count)
            let secretCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secrets WHERE folderId IN (\(marks))",
                                               arguments: StatementArguments(ids)) ?? 0
            if secretCount > 0 && !force {
                throw APIError.badRequest("Folder '\(folder.path)' is not empty; set forceDelete to delete it with its contents")
            }
            try db.execute(sql: "DELETE FROM secret_tags WHERE secretId IN (SELECT id FROM secrets WHERE folderId IN (\(marks)))",
                           arguments: StatementArguments(ids))
            try db.execute(sql: "DELETE FROM secrets WHERE folderId IN (\(marks))", arguments: StatementArguments(ids))
            try db.execute(sql: "DELETE FROM secret_imports WHERE folderId IN (\(marks))", arguments: StatementArguments(ids))
            // Children first (foreign keys): deepest paths first.
            for f in subtree.sorted(by: { $0.path.count > $1.path.count }) {
                try db.execute(cached: "DELETE FROM folders WHERE id = ?", arguments: [f.id])
            }
            try AuditRecorder.record(db, input, caller: caller, projectId: scope.project.id, type: "delete-folder", metadata: [
                ("environment", .string(envSlug)), ("folderId", .string(folder.id)), ("folderName", .string(folder.name)),
                ("folderPath", .string(Paths.parent(folder.path))),
            ])
            return .object([("folder", Shapes.folder(folder))])
        }
    }
}
