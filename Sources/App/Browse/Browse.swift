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
        Settings: $XDG_CONFIG_HOME/infisical-tui/config.json ({"theme": "light", "remaskSeconds": 30}); \
        user themes in $XDG_CONFIG_HOME/infisical-tui/themes/NAME.json.
        """)

    @Flag(help: "Start the bundled dev server with demo data on a free loopback port and open the dashboard on it.")
    var demo = false

    @Option(name: .customLong("demo-role"),
            help: "Demo identity to sign in as: viewer, developer or admin (default viewer: least privilege).")
    var demoRole: String = "viewer"

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
        if let r = remaskSeconds, !(r > 0 && r <= 86400) {
            throw ValidationError("--remask-seconds must be between 1 and 86400")
        }
    }

    func run() throws {
        if smoke { return try SmokeScreen.run() }
        // Settings first: a bad theme or config is reported even without a terminal.
        let config = try DashboardConfig.load()
        let catalog = ThemeCatalog()
        let theme = try catalog.load(self.theme ?? config.theme ?? "default")
        let remask = remaskSeconds ?? config.remaskSeconds ?? 30
        do { try Terminal.requireTerminal() } catch let e as TerminalError { throw InfisicalErrorBridge.from(e) }
        // Signals become flags from here on, so even an interrupted start-up stops the demo server.
        _ = cs_install_signal_pipe()

        var demoServer: DemoServer?
        defer { demoServer?.stop() }
        let api: InfisicalAPI
        var start: DashboardStart
        if demo {
            let server = try DemoServer.start()
            demoServer = server
            let identity = try server.identity(role: demoRole)
            guard let url = URL(string: server.ready.url) else {
                throw InfisicalError(.config, "the demo server reported a bad URL")
            }
            api = try InfisicalAPI(configuration: ClientConfiguration(
                domain: url, credentials: .universalAuth(clientId: identity.clientId, clientSecret: identity.clientSecret)))
            // The demo database is new each time: only explicit flags preselect.
            start = DashboardStart(serverLabel: "demo \(url.host ?? ""):\(url.port ?? 0)", identityName: identity.name,
                                   project: connection.projectId, environment: connection.environment, path: connection.path)
        } else {
            let (client, scope) = try connection.connect()
            api = client
            let domain = client.configuration.domain
            start = DashboardStart(serverLabel: domain.host ?? domain.absoluteString,
                                   identityName: client.identityName ?? client.configuration.credentials?.methodName ?? "",
                                   project: scope.project, environment: nil, path: nil)
            if scope.project != nil {
                if scope.environmentSource != "default" { start.environment = scope.environment }
                if scope.path != "/" { start.path = scope.path }
            } else if let last = LastView.load(server: domain.absoluteString) {
                start.project = last.project; start.environment = last.environment; start.path = last.path
            }
        }
        let session = DashboardSession(api: api, start: start, theme: theme, themeCatalog: catalog, remaskSeconds: remask)
        try session.run()
    }
}
