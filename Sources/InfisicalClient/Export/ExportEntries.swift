import InfisicalModels

/// Which keys an export writes, in which order, and which it reports: one rule for the CLI's
/// `export` and the TUI's copy-to-file. Works on a metadata list too (keys and collisions are the
/// same with or without values), so the TUI can show what will be written before reading values.
public enum ExportEntries {
    /// Imports first (overridden by own secrets), own secrets sorted by path depth then key; a key
    /// seen in two folders of a recursive export keeps the shallowest and is reported.
    public static func build(_ list: SecretList, basePath: String) -> (entries: [ExportEntry], collisions: [String]) {
        var values: [String: String] = [:], order: [String] = []
        var collisions: [String] = []
        for imp in list.imports ?? [] {
            for s in imp.secrets where values[s.secretKey] == nil {
                values[s.secretKey] = s.secretValue; order.append(s.secretKey)
            }
        }
        // Each path's depth is counted once, not in every comparison (10k secrets: ~280k splits).
        let own = list.secrets.map { s -> (depth: Int, path: String, secret: Secret) in
            let p = s.secretPath ?? basePath
            return (p.split(separator: "/").count, p, s)
        }.sorted { ($0.depth, $0.path, $0.secret.secretKey) < ($1.depth, $1.path, $1.secret.secretKey) }
        var ownSeen: [String: String] = [:]
        for (_, p, s) in own {
            if let first = ownSeen[s.secretKey] {
                collisions.append("\(s.secretKey) exists in \(first) and \(p); exported the one in \(first)")
                continue
            }
            ownSeen[s.secretKey] = p
            if values[s.secretKey] == nil { order.append(s.secretKey) }
            values[s.secretKey] = s.secretValue
        }
        order.sort()
        return (order.map { ExportEntry(key: $0, value: values[$0] ?? "") }, collisions)
    }
}
