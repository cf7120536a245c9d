import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// A cloned repository's `.infisical.json` names a server; the credentials in the environment
/// must not go there unless the user trusts it. The "attacker" is a recording HTTP server on
/// loopback: it must receive nothing, not even a connection.
final class DomainTrustTests: XCTestCase {
    var home: URL!
    var repo: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)")
        repo = home.appendingPathComponent("src/cloned")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("app/sub"), withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: home) }

    func env(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
         "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "LANG": "C.UTF-8"].merging(extra) { $1 }
    }

    func run(_ args: [String], _ env: [String: String], stdin: Data? = nil) throws -> ChildResult {
        try ChildProcess.run(BuiltBinary.tui, args, env: env, stdin: stdin, cwd: repo.appendingPathComponent("app/sub").path)
    }

    func writeWorkspace(domain: String, at dir: URL? = nil) throws {
        try #"{"workspaceId":"opticworks-store","domain":"\#(domain)"}"#
            .write(to: (dir ?? repo).appendingPathComponent(".infisical.json"), atomically: true, encoding: .utf8)
    }

    func testRepositoryDomainReceivesNothingUntilTrusted() throws {
        let recorder = try FixtureHTTPServer { _ in .init(status: 401, body: #"{"message":"no"}"#) }
        defer { recorder.stop() }
        try writeWorkspace(domain: recorder.url + "/api")
        let file = repo.appendingPathComponent(".infisical.json").path
        let credentialSets: [[String: String]] = [
            ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "cid-123", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "very-secret-value"],
            ["INFISICAL_TOKEN": "st.token.value"],
            ["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN": "eyJ.a.b"],
        ]
        for creds in credentialSets {
            for args in [["projects"], ["secrets"], ["export"], ["login"], ["whoami"], ["audit"], []] {
                let r = try run(args, env(creds))
                XCTAssertEqual(r.status, 1, "\(args) \(creds.keys): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("error: \(file) names the server \(recorder.url), which you have not trusted; no request was sent to it\n"),
                              "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("hint: if that server is yours, run `infisical-tui trust-domain \(recorder.url)` once"), r.stderr)
                XCTAssertFalse(r.stderr.contains("very-secret-value"))
            }
        }
        XCTAssertEqual(recorder.connections, 0, "the repository's server was contacted")
        XCTAssertTrue(recorder.requests.isEmpty)

        // Positive control: once trusted, the same command does go there (so the recorder works
        // and the refusal above was the rule, not a broken setup).
        let ua = ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "cid-123", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "very-secret-value"]
        let trust = try ChildProcess.run(BuiltBinary.tui, ["trust-domain", recorder.url], env: env())
        XCTAssertEqual(trust.status, 0, trust.stderr)
        XCTAssertEqual(trust.stdout, "trusting \(recorder.url) when a .infisical.json names it\n")
        let trustFile = home.appendingPathComponent("config/infisical-tui/trusted-domains").path
        var st = stat(); XCTAssertEqual(stat(trustFile, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
        let listed = try ChildProcess.run(BuiltBinary.tui, ["trust-domain", "--list"], env: env())
        XCTAssertEqual(listed.stdout, recorder.url + "\n")
        let trusted = try run(["projects"], env(ua))
        XCTAssertEqual(trusted.status, 1)   // the recorder answers 401
        XCTAssertEqual(recorder.requests.map(\.path), ["/api/v1/auth/universal-auth/login"])

        // Forgotten again: refused again, nothing more sent.
        XCTAssertEqual(try ChildProcess.run(BuiltBinary.tui, ["trust-domain", "--remove", recorder.url], env: env()).status, 0)
        let again = try run(["projects"], env(ua))
        XCTAssertTrue(again.stderr.contains("which you have not trusted"), again.stderr)
        XCTAssertEqual(recorder.requests.count, 1)
    }

    /// The server the user named (flag, env) wins and the file's domain is not used; a stored
    /// session for the same server makes the file's domain acceptable.
    func testExplicitDomainAndStoredSessionAreTrusted() throws {
        let recorder = try FixtureHTTPServer { _ in .init(status: 200, body: #"{"projects":[]}"#) }
        defer { recorder.stop() }
        let other = try FixtureHTTPServer { _ in .init(status: 200, body: #"{"projects":[]}"#) }
        defer { other.stop() }
        try writeWorkspace(domain: recorder.url)
        let r = try run(["projects", "--domain", other.url], env(["INFISICAL_TOKEN": "tok.x.y"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(recorder.connections, 0)
        XCTAssertEqual(other.requests.first?.headers["authorization"], "Bearer tok.x.y")

        try SessionStore(directory: home.appendingPathComponent("state/infisical-tui").path)
            .save(StoredSession(domain: recorder.url, accessToken: "session.token.x", expiresAt: Date().addingTimeInterval(3600), identityId: nil))
        let s = try run(["projects"], env())
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(recorder.requests.first?.headers["authorization"], "Bearer session.token.x")
    }

    // MARK: where .infisical.json is looked for

    func inputs(cwd: URL) -> ResolutionInputs {
        ResolutionInputs(environmentVariables: ["HOME": home.path], workingDirectory: cwd.path,
                         stateDirectory: home.appendingPathComponent("state").path,
                         configDirectory: home.appendingPathComponent("config").path)
    }

    func testSearchStopsAtRepositoryRootAndHome() throws {
        // Above the repository root: not read.
        try writeWorkspace(domain: "https://above.example.com", at: home.appendingPathComponent("src"))
        XCTAssertNil(try ConfigResolver.findWorkspaceConfig(from: repo.appendingPathComponent("app/sub").path, home: home.path))
        XCTAssertNil(try ConfigResolver.resolve(inputs(cwd: repo.appendingPathComponent("app/sub"))).1.project)
        // Inside it: read.
        try writeWorkspace(domain: "https://app.infisical.com", at: repo.appendingPathComponent("app"))
        XCTAssertEqual(try ConfigResolver.findWorkspaceConfig(from: repo.appendingPathComponent("app/sub").path, home: home.path)?.directory,
                       repo.appendingPathComponent("app").path)
        // Outside any repository the search stops at HOME: the parent of HOME is not read.
        let nested = home.appendingPathComponent("inner")
        let inner = nested.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: inner.appendingPathComponent("work"), withIntermediateDirectories: true)
        try writeWorkspace(domain: "https://parent.example.com", at: nested)
        XCTAssertNil(try ConfigResolver.findWorkspaceConfig(from: inner.appendingPathComponent("work").path, home: inner.path))
        XCTAssertNotNil(try ConfigResolver.findWorkspaceConfig(from: inner.appendingPathComponent("work").path, home: nil))
    }

    func testFilesOtherUsersCouldPlantAreNotRead() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to create files owned by another user") }
        let nobody: uid_t = 65534
        // A file owned by another user.
        let a = home.appendingPathComponent("a"); try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try writeWorkspace(domain: "https://planted.example.com", at: a)
        XCTAssertNotNil(try ConfigResolver.findWorkspaceConfig(from: a.path, home: a.path))
        XCTAssertEqual(chown(a.appendingPathComponent(".infisical.json").path, nobody, nobody), 0)
        XCTAssertNil(try ConfigResolver.findWorkspaceConfig(from: a.path, home: a.path))
        // Our own file in a world-writable directory owned by someone else (a /tmp-like place).
        let b = home.appendingPathComponent("b"); try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try writeWorkspace(domain: "https://planted.example.com", at: b)
        XCTAssertEqual(chown(b.path, nobody, nobody), 0)
        XCTAssertEqual(chmod(b.path, 0o1777), 0)
        XCTAssertNil(try ConfigResolver.findWorkspaceConfig(from: b.path, home: b.path))
        XCTAssertEqual(chmod(b.path, 0o755), 0)   // not world-writable: readable again
        XCTAssertNotNil(try ConfigResolver.findWorkspaceConfig(from: b.path, home: b.path))
    }
}
