import Foundation
import TestSupport
import XCTest

/// Issue 13 item 7: the dev server bounds reference expansion, pages audit logs after filtering,
/// counts characters (not bytes) in folder paths, never reuses or writes through an existing ready
/// file, and seeds an identity that is a member of no project (for 403s).
final class DevServerHardeningTests: DevServerTestCase {
    func value(_ r: HTTPResponse) -> String? { r.json?["secret"]?["secretValue"]?.string }

    func testReferenceChainDeeperThanTheLimitIsA400NamingTheSecret() throws {
        let base = unique("DEPTH")
        assertStatus(try createSecret("\(base)_0", "end"), 200)
        for i in 1...11 { assertStatus(try createSecret("\(base)_\(i)", "${\(base)_\(i - 1)}"), 200) }
        XCTAssertEqual(value(try getSecret("\(base)_10", [("expandSecretReferences", "true")])), "end", "10 levels are fine")
        let r = try getSecret("\(base)_11", [("expandSecretReferences", "true")])
        assertError(r, 400, error: "SecretReferenceLimit", message: "\(base)_11")
        XCTAssertTrue(r.json?["message"]?.string?.contains("deeper than 10") == true, "\(r)")
        // Without expansion the value is served as written.
        XCTAssertEqual(value(try getSecret("\(base)_11")), "${\(base)_10}")
    }

    func testReferenceFanOutIsRefusedQuickly() throws {
        // Each level references the one below ten times: 10^5 look-ups for the top.
        let base = unique("FAN")
        assertStatus(try createSecret("\(base)_0", "v"), 200)
        for i in 1...5 {
            assertStatus(try createSecret("\(base)_\(i)", String(repeating: "${\(base)_\(i - 1)}", count: 10)), 200)
        }
        XCTAssertEqual(value(try getSecret("\(base)_2", [("expandSecretReferences", "true")])), String(repeating: "v", count: 100))
        let t0 = Date()
        let r = try getSecret("\(base)_5", [("expandSecretReferences", "true")])
        assertError(r, 400, error: "SecretReferenceLimit", message: "references")
        XCTAssertLessThan(Date().timeIntervalSince(t0), 5, "refused without doing the whole expansion")
        // A list that would expand it fails the same clear way, rather than hanging.
        assertError(try listSecrets([("expandSecretReferences", "true")]), 400, error: "SecretReferenceLimit")
        for i in 1...5 { assertStatus(try deleteSecret("\(base)_\(i)"), 200) }   // keep other list tests' folder clean
    }

    func testExpansionLargerThanTheLimitIsA400() throws {
        let big = unique("BIG"), boom = unique("BOOM")
        assertStatus(try createSecret(big, String(repeating: "x", count: 120_000)), 200)
        assertStatus(try createSecret(boom, String(repeating: "${\(big)}", count: 10)), 200)
        assertError(try getSecret(boom, [("expandSecretReferences", "true")]), 400, error: "SecretReferenceLimit", message: "bytes")
        assertStatus(try deleteSecret(boom), 200)
    }

    func testAuditMetadataFiltersApplyBeforePaging() throws {
        let key = unique("PAGED")
        assertStatus(try createSecret(key, "1"), 200)
        assertStatus(try updateSecret(key, fields: ["secretValue": "2"]), 200)
        assertStatus(try updateSecret(key, fields: ["secretValue": "3"]), 200)
        // Newer, non-matching events on top: a filter applied after LIMIT would see only these.
        for i in 0..<5 { assertStatus(try createSecret(unique("NOISE\(i)"), "n"), 200) }
        let start = ISODate.string(Date().addingTimeInterval(-3600))
        var seen: [String] = []
        for offset in 0..<4 {
            let r = try call("GET", "/api/v1/organization/audit-logs", query: [
                ("projectId", try projectId()), ("startDate", start), ("eventMetadata", "secretKey=\(key)"),
                ("limit", "1"), ("offset", String(offset)),
            ])
            assertStatus(r, 200)
            let rows = r.json?["auditLogs"]?.array ?? []
            if offset < 3 {
                XCTAssertEqual(rows.count, 1, "page \(offset) of 3 matching events: \(r)")
            } else {
                XCTAssertEqual(rows.count, 0, "past the last match")
            }
            for row in rows {
                XCTAssertEqual(row["event"]?["metadata"]?["secretKey"]?.string, key)
                seen.append(row["id"]?.string ?? "")
            }
        }
        XCTAssertEqual(Set(seen).count, 3, "every matching event exactly once")
    }

    /// SQLite would cut a value at NUL; the server refuses it instead (as Infisical's Postgres does).
    func testNulInAStringFieldIsRefusedNotTruncated() throws {
        let key = unique("NUL")
        assertError(try createSecret(key, "before\u{0}after"), 400, message: "NUL")
        assertStatus(try getSecret(key), 404)
        assertStatus(try createSecret(key, "ok"), 200)
        assertError(try updateSecret(key, fields: ["secretComment": "a\u{0}b"]), 400, message: "NUL")
        XCTAssertEqual(try getSecret(key).json?["secret"]?["secretComment"]?.string, "")
    }

    func testOutsiderIdentityIsAMemberOfNoProject() throws {
        let outsider = try server.identity("none")
        XCTAssertEqual(outsider.name, "demo-outsider")
        let projects = try call("GET", "/api/v1/projects", as: "none")
        assertStatus(projects, 200)
        XCTAssertEqual(projects.json?["projects"]?.array?.count, 0, "sees no project")
        let r = try listSecrets(as: "none")
        XCTAssertEqual(r.status, 403, "a non-member is refused: \(r)")
        let audit = try call("GET", "/api/v1/organization/audit-logs", as: "none", query: [("projectId", try projectId())])
        XCTAssertEqual(audit.status, 403, "\(audit)")
    }
}

/// Folder paths with non-ASCII names: SQLite's substr counts characters, so byte lengths missed
/// every descendant (recursive lists) and broke renames.
final class NonASCIIFolderTests: DevServerTestCase {
    static let seedPath: String = {
        let path = NSTemporaryDirectory() + "/nonascii-seed-\(getpid()).json"
        let seed: [String: Any] = [
            "organization": ["name": "Org", "slug": "org"],
            "environments": [["slug": "dev", "name": "Development"]],
            "identities": [["name": "demo-admin", "role": "admin"]],
            "projects": [[
                "slug": "unicode", "name": "unicode", "folders": ["/café", "/café/sub", "/cafébar", "/日本/深い"],
                "secrets": [
                    ["path": "/café/sub", "key": "DEEP", "values": ["dev": "in-sub"]],
                    ["path": "/cafébar", "key": "SIBLING", "values": ["dev": "not-below-café"]],
                    ["path": "/日本/深い", "key": "JP", "values": ["dev": "deep-jp"]],
                ],
            ]],
        ]
        let data = try! JSONSerialization.data(withJSONObject: seed)
        FileManager.default.createFile(atPath: path, contents: data)
        return path
    }()
    override class var serverArguments: [String] { ["--seed", seedPath] }

    func keys(_ r: HTTPResponse) -> Set<String> { Set((r.json?["secrets"]?.array ?? []).compactMap { $0["secretKey"]?.string }) }

    func testRecursiveListBelowANonASCIIFolderFindsItsDescendantsOnly() throws {
        let p = try projectId("unicode")
        let cafe = try listSecrets(path: "/café", project: p, [("recursive", "true")])
        assertStatus(cafe, 200)
        XCTAssertEqual(keys(cafe), ["DEEP"], "\(cafe)")
        let jp = try listSecrets(path: "/日本", project: p, [("recursive", "true")])
        XCTAssertEqual(keys(jp), ["JP"], "\(jp)")
    }

    func testRenamingANonASCIIFolderMovesItsChildren() throws {
        let p = try projectId("unicode")
        let folders = try call("GET", "/api/v2/folders", query: [("projectId", p), ("environment", "dev"), ("path", "/日本")])
        let sub = try XCTUnwrap(folders.json?["folders"]?.array?.first)
        XCTAssertEqual(sub["name"]?.string, "深い")
        let top = try call("GET", "/api/v2/folders", query: [("projectId", p), ("environment", "dev"), ("path", "/")])
        let jp = try XCTUnwrap((top.json?["folders"]?.array ?? []).first { $0["name"]?.string == "日本" }?["id"]?.string)
        assertStatus(try call("PATCH", "/api/v2/folders/\(jp)",
                              json: ["projectId": p, "environment": "dev", "name": "nihon", "path": "/"]), 200)
        XCTAssertEqual(keys(try listSecrets(path: "/nihon/深い", project: p)), ["JP"], "the child moved with its parent")
    }
}

/// `--ready-file` at a path that already exists (stale or planted, or a symlink): the server
/// refuses to start and leaves it alone, instead of handing a reader someone else's URL.
final class ReadyFileExclusiveTests: XCTestCase {
    func start(readyFile: String) -> (status: Int32?, log: String) {
        let logPath = NSTemporaryDirectory() + "/ready-excl-\(UUID().uuidString).log"
        let fd = open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd); unlink(logPath) }
        let pid = Spawn.start(BuiltBinary.devServer, ["--port", "0", "--db", ":memory:", "--ready-file", readyFile],
                              env: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], stdout: fd, stderr: fd)
        let status = Spawn.wait(pid, until: Date().addingTimeInterval(20))
        if status == nil { Spawn.kill9(pid) }
        return (status.map(Spawn.exitCode), (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }

    func testExistingReadyFileIsNeitherReusedNorReplaced() throws {
        let dir = try DevServerProcess.makeTempDir(prefix: "ready-excl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let planted = dir.appendingPathComponent("ready.json").path
        let fake = #"{"url":"http://attacker.example","identities":[]}"#
        try fake.write(toFile: planted, atomically: false, encoding: .utf8)
        let r = start(readyFile: planted)
        XCTAssertEqual(r.status, 1, "must refuse to start: \(r.log)")
        XCTAssertTrue(r.log.contains("already exists"), r.log)
        XCTAssertEqual(try String(contentsOfFile: planted, encoding: .utf8), fake, "left exactly as it was")

        // A symlink to a file elsewhere: not followed, the target untouched.
        let target = dir.appendingPathComponent("target.txt").path
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        let link = dir.appendingPathComponent("link.json").path
        XCTAssertEqual(symlink(target, link), 0)
        let s = start(readyFile: link)
        XCTAssertEqual(s.status, 1, s.log)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep")
    }
}
