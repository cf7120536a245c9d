import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// Server, credentials and scope flags shared by every subcommand and the dashboard. Flag names
/// follow the Infisical CLI. Precedence (flag > env var > .infisical.json > default) is applied by
/// `ConfigResolver` in InfisicalClient, so the TUI and the subcommands resolve identically.
///
/// Use: `@OptionGroup var connection: ConnectionOptions`, then `let (api, scope) = try connection.connect()`.
public struct ConnectionOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("domain"), help: "Infisical URL (origin or …/api). Env: INFISICAL_DOMAIN, INFISICAL_API_URL.")
    public var domain: String?

    @Option(name: .customLong("token"), help: ArgumentHelp("Access or service token (prefer INFISICAL_TOKEN: argv is visible to other users).", valueName: "token"))
    public var token: String?

    @Option(name: .customLong("client-id"), help: "Universal-auth client id. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID.")
    public var clientId: String?

    @Option(name: .customLong("client-secret"), help: "Universal-auth client secret; `-` reads it from stdin (prompted without echo on a terminal). Prefer INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET or `-`: argv is visible to other users.")
    public var clientSecret: String?

    @Option(name: .customLong("projectId"), help: "Project id or slug. Env: INFISICAL_PROJECT_ID; else .infisical.json workspaceId.")
    public var projectId: String?

    @Option(name: .customLong("env"), help: "Environment slug (default dev). Env: INFISICAL_ENVIRONMENT; else .infisical.json.")
    public var environment: String?

    @Option(name: .customLong("path"), help: "Secret path (default /). Env: INFISICAL_SECRET_PATH; else .infisical.json defaultSecretPath.")
    public var path: String?

    @Option(name: .customLong("cacert"), help: "PEM CA bundle for a private CA. Env: SSL_CERT_FILE.")
    public var caCert: String?

    @Option(name: .customLong("timeout"), help: "Total timeout per request, seconds (default 60).")
    public var timeout: Double?

    /// The raw inputs (flags + process env + cwd) — exposed so callers can tweak before resolving.
    public func inputs() -> ResolutionInputs {
        ResolutionInputs(domain: domain, token: token, clientId: clientId, clientSecret: clientSecret,
                         projectId: projectId, environment: environment, path: path, caCert: caCert)
    }

    /// Resolved configuration and scope, without touching the network.
    public func resolve() throws -> (ClientConfiguration, Scope) {
        let (config, scope, _) = try resolveExplained()
        return (config, scope)
    }

    /// `resolve`, plus where each setting came from (for `doctor`).
    public func resolveExplained() throws -> (ClientConfiguration, Scope, ResolutionSources) {
        var given = inputs()
        if clientSecret == "-" { given.clientSecret = try SecretInput.readClientSecret() }
        var (config, scope, sources) = try ConfigResolver.resolveExplained(given)
        if let t = timeout, t > 0 { config.requestTimeout = t }
        return (config, scope, sources)
    }

    /// A ready client plus the scope. Fails with a usage-style InfisicalError when no credentials exist.
    /// `warnOnStderr`: print `transportWarning` (plain http to a remote host) as one stderr line;
    /// the dashboard passes false and shows it on its status line instead.
    public func connect(requireCredentials: Bool = true, warnOnStderr: Bool = true) throws -> (InfisicalAPI, Scope) {
        let (config, scope) = try resolve()
        if requireCredentials && config.credentials == nil {
            throw InfisicalError(.unauthorized, "no credentials for \(config.domain.absoluteString)",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET or INFISICAL_TOKEN, or run `infisical-tui login`")
        }
        if warnOnStderr, let w = config.transportWarning { CLIOutput.note("warning: " + CLIOutput.safe(w)) }
        return (try InfisicalAPI(configuration: config), scope)
    }

    /// The scope's project, or a usage error saying how to give one.
    public static func requireProject(_ scope: Scope) throws -> String {
        guard let p = scope.project else {
            throw InfisicalError(.usage, "no project given",
                                 hint: "pass --projectId <id|slug>, set INFISICAL_PROJECT_ID, or add .infisical.json (workspaceId)")
        }
        return p
    }
}
