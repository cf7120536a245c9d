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

/// A question the user must answer before anything else happens.
public enum PendingConfirmation: Equatable, Sendable {
    /// Reveal a value in a production environment (y/n).
    case revealProduction(key: String, environment: String, path: String)
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

    public init(serverLabel: String = "", identityName: String = "", preferredProject: String? = nil,
                preferredEnvironment: String? = nil, preferredPath: String? = nil, remaskAfter: TimeInterval = 30,
                themeName: String = "default", width: Int = 80, height: Int = 24, utcOffset: Int = 0) {
        self.serverLabel = serverLabel; self.identityName = identityName; self.preferredProject = preferredProject
        self.preferredEnvironment = preferredEnvironment; self.preferredPath = preferredPath
        self.remaskAfter = remaskAfter; self.themeName = themeName; self.width = width; self.height = height
        self.utcOffset = utcOffset
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

/// Everything the screen shows, as plain values. Mutated only by `reduce`.
public struct AppState: Equatable, Sendable {
    // Who and where
    public var serverLabel: String
    public var identityName: String
    public var roles: [String: ProjectRole] = [:]          // by project id

    // Projects
    public var projects: [Project] = []
    public var projectFilter: String = ""
    public internal(set) var visibleProjects: [Int] = []   // indices into `projects` after the filter
    public var projectCursor = ListCursor()
    public var projectsLoaded = false
    /// The project whose envs/folders/secrets are shown.
    public var openProjectId: String?

    // Environment + folder
    public var environmentIndex: Int = 0
    public var path: String = "/"
    /// Child folder names per loaded path (of the open project + environment).
    public var folderChildren: [String: [String]] = [:]
    public var folderCursor = ListCursor()

    // Secrets (metadata only)
    public var secrets: [SecretRow] = []
    /// Whether `secrets` came from a recursive list (then rows of sub-folders are included).
    public var secretsRecursive = false
    public var secretFilter: String = ""
    /// Filter across sub-folders (toggle: Ctrl-R). Needs a recursive list.
    public var filterRecursive = false
    public internal(set) var visibleSecrets: [Int] = []     // indices into `secrets`
    public var secretCursor = ListCursor()
    public var loadedAt: Date?

    // Interaction
    public var focus: Pane = .projects
    public var filterEditing: FilterTarget?
    public var revealed: RevealedSecret?
    public var remaskAfter: TimeInterval
    public var pendingConfirmation: PendingConfirmation?
    public var helpVisible = false
    public var helpScroll = 0
    public var detailScroll = 0
    public var screen: Screen = .browse
    /// Copy-to-file dialog (`y`/`Y`), when open. See `ExportFlow.swift`.
    public var export: ExportFlow?
    /// The audit screen (`a`) and the detail view's recent activity. See `AuditState.swift`.
    public var audit = AuditState()
    /// Edit / new / rename / delete dialog, when open. See `EditFlow.swift`.
    public var editor: EditFlow?
    /// A one-line success message for the status line (cleared by the next key).
    public var notice: String?

    // Start-up preselection (consumed once used)
    public var preferredProject: String?
    public var preferredEnvironment: String?
    public var preferredPath: String?

    // Machinery
    /// Requests in flight; answers to anything else are dropped (Requests.swift).
    public var requests = Requests()
    public var spinnerFrame = 0
    public var now: Date = Date(timeIntervalSince1970: 0)
    public var lastError: InfisicalError?
    public var themeName: String
    public var width: Int
    public var height: Int
    public var quitting = false
    public var utcOffset: Int

    public init(_ o: StartupOptions = StartupOptions()) {
        serverLabel = o.serverLabel; identityName = o.identityName
        preferredProject = o.preferredProject; preferredEnvironment = o.preferredEnvironment
        preferredPath = o.preferredPath.map(AppState.normalize(path:))
        remaskAfter = o.remaskAfter; themeName = o.themeName; width = o.width; height = o.height
        utcOffset = o.utcOffset
    }

    // MARK: derived values

    public var isLoading: Bool { requests.isBusy }
    public var openProject: Project? { openProjectId.flatMap { id in projects.first { $0.id == id } } }
    public var environments: [Environment] { openProject?.environments ?? [] }
    public var environment: Environment? {
        let envs = environments
        return envs.indices.contains(environmentIndex) ? envs[environmentIndex] : nil
    }
    public var role: ProjectRole? { openProjectId.flatMap { roles[$0] } }

    public var selectedProject: Project? {
        let i = projectCursor.selected
        return visibleProjects.indices.contains(i) ? projects[visibleProjects[i]] : nil
    }
    public var selectedSecret: SecretRow? {
        let i = secretCursor.selected
        return visibleSecrets.indices.contains(i) ? secrets[visibleSecrets[i]] : nil
    }
    /// Rows of the folder pane: `..` when below the root, then the children of `path`.
    public var folderRows: [String] {
        (path == "/" ? [] : [".."]) + (folderChildren[path] ?? [])
    }

    /// How often the app should send `.tick`: fast while something animates or a value is shown
    /// (spinner, re-mask countdown), slowly otherwise (data age).
    public var tickInterval: TimeInterval {
        isLoading ? 0.1 : (revealed != nil || editor?.holdsValue == true ? 0.25 : 1.0)
    }

    /// True while a dialog takes every key (confirmations, copy-to-file, editor).
    public var modalOpen: Bool { pendingConfirmation != nil || export != nil || editor != nil }

    static func normalize(path p: String) -> String {
        let parts = p.split(separator: "/").filter { !$0.isEmpty }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ base: String, _ child: String) -> String {
        base == "/" ? "/" + child : base + "/" + child
    }

    static func parent(of p: String) -> String {
        guard p != "/", let slash = p.lastIndex(of: "/") else { return "/" }
        let head = String(p[..<slash])
        return head.isEmpty ? "/" : head
    }
}
