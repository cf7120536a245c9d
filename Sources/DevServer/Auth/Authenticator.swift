import Foundation
import GRDB

/// The authenticated caller of a request (always a machine identity on this server).
struct Caller: Sendable {
    var identity: IdentityRow
    var tokenId: String

    var actor: ActorRef { ActorRef(type: "identity", id: identity.id, name: identity.name) }
    var actorMetadata: JSON {
        .object([("identityId", .string(identity.id)), ("name", .string(identity.name))])
    }
}

/// Resolves `Authorization: Bearer …` the way Infisical's guards do:
/// none → 401 `Token missing`; `st.` → service tokens are not issued here (401);
/// bad/expired JWT → 403 `TokenError`; revoked → 401.
struct Authenticator: Sendable {
    let signer: TokenSigner
    let db: any DatabaseWriter

    static let accessTokenMaxTTL = 2_592_000

    func authenticate(_ input: RequestInput) async throws -> Caller {
        if input.legacyAPIKey && (input.authorization ?? "").isEmpty {
            throw APIError.badRequest("API key authentication is not supported anymore")
        }
        guard let header = input.authorization, !header.isEmpty else { throw APIError.unauthorized("Token missing") }
        // Infisical strips the first 7 characters ("Bearer ") without checking them.
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw APIError.unauthorized("Token missing") }
        if token.hasPrefix("st.") {
            throw APIError.unauthorized("Service token not found")
        }
        let claims = try verify(token)
        guard claims.authTokenType == "identityAccessToken" else { throw APIError.forbiddenKind(input.rawURL) }
        let (identity, revoked) = try await db.read { db in
            (try Store.identity(db, id: claims.identityId),
             try Store.tokenRevoked(db, tokenId: claims.identityAccessTokenId))
        }
        guard let identity, let revoked else { throw APIError.unauthorized("Failed to authorize identity access token") }
        if revoked { throw APIError.unauthorized("Failed to authorize revoked access token, access token is revoked") }
        return Caller(identity: identity, tokenId: claims.identityAccessTokenId)
    }

    /// Signature + expiry; maps failures to Infisical's 403 TokenError.
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
