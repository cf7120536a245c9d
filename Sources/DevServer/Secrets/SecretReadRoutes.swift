import Foundation
import GRDB

/// `GET /api/v4/secrets`, `GET /api/v4/secrets/{name}` and the deprecated v3 raw forms.
enum SecretReadRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        r.addReply("GET", "/api/v4/secrets") { input in
            try await list(input, ctx, projectId: input.q("projectId"), projectSlug: nil)
        }
        r.addReply("GET", "/api/v3/secrets/raw") { input in
            try await list(input, ctx, projectId: input.q("workspaceId"), projectSlug: input.q("workspaceSlug"))
        }
        r.get("/api/v4/secrets/id/{secretId}") { input in try await getById(input, ctx) }
        r.get("/api/v4/secrets/{secretName}") { input in
            let caller = try await ctx.auth.authenticate(input)
            guard input.q("projectId") != nil else { throw APIError.validation(.required("projectId")) }
            return try await get(input, ctx, caller: caller, projectId: input.q("projectId"), projectSlug: nil)
        }
        r.get("/api/v3/secrets/raw/{secretName}") { input in
            let caller = try await ctx.auth.authenticate(input)
            let id = input.q("workspaceId"), slug = input.q("workspaceSlug")
            guard (id ?? "").isEmpty == false || (slug ?? "").isEmpty == false else {
                throw APIError.badRequest("You must provide workspaceSlug or workspaceId")
            }
            return try await get(input, ctx, caller: caller, projectId: id, projectSlug: slug)
        }
    }

    /// `GET /api/v4/secrets/id/{secretId}` → `{secret}` (value shown, references not expanded).
    static func getById(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let id = input.params["secretId"] ?? ""
        let found: (SecretRow, EnvRow)? = try await ctx.db.read { db in
            guard let s = try Store.secret(db, id: id), let f = try Store.folder(db, id: s.folderId),
                  let e = try Store.environment(db, id: f.envId) else { return nil }
            return (s, e)
        }
        guard let (secret, env) = found else { throw APIError.notFound("Secret with ID '\(id)' not found") }
        let scope = try await ctx.scope(input, caller: caller, projectId: env.projectId, environment: env.slug)
        try scope.require(.read, .secrets)
        try await ctx.db.write { db in
            try AuditRecorder.record(db, input, caller: caller, projectId: env.projectId, type: "get-secret",
                                     metadata: AuditRecorder.secretMetadata(env: env.slug, path: secret.path, secret))
        }
        return .object([("secret", Shapes.secret(secret, projectId: env.projectId, environment: env.slug, hidden: false))])
    }

    struct ReadFlags {
        var viewValue, expand, recursive, imports: Bool
        init(_ input: RequestInput) throws {
            viewValue = try input.strictBool("viewSecretValue", default: true)
            expand = try input.strictBool("expandSecretReferences", default: false)
            recursive = try input.strictBool("recursive", default: false)
            // Older servers read include_imports, newer includeImports: accept both.
            let a = try input.strictBool("include_imports", default: false)
            let b = try input.strictBool("includeImports", default: false)
            imports = a || b
        }
    }

    /// A listing is rendered in a read transaction (a snapshot; other readers and the writer go on)
    /// and its audit event written after, in its own write. Its ETag is the data stamp
    /// (`DataStamp`), read before anything else: a conditional request that is still current is
    /// answered 304 after one count, without rendering.
    static func list(_ input: RequestInput, _ ctx: ServerContext, projectId: String?, projectSlug: String?) async throws -> Reply {
        let caller = try await ctx.auth.authenticate(input)
        let flags = try ReadFlags(input)
        let tagSlugs = (input.q("tagSlugs") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let envSlug = input.q("environment"), !envSlug.isEmpty,
              (projectId ?? "").isEmpty == false || (projectSlug ?? "").isEmpty == false else {
            throw APIError.badRequest("Missing project id or environment")
        }
        let path = Paths.normalize(input.q("secretPath") ?? "/")
        let metadataFilter = try parseMetadataFilter(input.q("metadataFilter"))
        let scope = try await ctx.scope(input, caller: caller, projectId: projectId, projectSlug: projectSlug)
        try Permissions.require(role: scope.role, .read, .secrets, environment: envSlug)
        let projectIdValue = scope.project.id
        let filtered = !tagSlugs.isEmpty || !metadataFilter.isEmpty

        let (reply, count): (Reply, Int) = try await ctx.db.read { db in
            let env = try Store.environment(db, projectId: projectIdValue, slug: envSlug)
            // Current Infisical answers a missing environment or folder with 404 (older servers
            // answered 200 with empty lists); the dev server follows the current behaviour.
            guard let env else {
                throw APIError.notFound("Environment with slug '\(envSlug)' in project with ID '\(projectIdValue)' not found")
            }
            guard let folder = try Store.folder(db, envId: env.id, path: path) else {
                throw APIError.notFound("Folder with path '\(path)' in environment '\(envSlug)' was not found. "
                                        + "Please ensure the environment slug and secret path is correct.",
                                        name: "SecretPathNotFound")
            }
            let etag = DataStamp.etag(stamp: try DataStamp.current(db), path: input.path, query: input.query)
            var folderIds = [folder.id]
            if flags.recursive { folderIds += try Store.descendantFolders(db, envId: env.id, path: path).map(\.id) }
            if !filtered, ETag.matches(input.ifNoneMatch, etag) {
                return (Reply(notModified: etag), try SecretListRenderer.count(db, folderIds: folderIds))
            }
            var expander = ReferenceExpander(db: db, projectId: projectIdValue)
            var out = JSONWriter(capacity: 4096)
            var count = 0
            out.raw("{\"secrets\":")
            if filtered {
                var rows = try Store.secrets(db, folderIds: folderIds)
                if !tagSlugs.isEmpty { rows = rows.filter { $0.tags.contains { tagSlugs.contains($0.slug) } } }
                if !metadataFilter.isEmpty { rows = rows.filter { matches(metadata: $0.metadata, metadataFilter) } }
                let secrets = try rows.map { s in
                    let value = flags.viewValue && flags.expand ? try expander.expand(s.value, env: envSlug, path: s.path, key: s.key) : s.value
                    return Shapes.secret(s, projectId: projectIdValue, environment: envSlug, value: value, hidden: !flags.viewValue)
                }
                out.raw(JSON.array(secrets).serialized())
                count = rows.count
            } else {
                var renderer = SecretListRenderer(projectId: projectIdValue, environment: envSlug, hidden: !flags.viewValue,
                                                  expander: flags.viewValue && flags.expand ? expander : nil)
                out.bytes.reserveCapacity(try SecretListRenderer.count(db, folderIds: folderIds) * 640 + 64)
                count = try renderer.writeSecrets(db, folderIds: folderIds, into: &out)
            }
            out.raw(",\"imports\":")
            let imports = flags.imports
                ? try importBlocks(db, folder: folder, projectId: projectIdValue, flags: flags, expander: &expander) : []
            out.raw(JSON.array(imports).serialized())
            out.byte(UInt8(ascii: "}"))
            return (Reply(rendered: out.bytes, etag: etag), count)
        }
        try await ctx.db.write { db in
            try AuditRecorder.record(db, input, caller: caller, projectId: projectIdValue, type: "get-secrets", metadata: [
                ("environment", .string(envSlug)), ("secretPath", .string(path)), ("numberOfSecrets", .int(count)),
            ])
        }
        return reply
    }

    /// `key=K,value=V|key=K2,value=V2` (at most 10 pairs); either side may be omitted.
    static func parseMetadataFilter(_ raw: String?) throws -> [(key: String?, value: String?)] {
        guard let raw, !raw.isEmpty else { return [] }
        let groups = raw.split(separator: "|")
        if groups.count > 10 { throw APIError.validation(.custom("metadataFilter", "You can only filter by up to 10 metadata fields")) }
        return groups.map { group in
            var key: String?, value: String?
            for part in group.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                if kv[0] == "key" { key = kv[1] } else if kv[0] == "value" { value = kv[1] }
            }
            return (key, value)
        }
    }

    static func matches(metadata raw: String, _ filter: [(key: String?, value: String?)]) -> Bool {
        let entries = Shapes.metadata(raw).arrayValue ?? []
        return filter.allSatisfy { f in
            entries.contains { e in
                (f.key == nil || e["key"]?.stringValue == f.key) && (f.value == nil || e["value"]?.stringValue == f.value)
            }
        }
    }

    static func importBlocks(_ db: GRDB.Database, folder: FolderRow, projectId: String, flags: ReadFlags,
                             expander: inout ReferenceExpander) throws -> [JSON] {
        try Store.imports(db, folderId: folder.id).compactMap { imp in
            guard let env = try Store.environment(db, id: imp.importEnvId) else { return nil }
            let src = try Store.folder(db, envId: env.id, path: imp.importPath)
            let rows = try src.map { try Store.secrets(db, folderIds: [$0.id]) } ?? []
            let items: [JSON] = try rows.map { s in
                let value = flags.viewValue && flags.expand ? try expander.expand(s.value, env: env.slug, path: s.path, key: s.key) : s.value
                return Shapes.secret(s, projectId: projectId, environment: env.slug, value: value,
                                     hidden: !flags.viewValue, includeDates: false)
            }
            return .object([("secretPath", .string(imp.importPath)), ("environment", .string(env.slug)),
                            ("folderId", .str(src?.id)), ("secrets", .array(items))])
        }
    }

    static func get(_ input: RequestInput, _ ctx: ServerContext, caller: Caller, projectId: String?,
                    projectSlug: String?) async throws -> JSON {
        let flags = try ReadFlags(input)
        let name = input.params["secretName"] ?? ""
        let version = try input.intQuery("version", default: nil, min: 1)
        if let type = input.q("type"), type != "shared", type != "personal" {
            throw APIError.validation(.invalidEnum("type", options: ["shared", "personal"], received: type))
        }
        guard let envSlug = input.q("environment"), !envSlug.isEmpty else { throw APIError.badRequest("Missing environment") }
        let path = Paths.normalize(input.q("secretPath") ?? "/")
        let scope = try await ctx.scope(input, caller: caller, projectId: projectId, projectSlug: projectSlug, environment: envSlug)
        try scope.require(.read, .secrets)
        let projectIdValue = scope.project.id
        guard let env = scope.env else { throw APIError.internalError() }

        return try await ctx.db.write { db in
            guard let folder = try Store.folder(db, envId: env.id, path: path) else {
                throw APIError.notFound("Folder with path '\(path)' in environment with slug '\(envSlug)' not found",
                                        name: "GetSecretByName")
            }
            var expander = ReferenceExpander(db: db, projectId: projectIdValue)
            var found = try Store.secret(db, folderId: folder.id, key: name)
            var foundEnv = envSlug
            if found == nil && flags.imports {
                for imp in try Store.imports(db, folderId: folder.id) {
                    guard let ienv = try Store.environment(db, id: imp.importEnvId),
                          let ifolder = try Store.folder(db, envId: ienv.id, path: imp.importPath),
                          let s = try Store.secret(db, folderId: ifolder.id, key: name) else { continue }
                    found = s
                    foundEnv = ienv.slug
                    break
                }
            }
            guard var secret = found else { throw APIError.notFound("Secret with name '\(name)' not found") }
            if let version {
                guard let v = try Store.version(db, secretId: secret.id, version: version) else {
                    throw APIError.notFound("Secret version \(version) of '\(name)' not found")
                }
                secret.value = v.value
                secret.comment = v.comment
                secret.version = v.version
                secret.key = v.key
                secret.updatedAt = v.createdAt
                secret.actor = v.actor
            }
            let value = flags.viewValue && flags.expand ? try expander.expand(secret.value, env: foundEnv, path: secret.path, key: secret.key) : secret.value
            try AuditRecorder.record(db, input, caller: caller, projectId: projectIdValue, type: "get-secret",
                                     metadata: AuditRecorder.secretMetadata(env: foundEnv, path: secret.path, secret))
            return .object([("secret", Shapes.secret(secret, projectId: projectIdValue, environment: foundEnv, value: value,
                                                      hidden: !flags.viewValue))])
        }
    }
}
