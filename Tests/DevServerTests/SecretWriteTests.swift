import Foundation
import XCTest

/// §6.4–6.6 v4 writes (create, duplicate, update value/comment, rename, delete) and §7 versions.
final class SecretWriteTests: DevServerTestCase {
    func testCreateReturnsTheSecretAtVersion1() throws {
        let name = unique("CREATED")
        let r = try createSecret(name, "hello-world", env: "staging", path: "/stripe", comment: "made by a test")
        guard assertStatus(r, 200) else { return }
        let s = r.json?["secret"]
        assertSecretShape(s, key: name, env: "staging", project: try projectId())
        XCTAssertEqual(s?["version"]?.int, 1)
        XCTAssertEqual(s?["secretValue"]?.string, "hello-world")
        XCTAssertEqual(s?["secretComment"]?.string, "made by a test")
        XCTAssertEqual(s?["type"]?.string, "shared")
        let g = try getSecret(name, env: "staging", path: "/stripe")
        XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, "hello-world")
        XCTAssertEqual(g.json?["secret"]?["secretComment"]?.string, "made by a test")
        // Without a comment the comment is "" (never null).
        let plain = try createSecret(unique("NO_COMMENT"), "v")
        XCTAssertEqual(plain.json?["secret"]?["secretComment"]?.string, "")
    }

    func testDuplicateCreateIs400() throws {
        let name = unique("DUP")
        assertStatus(try createSecret(name, "a"), 200)
        let r = try createSecret(name, "b")
        assertError(r, 400, message: "already exist")
        XCTAssertEqual(try getSecret(name).json?["secret"]?["secretValue"]?.string, "a", "duplicate must not overwrite")
    }

    func testCreateValidation() throws {
        // secretValue is required; names may not contain ':'.
        assertValidation(try call("POST", "/api/v4/secrets/\(unique("NOVAL"))",
                                  json: ["projectId": try projectId(), "environment": "dev", "secretPath": "/"]))
        assertValidation(try createSecret("BAD%3ANAME", "x"))
        assertError(try createSecret(unique("NOFOLDER"), "x", path: "/no-such-folder"), 404)
    }

    func testUpdateValueThenCommentKeepsTheOther() throws {
        let name = unique("UPD")
        assertStatus(try createSecret(name, "v1", comment: "c1"), 200)
        let u1 = try updateSecret(name, fields: ["secretValue": "v2"])
        guard assertStatus(u1, 200) else { return }
        assertSecretShape(u1.json?["secret"], key: name, env: "dev")
        XCTAssertEqual(u1.json?["secret"]?["version"]?.int, 2)
        XCTAssertEqual(u1.json?["secret"]?["secretValue"]?.string, "v2")
        let u2 = try updateSecret(name, fields: ["secretComment": "c2"])
        assertStatus(u2, 200)
        XCTAssertEqual(u2.json?["secret"]?["version"]?.int, 3)
        let g = try getSecret(name).json?["secret"]
        XCTAssertEqual(g?["secretValue"]?.string, "v2", "comment-only update keeps the value")
        XCTAssertEqual(g?["secretComment"]?.string, "c2")
        XCTAssertEqual(g?["version"]?.int, 3)
    }

    func testUpdatePreservesMultilineUnicodeAndSpecialCharacters() throws {
        let name = unique("ODD")
        let value = "line1\nline2 \"quoted\" $HOME #x = y\n日本語 🚀"
        assertStatus(try createSecret(name, "seed"), 200)
        assertStatus(try updateSecret(name, fields: ["secretValue": value]), 200)
        XCTAssertEqual(try getSecret(name).json?["secret"]?["secretValue"]?.string, value)
    }

    func testNamesAndValuesAreTrimmedKeepingOneTrailingNewline() throws {
        // §6.1: names trimmed; values lose surrounding whitespace but keep one trailing newline.
        let name = unique("PADDED")
        let r = try createSecret("%20\(name)%20", "  padded value  \n")
        guard assertStatus(r, 200) else { return }
        XCTAssertEqual(r.json?["secret"]?["secretKey"]?.string, name)
        XCTAssertEqual(try getSecret(name).json?["secret"]?["secretValue"]?.string, "padded value\n")
    }

    func testRenameMovesTheSecret() throws {
        let old = unique("OLD"), new = unique("NEW")
        assertStatus(try createSecret(old, "keep-me", path: "/redis"), 200)
        let r = try updateSecret(old, path: "/redis", fields: ["newSecretName": new])
        guard assertStatus(r, 200) else { return }
        XCTAssertEqual(r.json?["secret"]?["secretKey"]?.string, new)
        assertError(try getSecret(old, path: "/redis"), 404, error: "NotFound")
        let g = try getSecret(new, path: "/redis")
        XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, "keep-me")
        XCTAssertEqual(g.json?["secret"]?["version"]?.int, 2)
    }

    func testDeleteReturnsTheSecretThenGetIs404() throws {
        let name = unique("DEL")
        assertStatus(try createSecret(name, "bye"), 200)
        let d = try deleteSecret(name)
        guard assertStatus(d, 200) else { return }
        XCTAssertEqual(d.json?["secret"]?["secretKey"]?.string, name)
        assertSecretShape(d.json?["secret"], key: name, env: "dev")
        let g = try getSecret(name)
        assertError(g, 404, error: "NotFound")
        XCTAssertEqual(g.json?["message"]?.string, "Secret with name '\(name)' not found")
        XCTAssertFalse((try listSecrets().json?["secrets"]?.array ?? []).contains { $0["secretKey"]?.string == name })
        // Deleting or updating what is gone is 404 too; re-creating works.
        assertError(try deleteSecret(name), 404)
        assertError(try updateSecret(name, fields: ["secretValue": "x"]), 404)
        assertStatus(try createSecret(name, "again"), 200)
    }

    func testVersionsRouteIsNewestFirstWithPaging() throws {
        let name = unique("HIST")
        let c = try createSecret(name, "h1")
        guard assertStatus(c, 200), let id = c.json?["secret"]?["id"]?.string else { return }
        assertStatus(try updateSecret(name, fields: ["secretValue": "h2"]), 200)
        assertStatus(try updateSecret(name, fields: ["secretValue": "h3", "secretComment": "third"]), 200)
        let r = try call("GET", "/api/v1/secret/\(id)/secret-versions", query: [("offset", "0"), ("limit", "20")])
        guard assertStatus(r, 200) else { return }
        let versions = r.json?["secretVersions"]?.array ?? []
        XCTAssertEqual(versions.compactMap { $0["version"]?.int }, [3, 2, 1])
        XCTAssertEqual(versions.compactMap { $0["secretValue"]?.string }, ["h3", "h2", "h1"])
        for v in versions { XCTAssertEqual(v["secretKey"]?.string, name); XCTAssertTrue(ISODate.isValid(v["createdAt"]?.string)) }
        let page = try call("GET", "/api/v1/secret/\(id)/secret-versions", query: [("offset", "1"), ("limit", "1")])
        XCTAssertEqual((page.json?["secretVersions"]?.array ?? []).compactMap { $0["version"]?.int }, [2])
        assertValidation(try call("GET", "/api/v1/secret/\(id)/secret-versions"))
        assertError(try call("GET", "/api/v1/secret/\(UUID().uuidString)/secret-versions", query: [("offset", "0"), ("limit", "5")]), 404)
    }
}
