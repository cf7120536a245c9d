import Foundation
import XCTest

/// §6.2/§6.3 v4 reads: metadata-first lists, hidden placeholder, get by name and version, imports,
/// recursive listing, query validation.
final class SecretReadTests: DevServerTestCase {
    func testListMetadataFirstHidesEveryValue() throws {
        let r = try listSecrets(path: "/stripe", as: "viewer", [("viewSecretValue", "false")])
        guard assertStatus(r, 200) else { return }
        let secrets = r.json?["secrets"]?.array ?? []
        XCTAssertTrue(secrets.contains { $0["secretKey"]?.string == "STRIPE_SECRET_KEY" }, "STRIPE_SECRET_KEY in /stripe")
        for s in secrets {
            assertSecretShape(s, env: "dev", project: try projectId())
            XCTAssertEqual(s["secretValue"]?.string, hiddenMask, "\(s["secretKey"]?.string ?? "?")")
            XCTAssertEqual(s["secretValueHidden"]?.bool, true)
        }
    }

    func testListWithValuesShowsThemAndDefaultsToShowing() throws {
        for extra in [[("viewSecretValue", "true")], []] {
            let r = try listSecrets(path: "/stripe", as: "viewer", extra)
            guard assertStatus(r, 200) else { continue }
            let s = (r.json?["secrets"]?.array ?? []).first { $0["secretKey"]?.string == "STRIPE_SECRET_KEY" }
            assertSecretShape(s, key: "STRIPE_SECRET_KEY", env: "dev")
            XCTAssertEqual(s?["secretValueHidden"]?.bool, false)
            XCTAssertNotEqual(s?["secretValue"]?.string, hiddenMask)
            XCTAssertFalse(s?["secretValue"]?.string?.isEmpty ?? true)
        }
    }

    func testValuesDifferPerEnvironment() throws {
        var values: [String: String] = [:]
        for env in ["dev", "staging", "prod"] {
            let r = try getSecret("STRIPE_SECRET_KEY", env: env, path: "/stripe")
            guard assertStatus(r, 200, env) else { continue }
            assertSecretShape(r.json?["secret"], key: "STRIPE_SECRET_KEY", env: env)
            XCTAssertEqual(r.json?["secret"]?["secretPath"]?.string, "/stripe")
            values[env] = r.json?["secret"]?["secretValue"]?.string
        }
        XCTAssertEqual(Set(values.values).count, 3, "distinct values per environment: \(values.keys)")
    }

    func testGetHiddenWhenViewSecretValueFalse() throws {
        let r = try getSecret("STRIPE_SECRET_KEY", path: "/stripe", as: "viewer", [("viewSecretValue", "false")])
        guard assertStatus(r, 200) else { return }
        XCTAssertEqual(r.json?["secret"]?["secretValue"]?.string, hiddenMask)
        XCTAssertEqual(r.json?["secret"]?["secretValueHidden"]?.bool, true)
    }

    func testGetUnknownIs404WithInfisicalShape() throws {
        let r = try getSecret("NO_SUCH_SECRET_XYZ", path: "/stripe")
        assertError(r, 404, error: "NotFound")
        XCTAssertEqual(r.json?["message"]?.string, "Secret with name 'NO_SUCH_SECRET_XYZ' not found")
        XCTAssertEqual(Set(r.json?.object?.keys.map { $0 } ?? []).isSuperset(of: ["reqId", "statusCode", "message", "error"]), true)
    }

    func testGetByVersionReturnsHistoricalValue() throws {
        let name = unique("VERSIONED")
        assertStatus(try createSecret(name, "first"), 200)
        assertStatus(try updateSecret(name, fields: ["secretValue": "second"]), 200)
        assertStatus(try updateSecret(name, fields: ["secretValue": "third"]), 200)
        let cur = try getSecret(name)
        XCTAssertEqual(cur.json?["secret"]?["secretValue"]?.string, "third")
        XCTAssertEqual(cur.json?["secret"]?["version"]?.int, 3)
        for (v, expected) in [(1, "first"), (2, "second"), (3, "third")] {
            let r = try getSecret(name, [("version", String(v))])
            guard assertStatus(r, 200, "version \(v)") else { continue }
            XCTAssertEqual(r.json?["secret"]?["secretValue"]?.string, expected, "version \(v)")
            XCTAssertEqual(r.json?["secret"]?["version"]?.int, v)
        }
        assertError(try getSecret(name, [("version", "9")]), 404)
    }

    func testRecursiveListCarriesEachSecretsPath() throws {
        let r = try listSecrets(env: "staging", [("recursive", "true"), ("viewSecretValue", "false")])
        guard assertStatus(r, 200) else { return }
        let secrets = r.json?["secrets"]?.array ?? []
        let byKey = Dictionary(secrets.compactMap { s in s["secretKey"]?.string.map { ($0, s["secretPath"]?.string) } },
                               uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byKey["STRIPE_SECRET_KEY"], "/stripe")
        XCTAssertGreaterThanOrEqual(Set(byKey.values.compactMap { $0 }).count, 4, "secrets from several folders")
        let flat = try listSecrets(env: "staging", [("recursive", "false")])
        XCTAssertFalse((flat.json?["secrets"]?.array ?? []).contains { $0["secretKey"]?.string == "STRIPE_SECRET_KEY" },
                       "non-recursive root list must not include /stripe")
    }

    func testImportsOnlyWhenAskedUnderEitherName() throws {
        let off = try listSecrets(path: "/", [("include_imports", "false")])
        guard assertStatus(off, 200) else { return }
        XCTAssertEqual(off.json?["imports"]?.array?.count ?? 0, 0, "no imports unless asked")
        var counts: [Int] = []
        for name in ["include_imports", "includeImports"] {
            let r = try listSecrets(path: "/", [(name, "true")])
            guard assertStatus(r, 200, name) else { continue }
            let imports = r.json?["imports"]?.array ?? []
            counts.append(imports.count)
            for i in imports {
                XCTAssertNotNil(i["secretPath"]?.string); XCTAssertNotNil(i["environment"]?.string)
                for s in i["secrets"]?.array ?? [] { XCTAssertNotNil(s["secretKey"]?.string) }
            }
        }
        XCTAssertEqual(counts.count, 2)
        XCTAssertEqual(counts.first, counts.last, "include_imports and includeImports must agree")
        XCTAssertGreaterThan(counts.first ?? 0, 0, "the demo store imports /shared into / (seed)")
    }

    func testEmptyPathListsNothingAndBadInputsAreRejected() throws {
        let empty = try listSecrets(path: "/no-such-folder")
        XCTAssertTrue(empty.status == 200 || empty.status == 404, "missing folder: 200 empty (older) or 404 (newer): \(empty)")
        if empty.status == 200 { XCTAssertEqual(empty.json?["secrets"]?.array?.count, 0) }
        assertValidation(try listSecrets([("viewSecretValue", "yes")]))
        assertValidation(try listSecrets([("expandSecretReferences", "1")]))
        assertError(try call("GET", "/api/v4/secrets", query: [("environment", "dev")]), 400,
                    message: "Missing project id or environment")
        assertError(try call("GET", "/api/v4/secrets", query: [("projectId", try projectId())]), 400,
                    message: "Missing project id or environment")
        assertValidation(try call("GET", "/api/v4/secrets/STRIPE_SECRET_KEY", query: [("environment", "dev"), ("secretPath", "/stripe")]))
    }

    func testOtherProjectsAreSeededToo() throws {
        for slug in ["hardwareos", "presence-engine", "infrastructure"] {
            let r = try listSecrets(project: try projectId(slug), [("recursive", "true"), ("viewSecretValue", "false")])
            guard assertStatus(r, 200, slug) else { continue }
            XCTAssertGreaterThan(r.json?["secrets"]?.array?.count ?? 0, 0, "\(slug) has secrets in dev")
        }
    }

    func testSeededSpecialValuesSurviveJSONUnchanged() throws {
        // The seed carries a multi-line PEM-like value and one with terminal escape sequences; both must
        // reach a client intact (escaping is the client's job, not the server's).
        let r = try listSecrets(env: "dev", [("recursive", "true")])
        guard assertStatus(r, 200) else { return }
        let values = (r.json?["secrets"]?.array ?? []).compactMap { $0["secretValue"]?.string }
        XCTAssertTrue(values.contains { $0.contains("\n") && $0.contains("-----BEGIN") }, "a multi-line PEM-like value")
        XCTAssertTrue(values.contains { $0.contains("\u{1B}[") }, "a value carrying an ESC sequence")
    }
}
