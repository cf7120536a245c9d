import Foundation
import GRDB

/// Person login in Infisical's shapes: `POST /api/v3/auth/login`, `GET /api/v1/organization`,
/// `POST /api/v3/auth/select-organization`, `POST /api/v2/auth/mfa/verify`, `POST /api/v1/auth/token`
/// (refresh through the `jid` cookie), `POST /api/v1/auth/checkAuth`, `POST /api/v1/auth/logout`.
enum UserAuthRoutes {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        let login = UserLogin(ctx: ctx)
        r.addReply("POST", "/api/v3/auth/login") { input in
            let (email, password) = try credentials(input)
            let (_, tokens) = try await login.password(email: email, password: password)
            return Reply(json: .object([("accessToken", .string(tokens.access))]),
                         headers: [UserLogin.refreshCookie(tokens.refresh)])
        }
        r.get("/api/v1/organization") { input in
            let caller = try await ctx.auth.authenticate(input, kinds: .user, requireOrg: false)
            let orgs = try await login.organizations(userId: caller.id)
            return .object([("organizations", .array(orgs.map { organization($0.0) }))])
        }
        r.addReply("POST", "/api/v3/auth/select-organization") { input in
            let token = try Authenticator.bearer(input)
            let orgId = try input.requiredBodyString("organizationId").trimmingCharacters(in: .whitespaces)
            switch try await login.selectOrganization(token: token, organizationId: orgId, input: input) {
            case let .mfa(mfa, method):
                return Reply(json: .object([("token", .string(mfa)), ("isMfaEnabled", .bool(true)),
                                            ("mfaMethod", .string(method))]))
            case let .tokens(t):
                return Reply(json: .object([("token", .string(t.access)), ("isMfaEnabled", .bool(false))]),
                             headers: [UserLogin.refreshCookie(t.refresh)])
            }
        }
        r.addReply("POST", "/api/v2/auth/mfa/verify") { input in
            guard let header = input.authorization, header.hasPrefix("Bearer "), header.count > 7 else {
                throw APIError.unauthorized("Missing bearer token")
            }
            let code = try input.requiredBodyString("mfaToken").trimmingCharacters(in: .whitespaces)
            let method = try input.bodyString("mfaMethod") ?? "email"
            guard ["email", "totp", "webauthn"].contains(method) else {
                throw APIError.validation(.invalidEnum("mfaMethod", options: ["email", "totp", "webauthn"], received: method))
            }
            let t = try await login.verifyMfa(mfaToken: String(header.dropFirst(7)), code: code, method: method, input: input)
            return Reply(json: .object([("token", .string(t.access))]), headers: [UserLogin.refreshCookie(t.refresh)])
        }
        r.addReply("POST", "/api/v1/auth/token") { input in
            do {
                let (token, orgId) = try await login.refresh(input.cookies["jid"])
                var body: [(String, JSON)] = [("token", .string(token))]
                if let orgId { body.append(("organizationId", .string(orgId))) }
                return Reply(json: .object(body))
            } catch var e as APIError {
                // Infisical clears a stale jid so browsers stop sending it.
                e.headers.append(UserLogin.clearRefreshCookie)
                throw e
            }
        }
        r.post("/api/v1/auth/checkAuth") { input in
            _ = try await ctx.auth.authenticate(input, kinds: .user, requireOrg: false)
            return .object([("message", .string("Authenticated"))])
        }
        r.addReply("POST", "/api/v1/auth/logout") { input in
            if let jid = input.cookies["jid"], let p = try? ctx.auth.verifyPayload(jid),
               let session = p["tokenVersionId"]?.stringValue {
                try await ctx.db.write { try Store.revokeSession($0, id: session) }
            }
            return Reply(json: .object([("message", .string("Successfully logged out"))]),
                         headers: [UserLogin.clearRefreshCookie])
        }
    }

    /// `{email, password}`; zod trims both.
    static func credentials(_ input: RequestInput) throws -> (String, String) {
        var issues: [ValidationIssue] = []
        let email = try input.bodyString("email")?.trimmingCharacters(in: .whitespaces)
        let password = try input.bodyString("password")?.trimmingCharacters(in: .whitespaces)
        if email == nil { issues.append(.required("email")) }
        if password == nil { issues.append(.required("password")) }
        guard issues.isEmpty, let email, let password else { throw APIError.validation(issues) }
        return (email, password)
    }

    /// Organization object (a subset of Infisical's `OrganizationsSchema`).
    static func organization(_ o: OrgRow) -> JSON {
        let ts = JSON.string(Clock.iso(o.createdAt))
        return .object([("id", .string(o.id)), ("name", .string(o.name)), ("slug", .string(o.slug)),
                        ("customerId", .null), ("authEnforced", .bool(false)), ("scimEnabled", .bool(false)),
                        ("createdAt", ts), ("updatedAt", ts)])
    }
}
