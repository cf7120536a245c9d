import Foundation
import GRDB

/// Secret rows, their version history and tags. Every write bumps `version` and appends a history row.
extension Store {
    private static let secretSelect = "SELECT s.*, f.path AS path FROM secrets s JOIN folders f ON f.id = s.folderId"

    static func secrets(_ db: GRDB.Database, folderIds: [String]) throws -> [SecretRow] {
        guard !folderIds.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: folderIds.count)
        var rows = try Row.fetchAll(db, sql: "\(secretSelect) WHERE s.folderId IN (\(marks)) ORDER BY f.path, s.key",
                                    arguments: StatementArguments(folderIds)).map(SecretRow.init)
        try attachTags(db, &rows)
        return rows
    }

    static func secret(_ db: GRDB.Database, folderId: String, key: String) throws -> SecretRow? {
        var rows = try Row.fetchAll(db, cached: "\(secretSelect) WHERE s.folderId = ? AND s.key = ?",
                                    arguments: [folderId, key]).map(SecretRow.init)
        try attachTags(db, &rows)
        return rows.first
    }

    static func secret(_ db: GRDB.Database, id: String) throws -> SecretRow? {
        var rows = try Row.fetchAll(db, cached: "\(secretSelect) WHERE s.id = ?", arguments: [id]).map(SecretRow.init)
        try attachTags(db, &rows)
        return rows.first
    }

    static func attachTags(_ db: GRDB.Database, _ rows: inout [SecretRow]) throws {
        guard !rows.isEmpty else { return }
        var byId: [String: [TagRow]] = [:]
        // One query for all tags of these secrets (chunked to stay under SQLite's variable limit).
        let ids = rows.map(\.id)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let tagRows = try Row.fetchAll(db, cached: """
                SELECT st.secretId, t.* FROM secret_tags st JOIN tags t ON t.id = st.tagId
                WHERE st.secretId IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY t.slug
                """, arguments: StatementArguments(chunk))
            for r in tagRows { byId[r["secretId"], default: []].append(TagRow(row: r)) }
        }
        for i in rows.indices { rows[i].tags = byId[rows[i].id] ?? [] }
    }

    static func tags(_ db: GRDB.Database, projectId: String) throws -> [TagRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM tags WHERE projectId = ? ORDER BY slug", arguments: [projectId])
            .map(TagRow.init)
    }

    struct SecretWrite {
        var key: String
        var value: String
        var comment: String
        var skipMultilineEncoding: Bool?
        var reminderNote: String?
        var reminderRepeatDays: Int?
        var metadata: String = "[]"
        var tagIds: [String]? = nil
    }

    @discardableResult
    static func insertSecret(_ db: GRDB.Database, folderId: String, _ w: SecretWrite, actor: ActorRef?,
                             at now: Int64, version: Int = 1) throws -> String {
        let id = newId()
        try db.execute(cached: """
            INSERT INTO secrets(id, folderId, key, value, comment, version, skipMultilineEncoding, reminderNote,
              reminderRepeatDays, metadata, actorType, actorId, actorName, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, folderId, w.key, w.value, w.comment, version, w.skipMultilineEncoding, w.reminderNote,
                             w.reminderRepeatDays, w.metadata, actor?.type, actor?.id, actor?.name, now, now])
        try recordVersion(db, secretId: id, folderId: folderId, version: version, key: w.key, value: w.value,
                          comment: w.comment, actor: actor, at: now)
        if let tagIds = w.tagIds { try setTags(db, secretId: id, tagIds: tagIds) }
        try touchFolder(db, folderId: folderId, at: now)
        return id
    }

    /// Applies a full new state of the secret, bumps the version, records history.
    static func updateSecret(_ db: GRDB.Database, existing: SecretRow, _ w: SecretWrite, actor: ActorRef?,
                             at now: Int64) throws {
        let version = existing.version + 1
        try db.execute(cached: """
            UPDATE secrets SET key = ?, value = ?, comment = ?, version = ?, skipMultilineEncoding = ?,
              reminderNote = ?, reminderRepeatDays = ?, metadata = ?, actorType = ?, actorId = ?, actorName = ?,
              updatedAt = ? WHERE id = ?
            """, arguments: [w.key, w.value, w.comment, version, w.skipMultilineEncoding, w.reminderNote,
                             w.reminderRepeatDays, w.metadata, actor?.type, actor?.id, actor?.name, now, existing.id])
        try recordVersion(db, secretId: existing.id, folderId: existing.folderId, version: version, key: w.key,
                          value: w.value, comment: w.comment, actor: actor, at: now)
        if let tagIds = w.tagIds { try setTags(db, secretId: existing.id, tagIds: tagIds) }
        try touchFolder(db, folderId: existing.folderId, at: now)
    }

    static func deleteSecret(_ db: GRDB.Database, _ s: SecretRow, at now: Int64) throws {
        try db.execute(cached: "DELETE FROM secrets WHERE id = ?", arguments: [s.id])
        try touchFolder(db, folderId: s.folderId, at: now)
    }

    static func recordVersion(_ db: GRDB.Database, secretId: String, folderId: String, version: Int, key: String,
                              value: String, comment: String, actor: ActorRef?, at now: Int64) throws {
        try db.execute(cached: """
            INSERT INTO secret_versions(id, secretId, folderId, version, key, value, comment, actorType, actorId,
              actorName, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newId(), secretId, folderId, version, key, value, comment, actor?.type, actor?.id,
                             actor?.name, now])
    }

    static func setTags(_ db: GRDB.Database, secretId: String, tagIds: [String]) throws {
        try db.execute(cached: "DELETE FROM secret_tags WHERE secretId = ?", arguments: [secretId])
        for t in Set(tagIds) {
            try db.execute(cached: "INSERT INTO secret_tags(secretId, tagId) VALUES (?, ?)", arguments: [secretId, t])
        }
    }

    static func touchFolder(_ db: GRDB.Database, folderId: String, at now: Int64) throws {
        try db.execute(cached: "UPDATE folders SET lastSecretModified = ? WHERE id = ?", arguments: [now, folderId])
    }

    static func versions(_ db: GRDB.Database, secretId: String, offset: Int, limit: Int) throws -> [SecretVersionRow] {
        try Row.fetchAll(db, cached: """
            SELECT * FROM secret_versions WHERE secretId = ? ORDER BY version DESC LIMIT ? OFFSET ?
            """, arguments: [secretId, limit, offset]).map(SecretVersionRow.init)
    }

    static func version(_ db: GRDB.Database, secretId: String, version: Int) throws -> SecretVersionRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM secret_versions WHERE secretId = ? AND version = ?",
                         arguments: [secretId, version]).map(SecretVersionRow.init)
    }

    static func secretVersionExists(_ db: GRDB.Database, secretId: String) throws -> (folderId: String, key: String)? {
        guard let r = try Row.fetchOne(db, cached: """
            SELECT folderId, key FROM secret_versions WHERE secretId = ? ORDER BY version DESC LIMIT 1
            """, arguments: [secretId]) else { return nil }
        return (r["folderId"], r["key"])
    }

    static func imports(_ db: GRDB.Database, folderId: String) throws -> [ImportRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM secret_imports WHERE folderId = ? ORDER BY position",
                         arguments: [folderId]).map(ImportRow.init)
    }
}
