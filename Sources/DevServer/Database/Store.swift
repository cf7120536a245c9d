import Foundation
import GRDB

/// Synchronous data-access functions; callers run them inside `writer.read {}` / `writer.write {}`.
enum Store {
    // MARK: meta
    static func meta(_ db: GRDB.Database, _ key: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }
    static func setMeta(_ db: GRDB.Database, _ key: String, _ value: String) throws {
        try db.execute(cached: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
    }

    // MARK: projects / environments
    static func projects(_ db: GRDB.Database) throws -> [ProjectRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM projects ORDER BY position").map(ProjectRow.init)
    }
    static func project(_ db: GRDB.Database, id: String) throws -> ProjectRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM projects WHERE id = ?", arguments: [id]).map(ProjectRow.init)
    }
    static func project(_ db: GRDB.Database, slug: String) throws -> ProjectRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM projects WHERE slug = ?", arguments: [slug]).map(ProjectRow.init)
    }
    static func environments(_ db: GRDB.Database, projectId: String) throws -> [EnvRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM environments WHERE projectId = ? ORDER BY position",
                         arguments: [projectId]).map(EnvRow.init)
    }
    static func environment(_ db: GRDB.Database, projectId: String, slug: String) throws -> EnvRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM environments WHERE projectId = ? AND slug = ?",
                         arguments: [projectId, slug]).map(EnvRow.init)
    }
    static func environment(_ db: GRDB.Database, id: String) throws -> EnvRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM environments WHERE id = ?", arguments: [id]).map(EnvRow.init)
    }

    // MARK: folders
    static func folder(_ db: GRDB.Database, envId: String, path: String) throws -> FolderRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM folders WHERE envId = ? AND path = ?", arguments: [envId, path])
            .map(FolderRow.init)
    }
    static func folder(_ db: GRDB.Database, id: String) throws -> FolderRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM folders WHERE id = ?", arguments: [id]).map(FolderRow.init)
    }
    static func childFolders(_ db: GRDB.Database, parentId: String) throws -> [FolderRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM folders WHERE parentId = ? ORDER BY name", arguments: [parentId])
            .map(FolderRow.init)
    }
    /// All folders strictly below `path` in the environment, ordered by path.
    static func descendantFolders(_ db: GRDB.Database, envId: String, path: String) throws -> [FolderRow] {
        let prefix = path == "/" ? "/" : path + "/"
        return try Row.fetchAll(db, cached: """
            SELECT * FROM folders WHERE envId = ? AND path != '/' AND substr(path, 1, ?) = ? ORDER BY path
            """, arguments: [envId, prefix.unicodeScalars.count, prefix]).map(FolderRow.init)   // SQLite counts characters
    }

    /// Creates `path` (and any missing parents) in the environment; returns the leaf folder.
    @discardableResult
    static func ensureFolder(_ db: GRDB.Database, envId: String, path: String, now: Int64,
                             description: String? = nil) throws -> FolderRow {
        if let f = try folder(db, envId: envId, path: path) { return f }
        if path == "/" {
            try db.execute(cached: """
                INSERT INTO folders(id, envId, parentId, name, path, version, createdAt, updatedAt)
                VALUES (?, ?, NULL, 'root', '/', 1, ?, ?)
                """, arguments: [newId(), envId, now, now])
        } else {
            let parentPath = Paths.parent(path)
            let parent = try ensureFolder(db, envId: envId, path: parentPath, now: now)
            try db.execute(cached: """
                INSERT INTO folders(id, envId, parentId, name, path, description, version, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                """, arguments: [newId(), envId, parent.id, Paths.last(path), path, description, now, now])
        }
        guard let f = try folder(db, envId: envId, path: path) else { throw APIError.internalError() }
        return f
    }

    // MARK: identities / memberships / tokens
    static func identities(_ db: GRDB.Database) throws -> [IdentityRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM identities ORDER BY createdAt, name").map(IdentityRow.init)
    }
    static func identity(_ db: GRDB.Database, id: String) throws -> IdentityRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM identities WHERE id = ?", arguments: [id]).map(IdentityRow.init)
    }
    static func identity(_ db: GRDB.Database, clientId: String) throws -> IdentityRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM identities WHERE clientId = ?", arguments: [clientId])
            .map(IdentityRow.init)
    }
    /// The identity's project role slug (viewer/member/admin), nil when not a member.
    static func membershipRole(_ db: GRDB.Database, identityId: String, projectId: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT role FROM memberships WHERE identityId = ? AND projectId = ?",
                            arguments: [identityId, projectId])
    }
    static func memberProjectIds(_ db: GRDB.Database, identityId: String) throws -> Set<String> {
        Set(try String.fetchAll(db, cached: "SELECT projectId FROM memberships WHERE identityId = ?", arguments: [identityId]))
    }
    static func memberships(_ db: GRDB.Database, identityId: String) throws -> [Row] {
        try Row.fetchAll(db, cached: """
            SELECT m.*, p.name AS projectName FROM memberships m JOIN projects p ON p.id = m.projectId
            WHERE m.identityId = ? ORDER BY p.position
            """, arguments: [identityId])
    }
    static func tokenRevoked(_ db: GRDB.Database, tokenId: String) throws -> Bool? {
        try Bool.fetchOne(db, cached: "SELECT revoked FROM access_tokens WHERE id = ?", arguments: [tokenId])
    }
    static func tokenCreatedAt(_ db: GRDB.Database, tokenId: String) throws -> Int64? {
        try Int64.fetchOne(db, cached: "SELECT createdAt FROM access_tokens WHERE id = ?", arguments: [tokenId])
    }
}

/// Folder-path helpers (`/a/b`; root is `/`).
enum Paths {
    /// Prefix with `/`, collapse empty segments, drop the trailing slash.
    static func normalize(_ raw: String) -> String {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }
    static func parent(_ path: String) -> String {
        var parts = path.split(separator: "/")
        if !parts.isEmpty { parts.removeLast() }
        return "/" + parts.joined(separator: "/")
    }
    static func last(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? "root" }
    static func join(_ base: String, _ name: String) -> String { base == "/" ? "/" + name : base + "/" + name }
    /// Segments must be letters, digits, `-`, `_` (Infisical's folder name rule).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
    }
}
