import Crypto
import Foundation

/// HS256 JWTs for identity access tokens and user tokens (access, refresh, MFA-pending). The key lives
/// in the database so tokens survive restarts.
struct TokenSigner: Sendable {
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    init(keyBytes: [UInt8]) { self.keyBytes = keyBytes }

    struct Claims: Sendable {
        var identityId, clientSecretId, identityAccessTokenId: String
        var authTokenType: String
        var iat, exp: Int
        /// Newer Infisical tokens also carry these (clients read `identityName` for display).
        var identityName: String? = nil
        var orgId: String? = nil
    }

    func sign(_ c: Claims) -> String {
        signRaw(JSON.object([
            ("identityId", .string(c.identityId)), ("clientSecretId", .string(c.clientSecretId)),
            ("identityAccessTokenId", .string(c.identityAccessTokenId)), ("authTokenType", .string(c.authTokenType)),
            ("authMethod", .string("universal-auth")), ("identityName", .str(c.identityName)), ("orgId", .str(c.orgId)),
            ("iat", .int(c.iat)), ("exp", .int(c.exp)),
        ]))
    }

    /// Signs any payload (it must carry `exp`).
    func signRaw(_ payload: JSON) -> String {
        let header = JSON.object([("alg", .string("HS256")), ("typ", .string("JWT"))])
        let signingInput = Self.b64url(header.serialized()) + "." + Self.b64url(payload.serialized())
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Self.b64url(Array(mac))
    }

    enum VerifyError: Error { case malformed, badSignature, expired }

    /// Checks shape and signature; `exp` is checked by the caller-facing code so it can word the error.
    func verify(_ token: String) throws(VerifyError) -> Claims {
        let payload = try verifyRaw(token)
        guard let identityId = payload["identityId"]?.stringValue,
              let tokenId = payload["identityAccessTokenId"]?.stringValue,
              let exp = payload["exp"]?.intValue
        else { throw .malformed }
        return Claims(identityId: identityId, clientSecretId: payload["clientSecretId"]?.stringValue ?? "",
                      identityAccessTokenId: tokenId,
                      authTokenType: payload["authTokenType"]?.stringValue ?? "",
                      iat: payload["iat"]?.intValue ?? 0, exp: exp,
                      identityName: payload["identityName"]?.stringValue, orgId: payload["orgId"]?.stringValue)
    }

    /// Shape + signature of any of our tokens; the payload must be an object with an integer `exp`.
    func verifyRaw(_ token: String) throws(VerifyError) -> JSON {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed }
        let signingInput = parts[0] + "." + parts[1]
        guard let sig = Self.unb64url(String(parts[2])),
              HMAC<SHA256>.isValidAuthenticationCode(sig, authenticating: Array(signingInput.utf8), using: key)
        else { throw .badSignature }
        guard let payloadBytes = Self.unb64url(String(parts[1])),
              let payload = try? JSON.parse(Data(payloadBytes)),
              payload["exp"]?.intValue != nil
        else { throw .malformed }
        return payload
    }

    static func b64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unb64url(_ s: String) -> [UInt8]? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t).map(Array.init)
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }
}
