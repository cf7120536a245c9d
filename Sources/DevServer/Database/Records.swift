import Foundation
import GRDB

struct ProjectRow: Sendable {
    var id, name, slug: String
    var description: String?
    var createdAt, updatedAt: Int64
    init(row: Row) {
        id = row["id"]; name = row["name"]; slug = row["slug"]; description = row["description"]
        createdAt = row["createdAt"]; updatedAt = row["updatedAt"]
    }
}

struct EnvRow: Sendable {
    var id, projectId, name, slug: String
    init(row: Row) { id = row["id"]; projectId = row["projectId"]; name = row["name"]; slug = row["slug"] }
}

struct FolderRow: Sendable {
    var id, envId, name, path: String
    var parentId, description: String?
    var version: Int
    var lastSecretModified: Int64?
    var createdAt, updatedAt: Int64
    init(row: Row) {
        id = row["id"]; envId = row["envId"]; name = row["name"]; path = row["path"]
        parentId = row["parentId"]; description = row["description"]; version = row["version"]
        lastSecretModified = row["lastSecretModified"]; createdAt = row["createdAt"]; updatedAt = row["updatedAt"]
    }
}

struct TagRow: Sendable {
    var id, slug, name: String
    var color: String?
    init(row: Row) { id = row["id"]; slug = row["slug"]; name = row["name"]; color = row["color"] }
}

struct ActorRef: Sendable {
    var type: String, id: String?, name: String?
}

struct SecretRow: Sendable {
    var id, folderId, key, value, comment: String
    var version: Int
    var skipMultilineEncoding: Bool?
    var reminderNote: String?
    var reminderRepeatDays: Int?
    var metadata: String
    var actor: ActorRef?
    var createdAt, updatedAt: Int64
    // Filled by queries that join the folder / tags.
    var path: String = "/"
    var tags: [TagRow] = []

    init(row: Row) {
        id = row["id"]; folderId = row["folderId"]; key = row["key"]; value = row["value"]; comment = row["comment"]
        version = row["version"]; skipMultilineEncoding = row["skipMultilineEncoding"]
        reminderNote = row["reminderNote"]; reminderRepeatDays = row["reminderRepeatDays"]
        metadata = row["metadata"]
        if let t: String = row["actorType"] { actor = ActorRef(type: t, id: row["actorId"], name: row["actorName"]) }
        createdAt = row["createdAt"]; updatedAt = row["updatedAt"]
        if let p: String = row["path"] { path = p }
    }
}

struct SecretVersionRow: Sendable {
    var id, secretId, key, value, comment: String
    var version: Int
    var actor: ActorRef?
    var createdAt: Int64
    init(row: Row) {
        id = row["id"]; secretId = row["secretId"]; key = row["key"]; value = row["value"]; comment = row["comment"]
        version = row["version"]; createdAt = row["createdAt"]
        if let t: String = row["actorType"] { actor = ActorRef(type: t, id: row["actorId"], name: row["actorName"]) }
    }
}

struct IdentityRow: Sendable {
    var id, name, role, orgRole, clientId, clientSecret, clientSecretId: String
    var createdAt: Int64
    init(row: Row) {
        id = row["id"]; name = row["name"]; role = row["role"]; orgRole = row["orgRole"]
        clientId = row["clientId"]; clientSecret = row["clientSecret"]; clientSecretId = row["clientSecretId"]
        createdAt = row["createdAt"]
    }
}

struct ImportRow: Sendable {
    var id, folderId, importEnvId, importPath: String
    init(row: Row) { id = row["id"]; folderId = row["folderId"]; importEnvId = row["importEnvId"]; importPath = row["importPath"] }
}

struct UserRow: Sendable {
    var id, email, name: String
    var passwordHash: String?
    var mfaMethod: String?
    var mfaCode: String?
    var failedMfaAttempts: Int
    var lockedUntil: Int64?
    init(row: Row) {
        id = row["id"]; email = row["email"]; name = row["name"]; passwordHash = row["passwordHash"]
        mfaMethod = row["mfaMethod"]; mfaCode = row["mfaCode"]; failedMfaAttempts = row["failedMfaAttempts"]
        lockedUntil = row["lockedUntil"]
    }
}

struct OrgRow: Sendable {
    var id, name, slug: String
    var createdAt: Int64
    init(row: Row) { id = row["id"]; name = row["name"]; slug = row["slug"]; createdAt = row["createdAt"] }
}
