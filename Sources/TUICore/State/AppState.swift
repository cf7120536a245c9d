import Foundation
import InfisicalModels

/// The panes that can take focus, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case projects, folders, secrets, detail
}

/// The top-level screen: the browse panes or the project's audit log.
public enum Screen: Equatable, Sendable {
    case browse, audit
}

/// Which list an incremental filter applies to.
public enum FilterTarget: Equatable, Sendable {
    case projects, secrets
}

/// Options the app resolves before start-up (flags, env vars, `.infisical.json`, last view).
public struct StartupOptions: Equatable, Sendable {
    public var serverLabel: String
    public var identityName: String
    /// Project id or slug to open once projects are known.
    public var preferredProject: String?
    public var preferredEnvironment: String?
    public var preferredPath: String?
    public var remaskAfter: TimeInterval
    public var themeName: String
    public var width: Int
    public var height: Int
    /// Seconds east of UTC for local times (audit log); the shell supplies it, the core stays pure.
    public var utcOffset: Int
    /// Credentials go over plain http to a host that is not loopback (the client's transport warning).
    public var insecureTransport: Bool
    /// The rotation section of config.json (project overrides, "due soon" window).
    public var rotation: RotationConfig
    /// A person's session: ask the server for the organization's name (the top bar shows it).
    public var asksOrganization = false

    public init(serverLabel: String = "", identityName: String = "", preferredProject: String? = nil,
                preferredEnvironment: String? = nil, preferredPath: String? = nil, remaskAfter: TimeInterval = 30,
                themeName: String = "default", width: Int = 80, height: Int = 24, utcOffset: Int = 0,
                insecureTransport: Bool = false, rotation: RotationConfig = RotationConfig()) {
        self.serverLabel = serverLabel; self.identityName = identityName; self.preferredProject = preferredProject
        self.preferredEnvironment = preferredEnvironment; self.preferredPath = preferredPath
        self.remaskAfter = remaskAfter; self.themeName = themeName; self.width = width; self.height = height
        self.utcOffset = utcOffset; self.insecureTransport = insecureTransport; self.rotation = rotation
    }
}

/// Selection plus scroll offset of one list.
public struct ListCursor: Equatable, Sendable {
    public var selected: Int = 0
    public var scroll: Int = 0
    public init(selected: Int = 0, scroll: Int = 0) { self.selected = selected; self.scroll = scroll }

    /// Selects `index` clamped to `count` rows and scrolls just enough to keep it among `visibleRows`.
    public mutating func select(_ index: Int, count n: Int, visibleRows rows: Int) {
        selected = n == 0 ? 0 : min(max(0, index), n - 1)
        if selected < scroll { scroll = selected }
        if selected >= scroll + rows { scroll = selected - rows + 1 }
        scroll = min(max(0, scroll), max(0, n - rows))
    }
}

/// Everything the screen shows, as plain values, grouped by owner. Mutated only by `reduce`.
public struct AppState: Equatable, Sendable {
    public var session: SessionState
    /// Projects, environment, folders, secrets and the panes' cursors.
    public var browse = BrowseState()
    /// The audit screen (`a`) and the detail view's recent activity. See `AuditState.swift`.
    public var audit = AuditState()
    /// The dialog or overlay on top, if any: it takes every key first.
    public var overlay: Overlay?
    /// Requests in flight; answers to anything else are dropped (Requests.swift).
    public var requests = Requests()
    public var status = StatusState()
    public var screen: Screen = .browse
    public var width: Int
    public var height: Int
    /// The shell's clock, as of the last action that carried time.
    public var now: Date = Date(timeIntervalSince1970: 0)
    public var quitting = false

    public init(_ o: StartupOptions = StartupOptions()) {
        session = SessionState(o)
        width = o.width; height = o.height
    }

    // MARK: derived values

    public var isLoading: Bool { requests.isBusy }
    public var role: ProjectRole? { browse.openProjectId.flatMap { session.roles[$0] } }
    public var export: ExportFlow? { overlay?.export }
    public var editor: EditFlow? { overlay?.editor }
    public var history: HistoryState? { if case .history(let h)? = overlay { return h }; return nil }

    /// How often the app should send `.tick`: fast while something animates or a value is shown
    /// (spinner, re-mask countdown), slowly otherwise (data age).
    public var tickInterval: TimeInterval {
        isLoading ? 0.1 : (browse.revealed != nil || editor?.holdsValue == true || history?.revealed != nil ? 0.25 : 1.0)
    }
}
