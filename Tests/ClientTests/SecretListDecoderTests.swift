import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// Issue 15: the lean list reader (`SecretListDecoder`) reads exactly what the Codable path
/// (`TolerantJSON` + `JSONDecoder`) reads: the same rows, the same skipped entries, and a refusal
/// for exactly the bodies the Codable path refuses. Held to it on odd hand-written JSON, on a
/// seeded random corpus, and on the real dev server's list responses.
final class SecretListDecoderTests: XCTestCase {
    /// Both readers on one body: equal lists, or both refuse.
    func agree(_ body: Data, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let codable = Result { try TolerantJSON.decode(SecretList.self, from: body) }
        let lean = Result { try SecretListDecoder.decode(body) }
        // The export's reading keeps the same entries, keys, values and paths (other strings empty).
        let exportRead = Result { try SecretListDecoder.decode(body, fields: .keysAndValues) }
        func kept(_ l: SecretList) -> [[String?]] {
            (l.secrets + (l.imports ?? []).flatMap(\.secrets)).map {
                [$0.secretKey, $0.secretValue, $0.secretPath, $0.secretValueHidden.map { "\($0)" }, "\($0.version)"]
            }
        }
        switch (lean, exportRead) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(kept(a), kept(b), "\(label): .keysAndValues kept other rows or values", file: file, line: line)
            XCTAssertEqual(a.skipped, b.skipped, "\(label): .keysAndValues skipped other entries", file: file, line: line)
        case (.failure, .failure): break
        default: XCTFail("\(label): .keysAndValues and .all disagree on refusing the body", file: file, line: line)
        }
        switch (codable, lean) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(a, b, "\(label): the two readers differ", file: file, line: line)
        case (.failure, .failure):
            break
        case (.success(let a), .failure(let e)):
            XCTFail("\(label): Codable read \(a.secrets.count) rows (skipped \(a.skipped)), lean refused: \(e)", file: file, line: line)
        case (.failure(let e), .success(let b)):
            XCTFail("\(label): Codable refused (\(e)), lean read \(b.secrets.count) rows (skipped \(b.skipped))", file: file, line: line)
        }
    }

    func agree(_ json: String, file: StaticString = #filePath, line: UInt = #line) {
        agree(Data(json.utf8), json, file: file, line: line)
    }

    /// A full entry, field by field (raw JSON values).
    static let fields: [(String, String)] = [
        ("id", #""s1""#), ("workspace", #""p1""#), ("environment", #""dev""#), ("version", "3"), ("type", #""shared""#),
        ("secretKey", #""K""#), ("secretValue", #""v""#), ("secretValueHidden", "false"), ("secretComment", #""c""#),
        ("secretPath", #""/a""#), ("tags", ##"[{"id":"t1","slug":"db","name":"DB","color":"#fff"}]"##),
        ("secretReminderRepeatDays", "7"), ("secretReminderNote", #""n""#), ("skipMultilineEncoding", "true"),
        ("actor", #"{"actorId":"u1","actorType":"user","name":"Ann"}"#), ("createdAt", #""2026-01-01T00:00:00Z""#),
        ("updatedAt", #""2026-01-02T00:00:00Z""#),
    ]
    static var base: String { members() }

    /// The entry's members with `field` set to `raw` (or left out when `raw` is nil), then `extra`.
    static func members(_ field: String? = nil, _ raw: String? = nil, extra: String = "") -> String {
        fields.compactMap { name, v in
            let value = name == field ? raw : v
            return value.map { #"""# + name + #"":"# + $0 }
        }.joined(separator: ",") + extra
    }

    /// One list of one entry: the full entry with `field` replaced by `raw` (nil: left out).
    func entry(_ field: String, _ raw: String?) -> String { #"{"secrets":[{"# + Self.members(field, raw) + "}]}" }

    /// One list of one entry: the full entry, then `extra` members (a duplicate key comes second).
    func entry(extra: String) -> String { #"{"secrets":[{"# + Self.members(extra: extra) + "}]}" }

    func testReadsEveryFieldOfAFullEntry() throws {
        let list = try SecretListDecoder.decode(Data(entry(extra: "").utf8))
        XCTAssertEqual(list.secrets.count, 1)
        let s = try XCTUnwrap(list.secrets.first)
        XCTAssertEqual(s, Secret(id: "s1", workspace: "p1", environment: "dev", version: 3, type: "shared", secretKey: "K",
                                 secretValue: "v", secretValueHidden: false, secretComment: "c", secretPath: "/a",
                                 tags: [Tag(id: "t1", slug: "db", name: "DB", color: "#fff")], secretReminderRepeatDays: 7,
                                 secretReminderNote: "n", skipMultilineEncoding: true,
                                 actor: SecretActor(actorId: "u1", actorType: "user", name: "Ann"),
                                 createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z"))
        agree(entry(extra: ""))
    }

    func testStringEscapesAndUnicodeAgree() throws {
        let values = [
            #"\"\\\/\b\f\n\r\t"#, #"\u0000\u001f\u007f"#, #"\u00e9\u20AC\uFFFF"#, #"\ud83d\ude00"#, #"\uD83D\uDE00x"#,
            #"a\ud800b"#, #"\udc00"#, #"\ud800\ud800"#, #"\ude00\ud83d"#, #"x\ud800"#, #"\ud800\u0041"#, #"\\ud800"#,
            #"\\\ud800"#, "é日本😀", "\u{feff}bom", "a\u{2028}b", #"\u202e\u001b[31m"#, "",
        ]
        for v in values {
            agree(entry("secretValue", #"""# + v + #"""#))
            agree(entry("secretKey", #"""# + v + #"""#))
        }
        let s = try SecretListDecoder.decode(Data(entry("secretValue", #""\ud83d\ude00\ud800\"\n""#).utf8)).secrets[0]
        XCTAssertEqual(s.secretValue, "😀\u{FFFD}\"\n", "a pair combines, a lone surrogate is U+FFFD")
    }

    func testInvalidUTF8IsRepairedTheSameWay() {
        for bad: [UInt8] in [[0xFF], [0xFE, 0xFF], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                             [0x80], [0xE2, 0x82, 0x5C, 0x6E]] {
            var d = Data(#"{"secrets":[{"# .utf8) + Data(Self.members("secretValue", nil, extra: #","secretValue":"x"#).utf8)
            d += Data(bad) + Data(#"y"}]}"#.utf8)
            agree(d, "invalid UTF-8 \(bad)")
        }
    }

    func testNullsMissingFieldsAndWrongTypesAgree() {
        let optional = ["workspace", "type", "secretValueHidden", "secretComment", "secretPath", "tags", "secretReminderRepeatDays",
                        "secretReminderNote", "skipMultilineEncoding", "actor", "createdAt", "updatedAt"]
        let required = ["id", "environment", "version", "secretKey", "secretValue"]
        let odd = ["null", "1", "-2.5", "1e3", "true", "false", #""s""#, "[]", "{}", #"[{"slug":"x"}]"#, #"{"name":"n"}"#, "[1]",
                   #"[{"id":"x"}]"#, #"{"name":5}"#, "3.0", "1e400", "99999999999999999999", "-0", "0.1e1", #""7""#, #"[null]"#]
        for f in optional + required {
            for v in odd { agree(entry(f, v)) }
        }
        for f in optional + required { agree(entry(f, nil)) }    // left out entirely
    }

    func testEntriesOfTheWrongShapeAreNamedTheSameWay() throws {
        let body = #"{"secrets":[42,"str",null,[],{"secretKey":"NO_VALUE","id":"x"},{"secretKey":5},{"# + Self.base + "},true]}"
        agree(body)
        let list = try SecretListDecoder.decode(Data(body.utf8))
        XCTAssertEqual(list.secrets.map(\.secretKey), ["K"])
        XCTAssertEqual(list.skipped, ["#0", "#1", "#2", "#3", "NO_VALUE", "#5", "#7"])
    }

    func testOrderDuplicatesWhitespaceAndUnknownFieldsAgree() throws {
        let reversed = Self.fields.reversed().map { #"""# + $0.0 + #"":"# + $0.1 }.joined(separator: ",")
        agree(#"{"secrets":[{"# + reversed + "}]}")
        agree(entry(extra: #","secretValue":"second""#))
        agree(entry("version", #""x""#) .replacingOccurrences(of: "}]}", with: #","version":4}]}"#))
        agree(entry("version", "5").replacingOccurrences(of: "}]}", with: #","version":"x"}]}"#))
        agree(entry(extra: #","extra":{"a":[1,2,{"b":null}],"c":"\u0041"},"more":[true,false,null,-1.5e-3],"z":"""#))
        agree(entry("secretKey", nil).replacingOccurrences(of: "}]}", with: #","secret\u004bey":"ESCAPED_KEY_NAME"}]}"#))
        let dup = try SecretListDecoder.decode(Data(entry(extra: #","secretValue":"second""#).utf8))
        XCTAssertEqual(dup.secrets.first?.secretValue, "v", "the first of duplicate keys wins, as in JSONDecoder")
        agree(" \n\t{ \"secrets\" : [ { " + Self.base.replacingOccurrences(of: ",", with: " ,\r\n ") + " } ] , \"x\" : 1 } \n")
        agree(#"{"other":1,"secrets":[],"imports":null}"#)
        agree(#"{"secrets":[],"secrets":[{"# + Self.base + "}]}")
        agree(entry(extra: #","deep":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }

    func testImportsAgree() throws {
        let imp = #"{"secretPath":"/shared","environment":"prod","folderId":"f1","secrets":[{"# + Self.base + #"},7]}"#
        let body = #"{"secrets":[{"# + Self.base + #"}],"imports":["# + imp + "]}"
        agree(body)
        let list = try SecretListDecoder.decode(Data(body.utf8))
        XCTAssertEqual(list.imports?.first?.secrets.count, 1)
        XCTAssertEqual(list.skipped, ["prod:/shared #1"])
        for bad in [#"{"secretPath":"/s","secrets":[]}"#, #"{"secretPath":"/s","environment":"e","secrets":{}}"#,
                    #"{"secretPath":"/s","environment":"e"}"#, #"{"secretPath":1,"environment":"e","secrets":[]}"#,
                    #"{"secretPath":"/s","environment":"e","folderId":null,"secrets":[]}"#,
                    #"{"secretPath":"/s","environment":"e","folderId":3,"secrets":[]}"#, "null", "1"] {
            agree(#"{"secrets":[],"imports":["# + bad + "]}")
        }
        for imports in ["null", "{}", "[]", "7", #""x""#] { agree(#"{"secrets":[],"imports":"# + imports + "}") }
    }

    func testMalformedBodiesAgree() {
        let bad = ["", " ", "null", "[]", "{}", #"{"secrets":null}"#, #"{"secrets":{}}"#, #"{"secrets":"x"}"#,
                   #"{"secrets":[}"#, #"{"secrets":[],}"#, #"{"secrets":[1,]}"#, #"{"secrets":[01]}"#, #"{"secrets":[1.]}"#,
                   #"{"secrets":[-]}"#, #"{"secrets":[.5]}"#, #"{"secrets":[+1]}"#, #"{"secrets":[1e]}"#, #"{"secrets":[NaN]}"#,
                   #"{"secrets":["a\x"]}"#, #"{"secrets":["\u12"]}"#, #"{"secrets":["\u12g4"]}"#, "{\"secrets\":[\"a\tb\"]}",
                   "{\"secrets\":[\"a\nb\"]}", #"{"secrets":[]} x"#, #"{"secrets":[]}}"#, #"{'secrets':[]}"#,
                   #"{"secrets":[tru]}"#, #"{"secrets":[nul]}"#, #"{"secrets" [] }"#, #"{"secrets":[] /* c */}"#,
                   #"{"secrets":[{"a" 1}]}"#, #"{"secrets":[{"a":1,,"b":2}]}"#, #"{"secrets":[{1:2}]}"#,
                   #"{"secrets":["unterminated]}"#, #"{"secrets":[]"#, "\u{feff}{\"secrets\":[]}", #"{"secrets":[,]}"#,
                   #"{"secrets":[{,}]}"#, #"{"secrets":[],,}"#, #"{"secrets":[1,,]}"#, #"{"a\x":1,"secrets":[]}"#,
                   #"{"secrets":[{"# + Self.members() + #","b\x":1}]}"#, #"{"secrets":[{"# + Self.members() + #","tags":[{"slug":"s","\q":1}]}]}"#,
                   #"{"secrets":[{"# + Self.members() + #","x":"\q","y":01,"z":"a"# + "\t" + #"b"}]}"#]
        for b in bad { agree(b) }
        // A truncated real body, at every cut.
        let full = entry(extra: #","x":[1,{"y":"z\u00e9"}]"#)
        for n in stride(from: 0, to: full.utf8.count, by: 7) { agree(Data(full.utf8.prefix(n)), "cut at \(n)") }
    }

    /// Seeded random lists: each field present or not, valid, null or the wrong type, in random
    /// order with unknown fields between, strings drawn from escapes and unicode.
    func testSeededRandomCorpusAgrees() {
        var rng = SplitMix(seed: 0x15A)
        let strings = [#""plain""#, #""a\"b\\c""#, #""\ud83d\ude00""#, #""\ud800""#, #""é\u00e9""#, #""\n\t""#, #""""#,
                       #""\u001b]52;c;x\u0007""#, #""\/""#, #""日本""#]
        let wrong = ["null", "1", "true", "[]", "{}", "2.5", #""s""#, "[{\"slug\":\"x\"}]", "{\"name\":\"n\"}"]
        let fields: [(String, [String])] = [
            ("id", strings), ("workspace", strings), ("environment", strings), ("version", ["1", "42", "-7", "2.0", "1e1"]),
            ("type", strings), ("secretKey", strings), ("secretValue", strings), ("secretValueHidden", ["true", "false"]),
            ("secretComment", strings), ("secretPath", strings),
            ("tags", ["[]", #"[{"slug":"a"}]"#, #"[{"slug":"b","id":"i","name":"n","color":null}]"#]),
            ("secretReminderRepeatDays", ["0", "1.5", "-3e2"]), ("secretReminderNote", strings),
            ("skipMultilineEncoding", ["true", "false"]), ("actor", [#"{}"#, #"{"name":"x","actorId":null}"#]),
            ("createdAt", strings), ("updatedAt", strings), ("unknown", strings + wrong),
        ]
        for doc in 0..<300 {
            var entries: [String] = []
            for _ in 0..<rng.below(8) {
                var members: [String] = []
                for (name, good) in fields where rng.below(10) > 0 {
                    let r = rng.below(20)
                    let v = r < 16 ? good[rng.below(good.count)] : wrong[rng.below(wrong.count)]
                    members.append(#"""# + name + #"":"# + v)
                }
                members.shuffle(using: &rng)
                entries.append(rng.below(30) == 0 ? "7" : "{" + members.joined(separator: ",") + "}")
            }
            let imports = rng.below(4) == 0 ? #","imports":[{"secretPath":"/i","environment":"e","secrets":["# + entries.joined(separator: ",") + "]}]" : ""
            agree(Data((#"{"secrets":["# + entries.joined(separator: ",") + "]" + imports + "}").utf8), "random doc \(doc)")
        }
    }

    /// The dev server's real list responses (values, recursive with imports, metadata-only, a
    /// bulk folder) read the same both ways, and the lean reader is what `listSecrets` uses.
    func testDevServerListsAgree() throws {
        let server = try DevServerFixture(extraArgs: ["--bulk", "500"])
        defer { server.stop() }
        let admin = server.identity("admin")
        let api = try InfisicalAPI(configuration: ClientConfiguration(
            domain: URL(string: server.url)!, credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret)))
        let project = try api.project(idOrSlug: "opticworks-store")
        var checked = 0
        for env in project.environments.map(\.slug) {
            for (path, recursive, values) in [("/", true, true), ("/", false, false), ("/bulk", false, true)] {
                let call = InfisicalAPI.Call(path: "/api/v4/secrets", query: [
                    ("projectId", project.id), ("environment", env), ("secretPath", path),
                    ("viewSecretValue", values ? "true" : "false"), ("expandSecretReferences", "true"),
                    ("recursive", recursive ? "true" : "false"), ("include_imports", "true"), ("includeImports", "true")])
                guard let body = try? api.send(call, cancel: nil) else { continue }   // /bulk exists in one env only
                agree(body, "\(env) \(path) recursive=\(recursive) values=\(values)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 4, "at least a few real responses were compared")
        let bulk = try api.listSecrets(projectId: project.id, environment: project.environments[0].slug, path: "/bulk", viewValues: true)
        XCTAssertEqual(bulk.secrets.count, 500)
        XCTAssertEqual(bulk.secrets.first { $0.secretKey == "BULK_SECRET_000123" }?.secretValue, "bulk-value-000123")
    }

    /// The client's error for a body neither reader accepts is the same "malformed response" as before.
    func testMalformedListIsTheClientsMalformedError() throws {
        let s = try FixtureHTTPServer { req in
            if req.path.hasPrefix("/api/v4/secrets") { return .init(body: #"{"secrets":[{"id":"x",]}"#) }
            return .init(status: 404, body: #"{"statusCode":404,"message":"Route not found","error":"NotFound"}"#)
        }
        defer { s.stop() }
        var c = ClientConfiguration(domain: URL(string: s.url)!, credentials: .accessToken("tok"))
        c.requestTimeout = 5
        let api = try InfisicalAPI(configuration: c)
        XCTAssertThrowsError(try api.listSecrets(projectId: "p1", environment: "dev", path: "/")) { e in
            let expected = ErrorMapper.malformed(api.origin, path: "/api/v4/secrets")
            XCTAssertEqual((e as? InfisicalError)?.message, expected.message)
            XCTAssertEqual((e as? InfisicalError)?.kind, expected.kind)
        }
    }
}

/// A small seeded generator, so the random corpus is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
