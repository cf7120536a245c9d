import ArgumentParser
import CSupport
import Foundation
import InfisicalClient
import InfisicalModels
import TerminalShell
import TUICore

/// `infisical-tui` / `infisical-tui browse`: the full-screen dashboard.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the dashboard (default).",
        discussion: """
        Keys: arrows/hjkl move, Tab switches panes, Enter opens, r/Space reveals a value, / filters, \
        t switches theme, ? shows all keys, q quits.
        Settings: $XDG_CONFIG_HOME/infisical-tui/config.json ({"theme": "light", "remaskSeconds": 30, \
        "rotation": {"soonDays": 7, "projects": {"SLUG": [{"pattern": "JWT_*", "days": 30}]}}}); \
        user themes in $XDG_CONFIG_HOME/infisical-tui/themes/NAME.json.
        """)

    @Flag(help: "Start the bundled dev server with demo data on a free loopback port and open the dashboard on it.")
    var demo = false

    @Option(name: .customLong("demo-role"),
            help: "Demo identity to sign in as: viewer, developer or admin. Viewer is the default: least privilege.")
    var demoRole: String = "viewer"

    @Flag(name: .customLong("login"),
          help: "With --demo: sign in as a demo person through the browser login (the dev server's /login page prints its address) instead of as a machine identity.")
    var login = false

    @Option(help: ArgumentHelp("Theme name (default, light, high-contrast, monochrome, or a user theme) or a theme file path.",
                               valueName: "name|file"))
    var theme: String?

    @Option(name: .customLong("remask-seconds"), help: "Re-mask a revealed value after this many seconds (default 30).")
    var remaskSeconds: Double?

    @Flag(name: .customLong("smoke"), help: .hidden)
    var smoke = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard ["viewer", "developer", "admin"].contains(demoRole) else {
            throw ValidationError("--demo-role must be viewer, developer or admin")
        }
        if login && !demo {
            throw ValidationError("--login goes with --demo; to sign in to a server run `infisical-tui login`")
        }
        if let r = remaskSeconds, !(r > 0 && r <= 86400) {
            throw ValidationError("--remask-seconds must be between 1 and 86400")
        }
    }

    func run() throws {
        if smoke { return try SmokeScreen.run() }
        // Everything that can be checked without a terminal or network comes first, so a bad theme,
        // config or missing credentials is a plain one-line error.
        let config = try DashboardConfig.load()
        let catalog = ThemeCatalog()
        let theme = try catalog.load(self.theme ?? config.theme ?? "default")
        let remask = remaskSeconds ?? config.remaskSeconds ?? 30
        let resolved = demo ? nil : try connection.connect(warnOnStderr: false)   // the status line says it instead
        do { try Terminal.requireTerminal() } catch let e as TerminalError { throw InfisicalErrorBridge.from(e) }
        // Signals become flags from here on, so even an interrupted start-up stops the demo server.
        _ = cs_install_signal_pipe()

        var demoServer: DemoServer?
        defer { demoServer?.stop() }
        let api: InfisicalAPI
        let start: DashboardStart
        if let (client, scope) = resolved {
            api = client
            start = Self.start(for: client, scope: scope)
        } else {
            let server = try DemoServer.start()
            demoServer = server
            (api, start) = try login ? demoPersonClient(server) : demoClient(server)
        }
        var startWithPolicy = start
        startWithPolicy.rotation = config.rotation ?? RotationConfig()
        let session = DashboardSession(api: api, start: startWithPolicy, theme: theme, themeCatalog: catalog, remaskSeconds: remask)
        try session.run()
    }

    /// Signs in as the chosen role's demo identity; credentials come from the ready file.
    func demoClient(_ server: DemoServer) throws -> (InfisicalAPI, DashboardStart) {
        let identity = try server.identity(role: demoRole)
        guard let url = URL(string: server.ready.url) else {
            throw InfisicalError(.config, "the demo server reported a bad URL")
        }
        let api = try InfisicalAPI(configuration: ClientConfiguration(
            domain: url, credentials: .universalAuth(clientId: identity.clientId, clientSecret: identity.clientSecret)))
        // The demo database is new each time: only explicit flags preselect, nothing is remembered.
        var start = DashboardStart(serverLabel: "demo \(url.host ?? ""):\(url.port ?? 0)", identityName: identity.name,
                                   project: connection.projectId, environment: connection.environment, path: connection.path)
        start.remembersView = false
        return (api, start)
    }

    /// `--demo --login`: the same browser login as `login` against the demo server (its /login page
    /// signs a demo person in and posts to our callback), then the dashboard as that person. The
    /// session lives in memory only: the demo database is new each time.
    func demoPersonClient(_ server: DemoServer) throws -> (InfisicalAPI, DashboardStart) {
        guard let url = URL(string: server.ready.url) else {
            throw InfisicalError(.config, "the demo server reported a bad URL")
        }
        let anonymous = try InfisicalAPI(configuration: ClientConfiguration(domain: url, credentials: nil))
        let creds = try BrowserLoginFlow.run(api: anonymous, domain: url, timeout: 600,
                                             note: "Demo people (README, \"Log in as yourself\"): jonas.weber@optic.works / demo-developer-pass, "
                                                 + "maya.chen@optic.works / demo-admin-pass, alex.kim@optic.works / demo-viewer-pass.")
        var config = ClientConfiguration(domain: url, credentials: .accessToken(creds.accessToken),
                                         cachedToken: CachedToken(accessToken: creds.accessToken,
                                                                  expiresAt: JWTPayload(token: creds.accessToken)?.expiresAt))
        config.userSession = UserSession(email: creds.email, refreshToken: creds.refreshToken, source: .login)
        let api = try InfisicalAPI(configuration: config)
        var start = DashboardStart(serverLabel: "demo \(url.host ?? ""):\(url.port ?? 0)", identityName: api.signInDescription,
                                   project: connection.projectId, environment: connection.environment, path: connection.path)
        start.remembersView = false
        start.asksOrganization = true
        return (api, start)
    }

    /// Flags / env vars / `.infisical.json` preselect; without a project, the last view returns.
    static func start(for client: InfisicalAPI, scope: Scope) -> DashboardStart {
        let domain = client.configuration.domain
        var start = DashboardStart(serverLabel: domain.host ?? domain.absoluteString,
                                   // A person: "signed in as …" or "using infisical login session of …".
                                   identityName: client.configuration.userSession != nil ? client.signInDescription
                                       : client.identityName ?? client.configuration.credentials?.methodName ?? "",
                                   project: scope.project, environment: nil, path: nil)
        start.insecureTransport = client.transportWarning != nil
        start.asksOrganization = client.configuration.userSession != nil
        if scope.project != nil {
            if scope.environmentSource != "default" { start.environment = scope.environment }
            if scope.path != "/" { start.path = scope.path }
        } else if let last = LastView.load(server: domain.absoluteString) {
            start.project = last.project; start.environment = last.environment; start.path = last.path
        }
        return start
    }
}
