import Foundation
import XCTest

/// §6.8 deprecated `/api/v3/secrets/raw` forms (what the Python SDK 1.0.18 calls): project by
/// `workspaceId` or `workspaceSlug` (query) / `projectSlug` (body).
final class SecretV3RawTests: DevServerTestCase {
    func v3Query(_ env: String, _ path: String, bySlug: Bool = false, _ extra: [(String, String)] = []) throws -> [(String, String)] {
        let project = bySlug ? ("workspaceSlug", "opticworks-store") : ("workspaceId", try projectId())
        return [project, ("environment", env), ("secretPath", path)] + extra
    }

    func testListByIdAndBySlugAgree() throws {
        let a = try call("GET", "/api/v3/secrets/raw", query: try v3Query("dev", "/stripe"))
        let b = try call("GET", "/api/v3/secrets/raw", query: try v3Query("dev", "/stripe", bySlug: true))
        guard assertStatus(a, 200), assertStatus(b, 200) else { return }
        let ka = (a.json?["secrets"]?.array ?? []).compactMap { $0["secretKey"]?.string }.sorted()
        let kb = (b.json?["secrets"]?.array ?? []).compactMap { $0["secretKey"]?.string }.sorted()
        XCTAssertEqual(ka, kb)
        XCTAssertTrue(ka.contains("STRIPE_SECRET_KEY"))
        for s in a.json?["secrets"]?.array ?? [] { assertSecretShape(s, env: "dev", project: try projectId()) }
    }

    func testListWithTheSDKsExactQuery() throws {
        // The SDK sends all flags as lowercase strings, include_imports spelled with an underscore.
        let r = try call("GET", "/api/v3/secrets/raw", query: try v3Query("dev", "/", [
            ("viewSecretValue", "true"), ("expandSecretReferences", "true"), ("recursive", "false"), ("include_imports", "true"),
        ]), userAgent: "python-requests/2.32.3")
        guard assertStatus(r, 200) else { return }
        XCTAssertNotNil(r.json?["secrets"]?.array)
        for i in r.json?["imports"]?.array ?? [] {
            XCTAssertNotNil(i["secretPath"]?.string); XCTAssertNotNil(i["environment"]?.string)
        }
    }

    func testMissingProjectIs400() throws {
        assertError(try call("GET", "/api/v3/secrets/raw", query: [("environment", "dev")]), 400)
        assertError(try call("GET", "/api/v3/secrets/raw/STRIPE_SECRET_KEY", query: [("environment", "dev"), ("secretPath", "/stripe")]),
                    400, message: "You must provide workspaceSlug or workspaceId")
    }

    func testGetByNameIdOrSlugAndVersion() throws {
        for bySlug in [false, true] {
            let r = try call("GET", "/api/v3/secrets/raw/STRIPE_SECRET_KEY", query: try v3Query("staging", "/stripe", bySlug: bySlug))
            guard assertStatus(r, 200) else { continue }
            assertSecretShape(r.json?["secret"], key: "STRIPE_SECRET_KEY", env: "staging")
        }
        assertError(try call("GET", "/api/v3/secrets/raw/NOPE_NOT_HERE", query: try v3Query("dev", "/")), 404, error: "NotFound")
    }

    func testCreateUpdateRenameDeleteWithWorkspaceIdAndProjectSlug() throws {
        let name = unique("V3"), renamed = unique("V3_RENAMED")
        let c = try call("POST", "/api/v3/secrets/raw/\(name)", json: [
            "workspaceId": try projectId(), "environment": "dev", "secretPath": "/", "secretValue": "raw-1",
            "secretComment": "v3", "type": "shared", "skipMultilineEncoding": false,
        ])
        guard assertStatus(c, 200) else { return }
        assertSecretShape(c.json?["secret"], key: name, env: "dev")
        XCTAssertEqual(c.json?["secret"]?["secretValue"]?.string, "raw-1")
        assertError(try call("POST", "/api/v3/secrets/raw/\(name)", json: [
            "projectSlug": "opticworks-store", "environment": "dev", "secretPath": "/", "secretValue": "dup",
        ]), 400, message: "already exist")

        let u = try call("PATCH", "/api/v3/secrets/raw/\(name)", json: [
            "projectSlug": "opticworks-store", "environment": "dev", "secretPath": "/", "secretValue": "raw-2", "type": "shared",
        ])
        assertStatus(u, 200)
        XCTAssertEqual(u.json?["secret"]?["secretValue"]?.string, "raw-2")
        XCTAssertEqual(u.json?["secret"]?["version"]?.int, 2)

        let rn = try call("PATCH", "/api/v3/secrets/raw/\(name)", json: [
            "workspaceId": try projectId(), "environment": "dev", "secretPath": "/", "newSecretName": renamed,
        ])
        assertStatus(rn, 200)
        XCTAssertEqual(rn.json?["secret"]?["secretKey"]?.string, renamed)
        let g = try call("GET", "/api/v3/secrets/raw/\(renamed)", query: try v3Query("dev", "/", bySlug: true))
        XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, "raw-2")

        let d = try call("DELETE", "/api/v3/secrets/raw/\(renamed)", json: [
            "projectSlug": "opticworks-store", "environment": "dev", "secretPath": "/", "type": "shared",
        ])
        assertStatus(d, 200)
        XCTAssertEqual(d.json?["secret"]?["secretKey"]?.string, renamed)
        assertError(try call("GET", "/api/v3/secrets/raw/\(renamed)", query: try v3Query("dev", "/")), 404)
    }

    func testV3WritesAreVisibleThroughV4() throws {
        let name = unique("CROSS")
        assertStatus(try call("POST", "/api/v3/secrets/raw/\(name)", json: [
            "workspaceId": try projectId(), "environment": "staging", "secretPath": "/redis", "secretValue": "via-v3",
        ]), 200)
        XCTAssertEqual(try getSecret(name, env: "staging", path: "/redis").json?["secret"]?["secretValue"]?.string, "via-v3")
    }

    func testV3WritesFollowRoles() throws {
        let body: [String: Any] = ["workspaceId": try projectId(), "environment": "prod", "secretPath": "/", "secretValue": "x"]
        assertPermissionDenied(try call("POST", "/api/v3/secrets/raw/\(unique("V3_PROD"))", as: "developer", json: body))
        assertPermissionDenied(try call("POST", "/api/v3/secrets/raw/\(unique("V3_VIEW"))", as: "viewer",
                                        json: body.merging(["environment": "dev"]) { $1 }))
    }
}
