import Foundation
import GRDB

/// Projects (+ deprecated workspace aliases), role catalogue, permissions (user-only).
enum ProjectRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        r.get("/api/v1/projects") { input in .object([("projects", try await list(input, ctx))]) }
        r.get("/api/v1/projects/slug/{slug}") { input in
            let caller = try await ctx.auth.authenticate(input)
            let scope = try await ctx.scope(input, caller: caller, projectId: nil, projectSlug: input.params["slug"])
            return try await one(scope.project, ctx)
        }
        r.get("/api/v1/projects/{projectId}/roles") { input in try await roles(input, ctx) }
        // User (JWT) tokens only, as in Infisical: identities get the wrong-kind 403.
        r.get("/api/v1/projects/{projectId}/permissions") { input in
            let caller = try await ctx.auth.authenticate(input, kinds: .user)
            let scope = try await ctx.scope(input, caller: caller, projectId: input.params["projectId"] ?? "")
            let membershipId = try await ctx.db.read {
                try Store.userMembershipId($0, userId: caller.id, projectId: scope.project.id)
            } ?? ""
            return .object([("data", .object([
                ("memberships", .array([.object([
                    ("id", .string(membershipId)), ("actorUserId", .string(caller.id)), ("actorGroupId", .null),
                    ("roles", .array([.object([("role", .string(scope.role)), ("customRoleSlug", .null),
                                               ("isTemporary", .bool(false))])])),
                ])])),
                ("permissions", Permissions.packed(role: scope.role)),
            ]))])
        }
        // One identity's membership of one project (contract §9): what a member may read about a
        // fellow identity (read on `member`), the route clients ask for a role first.
        r.get("/api/v1/projects/{projectId}/identity-memberships/{identityId}") { input in
            try await identityMembership(input, ctx)
        }
        r.get("/api/v2/workspace/{workspaceId}/identity-memberships/{identityId}") { input in
            var i = input
            i.params["projectId"] = input.params["workspaceId"]
            return try await identityMembership(i, ctx)
        }
        r.get("/api/v1/projects/{projectId}") { input in .object([("project", try await byId(input, ctx))]) }
        for v in ["v1", "v2"] {
            r.get("/api/\(v)/workspace") { input in .object([("workspaces", try await list(input, ctx))]) }
            r.get("/api/\(v)/workspace/{workspaceId}") { input in
                var i = input
                i.params["projectId"] = input.params["workspaceId"]
                return .object([("workspace", try await byId(i, ctx))])
            }
        }
    }

    static func list(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let includeRoles = try input.strictBool("includeRoles", default: false)
        if let type = input.q("type"), type != "secret-manager", !type.isEmpty { return .array([]) }
        return try await ctx.db.read { db in
            let mine = try Store.memberProjectIds(db, caller: caller)
            return .array(try Store.projects(db).filter { mine.contains($0.id) }.map { p in
                try Shapes.project(p, envs: Store.environments(db, projectId: p.id), orgId: ctx.org.id,
                                   roles: includeRoles ? roleCatalogue(projectId: p.id, createdAt: p.createdAt) : nil)
            })
        }
    }

    static func byId(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let scope = try await ctx.scope(input, caller: caller, projectId: input.params["projectId"] ?? "")
        return try await one(scope.project, ctx)
    }

    static func identityMembership(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let scope = try await ctx.scope(input, caller: caller, projectId: input.params["projectId"] ?? "")
        try scope.require(.read, .member)
        let identityId = input.params["identityId"] ?? ""
        let found: (IdentityRow, String, Int64)? = try await ctx.db.read { db in
            guard let identity = try Store.identity(db, id: identityId),
                  let row = try Store.memberships(db, identityId: identityId).first(where: { ($0["projectId"] as String?) == scope.project.id })
            else { return nil }
            return (identity, row["role"], row["createdAt"])
        }
        guard case let (identity, role, createdAt)? = found else {
            throw APIError.notFound("Identity with ID '\(identityId)' is not a member of project '\(scope.project.slug)'")
        }
        let created = JSON.string(Clock.iso(createdAt))
        let membershipId = "\(scope.project.id)-\(identity.id)"
        return .object([("identityMembership", .object([
            ("id", .string(membershipId)), ("identityId", .string(identity.id)), ("projectId", .string(scope.project.id)),
            ("createdAt", created), ("updatedAt", created),
            ("roles", .array([.object([
                ("id", .string(membershipId + "-role")), ("role", .string(role)), ("customRoleId", .null),
                ("customRoleName", .null), ("customRoleSlug", .null), ("isTemporary", .bool(false)),
                ("temporaryMode", .null), ("temporaryRange", .null), ("temporaryAccessStartTime", .null),
                ("temporaryAccessEndTime", .null), ("createdAt", created), ("updatedAt", created),
            ])])),
            ("identity", .object([("id", .string(identity.id)), ("name", .string(identity.name)),
                                  ("authMethods", .array([.string("universal-auth")]))])),
        ]))])
    }

    static func one(_ p: ProjectRow, _ ctx: ServerContext) async throws -> JSON {
        try await ctx.db.read { db in
            Shapes.project(p, envs: try Store.environments(db, projectId: p.id), orgId: ctx.org.id)
        }
    }

    static func roles(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let scope = try await ctx.scope(input, caller: caller, projectId: input.params["projectId"] ?? "")
        try scope.require(.read, .role)
        return .object([("roles", roleCatalogue(projectId: scope.project.id, createdAt: scope.project.createdAt))])
    }

    /// Built-in project roles with stable per-project ids.
    static func roleCatalogue(projectId: String, createdAt: Int64) -> JSON {
        let builtIns: [(String, String, String)] = [
            ("admin", "Admin", "Full administrative access over a project"),
            ("member", "Developer", "Limited read/write role in a project"),
            ("viewer", "Viewer", "Only read role in a project"),
            ("no-access", "No Access", "No access to any resources in the project"),
        ]
        let ts = JSON.string(Clock.iso(createdAt))
        return .array(builtIns.map { slug, name, desc in
            .object([("id", .string("\(projectId)-\(slug)")), ("name", .string(name)), ("slug", .string(slug)),
                     ("description", .string(desc)), ("projectId", .string(projectId)),
                     ("createdAt", ts), ("updatedAt", ts)])
        })
    }
}
