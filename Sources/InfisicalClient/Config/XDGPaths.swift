import Foundation

/// Where infisical-tui keeps files, per the XDG base directory spec: settings and user themes in
/// the config dir, the login session and the last view in the state dir. The one rule for the CLI
/// (`login`, `logout`, stored sessions) and the dashboard (config.json, themes, last view).
/// A relative or empty `XDG_*` value is ignored, as the spec says.
public struct XDGPaths: Sendable, Equatable {
    public static let appDirectory = "infisical-tui"
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `$HOME`, else the account's home directory.
    public var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }

    /// `$XDG_CONFIG_HOME/infisical-tui`, else `~/.config/infisical-tui`.
    public var configDirectory: String { base("XDG_CONFIG_HOME", else: "/.config") + "/" + Self.appDirectory }

    /// `$XDG_STATE_HOME/infisical-tui`, else `~/.local/state/infisical-tui`.
    public var stateDirectory: String { base("XDG_STATE_HOME", else: "/.local/state") + "/" + Self.appDirectory }

    private func base(_ variable: String, else homeRelative: String) -> String {
        if let x = environment[variable], x.hasPrefix("/") { return x }
        return home + homeRelative
    }
}
