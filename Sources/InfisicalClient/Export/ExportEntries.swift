import InfisicalModels

/// Which keys an export writes, in which order, and which it reports: one rule for the CLI's
/// `export` and the TUI's copy-to-file. Works on a metadata list too (keys and collisions are the
/// same with or without values), so the TUI can show what will be written before reading values.
public enum ExportEntries {
    /// Imports first (overridden by own secrets), own secrets sorted by path depth then key; a key
    /// seen in two folders of a recursive export keeps the shallowest (then the first path in
    /// order, then the first in the list) and is reported. Entries come sorted by key.
    ///
    /// One sort of row indices by (key, depth, path) does all of it: the first row of each key is
    /// the winner, the rest are collisions. Rows are never copied (10k rows: this step was a
    /// quarter of an export's CPU when it sorted copies of the rows and then the keys again).
    public static func build(_ list: SecretList, basePath: String) -> (entries: [ExportEntry], collisions: [String]) {
        let secrets = list.secrets
        // A list has few distinct paths: each path's depth is counted once.
        var depthOf: [String: Int] = [:]
        var depths = [Int](repeating: 0, count: secrets.count)
        for (n, s) in secrets.enumerated() {
            let p = s.secretPath ?? basePath
            if let d = depthOf[p] { depths[n] = d } else {
                let d = p.split(separator: "/").count
                depthOf[p] = d; depths[n] = d
            }
        }
        var order = Array(secrets.indices)
        order.sort { a, b in
            let ka = secrets[a].secretKey, kb = secrets[b].secretKey
            if ka != kb { return ka < kb }
            if depths[a] != depths[b] { return depths[a] < depths[b] }
            let pa = secrets[a].secretPath ?? basePath, pb = secrets[b].secretPath ?? basePath
            if pa != pb { return pa < pb }
            return a < b
        }

        var own: [ExportEntry] = []
        own.reserveCapacity(secrets.count)
        // A loser's (depth, path, key) orders the reports as a reader walks the folders.
        var lost: [(depth: Int, path: String, key: String, text: String)] = []
        var winnerPath = ""
        for n in order {
            let s = secrets[n], p = s.secretPath ?? basePath
            if let last = own.last, last.key == s.secretKey {
                lost.append((depths[n], p, s.secretKey,
                             "\(s.secretKey) exists in \(winnerPath) and \(p); exported the one in \(winnerPath)"))
                continue
            }
            winnerPath = p
            own.append(ExportEntry(key: s.secretKey, value: s.secretValue))
        }
        lost.sort { ($0.depth, $0.path, $0.key) < ($1.depth, $1.path, $1.key) }
        let collisions = lost.map(\.text)

        guard let imports = list.imports, !imports.isEmpty else { return (own, collisions) }
        // Imported keys fill in what the folder itself does not have; the first import of a key wins.
        var taken = Set(own.map(\.key))
        var imported: [ExportEntry] = []
        for imp in imports {
            for s in imp.secrets where taken.insert(s.secretKey).inserted {
                imported.append(ExportEntry(key: s.secretKey, value: s.secretValue))
            }
        }
        guard !imported.isEmpty else { return (own, collisions) }
        imported.sort { $0.key < $1.key }
        // Both are sorted by key and disjoint: merge.
        var merged: [ExportEntry] = []
        merged.reserveCapacity(own.count + imported.count)
        var i = 0, j = 0
        while i < own.count || j < imported.count {
            if j == imported.count || (i < own.count && own[i].key < imported[j].key) {
                merged.append(own[i]); i += 1
            } else {
                merged.append(imported[j]); j += 1
            }
        }
        return (merged, collisions)
    }
}
