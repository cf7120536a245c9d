import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

final class ConfigResolutionTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp.appendingPathComponent("repo/sub/dir"), withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func inputs(_ env: [String: String] = [:], cwd: String? = nil, _ f: (inout ResolutionInputs) -> Void = { _ in }) -> ResolutionInputs {
        var i = ResolutionInputs(environmentVariables: env, workingDirectory: cwd ?? tmp.path,
                                 stateDirectory: tmp.appendingPathComponent("state").path,
                                 configDirectory: tmp.appendingPathComponent("config").path)
        f(&i)
        return i
    }

    func testDefaults() throws {
        let (c, s) = try ConfigResolver.resolve(inputs())
        XCTAssertEqual(c.domain.absoluteString, "https://app.infisical.com")
        XCTAssertNil(c.credentials)
        XCTAssertEqual(s, Scope(project: nil, environment: "dev", path: "/", environmentSource: "default"))
    }

    func testDomainPrecedenceAndApiSuffix() throws {
        let env = ["INFISICAL_DOMAIN": "https://env.example.com/api/", "INFISICAL_API_URL": "https://legacy.example.com"]
        XCTAssertEqual(try ConfigResolver.resolve(inputs(env) { $0.domain = "http://127.0.0.1:8080/api" }).0.domain.absoluteString,
                       "http://127.0.0.1:8080")
        XCTAssertEqual(try ConfigResolver.resolve(inputs(env)).0.domain.absoluteString, "https://env.example.com")
        XCTAssertEqual(try ConfigResolver.resolve(inputs(["INFISICAL_API_URL": "https://legacy.example.com/api"])).0.domain.absoluteString,
                       "https://legacy.example.com")
        try #"{"workspaceId":"p1","domain":"https://file.example.com/api"}"#.write(to: tmp.appendingPathComponent("repo/.infisical.json"), atomically: true, encoding: .utf8)
        let cwd = tmp.appendingPathComponent("repo/sub/dir").path
        // A repository's domain is not trusted until the user says so (DomainTrustTests has more).
        XCTAssertThrowsError(try ConfigResolver.resolve(inputs(cwd: cwd))) {
            XCTAssertTrue(($0 as? InfisicalError)?.message.contains("names the server https://file.example.com") ?? false, "\($0)")
        }
        try TrustedDomains(directory: tmp.appendingPathComponent("config").path).add(URL(string: "https://file.example.com")!)
        XCTAssertEqual(try ConfigResolver.resolve(inputs(cwd: cwd)).0.domain.absoluteString, "https://file.example.com")
        XCTAssertThrowsError(try ConfigResolver.resolve(inputs { $0.domain = "ftp://x" })) {
            XCTAssertEqual(($0 as? InfisicalError)?.kind, .config)
        }
    }

    func testTokenPrecedence() throws {
        let env = ["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN": "ua-token", "INFISICAL_TOKEN": "st.abc.def",
                   "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "cid", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "csec"]
        XCTAssertEqual(try ConfigResolver.resolve(inputs(env) { $0.token = "flag-token" }).0.credentials, .accessToken("flag-token"))
        XCTAssertEqual(try ConfigResolver.resolve(inputs(env)).0.credentials, .accessToken("ua-token"))
        var e2 = env; e2["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN"] = nil
        XCTAssertEqual(try ConfigResolver.resolve(inputs(e2)).0.credentials, .serviceToken("st.abc.def"))
        e2["INFISICAL_TOKEN"] = nil
        XCTAssertEqual(try ConfigResolver.resolve(inputs(e2)).0.credentials, .universalAuth(clientId: "cid", clientSecret: "csec"))
        XCTAssertEqual(try ConfigResolver.resolve(inputs(e2) { $0.clientId = "fid"; $0.clientSecret = "fsec" }).0.credentials,
                       .universalAuth(clientId: "fid", clientSecret: "fsec"))
        XCTAssertThrowsError(try ConfigResolver.resolve(inputs(["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "only-id"])))
    }

    func testScopeFromFileWithGitBranchMapping() throws {
        let repo = tmp.appendingPathComponent("repo")
        try #"{"workspaceId":"proj-1","defaultEnvironment":"staging","gitBranchToEnvironmentMapping":{"main":"prod"},"defaultSecretPath":"/database/"}"#
            .write(to: repo.appendingPathComponent(".infisical.json"), atomically: true, encoding: .utf8)
        let cwd = repo.appendingPathComponent("sub/dir").path
        // No git: defaultEnvironment.
        var (_, s) = try ConfigResolver.resolve(inputs(cwd: cwd))
        XCTAssertEqual(s.project, "proj-1"); XCTAssertEqual(s.environment, "staging"); XCTAssertEqual(s.path, "/database")
        // On branch main: mapped to prod.
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(to: repo.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        (_, s) = try ConfigResolver.resolve(inputs(cwd: cwd))
        XCTAssertEqual(s.environment, "prod"); XCTAssertTrue(s.environmentSource.contains("main"))
        // Another branch: default environment.
        try "ref: refs/heads/feature/x\n".write(to: repo.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        XCTAssertEqual(ConfigResolver.currentGitBranch(from: cwd), "feature/x")
        (_, s) = try ConfigResolver.resolve(inputs(cwd: cwd))
        XCTAssertEqual(s.environment, "staging")
        // Env vars beat the file, flags beat env vars.
        let env = ["INFISICAL_PROJECT_ID": "env-proj", "INFISICAL_ENVIRONMENT": "qa", "INFISICAL_SECRET_PATH": "redis"]
        (_, s) = try ConfigResolver.resolve(inputs(env, cwd: cwd))
        XCTAssertEqual([s.project, s.environment, s.path], ["env-proj", "qa", "/redis"])
        (_, s) = try ConfigResolver.resolve(inputs(env, cwd: cwd) { $0.projectId = "flag-proj"; $0.environment = "dev"; $0.path = "/a/b/" })
        XCTAssertEqual([s.project, s.environment, s.path], ["flag-proj", "dev", "/a/b"])
    }

    func testMalformedWorkspaceFileIsAConfigError() throws {
        try "{not json".write(to: tmp.appendingPathComponent("repo/.infisical.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ConfigResolver.resolve(inputs(cwd: tmp.appendingPathComponent("repo").path))) {
            XCTAssertEqual(($0 as? InfisicalError)?.kind, .config)
        }
    }

    func testStoredSessionUsedOnlyForItsDomain() throws {
        let store = SessionStore(directory: tmp.appendingPathComponent("state").path)
        try store.save(StoredSession(domain: "http://127.0.0.1:9", accessToken: "a.b.c",
                                     expiresAt: Date().addingTimeInterval(100), identityId: "i1"))
        var st = stat()
        XCTAssertEqual(stat(store.filePath, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(store.directory, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o700)
        let (c, _) = try ConfigResolver.resolve(inputs())
        XCTAssertEqual(c.domain.absoluteString, "http://127.0.0.1:9")
        XCTAssertEqual(c.credentials, .accessToken("a.b.c"))   // a token only: the session holds no secret
        XCTAssertEqual(c.cachedToken?.accessToken, "a.b.c")
        XCTAssertNotNil(c.sessionStore)
        let (c2, _) = try ConfigResolver.resolve(inputs { $0.domain = "https://other.example.com" })
        XCTAssertNil(c2.credentials)
    }

    func testXDGStateDirectory() {
        XCTAssertEqual(SessionStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/h"]), "/x/state/infisical-tui")
        XCTAssertEqual(SessionStore.defaultDirectory(environment: ["HOME": "/h"]), "/h/.local/state/infisical-tui")
    }

    func testJWTPayload() {
        func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }
        let t = b64(#"{"alg":"HS256"}"#) + "." + b64(#"{"identityId":"id-1","authTokenType":"identityAccessToken","exp":2000000000,"iat":1999992800,"identityName":"ci ü"}"#) + ".sig"
        let p = JWTPayload(token: t)
        XCTAssertEqual(p?.identityId, "id-1"); XCTAssertEqual(p?.identityName, "ci ü")
        XCTAssertEqual(p?.expiresAt, Date(timeIntervalSince1970: 2_000_000_000))
        XCTAssertNil(JWTPayload(token: "st.abc.def"))
        XCTAssertNil(JWTPayload(token: "garbage"))
        XCTAssertEqual(Credentials.token("st.x.y"), .serviceToken("st.x.y"))
    }
}
