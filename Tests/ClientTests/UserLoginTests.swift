import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// A person's login in Infisical's shapes (login → organizations → select-organization → MFA,
/// refresh through the `jid` cookie, checkAuth), over real HTTP to a loopback fixture server.
final class UserLoginTests: XCTestCase {
    static func b64(_ s: String) -> String {
        Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// A user access token as Infisical issues it (authTokenType accessToken, userId, organizationId).
    static func userJWT(org: String = "o1", exp: TimeInterval = Date().timeIntervalSince1970 + 3600, tag: String = "a") -> String {
        b64(#"{"alg":"HS256"}"#) + "." + b64(#"{"authTokenType":"accessToken","userId":"u1","organizationId":"\#(org)","tag":"\#(tag)","iat":\#(Int(Date().timeIntervalSince1970)),"exp":\#(Int(exp))}"#) + ".sig"
    }

    static let orgs1 = #"{"organizations":[{"id":"o1","name":"Acme","slug":"acme"}]}"#
    static let orgs2 = #"{"organizations":[{"id":"o1","name":"Acme","slug":"acme"},{"id":"o2","name":"Beta Corp","slug":"beta"}]}"#

    /// Routes for one user `dev@acme.test` / `hunter2`. `mfaCode` nil = no MFA.
    func fake(orgs: String = orgs1, mfaCode: String? = nil, final: String = userJWT()) throws -> FakeInfisical {
        let f = try FakeInfisical()
        f.on("POST", "/api/v3/auth/login") { req in
            guard req.json?["email"] as? String == "dev@acme.test", req.json?["password"] as? String == "hunter2" else {
                return Infisical.error(400, "BadRequest", "Failed to authenticate. Try again?")
            }
            return .init(body: #"{"accessToken":"login-token"}"#)
        }
        f.on("GET", "/api/v1/organization") { req in
            req.headers["authorization"] == "Bearer login-token" || req.headers["authorization"]?.hasPrefix("Bearer ey") == true
                ? .init(body: orgs) : Infisical.error(401, "UnauthorizedError", "Token missing")
        }
        f.on("POST", "/api/v3/auth/select-organization") { req in
            guard req.headers["authorization"] == "Bearer login-token", let o = req.json?["organizationId"] as? String else {
                return Infisical.error(401, "UnauthorizedError", "bad")
            }
            if mfaCode != nil {
                return .init(headers: [("Content-Type", "application/json")], body: #"{"token":"mfa-interim","isMfaEnabled":true,"mfaMethod":"email"}"#)
            }
            return .init(headers: [("Content-Type", "application/json"), ("Set-Cookie", "jid=refresh-\(o); Path=/api; HttpOnly; Secure; SameSite=Strict")],
                         body: #"{"token":"\#(final)","isMfaEnabled":false}"#)
        }
        f.on("POST", "/api/v2/auth/mfa/verify") { req in
            guard req.headers["authorization"] == "Bearer mfa-interim", req.json?["email"] as? String == "dev@acme.test",
                  req.json?["mfaMethod"] as? String == "email", req.json?["mfaToken"] as? String == mfaCode else {
                return Infisical.error(400, "BadRequest", "Invalid MFA code")
            }
            return .init(headers: [("Content-Type", "application/json"), ("Set-Cookie", "other=x; Path=/"),
                                   ("Set-Cookie", "jid=refresh-mfa; Path=/api; HttpOnly")],
                         body: #"{"token":"\#(final)","encryptionVersion":2}"#)
        }
        return f
    }

    func anonymousClient(_ f: FakeInfisical) throws -> InfisicalAPI {
        var c = ClientConfiguration(domain: URL(string: f.server.url)!, credentials: nil)
        c.requestTimeout = 5; c.maxRetries = 0
        return try InfisicalAPI(configuration: c)
    }

    func flow(_ org: String? = nil, codes: [String] = [], asked: LockedBox<[String]> = LockedBox([]),
              password: String = "hunter2") -> PasswordLogin {
        PasswordLogin(email: "dev@acme.test", password: password, organizationId: org,
                      chooseOrganization: { orgs in asked.mutate { $0.append("org:\(orgs.count)") }; return orgs[1] },
                      mfaCode: { attempt, method in
                          asked.mutate { $0.append("mfa:\(attempt):\(method)") }
                          return attempt <= codes.count ? codes[attempt - 1] : "000000"
                      })
    }

    func testDirectLoginOneOrganizationWithoutMFA() throws {
        let f = try fake(); defer { f.stop() }
        let asked = LockedBox<[String]>([])
        let (creds, org) = try flow(asked: asked).run(try anonymousClient(f))
        XCTAssertEqual(org.name, "Acme")
        XCTAssertEqual(creds.email, "dev@acme.test")
        XCTAssertEqual(creds.refreshToken, "refresh-o1", "the jid cookie of select-organization")
        XCTAssertEqual(JWTPayload(token: creds.accessToken)?.claims["organizationId"]?.stringValue, "o1")
        XCTAssertEqual(asked.value, [], "one organization: nothing asked")
        XCTAssertEqual(f.requests("POST", "/api/v3/auth/select-organization").first?.json?["organizationId"] as? String, "o1")
        XCTAssertEqual(f.requests("POST", "/api/v2/auth/mfa/verify").count, 0)
    }

    func testSeveralOrganizationsAskAndMFATakesARetry() throws {
        let f = try fake(orgs: Self.orgs2, mfaCode: "123456"); defer { f.stop() }
        let asked = LockedBox<[String]>([])
        let (creds, org) = try flow(codes: ["999999", "123456"], asked: asked).run(try anonymousClient(f))
        XCTAssertEqual(org.id, "o2")
        XCTAssertEqual(asked.value, ["org:2", "mfa:1:email", "mfa:2:email"])
        XCTAssertEqual(creds.refreshToken, "refresh-mfa", "jid among several Set-Cookie headers")
        XCTAssertEqual(f.requests("POST", "/api/v2/auth/mfa/verify").count, 2)
        XCTAssertEqual(f.requests("POST", "/api/v3/auth/select-organization").first?.json?["organizationId"] as? String, "o2")
    }

    func testOrganizationGivenByFlagIsNotAskedAndAnUnknownOneIsNamed() throws {
        let f = try fake(orgs: Self.orgs2); defer { f.stop() }
        let asked = LockedBox<[String]>([])
        let (_, org) = try flow("beta", asked: asked).run(try anonymousClient(f))
        XCTAssertEqual(org.id, "o2"); XCTAssertEqual(asked.value, [])
        XCTAssertThrowsError(try flow("nope").run(try anonymousClient(f))) { e in
            let err = e as? InfisicalError
            XCTAssertEqual(err?.kind, .notFound)
            XCTAssertTrue(err?.hint?.contains("Beta Corp (o2)") == true, "\(e)")
        }
    }

    func testFiveWrongMFACodesEndTheLogin() throws {
        let f = try fake(mfaCode: "123456"); defer { f.stop() }
        XCTAssertThrowsError(try flow(codes: ["1", "2", "3", "4", "5", "123456"]).run(try anonymousClient(f))) { e in
            XCTAssertEqual((e as? InfisicalError)?.kind, .unauthorized)
            XCTAssertTrue((e as? InfisicalError)?.message.contains("refused 5 times") == true, "\(e)")
        }
        XCTAssertEqual(f.requests("POST", "/api/v2/auth/mfa/verify").count, 5)
    }

    func testWrongPasswordIsAClearErrorAndGoesNoFurther() throws {
        let f = try fake(); defer { f.stop() }
        XCTAssertThrowsError(try flow(password: "wrong").run(try anonymousClient(f))) { e in
            let err = e as? InfisicalError
            XCTAssertEqual(err?.kind, .unauthorized)
            XCTAssertEqual(err?.message, "login refused for dev@acme.test: wrong email or password")
        }
        XCTAssertEqual(f.requests("GET", "/api/v1/organization").count, 0)
    }

    // MARK: the real binary

    func testCLIDirectLoginWithMFAFromStdinStoresOnlyTheSessionAndLogoutClearsIt() throws {
        let final = Self.userJWT(org: "o2")
        let f = try fake(orgs: Self.orgs2, mfaCode: "123456", final: final); defer { f.stop() }
        var cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        cli.env["INFISICAL_DOMAIN"] = f.server.url
        // Several organizations, none given, no terminal: a clear error listing them.
        let noOrg = try cli.run(["login", "--email", "dev@acme.test", "--password", "-"], stdin: Data("hunter2\n".utf8))
        XCTAssertEqual(noOrg.status, 1)
        XCTAssertTrue(noOrg.stderr.contains("you belong to 2 organizations") && noOrg.stderr.contains("Beta Corp  (o2)"), noOrg.stderr)
        // Password, then a wrong and a right MFA code, all on stdin.
        let r = try cli.run(["login", "--email", "dev@acme.test", "--password", "-", "--organization-id", "o2"],
                            stdin: Data("hunter2\n111111\n123456\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "logged in to \(f.server.url) as dev@acme.test in Beta Corp\n")
        let path = cli.home.appendingPathComponent("state/infisical-tui/session.json").path
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(obj["kind"] as? String, "user"); XCTAssertEqual(obj["email"] as? String, "dev@acme.test")
        XCTAssertEqual(obj["accessToken"] as? String, final); XCTAssertEqual(obj["refreshToken"] as? String, "refresh-mfa")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int, 0o700)
        // The password is nowhere on disk; the tokens only in the session file; none in the output.
        XCTAssertEqual(SessionSecurityTests.filesContaining("hunter2", under: cli.home), [])
        XCTAssertEqual(SessionSecurityTests.filesContaining(final, under: cli.home), [path])
        XCTAssertEqual(SessionSecurityTests.filesContaining("refresh-mfa", under: cli.home), [path])
        for secret in ["hunter2", final, "refresh-mfa", "login-token", "mfa-interim"] {
            XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret), secret)
        }
        // The stored session is used by the next command.
        var bare = cli; bare.env["INFISICAL_DOMAIN"] = nil
        let who = try bare.run(["whoami", "--json"])
        XCTAssertEqual(who.status, 0, who.stderr)
        XCTAssertTrue(who.stdout.contains(#""authMethod" : "signed in as dev@acme.test""#), who.stdout)
        XCTAssertTrue(who.stdout.contains(#""organization" : "Beta Corp""#), who.stdout)
        let out = try bare.run(["logout"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        // A wrong password: a clear error, nothing stored.
        let bad = try cli.run(["login", "--email", "dev@acme.test", "--organization-id", "o2"], extraEnv: ["INFISICAL_PASSWORD": "nope"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("wrong email or password"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testCLIPasteLoginIsCheckedWithCheckAuth() throws {
        let token = Self.userJWT()
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("POST", "/api/v1/auth/checkAuth") { req in
            req.headers["authorization"] == "Bearer \(token)" ? .init(body: #"{"message":"Authenticated"}"#)
                : Infisical.error(401, "UnauthorizedError", "Token missing")
        }
        f.on("GET", "/api/v1/organization") { _ in .init(body: Self.orgs1) }
        var cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        cli.env["INFISICAL_DOMAIN"] = f.server.url
        let good = Data(#"{"email":"dev@acme.test","privateKey":"","JTWToken":"\#(token)","RefreshToken":"r1"}"#.utf8).base64EncodedString()
        let r = try cli.run(["login", "--paste"], stdin: Data((good + "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "logged in to \(f.server.url) as dev@acme.test in Acme\n")
        let refused = Data(#"{"email":"dev@acme.test","JTWToken":"eyJ.forged.x"}"#.utf8).base64EncodedString()
        let bad = try cli.run(["login", "--paste"], stdin: Data((refused + "\n").utf8))
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("the server refused the pasted token"), bad.stderr)
    }

    // MARK: session: refresh, expiry

    func sessionDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("sess-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: d) }
        return d
    }

    func userClient(_ f: FakeInfisical, token: String, refresh: String?, store: SessionStore?) throws -> InfisicalAPI {
        var c = ClientConfiguration(domain: URL(string: f.server.url)!, credentials: .accessToken(token),
                                    cachedToken: CachedToken(accessToken: token, expiresAt: JWTPayload(token: token)?.expiresAt),
                                    sessionStore: store)
        c.userSession = UserSession(email: "dev@acme.test", refreshToken: refresh, source: .login)
        c.requestTimeout = 5; c.maxRetries = 0
        return try InfisicalAPI(configuration: c)
    }

    func testExpiredUserTokenIsRefreshedThroughTheJidCookieAndSavedBack() throws {
        let fresh = Self.userJWT(tag: "fresh")
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("POST", "/api/v1/auth/token") { req in
            req.headers["cookie"] == "jid=refresh-1"
                ? .init(headers: [("Content-Type", "application/json"), ("Set-Cookie", "jid=refresh-2; Path=/api; HttpOnly")],
                        body: #"{"token":"\#(fresh)","organizationId":"o1"}"#)
                : Infisical.error(401, "UnauthorizedError", "Invalid refresh token")
        }
        f.on("GET", "/api/v1/organization") { req in
            req.headers["authorization"] == "Bearer \(fresh)" ? .init(body: Self.orgs1) : Infisical.error(403, "TokenError", "Your token has expired. Please re-authenticate.")
        }
        let store = SessionStore(directory: try sessionDir())
        let old = Self.userJWT(exp: Date().timeIntervalSince1970 - 10)
        try store.save(StoredSession(domain: f.server.url, accessToken: old, expiresAt: nil, identityId: nil,
                                     kind: "user", email: "dev@acme.test", refreshToken: "refresh-1"))
        let api = try userClient(f, token: old, refresh: "refresh-1", store: store)
        XCTAssertEqual(try api.organizations().map(\.name), ["Acme"])
        XCTAssertEqual(f.requests("POST", "/api/v1/auth/token").count, 1)
        XCTAssertNil(f.requests("POST", "/api/v1/auth/token").first?.headers["authorization"], "the refresh sends no bearer")
        let saved = try XCTUnwrap(store.load())
        XCTAssertEqual(saved.accessToken, fresh)
        XCTAssertEqual(saved.refreshToken, "refresh-2", "a rotated jid is kept")
        XCTAssertTrue(saved.isUserSession)
        XCTAssertEqual(try api.currentOrganization()?.name, "Acme")
        XCTAssertEqual(f.requests("POST", "/api/v1/auth/token").count, 1, "a fresh token is not refreshed again")
    }

    func testExpiredUserTokenWithoutRefreshTokenSaysLogInAgain() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("GET", "/api/v1/organization") { _ in .init(body: Self.orgs1) }
        let api = try userClient(f, token: Self.userJWT(exp: Date().timeIntervalSince1970 - 10), refresh: nil, store: nil)
        XCTAssertThrowsError(try api.organizations()) { e in
            let err = e as? InfisicalError
            XCTAssertEqual(err?.kind, .tokenExpired)
            XCTAssertTrue(err?.message.hasSuffix("log in again") == true, "\(e)")
            XCTAssertTrue(err?.hint?.contains("infisical-tui login") == true)
        }
        XCTAssertEqual(f.requests("GET", "/api/v1/organization").count, 0, "nothing sent with an expired token")
    }

    func testRefusedRefreshSaysLogInAgain() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("POST", "/api/v1/auth/token") { _ in Infisical.error(401, "UnauthorizedError", "Invalid refresh token") }
        let api = try userClient(f, token: Self.userJWT(exp: Date().timeIntervalSince1970 - 10), refresh: "stale", store: nil)
        XCTAssertThrowsError(try api.organizations()) { e in XCTAssertEqual((e as? InfisicalError)?.kind, .tokenExpired, "\(e)") }
    }

    // MARK: user-only routes

    func testUserTokenReadsItsRoleThroughThePermissionsRoute() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("GET", "/api/v1/projects/p1/permissions") { _ in
            .init(body: #"{"data":{"memberships":[{"id":"m1","actorUserId":"u1","actorGroupId":null,"roles":[{"role":"member"}]}],"permissions":[["read","secrets"]]}}"#)
        }
        let api = try userClient(f, token: Self.userJWT(), refresh: nil, store: nil)
        XCTAssertEqual(try api.role(projectId: "p1")?.slug, "member")
        XCTAssertEqual(f.requests("GET", "/api/v1/identities").count, 0, "no identity route for a person")
        XCTAssertEqual(api.signInDescription, "signed in as dev@acme.test")
    }

    func testUserTokenReadsTheVersionsRoute() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("GET", "/api/v1/secret/s1/secret-versions") { req in
            req.headers["authorization"]?.hasPrefix("Bearer ey") == true
                ? .init(body: #"{"secretVersions":[\#(Infisical.rawSecret(version: 3)),\#(Infisical.rawSecret(value: "old", version: 2))]}"#)
                : Infisical.error(403, "Forbidden access to /api/v1/secret/s1/secret-versions", "nope")
        }
        let api = try userClient(f, token: Self.userJWT(), refresh: nil, store: nil)
        XCTAssertEqual(try api.secretVersions(secretId: "s1").map(\.version), [3, 2])
    }
}

/// A value shared with @Sendable closures in tests.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock(); private var v: T
    init(_ v: T) { self.v = v }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
    func mutate(_ f: (inout T) -> Void) { lock.lock(); f(&v); lock.unlock() }
}
