import InfisicalModels

/// Who may write what in the TUI. Pure, so the matrix is tested without a server.
public enum EditPermission {
    /// Why writes are disabled in this environment for this role, or nil when allowed.
    /// Production is read-only in the TUI whatever the role; an unknown or custom role is allowed
    /// and the server decides (its 403 is shown).
    public static func denial(role: ProjectRole?, environment: Environment?) -> String? {
        guard let environment else { return "no environment open" }
        if environment.isProduction { return "production is read-only in the TUI" }
        return ProjectRole.writeDenial(role)
    }

    /// Why this row cannot be changed here (imported rows live elsewhere), or nil.
    public static func rowDenial(_ row: SecretRow) -> String? {
        guard let from = row.importedFrom else { return nil }
        return "imported from \(from): edit it there"
    }
}

/// The OpticWorks guide's naming rules: upper snake case, and the category prefixes of its folders
/// (`DATABASE_*` in /database, `REDIS_*`, `STRIPE_*`, `EASYPOST_*`), `FEATURE_*` for feature flags,
/// `*_WEBHOOK_SECRET` for webhook secrets. Warnings only: a key that breaks them can still be saved.
public enum KeyNaming {
    static let folderPrefixes = ["database": "DATABASE_", "redis": "REDIS_", "stripe": "STRIPE_", "easypost": "EASYPOST_"]

    public static func isUpperSnakeCase(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Warnings for `key` in folder `path` (empty when it follows the conventions).
    public static func warnings(key: String, path: String) -> [String] {
        guard !key.isEmpty else { return [] }
        var out: [String] = []
        if !isUpperSnakeCase(key) { out.append("not UPPER_SNAKE_CASE") }
        let upper = key.uppercased()
        let folder = path.split(separator: "/").last.map { String($0).lowercased() } ?? ""
        if let prefix = folderPrefixes[folder], !upper.hasPrefix(prefix) {
            out.append("keys in /\(folder) start with \(prefix)")
        }
        if upper.contains("FEATURE"), !upper.hasPrefix("FEATURE_") {
            out.append("feature flags are named FEATURE_*")
        }
        if upper.contains("WEBHOOK"), upper.contains("SECRET"), !upper.hasSuffix("_WEBHOOK_SECRET") {
            out.append("webhook secrets are named *_WEBHOOK_SECRET")
        }
        return out
    }
}
