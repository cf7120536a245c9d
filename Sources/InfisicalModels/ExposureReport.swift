import Foundation

/// "What could this person have seen?" from audit events: the one grouping for
/// `infisical-tui exposure` and the TUI's exposure overlay. Pure: audit rows in, report out.
///
/// - a `get-secret` event exposed one value: grouped by project, environment, path and key, with
///   the last read and how many reads;
/// - a `get-secrets` event listed a folder with its values: grouped by project, environment and
///   path, with the last listing, the number of listings and the most secrets one listing returned.
///
/// Other events (writes, folder changes) expose nothing new and are ignored. Events of other actors
/// are ignored too, so a caller may hand over an unfiltered page of the audit log.
public struct ExposureReport: Sendable, Equatable {
    public struct SecretRead: Sendable, Equatable {
        public var projectId: String
        public var projectName: String
        public var environment: String
        public var path: String
        public var key: String
        /// ISO-8601 time of the newest read, as the server wrote it.
        public var lastRead: String
        public var count: Int
    }

    public struct FolderListing: Sendable, Equatable {
        public var projectId: String
        public var projectName: String
        public var environment: String
        public var path: String
        public var lastListed: String
        public var count: Int
        /// The largest `numberOfSecrets` among the listings (nil when the server never said).
        public var secrets: Int?
    }

    /// The actor as the events name it (email, identity name or id), and its id when known.
    public var actorName: String
    public var actorId: String?
    public var secrets: [SecretRead]
    public var folders: [FolderListing]
    /// How many events of this actor were read (all types), for "nothing found" messages.
    public var eventsSeen: Int

    public var isEmpty: Bool { secrets.isEmpty && folders.isEmpty }

    /// True when `entry` was done by the actor the user named: the id, or the email, username or
    /// name in the actor's metadata, compared case-insensitively (emails are typed by hand).
    public static func matches(_ entry: AuditLogEntry, actor: String) -> Bool {
        let want = actor.trimmingCharacters(in: .whitespaces).lowercased()
        guard !want.isEmpty else { return false }
        if entry.actor.id?.lowercased() == want { return true }
        for k in ["email", "username", "name"] {
            if let s = entry.actor.metadata?[k]?.stringValue, s.lowercased() == want { return true }
        }
        return false
    }

    /// Groups the actor's reads. Rows may come in any order; the result is sorted by project,
    /// environment, path and key, so the same log always gives the same report.
    public static func build(_ entries: [AuditLogEntry], actor: String) -> ExposureReport {
        let mine = entries.filter { matches($0, actor: actor) }
        var secrets: [String: SecretRead] = [:]
        var folders: [String: FolderListing] = [:]
        for e in mine {
            let pid = e.projectId ?? "", pname = e.projectName ?? pid
            let env = e.environment ?? "", path = e.secretPath ?? "/"
            switch e.event.type {
            case "get-secret":
                guard let key = e.secretKey, !key.isEmpty else { continue }
                let id = [pid, env, path, key].joined(separator: "\u{0}")
                if var r = secrets[id] {
                    r.count += 1
                    if newer(e.createdAt, than: r.lastRead) { r.lastRead = e.createdAt }
                    secrets[id] = r
                } else {
                    secrets[id] = SecretRead(projectId: pid, projectName: pname, environment: env, path: path, key: key,
                                             lastRead: e.createdAt, count: 1)
                }
            case "get-secrets":
                let id = [pid, env, path].joined(separator: "\u{0}")
                let n = e.event.metadata?["numberOfSecrets"].flatMap(count)
                if var f = folders[id] {
                    f.count += 1
                    if newer(e.createdAt, than: f.lastListed) { f.lastListed = e.createdAt }
                    if let n { f.secrets = max(f.secrets ?? 0, n) }
                    folders[id] = f
                } else {
                    folders[id] = FolderListing(projectId: pid, projectName: pname, environment: env, path: path,
                                                lastListed: e.createdAt, count: 1, secrets: n)
                }
            default:
                continue
            }
        }
        let first = mine.first
        return ExposureReport(
            actorName: first?.actor.displayName ?? actor, actorId: first?.actor.id,
            secrets: secrets.values.sorted { ($0.projectName, $0.environment, $0.path, $0.key) < ($1.projectName, $1.environment, $1.path, $1.key) },
            folders: folders.values.sorted { ($0.projectName, $0.environment, $0.path) < ($1.projectName, $1.environment, $1.path) },
            eventsSeen: mine.count)
    }

    /// Compares server timestamps as instants (zones and fractions differ); unparsable text loses.
    static func newer(_ a: String, than b: String) -> Bool {
        switch (ISODate.parse(a), ISODate.parse(b)) {
        case let (x?, y?): return x > y
        case (_?, nil): return true
        default: return false
        }
    }

    /// A non-negative whole number from metadata (`numberOfSecrets`), else nil.
    static func count(_ v: JSONValue) -> Int? {
        if case .number(let n) = v, n.isFinite, n >= 0, n < 1e9 { return Int(n) }
        return nil
    }

    /// The audit event types the report reads (ask the server for only these).
    public static let eventTypes = ["get-secret", "get-secrets"]
}
