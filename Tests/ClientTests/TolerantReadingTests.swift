import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// Issue 13 item 8: one odd entry never costs the whole folder. A real loopback HTTP server sends
/// a list with lone surrogate escapes, invalid UTF-8 and entries of the wrong shape; the client
/// reads the rest (U+FFFD for the broken text, as Infisical's Go CLI and Node do) and names what
/// it skipped, through the API and through the real CLI binary.
final class TolerantReadingTests: XCTestCase {
    static let bareProject = #"{"id":"p1","name":"Store","slug":"store","environments":[{"id":"e1","name":"Development","slug":"dev"}]}"#

    static func secret(_ key: String, _ value: String, id: String, version: String = "1") -> String {
        #"{"id":"\#(id)","_id":"\#(id)","workspace":"p1","environment":"dev","version":\#(version),"type":"shared","secretKey":"\#(key)","secretValue":"\#(value)","secretComment":"","secretPath":"/","createdAt":"2026-11-01T00:00:00.000Z","updatedAt":"2026-11-01T00:00:00.000Z"}"#
    }

    /// Raw body bytes: JSON escapes written exactly as a server would send them.
    static var listBody: Data {
        var d = Data(#"{"secrets":["#.utf8)
        d += Data(secret("PLAIN", "ok", id: "s1").utf8) + Data(",".utf8)
        d += Data(secret("LONE_HIGH", #"a\ud800b"#, id: "s2").utf8) + Data(",".utf8)
        d += Data(secret(#"LONE_LOW_\udc00"#, "v", id: "s3").utf8) + Data(",".utf8)
        d += Data(secret("PAIR", #"\ud83d\ude00"#, id: "s4").utf8) + Data(",".utf8)
        d += Data(secret("LITERAL", #"\\ud800"#, id: "s5").utf8) + Data(",".utf8)
        // Invalid UTF-8 inside a value: bytes FF FE.
        d += Data(#"{"id":"s6","_id":"s6","workspace":"p1","environment":"dev","version":1,"type":"shared","secretKey":"BAD_UTF8","secretValue":"x"#.utf8)
        d += Data([0xFF, 0xFE])
        d += Data(#"y","secretComment":"","secretPath":"/"},"#.utf8)
        d += Data(secret("BROKEN", "v", id: "s7", version: #""seven""#).utf8) + Data(",".utf8)
        d += Data("42".utf8)
        d += Data(#"],"imports":[]}"#.utf8)
        return d
    }

    func server() throws -> FixtureHTTPServer {
        try FixtureHTTPServer { req in
            if req.path.hasPrefix("/api/v1/projects/slug/") { return .init(body: Self.bareProject) }
            if req.path.hasPrefix("/api/v1/projects/") { return .init(body: #"{"project":\#(Self.bareProject)}"#) }
            if req.path.hasPrefix("/api/v4/secrets") {
                var r = FixtureHTTPServer.Response()
                r.body = Self.listBody
                return r
            }
            return .init(status: 404, body: #"{"statusCode":404,"message":"Route not found","error":"NotFound"}"#)
        }
    }

    func testLoneSurrogatesBecomeReplacementCharactersAndBadEntriesAreNamed() throws {
        // The body really is what the strict decoder refuses (else this test proves nothing).
        struct Strict: Decodable { var secrets: [Secret] }
        XCTAssertThrowsError(try JSONDecoder().decode(Strict.self, from: Self.listBody))
        let s = try server()
        defer { s.stop() }
        var c = ClientConfiguration(domain: URL(string: s.url)!, credentials: .accessToken("tok"))
        c.requestTimeout = 5
        let api = try InfisicalAPI(configuration: c)
        let list = try api.listSecrets(projectId: "p1", environment: "dev", path: "/", viewValues: true)
        let byKey = Dictionary(list.secrets.map { ($0.secretKey, $0.secretValue) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byKey["PLAIN"], "ok")
        XCTAssertEqual(byKey["LONE_HIGH"], "a\u{FFFD}b")
        XCTAssertEqual(byKey["LONE_LOW_\u{FFFD}"], "v")
        XCTAssertEqual(byKey["PAIR"], "😀", "a proper surrogate pair is kept")
        XCTAssertEqual(byKey["LITERAL"], "\\ud800", "an escaped backslash is text, not an escape")
        XCTAssertEqual(byKey["BAD_UTF8"], "x\u{FFFD}\u{FFFD}y")
        XCTAssertEqual(list.secrets.count, 6)
        XCTAssertEqual(list.skipped, ["BROKEN", "#7"], "wrong-shaped entries are named (by key when readable)")
    }

    /// The repair itself, on the escapes that matter: only unpaired surrogates inside strings change.
    func testRepairTouchesOnlyUnpairedSurrogateEscapes() throws {
        func fixed(_ json: String) -> String {
            TolerantJSON.repaired(Data(json.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? json
        }
        XCTAssertEqual(fixed(#"{"a":"\ud83d\ude00"}"#), #"{"a":"\ud83d\ude00"}"#, "a pair stays")
        XCTAssertEqual(fixed(#"{"a":"\uD83D\uDE00"}"#), #"{"a":"\uD83D\uDE00"}"#, "upper-case pair stays")
        XCTAssertEqual(fixed(#"{"a":"\ud800\ud800"}"#), #"{"a":"\uFFFD\uFFFD"}"#, "two highs")
        XCTAssertEqual(fixed(#"{"a":"\ude00\ud83d"}"#), #"{"a":"\uFFFD\uFFFD"}"#, "low before high")
        XCTAssertEqual(fixed(#"{"a":"x\ud800"}"#), #"{"a":"x\uFFFD"}"#, "at the end of a string")
        XCTAssertEqual(fixed(#"{"\udc00":1}"#), #"{"\uFFFD":1}"#, "in a key")
        XCTAssertEqual(fixed(#"{"a":"\\ud800"}"#), #"{"a":"\\ud800"}"#, "an escaped backslash is text")
        XCTAssertEqual(fixed(#"{"a":"\\\ud800"}"#), #"{"a":"\\\uFFFD"}"#, "backslash, then an escape")
        XCTAssertEqual(fixed(#"{"a":"\"\ud800"}"#), #"{"a":"\"\uFFFD"}"#, "after an escaped quote")
        XCTAssertNil(TolerantJSON.repaired(Data(#"{"a":"plain \u00e9"}"#.utf8)), "nothing to repair: fast path")
        for json in [#"["\ud800"]"#, #"{"k":"a\udfffb"}"#] {
            XCTAssertNoThrow(try TolerantJSON.decode(JSONValue.self, from: Data(json.utf8)), json)
        }
    }

    func testCLIListsTheRestAndWarnsAboutTheSkippedOnStderr() throws {
        let s = try server()
        defer { s.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tolerant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "LANG": "C.UTF-8",
                   "INFISICAL_DOMAIN": s.url, "INFISICAL_TOKEN": "tok"]
        let r = try ChildProcess.run(BuiltBinary.tui, ["secrets", "list", "--reveal", "--json", "--projectId", "p1", "--env", "dev"],
                                     env: env, cwd: home.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
        XCTAssertEqual(Set(rows.compactMap { $0["key"] as? String }),
                       ["PLAIN", "LONE_HIGH", "LONE_LOW_\u{FFFD}", "PAIR", "LITERAL", "BAD_UTF8"])
        XCTAssertTrue(r.stderr.contains("warning: skipped 2 entries"), r.stderr)
        XCTAssertTrue(r.stderr.contains("BROKEN") && r.stderr.contains("#7"), r.stderr)
    }
}
