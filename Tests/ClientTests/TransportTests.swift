import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Transport and request-pipeline behaviour against a real loopback HTTP server (libcurl on the
/// wire): retries, rate limits, size caps, timeouts, redirects, ETag, re-authentication.
final class TransportTests: XCTestCase {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock(); private var n = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    static func jwt(identityId: String = "ident-1", exp: TimeInterval) -> String {
        func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }
        return b64(#"{"alg":"HS256"}"#) + "." + b64(#"{"identityId":"\#(identityId)","exp":\#(Int(exp)),"iat":\#(Int(Date().timeIntervalSince1970))}"#) + ".sig"
    }

    func api(_ server: FixtureHTTPServer, credentials: Credentials = .accessToken("tok"), configure: (inout ClientConfiguration) -> Void = { _ in }) throws -> InfisicalAPI {
        var c = ClientConfiguration(domain: URL(string: server.url)!, credentials: credentials)
        c.requestTimeout = 5
        configure(&c)
        return try InfisicalAPI(configuration: c)
    }

    let projectsBody = #"{"projects":[{"id":"p1","name":"Store","slug":"store","environments":[{"id":"e1","name":"Development","slug":"dev"}]}]}"#

    func testKeepAliveUserAgentAndETagRevalidation() throws {
        let server = try FixtureHTTPServer { [projectsBody] req in
            if req.headers["if-none-match"] == "\"v1\"" { return .init(status: 304, headers: [("ETag", "\"v1\"")], body: "") }
            return .init(headers: [("Content-Type", "application/json"), ("ETag", "\"v1\"")], body: projectsBody)
        }
        defer { server.stop() }
        let client = try api(server)
        XCTAssertEqual(try client.listProjects().map(\.slug), ["store"])
        XCTAssertEqual(try client.listProjects().map(\.slug), ["store"])
        XCTAssertEqual(try client.listProjects().map(\.slug), ["store"])
        XCTAssertEqual(client.stats.notModified, 2)
        XCTAssertEqual(server.connections, 1, "one kept-alive connection")
        let r = server.requests
        XCTAssertEqual(r.count, 3)
        XCTAssertEqual(r[0].headers["user-agent"], "infisical-tui/\(InfisicalTUIVersion.current)")
        XCTAssertEqual(r[0].headers["authorization"], "Bearer tok")
        XCTAssertNil(r[0].headers["if-none-match"])
        XCTAssertEqual(r[1].headers["if-none-match"], "\"v1\"")
        XCTAssertNotNil(r[0].headers["accept-encoding"])
    }

    func testRateLimitHonoursRetryAfter() throws {
        let n = Counter()
        let server = try FixtureHTTPServer { [projectsBody] _ in
            n.next() == 1 ? .init(status: 429, headers: [("Retry-After", "1")], body: #"{"statusCode":429,"message":"Rate limit exceeded","error":"RateLimitExceeded"}"#)
                          : .init(body: projectsBody)
        }
        defer { server.stop() }
        let client = try api(server)
        let t0 = Date()
        XCTAssertEqual(try client.listProjects().count, 1)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(t0), 0.95)
        XCTAssertEqual(client.stats.retries, 1)
    }

    func testRateLimitTooLongFailsFastAndWaitIsCancellable() throws {
        let server = try FixtureHTTPServer { _ in .init(status: 429, headers: [("Retry-After", "120")], body: "{}") }
        defer { server.stop() }
        XCTAssertThrowsError(try api(server).listProjects()) { XCTAssertEqual(($0 as? InfisicalError)?.kind, .rateLimited) }

        let s2 = try FixtureHTTPServer { _ in .init(status: 429, headers: [("Retry-After", "20")], body: "{}") }
        defer { s2.stop() }
        let cancel = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancel.cancel() }
        let t0 = Date()
        XCTAssertThrowsError(try api(s2).listProjects(cancel: cancel)) { XCTAssertEqual(($0 as? InfisicalError)?.kind, .cancelled) }
        XCTAssertLessThan(Date().timeIntervalSince(t0), 2)
    }

    func testServerErrorsRetriedForGETOnly() throws {
        let n = Counter()
        let server = try FixtureHTTPServer { [projectsBody] req in
            if req.method == "GET" && n.next() <= 2 { return .init(status: 503, body: "oops") }
            if req.method == "POST" { return .init(status: 500, body: #"{"statusCode":500,"message":"Something went wrong","error":"InternalServerError"}"#) }
            return .init(body: projectsBody)
        }
        defer { server.stop() }
        let client = try api(server)
        XCTAssertEqual(try client.listProjects().count, 1)
        XCTAssertEqual(client.stats.retries, 2)
        XCTAssertThrowsError(try client.createSecret(projectId: "p1", environment: "dev", path: "/", name: "K", value: "v")) {
            let e = $0 as? InfisicalError
            XCTAssertEqual(e?.kind, .server); XCTAssertEqual(e?.status, 500)
        }
        XCTAssertEqual(server.requests.filter { $0.method == "POST" }.count, 1, "POST not retried")
    }

    func testMalformedHugeSlowAndRedirect() throws {
        let server = try FixtureHTTPServer { req in
            switch req.path {
            case let p where p.hasPrefix("/api/v1/projects/slug/bad"): return .init(body: "<html>not json")
            case let p where p.hasPrefix("/api/v1/projects/slug/huge"): return .init(body: String(repeating: "x", count: 3 << 20))
            case let p where p.hasPrefix("/api/v1/projects/slug/slow"): return .init(body: "{}", delay: 3)
            case let p where p.hasPrefix("/api/v1/projects/slug/moved"):
                return .init(status: 301, headers: [("Location", "http://evil.example.com/steal")], body: "")
            default: return .init(status: 404, body: #"{"statusCode":404,"message":"nope","error":"NotFound"}"#)
            }
        }
        defer { server.stop() }
        let client = try api(server) { $0.maxResponseBytes = 1 << 20; $0.requestTimeout = 1 }
        func kind(_ slug: String) -> InfisicalError.Kind? {
            do { _ = try client.project(idOrSlug: slug); return nil } catch { return (error as? InfisicalError)?.kind }
        }
        XCTAssertEqual(kind("bad"), .malformedResponse)
        XCTAssertEqual(kind("huge"), .tooLarge)
        XCTAssertEqual(kind("slow"), .timeout)
        XCTAssertEqual(kind("moved"), .config)
        XCTAssertFalse(server.requests.contains { $0.path.contains("steal") })
        XCTAssertEqual(kind("absent"), .notFound)
    }

    func testUnreachableMessage() throws {
        let server = try FixtureHTTPServer { _ in .init() }
        let url = server.url
        server.stop()
        let client = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: url)!, credentials: .accessToken("t")))
        XCTAssertThrowsError(try client.listProjects()) {
            let e = $0 as? InfisicalError
            XCTAssertEqual(e?.kind, .unreachable)
            XCTAssertEqual(e?.message, "cannot reach \(url) (connection refused)")
            XCTAssertEqual(e?.hint, "check --domain / INFISICAL_DOMAIN")
        }
    }

    func testCancelMidTransfer() throws {
        let server = try FixtureHTTPServer { _ in var r = FixtureHTTPServer.Response(body: String(repeating: " ", count: 200)); r.chunkDelay = 0.05; return r }
        defer { server.stop() }
        let cancel = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancel.cancel() }
        let t0 = Date()
        XCTAssertThrowsError(try api(server) { $0.requestTimeout = 30 }.listProjects(cancel: cancel)) {
            XCTAssertEqual(($0 as? InfisicalError)?.kind, .cancelled)
        }
        XCTAssertLessThan(Date().timeIntervalSince(t0), 3)
    }

    func testReauthenticatesOnceOnTokenErrorAndRenewsBeforeExpiry() throws {
        let logins = Counter(), renews = Counter()
        let server = try FixtureHTTPServer { [projectsBody] req in
            switch req.path {
            case "/api/v1/auth/universal-auth/login":
                let n = logins.next()
                // First token expires in 3 s (renew margin is 5 s minimum), later ones in an hour.
                let ttl = n == 1 ? 3.0 : 3600
                return .init(body: #"{"accessToken":"\#(TransportTests.jwt(exp: Date().timeIntervalSince1970 + ttl))","expiresIn":\#(Int(ttl)),"accessTokenMaxTTL":7200,"tokenType":"Bearer"}"#)
            case "/api/v1/auth/token/renew":
                _ = renews.next()
                return .init(status: 401, body: #"{"statusCode":401,"message":"Cannot renew","error":"UnauthorizedError"}"#)
            default:
                if req.headers["authorization"]?.contains("expired-token") == true {
                    return .init(status: 403, body: #"{"statusCode":403,"message":"Your token has expired. Please re-authenticate.","error":"TokenError"}"#)
                }
                return .init(body: projectsBody)
            }
        }
        defer { server.stop() }
        let client = try api(server, credentials: .universalAuth(clientId: "cid", clientSecret: "sec"))
        XCTAssertEqual(try client.listProjects().count, 1)      // login #1 (short token)
        XCTAssertEqual(try client.listProjects().count, 1)      // inside renew margin → renew refused → login #2
        XCTAssertEqual(renews.value, 1); XCTAssertEqual(logins.value, 2)
        let loginBody = try XCTUnwrap(server.requests.first { $0.path.hasSuffix("/login") }?.body)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: loginBody) as? [String: String], ["clientId": "cid", "clientSecret": "sec"])

        // A stale cached token is replaced after one 403 TokenError.
        var c = ClientConfiguration(domain: URL(string: server.url)!, credentials: .universalAuth(clientId: "cid", clientSecret: "sec"))
        c.cachedToken = CachedToken(accessToken: "expired-token", expiresAt: nil)
        let c2 = try InfisicalAPI(configuration: c)
        XCTAssertEqual(try c2.listProjects().count, 1)
        XCTAssertEqual(logins.value, 3)

        // A bare token cannot re-authenticate: the error says what to do.
        let c3 = try api(server, credentials: .accessToken("expired-token"))
        XCTAssertThrowsError(try c3.listProjects()) {
            let e = $0 as? InfisicalError
            XCTAssertEqual(e?.kind, .tokenExpired); XCTAssertEqual(e?.message, "session expired")
            XCTAssertEqual(e?.hint, "run `infisical-tui login` again")
        }
    }

    func testDeleteSendsJSONBodyAndEncodesNames() throws {
        let server = try FixtureHTTPServer { _ in
            .init(body: #"{"secret":{"id":"s1","environment":"dev","version":2,"secretKey":"A B","secretValue":"x"}}"#)
        }
        defer { server.stop() }
        try api(server).deleteSecret(projectId: "p1", environment: "dev", path: "/db", name: "A B")
        let r = try XCTUnwrap(server.requests.last)
        XCTAssertEqual(r.method, "DELETE")
        XCTAssertEqual(r.path, "/api/v4/secrets/A%20B")
        XCTAssertEqual(r.headers["content-type"], "application/json")
        let body = try JSONSerialization.jsonObject(with: r.body) as? [String: String]
        XCTAssertEqual(body, ["projectId": "p1", "environment": "dev", "secretPath": "/db", "type": "shared"])
    }

    func testListSecretsAlwaysSendsExplicitFlags() throws {
        let server = try FixtureHTTPServer { _ in .init(body: #"{"secrets":[],"imports":[]}"#) }
        defer { server.stop() }
        _ = try api(server).listSecrets(projectId: "p1", environment: "dev", path: "/")
        let q = try XCTUnwrap(server.requests.last?.path)
        for part in ["viewSecretValue=false", "expandSecretReferences=false", "recursive=false", "include_imports=true", "includeImports=true"] {
            XCTAssertTrue(q.contains(part), "\(part) in \(q)")
        }
    }

    func testAuditAlwaysSendsStartDateAndPagesUntilShortPage() throws {
        let rows = Counter()
        let server = try FixtureHTTPServer { req in
            let comps = URLComponents(string: "http://x" + req.path)!
            let limit = Int(comps.queryItems?.first { $0.name == "limit" }?.value ?? "0") ?? 0
            let offset = Int(comps.queryItems?.first { $0.name == "offset" }?.value ?? "0") ?? 0
            let total = 25
            let n = max(0, min(limit, total - offset))
            let items = (0..<n).map { i -> String in _ = rows.next()
                return #"{"id":"a\#(offset + i)","createdAt":"2026-11-28T10:00:00.000Z","event":{"type":"get-secret","metadata":{"environment":"dev"}},"actor":{"type":"identity","metadata":{"identityId":"i1","name":"ci"}}}"# }
            return .init(body: #"{"auditLogs":[\#(items.joined(separator: ","))]}"#)
        }
        defer { server.stop() }
        let got = try api(server).auditLogs(AuditQuery(projectId: "p1", eventTypes: ["get-secret", "update-secret"], limit: 100, pageSize: 10))
        XCTAssertEqual(got.count, 25)
        XCTAssertEqual(server.requests.count, 3)
        for r in server.requests { XCTAssertTrue(r.path.contains("startDate="), r.path) }
        XCTAssertTrue(server.requests[0].path.contains("eventType=get-secret%2Cupdate-secret"))
    }

    func testSlowRequestDoesNotStallAConcurrentOne() throws {
        let server = try FixtureHTTPServer { [projectsBody] req in
            req.path.contains("slug/slow") ? .init(body: "{}", delay: 1.5) : .init(body: projectsBody)
        }
        defer { server.stop() }
        let client = try api(server)
        let slowDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { _ = try? client.project(idOrSlug: "slow"); slowDone.signal() }
        Thread.sleep(forTimeInterval: 0.2)
        let t0 = Date()
        XCTAssertEqual(try client.listProjects().count, 1)
        XCTAssertLessThan(Date().timeIntervalSince(t0), 0.8)
        slowDone.wait()
        XCTAssertEqual(try client.listProjects().count, 1)
    }

    func testProxyFromEnvironmentIsHonoured() throws {
        let proxy = try FixtureHTTPServer { [projectsBody] _ in .init(body: projectsBody) }
        defer { proxy.stop() }
        let cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        let r = try cli.run(["projects"], extraEnv: ["INFISICAL_DOMAIN": "http://infisical.internal.test", "INFISICAL_TOKEN": "t",
                                                     "http_proxy": proxy.url])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("store"))
        XCTAssertEqual(proxy.requests.first?.path, "http://infisical.internal.test/api/v1/projects")
        let direct = try cli.run(["projects"], extraEnv: ["INFISICAL_DOMAIN": "http://infisical.internal.test", "INFISICAL_TOKEN": "t",
                                                          "http_proxy": proxy.url, "no_proxy": "infisical.internal.test"])
        XCTAssertEqual(direct.status, 1)
        XCTAssertTrue(direct.stderr.contains("cannot reach http://infisical.internal.test (unknown host)"), direct.stderr)
    }

    /// Service tokens (`st.…`): sent as Bearer, the project comes from `/api/v2/service-token`, and a
    /// slug route refused for this token kind falls back to the id route. (The dev server has no
    /// service tokens, so this speaks to a loopback fixture in Infisical's shapes.)
    func testServiceTokenFindsItsProject() throws {
        let project = #"{"id":"p1","name":"Store","slug":"store","environments":[{"id":"e1","name":"Development","slug":"dev"}]}"#
        let server = try FixtureHTTPServer { req in
            guard req.headers["authorization"] == "Bearer st.tok.secret" else { return .init(status: 401, body: "{}") }
            if req.path.hasPrefix("/api/v2/service-token") { return .init(body: #"{"workspace":"p1","scopes":[{"environment":"dev","secretPath":"/"}]}"#) }
            if req.path.hasPrefix("/api/v1/projects/slug/") {
                return .init(status: 403, body: #"{"statusCode":403,"message":"You are not allowed to access this resource","error":"Forbidden access to GET /api/v1/projects/slug/p1"}"#)
            }
            if req.path.hasPrefix("/api/v1/projects/p1") { return .init(body: #"{"project":\#(project)}"#) }
            if req.path.hasPrefix("/api/v4/secrets?") {
                return .init(body: #"{"secrets":[{"id":"s1","environment":"dev","version":1,"secretKey":"TOKEN_SCOPED","secretValue":"<hidden-by-infisical>","secretValueHidden":true}],"imports":[]}"#)
            }
            return .init(status: 404, body: "{}")
        }
        defer { server.stop() }
        let cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        let env = ["INFISICAL_DOMAIN": server.url, "INFISICAL_TOKEN": "st.tok.secret"]
        let r = try cli.run(["secrets"], extraEnv: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("TOKEN_SCOPED"), r.stdout)
        let who = try cli.run(["whoami", "--json"], extraEnv: env)
        XCTAssertTrue(who.stdout.contains("\"authMethod\" : \"service token\""), who.stdout + who.stderr)
    }
}

extension TransportTests {
    /// `export` and the dashboard's copy-to-file share one step (ExportPipeline): a value the
    /// server withholds arrives as a placeholder, and the CLI refuses to write it as if it were
    /// the value (before, only the dashboard refused).
    func testExportRefusesValuesTheServerWithholds() throws {
        let project = #"{"id":"p1","name":"Store","slug":"store","environments":[{"id":"e1","name":"Development","slug":"dev"}]}"#
        let server = try FixtureHTTPServer { req in
            guard req.headers["authorization"] == "Bearer st.tok.secret" else { return .init(status: 401, body: "{}") }
            if req.path.hasPrefix("/api/v2/service-token") { return .init(body: #"{"workspace":"p1","scopes":[{"environment":"dev","secretPath":"/"}]}"#) }
            if req.path.hasPrefix("/api/v1/projects/slug/") {
                return .init(status: 403, body: #"{"statusCode":403,"message":"You are not allowed to access this resource","error":"Forbidden"}"#)
            }
            if req.path.hasPrefix("/api/v1/projects/p1") { return .init(body: #"{"project":\#(project)}"#) }
            if req.path.hasPrefix("/api/v4/secrets?") {
                return .init(body: #"{"secrets":[{"id":"s1","environment":"dev","version":1,"secretKey":"OPEN","secretValue":"visible"},{"id":"s2","environment":"dev","version":1,"secretKey":"TOKEN_SCOPED","secretValue":"<hidden-by-infisical>","secretValueHidden":true}],"imports":[]}"#)
            }
            return .init(status: 404, body: "{}")
        }
        defer { server.stop() }
        let cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("withheld-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent(".env").path
        let r = try cli.run(["export", "--output-file", target],
                            extraEnv: ["INFISICAL_DOMAIN": server.url, "INFISICAL_TOKEN": "st.tok.secret"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("the server withholds 1 value from this identity; nothing written"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing written")
        XCTAssertFalse(r.stdout.contains("hidden-by-infisical"))
    }
}
