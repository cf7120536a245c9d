@testable import DevServer
// Only what is needed of GRDB: its `Database` would hide the dev server's `Database` enum.
import protocol GRDB.DatabaseWriter
import class GRDB.Row
import TestSupport
import XCTest

/// The fast listing (`SecretListRenderer`: SQLite columns straight to bytes) must write exactly
/// what the `Shapes` path writes for the same rows, on the seed and on hostile text, and the
/// data stamp behind the list's ETag must move with every kind of write a listing shows.
final class SecretListRendererTests: XCTestCase {
    func seeded() throws -> any DatabaseWriter {
        let db = try Database.open(path: ":memory:")
        try db.write { try Seeder.apply($0, try DevServer.loadSeed(nil), now: 1_760_000_000_123) }
        return db
    }

    /// The two renderings of every folder of every environment (recursive from each root too).
    func assertSameBytes(_ db: any DatabaseWriter, hidden: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        try db.read { db in
            for env in try Row.fetchAll(db, sql: "SELECT * FROM environments").map(EnvRow.init) {
                var lists = try Row.fetchAll(db, sql: "SELECT * FROM folders WHERE envId = ?", arguments: [env.id])
                    .map(FolderRow.init).map { [$0.id] }
                lists.append(try Row.fetchAll(db, sql: "SELECT id FROM folders WHERE envId = ? ORDER BY path", arguments: [env.id])
                    .map { $0["id"] as String })
                for ids in lists {
                    // `JSON.array(shapes).serialized()` (this target has a JSON type of its own).
                    var shapes = JSONWriter(capacity: 0)
                    shapes.byte(UInt8(ascii: "["))
                    for (i, s) in try Store.secrets(db, folderIds: ids).enumerated() {
                        if i > 0 { shapes.byte(UInt8(ascii: ",")) }
                        shapes.raw(Shapes.secret(s, projectId: env.projectId, environment: env.slug, hidden: hidden).serialized())
                    }
                    shapes.byte(UInt8(ascii: "]"))
                    let expected = shapes.bytes
                    var renderer = SecretListRenderer(projectId: env.projectId, environment: env.slug, hidden: hidden)
                    var out = JSONWriter(capacity: 0)
                    let n = try renderer.writeSecrets(db, folderIds: ids, into: &out)
                    XCTAssertEqual(n, try SecretListRenderer.count(db, folderIds: ids), file: file, line: line)
                    if out.bytes != expected {
                        let a = String(decoding: out.bytes, as: UTF8.self), b = String(decoding: expected, as: UTF8.self)
                        let at = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
                        XCTFail("\(env.slug) \(ids.count) folder(s): differs at \(at): fast …\(a.dropFirst(max(0, at - 80)).prefix(160))… "
                                + "shapes …\(b.dropFirst(max(0, at - 80)).prefix(160))…", file: file, line: line)
                    }
                }
            }
        }
    }

    func testSeedListingsAreByteForByteTheShapesOnes() throws {
        let db = try seeded()
        try assertSameBytes(db, hidden: false)
        try assertSameBytes(db, hidden: true)
    }

    func testHostileTextTagsMetadataActorsAndRemindersRenderAlike() throws {
        let db = try seeded()
        try db.write { db in
            let folder: String = try String.fetchOne(db, sql: "SELECT id FROM folders WHERE path = '/stripe' LIMIT 1")!
            let project: String = try String.fetchOne(db, sql: """
                SELECT e.projectId FROM folders f JOIN environments e ON e.id = f.envId WHERE f.id = ?
                """, arguments: [folder])!
            try db.execute(sql: "INSERT INTO tags(id, projectId, slug, name, color) VALUES ('t-h1', ?, 'zz-hostile', ?, NULL)",
                           arguments: [project, "tag \u{1b}[31m\"q\"\\"])
            try db.execute(sql: "INSERT INTO tags(id, projectId, slug, name, color) VALUES ('t-h2', ?, 'aa-first', 'A', '#fff')",
                           arguments: [project])
            for (i, text) in HostileCorpus.payloads.enumerated() {
                let id = "hostile-\(i)"
                try db.execute(sql: """
                    INSERT INTO secrets(id, folderId, key, value, comment, version, skipMultilineEncoding, reminderNote,
                      reminderRepeatDays, metadata, actorType, actorId, actorName, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, folder, "K\(i)_\(text)", text + "\u{7f}\t\r\n", text, i + 1, i % 3 == 0 ? nil : (i % 2 == 0),
                                     i % 2 == 0 ? text : nil, i % 4 == 0 ? 30 : nil,
                                     i % 3 == 0 ? "[]" : "[{\"value\":\"\(i)\",\"key\":\"k\\u001b\"},{\"key\":\"n\",\"value\":1.5}]",
                                     i % 2 == 0 ? "identity" : nil, i % 2 == 0 ? "id-\(i)" : nil, i % 4 == 0 ? text : nil,
                                     Int64(i) * 86_399_999 + 7, 253_402_300_799_999 - Int64(i)])
                if i % 2 == 0 { try db.execute(sql: "INSERT INTO secret_tags VALUES (?, 't-h1'), (?, 't-h2')", arguments: [id, id]) }
            }
        }
        try assertSameBytes(db, hidden: false)
        try assertSameBytes(db, hidden: true)
    }

    func testISODatesMatchClockIso() {
        var writer = JSONWriter(capacity: 0)
        var samples: [Int64] = [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 4_107_542_400_000, 253_402_300_799_999]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 { samples.append(Int64.random(in: 0..<253_402_300_800_000, using: &rng)) }
        for ms in samples {
            writer.bytes.removeAll(keepingCapacity: true)
            writer.isoDate(ms)
            XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "\"\(Clock.iso(ms))\"", "ms \(ms)")
        }
    }

    func testTheStampMovesWithEveryWriteAListingShowsAndOnlyThen() throws {
        let db = try seeded()
        func stamp() throws -> String { try db.read { try DataStamp.current($0) } }
        var last = try stamp()
        func assertMoved(_ what: String, _ sql: String) throws {
            try db.write { try $0.execute(sql: sql) }
            let now = try stamp()
            XCTAssertNotEqual(now, last, "\(what) did not change the stamp")
            last = now
        }
        try assertMoved("a secret's value", "UPDATE secrets SET value = value || 'x' WHERE rowid = (SELECT min(rowid) FROM secrets)")
        try assertMoved("a tag's name", "UPDATE tags SET name = name || 'x' WHERE rowid = (SELECT min(rowid) FROM tags)")
        try assertMoved("a secret's tags", "DELETE FROM secret_tags WHERE rowid = (SELECT min(rowid) FROM secret_tags)")
        try assertMoved("a folder", "UPDATE folders SET description = 'x' WHERE rowid = (SELECT min(rowid) FROM folders)")
        try assertMoved("an import", "DELETE FROM secret_imports WHERE rowid = (SELECT min(rowid) FROM secret_imports)")
        try assertMoved("a deleted secret", "DELETE FROM secrets WHERE rowid = (SELECT min(rowid) FROM secrets)")
        // An audit event (every read writes one) is not listed data: a revisit must stay a 304.
        try db.write { try $0.execute(sql: """
            INSERT INTO audit_logs(id, eventType, eventMetadata, actorType, actorMetadata, createdAt)
            VALUES ('a-x', 'get-secrets', '{}', 'identity', '{}', 1)
            """) }
        XCTAssertEqual(try stamp(), last, "an audit event changed the stamp")
        // A fresh database never reuses a stamp: the epoch differs.
        XCTAssertNotEqual(try seeded().read { try DataStamp.current($0) }.split(separator: "-").first,
                          last.split(separator: "-").first)
    }
}
