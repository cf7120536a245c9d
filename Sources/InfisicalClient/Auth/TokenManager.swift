import Foundation
import InfisicalModels

struct TokenResponse: Decodable {
    var accessToken: String
    var expiresIn: Double?
    var accessTokenMaxTTL: Double?
    var tokenType: String?
}

/// Holds the current access token; logs in (universal auth), renews before expiry, and logs in
/// again when renewal is refused. A stored session (a token with a `sessionStore`, no secret) is
/// renewed while the server allows and saved back; once it has expired the answer is "log in
/// again". One request at a time decides (lock), others wait for its result.
final class TokenManager: @unchecked Sendable {
    private let lock = NSLock()
    private let configuration: ClientConfiguration
    private var token: String?
    private var expiresAt: Date?
    private var issuedAt: Date?
    /// A user session's refresh token (may be rotated by the refresh route).
    private var refreshToken: String?

    init(configuration: ClientConfiguration) {
        self.configuration = configuration
        refreshToken = configuration.userSession?.refreshToken
        switch configuration.credentials {
        case .accessToken(let t)?, .serviceToken(let t)?:
            token = t
            expiresAt = configuration.cachedToken?.expiresAt ?? JWTPayload(token: t)?.expiresAt
            issuedAt = JWTPayload(token: t)?.issuedAt
        case .universalAuth?:
            if let c = configuration.cachedToken {
                token = c.accessToken; expiresAt = c.expiresAt ?? JWTPayload(token: c.accessToken)?.expiresAt
                issuedAt = JWTPayload(token: c.accessToken)?.issuedAt
            }
        case nil: break
        }
    }

    var canReauthenticate: Bool {
        if case .universalAuth? = configuration.credentials { return true }
        lock.lock(); defer { lock.unlock() }
        return configuration.userSession != nil && refreshToken != nil
    }

    var currentToken: String? { lock.lock(); defer { lock.unlock() }; return token }
    var currentExpiry: Date? { lock.lock(); defer { lock.unlock() }; return expiresAt }

    func invalidate() { lock.lock(); token = nil; expiresAt = nil; lock.unlock() }

    /// Stable per identity across renewals (cache key part); falls back to the token's hash.
    func identityKey(_ token: String) -> String {
        if let p = JWTPayload(token: token), let id = p.identityId ?? p.userId { return "id:" + id }
        return "tok:\(token.hashValue)"
    }

    func token(using api: InfisicalAPI, cancel: Cancellation?) throws -> String {
        lock.lock(); defer { lock.unlock() }
        switch configuration.credentials {
        case nil:
            throw InfisicalError(.unauthorized, "no credentials for \(api.origin)",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET or INFISICAL_TOKEN, or run `infisical-tui login`")
        case .accessToken(let t)?, .serviceToken(let t)?:
            if configuration.userSession != nil { return try userToken(api: api, cancel: cancel) }
            if configuration.sessionStore != nil { return try sessionToken(api: api, cancel: cancel) }
            return t
        case .universalAuth(let id, let secret)?:
            if let t = token {
                guard let exp = expiresAt else { return t }   // non-expiring
                let lifetime = issuedAt.map { exp.timeIntervalSince($0) } ?? 7200
                let margin = max(5, min(300, lifetime * configuration.renewFraction))
                if exp.timeIntervalSinceNow > margin { return t }
                if exp.timeIntervalSinceNow > 1, let renewed = try? renew(t, api: api, cancel: cancel) {
                    return renewed
                }
                if cancel.isCancelled { throw cancelledError() }
            }
            return try login(clientId: id, clientSecret: secret, api: api, cancel: cancel)
        }
    }

    /// The stored session's token, renewed near its end (and saved back); expired: log in again.
    private func sessionToken(api: InfisicalAPI, cancel: Cancellation?) throws -> String {
        guard let t = token else { throw sessionExpired(at: expiresAt) }
        guard let exp = expiresAt else { return t }
        let lifetime = issuedAt.map { exp.timeIntervalSince($0) } ?? 7200
        let margin = max(5, min(300, lifetime * configuration.renewFraction))
        if exp.timeIntervalSinceNow > margin { return t }
        if exp.timeIntervalSinceNow > 1 {
            if let renewed = try? renew(t, api: api, cancel: cancel) { return renewed }
            if cancel.isCancelled { throw cancelledError() }
            return t   // renewal refused (e.g. the token's maximum TTL): use it while it lasts
        }
        throw sessionExpired(at: exp)
    }

    /// A person's token: used while valid; near or past its expiry refreshed through
    /// `POST /api/v1/auth/token` with the `jid` cookie when a refresh token exists; otherwise, once
    /// expired, "log in again". A refreshed token from our own login is saved back; one borrowed
    /// from the Infisical CLI stays in memory (its storage is never written).
    private func userToken(api: InfisicalAPI, cancel: Cancellation?) throws -> String {
        if let t = token {
            guard let exp = expiresAt else { return t }
            let lifetime = issuedAt.map { exp.timeIntervalSince($0) } ?? 7200
            let margin = max(5, min(300, lifetime * configuration.renewFraction))
            if exp.timeIntervalSinceNow > margin { return t }
            if refreshToken == nil {
                if exp.timeIntervalSinceNow > 1 { return t }
                throw sessionExpired(at: exp)
            }
        }
        guard let refresh = refreshToken else { throw sessionExpired(at: expiresAt) }
        do {
            let (fresh, rotated) = try api.refreshUserToken(refreshToken: refresh, cancel: cancel)
            api.bump { $0.renewals += 1 }
            token = fresh
            let p = JWTPayload(token: fresh)
            expiresAt = p?.expiresAt; issuedAt = p?.issuedAt ?? Date()
            if let r = rotated { refreshToken = r }
            if configuration.userSession?.source == .login, let store = configuration.sessionStore {
                try? store.save(StoredSession(domain: configuration.domain.absoluteString, accessToken: fresh,
                                              expiresAt: expiresAt, identityId: nil, kind: "user",
                                              email: configuration.userSession?.email, refreshToken: refreshToken))
            }
            return fresh
        } catch let e as InfisicalError where e.kind != .cancelled && e.kind != .unreachable && e.kind != .timeout && e.kind != .tls {
            if let t = token, let exp = expiresAt, exp.timeIntervalSinceNow > 1 { return t }   // use it while it lasts
            throw sessionExpired(at: expiresAt)
        }
    }

    /// What a stored session that cannot be used any more says (expired, or refused by the server).
    func sessionExpired(at date: Date?) -> InfisicalError {
        let when = date.map { " (it expired at \(iso8601Millis($0)))" } ?? ""
        if let user = configuration.userSession {
            let whose = user.source == .infisicalCLI ? "the infisical login session of \(user.email ?? "the user")"
                                                     : "the session of \(user.email ?? "the user")"
            return InfisicalError(.tokenExpired, "\(whose) for \(configuration.domain.absoluteString) is no longer valid\(when); log in again",
                                  hint: "run `infisical-tui login` (browser, or --email with the password on stdin)", status: 401)
        }
        return InfisicalError(.tokenExpired, "the stored session for \(configuration.domain.absoluteString) is no longer valid\(when); log in again",
                              hint: "run `infisical-tui login` with INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET set, or `--client-id ID --client-secret -` to type or pipe the secret",
                              status: 401)
    }

    var isStoredSession: Bool { configuration.sessionStore != nil || configuration.userSession != nil }

    private func adopt(_ r: TokenResponse, api: InfisicalAPI) -> String {
        token = r.accessToken
        let now = Date()
        issuedAt = now
        expiresAt = (r.expiresIn ?? 0) > 0 ? now.addingTimeInterval(r.expiresIn!) : nil
        if let store = configuration.sessionStore {   // the token only; never the client secret
            try? store.save(StoredSession(domain: configuration.domain.absoluteString, accessToken: r.accessToken,
                                          expiresAt: expiresAt, identityId: JWTPayload(token: r.accessToken)?.identityId))
        }
        return r.accessToken
    }

    private func login(clientId: String, clientSecret: String, api: InfisicalAPI, cancel: Cancellation?) throws -> String {
        let call = InfisicalAPI.Call(method: "POST", path: "/api/v1/auth/universal-auth/login",
                                     body: ["clientId": .string(clientId), "clientSecret": .string(clientSecret)],
                                     authenticated: false)
        let r: TokenResponse
        do { r = try api.get(TokenResponse.self, call, cancel: cancel) } catch let e as InfisicalError where e.status == 401 {
            throw InfisicalError(.unauthorized, "login refused for client id \(clientId)",
                                 hint: "check INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET (or --client-id/--client-secret)", status: 401)
        }
        api.bump { $0.logins += 1 }
        return adopt(r, api: api)
    }

    private func renew(_ current: String, api: InfisicalAPI, cancel: Cancellation?) throws -> String {
        let call = InfisicalAPI.Call(method: "POST", path: "/api/v1/auth/token/renew",
                                     body: ["accessToken": .string(current)], authenticated: false)
        let r = try api.get(TokenResponse.self, call, cancel: cancel)
        api.bump { $0.renewals += 1 }
        return adopt(r, api: api)
    }

    /// Logs in now (for `login`), returning the raw response fields.
    func forceLogin(api: InfisicalAPI, cancel: Cancellation?) throws -> (String, Date?) {
        lock.lock(); defer { lock.unlock() }
        guard case .universalAuth(let id, let secret)? = configuration.credentials else {
            throw InfisicalError(.usage, "login needs universal-auth credentials",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET")
        }
        let t = try login(clientId: id, clientSecret: secret, api: api, cancel: cancel)
        return (t, expiresAt)
    }
}
