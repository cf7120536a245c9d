import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Request and response shapes of current Infisical, over real HTTP: write responses with basic
/// fields only, both import flag names, no nulls in PATCH, version history with its fallback, and
/// the CLI's exit code on these errors.
final class RealServerShapeTests: XCTestCase {
    var fake: FakeInfisical!
    override func setUpWithError() throws { fake = try FakeInfisical() }
    override func tearDown() { fake?.stop() }

    // 3. POST/PATCH/DELETE answer with `secretRawSchema` (+ secretValueHidden on PATCH/DELETE).
    func testWriteResponsesWithOnlyBasicFieldsDecode() throws {
        fake.on("POST", "/api/v4/secrets/") { _ in .init(body: #"{"secret":\#(Infisical.rawSecret(value: "v1", version: 1))}"#) }
        fake.on("PATCH", "/api/v4/secrets/") { _ in .init(body: #"{"secret":\#(Infisical.rawSecret(key: "NEW_NAME", value: "v2", version: 2, hidden: false))}"#) }
        fake.on("DELETE", "/api/v4/secrets/") { _ in .init(body: #"{"secret":\#(Infisical.rawSecret(value: "v2", version: 2, hidden: false))}"#) }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let created = try api.createSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", value: "v1")
        XCTAssertEqual(created.secretKey, "DB_URL"); XCTAssertEqual(created.version, 1)
        XCTAssertEqual(created.secretPath, "/db", "path completed from the request")
        XCTAssertFalse(created.isValueHidden); XCTAssertNil(created.tags)
        XCTAssertEqual(created.actor?.name, "ci-bot")
        let updated = try api.updateSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", newName: "NEW_NAME", value: "v2")
        XCTAssertEqual(updated.secretKey, "NEW_NAME"); XCTAssertEqual(updated.version, 2); XCTAssertEqual(updated.secretPath, "/db")
        let deleted = try api.deleteSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL")
        XCTAssertEqual(deleted.id, "s1")

        // PATCH never carries nulls (skipMultilineEncoding: null is a 422 on the real server).
        let patch = try XCTUnwrap(fake.requests("PATCH", "/api/v4/secrets/DB_URL").first?.json)
        XCTAssertNil(patch["skipMultilineEncoding"])
        XCTAssertFalse(patch.values.contains { $0 is NSNull }, "\(patch)")
        XCTAssertEqual(patch["newSecretName"] as? String, "NEW_NAME")
        XCTAssertEqual(patch["secretPath"] as? String, "/db")
        // DELETE's parameters travel in a JSON body.
        let del = try XCTUnwrap(fake.requests("DELETE", "/api/v4/secrets/DB_URL").first)
        XCTAssertEqual(del.json?["environment"] as? String, "dev")
        XCTAssertEqual(del.headers["content-type"], "application/json")
    }

    func testWriteNeedingApprovalAndGarbageAreNamed() throws {
        fake.on("POST", "/api/v4/secrets/A") { _ in .init(body: #"{"approval":{"id":"a1","status":"open"}}"#) }
        fake.on("POST", "/api/v4/secrets/B") { _ in .init(body: #"{"secret":{"secretKey":"B"}}"#) }
        let api = try fake.client()
        XCTAssertThrowsError(try api.createSecret(projectId: "p1", environment: "prod", path: "/", name: "A", value: "x")) {
            XCTAssertTrue(($0 as? InfisicalError)?.message.contains("needs approval") ?? false, "\($0)")
        }
        XCTAssertThrowsError(try api.createSecret(projectId: "p1", environment: "dev", path: "/", name: "B", value: "x")) {
            XCTAssertEqual(($0 as? InfisicalError)?.kind, .malformedResponse)
        }
    }

    // 4. Both import flag names, explicitly, on list and get.
    func testImportFlagsSentUnderBothNames() throws {
        fake.on("GET", "/api/v4/secrets") { _ in .init(body: #"{"secrets":[\#(Infisical.listedSecret())],"imports":[]}"#) }
        fake.on("GET", "/api/v4/secrets/") { _ in .init(body: #"{"secret":\#(Infisical.listedSecret())}"#) }
        let api = try fake.client()
        let list = try api.listSecrets(projectId: "p1", environment: "dev", path: "/db")
        XCTAssertEqual(list.secrets.first?.tags?.first?.slug, "db")
        _ = try api.listSecrets(projectId: "p1", environment: "dev", path: "/db", includeImports: false)
        _ = try api.secret(projectId: "p1", environment: "dev", path: "/db", name: "DB_URL")
        _ = try api.secret(projectId: "p1", environment: "dev", path: "/db", name: "DB_URL", includeImports: false, viewValue: false)
        let lists = fake.requests("GET", "/api/v4/secrets?"), gets = fake.requests("GET", "/api/v4/secrets/DB_URL")
        XCTAssertEqual(lists.count, 2); XCTAssertEqual(gets.count, 2)
        for (r, want) in zip(lists + gets, ["true", "false", "true", "false"]) {
            XCTAssertEqual(r.query["include_imports"], [want], r.path)
            XCTAssertEqual(r.query["includeImports"], [want], r.path)
        }
        XCTAssertEqual(gets[0].query["viewSecretValue"], ["true"]); XCTAssertEqual(gets[1].query["viewSecretValue"], ["false"])
        XCTAssertEqual(gets[0].query["type"], ["shared"])
    }

    // 9. Versions: the route for user tokens; for identities (403) per-version reads, masked.
    func testVersionHistoryFallsBackToPerVersionReads() throws {
        fake.on("GET", "/api/v1/secret/") { _ in
            Infisical.error(403, "Forbidden access to /api/v1/secret/s1/secret-versions", "You are not allowed to access this resource")
        }
        fake.on("GET", "/api/v4/secrets/DB_URL") { req in
            let v = Int(req.query["version"]?.first ?? "") ?? 4
            if v < 2 { return Infisical.error(404, "NotFound", "Secret version not found") }   // v1 pruned
            let hidden = req.query["viewSecretValue"] == ["false"]
            let body = Infisical.listedSecret(value: hidden ? Secret.hiddenPlaceholder : "value-\(v)", version: v, hidden: hidden)
            return .init(body: #"{"secret":\#(body)}"#)
        }
        let api = try fake.client()
        let masked = try api.secretHistory(projectId: "p1", environment: "dev", path: "/db", name: "DB_URL", limit: 10)
        XCTAssertEqual(masked.source, .versionReads)
        XCTAssertEqual(masked.versions.map(\.version), [4, 3, 2])
        XCTAssertTrue(masked.versions.allSatisfy { $0.isValueHidden && $0.secretValue == Secret.hiddenPlaceholder })
        XCTAssertTrue(fake.requests("GET", "/api/v4/secrets/DB_URL").allSatisfy { $0.query["viewSecretValue"] == ["false"] })
        let shown = try api.secretHistory(projectId: "p1", environment: "dev", path: "/db", name: "DB_URL", limit: 2, reveal: true)
        XCTAssertEqual(shown.versions.map(\.secretValue), ["value-4", "value-3"])
    }

    func testVersionHistoryUsesTheVersionsRouteWhenAllowed() throws {
        fake.on("GET", "/api/v4/secrets/DB_URL") { _ in .init(body: #"{"secret":\#(Infisical.listedSecret())}"#) }
        fake.on("GET", "/api/v1/secret/s1/secret-versions") { req in
            XCTAssertEqual(req.query["limit"], ["5"]); XCTAssertEqual(req.query["offset"], ["0"])
            return .init(body: #"{"secretVersions":[\#(Infisical.rawSecret(value: "old", version: 2, id: "v2", hidden: false)),\#(Infisical.rawSecret(value: "new", version: 3, id: "v3", hidden: false))]}"#)
        }
        let h = try fake.client(token: Infisical.userJWT()).secretHistory(projectId: "p1", environment: "dev", path: "/db", name: "DB_URL", limit: 5)
        XCTAssertEqual(h.source, .versionsRoute)
        XCTAssertEqual(h.versions.map(\.version), [3, 2])
        XCTAssertTrue(h.versions.allSatisfy(\.isValueHidden), "masked unless reveal")
    }

    // Servers from before the workspace→project rename: `/api/v1/workspace` → `{workspaces}`.
    func testOlderServerWithWorkspaceRoutesOnly() throws {
        let old = try FakeInfisical(projectRoutes: false); defer { old.stop() }
        old.on("GET", "/api/v1/workspace") { _ in .init(body: #"{"workspaces":[\#(Infisical.project)]}"#) }
        let api = try old.client()
        XCTAssertEqual(try api.listProjects().map(\.slug), ["store"])
        let fresh = try old.client()
        XCTAssertEqual(try fresh.project(idOrSlug: "store").id, "p1")
        XCTAssertEqual(try old.client().project(idOrSlug: "p1").slug, "store")
        XCTAssertThrowsError(try old.client().project(idOrSlug: "nope")) { XCTAssertEqual(($0 as? InfisicalError)?.kind, .notFound) }
        let current = try FakeInfisical(); defer { current.stop() }   // current servers never touch the old route
        current.on("GET", "/api/v1/projects") { _ in .init(body: #"{"projects":[\#(Infisical.project)]}"#) }
        XCTAssertEqual(try current.client().listProjects().count, 1)
        XCTAssertTrue(current.requests("GET", "/api/v1/workspace").isEmpty)
    }

    // Infisical Cloud answers compressed (CDN): a gzip body is decoded transparently.
    func testGzipEncodedResponseIsDecoded() throws {
        let gz = "H4sIAAAAAAACA6tWKijKz0pNLilWsoquVspMUbJSKjBU0lHKS8xNBbKDS/KLUoHc4pzSdCC3GMpNzSvLLMrPy03Ng2qEKndJLUvNyS8AiSM0paSWATlgo1MNlWpjgRAAMzPpfncAAAA="
        fake.on("GET", "/api/v1/projects") { req in
            var r = FixtureHTTPServer.Response(headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
            r.body = Data(base64Encoded: gz)!
            XCTAssertTrue(req.headers["accept-encoding"]?.contains("gzip") ?? false)
            return r
        }
        XCTAssertEqual(try fake.client().listProjects().map(\.slug), ["store"])
    }

    // The CLI: these errors exit 1 with the friendly text; versions falls back with a note.
    func testCLIExitCodesAndVersionsAgainstInfisicalShapes() throws {
        fake.on("GET", "/api/v4/secrets") { _ in
            Infisical.error(404, "SecretPathNotFound", "Folder with path '/nope' in environment 'dev' was not found. Please ensure the environment slug and secret path is correct.")
        }
        fake.on("GET", "/api/v1/secret/") { _ in Infisical.error(403, "Forbidden access to /api/v1/secret", "You are not allowed to access this resource") }
        fake.on("GET", "/api/v4/secrets/DB_URL") { req in
            req.query["version"] == nil ? .init(body: #"{"secret":\#(Infisical.listedSecret(value: Secret.hiddenPlaceholder, hidden: true))}"#)
                                        : Infisical.error(404, "NotFound", "Secret version not found")
        }
        var cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        cli.env["INFISICAL_DOMAIN"] = fake.server.url
        cli.env["INFISICAL_TOKEN"] = TransportTests.jwt(identityId: "ident-1", exp: Date().timeIntervalSince1970 + 3600)
        let r = try cli.run(["secrets", "--projectId", "store", "--path", "/nope"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: no folder /nope in dev of store"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint:"), r.stderr)
        let v = try cli.run(["secrets", "versions", "DB_URL", "--projectId", "store", "--path", "/db", "--json"])
        XCTAssertEqual(v.status, 0, v.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as? [[String: Any]], v.stdout)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["version"] as? Int, 3); XCTAssertEqual(rows.first?["valueHidden"] as? Bool, true)
        XCTAssertNil(rows.first?["value"])
        XCTAssertTrue(v.stderr.contains("one by one"), v.stderr)
        let bad = try cli.run(["secrets", "versions", "DB_URL", "--projectId", "store", "--limit", "0"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
    }
}
