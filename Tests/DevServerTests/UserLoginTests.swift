import Foundation
import XCTest

/// Person login in Infisical's shapes (issue 14 item 5): `/api/v3/auth/login` → `/api/v1/organization`
/// → `/api/v3/auth/select-organization` → (`/api/v2/auth/mfa/verify`), refresh through the `jid`
/// cookie, `checkAuth`, and user tokens on the ordinary routes.
final class UserLoginTests: DevServerTestCase {
    func testDirectLoginWithoutMFAInOneOrganization() throws {
        let u = try demoUser(role: "viewer")
        let l = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password])
        guard assertStatus(l, 200), let interim = l.json?["accessToken"]?.string else { return }
        XCTAssertEqual(l.json?.object?.keys.sorted(), ["accessToken"])
        let p = jwtPayload(interim)
        XCTAssertEqual(p?["authTokenType"]?.string, "accessToken")
        XCTAssertNotNil(p?["userId"]?.string)
        XCTAssertNil(p?["organizationId"], "the interim token is bound to no organization")

        let orgs = try get("/api/v1/organization", bearer: interim)
        guard assertStatus(orgs, 200) else { return }
        let list = orgs.json?["organizations"]?.array ?? []
        XCTAssertEqual(list.compactMap { $0["slug"]?.string }, ["opticworks"])
        XCTAssertEqual(list.first?["name"]?.string, "OpticWorks")
        guard let orgId = list.first?["id"]?.string else { return XCTFail("no org id") }

        // Not bound to an organization yet: org-scoped routes refuse it, checkAuth accepts it.
        assertError(try get("/api/v1/projects", bearer: interim), 401)
        assertStatus(try post("/api/v1/auth/checkAuth", bearer: interim), 200)

        let s = try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": orgId])
        guard assertStatus(s, 200), let token = s.json?["token"]?.string else { return }
        XCTAssertEqual(s.json?["isMfaEnabled"]?.bool, false)
        XCTAssertNil(s.json?["mfaMethod"])
        XCTAssertNotNil(jid(s), "select-organization sets the refresh cookie when there is no MFA")
        let tp = jwtPayload(token)
        XCTAssertEqual(tp?["organizationId"]?.string, orgId)
        XCTAssertEqual(tp?["authTokenType"]?.string, "accessToken")
        XCTAssertEqual(tp?["userId"], p?["userId"])
        let ttl = (tp?["exp"]?.int ?? 0) - (tp?["iat"]?.int ?? 0)
        XCTAssertEqual(ttl, 600, "user tokens last 10 minutes by default")

        let projects = try get("/api/v1/projects", bearer: token)
        guard assertStatus(projects, 200) else { return }
        XCTAssertEqual((projects.json?["projects"]?.array ?? []).count, 4, "the viewer is a member of every demo project")
        XCTAssertEqual(try post("/api/v1/auth/checkAuth", bearer: token).json?["message"]?.string, "Authenticated")
    }

    func testUserInTwoOrganizationsChoosesOne() throws {
        let u = try twoOrgUser()
        let l = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password])
        guard assertStatus(l, 200), let interim = l.json?["accessToken"]?.string else { return }
        let orgs = try get("/api/v1/organization", bearer: interim)
        XCTAssertEqual(Set((orgs.json?["organizations"]?.array ?? []).compactMap { $0["slug"]?.string }),
                       ["opticworks", "lumen-labs"])
        for o in orgs.json?["organizations"]?.array ?? [] {
            XCTAssertNotNil(o["id"]?.string); XCTAssertNotNil(o["name"]?.string)
        }

        let lumen = try organizationId(named: "lumen-labs", token: interim)
        let optic = try organizationId(named: "opticworks", token: interim)
        let a = try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": lumen])
        guard assertStatus(a, 200), let lumenToken = a.json?["token"]?.string else { return }
        XCTAssertEqual(jwtPayload(lumenToken)?["organizationId"]?.string, lumen)
        let none = try get("/api/v1/projects", bearer: lumenToken)
        XCTAssertEqual(none.json?["projects"]?.array?.count, 0, "Lumen Labs has no projects: \(none)")
        let store = try projectId()
        assertError(try get("/api/v1/projects/\(store)", bearer: lumenToken), 403)

        // The same login can pick the other organization.
        let b = try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": optic])
        guard assertStatus(b, 200), let opticToken = b.json?["token"]?.string else { return }
        XCTAssertEqual(try get("/api/v1/projects", bearer: opticToken).json?["projects"]?.array?.count, 4)

        // An organization the user does not belong to.
        assertError(try post("/api/v3/auth/select-organization", bearer: interim,
                             json: ["organizationId": UUID().uuidString.lowercased()]), 403, error: "ForbiddenError",
                    message: "does not have access to the organization")
        assertValidation(try post("/api/v3/auth/select-organization", bearer: interim, json: [:]))
        assertError(try post("/api/v3/auth/select-organization", json: ["organizationId": optic]), 401)
    }

    func testLoginWithEmailMFA() throws {
        let u = try mfaUser()
        let l = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password])
        guard assertStatus(l, 200), let interim = l.json?["accessToken"]?.string else { return }
        let orgId = try organizationId(named: "opticworks", token: interim)
        let s = try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": orgId])
        guard assertStatus(s, 200), let mfaToken = s.json?["token"]?.string else { return }
        XCTAssertEqual(s.json?["isMfaEnabled"]?.bool, true)
        XCTAssertEqual(s.json?["mfaMethod"]?.string, "email")
        XCTAssertFalse(s.header("set-cookie") != nil, "no refresh cookie before the code is verified")
        XCTAssertEqual(jwtPayload(mfaToken)?["authTokenType"]?.string, "mfaToken")
        XCTAssertFalse(server.log.contains(u.mfaCode ?? "-"), "the code is not logged")

        // The MFA-pending token opens nothing but mfa/verify.
        XCTAssertNotEqual(try get("/api/v1/projects", bearer: mfaToken).status, 200)
        XCTAssertNotEqual(try post("/api/v1/auth/checkAuth", bearer: mfaToken).status, 200)
        // mfa/verify needs the MFA token, not the interim one.
        assertError(try post("/api/v2/auth/mfa/verify", bearer: interim, json: ["mfaToken": u.mfaCode ?? ""]), 401)
        assertError(try post("/api/v2/auth/mfa/verify", json: ["mfaToken": u.mfaCode ?? ""]), 401)

        let wrong = try post("/api/v2/auth/mfa/verify", bearer: mfaToken,
                             json: ["email": u.email, "mfaToken": "000000", "mfaMethod": "email"])
        assertError(wrong, 400, message: "Invalid MFA code")
        XCTAssertFalse(wrong.header("set-cookie") != nil, "no cookie (and no token in this message)")

        let v = try post("/api/v2/auth/mfa/verify", bearer: mfaToken,
                         json: ["email": u.email, "mfaToken": u.mfaCode ?? "", "mfaMethod": "email"])
        guard assertStatus(v, 200), let token = v.json?["token"]?.string else { return }
        XCTAssertNotNil(jid(v))
        let p = jwtPayload(token)
        XCTAssertEqual(p?["organizationId"]?.string, orgId)
        XCTAssertEqual(p?["isMfaVerified"]?.bool, true)
        XCTAssertEqual(try get("/api/v1/projects", bearer: token).json?["projects"]?.array?.count, 4)
    }

    func testWrongPasswordUnknownUserAndMissingFields() throws {
        let u = try demoUser(role: "developer")
        let wrong = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password + "x"])
        assertError(wrong, 400, error: "BadRequest", message: "Invalid username or email")
        XCTAssertFalse(wrong.header("set-cookie") != nil, "no cookie (and no token in this message)")
        assertError(try post("/api/v3/auth/login", json: ["email": "nobody@optic.works", "password": "x"]), 400,
                    message: "User not found")
        assertValidation(try post("/api/v3/auth/login", json: ["email": u.email]))
        assertValidation(try post("/api/v3/auth/login", json: ["email": u.email, "password": 5]))
        XCTAssertFalse(server.log.contains(u.password), "passwords never reach the log")
    }

    func testRefreshThroughTheJidCookie() throws {
        let session = try logIn(try demoUser(role: "developer"))
        let r = try post("/api/v1/auth/token", cookie: "jid=\(session.refresh)")
        guard assertStatus(r, 200), let fresh = r.json?["token"]?.string else { return }
        XCTAssertEqual(r.json?["organizationId"]?.string, jwtPayload(session.access)?["organizationId"]?.string)
        XCTAssertEqual(jwtPayload(fresh)?["authTokenType"]?.string, "accessToken")
        assertStatus(try get("/api/v1/projects", bearer: fresh), 200)
        // Other cookies around it are fine.
        assertStatus(try post("/api/v1/auth/token", cookie: "theme=dark; jid=\(session.refresh); x=1"), 200)

        assertError(try post("/api/v1/auth/token"), 404, error: "AuthTokenNotFound")
        let garbage = try post("/api/v1/auth/token", cookie: "jid=not-a-token")
        assertError(garbage, 403, error: "TokenError")
        XCTAssertTrue(garbage.header("set-cookie")?.contains("Max-Age=0") == true, "a bad jid is cleared: \(garbage.headers)")
        // An access token is not a refresh token.
        assertError(try post("/api/v1/auth/token", cookie: "jid=\(session.access)"), 401, error: "InvalidToken")
    }

    func testCheckAuthTakesUserTokensOnly() throws {
        let session = try logIn(try demoUser(role: "admin"))
        let ok = try post("/api/v1/auth/checkAuth", bearer: session.access)
        guard assertStatus(ok, 200) else { return }
        XCTAssertEqual(ok.json, .object(["message": .string("Authenticated")]))
        assertError(try post("/api/v1/auth/checkAuth", bearer: try server.token("admin")), 403, message: "not allowed")
        assertError(try post("/api/v1/auth/checkAuth"), 401, message: "Token missing")
        assertError(try post("/api/v1/auth/checkAuth", bearer: session.access + "x"), 403, error: "TokenError")
    }

    func testLogoutEndsTheSession() throws {
        let session = try logIn(try demoUser(role: "viewer"))
        let out = try post("/api/v1/auth/logout", cookie: "jid=\(session.refresh)")
        assertStatus(out, 200)
        XCTAssertTrue(out.header("set-cookie")?.contains("Max-Age=0") == true)
        assertError(try get("/api/v1/projects", bearer: session.access), 401, error: "InvalidToken")
        assertError(try post("/api/v1/auth/token", cookie: "jid=\(session.refresh)"), 401)
    }

    func testPermissionsRouteGivesUsersTheirRoleAndRefusesIdentities() throws {
        let pid = try projectId()
        for (role, slug) in [("viewer", "viewer"), ("developer", "member"), ("admin", "admin")] {
            let session = try logIn(try demoUser(role: role))
            let r = try get("/api/v1/projects/\(pid)/permissions", bearer: session.access)
            guard assertStatus(r, 200, role) else { continue }
            let m = r.json?["data"]?["memberships"]?[0]
            XCTAssertEqual(m?["roles"]?[0]?["role"]?.string, slug, "\(role): \(r)")
            XCTAssertEqual(m?["actorUserId"]?.string, jwtPayload(session.access)?["userId"]?.string)
            XCTAssertNotNil(m?["id"]?.string)
            let rules = r.json?["data"]?["permissions"]?.array ?? []
            XCTAssertFalse(rules.isEmpty)
            for rule in rules {
                XCTAssertNotNil(rule[0]?.string, "packRules: actions string first: \(rule)")
                XCTAssertNotNil(rule[1]?.string, "then the subject: \(rule)")
            }
            let secretRules = rules.filter { $0[1]?.string == "secrets" }
            let canWrite = secretRules.contains { ($0[0]?.string ?? "").contains("create") }
            XCTAssertEqual(canWrite, role != "viewer", "\(role) rules: \(secretRules)")
            if role == "developer" {
                XCTAssertTrue(secretRules.contains { $0[2]?["environment"]?["$ne"]?.string == "prod" },
                              "developer writes are limited outside prod: \(secretRules)")
            }
        }
        let identity = try get("/api/v1/projects/\(pid)/permissions", bearer: try server.token("admin"))
        assertError(identity, 403)
        XCTAssertTrue(identity.json?["error"]?.string?.hasPrefix("Forbidden access to") == true, "\(identity)")
    }

    func testUserTokensFollowTheUsersProjectRole() throws {
        let pid = try projectId()
        let viewer = try logIn(try demoUser(role: "viewer"))
        let developer = try logIn(try demoUser(role: "developer"))
        let name = unique("USER_WRITE")
        func create(_ token: String, env: String) throws -> HTTPResponse {
            try server.http.send("POST", "/api/v4/secrets/\(name)", headers: ["Authorization": "Bearer \(token)"],
                                 json: ["projectId": pid, "environment": env, "secretPath": "/", "secretValue": "v1"])
        }
        assertPermissionDenied(try create(viewer.access, env: "dev"), "viewer create")
        assertPermissionDenied(try create(developer.access, env: "prod"), "developer create in prod")
        assertStatus(try create(developer.access, env: "dev"), 200)
        let read = try get("/api/v4/secrets/\(name)", bearer: viewer.access,
                           query: [("projectId", pid), ("environment", "dev"), ("secretPath", "/")])
        XCTAssertEqual(read.json?["secret"]?["secretValue"]?.string, "v1", "\(read)")
        let folders = try get("/api/v2/folders", bearer: viewer.access, query: [("projectId", pid), ("environment", "dev"), ("path", "/")])
        assertStatus(folders, 200)
    }

    func testUserIsTheAuditActorAndTheVersionAuthor() throws {
        let pid = try projectId()
        let u = try demoUser(role: "developer")
        let session = try logIn(u)
        let userId = jwtPayload(session.access)?["userId"]?.string
        let name = unique("BY_USER")
        let auth = ["Authorization": "Bearer \(session.access)"]
        let c = try server.http.send("POST", "/api/v4/secrets/\(name)", headers: auth,
                                     json: ["projectId": pid, "environment": "dev", "secretPath": "/", "secretValue": "one"])
        guard assertStatus(c, 200), let secretId = c.json?["secret"]?["id"]?.string else { return }
        assertStatus(try server.http.send("PATCH", "/api/v4/secrets/\(name)", headers: auth,
                                          json: ["projectId": pid, "environment": "dev", "secretPath": "/", "secretValue": "two"]), 200)
        assertStatus(try get("/api/v4/secrets/\(name)", bearer: session.access,
                             query: [("projectId", pid), ("environment", "dev"), ("secretPath", "/")]), 200)

        let audit = try get("/api/v1/organization/audit-logs", bearer: session.access, query: [
            ("projectId", pid), ("secretKey", name), ("startDate", ISODate.string(Date().addingTimeInterval(-600))),
        ])
        guard assertStatus(audit, 200) else { return }
        let rows = audit.json?["auditLogs"]?.array ?? []
        XCTAssertEqual(Set(rows.compactMap { $0["event"]?["type"]?.string }), ["create-secret", "update-secret", "get-secret"])
        for row in rows {
            XCTAssertEqual(row["actor"]?["type"]?.string, "user", "\(row)")
            XCTAssertEqual(row["actor"]?["metadata"]?["userId"]?.string, userId)
            XCTAssertEqual(row["actor"]?["metadata"]?["email"]?.string, u.email)
            XCTAssertEqual(row["actor"]?["metadata"]?["username"]?.string, u.email)
        }
        // Filter by the user as actor.
        let mine = try get("/api/v1/organization/audit-logs", bearer: session.access, query: [
            ("projectId", pid), ("actorType", "user"), ("actor", userId ?? ""), ("secretKey", name),
            ("startDate", ISODate.string(Date().addingTimeInterval(-600))),
        ])
        XCTAssertEqual(mine.json?["auditLogs"]?.array?.count, 3, "\(mine)")

        // Versions: the user token reads them, and they name the user as author.
        let v = try get("/api/v1/secret/\(secretId)/secret-versions", bearer: session.access,
                        query: [("offset", "0"), ("limit", "10")])
        guard assertStatus(v, 200) else { return }
        let versions = v.json?["secretVersions"]?.array ?? []
        XCTAssertEqual(versions.compactMap { $0["version"]?.int }, [2, 1])
        XCTAssertEqual(versions.first?["actor"]?["actorType"]?.string, "user")
        XCTAssertEqual(versions.first?["actor"]?["actorId"]?.string, userId)
        // The organization selection itself is audited (org-level event, seen by org admins).
        let admin = try logIn(try demoUser(role: "admin"))
        let sel = try get("/api/v1/organization/audit-logs", bearer: admin.access, query: [
            ("eventType", "select-organization"), ("actor", userId ?? ""),
            ("startDate", ISODate.string(Date().addingTimeInterval(-600))),
        ])
        XCTAssertGreaterThanOrEqual(sel.json?["auditLogs"]?.array?.count ?? 0, 1, "\(sel)")
    }

    func testIdentityEndpointsStayIdentityOnly() throws {
        let session = try logIn(try demoUser(role: "admin"))
        assertError(try get("/api/v1/identities/details", bearer: session.access), 403)
        assertError(try get("/api/v1/organization", bearer: try server.token("admin")), 403)
        // A refresh token is not a bearer credential.
        assertError(try get("/api/v1/projects", bearer: session.refresh), 400)
        // Identity-token renew/revoke refuse user tokens (400, as Infisical's renew does).
        assertError(try post("/api/v1/auth/token/renew", json: ["accessToken": session.access]), 400,
                    message: "not an identity access token")
        assertError(try post("/api/v1/auth/token/revoke", json: ["accessToken": session.access]), 400)
        assertStatus(try get("/api/v1/projects", bearer: session.access), 200, "still valid after the refused revoke")
    }
}

/// `--user-token-ttl 2`: a user token expires like Infisical's (403 TokenError), and the jid cookie renews it.
final class UserTokenExpiryTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--user-token-ttl", "2"] }

    func testExpiredUserTokenIsRefusedAndRefreshRenewsIt() throws {
        let session = try logIn(try demoUser(role: "viewer"))
        Thread.sleep(forTimeInterval: 3.1)
        assertError(try get("/api/v1/projects", bearer: session.access), 403, error: "TokenError", message: "expired")
        assertError(try post("/api/v1/auth/checkAuth", bearer: session.access), 403, error: "TokenError")
        let r = try post("/api/v1/auth/token", cookie: "jid=\(session.refresh)")
        guard assertStatus(r, 200), let fresh = r.json?["token"]?.string else { return }
        assertStatus(try get("/api/v1/projects", bearer: fresh), 200)
    }
}

/// Three wrong MFA codes in a row lock the user (`--mfa-lock-seconds`), as Infisical's progressive delay does.
final class MFALockoutTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--mfa-lock-seconds", "2"] }

    func testThreeWrongCodesLockTheUserForAWhile() throws {
        let u = try mfaUser()
        let l = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password])
        guard let interim = l.json?["accessToken"]?.string else { return XCTFail("\(l)") }
        let orgId = try organizationId(named: "opticworks", token: interim)
        guard let mfa = try post("/api/v3/auth/select-organization", bearer: interim,
                                 json: ["organizationId": orgId]).json?["token"]?.string else { return XCTFail("no mfa token") }
        for _ in 0..<3 {
            assertError(try post("/api/v2/auth/mfa/verify", bearer: mfa, json: ["mfaToken": "111111"]), 400)
        }
        let locked = try post("/api/v2/auth/mfa/verify", bearer: mfa, json: ["mfaToken": u.mfaCode ?? ""])
        assertError(locked, 403, error: "UserLocked", message: "Try logging in again after")
        // While locked, a new challenge is refused too.
        assertError(try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": orgId]), 403,
                    error: "UserLocked")
        Thread.sleep(forTimeInterval: 2.3)
        let ok = try post("/api/v2/auth/mfa/verify", bearer: mfa, json: ["mfaToken": u.mfaCode ?? ""])
        assertStatus(ok, 200)
        // The counter was reset by the success: one more wrong code does not lock.
        guard let mfa2 = try post("/api/v3/auth/select-organization", bearer: interim,
                                  json: ["organizationId": orgId]).json?["token"]?.string else { return XCTFail("no mfa token") }
        assertError(try post("/api/v2/auth/mfa/verify", bearer: mfa2, json: ["mfaToken": "111111"]), 400)
        assertStatus(try post("/api/v2/auth/mfa/verify", bearer: mfa2, json: ["mfaToken": u.mfaCode ?? ""]), 200)
    }
}

/// `--versions-user-only`: secret versions as Infisical serves them (user tokens only).
final class VersionsUserOnlyTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--versions-user-only"] }

    func testIdentityIsRefusedVersionsWhereAUserReadsThem() throws {
        let name = unique("VERS")
        let c = try createSecret(name, "a")
        guard let id = c.json?["secret"]?["id"]?.string else { return XCTFail("\(c)") }
        let q = [("offset", "0"), ("limit", "5")]
        let identity = try call("GET", "/api/v1/secret/\(id)/secret-versions", query: q)
        assertError(identity, 403)
        XCTAssertTrue(identity.json?["error"]?.string?.hasPrefix("Forbidden access to") == true, "\(identity)")
        let session = try logIn(try demoUser(role: "viewer"))
        let user = try get("/api/v1/secret/\(id)/secret-versions", bearer: session.access, query: q)
        XCTAssertEqual(user.json?["secretVersions"]?.array?.compactMap { $0["version"]?.int }, [1], "\(user)")
    }
}
