import Foundation
import GRDB

/// Expands secret references: `${KEY}` (same env + folder), `${env.KEY}` (env root) and
/// `${env.folder.sub.KEY}` (env + /folder/sub). A reference that is missing or cyclic is left as
/// written. Bounded, so a hostile value cannot exhaust the server: a chain deeper than `maxDepth`,
/// an expansion longer than `maxOutputBytes` or needing more than `maxReferences` look-ups (e.g.
/// `${B}${B}…` where B is `${C}${C}…`) is refused with a 400 naming the secret.
struct ReferenceExpander {
    let db: GRDB.Database
    let projectId: String
    static let maxDepth = 10
    static let maxOutputBytes = 1 << 20
    static let maxReferences = 10_000
    /// Look-ups made for the current top-level value (reset by the public `expand`).
    private var references = 0
    private var topKey = ""
    private var envIds: [String: String?] = [:]
    private var cache: [String: String?] = [:]

    init(db: GRDB.Database, projectId: String) {
        self.db = db
        self.projectId = projectId
    }

    /// `key` is the secret being expanded, so a reference back to it counts as a cycle.
    mutating func expand(_ value: String, env: String, path: String, key: String? = nil) throws -> String {
        references = 0
        topKey = key ?? ""
        return try expand(value, env: env, path: path, depth: 0, visiting: key.map { ["\(env)|\(path)|\($0)"] } ?? [])
    }

    private func tooBig(_ what: String) -> APIError {
        APIError.badRequest("Secret reference expansion of '\(topKey)' \(what)", name: "SecretReferenceLimit")
    }

    private mutating func expand(_ value: String, env: String, path: String, depth: Int, visiting: Set<String>) throws -> String {
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
            out += try resolve(ref, env: env, path: path, depth: depth, visiting: visiting) ?? original
            if out.utf8.count > Self.maxOutputBytes { throw tooBig("exceeds \(Self.maxOutputBytes) bytes") }
        }
        out += rest
        if out.utf8.count > Self.maxOutputBytes { throw tooBig("exceeds \(Self.maxOutputBytes) bytes") }
        return out
    }

    private mutating func resolve(_ ref: String, env: String, path: String, depth: Int, visiting: Set<String>) throws -> String? {
        let parts = ref.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let target: (env: String, path: String, key: String)
        if parts.count == 1 {
            target = (env, path, parts[0])
        } else {
            target = (parts[0], "/" + parts.dropFirst().dropLast().joined(separator: "/"), parts[parts.count - 1])
        }
        let id = "\(target.env)|\(target.path)|\(target.key)"
        references += 1
        if references > Self.maxReferences { throw tooBig("needs more than \(Self.maxReferences) references") }
        guard !visiting.contains(id), let raw = lookup(target.env, target.path, target.key) else { return nil }
        if depth >= Self.maxDepth { throw tooBig("is nested deeper than \(Self.maxDepth) references") }
        return try expand(raw, env: target.env, path: target.path, depth: depth + 1, visiting: visiting.union([id]))
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
            return try String.fetchOne(db, cached: "SELECT value FROM secrets WHERE folderId = ? AND key = ?",
                                       arguments: [folder.id, key])
        }()) ?? nil
        cache[id] = value
        return value
    }
}
