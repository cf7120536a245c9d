import Foundation
import GRDB

/// The authenticated caller of a request: a machine identity or a person (user token).
struct Caller: Sendable {
    enum Kind: Sendable { case identity, user }
    var kind: Kind
    /// identityId or userId.
    var id: String
    /// Identity name, or the user's display name.
    var name: String
    /// Users only.
    var email: String? = nil
    /// The organization the token is bound to.
    var orgId: String
    var orgRole: String
    /// identityAccessTokenId, or the user's session id (`tokenVersionId`).
    var tokenId: String

    var actor: ActorRef { ActorRef(type: actorType, id: id, name: name) }
    var actorType: String { kind == .user ? "user" : "identity" }
    /// Infisical's audit actor metadata (contract §8.3).
    var actorMetadata: JSON {
        switch kind {
        case .identity: return .object([("identityId", .string(id)), ("name", .string(name))])
        case .user:
            return .object([("userId", .string(id)), ("email", .str(email)), ("username", .string(email ?? id))])
        }
    }
}

/// Resolves `Authorization: Bearer …` the way Infisical's guards do:
/// none → 401 `Token missing`; `st.` → service tokens are not issued here (401);
/// bad/expired JWT → 403 `TokenError`; revoked → 401; a kind the route does not take → 403.
struct Authenticator: Sendable {
    let signer: TokenSigner
    let db: any DatabaseWriter

    static let accessTokenMaxTTL = 2_592_000

    struct Kinds: OptionSet, Sendable {
        let rawValue: Int
        static let identity = Kinds(rawValue: 1)
        static let user = Kinds(rawValue: 2)
        static let all: Kinds = [.identity, .user]
    }

    /// The bearer token of the request (Infisical strips the first 7 characters without checking them).
    static func bearer(_ input: RequestInput) throws -> String {
        if input.legacyAPIKey && (input.authorization ?? "").isEmpty {
            throw APIError.badRequest("API key authentication is not supported anymore")
        }
        guard let header = input.authorization, !header.isEmpty else { throw APIError.unauthorized("Token missing") }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw APIError.unauthorized("Token missing") }
        return token
    }

    /// `requireOrg: false` accepts a user token not yet bound to an organization (checkAuth, org list).
    func authenticate(_ input: RequestInput, kinds: Kinds = .all, requireOrg: Bool = true) async throws -> Caller {
        let token = try Self.bearer(input)
        if token.hasPrefix("st.") {
            throw APIError.unauthorized("Service token not found")
        }
        let payload = try verifyPayload(token)
        switch payload["authTokenType"]?.stringValue {
        case "identityAccessToken":
            guard kinds.contains(.identity) else { throw APIError.forbiddenKind(input.rawURL) }
            return try await identity(token)
        case "accessToken":
            guard kinds.contains(.user) else { throw APIError.forbiddenKind(input.rawURL) }
            return try await user(payload, requireOrg: requireOrg)
        default:
            // Refresh and MFA-pending tokens are not bearer credentials.
            throw APIError.badRequest("Invalid token strategy provided")
        }
    }

    private func identity(_ token: String) async throws -> Caller {
        let claims = try verify(token)
        let (identity, revoked) = try await db.read { db in
            (try Store.identity(db, id: claims.identityId),
             try Store.tokenRevoked(db, tokenId: claims.identityAccessTokenId))
        }
        guard let identity, let revoked else { throw APIError.unauthorized("Failed to authorize identity access token") }
        if revoked { throw APIError.unauthorized("Failed to authorize revoked access token, access token is revoked") }
        let orgId = claims.orgId ?? ""
        return Caller(kind: .identity, id: identity.id, name: identity.name, orgId: orgId, orgRole: identity.orgRole,
                      tokenId: claims.identityAccessTokenId)
    }

    private func user(_ payload: JSON, requireOrg: Bool) async throws -> Caller {
        guard let userId = payload["userId"]?.stringValue, let sessionId = payload["tokenVersionId"]?.stringValue else {
            throw APIError.tokenError("jwt malformed")
        }
        let orgId = payload["organizationId"]?.stringValue
        if requireOrg && (orgId ?? "").isEmpty {
            throw APIError.unauthorized("Organization context required: select an organization first")
        }
        let found: (UserRow?, Bool?, String?) = try await db.read { db in
            (try Store.user(db, id: userId), try Store.sessionRevoked(db, id: sessionId, userId: userId),
             try orgId.flatMap { try Store.orgRole(db, userId: userId, orgId: $0) })
        }
        guard let user = found.0, let revoked = found.1, !revoked else {
            throw APIError(status: 401, name: "InvalidToken", message: "Valid token version not found")
        }
        if let orgId, !orgId.isEmpty, found.2 == nil {
            throw APIError(status: 403, name: "ForbiddenError",
                           message: "User does not have access to the organization with ID \(orgId)")
        }
        return Caller(kind: .user, id: user.id, name: user.name, email: user.email, orgId: orgId ?? "",
                      orgRole: found.2 ?? "", tokenId: sessionId)
    }

    /// Signature + expiry of any of our tokens; maps failures to Infisical's 403 TokenError.
    func verifyPayload(_ token: String) throws -> JSON {
        let payload: JSON
        do { payload = try signer.verifyRaw(token) } catch {
            switch error {
            case .badSignature: throw APIError.tokenError("invalid signature")
            case .malformed, .expired: throw APIError.tokenError("jwt malformed")
            }
        }
        if Int(Date().timeIntervalSince1970) >= (payload["exp"]?.intValue ?? 0) {
            throw APIError.tokenError("Your token has expired. Please re-authenticate.")
        }
        return payload
    }

    /// Signature + expiry of an identity token; maps failures to Infisical's 403 TokenError.
    func verify(_ token: String) throws -> TokenSigner.Claims {
        let claims: TokenSigner.Claims
        do { claims = try signer.verify(token) } catch {
            switch error {
            case .badSignature: throw APIError.tokenError("invalid signature")
            case .malformed, .expired: throw APIError.tokenError("jwt malformed")
            }
        }
        if Int(Date().timeIntervalSince1970) >= claims.exp {
            throw APIError.tokenError("Your token has expired. Please re-authenticate.")
        }
        return claims
    }
}
