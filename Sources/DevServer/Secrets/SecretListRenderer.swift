import Foundation
import GRDB
import GRDBSQLite

/// Renders `{"secrets":[…],"imports":[…]}` for `GET /api/v4/secrets` straight from SQLite rows to
/// response bytes: prepared statements cached per connection, column bytes copied from SQLite's
/// own buffers (no `SecretRow`, no `JSON` values, no per-field `String`s unless a value is
/// expanded). The bytes equal `Shapes.secret(…)` serialized for every row (SecretListRendererTests
/// compares the two on hostile text); filtered listings (tags, metadata) take the `Shapes` path.
struct SecretListRenderer {
    let projectId: String
    let environment: String
    let hidden: Bool
    /// Set when values are to be expanded (`expandSecretReferences=true` and values shown).
    var expander: ReferenceExpander?

    /// Column order of `select`, read by index below.
    private static let select = """
        SELECT s.id, s.version, s.key, s.value, s.comment, f.path, s.skipMultilineEncoding, s.reminderNote,
          s.reminderRepeatDays, s.metadata, s.actorType, s.actorId, s.actorName, s.createdAt, s.updatedAt
        FROM secrets s JOIN folders f ON f.id = s.folderId
        """

    /// Number of secrets a listing of these folders holds (what the audit event records on a 304).
    static func count(_ db: GRDB.Database, folderIds: [String]) throws -> Int {
        guard !folderIds.isEmpty else { return 0 }
        let stmt = try db.cachedStatement(sql: "SELECT COUNT(*) FROM secrets WHERE folderId IN (\(databaseQuestionMarks(count: folderIds.count)))")
        return try Int.fetchOne(stmt, arguments: StatementArguments(folderIds)) ?? 0
    }

    /// Appends the secrets of `folderIds` (ordered by path, then key, as `Store.secrets`) to `out`
    /// as a JSON array; returns how many.
    mutating func writeSecrets(_ db: GRDB.Database, folderIds: [String], into out: inout JSONWriter) throws -> Int {
        out.byte(UInt8(ascii: "["))
        guard !folderIds.isEmpty else { out.byte(UInt8(ascii: "]")); return 0 }
        let marks = databaseQuestionMarks(count: folderIds.count)
        let tags = try tagsBySecret(db, marks: marks, folderIds: folderIds)
        let stmt = try db.cachedStatement(sql: "\(Self.select) WHERE s.folderId IN (\(marks)) ORDER BY f.path, s.key")
        let cursor = try Row.fetchCursor(stmt, arguments: StatementArguments(folderIds))
        let q = stmt.sqliteStatement
        var common = JSONWriter(capacity: 128)   // the fields every row shares, escaped once
        common.raw(",\"workspace\":"); common.string(projectId)
        common.raw(",\"environment\":"); common.string(environment)
        common.raw(",\"version\":")
        var n = 0
        while try cursor.next() != nil {
            if n > 0 { out.byte(UInt8(ascii: ",")) }
            n += 1
            out.raw("{\"id\":"); Self.text(q, 0, &out)
            out.raw(",\"_id\":"); Self.text(q, 0, &out)
            out.raw(common.bytes)
            out.int(sqlite3_column_int64(q, 1))
            out.raw(",\"type\":\"shared\",\"secretKey\":"); Self.text(q, 2, &out)
            out.raw(",\"secretValue\":")
            if hidden {
                out.string(Shapes.hiddenMask)
            } else if expander != nil, Self.hasReference(q, 3) {
                let value = try expander!.expand(Self.string(q, 3), env: environment, path: Self.string(q, 5), key: Self.string(q, 2))
                out.string(value)
            } else {
                Self.text(q, 3, &out)
            }
            out.raw(",\"secretValueHidden\":"); out.bool(hidden)
            out.raw(",\"secretComment\":"); Self.text(q, 4, &out)
            out.raw(",\"secretPath\":"); Self.text(q, 5, &out)
            out.raw(",\"skipMultilineEncoding\":")
            out.bool(sqlite3_column_type(q, 6) != SQLITE_NULL && sqlite3_column_int64(q, 6) != 0)
            out.raw(",\"secretReminderNote\":"); Self.textOrNull(q, 7, &out)
            out.raw(",\"secretReminderRepeatDays\":")
            if sqlite3_column_type(q, 8) == SQLITE_NULL { out.raw("null") } else { out.int(sqlite3_column_int64(q, 8)) }
            out.raw(",\"tags\":[")
            if !tags.isEmpty, let t = tags[Self.string(q, 0)] { out.raw(t) }
            out.raw("],\"secretMetadata\":")
            Self.metadata(q, 9, &out)
            out.raw(",\"actor\":")
            if sqlite3_column_type(q, 10) == SQLITE_NULL {
                out.raw("null")
            } else {
                out.raw("{\"actorId\":"); Self.textOrNull(q, 11, &out)
                out.raw(",\"actorType\":"); Self.text(q, 10, &out)
                out.raw(",\"name\":"); Self.textOrNull(q, 12, &out)
                out.raw(",\"membershipId\":null,\"groupId\":null}")
            }
            out.raw(",\"isRotatedSecret\":false,\"rotationId\":null,\"createdAt\":")
            out.isoDate(sqlite3_column_int64(q, 13))
            out.raw(",\"updatedAt\":")
            out.isoDate(sqlite3_column_int64(q, 14))
            out.byte(UInt8(ascii: "}"))
        }
        out.byte(UInt8(ascii: "]"))
        return n
    }

    /// Each listed secret's tags as the JSON text between `[` and `]` (by slug, as `Store.attachTags`).
    private func tagsBySecret(_ db: GRDB.Database, marks: String, folderIds: [String]) throws -> [String: [UInt8]] {
        let stmt = try db.cachedStatement(sql: """
            SELECT st.secretId, t.* FROM secret_tags st JOIN tags t ON t.id = st.tagId
            JOIN secrets s ON s.id = st.secretId WHERE s.folderId IN (\(marks)) ORDER BY t.slug
            """)
        var out: [String: [UInt8]] = [:]
        for row in try Row.fetchAll(stmt, arguments: StatementArguments(folderIds)) {
            let id: String = row["secretId"]
            if out[id] != nil { out[id]!.append(UInt8(ascii: ",")) }
            out[id, default: []].append(contentsOf: Shapes.tag(TagRow(row: row)).serialized())
        }
        return out
    }

    // MARK: columns

    private static func text(_ q: SQLiteStatement, _ i: Int32, _ out: inout JSONWriter) {
        guard let p = sqlite3_column_text(q, i) else { out.raw("\"\""); return }
        out.string(utf8: UnsafeRawBufferPointer(start: p, count: length(q, i, p)))
    }

    private static func textOrNull(_ q: SQLiteStatement, _ i: Int32, _ out: inout JSONWriter) {
        if sqlite3_column_type(q, i) == SQLITE_NULL { out.raw("null") } else { text(q, i, &out) }
    }

    private static func string(_ q: SQLiteStatement, _ i: Int32) -> String {
        guard let p = sqlite3_column_text(q, i) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: length(q, i, p)), as: UTF8.self)
    }

    /// The text's length up to a NUL, as GRDB reads text (`String(cString:)`). Called after
    /// column_text (SQLite's rule: the length is that of the converted text).
    private static func length(_ q: SQLiteStatement, _ i: Int32, _ p: UnsafePointer<UInt8>) -> Int {
        let n = Int(sqlite3_column_bytes(q, i))
        return UnsafeRawPointer(p).withMemoryRebound(to: CChar.self, capacity: n) { strnlen($0, n) }
    }

    /// Whether the value holds `${` (only then can expansion change it: `ReferenceExpander`'s own test).
    private static func hasReference(_ q: SQLiteStatement, _ i: Int32) -> Bool {
        guard let p = sqlite3_column_text(q, i) else { return false }
        let n = length(q, i, p)
        guard n >= 2 else { return false }
        for j in 0..<(n - 1) where p[j] == UInt8(ascii: "$") && p[j + 1] == UInt8(ascii: "{") { return true }
        return false
    }

    /// Stored metadata as `Shapes.metadata` serializes it; the common empty list without parsing.
    private static func metadata(_ q: SQLiteStatement, _ i: Int32, _ out: inout JSONWriter) {
        if let p = sqlite3_column_text(q, i), sqlite3_column_bytes(q, i) == 2, p[0] == UInt8(ascii: "["), p[1] == UInt8(ascii: "]") {
            out.raw("[]")
            return
        }
        out.raw(Shapes.metadata(string(q, i)).serialized())
    }
}
