import InfisicalModels

/// The overview (`o`): the open folder's keys × the project's environments, compared as digests
/// (the app fetches values for this view only and keeps nothing but the comparison's rows).
public struct OverviewState: Equatable, Sendable {
    public var projectId: String
    public var projectName: String
    public var path: String
    /// Include sub-folders (^R).
    public var recursive: Bool
    /// The project's environments, in its order: the columns.
    public var environments: [String]
    /// nil while loading.
    public var rows: [EnvironmentComparison.Row]?
    public var filter: EnvironmentComparison.Filter = .all
    /// Indices into `rows` that the filter keeps.
    public internal(set) var visible: [Int] = []
    public var cursor = ListCursor()
    /// The selected environment column (Enter opens the secret there).
    public var column = 0
    public var error: String?
    /// Rows marked with Space for a sync.
    public var marked: Set<EnvironmentComparison.Location> = []
    /// The sync waiting for a yes: what would be copied where (keys and environments, never values).
    public var syncPreview: [SyncItem]?
    public var syncing = false
    /// The last sync's per-key results, shown until the next one.
    public var syncResults: [SyncResult] = []
    /// Why the last c did nothing (production target, viewer role, nothing missing).
    public var notice: String?
    /// `s`: one new value for the selected key in every non-production environment that has it
    /// (the guide's manual rotation: "update in all environments"). Holds the typed value while
    /// open, like the editor; it is drawn masked.
    public var rotation: RotationForm?

    public init(projectId: String, projectName: String, path: String, recursive: Bool, environments: [String]) {
        self.projectId = projectId; self.projectName = projectName; self.path = path; self.recursive = recursive
        self.environments = environments
    }

    public var request: OverviewRequest {
        OverviewRequest(projectId: projectId, path: path, recursive: recursive, environments: environments)
    }

    public var selectedRow: EnvironmentComparison.Row? {
        guard let rows, visible.indices.contains(cursor.selected) else { return nil }
        return rows[visible[cursor.selected]]
    }

    /// How many keys each environment has (present in any way), for the column headers.
    public var counts: [Int] {
        environments.indices.map { i in rows?.filter { $0.cells[i] != .missing }.count ?? 0 }
    }
}

public struct RotationForm: Equatable, Sendable {
    public var path: String
    public var key: String
    public var environments: [String]
    public var value = TextInput("", maxLength: 1 << 16)
    public var revealed = false
    public init(path: String, key: String, environments: [String]) {
        self.path = path; self.key = key; self.environments = environments
    }
}

/// How one copy ended (no value: a message the runner wrote from the server's answer).
public struct SyncResult: Equatable, Sendable {
    public var item: SyncItem
    public var wrote: Bool
    public var message: String
    public init(item: SyncItem, wrote: Bool, message: String) { self.item = item; self.wrote = wrote; self.message = message }
}

/// One list per environment of `path` (recursive when asked), reduced to digests by the app.
public struct OverviewRequest: Equatable, Sendable {
    public var projectId: String
    public var path: String
    public var recursive: Bool
    public var environments: [String]
    public init(projectId: String, path: String, recursive: Bool, environments: [String]) {
        self.projectId = projectId; self.path = path; self.recursive = recursive; self.environments = environments
    }
}
