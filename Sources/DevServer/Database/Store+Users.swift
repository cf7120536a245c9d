import Foundation
import GRDB

/// Users, their organizations, project roles and login sessions.
extension Store {
    static func user(_ db: GRDB.Database, id: String) throws -> UserRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(UserRow.init)
    }
    /// Infisical resolves the login email case-sensitively first; we match exactly, then case-insensitively.
    static func user(_ db: GRDB.Database, email: String) throws -> UserRow? {
        if let u = try Row.fetchOne(db, cached: "SELECT * FROM users WHERE email = ?", arguments: [email]) {
            return UserRow(row: u)
        }
        return try Row.fetchOne(db, cached: "SELECT * FROM users WHERE lower(email) = lower(?)", arguments: [email])
            .map(UserRow.init)
    }
    static func users(_ db: GRDB.Database) throws -> [UserRow] {
        try Row.fetchAll(db, cached: "SELECT * FROM users ORDER BY createdAt, email").map(UserRow.init)
    }

    /// The user's organizations in display order, with the user's org role.
    static func organizations(_ db: GRDB.Database, userId: String) throws -> [(OrgRow, String)] {
        try Row.fetchAll(db, cached: """
            SELECT o.*, m.role AS orgRole FROM org_memberships m JOIN organizations o ON o.id = m.orgId
            WHERE m.userId = ? ORDER BY o.position
            """, arguments: [userId]).map { (OrgRow(row: $0), $0["orgRole"] as String) }
    }
    static func organization(_ db: GRDB.Database, id: String) throws -> OrgRow? {
        try Row.fetchOne(db, cached: "SELECT * FROM organizations WHERE id = ?", arguments: [id]).map(OrgRow.init)
    }
    static func orgRole(_ db: GRDB.Database, userId: String, orgId: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT role FROM org_memberships WHERE userId = ? AND orgId = ?",
                            arguments: [userId, orgId])
    }

    static func userMembershipRole(_ db: GRDB.Database, userId: String, projectId: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT role FROM user_memberships WHERE userId = ? AND projectId = ?",
                            arguments: [userId, projectId])
    }
    static func userMembershipId(_ db: GRDB.Database, userId: String, projectId: String) throws -> String? {
        try String.fetchOne(db, cached: "SELECT id FROM user_memberships WHERE userId = ? AND projectId = ?",
                            arguments: [userId, projectId])
    }

    /// Project role of any caller; nil when not a member. Projects all belong to the main organization,
    /// so a user token bound to another organization is a member of none of them.
    static func projectRole(_ db: GRDB.Database, caller: Caller, projectId: String) throws -> String? {
        switch caller.kind {
        case .identity: return try membershipRole(db, identityId: caller.id, projectId: projectId)
        case .user:
            guard caller.orgId == (try meta(db, "orgId")) else { return nil }
            return try userMembershipRole(db, userId: caller.id, projectId: projectId)
        }
    }
    static func memberProjectIds(_ db: GRDB.Database, caller: Caller) throws -> Set<String> {
        switch caller.kind {
        case .identity: return try memberProjectIds(db, identityId: caller.id)
        case .user:
            guard caller.orgId == (try meta(db, "orgId")) else { return [] }
            return Set(try String.fetchAll(db, cached: "SELECT projectId FROM user_memberships WHERE userId = ?",
                                           arguments: [caller.id]))
        }
    }

    // MARK: sessions
    static func createSession(_ db: GRDB.Database, userId: String, now: Int64) throws -> String {
        let id = newId()
        try db.execute(cached: "INSERT INTO user_sessions(id, userId, revoked, createdAt) VALUES (?, ?, 0, ?)",
                       arguments: [id, userId, now])
        return id
    }
    /// nil when the session does not exist (or belongs to someone else); true when revoked.
    static func sessionRevoked(_ db: GRDB.Database, id: String, userId: String) throws -> Bool? {
        try Bool.fetchOne(db, cached: "SELECT revoked FROM user_sessions WHERE id = ? AND userId = ?", arguments: [id, userId])
    }
    static func revokeSession(_ db: GRDB.Database, id: String) throws {
        try db.execute(cached: "UPDATE user_sessions SET revoked = 1 WHERE id = ?", arguments: [id])
    }
}
