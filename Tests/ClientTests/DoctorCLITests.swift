import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// `infisical-tui doctor`, the real binary against the real dev server (and, for a role the dev
/// server cannot express, a loopback fixture in Infisical's shapes): which line fails, with which
/// hint, the exit status, the JSON shape, and that no secret or token is ever printed.
final class DoctorCLITests: XCTestCase {
    var server: DevServerFixture?
    var cli: CLI?
    override func tearDown() { cli?.cleanup(); server?.stop() }

    static let names = ["configuration", "server", "authentication", "project", "environment", "path", "secrets",
                        "session file", "config dir"]

    /// `name → line` of the human output; fails when a check has no line or there are extra lines.
    func lines(_ r: ChildResult, file: StaticString = #filePath, line: UInt = #line) -> [String: String] {
        var out: [String: String] = [:]
        let all = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(all.count, Self.names.count, "one line per check:\n\(r.stdout)\(r.stderr)", file: file, line: line)
        for (i, l) in all.enumerated() where i < Self.names.count {
            let name = Self.names[i]
            XCTAssertTrue(l.dropFirst(2).hasPrefix(name + ":"), "line \(i) is \(name): \(l)", file: file, line: line)
            out[name] = l
        }
        return out
    }

    /// Nothing secret in what doctor printed: the client secret, any token (a JWT starts `eyJ`),
    /// and no secret value of the demo data.
    func assertNoSecrets(_ r: ChildResult, server: DevServerFixture?, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        let text = r.stdout + r.stderr
        var needles = extra + ["eyJ"]
        if let server { needles += server.ready.identities.map(\.clientSecret) }
        for n in needles where !n.isEmpty {
            XCTAssertFalse(text.contains(n), "doctor printed a secret or token (\(n.prefix(4))…)", file: file, line: line)
        }
    }

    func start(_ args: [String] = [], role: String? = "admin") throws -> (DevServerFixture, CLI) {
        let s = try DevServerFixture(extraArgs: args)
        let c = try CLI(server: s, role: role)
        server = s; cli = c
        return (s, c)
    }

    func testAllPassAndNamesTheRole() throws {
        let (s, cli) = try start()
        let r = try cli.run(["doctor", "--projectId", "opticworks-store", "--env", "staging", "--path", "/database"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let l = lines(r)
        for name in Self.names { XCTAssertTrue(l[name]?.hasPrefix("✓ ") == true, "\(name) passes: \(l[name] ?? "")") }
        XCTAssertTrue(l["configuration"]!.contains("domain \(s.url) [INFISICAL_DOMAIN]"), l["configuration"]!)
        XCTAssertTrue(l["configuration"]!.contains("credentials universal auth [INFISICAL_UNIVERSAL_AUTH_CLIENT_ID]"), l["configuration"]!)
        XCTAssertTrue(l["configuration"]!.contains("project opticworks-store [--projectId]"), l["configuration"]!)
        XCTAssertTrue(l["configuration"]!.contains("environment staging [--env]"), l["configuration"]!)
        XCTAssertTrue(l["configuration"]!.contains("path /database [--path]"), l["configuration"]!)
        XCTAssertNotNil(l["server"]!.range(of: #"answered in \d+ ms \(direct, plain http\)"#, options: .regularExpression), l["server"]!)
        XCTAssertTrue(l["authentication"]!.contains("demo-admin (universal auth); token expires in 1h 59m"), l["authentication"]!)
        XCTAssertTrue(l["project"]!.contains("opticworks-store") && l["project"]!.contains("role admin;"), l["project"]!)
        XCTAssertTrue(l["project"]!.contains("environments dev, staging, prod"), l["project"]!)
        XCTAssertTrue(l["path"]!.contains("/database exists in staging"), l["path"]!)
        XCTAssertNotNil(l["secrets"]!.range(of: #"[1-9]\d* secrets? listed at /database in staging \(names only"#, options: .regularExpression), l["secrets"]!)
        XCTAssertTrue(l["session file"]!.contains("no stored session"), l["session file"]!)
        assertNoSecrets(r, server: s)

        // --json: the stable shape.
        let j = try cli.run(["doctor", "--json", "--projectId", "opticworks-store"])
        XCTAssertEqual(j.status, 0, j.stderr)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(obj["ok"] as? Bool, true)
        let checks = try XCTUnwrap(obj["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.compactMap { $0["name"] as? String }, Self.names)
        XCTAssertEqual(Set(checks.compactMap { $0["status"] as? String }), ["pass"])
        let project = try XCTUnwrap(checks.first { $0["name"] as? String == "project" }?["details"] as? [String: String])
        XCTAssertEqual(project["role"], "admin")
        XCTAssertNotNil(checks.first { $0["name"] as? String == "server" }?["elapsedMs"] as? Int)
        assertNoSecrets(j, server: s)
    }

    func testViewerPassesAndIsShownReadOnly() throws {
        let (s, cli) = try start(role: "viewer")
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let l = lines(r)
        XCTAssertTrue(l["project"]!.contains("role viewer (read-only in dev)"), l["project"]!)
        assertNoSecrets(r, server: s)
    }

    func testStoppedServerAndUnknownHost() throws {
        let (s, cli) = try start()
        s.stop()
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(r.status, 1)
        let l = lines(r)
        XCTAssertTrue(l["configuration"]!.hasPrefix("✓ "), l["configuration"]!)
        XCTAssertTrue(l["server"]!.hasPrefix("✗ server: cannot reach \(s.url) (connection refused)"), l["server"]!)
        XCTAssertTrue(l["server"]!.contains("— hint: check --domain / INFISICAL_DOMAIN"), l["server"]!)
        for name in ["authentication", "project", "environment", "path", "secrets"] {
            XCTAssertTrue(l[name]!.hasPrefix("- \(name): not checked"), l[name]!)
        }
        XCTAssertTrue(l["session file"]!.hasPrefix("✓ "), "local checks still run: \(l["session file"]!)")

        let dns = try cli.run(["doctor", "--json", "--domain", "https://no-such-host.invalid"])
        XCTAssertEqual(dns.status, 1)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(dns.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(obj["ok"] as? Bool, false)
        let server = try XCTUnwrap((obj["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "server" })
        XCTAssertEqual(server["status"] as? String, "fail")
        XCTAssertEqual((server["details"] as? [String: String])?["stage"], "dns", "\(server)")
        XCTAssertTrue((server["summary"] as? String)?.contains("unknown host") == true, "\(server)")
    }

    func testBadCredentials() throws {
        let (s, cli) = try start()
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"],
                            extraEnv: ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "wrong-secret-value"])
        XCTAssertEqual(r.status, 1)
        let l = lines(r)
        XCTAssertTrue(l["server"]!.hasPrefix("✓ "), l["server"]!)
        XCTAssertTrue(l["authentication"]!.hasPrefix("✗ authentication: login refused for client id"), l["authentication"]!)
        XCTAssertTrue(l["authentication"]!.contains("hint: check INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET"), l["authentication"]!)
        XCTAssertTrue(l["project"]!.hasPrefix("- project: not checked"), l["project"]!)
        assertNoSecrets(r, server: s, extra: ["wrong-secret-value"])
    }

    func testExpiredToken() throws {
        let (s, cli) = try start(["--token-ttl", "1"], role: nil)
        let admin = s.identity("admin")
        var config = ClientConfiguration(domain: URL(string: s.url)!,
                                         credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret))
        config.maxRetries = 0
        let token = try InfisicalAPI(configuration: config).login().accessToken
        Thread.sleep(forTimeInterval: 2.2)
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"], extraEnv: ["INFISICAL_TOKEN": token])
        XCTAssertEqual(r.status, 1)
        let l = lines(r)
        XCTAssertTrue(l["configuration"]!.contains("credentials access token [INFISICAL_TOKEN]"), l["configuration"]!)
        XCTAssertTrue(l["authentication"]!.hasPrefix("✗ authentication: the token for demo-admin expired at"), l["authentication"]!)
        XCTAssertTrue(l["authentication"]!.contains("hint: Token expired: re-authenticate with `infisical-tui login`; for CI/CD, generate a new token"),
                      l["authentication"]!)
        assertNoSecrets(r, server: s, extra: [token])
    }

    func testWrongProjectEnvironmentAndPath() throws {
        let (s, cli) = try start()
        let p = try cli.run(["doctor", "--projectId", "no-such-project"])
        XCTAssertEqual(p.status, 1)
        var l = lines(p)
        XCTAssertTrue(l["authentication"]!.hasPrefix("✓ "), l["authentication"]!)
        XCTAssertTrue(l["project"]!.hasPrefix("✗ project: "), l["project"]!)
        XCTAssertTrue(l["project"]!.contains("hint: Secret not found? Verify project initialization: `cat .infisical.json`"), l["project"]!)

        let none = try cli.run(["doctor"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(lines(none)["project"]!.hasPrefix("✗ project: no project given"), none.stdout)

        let e = try cli.run(["doctor", "--projectId", "opticworks-store", "--env", "qa"])
        XCTAssertEqual(e.status, 1)
        l = lines(e)
        XCTAssertTrue(l["environment"]!.hasPrefix("✗ environment: no environment 'qa' in opticworks-store (from --env); it has dev, staging, prod"), l["environment"]!)
        XCTAssertTrue(l["environment"]!.contains("hint: Secret not found? Check you're in the right environment"), l["environment"]!)
        XCTAssertTrue(l["path"]!.hasPrefix("- path: not checked"), l["path"]!)

        let w = try cli.run(["doctor", "--projectId", "opticworks-store", "--path", "/no-such-folder"])
        XCTAssertEqual(w.status, 1)
        l = lines(w)
        XCTAssertTrue(l["path"]!.hasPrefix("✗ path: no folder /no-such-folder in dev of opticworks-store; folders at /: "), l["path"]!)
        XCTAssertTrue(l["path"]!.contains("database"), l["path"]!)
        XCTAssertTrue(l["path"]!.contains("hint: Secret not found? Check you're in the right environment and path"), l["path"]!)
        XCTAssertTrue(l["secrets"]!.hasPrefix("- secrets: not checked"), l["secrets"]!)
        assertNoSecrets(w, server: s)
    }

    func testSessionFileOpenToOthersFails() throws {
        let (_, cli) = try start()
        let dir = cli.home.appendingPathComponent("state/infisical-tui")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, 0o755)
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(r.status, 1)
        let l = lines(r)
        XCTAssertTrue(l["session file"]!.hasPrefix("✗ session file: \(dir.path) is open to other users (mode 755; should be 700)"), l["session file"]!)
        XCTAssertTrue(l["session file"]!.contains("hint: `chmod 700 \(dir.path)`"), l["session file"]!)
        XCTAssertTrue(l["secrets"]!.hasPrefix("✓ "), "the server checks are unaffected: \(l["secrets"]!)")
    }

    /// A stored session (what `login` leaves): credentials and domain come from it, the token is
    /// renewable, the file is private — and the token in it is never printed.
    func testStoredSession() throws {
        let (s, cli) = try start(role: nil)
        let admin = s.identity("admin")
        let token = try InfisicalAPI(configuration: ClientConfiguration(
            domain: URL(string: s.url)!, credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret))).login()
        let store = SessionStore(directory: cli.home.appendingPathComponent("state/infisical-tui").path)
        try store.save(StoredSession(domain: s.url, accessToken: token.accessToken, expiresAt: token.expiresAt, identityId: nil))
        var sessionCLI = cli   // no INFISICAL_DOMAIN: the session names the server
        sessionCLI.env["INFISICAL_DOMAIN"] = nil
        let r = try sessionCLI.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let l = lines(r)
        XCTAssertTrue(l["configuration"]!.contains("domain \(s.url) [stored session]"), l["configuration"]!)
        XCTAssertTrue(l["configuration"]!.contains("credentials stored session [stored session (\(store.filePath))]"), l["configuration"]!)
        XCTAssertTrue(l["authentication"]!.contains("renewed automatically while the server allows; after that `infisical-tui login`"), l["authentication"]!)
        XCTAssertEqual(l["session file"], "✓ session file: \(store.filePath) is private (0600 in a 0700 directory), for \(s.url)")
        assertNoSecrets(r, server: s, extra: [token.accessToken])

        chmod(store.filePath, 0o644)
        let open = try sessionCLI.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(open.status, 1)
        let o = lines(open)
        XCTAssertTrue(o["configuration"]!.hasPrefix("✗ configuration: the stored session \(store.filePath) is accessible to other users"), o["configuration"]!)
        XCTAssertTrue(o["session file"]!.hasPrefix("✗ session file: the stored session \(store.filePath) is accessible to other users"), o["session file"]!)
        XCTAssertTrue(o["session file"]!.contains("hint: if it is yours: `chmod 600 \(store.filePath)`"), o["session file"]!)
    }

    func testConfigDirWritableByOthersAndOpenTrustFileFail() throws {
        let (_, cli) = try start()
        let dir = cli.home.appendingPathComponent(".config/infisical-tui")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, 0o777)
        var l = lines(try cli.run(["doctor", "--projectId", "opticworks-store"]))
        XCTAssertTrue(l["config dir"]!.hasPrefix("✗ config dir: \(dir.path) is writable by other users (mode 777)"), l["config dir"]!)
        chmod(dir.path, 0o755)
        let trust = dir.appendingPathComponent("trusted-domains")
        try "https://infisical.example.com\n".write(to: trust, atomically: true, encoding: .utf8)
        chmod(trust.path, 0o644)
        let r = try cli.run(["doctor", "--projectId", "opticworks-store"])
        XCTAssertEqual(r.status, 1)
        l = lines(r)
        XCTAssertTrue(l["config dir"]!.hasPrefix("✗ config dir: the trusted-domains file \(trust.path) is accessible to other users"), l["config dir"]!)
        chmod(trust.path, 0o600)
        XCTAssertEqual(try cli.run(["doctor", "--projectId", "opticworks-store"]).status, 0)
    }

    /// A viewer whose role does not reach the path (the dev server's viewer reads everything, so
    /// a fixture in Infisical's shapes answers): the role comes from the per-project membership
    /// route only (the org-wide one refuses), and the secrets line fails with the guide's
    /// "Permission denied" steps.
    /// A fixture that logs in, answers /api/status and lists the one project.
    func loggedInFake() throws -> (FakeInfisical, String) {
        let fake = try FakeInfisical()
        let token = TransportTests.jwt(identityId: "ident-1", exp: Date().timeIntervalSince1970 + 3600)
        fake.on("POST", "/api/v1/auth/universal-auth/login") { _ in
            .init(body: #"{"accessToken":"\#(token)","expiresIn":3600,"accessTokenMaxTTL":2592000,"tokenType":"Bearer"}"#)
        }
        fake.on("GET", "/api/status") { _ in .init(body: #"{"date":"2026-01-01T00:00:00.000Z","message":"Ok"}"#) }
        fake.on("GET", "/api/v1/projects") { _ in .init(body: #"{"projects":[\#(Infisical.project)]}"#) }
        return (fake, token)
    }

    func runAgainst(_ fake: FakeInfisical, _ args: [String]) throws -> ChildResult {
        let c = try CLI(server: nil, role: nil)
        cli = c
        return try c.run(["doctor"] + args,
                         extraEnv: ["INFISICAL_DOMAIN": fake.server.url, "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "ci-bot-id",
                                    "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "fixture-client-secret"])
    }

    /// Server text with escape sequences (here a project slug) reaches doctor's lines escaped
    /// (`^[`), never raw: neither in the human lines nor in --json.
    func testServerTextIsEscaped() throws {
        let (fake, _) = try loggedInFake(); defer { fake.stop() }
        let hostile = Infisical.project.replacingOccurrences(of: #""slug":"store""#, with: #""slug":"st\u001b]0;pwned\u0007\u001b[2Jore""#)
        XCTAssertNotEqual(hostile, Infisical.project)
        fake.on("GET", "/api/v1/projects/slug/evil") { _ in .init(body: hostile) }
        for args in [["--projectId", "evil"], ["--projectId", "evil", "--json"]] {
            let r = try runAgainst(fake, args)
            XCTAssertFalse(r.stdout.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{07}" }, r.stdout)
            XCTAssertTrue(r.stdout.contains("st^[]0;pwned^G^[[2Jore"), "the slug is shown, escaped: \(r.stdout)")
        }
    }

    func testViewerListingAForbiddenPath() throws {
        let (fake, token) = try loggedInFake(); defer { fake.stop() }
        fake.on("GET", "/api/v1/projects/slug/store") { _ in .init(body: Infisical.project) }
        fake.on("GET", "/api/v1/projects/p1/identity-memberships/ident-1") { _ in
            .init(body: ProjectRoleLookupTests.projectMembership(role: "viewer"))
        }
        fake.on("GET", "/api/v1/identities/ident-1/identity-memberships") { _ in
            Infisical.error(403, "PermissionDenied", "You are not allowed to read on identity")
        }
        fake.on("GET", "/api/v2/folders") { _ in
            .init(body: #"{"folders":[{"id":"f1","name":"payments","version":1,"envId":"e1","parentId":null,"isReserved":false,"description":null,"lastSecretModified":null,"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}]}"#)
        }
        fake.on("GET", "/api/v4/secrets") { _ in
            .init(status: 403, body: #"{"reqId":"req-1","statusCode":403,"message":"You are not allowed to read on secrets","error":"PermissionDenied","details":[{"action":"read","subject":"secrets"}]}"#)
        }
        let r = try runAgainst(fake, ["--projectId", "store", "--path", "/payments"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let l = lines(r)
        XCTAssertTrue(l["project"]!.hasPrefix("✓ project: store (p1); role viewer (read-only in dev)"), l["project"]!)
        XCTAssertTrue(l["path"]!.hasPrefix("✓ "), l["path"]!)
        XCTAssertTrue(l["secrets"]!.hasPrefix("✗ secrets: your role in store (viewer) cannot read secrets in dev at /payments"), l["secrets"]!)
        XCTAssertTrue(l["secrets"]!.contains("hint: Permission denied: verify your role in the project, request access from a project admin, then re-login: `infisical-tui login`"),
                      l["secrets"]!)
        XCTAssertEqual(fake.requests("GET", "/api/v4/secrets").first.map { $0.query["viewSecretValue"] ?? [] }, ["false"],
                       "doctor never asks for values")
        assertNoSecrets(r, server: nil, extra: ["fixture-client-secret", token])
    }
}
