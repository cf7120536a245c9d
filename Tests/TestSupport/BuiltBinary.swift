import Foundation

/// Locates binaries built by this package: next to the running test bundle
/// (`/proc/self/exe` → `.build/<triple>/debug`), unless an environment variable overrides the path.
public enum BuiltBinary {
    /// `.build/<triple>/debug`: the directory holding the `.xctest` bundle that runs us.
    public static var productsDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe)
        while url.path != "/" && !url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        if url.path == "/" { return URL(fileURLWithPath: exe).deletingLastPathComponent().path }
        return url.deletingLastPathComponent().path
    }

    /// `envOverride` (when set and non-empty), else `<productsDirectory>/<name>`.
    public static func path(_ name: String, envOverride: String) -> String {
        if let p = ProcessInfo.processInfo.environment[envOverride], !p.isEmpty { return p }
        return productsDirectory + "/" + name
    }

    public static var devServer: String { path("infisical-dev-server", envOverride: "INFISICAL_DEV_SERVER_BIN") }
    public static var tui: String { path("infisical-tui", envOverride: "INFISICAL_TUI_BIN") }
}
