import Foundation
import GRDB

/// Universal-auth login, token renew/revoke, identity details and memberships, /api/status.
enum AuthRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        r.post("/api/v1/auth/universal-auth/login") { input in try await login(input, ctx) }
        r.post("/api/v1/auth/token/renew") { input in try await renew(input, ctx) }
        r.post("/api/v1/auth/token/revoke") { input in try await revoke(input, ctx) }
        r.get("/api/v1/identities/details") { input in
            _ = try await ctx.auth.authenticate(input, kinds: .identity)
            return .object([("identityDetails", .object([("organization", .object([
                ("id", .string(ctx.org.id)), ("name", .string(ctx.org.name)), ("slug", .string(ctx.org.slug)),
            ]))]))])
        }
        r.get("/api/v1/identities/{identityId}/identity-memberships") { input in try await memberships(input, ctx) }
        // Service tokens are never issued by this server: identity tokens get Infisical's wrong-kind 403.
        r.get("/api/v2/service-token") { input in
            _ = try await ctx.auth.authenticate(input)
            throw APIError.forbiddenKind(input.rawURL)
        }
        r.get("/api/status") { _ in
            .object([("date", .string(Clock.iso(Clock.nowMs()))), ("message", .string("Ok")),
                     ("emailConfigured", .bool(false)), ("inviteOnlySignup", .bool(false)),
                     ("redisConfigured", .bool(false)), ("secretScanningConfigured", .bool(false)),
                     ("auditLogStorageDisabled", .bool(false)), ("devServer", .bool(true))])
        }
    }

    static func tokenResponse(_ token: String, ttl: Int) -> JSON {
        .object([("accessToken", .string(token)), ("expiresIn", .int(ttl)),
                 ("accessTokenMaxTTL", .int(Authenticator.accessTokenMaxTTL)), ("tokenType", .string("Bearer"))])
    }

    static func login(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        var issues: [ValidationIssue] = []
        let clientId = try input.bodyString("clientId")?.trimmingCharacters(in: .whitespaces)
        let clientSecret = try input.bodyString("clientSecret")?.trimmingCharacters(in: .whitespaces)
        if clientId == nil { issues.append(.required("clientId")) }
        if clientSecret == nil { issues.append(.required("clientSecret")) }
        if !issues.isEmpty { throw APIError.validation(issues) }
        guard let clientId, let clientSecret else { throw APIError.internalError() }
        let now = Clock.nowMs()
        let issued: (IdentityRow, String)? = try await ctx.db.write { db in
            guard let identity = try Store.identity(db, clientId: clientId),
                  constantTimeEquals(identity.clientSecret, clientSecret) else { return nil }
            let tokenId = newId()
            try db.execute(cached: "INSERT INTO access_tokens(id, identityId, revoked, createdAt) VALUES (?, ?, 0, ?)",
                           arguments: [tokenId, identity.id, now])
            try AuditRecorder.insert(db, .init(
                projectId: nil, type: "login-identity-universal-auth",
                metadata: .object([("identityId", .string(identity.id)), ("identityUniversalAuthId", .string(identity.clientId)),
                                   ("clientSecretId", .string(identity.clientSecretId)),
                                   ("identityAccessTokenId", .string(tokenId))]),
                actorType: "identity", actorId: identity.id,
                actorMetadata: .object([("identityId", .string(identity.id)), ("name", .string(identity.name))]),
                userAgent: input.userAgent, ipAddress: input.ipAddress, createdAt: now))
            return (identity, tokenId)
        }
        guard let (identity, tokenId) = issued else { throw APIError.unauthorized("Invalid credentials") }
        let iat = Int(now / 1000)
        let token = ctx.auth.signer.sign(.init(identityId: identity.id, clientSecretId: identity.clientSecretId,
                                               identityAccessTokenId: tokenId, authTokenType: "identityAccessToken",
                                               iat: iat, exp: iat + ctx.tokenTTL, identityName: identity.name,
                                               orgId: ctx.org.id))
        return tokenResponse(token, ttl: ctx.tokenTTL)
    }

    static func renew(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let token = try input.requiredBodyString("accessToken")
        // A user token (or any other kind) is refused as Infisical does: 400, not a parse error.
        guard try ctx.auth.verifyPayload(token)["authTokenType"]?.stringValue == "identityAccessToken" else {
            throw APIError.badRequest("Token is not an identity access token")
        }
        let claims = try ctx.auth.verify(token)
        let (revoked, createdAt) = try await ctx.db.read { db in
            (try Store.tokenRevoked(db, tokenId: claims.identityAccessTokenId),
             try Store.tokenCreatedAt(db, tokenId: claims.identityAccessTokenId))
        }
        guard let revoked, let createdAt else { throw APIError.unauthorized("Failed to authorize identity access token") }
        if revoked { throw APIError.unauthorized("Cannot renew: token has been revoked") }
        let now = Int(Date().timeIntervalSince1970)
        let maxExp = Int(createdAt / 1000) + Authenticator.accessTokenMaxTTL
        if now + ctx.tokenTTL > maxExp {
            throw APIError.unauthorized("Failed to renew MI access token due to Max TTL breach")
        }
        let renewed = ctx.auth.signer.sign(.init(identityId: claims.identityId, clientSecretId: claims.clientSecretId,
                                                 identityAccessTokenId: claims.identityAccessTokenId,
                                                 authTokenType: "identityAccessToken", iat: now, exp: now + ctx.tokenTTL,
                                                 identityName: claims.identityName, orgId: claims.orgId))
        return tokenResponse(renewed, ttl: ctx.tokenTTL)
    }

    static func revoke(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let token = try input.requiredBodyString("accessToken")
        guard try ctx.auth.verifyPayload(token)["authTokenType"]?.stringValue == "identityAccessToken" else {
            throw APIError.badRequest("Token is not an identity access token")
        }
        let claims = try ctx.auth.verify(token)
        try await ctx.db.write { db in
            try db.execute(cached: "UPDATE access_tokens SET revoked = 1 WHERE id = ?", arguments: [claims.identityAccessTokenId])
        }
        return .object([("message", .string("Successfully revoked access token"))])
    }

    static func memberships(_ input: RequestInput, _ ctx: ServerContext) async throws -> JSON {
        let caller = try await ctx.auth.authenticate(input)
        let identityId = input.params["identityId"] ?? ""
        // An identity may read its own memberships; reading others needs org admin.
        guard identityId == caller.id || caller.orgRole == "admin" else {
            throw APIError(status: 403, name: "PermissionDenied", message: "You are not allowed to read on identity",
                           details: .array([]))
        }
        let (identity, rows) = try await ctx.db.read { db in
            (try Store.identity(db, id: identityId), try Store.memberships(db, identityId: identityId))
        }
        guard let identity else { throw APIError.notFound("Identity with ID '\(identityId)' not found") }
        let items: [JSON] = rows.map { row in
            let created = Clock.iso(row["createdAt"])
            return .object([
                ("id", .string(row["id"])), ("identityId", .string(identityId)),
                ("createdAt", .string(created)), ("updatedAt", .string(created)),
                ("roles", .array([.object([
                    ("id", .string(row["id"])), ("role", .string(row["role"])), ("customRoleId", .null),
                    ("customRoleName", .null), ("customRoleSlug", .null), ("isTemporary", .bool(false)),
                    ("temporaryMode", .null), ("temporaryRange", .null), ("temporaryAccessStartTime", .null),
                    ("temporaryAccessEndTime", .null), ("createdAt", .string(created)), ("updatedAt", .string(created)),
                ])])),
                ("identity", .object([("name", .string(identity.name)), ("id", .string(identity.id)),
                                      ("authMethods", .array([.string("universal-auth")]))])),
                ("project", .object([("name", .string(row["projectName"])), ("id", .string(row["projectId"])),
                                     ("type", .string("secret-manager"))])),
            ])
        }
        return .object([("identityMemberships", .array(items))])
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
