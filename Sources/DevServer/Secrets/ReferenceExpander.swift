import Foundation
import GRDB

/// Expands secret references: `${KEY}` (same env + folder), `${env.KEY}` (env root) and
/// `${env.folder.sub.KEY}` (env + /folder/sub). Cycle-safe and depth-limited: a reference that is
/// missing, cyclic or too deep is left as written.
struct ReferenceExpander {
    let db: GRDB.Database
    let projectId: String
    static let maxDepth = 10
    private var envIds: [String: String?] = [:]
    private var cache: [String: String?] = [:]

    init(db: GRDB.Database, projectId: String) {
        self.db = db
        self.projectId = projectId
    }

    /// `key` is the secret being expanded, so a reference back to it counts as a cycle.
    mutating func expand(_ value: String, env: String, path: String, key: String? = nil) -> String {
        expand(value, env: env, path: path, depth: 0, visiting: key.map { ["\(env)|\(path)|\($0)"] } ?? [])
    }

    private mutating func expand(_ value: String, env: String, path: String, depth: Int, visiting: Set<String>) -> String {
        guard value.contains("${") else { return value }
        var out = ""
        var rest = Substring(value)
        while let open = rest.range(of: "${") {
            out += rest[rest.startIndex..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let ref = String(rest[open.upperBound..<close])
            let original = String(rest[open.lowerBound...close])
            rest = rest[rest.index(after: close)...]
            out += resolve(ref, env: env, path: path, depth: depth, visiting: visiting) ?? original
        }
        out += rest
        return out
    }

    private mutating func resolve(_ ref: String, env: String, path: String, depth: Int, visiting: Set<String>) -> String? {
        let parts = ref.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let target: (env: String, path: String, key: String)
        if parts.count == 1 {
            target = (env, path, parts[0])
        } else {
            target = (parts[0], "/" + parts.dropFirst().dropLast().joined(separator: "/"), parts[parts.count - 1])
        }
        let id = "\(target.env)|\(target.path)|\(target.key)"
        guard depth < Self.maxDepth, !visiting.contains(id), let raw = lookup(target.env, target.path, target.key) else {
            return nil
        }
        return expand(raw, env: target.env, path: target.path, depth: depth + 1, visiting: visiting.union([id]))
    }

    private mutating func lookup(_ env: String, _ path: String, _ key: String) -> String? {
        let id = "\(env)|\(path)|\(key)"
        if let hit = cache[id] { return hit }
        let value: String? = (try? {
            let envId: String?
            if let cached = envIds[env] { envId = cached } else {
                envId = try Store.environment(db, projectId: projectId, slug: env)?.id
                envIds[env] = envId
            }
            guard let envId, let folder = try Store.folder(db, envId: envId, path: path) else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM secrets WHERE folderId = ? AND key = ?",
                                       arguments: [folder.id, key])
        }()) ?? nil
        cache[id] = value
        return value
    }
}
