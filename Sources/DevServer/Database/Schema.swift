import Foundation
import GRDB

/// Opens the SQLite database (file in WAL mode with synchronous=FULL so a 200 means committed
/// and durable, or `:memory:`) and applies migrations.
enum Database {
    static func open(path: String) throws -> any DatabaseWriter {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads from a memory map, not pread copies (a 10k listing reads megabytes of pages).
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
        }
        let writer: any DatabaseWriter
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: config)
        } else {
            // The file holds secret values: create it private to the user.
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            // DatabasePool switches the file to WAL; readers never block the writer.
            writer = try DatabasePool(path: path, configuration: config)
        }
        try migrator.migrate(writer)
        return writer
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE projects (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, description TEXT,
              position INTEGER NOT NULL, createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL);
            CREATE TABLE environments (
              id TEXT PRIMARY KEY, projectId TEXT NOT NULL REFERENCES projects(id), name TEXT NOT NULL,
              slug TEXT NOT NULL, position INTEGER NOT NULL, UNIQUE(projectId, slug));
            CREATE TABLE folders (
              id TEXT PRIMARY KEY, envId TEXT NOT NULL REFERENCES environments(id),
              parentId TEXT REFERENCES folders(id), name TEXT NOT NULL, path TEXT NOT NULL,
              description TEXT, version INTEGER NOT NULL DEFAULT 1, lastSecretModified INTEGER,
              createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL, UNIQUE(envId, path));
            CREATE TABLE secrets (
              id TEXT PRIMARY KEY, folderId TEXT NOT NULL REFERENCES folders(id), key TEXT NOT NULL,
              value TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL,
              skipMultilineEncoding INTEGER, reminderNote TEXT, reminderRepeatDays INTEGER,
              metadata TEXT NOT NULL DEFAULT '[]',
              actorType TEXT, actorId TEXT, actorName TEXT,
              createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL, UNIQUE(folderId, key));
            CREATE TABLE secret_versions (
              id TEXT PRIMARY KEY, secretId TEXT NOT NULL, folderId TEXT NOT NULL, version INTEGER NOT NULL,
              key TEXT NOT NULL, value TEXT NOT NULL, comment TEXT NOT NULL,
              actorType TEXT, actorId TEXT, actorName TEXT,
              createdAt INTEGER NOT NULL, UNIQUE(secretId, version));
            CREATE TABLE tags (
              id TEXT PRIMARY KEY, projectId TEXT NOT NULL REFERENCES projects(id), slug TEXT NOT NULL,
              name TEXT NOT NULL, color TEXT, UNIQUE(projectId, slug));
            CREATE TABLE secret_tags (
              secretId TEXT NOT NULL REFERENCES secrets(id) ON DELETE CASCADE,
              tagId TEXT NOT NULL REFERENCES tags(id), PRIMARY KEY(secretId, tagId));
            CREATE TABLE secret_imports (
              id TEXT PRIMARY KEY, folderId TEXT NOT NULL REFERENCES folders(id),
              importEnvId TEXT NOT NULL REFERENCES environments(id), importPath TEXT NOT NULL,
              position INTEGER NOT NULL);
            CREATE TABLE identities (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, orgRole TEXT NOT NULL,
              clientId TEXT NOT NULL UNIQUE, clientSecret TEXT NOT NULL, clientSecretId TEXT NOT NULL,
              createdAt INTEGER NOT NULL);
            CREATE TABLE memberships (
              id TEXT PRIMARY KEY, identityId TEXT NOT NULL REFERENCES identities(id),
              projectId TEXT NOT NULL REFERENCES projects(id), role TEXT NOT NULL,
              createdAt INTEGER NOT NULL, UNIQUE(identityId, projectId));
            CREATE TABLE access_tokens (
              id TEXT PRIMARY KEY, identityId TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
              createdAt INTEGER NOT NULL);
            CREATE TABLE audit_logs (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, projectId TEXT,
              eventType TEXT NOT NULL, eventMetadata TEXT NOT NULL,
              actorType TEXT NOT NULL, actorId TEXT, actorMetadata TEXT NOT NULL,
              environment TEXT, secretPath TEXT, secretKey TEXT,
              userAgent TEXT, userAgentType TEXT, ipAddress TEXT, createdAt INTEGER NOT NULL);
            CREATE INDEX audit_logs_created ON audit_logs(createdAt DESC, seq DESC);
            CREATE INDEX audit_logs_project ON audit_logs(projectId, createdAt DESC);
            CREATE INDEX secrets_folder ON secrets(folderId);
            CREATE INDEX folders_parent ON folders(parentId);
            """)
        }
        // People: users with passwords (and optional email MFA), their organizations and project roles,
        // and login sessions (a session id is a token's `tokenVersionId`; revoking it ends the login).
        m.registerMigration("v2-users") { db in
            try db.execute(sql: """
            CREATE TABLE organizations (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, position INTEGER NOT NULL,
              createdAt INTEGER NOT NULL);
            CREATE TABLE users (
              id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, passwordHash TEXT,
              mfaMethod TEXT, mfaCode TEXT, failedMfaAttempts INTEGER NOT NULL DEFAULT 0, lockedUntil INTEGER,
              createdAt INTEGER NOT NULL);
            CREATE TABLE org_memberships (
              id TEXT PRIMARY KEY, userId TEXT NOT NULL REFERENCES users(id),
              orgId TEXT NOT NULL REFERENCES organizations(id), role TEXT NOT NULL, UNIQUE(userId, orgId));
            CREATE TABLE user_memberships (
              id TEXT PRIMARY KEY, userId TEXT NOT NULL REFERENCES users(id),
              projectId TEXT NOT NULL REFERENCES projects(id), role TEXT NOT NULL,
              createdAt INTEGER NOT NULL, UNIQUE(userId, projectId));
            CREATE TABLE user_sessions (
              id TEXT PRIMARY KEY, userId TEXT NOT NULL REFERENCES users(id), revoked INTEGER NOT NULL DEFAULT 0,
              createdAt INTEGER NOT NULL);
            """)
        }
        DataStamp.registerMigration(&m)
        return m
    }
}

/// Time helpers: the DB stores milliseconds since the epoch; the API speaks ISO-8601 with ms + Z.
enum Clock {
    static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    static func iso(_ ms: Int64) -> String {
        var t = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(ms % 1000))
    }

    /// Accepts `2025-03-01T09:30:12.345Z` and `2025-03-01T09:30:12Z` (zod `datetime()` wants the Z).
    static func parseISO(_ s: String) -> Int64? {
        guard s.hasSuffix("Z") else { return nil }
        let withFrac = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        if let d = try? withFrac.parse(s) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        if let d = try? plain.parse(s) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        return nil
    }

    static func lastMidnightMs() -> Int64 {
        let now = Date()
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = cal.startOfDay(for: now)
        return Int64(start.timeIntervalSince1970 * 1000)
    }
}

/// A random (v4) UUID, lowercase. Foundation's `UUID()` opens and reads /dev/urandom each time here (seeding
/// makes ~900 ids); this is one `getrandom` per id.
func newId() -> String {
    var g = SystemRandomNumberGenerator()
    var bytes = (g.next() as UInt64, g.next() as UInt64)
    return withUnsafeMutableBytes(of: &bytes) { raw -> String in
        raw[6] = raw[6] & 0x0F | 0x40   // version 4
        raw[8] = raw[8] & 0x3F | 0x80   // RFC 4122 variant
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(36)
        for (i, b) in raw.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
