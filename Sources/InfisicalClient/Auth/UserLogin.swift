import Foundation
import InfisicalModels

/// What the Infisical web app posts to the browser-login callback, what the paste flow carries
/// (base64 of this JSON) and what the Infisical CLI keeps in its keyring entry. Field names are
/// Infisical's, including its `JTWToken` spelling.
public struct UserCredentials: Codable, Sendable, Equatable {
    public var email: String
    public var privateKey: String?
    public var accessToken: String
    public var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case email, privateKey
        case accessToken = "JTWToken"
        case refreshToken = "RefreshToken"
    }

    public init(email: String, privateKey: String? = nil, accessToken: String, refreshToken: String?) {
        self.email = email; self.privateKey = privateKey; self.accessToken = accessToken; self.refreshToken = refreshToken
    }

    /// Strict parse of the JSON (email and JTWToken non-empty); an empty RefreshToken means none.
    public static func parse(_ data: Data) -> UserCredentials? {
        guard var c = try? JSONDecoder().decode(UserCredentials.self, from: data),
              !c.email.isEmpty, !c.accessToken.isEmpty else { return nil }
        if c.refreshToken?.isEmpty == true { c.refreshToken = nil }
        return c
    }

    /// The paste flow's text: base64 (standard or URL alphabet, padding optional) of the JSON.
    public static func fromPaste(_ text: String) throws -> UserCredentials {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = JWTPayload.base64URLDecode(t), let c = parse(data) else {
            throw InfisicalError(.usage, "the pasted text is not an Infisical login token",
                                 hint: "copy the whole token the browser shows after signing in, and paste it on one line")
        }
        return c
    }

    /// The session file entry for these credentials.
    public func storedSession(domain: String) -> StoredSession {
        StoredSession(domain: domain, accessToken: accessToken, expiresAt: JWTPayload(token: accessToken)?.expiresAt,
                      identityId: nil, kind: "user", email: email, refreshToken: refreshToken)
    }
}

public struct Organization: Decodable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var slug: String?
    public init(id: String, name: String, slug: String?) { self.id = id; self.name = name; self.slug = slug }
}

/// `select-organization` either finishes the login or asks for a second factor.
public enum OrganizationSelection: Sendable, Equatable {
    case signedIn(token: String, refreshToken: String?)
    case mfaRequired(interimToken: String, method: String, refreshToken: String?)
}

/// Direct (email + password) login in Infisical's order: login → organizations → select → MFA.
/// The prompts are closures so the CLI asks on a terminal and tests answer directly.
public struct PasswordLogin {
    public static let maxMFAAttempts = 5

    public var email: String
    public var password: String
    public var organizationId: String?
    /// Called only when no organization was given and there are several.
    public var chooseOrganization: ([Organization]) throws -> Organization
    /// Called for each MFA attempt (1...5) with the method (`email`, `totp`).
    public var mfaCode: (_ attempt: Int, _ method: String) throws -> String

    public init(email: String, password: String, organizationId: String?,
                chooseOrganization: @escaping ([Organization]) throws -> Organization,
                mfaCode: @escaping (_ attempt: Int, _ method: String) throws -> String) {
        self.email = email; self.password = password; self.organizationId = organizationId
        self.chooseOrganization = chooseOrganization; self.mfaCode = mfaCode
    }

    public func run(_ api: InfisicalAPI, cancel: Cancellation? = nil) throws -> (UserCredentials, Organization) {
        let first = try api.passwordLogin(email: email, password: password, cancel: cancel)
        let orgs = try api.organizations(token: first, cancel: cancel)
        let org: Organization
        if let wanted = organizationId {
            guard let o = orgs.first(where: { $0.id == wanted || $0.slug == wanted }) else {
                throw InfisicalError(.notFound, "\(email) is not a member of organization \(TerminalText.escape(wanted))",
                                     hint: "omit --organization-id to choose from: "
                                        + orgs.map { TerminalText.escape("\($0.name) (\($0.id))") }.joined(separator: ", "))
            }
            org = o
        } else if orgs.count == 1 {
            org = orgs[0]
        } else if orgs.isEmpty {
            throw InfisicalError(.notFound, "\(email) belongs to no organization on \(api.origin)",
                                 hint: "ask an admin to invite you, or create one in the web app")
        } else {
            org = try chooseOrganization(orgs)
        }
        switch try api.selectOrganization(org.id, token: first, cancel: cancel) {
        case .signedIn(let token, let refresh):
            return (UserCredentials(email: email, accessToken: token, refreshToken: refresh), org)
        case .mfaRequired(let interim, let method, let refresh0):
            for attempt in 1...Self.maxMFAAttempts {
                let code = try mfaCode(attempt, method).trimmingCharacters(in: .whitespacesAndNewlines)
                if code.isEmpty { continue }
                do {
                    let (token, refresh) = try api.verifyMFA(email: email, code: code, method: method,
                                                             interimToken: interim, cancel: cancel)
                    return (UserCredentials(email: email, accessToken: token, refreshToken: refresh ?? refresh0), org)
                } catch let e as InfisicalError where e.kind == .badRequest || e.kind == .unauthorized
                                                      || e.kind == .permissionDenied || e.kind == .validation {
                    continue   // wrong or expired code: ask again
                }
            }
            throw InfisicalError(.unauthorized, "the MFA code was refused \(Self.maxMFAAttempts) times",
                                 hint: "run `infisical-tui login` again and use the newest code")
        }
    }
}

extension InfisicalAPI {
    private struct LoginBody: Decodable { var accessToken: String?; var token: String? }
    private struct OrganizationsBody: Decodable { var organizations: [Organization] }
    private struct SelectBody: Decodable { var token: String; var isMfaEnabled: Bool?; var mfaMethod: String?; var refreshToken: String? }
    private struct TokenBody: Decodable { var token: String; var refreshToken: String? }

    /// `POST /api/v3/auth/login {email,password}` → an organization-less access token.
    public func passwordLogin(email: String, password: String, cancel: Cancellation? = nil) throws -> String {
        let call = Call(method: "POST", path: "/api/v3/auth/login",
                        body: ["email": .string(email), "password": .string(password)], authenticated: false)
        let body: Data
        do { body = try send(call, cancel: cancel) } catch let e as InfisicalError
                where [.badRequest, .unauthorized, .permissionDenied, .notFound, .validation].contains(e.kind) {
            throw InfisicalError(.unauthorized, "login refused for \(TerminalText.escape(email)): wrong email or password",
                                 hint: "check them, or sign in with the browser (`infisical-tui login` without --email)", status: e.status)
        }
        let r = try decode(LoginBody.self, body, path: call.path)
        guard let t = r.accessToken ?? r.token, !t.isEmpty else { throw ErrorMapper.malformed(origin, path: call.path) }
        bump { $0.logins += 1 }
        return t
    }

    /// `GET /api/v1/organization` → the caller's organizations (with `token`, or the session's).
    public func organizations(token: String? = nil, cancel: Cancellation? = nil) throws -> [Organization] {
        try get(OrganizationsBody.self, Call(path: "/api/v1/organization", bearer: token), cancel: cancel).organizations
    }

    /// `POST /api/v3/auth/select-organization {organizationId}` with the login token.
    public func selectOrganization(_ organizationId: String, token: String, cancel: Cancellation? = nil) throws -> OrganizationSelection {
        let call = Call(method: "POST", path: "/api/v3/auth/select-organization",
                        body: ["organizationId": .string(organizationId)], bearer: token)
        let response = try exchange(call, cancel: cancel)
        let r = try decode(SelectBody.self, response.body, path: call.path)
        let refresh = response.cookie("jid") ?? r.refreshToken
        if r.isMfaEnabled == true { return .mfaRequired(interimToken: r.token, method: r.mfaMethod ?? "email", refreshToken: refresh) }
        return .signedIn(token: r.token, refreshToken: refresh)
    }

    /// `POST /api/v2/auth/mfa/verify {email, mfaToken, mfaMethod}` with the interim token →
    /// the access token, and the refresh token from the `jid` cookie.
    public func verifyMFA(email: String, code: String, method: String, interimToken: String,
                          cancel: Cancellation? = nil) throws -> (token: String, refreshToken: String?) {
        let call = Call(method: "POST", path: "/api/v2/auth/mfa/verify",
                        body: ["email": .string(email), "mfaToken": .string(code), "mfaMethod": .string(method)],
                        bearer: interimToken)
        let response = try exchange(call, cancel: cancel)
        let r = try decode(TokenBody.self, response.body, path: call.path)
        return (r.token, response.cookie("jid") ?? r.refreshToken)
    }

    /// `POST /api/v1/auth/checkAuth` with `token`: throws unless the server accepts it.
    public func checkAuth(token: String, cancel: Cancellation? = nil) throws {
        _ = try send(Call(method: "POST", path: "/api/v1/auth/checkAuth", bearer: token), cancel: cancel)
    }

    /// `POST /api/v1/auth/token` with cookie `jid=<refresh>` → a new access token (and a rotated
    /// refresh token when the server sets a new `jid`).
    func refreshUserToken(refreshToken: String, cancel: Cancellation?) throws -> (String, String?) {
        let call = Call(method: "POST", path: "/api/v1/auth/token", authenticated: false, cookie: "jid=\(refreshToken)")
        let response = try exchange(call, cancel: cancel)
        let r = try decode(TokenBody.self, response.body, path: call.path)
        return (r.token, response.cookie("jid"))
    }

    /// The organization the session's token is bound to (user tokens: `organizationId` claim
    /// matched against `GET /api/v1/organization`); nil when unknown.
    public func currentOrganization(cancel: Cancellation? = nil) throws -> Organization? {
        let token = try auth.token(using: self, cancel: cancel)
        guard let p = JWTPayload(token: token), p.identityId == nil else { return nil }
        let orgs = try organizations(cancel: cancel)
        if let id = p.claims["organizationId"]?.stringValue { return orgs.first { $0.id == id } }
        return orgs.count == 1 ? orgs[0] : nil
    }

    /// Who is signed in and how, for the status bar ("using infisical login session of a@b.c").
    public var signInDescription: String {
        if let u = configuration.userSession { return u.description }
        switch configuration.credentials {
        case .universalAuth(let id, _)?: return "machine identity \(id) (universal auth)"
        case .accessToken?: return configuration.sessionStore != nil ? "machine identity (stored session)" : "access token"
        case .serviceToken?: return "service token"
        case nil: return "not signed in"
        }
    }
}
