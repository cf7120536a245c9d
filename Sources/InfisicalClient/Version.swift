/// The version reported by `--version` and in the User-Agent.
public enum InfisicalTUIVersion {
    public static let current = "0.1.0"
}
