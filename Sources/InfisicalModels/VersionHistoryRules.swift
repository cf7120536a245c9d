/// What the CLI and the TUI say about version history and rollback, written once.
public enum VersionHistoryRules {
    /// Infisical serves `GET /api/v1/secret/{id}/secret-versions` to user tokens only; a machine
    /// identity gets 403. Said plainly wherever that refusal shows (the history overlay, the CLI).
    public static let personLoginNeeded =
        "version history needs a person login (infisical-tui login); machine identities are refused by Infisical"

    /// Why a rollback of `key` to `version` cannot be done when the current version is `current`
    /// (nil when it can): only an older version, and only one that exists, is restored.
    public static func versionDenial(key: String, version: Int, current: Int) -> String? {
        if version < 1 { return "there is no version \(version) (versions start at 1)" }
        if version == current { return "v\(version) is already the current version of \(key)" }
        if version > current { return "\(key) has no version \(version) (the current one is v\(current))" }
        return nil
    }

}
