/// The version reported by `--version` and in the User-Agent.
public enum InfisicalTUIVersion {
    public static let current = "0.1.0"

    /// `--version`'s line: `0.1.0`, or `0.1.0 (commit 1a2b3c4d5e6f)` for a build from a git checkout.
    /// The commit comes from the App target's generated `GitCommit.swift` (GitCommit plugin).
    public static func text(commit: String?) -> String {
        guard let c = commit, !c.isEmpty else { return current }
        return "\(current) (commit \(c))"
    }
}
