import Foundation
import InfisicalModels

/// Reads (never verifies) a JWT payload: the client only needs `exp` to renew in time and
/// `identityId` to find its memberships.
public struct JWTPayload: Sendable, Equatable {
    public var claims: [String: JSONValue]

    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = JWTPayload.base64URLDecode(String(parts[1])),
              case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        claims = o
    }

    public var identityId: String? { claims["identityId"]?.stringValue }
    public var identityName: String? { claims["identityName"]?.stringValue }
    public var userId: String? { claims["userId"]?.stringValue }
    public var authTokenType: String? { claims["authTokenType"]?.stringValue }
    public var expiresAt: Date? {
        if case .number(let n)? = claims["exp"] { return Date(timeIntervalSince1970: n) }
        return nil
    }
    public var issuedAt: Date? {
        if case .number(let n)? = claims["iat"] { return Date(timeIntervalSince1970: n) }
        return nil
    }

    static func base64URLDecode(_ s: String) -> Data? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t)
    }
}
