import Foundation
import InfisicalModels

/// The browse screen: projects, the open project's environment and folder, its secrets (metadata
/// only) and the panes' cursors, filters and focus.
public struct BrowseState: Equatable, Sendable {
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
    /// The folder pane's tree (of the open project + environment): children, open folders, counts.
    public var folderTree = FolderTree()
    /// Index into `folderRows`.
    public var folderCursor = ListCursor()

    // Secrets (metadata only)
    public var secrets: [SecretRow] = []
    /// Whether `secrets` came from a recursive list (then rows of sub-folders are included).
    public var secretsRecursive = false
    public var secretFilter: String = ""
    /// Filter across sub-folders (toggle: Ctrl-R). Needs a recursive list.
    public var filterRecursive = false
    /// Show only secrets overdue for rotation (toggle: `!`; the rule is `AppState.rotationStatus`).
    public var overdueOnly = false
    public internal(set) var visibleSecrets: [Int] = []     // indices into `secrets`
    public var secretCursor = ListCursor()
    public var loadedAt: Date?
    /// Why the current view's list could not be loaded (the pane says so instead of "no secrets").
    public var secretsFailure: String?
    /// Why the current folder's sub-folders could not be listed.
    public var foldersFailure: String? { folderTree.failures[path] }

    // Interaction
    public var focus: Pane = .projects
    public var filterEditing: FilterTarget?
    /// The one value on screen, if any (masked again on a timer, a move or a view change).
    public var revealed: RevealedSecret?
    public var detailScroll = 0
    /// A key to select once the current view's list arrives (the overview's Enter).
    public var pendingSelection: String?

    public init() {}

    // MARK: derived values

    public var openProject: Project? { openProjectId.flatMap { id in projects.first { $0.id == id } } }
    public var environments: [Environment] { openProject?.environments ?? [] }
    public var environment: Environment? {
        let envs = environments
        return envs.indices.contains(environmentIndex) ? envs[environmentIndex] : nil
    }

    public var selectedProject: Project? {
        let i = projectCursor.selected
        return visibleProjects.indices.contains(i) ? projects[visibleProjects[i]] : nil
    }
    public var selectedSecret: SecretRow? {
        let i = secretCursor.selected
        return visibleSecrets.indices.contains(i) ? secrets[visibleSecrets[i]] : nil
    }
    /// Rows of the folder pane: the tree from the root, open folders unfolded.
    public var folderRows: [FolderTreeRow] { folderTree.rows }
    /// The folder under the folder pane's cursor.
    public var selectedFolder: FolderTreeRow? {
        let rows = folderRows, i = folderCursor.selected
        return rows.indices.contains(i) ? rows[i] : nil
    }

    static func normalize(path p: String) -> String { FolderPath.normalize(p) }
    static func join(_ base: String, _ child: String) -> String { FolderPath.join(base, child) }
    static func parent(of p: String) -> String { FolderPath.parent(of: p) }
}
