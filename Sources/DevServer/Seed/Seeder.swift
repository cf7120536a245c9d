import Foundation
import GRDB

/// Loads a SeedFile into an empty database (one transaction), plus the `--bulk` fixtures.
enum Seeder {
    static let day: Int64 = 86_400_000

    struct Actors {
        var users: [String: (id: String, name: String)] = [:]      // by email
        var identities: [String: String] = [:]                      // name → id
        func ref(_ who: String?) -> ActorRef? {
            guard let who else { return nil }
            if let u = users[who] { return ActorRef(type: "user", id: u.id, name: u.name) }
            if let i = identities[who] { return ActorRef(type: "identity", id: i, name: who) }
            return nil
        }
    }

    static func isSeeded(_ db: GRDB.Database) throws -> Bool { try Store.meta(db, "seededAt") != nil }

    /// `passwordHashes`: `PasswordHash.makeAll` of the seed's users' passwords, in order (made
    /// here when not given).
    static func apply(_ db: GRDB.Database, _ seed: SeedFile, now: Int64, passwordHashes: [String?]? = nil) throws {
        try Store.setMeta(db, "orgId", newId())
        try Store.setMeta(db, "orgName", seed.organization.name)
        try Store.setMeta(db, "orgSlug", seed.organization.slug)
        try Store.setMeta(db, "signingKey", TokenSigner.randomBytes(32).map { String(format: "%02x", $0) }.joined())
        var actors = Actors()
        for u in seed.users ?? [] { actors.users[u.email] = (newId(), u.name) }
        try seedPeople(db, seed, actors: actors, now: now,
                       hashes: passwordHashes ?? PasswordHash.makeAll(seed.users?.map(\.password) ?? []))

        for (i, ident) in seed.identities.enumerated() {
            let id = newId()
            actors.identities[ident.name] = id
            let secret = TokenSigner.randomBytes(32).map { String(format: "%02x", $0) }.joined()
            try db.execute(cached: """
                INSERT INTO identities(id, name, role, orgRole, clientId, clientSecret, clientSecretId, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, ident.name, ident.role, ident.role == "owner" ? "admin" : "member", newId(), secret,
                                 newId(), now - 90 * day + Int64(i)])
        }

        for (position, p) in seed.projects.enumerated() {
            try seedProject(db, p, position: position, seed: seed, actors: actors, now: now)
        }
        try AuditHistory.generate(db, seed: seed, actors: actors, now: now)
        try Store.setMeta(db, "seededAt", String(now))
    }

    static func seedProject(_ db: GRDB.Database, _ p: SeedFile.Project, position: Int, seed: SeedFile, actors: Actors,
                            now: Int64) throws {
        let projectId = newId()
        let created = now - Int64((p.createdDaysAgo ?? 365) * Double(day))
        try db.execute(cached: """
            INSERT INTO projects(id, name, slug, description, position, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [projectId, p.name, p.slug, p.description, position, created, now - 3 * day])
        var tagIds: [String: String] = [:]
        for t in p.tags ?? [] {
            let id = newId()
            tagIds[t.slug] = id
            try db.execute(cached: "INSERT INTO tags(id, projectId, slug, name, color) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, projectId, t.slug, t.name, t.color])
        }
        var envIds: [String: String] = [:]
        for (i, e) in seed.environments.enumerated() {
            let id = newId()
            envIds[e.slug] = id
            try db.execute(cached: "INSERT INTO environments(id, projectId, name, slug, position) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, projectId, e.name, e.slug, i])
            try Store.ensureFolder(db, envId: id, path: "/", now: created)
            for f in p.folders ?? [] { try Store.ensureFolder(db, envId: id, path: Paths.normalize(f), now: created) }
        }
        // Role "none": an identity of the organisation that is a member of no project (for 403s).
        for ident in seed.identities where ident.role != "none" {
            guard let identityId = actors.identities[ident.name] else { continue }
            try db.execute(cached: "INSERT INTO memberships(id, identityId, projectId, role, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [newId(), identityId, projectId, Permissions.projectSlug(forSeedRole: ident.role), created])
        }
        for u in seed.users ?? [] {
            guard let role = u.role, let userId = actors.users[u.email]?.id else { continue }
            try db.execute(cached: "INSERT INTO user_memberships(id, userId, projectId, role, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [newId(), userId, projectId, Permissions.projectSlug(forSeedRole: role), created])
        }
        for s in p.secrets {
            for (envSlug, value) in s.values.sorted(by: { $0.key < $1.key }) {
                guard let envId = envIds[envSlug] else { continue }
                try seedSecret(db, s, envSlug: envSlug, envId: envId, value: value, tagIds: tagIds, actors: actors,
                               projectCreated: created, now: now)
            }
        }
        for (i, imp) in (p.imports ?? []).enumerated() {
            guard let envId = envIds[imp.env], let fromEnv = envIds[imp.fromEnv] else { continue }
            let folder = try Store.ensureFolder(db, envId: envId, path: Paths.normalize(imp.path), now: created)
            try db.execute(cached: """
                INSERT INTO secret_imports(id, folderId, importEnvId, importPath, position) VALUES (?, ?, ?, ?, ?)
                """, arguments: [newId(), folder.id, fromEnv, Paths.normalize(imp.fromPath), i])
        }
    }

    static func seedSecret(_ db: GRDB.Database, _ s: SeedFile.Secret, envSlug: String, envId: String, value: String,
                           tagIds: [String: String], actors: Actors, projectCreated: Int64, now: Int64) throws {
        let folder = try Store.ensureFolder(db, envId: envId, path: Paths.normalize(s.path ?? "/"), now: projectCreated)
        let createdDays = s.createdDaysAgo ?? Double(projectCreated < now ? (now - projectCreated) / day : 0)
        let created = now - Int64(createdDays * Double(day))
        // Default "last updated": a stable pseudo-random 1–45 days, so the demo has a spread.
        let defaultUpdated = Double(1 + Int(stableHash(s.key + envSlug) % 45))
        let updatedDays = min(s.updatedDaysAgoByEnv?[envSlug] ?? s.updatedDaysAgo ?? defaultUpdated, createdDays)
        let updated = now - Int64(updatedDays * Double(day))
        let history = s.history?[envSlug] ?? []
        // Default last modifier: one of the seed users, stable per key.
        let users = actors.users.keys.sorted()
        let fallback = users.isEmpty ? nil : users[Int(stableHash(s.key) % UInt64(users.count))]
        let actor = actors.ref(s.updatedBy ?? fallback)
        let all = history + [value]
        var secretId: String?
        for (i, v) in all.enumerated() {
            // Versions spread evenly between creation and the last update.
            let at = all.count == 1 ? updated : created + (updated - created) * Int64(i) / Int64(all.count - 1)
            var w = Store.SecretWrite(key: s.key, value: v, comment: s.comment ?? "", skipMultilineEncoding: false,
                                      reminderNote: s.reminderNote, reminderRepeatDays: s.reminderRepeatDays)
            if let existingId = secretId, let existing = try Store.secret(db, id: existingId) {
                try Store.updateSecret(db, existing: existing, w, actor: actor, at: at)
            } else {
                w.tagIds = (s.tags ?? []).compactMap { tagIds[$0] }
                secretId = try Store.insertSecret(db, folderId: folder.id, w, actor: actor, at: at)
                if let secretId {
                    try db.execute(cached: "UPDATE secrets SET createdAt = ? WHERE id = ?", arguments: [created, secretId])
                }
            }
        }
    }

    /// Organizations, users (password hashes, MFA) and their organization memberships.
    static func seedPeople(_ db: GRDB.Database, _ seed: SeedFile, actors: Actors, now: Int64, hashes: [String?]) throws {
        guard let mainOrgId = try Store.meta(db, "orgId") else { throw APIError.internalError() }
        var orgIds: [String: String] = [seed.organization.slug: mainOrgId]
        let orgs = [seed.organization] + (seed.otherOrganizations ?? [])
        for (i, o) in orgs.enumerated() {
            let id = orgIds[o.slug] ?? newId()
            orgIds[o.slug] = id
            try db.execute(cached: "INSERT INTO organizations(id, name, slug, position, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, o.name, o.slug, i, now - 400 * day])
        }
        for (i, u) in (seed.users ?? []).enumerated() {
            guard let userId = actors.users[u.email]?.id else { continue }
            if u.mfa != nil && u.mfa != "email" { throw DevServerError.seed("user \(u.email): only mfa \"email\" is supported") }
            if u.mfa == "email" && (u.mfaCode ?? "").isEmpty { throw DevServerError.seed("user \(u.email): mfa needs mfaCode") }
            try db.execute(cached: """
                INSERT INTO users(id, email, name, passwordHash, mfaMethod, mfaCode, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [userId, u.email, u.name, hashes[i], u.mfa,
                                 u.mfa == nil ? nil : u.mfaCode, now - 300 * day + Int64(i)])
            let orgRole = u.orgRole ?? (u.role == "admin" || u.role == "owner" ? "admin" : "member")
            try db.execute(cached: "INSERT INTO org_memberships(id, userId, orgId, role) VALUES (?, ?, ?, ?)",
                           arguments: [newId(), userId, mainOrgId, orgRole])
            for slug in u.organizations ?? [] where slug != seed.organization.slug {
                guard let orgId = orgIds[slug] else { throw DevServerError.seed("user \(u.email): unknown organization \(slug)") }
                try db.execute(cached: "INSERT INTO org_memberships(id, userId, orgId, role) VALUES (?, ?, ?, 'member')",
                               arguments: [newId(), userId, orgId])
            }
        }
    }

    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    // MARK: --bulk / --bulk-audit

    /// Adds `count` secrets to `/bulk` of the first project's first environment (opticworks-store dev).
    static func bulkSecrets(_ db: GRDB.Database, count: Int, now: Int64) throws {
        guard count > 0, let project = try Store.projects(db).first,
              let env = try Store.environments(db, projectId: project.id).first else { return }
        let folder = try Store.ensureFolder(db, envId: env.id, path: "/bulk", now: now)
        let existing = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM secrets WHERE folderId = ?", arguments: [folder.id]) ?? 0
        guard existing < count else { return }
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO secrets(id, folderId, key, value, comment, version, metadata, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, '', 1, '[]', ?, ?)
            """)
        let history = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO secret_versions(id, secretId, folderId, version, key, value, comment, createdAt)
            VALUES (?, ?, ?, 1, ?, ?, '', ?)
            """)
        for i in existing..<count {
            let id = newId(), key = String(format: "BULK_SECRET_%06d", i + 1), value = String(format: "bulk-value-%06d", i + 1)
            let at = now - Int64(i % 1000) * 60_000
            try insert.execute(arguments: [id, folder.id, key, value, at, at])
            try history.execute(arguments: [newId(), id, folder.id, key, value, at])
        }
    }
}
