import Foundation
import XCTest

/// §2 auth: universal-auth login, renew, revoke, token guards; plus the ready-file interface.
final class AuthRouteTests: DevServerTestCase {
    func testReadyFileListsOneIdentityPerRoleWithMode0600() throws {
        XCTAssertTrue(server.ready.url.hasPrefix("http://127.0.0.1:"), server.ready.url)
        let roles = Set(server.ready.identities.map(\.role))
        XCTAssertEqual(roles, ["viewer", "developer", "admin", "owner", "none"])
        for i in server.ready.identities {
            XCTAssertEqual(i.name, i.role == "none" ? "demo-outsider" : "demo-\(i.role)")
            XCTAssertFalse(i.clientId.isEmpty); XCTAssertFalse(i.clientSecret.isEmpty)
        }
        let attrs = try FileManager.default.attributesOfItem(atPath: server.readyPath)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600, "ready file must be mode 0600")
    }

    func testLoginReturnsBearerJWTForEveryRole() throws {
        for role in ["viewer", "developer", "admin", "owner"] {
            let id = try server.identity(role)
            let r = try server.login(clientId: id.clientId, clientSecret: id.clientSecret)
            guard assertStatus(r, 200, role), let j = r.json else { continue }
            XCTAssertEqual(j["tokenType"]?.string, "Bearer")
            XCTAssertEqual(j["expiresIn"]?.int, 7200, "default --token-ttl is 7200")
            XCTAssertNotNil(j["accessTokenMaxTTL"]?.int)
            let token = try XCTUnwrap(j["accessToken"]?.string)
            let payload = try XCTUnwrap(jwtPayload(token), "access token must be a JWT")
            XCTAssertEqual(payload["authTokenType"]?.string, "identityAccessToken")
            XCTAssertNotNil(payload["identityId"]?.string)
            let iat = try XCTUnwrap(payload["iat"]?.int), exp = try XCTUnwrap(payload["exp"]?.int)
            XCTAssertEqual(exp - iat, 7200)
            XCTAssertGreaterThan(Double(exp), Date().timeIntervalSince1970)
        }
    }

    func testLoginWithTrailingSlashAsTheCLIPostsIt() throws {
        let id = try server.identity("viewer")
        let r = try server.http.send("POST", "/api/v1/auth/universal-auth/login/",
                                     json: ["clientId": id.clientId, "clientSecret": id.clientSecret])
        assertStatus(r, 200)
        XCTAssertNotNil(r.json?["accessToken"]?.string)
    }

    func testWrongSecretAndUnknownClientAre401InvalidCredentials() throws {
        let id = try server.identity("admin")
        assertError(try server.login(clientId: id.clientId, clientSecret: "wrong-secret"), 401,
                    error: "UnauthorizedError", message: "Invalid credentials")
        assertError(try server.login(clientId: UUID().uuidString, clientSecret: id.clientSecret), 401,
                    error: "UnauthorizedError", message: "Invalid credentials")
    }

    func testMissingLoginFieldsAre422WithArrayMessage() throws {
        assertValidation(try server.http.send("POST", "/api/v1/auth/universal-auth/login", json: ["clientId": "x"]))
        assertValidation(try server.http.send("POST", "/api/v1/auth/universal-auth/login", json: [:]))
    }

    func testRenewReturnsAWorkingToken() throws {
        let old = try server.token("developer")
        let r = try server.http.send("POST", "/api/v1/auth/token/renew", json: ["accessToken": old])
        guard assertStatus(r, 200) else { return }
        XCTAssertEqual(r.json?["tokenType"]?.string, "Bearer")
        XCTAssertNotNil(r.json?["expiresIn"]?.int)
        XCTAssertNotNil(r.json?["accessTokenMaxTTL"]?.int)
        let fresh = try XCTUnwrap(r.json?["accessToken"]?.string)
        let p = try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(fresh)"])
        assertStatus(p, 200, "renewed token")
    }

    func testRevokedTokenIs401AndCannotBeRenewed() throws {
        let id = try server.identity("viewer")
        let token = try XCTUnwrap(try server.login(clientId: id.clientId, clientSecret: id.clientSecret).json?["accessToken"]?.string)
        let auth = ["Authorization": "Bearer \(token)"]
        assertStatus(try server.http.send("GET", "/api/v1/projects", headers: auth), 200, "before revoke")
        let rv = try server.http.send("POST", "/api/v1/auth/token/revoke", json: ["accessToken": token])
        assertStatus(rv, 200)
        XCTAssertEqual(rv.json?["message"]?.string, "Successfully revoked access token")
        assertError(try server.http.send("GET", "/api/v1/projects", headers: auth), 401, error: "UnauthorizedError")
        assertError(try server.http.send("POST", "/api/v1/auth/token/renew", json: ["accessToken": token]), 401)
    }

    func testMissingTokenIs401TokenMissing() throws {
        for path in ["/api/v1/projects", "/api/v2/folders", "/api/v4/secrets", "/api/v1/organization/audit-logs"] {
            assertError(try server.http.send("GET", path), 401, error: "UnauthorizedError", message: "Token missing")
        }
    }

    func testGarbageAndBadlySignedTokensAre403TokenError() throws {
        assertError(try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer not-a-jwt"]),
                    403, error: "TokenError")
        // A well-formed JWT with a tampered signature.
        let good = try server.token("admin")
        var parts = good.split(separator: ".").map(String.init)
        parts[2] = String(parts[2].reversed())
        assertError(try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(parts.joined(separator: "."))"]),
                    403, error: "TokenError")
    }

    func testLegacyAPIKeyHeaderIs400() throws {
        // §2.3: `x-api-key` (old API keys) → 400 "API key authentication is not supported anymore".
        assertError(try server.http.send("GET", "/api/v1/projects", headers: ["x-api-key": "legacy-key"]), 400,
                    message: "API key authentication is not supported anymore")
    }

    func testIdentityDetailsNameTheOrganization() throws {
        let r = try call("GET", "/api/v1/identities/details", as: "viewer")
        guard assertStatus(r, 200) else { return }
        let org = r.json?["identityDetails"]?["organization"]
        XCTAssertNotNil(org?["id"]?.string)
        XCTAssertEqual(org?["name"]?.string, "OpticWorks")
        XCTAssertNotNil(org?["slug"]?.string)
    }

    func testSecretsNeverAppearInTheServerLog() throws {
        let value = "log-canary-\(UUID().uuidString)"
        let name = unique("LOG_CANARY")
        assertStatus(try createSecret(name, value), 200)
        assertStatus(try getSecret(name), 200)
        XCTAssertFalse(server.log.contains(value), "secret value leaked into the server log")
        for i in server.ready.identities {
            XCTAssertFalse(server.log.contains(i.clientSecret), "client secret of \(i.name) leaked into the log")
        }
        XCTAssertFalse(server.log.contains(try server.token("admin")), "access token leaked into the log")
    }
}

/// `--token-ttl 1`: an expired JWT is 403 TokenError (not 401), on routes and on renew.
final class ExpiredTokenTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--token-ttl", "1"] }

    func testExpiredTokenIs403TokenError() throws {
        let id = try server.identity("admin")
        let r = try server.login(clientId: id.clientId, clientSecret: id.clientSecret)
        guard assertStatus(r, 200) else { return }
        XCTAssertEqual(r.json?["expiresIn"]?.int, 1)
        let token = try XCTUnwrap(r.json?["accessToken"]?.string)
        Thread.sleep(forTimeInterval: 2.5)
        assertError(try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(token)"]),
                    403, error: "TokenError")
        assertError(try server.http.send("POST", "/api/v1/auth/token/renew", json: ["accessToken": token]), 403, error: "TokenError")
        // Logging in again works.
        assertStatus(try server.login(clientId: id.clientId, clientSecret: id.clientSecret), 200)
    }
}
