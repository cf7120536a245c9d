import InfisicalModels

/// Which entries a dotenv file may hold: the one rule for the CLI's `export` and the TUI's
/// copy-to-file. A dotenv file is *sourced* (`set -a; . .env`), so its keys are shell code: a key
/// such as `X=$(touch${IFS}pwned)` would run a command, and a key with a newline injects lines for
/// python-dotenv. Only shell variable names (`[A-Za-z_][A-Za-z0-9_]*`) are written; anything else is
/// refused with the keys named (or skipped and listed, when asked). A value holding NUL cannot be
/// carried either (bash drops it), so that entry is refused the same way instead of read back short.
/// JSON, YAML and CSV keep every key as quoted data and do not use this rule.
public enum DotenvKeyRule {
    /// What to do with entries a dotenv file cannot carry.
    public enum Policy: Sendable, Equatable {
        /// Write nothing; throw `refusal` naming them (the default everywhere).
        case refuse
        /// Write the others and report the skipped keys (`--skip-invalid-keys`).
        case skip
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, ASCII only.
    public static func isValidKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, isHead(first) else { return false }
        return key.utf8.allSatisfy { isHead($0) || (0x30...0x39).contains($0) }
    }

    private static func isHead(_ b: UInt8) -> Bool { b == 0x5f || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) }

    /// Whether this entry can be written to a dotenv file.
    public static func accepts(_ entry: ExportEntry) -> Bool {
        isValidKey(entry.key) && !entry.value.unicodeScalars.contains("\u{0}")
    }

    /// The keys of entries a dotenv file cannot carry, in the entries' order.
    public static func refusedKeys(_ entries: [ExportEntry]) -> [String] {
        entries.filter { !accepts($0) }.map(\.key)
    }

    /// The error shown by the CLI and the TUI when entries are refused (keys escaped for a terminal).
    public static func refusal(_ keys: [String]) -> InfisicalError {
        let n = keys.count
        return InfisicalError(.usage,
            "refusing to write a dotenv file: \(n) key\(n == 1 ? " is" : "s are") not a shell variable name ([A-Za-z_][A-Za-z0-9_]*) or hold\(n == 1 ? "s" : "") a NUL byte: \(list(keys)); nothing written",
            hint: "rename \(n == 1 ? "it" : "them") in Infisical, or export as json, yaml or csv (the CLI's --skip-invalid-keys writes the others)")
    }

    /// `"k1", "k2", … and N more`: each key quoted, control and invisible characters made visible
    /// (`UntrustedText`'s rule), long keys cut, so a hostile key cannot hide or rewrite the line.
    public static func list(_ keys: [String], limit: Int = 10) -> String {
        let shown = keys.prefix(limit).map { key -> String in
            let cut = key.count > 60 ? String(key.prefix(60)) + "…" : key
            return "\"" + TerminalText.escape(cut) + "\""
        }
        return shown.joined(separator: ", ") + (keys.count > limit ? " and \(keys.count - limit) more" : "")
    }
}
