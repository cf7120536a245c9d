import Foundation
import XCTest

/// Issue 2 §3: the demo data's required properties, checked over the API (not by reading the seed file).
final class SeedDataTests: DevServerTestCase {
    struct Item { let path: String; let key: String; let value: String; let comment: String; let updatedAt: Date? }

    func all(_ env: String, project: String = "opticworks-store") throws -> [Item] {
        let r = try listSecrets(env: env, project: try projectId(project), [("recursive", "true"), ("expandSecretReferences", "false")])
        XCTAssertEqual(r.status, 200, "\(r)")
        return (r.json?["secrets"]?.array ?? []).compactMap { s in
            guard let k = s["secretKey"]?.string, let v = s["secretValue"]?.string else { return nil }
            return Item(path: s["secretPath"]?.string ?? "/", key: k, value: v, comment: s["secretComment"]?.string ?? "",
                        updatedAt: ISODate.parse(s["updatedAt"]?.string))
        }
    }

    func everything() throws -> [Item] {
        var out: [Item] = []
        for p in ["opticworks-store", "hardwareos", "presence-engine", "infrastructure"] {
            for e in ["dev", "staging", "prod"] { out += try all(e, project: p) }
        }
        return out
    }

    func testFoldersAndNamingConventions() throws {
        let items = try all("dev")
        let paths = Set(items.map(\.path))
        XCTAssertTrue(paths.isSuperset(of: ["/database", "/redis", "/stripe", "/easypost", "/internal"]), "\(paths)")
        let upperSnake = items.filter { $0.key.range(of: #"^[A-Z][A-Z0-9_]*$"#, options: .regularExpression) != nil }
        XCTAssertEqual(upperSnake.count, items.count, "seeded keys are UPPER_SNAKE_CASE: \(items.map(\.key).filter { $0.uppercased() != $0 })")
    }

    func testDistinctValuesPerEnvironmentExceptOneSharedValue() throws {
        let dev = try all("dev"), prod = try all("prod")
        let prodByKey = Dictionary(prod.map { ("\($0.path)/\($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a })
        var same = 0, different = 0
        for d in dev { if let p = prodByKey["\(d.path)/\(d.key)"] { if p == d.value { same += 1 } else { different += 1 } } }
        XCTAssertGreaterThanOrEqual(same, 1, "one value equal in dev and prod")
        XCTAssertGreaterThan(different, same * 3, "values are mostly distinct per environment")
    }

    func testSomeSecretsAreDueForRotation() throws {
        let old = try everything().filter { ($0.updatedAt ?? Date()) < Date().addingTimeInterval(-90 * 86400) }
        XCTAssertFalse(old.isEmpty, "some secrets last updated more than 90 days ago")
    }

    func testAwkwardValuesForTheTUI() throws {
        let items = try everything()
        XCTAssertTrue(items.contains { $0.value.contains("-----BEGIN") && $0.value.components(separatedBy: "\n").count > 3 },
                      "a multi-line PEM-like value")
        XCTAssertTrue(items.contains { v in v.value.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
                          && v.value.unicodeScalars.contains { $0.properties.isEmojiPresentation } },
                      "a value with CJK and emoji")
        let hostile = items.first { $0.value.contains("\u{1B}[2J") }
        XCTAssertNotNil(hostile, "a value with ESC[2J")
        if let h = hostile {
            let both = h.value + h.comment
            XCTAssertTrue(both.contains("\u{1B}]"), "an OSC sequence (title set)")
            XCTAssertTrue(both.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                          "a bidi override")
            XCTAssertTrue(h.comment.contains("\u{1B}"), "the comment carries escapes too")
        }
    }
}
