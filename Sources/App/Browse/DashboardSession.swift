import Foundation
import InfisicalClient
import InfisicalModels
import TerminalShell
import TUICore

/// What the dashboard should open on, resolved before the screen is taken (flags, env vars,
/// `.infisical.json`, else the remembered last view).
struct DashboardStart {
    var serverLabel: String
    var identityName: String
    /// Remember the view for next time (off for the throw-away demo server).
    var remembersView = true
    var project: String?
    var environment: String?
    var path: String?
    /// Plain http to a remote host (the client's transport warning): shown on the status line.
    var insecureTransport = false
    /// config.json's rotation section (policy overrides for the badge and the overdue filter).
    var rotation = RotationConfig()
    /// A person's session: the top bar asks for the organization's name.
    var asksOrganization = false
}

/// The run loop: render the core's state into the terminal, read input, feed actions to the
/// reducer, run its effects. Single-threaded except for API calls (EffectRunner) whose answers
/// arrive through the mailbox with a wake-up.
final class DashboardSession {
    let start: DashboardStart
    let catalog: ThemeCatalog
    let remaskSeconds: Double
    let serverKey: String
    let mailbox = Mailbox()
    let runner: EffectRunner
    var baseTheme: Theme
    var theme: Theme
    var state = AppState()
    var quitRequested = false

    init(api: InfisicalAPI, start: DashboardStart, theme: Theme, themeCatalog: ThemeCatalog, remaskSeconds: Double) {
        self.start = start
        self.catalog = themeCatalog
        self.remaskSeconds = remaskSeconds
        self.serverKey = api.configuration.domain.absoluteString
        self.baseTheme = theme
        self.theme = theme
        self.runner = EffectRunner(api: api, mailbox: mailbox)
    }

    func run() throws {
        let terminal = Terminal()
        do { try terminal.start() } catch let e as TerminalError { throw InfisicalErrorBridge.from(e) }
        defer {
            runner.cancelAll()
            terminal.stop()
        }
        colors = (terminal.colorDepth == .none, terminal.colorCount)
        theme = fitted(baseTheme)
        var options = StartupOptions(
            serverLabel: start.serverLabel, identityName: start.identityName,
            preferredProject: start.project, preferredEnvironment: start.environment, preferredPath: start.path,
            remaskAfter: remaskSeconds, themeName: baseTheme.name, width: terminal.width, height: terminal.height,
            utcOffset: TimeZone.current.secondsFromGMT(), insecureTransport: start.insecureTransport,
            rotation: start.rotation)
        options.asksOrganization = start.asksOrganization
        state = AppState(options)
        dispatch(.started(now: Date()))

        var nextTick = Date().addingTimeInterval(state.tickInterval)
        var drawn: (AppState, String, Int, Int)?
        while !quitRequested {
            // Draw only when something visible changed (state, theme or size).
            if drawn == nil || drawn!.0 != state || drawn!.1 != theme.name
                || drawn!.2 != terminal.width || drawn!.3 != terminal.height {
                terminal.draw(TUICore.render(state, width: terminal.width, height: terminal.height, theme: theme))
                drawn = (state, theme.name, terminal.width, terminal.height)
            }
            let wait = max(0, min(1000, Int32(nextTick.timeIntervalSinceNow * 1000)))
            let events = terminal.readEvents(timeoutMilliseconds: wait)
            if events.terminateSignal != nil || events.inputClosed { break }
            if events.resumed { drawn = nil }
            for input in events.inputs { dispatch(.input(input)) }
            for action in mailbox.takeAll() { dispatch(action) }
            if Date() >= nextTick {
                dispatch(.tick(now: Date()))
                nextTick = Date().addingTimeInterval(state.tickInterval)
            }
        }
    }

    /// NO_COLOR or a colourless terminal gets attributes only; fewer colours get the nearest ones.
    func fitted(_ theme: Theme) -> Theme {
        colors.none ? theme.noColor : theme.degraded(to: colors.count)
    }
    var colors: (none: Bool, count: Int) = (false, 256)

    func dispatch(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let a = queue.removeFirst()
            let (next, effects) = TUICore.reduce(state, a)
            state = next
            for effect in effects {
                if let follow = perform(effect) { queue.append(follow) }
            }
        }
    }

    /// Runs one effect; local effects may answer at once with an action. Exhaustive on purpose: a
    /// new effect does not compile until it is handled here.
    func perform(_ effect: Effect) -> Action? {
        switch effect {
        case .request(let id, let request):
            runner.run(id, request)
        case .invalidateCache:
            // Synchronous (it only empties a dictionary), so the reloads queued after it never
            // see the old entries.
            runner.api.clearCache()
        case .quit:
            quitRequested = true
        case .persistLastView(let projectId, let env, let path):
            if start.remembersView { LastView(server: serverKey, project: projectId, environment: env, path: path).save() }
        case .cycleTheme:
            let names = catalog.names
            let current = names.firstIndex(of: baseTheme.name) ?? -1
            guard !names.isEmpty else { return .failed(InfisicalError(.config, "no themes found", hint: "set INFISICAL_TUI_THEMES")) }
            return switchTheme(names[(current + 1) % names.count])
        }
        return nil
    }

    func switchTheme(_ name: String) -> Action {
        do {
            baseTheme = try catalog.load(name)
            theme = fitted(baseTheme)
            return .themeChanged(name: baseTheme.name)
        } catch let e as InfisicalError {
            return .failed(e)
        } catch {
            return .failed(InfisicalError(.config, "theme \(name): \(error)"))
        }
    }
}
