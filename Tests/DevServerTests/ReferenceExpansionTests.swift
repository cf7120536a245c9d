import Foundation
import XCTest

/// §6 references: `${KEY}`, `${env.KEY}`, `${env.folder.sub.KEY}` expanded only on request.
final class ReferenceExpansionTests: DevServerTestCase {
    func value(_ r: HTTPResponse) -> String? { r.json?["secret"]?["secretValue"]?.string }

    func testSameFolderReference() throws {
        let base = unique("BASE"), ref = unique("REF")
        assertStatus(try createSecret(base, "base-value"), 200)
        assertStatus(try createSecret(ref, "pre-${\(base)}-post"), 200)
        XCTAssertEqual(value(try getSecret(ref, [("expandSecretReferences", "true")])), "pre-base-value-post")
        XCTAssertEqual(value(try getSecret(ref, [("expandSecretReferences", "false")])), "pre-${\(base)}-post")
        XCTAssertEqual(value(try getSecret(ref)), "pre-${\(base)}-post", "expansion is off by default")
        // Lists expand too, when asked.
        let list = try listSecrets([("expandSecretReferences", "true")])
        let item = (list.json?["secrets"]?.array ?? []).first { $0["secretKey"]?.string == ref }
        XCTAssertEqual(item?["secretValue"]?.string, "pre-base-value-post")
    }

    func testOtherEnvironmentReference() throws {
        let target = unique("STG_TARGET"), ref = unique("ENV_REF")
        assertStatus(try createSecret(target, "from-staging", env: "staging"), 200)
        assertStatus(try createSecret(ref, "${staging.\(target)}"), 200)
        XCTAssertEqual(value(try getSecret(ref, [("expandSecretReferences", "true")])), "from-staging")
    }

    func testFolderAndNestedFolderReferences() throws {
        let inFolder = unique("IN_STRIPE"), deep = unique("DEEP"), ref = unique("FOLDER_REF")
        let sub = "sub\(UUID().uuidString.prefix(4).lowercased())"
        assertStatus(try createSecret(inFolder, "folder-value", path: "/stripe"), 200)
        assertStatus(try call("POST", "/api/v2/folders",
                              json: ["projectId": try projectId(), "environment": "dev", "name": sub, "path": "/internal"]), 200)
        assertStatus(try createSecret(deep, "deep-value", path: "/internal/\(sub)"), 200)
        assertStatus(try createSecret(ref, "${dev.stripe.\(inFolder)}|${dev.internal.\(sub).\(deep)}"), 200)
        XCTAssertEqual(value(try getSecret(ref, [("expandSecretReferences", "true")])), "folder-value|deep-value")
    }

    func testReferenceChainsExpandTransitively() throws {
        let a = unique("CHAIN_A"), b = unique("CHAIN_B"), c = unique("CHAIN_C")
        assertStatus(try createSecret(a, "end"), 200)
        assertStatus(try createSecret(b, "<${\(a)}>"), 200)
        assertStatus(try createSecret(c, "[${\(b)}]"), 200)
        XCTAssertEqual(value(try getSecret(c, [("expandSecretReferences", "true")])), "[<end>]")
    }

    func testUpdatingTheTargetChangesTheExpansion() throws {
        let t = unique("TGT"), r = unique("PTR")
        assertStatus(try createSecret(t, "one"), 200)
        assertStatus(try createSecret(r, "${\(t)}"), 200)
        XCTAssertEqual(value(try getSecret(r, [("expandSecretReferences", "true")])), "one")
        assertStatus(try updateSecret(t, fields: ["secretValue": "two"]), 200)
        XCTAssertEqual(value(try getSecret(r, [("expandSecretReferences", "true")])), "two")
    }

    /// Seeded references: discover them (raw list vs expanded list) rather than hard-coding values.
    func testSeededReferencesExpand() throws {
        var found = 0
        for env in ["dev", "staging", "prod"] {
            let raw = try listSecrets(env: env, [("recursive", "true"), ("expandSecretReferences", "false")])
            let exp = try listSecrets(env: env, [("recursive", "true"), ("expandSecretReferences", "true")])
            guard assertStatus(raw, 200), assertStatus(exp, 200) else { continue }
            func keyed(_ r: HTTPResponse) -> [String: String] {
                Dictionary((r.json?["secrets"]?.array ?? []).compactMap { s -> (String, String)? in
                    guard let k = s["secretKey"]?.string, let v = s["secretValue"]?.string else { return nil }
                    return ("\(s["secretPath"]?.string ?? "?")/\(k)", v)
                }, uniquingKeysWith: { a, _ in a })
            }
            let rawMap = keyed(raw), expMap = keyed(exp)
            XCTAssertEqual(Set(rawMap.keys), Set(expMap.keys), env)
            for (k, v) in rawMap where v.contains("${") {
                found += 1
                let e = expMap[k] ?? ""
                XCTAssertNotEqual(e, v, "\(env) \(k) should expand")
                XCTAssertFalse(e.contains("${"), "\(env) \(k) expanded value still has a reference")
            }
        }
        XCTAssertGreaterThan(found, 0, "the demo seed should contain references")
    }
}

/// A reference cycle, on its own server so it does not leak into the seeded-reference scan above.
final class CircularReferenceTests: DevServerTestCase {
    func testCircularReferencesFailCleanlyInsteadOfHanging() throws {
        let a = unique("LOOP_A"), b = unique("LOOP_B")
        assertStatus(try createSecret(a, "${\(b)}"), 200)
        assertStatus(try createSecret(b, "${\(a)}"), 200)
        let started = Date()
        let r = try getSecret(a, [("expandSecretReferences", "true")])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "expansion of a cycle must terminate")
        XCTAssertTrue((200..<500).contains(r.status), "a cycle is not a server error: \(r)")
        XCTAssertNotNil(r.json?["secret"] ?? r.json?["error"], "\(r)")
        // Raw reads are unaffected.
        XCTAssertEqual(try getSecret(a).json?["secret"]?["secretValue"]?.string, "${\(b)}")
    }
}
