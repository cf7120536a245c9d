import Foundation
import GRDB

/// A person's login, shared by the API routes and the browser `/login` page:
/// password → interim token (no organization) → select organization → (email MFA) → access + refresh.
/// Token payloads follow Infisical's (`authTokenType` accessToken / refreshToken / mfaToken,
/// `userId`, `tokenVersionId` = the session, `organizationId`).
struct UserLogin: Sendable {
    let ctx: ServerContext
    static let mfaTokenTTL = 300
    /// Every third wrong MFA code in a row locks the user for `mfaLockSeconds` (Infisical's progressive delay).
    static let mfaFailuresPerLock = 3

    struct Tokens: Sendable { var access: String; var refresh: String }
    enum Selection: Sendable {
        case tokens(Tokens)
        case mfa(token: String, method: String)
    }

    /// `jid` cookie carrying the refresh token (Infisical: httpOnly, path /, sameSite strict).
    static func refreshCookie(_ refresh: String) -> (String, String) {
        ("set-cookie", "jid=\(refresh); Path=/; HttpOnly; SameSite=Strict")
    }
    static let clearRefreshCookie = ("set-cookie", "jid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")

    // MARK: steps

    /// Password check → tokens bound to no organization (a new session).
    func password(email: String, password: String) async throws -> (UserRow, Tokens) {
        let now = Clock.nowMs()
        let user = try await ctx.db.read { try Store.user($0, email: email) }
        // Infisical: unknown user "User not found", wrong password "Invalid username or email" (both 400).
        guard let user else { throw APIError.badRequest("User not found") }
        guard let hash = user.passwordHash else { throw APIError.badRequest("No password found") }
        guard PasswordHash.verify(password, against: hash) else {
            throw APIError.badRequest("Invalid username or email")
        }
        let session = try await ctx.db.write { try Store.createSession($0, userId: user.id, now: now) }
        return (user, issue(user: user, session: session, orgId: nil, mfaMethod: nil))
    }

    /// The organizations a user token's owner belongs to.
    func organizations(userId: String) async throws -> [(OrgRow, String)] {
        try await ctx.db.read { try Store.organizations($0, userId: userId) }
    }

    /// Binds the login to an organization; with MFA on, answers an MFA-pending token instead.
    func selectOrganization(token: String, organizationId: String, input: RequestInput) async throws -> Selection {
        let payload = try ctx.auth.verifyPayload(token)
        guard payload["authTokenType"]?.stringValue == "accessToken", let userId = payload["userId"]?.stringValue,
              let session = payload["tokenVersionId"]?.stringValue else {
            throw APIError.unauthorized("Invalid token: a user access token is required")
        }
        let (user, revoked, orgRole) = try await ctx.db.read { db in
            (try Store.user(db, id: userId), try Store.sessionRevoked(db, id: session, userId: userId),
             try Store.orgRole(db, userId: userId, orgId: organizationId))
        }
        guard let user, revoked == false else {
            throw APIError(status: 401, name: "InvalidToken", message: "Valid token version not found")
        }
        guard orgRole != nil else {
            throw APIError(status: 403, name: "ForbiddenError",
                           message: "User does not have access to the organization with ID \(organizationId)")
        }
        if let method = user.mfaMethod,
           !(payload["isMfaVerified"]?.boolValue == true && payload["mfaMethod"]?.stringValue == method) {
            try Self.enforceLock(user)
            let now = Int(Date().timeIntervalSince1970)
            let mfa = ctx.auth.signer.signRaw(.object([
                ("authMethod", .string("email")), ("authTokenType", .string("mfaToken")), ("userId", .string(user.id)),
                ("organizationId", .string(organizationId)), ("tokenVersionId", .string(session)),
                ("iat", .int(now)), ("exp", .int(now + Self.mfaTokenTTL)),
            ]))
            // The "email" is not sent anywhere: the code is the user's fixed demo code (seed `mfaCode`).
            DevServer.log("email MFA challenge for \(user.email) (dev server: the demo code from the seed)")
            return .mfa(token: mfa, method: method)
        }
        try await recordSelection(user, organizationId: organizationId, input: input)
        return .tokens(issue(user: user, session: session, orgId: organizationId,
                             mfaMethod: payload["mfaMethod"]?.stringValue))
    }

    /// Checks the emailed code against the MFA-pending token's user; wrong codes count towards a lock.
    func verifyMfa(mfaToken: String, code: String, method: String, input: RequestInput) async throws -> Tokens {
        let payload = try ctx.auth.verifyPayload(mfaToken)
        guard payload["authTokenType"]?.stringValue == "mfaToken", let userId = payload["userId"]?.stringValue,
              let orgId = payload["organizationId"]?.stringValue, let session = payload["tokenVersionId"]?.stringValue else {
            throw APIError.unauthorized("Unauthorized access: an MFA token is required")
        }
        let now = Clock.nowMs()
        let lockMs = Int64(ctx.mfaLockSeconds) * 1000
        let outcome: Result<UserRow, APIError> = try await ctx.db.write { db in
            guard let user = try Store.user(db, id: userId), let expected = user.mfaCode, user.mfaMethod != nil else {
                return .failure(APIError.unauthorized("User not found"))
            }
            do { try Self.enforceLock(user) } catch let e as APIError { return .failure(e) }
            if method != user.mfaMethod {
                return .failure(APIError.badRequest("MFA method '\(method)' is not enabled for this user"))
            }
            guard AuthRoutes.constantTimeEquals(expected, code) else {
                let failures = user.failedMfaAttempts + 1
                let lockedUntil: Int64? = failures % Self.mfaFailuresPerLock == 0 ? now + lockMs : nil
                try db.execute(cached: "UPDATE users SET failedMfaAttempts = ?, lockedUntil = COALESCE(?, lockedUntil) WHERE id = ?",
                               arguments: [failures, lockedUntil, userId])
                return .failure(APIError.badRequest("Invalid MFA code"))
            }
            try db.execute(cached: "UPDATE users SET failedMfaAttempts = 0, lockedUntil = NULL WHERE id = ?", arguments: [userId])
            return .success(user)
        }
        let user = try outcome.get()
        guard try await ctx.db.read({ try Store.sessionRevoked($0, id: session, userId: userId) }) == false else {
            throw APIError(status: 401, name: "InvalidToken", message: "Valid token version not found")
        }
        try await recordSelection(user, organizationId: orgId, input: input)
        return issue(user: user, session: session, orgId: orgId, mfaMethod: method, mfaVerified: true)
    }

    /// `jid` → a fresh access token for the same session and organization.
    func refresh(_ refreshToken: String?) async throws -> (String, String?) {
        guard let refreshToken, !refreshToken.isEmpty else {
            throw APIError(status: 404, name: "AuthTokenNotFound", message: "Failed to find refresh token")
        }
        let payload = try ctx.auth.verifyPayload(refreshToken)
        guard payload["authTokenType"]?.stringValue == "refreshToken", let userId = payload["userId"]?.stringValue,
              let session = payload["tokenVersionId"]?.stringValue else {
            throw APIError(status: 401, name: "InvalidToken", message: "The token provided is not a refresh token")
        }
        let (user, revoked) = try await ctx.db.read { db in
            (try Store.user(db, id: userId), try Store.sessionRevoked(db, id: session, userId: userId))
        }
        guard let user, revoked == false else {
            throw APIError(status: 401, name: "InvalidToken", message: "Valid token version not found")
        }
        let orgId = payload["organizationId"]?.stringValue
        let access = accessToken(user: user, session: session, orgId: orgId,
                                 mfaMethod: payload["mfaMethod"]?.stringValue,
                                 mfaVerified: payload["isMfaVerified"]?.boolValue ?? false)
        return (access, orgId)
    }

    // MARK: helpers

    static func enforceLock(_ user: UserRow) throws {
        guard let until = user.lockedUntil else { return }
        let left = until - Clock.nowMs()
        if left > 0 {
            throw APIError(status: 403, name: "UserLocked", message:
                "User is locked due to multiple failed login attempts. Try logging in again after \((left + 999) / 1000) seconds.")
        }
    }

    private func issue(user: UserRow, session: String, orgId: String?, mfaMethod: String?, mfaVerified: Bool = false) -> Tokens {
        let now = Int(Date().timeIntervalSince1970)
        var refresh: [(String, JSON)] = [
            ("authMethod", .string("email")), ("authTokenType", .string("refreshToken")), ("userId", .string(user.id)),
            ("tokenVersionId", .string(session)), ("refreshVersion", .int(1)),
        ]
        if let orgId { refresh.append(("organizationId", .string(orgId))) }
        if mfaVerified { refresh += [("isMfaVerified", .bool(true)), ("mfaMethod", .str(mfaMethod))] }
        refresh += [("iat", .int(now)), ("exp", .int(now + ctx.userRefreshTTL))]
        return Tokens(access: accessToken(user: user, session: session, orgId: orgId, mfaMethod: mfaMethod,
                                          mfaVerified: mfaVerified),
                      refresh: ctx.auth.signer.signRaw(.object(refresh)))
    }

    private func accessToken(user: UserRow, session: String, orgId: String?, mfaMethod: String?, mfaVerified: Bool) -> String {
        let now = Int(Date().timeIntervalSince1970)
        var p: [(String, JSON)] = [
            ("authMethod", .string("email")), ("authTokenType", .string("accessToken")), ("userId", .string(user.id)),
            ("tokenVersionId", .string(session)), ("accessVersion", .int(1)),
        ]
        if let orgId { p.append(("organizationId", .string(orgId))) }
        if mfaVerified { p += [("isMfaVerified", .bool(true)), ("mfaMethod", .str(mfaMethod))] }
        p += [("iat", .int(now)), ("exp", .int(now + ctx.userTokenTTL))]
        return ctx.auth.signer.signRaw(.object(p))
    }

    /// Infisical logs `select-organization` with the user as actor.
    private func recordSelection(_ user: UserRow, organizationId: String, input: RequestInput) async throws {
        let org = try await ctx.db.read { try Store.organization($0, id: organizationId) }
        try await ctx.db.write { db in
            try AuditRecorder.insert(db, .init(
                projectId: nil, type: "select-organization",
                metadata: .object([("organizationId", .string(organizationId)), ("organizationName", .str(org?.name))]),
                actorType: "user", actorId: user.id,
                actorMetadata: .object([("userId", .string(user.id)), ("email", .string(user.email)),
                                        ("username", .string(user.email)), ("authMethod", .string("email"))]),
                userAgent: input.userAgent, ipAddress: input.ipAddress, createdAt: Clock.nowMs()))
        }
    }
}
