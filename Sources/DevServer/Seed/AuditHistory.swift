import Foundation
import GRDB

/// Synthesizes a believable, deterministic audit trail: reads, lists and writes of real seeded secrets
/// by several users and identities from several user agents, spread over the last N days.
enum AuditHistory {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    struct Target { var projectId: String; var env: String; var path: String; var secretId: String; var key: String; var version: Int }

    struct ResolvedActor { var type: String; var id: String; var metadata: JSON; var agents: [String]; var ip: String; var writes: Bool }

    static func targets(_ db: GRDB.Database) throws -> [Target] {
        try Row.fetchAll(db, cached: """
            SELECT s.id, s.key, s.version, f.path, e.slug AS env, e.projectId FROM secrets s
            JOIN folders f ON f.id = s.folderId JOIN environments e ON e.id = f.envId
            JOIN projects p ON p.id = e.projectId
            WHERE f.path != '/bulk' ORDER BY p.position, e.position, f.path, s.key
            """).map { Target(projectId: $0["projectId"], env: $0["env"], path: $0["path"], secretId: $0["id"],
                              key: $0["key"], version: $0["version"]) }
    }

    static func resolve(_ seedActors: [SeedFile.AuditActor], actors: Seeder.Actors) -> [ResolvedActor] {
        var out: [ResolvedActor] = []
        for (i, a) in seedActors.enumerated() {
            let resolved: ResolvedActor
            if a.type == "user", let email = a.email {
                let id = actors.users[email]?.id ?? newId()
                resolved = ResolvedActor(type: "user", id: id, metadata: .object([
                    ("userId", .string(id)), ("email", .string(email)), ("username", .string(email)),
                ]), agents: a.userAgents, ip: a.ip ?? "203.0.113.\(10 + i)", writes: a.writes ?? true)
            } else {
                let name = a.name ?? "identity-\(i)"
                let id = actors.identities[name] ?? newId()
                resolved = ResolvedActor(type: "identity", id: id, metadata: .object([
                    ("identityId", .string(id)), ("name", .string(name)),
                ]), agents: a.userAgents, ip: a.ip ?? "198.51.100.\(10 + i)", writes: a.writes ?? false)
            }
            for _ in 0..<max(1, a.weight ?? 1) { out.append(resolved) }
        }
        return out
    }

    static func generate(_ db: GRDB.Database, seed: SeedFile, actors: Seeder.Actors, now: Int64) throws {
        guard let audit = seed.audit, audit.days > 0, audit.eventsPerDay > 0 else { return }
        let resolved = resolve(audit.actors.filter { !($0.storyOnly ?? false) }, actors: actors)
        try emit(db, count: audit.days * audit.eventsPerDay, spanMs: Int64(audit.days) * Seeder.day, actors: resolved,
                 rng: Rng(state: audit.randomSeed ?? 42), now: now)
        try story(db, audit.story ?? [], seedActors: audit.actors, resolved: resolve(audit.actors, actors: actors), now: now)
        if let today = audit.todayEvents, today > 0 {
            // A morning burst on the first (demo) project: within the last hour and since last midnight UTC
            // (however early in the day the seeding runs), so "today" and "last hour" views have rows.
            let span = min(max(now - Clock.lastMidnightMs() - 5_000, 1_000), 3_600_000)
            try emit(db, count: today, spanMs: span, actors: resolved, rng: Rng(state: (audit.randomSeed ?? 42) &+ 1),
                     now: now, newestAgeMs: 2_000, firstProjectOnly: true)
        }
    }

    /// The seed's fixed events. Unknown actors or secrets are skipped (the seed is data; a typo
    /// must not stop the server).
    static func story(_ db: GRDB.Database, _ events: [SeedFile.StoryEvent], seedActors: [SeedFile.AuditActor],
                      resolved: [ResolvedActor], now: Int64) throws {
        guard !events.isEmpty else { return }
        let all = try targets(db)
        let slugs = Dictionary(try Row.fetchAll(db, cached: "SELECT id, slug FROM projects").map { (($0["slug"] as String), ($0["id"] as String)) },
                               uniquingKeysWith: { a, _ in a })
        // `resolved` repeats actors by weight; map names to the first resolved entry of each.
        var byName: [String: ResolvedActor] = [:]
        var i = 0
        for a in seedActors {
            let name = a.email ?? a.name ?? ""
            if i < resolved.count, byName[name] == nil { byName[name] = resolved[i] }
            i += max(1, a.weight ?? 1)
        }
        for e in events {
            guard let actor = byName[e.actor], let pid = slugs[e.project] else { continue }
            let inFolder = all.filter { $0.projectId == pid && $0.env == e.environment && $0.path == e.path }
            let meta: JSON
            let key: String?
            if e.event == "get-secrets" {
                // A folder listed with its values: no key, the count the listing returned.
                guard !inFolder.isEmpty else { continue }
                meta = .object([("environment", .string(e.environment)), ("secretPath", .string(e.path)),
                                ("numberOfSecrets", .int(inFolder.count))])
                key = nil
            } else {
                guard let t = inFolder.first(where: { $0.key == e.key }) else { continue }
                meta = .object(secretMeta(t))
                key = t.key
            }
            let agent = e.userAgent ?? actor.agents.first ?? "cli"
            try db.execute(cached: """
                INSERT INTO audit_logs(id, projectId, eventType, eventMetadata, actorType, actorId, actorMetadata,
                  environment, secretPath, secretKey, userAgent, userAgentType, ipAddress, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    newId(), pid, e.event, String(decoding: meta.serialized(), as: UTF8.self), actor.type, actor.id,
                    String(decoding: actor.metadata.serialized(), as: UTF8.self), e.environment, e.path, key, agent,
                    AuditRecorder.classify(agent), actor.ip, now - Int64(e.hoursAgo * 3_600_000),
                ])
        }
    }

    /// `--bulk-audit N`: N more events over the last 24 h (so the default "today"/24 h views page through them).
    static func bulk(_ db: GRDB.Database, count: Int, now: Int64) throws {
        guard count > 0 else { return }
        let idents = try Store.identities(db).filter { $0.role != "none" }   // members of no project act nowhere
        let agents = ["cli", "InfisicalPythonSDK", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "infisical-tui/0.1.0"]
        let resolved = idents.map { i in
            ResolvedActor(type: "identity", id: i.id, metadata: .object([("identityId", .string(i.id)), ("name", .string(i.name))]),
                          agents: agents, ip: "127.0.0.1", writes: i.role != "viewer")
        }
        guard !resolved.isEmpty else { return }
        try emit(db, count: count, spanMs: Seeder.day, actors: resolved, rng: Rng(state: UInt64(now)), now: now)
    }

    static func emit(_ db: GRDB.Database, count: Int, spanMs: Int64, actors: [ResolvedActor], rng: Rng, now: Int64,
                     newestAgeMs: Int64 = 120_000, firstProjectOnly: Bool = false) throws {
        var rng = rng
        var all = try targets(db)
        if firstProjectOnly, let first = all.first?.projectId { all = all.filter { $0.projectId == first } }
        guard !all.isEmpty, !actors.isEmpty else { return }
        let statement = try db.makeStatement(sql: """
            INSERT INTO audit_logs(id, projectId, eventType, eventMetadata, actorType, actorId, actorMetadata,
              environment, secretPath, secretKey, userAgent, userAgentType, ipAddress, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for i in 0..<count {
            // Spread evenly over the span with jitter; the newest is a couple of minutes old.
            let step = spanMs / Int64(max(count, 1))
            let base = now - newestAgeMs - step * Int64(i)
            let at = base - Int64(rng.int(Int(min(max(step - 1, 0), 3_600_000)) + 1))
            var actor = rng.pick(actors)
            let t = rng.pick(all)
            let roll = rng.int(100)
            var type: String
            var meta: [(String, JSON)]
            switch roll {
            case 0..<40:
                type = "get-secrets"
                let n = all.filter { $0.projectId == t.projectId && $0.env == t.env && $0.path == t.path }.count
                meta = [("environment", .string(t.env)), ("secretPath", .string(t.path)), ("numberOfSecrets", .int(n))]
            case 40..<80:
                type = "get-secret"
                meta = secretMeta(t)
            default:
                type = roll < 97 ? "update-secret" : "create-secret"
                meta = secretMeta(t)
                if !actor.writes, let writer = actors.first(where: { $0.writes }) { actor = writer }
            }
            let agent = rng.pick(actor.agents)
            let metaJSON = JSON.object(meta)
            try statement.execute(arguments: [
                newId(), t.projectId, type, String(decoding: metaJSON.serialized(), as: UTF8.self), actor.type, actor.id,
                String(decoding: actor.metadata.serialized(), as: UTF8.self), t.env, t.path,
                metaJSON["secretKey"]?.stringValue, agent, AuditRecorder.classify(agent), actor.ip, at,
            ])
        }
    }

    static func secretMeta(_ t: Target) -> [(String, JSON)] {
        [("environment", .string(t.env)), ("secretPath", .string(t.path)), ("secretId", .string(t.secretId)),
         ("secretKey", .string(t.key)), ("secretVersion", .int(t.version))]
    }
}
