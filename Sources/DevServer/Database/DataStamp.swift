import Foundation
import GRDB

/// A version stamp of everything a secret listing is made of, read by one query, so a list's ETag
/// costs no render and a conditional request answered 304 costs a query.
///
/// SQLite triggers bump one counter on every insert, update or delete of the tables a listing
/// reads (secrets, tags, folders, imports, environments, projects), in the writer's own
/// transaction: no write route can forget to, and a rolled-back write rolls the bump back. One
/// counter for the whole database rather than one per folder, because a listing can reach outside
/// its folder (imports, expanded references, tags). The epoch is random per database, so a fresh
/// in-memory server (counter from zero again) never validates an ETag a previous one handed out.
/// Audit events and tokens are not listed data and do not bump it.
enum DataStamp {
    static let listedTables = ["secrets", "secret_tags", "tags", "folders", "secret_imports", "environments", "projects"]

    static func registerMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-data-stamp") { db in
            try db.execute(sql: """
                CREATE TABLE data_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), epoch TEXT NOT NULL,
                  counter INTEGER NOT NULL);
                INSERT INTO data_stamp(id, epoch, counter) VALUES (1, lower(hex(randomblob(6))), 0);
                """)
            for table in listedTables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER data_stamp_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
                        BEGIN UPDATE data_stamp SET counter = counter + 1 WHERE id = 1; END;
                        """)
                }
            }
        }
    }

    /// `epoch-counter`, changed by any write to listed data.
    static func current(_ db: GRDB.Database) throws -> String {
        let stmt = try db.cachedStatement(sql: "SELECT epoch || '-' || counter FROM data_stamp WHERE id = 1")
        return try String.fetchOne(stmt) ?? "0-0"
    }

    /// A strong ETag for one URL's answer at this stamp: the stamp plus a hash of the request's
    /// path and query (sorted), so one URL's tag never validates another's.
    static func etag(stamp: String, path: String, query: [String: String]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        func mix(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }; h = (h ^ 0xFF) &* 0x100000001b3 }
        mix(path)
        for (k, v) in query.sorted(by: { $0.key < $1.key }) { mix(k); mix(v) }
        return "\"s-" + stamp + "-" + String(h, radix: 16) + "\""
    }
}
