import InfisicalModels

/// What a copy-to-file writes: one secret (`y`) or the view (`Y`: environment + folder, optionally
/// recursive). Plain identifiers only — the app fetches values when it writes, never the core.
public struct ExportRequest: Equatable, Sendable {
    public var projectId: String
    public var environment: String
    /// Folder of the view, or of the single secret.
    public var path: String
    public var recursive: Bool
    /// Set for `y` (one secret); nil for the whole view.
    public var key: String?

    public init(projectId: String, environment: String, path: String, recursive: Bool = false, key: String? = nil) {
        self.projectId = projectId; self.environment = environment; self.path = path
        self.recursive = recursive; self.key = key
    }
}

/// What the app found before writing: the target file, and the keys (never values) that would be
/// written, with the collisions of a recursive export.
public struct ExportInspection: Equatable, Sendable {
    public var target: FileTargetInfo
    public var keys: [String]
    /// "KEY exists in /a and /a/b; exported the one in /a" — reported, never dropped silently.
    public var collisions: [String]

    public init(target: FileTargetInfo, keys: [String], collisions: [String] = []) {
        self.target = target; self.keys = keys; self.collisions = collisions
    }
}

/// The answer to a write: where, how many, and what to warn about (keys only).
public struct ExportWritten: Equatable, Sendable {
    public var path: String
    public var count: Int
    public var warnings: [String]

    public init(path: String, count: Int, warnings: [String] = []) {
        self.path = path; self.count = count; self.warnings = warnings
    }
}

/// The dialog's rows that take keys while the user sets it up.
public enum ExportField: Equatable, Sendable {
    case format, path, recursive
}

/// Where the dialog is between opening and writing. Each guard is its own stage, so each one can
/// be answered, refused or cancelled on its own.
public enum ExportStage: Equatable, Sendable {
    /// Choosing format / path / recursion. Enter checks the target again, then goes on.
    case editing
    /// Waiting for the app to look at the path (and list keys). `thenWrite`: Enter was pressed.
    case inspecting(thenWrite: Bool)
    /// The file exists: y replaces it, n goes back to the path.
    case confirmOverwrite
    /// Inside a git work tree and not ignored: y writes anyway, n goes back.
    case acknowledgeGit
    /// Production: the project's name must be typed back.
    case typeProjectName
    /// The app is fetching values and writing.
    case writing
}

/// Copy-to-file dialog state (`y` one value, `Y` the view).
public struct ExportFlow: Equatable, Sendable {
    public var projectId: String
    public var projectName: String
    public var environment: String
    public var isProduction: Bool
    /// The view's folder (for `y`, the selected secret's folder).
    public var sourcePath: String
    /// Set for `y`.
    public var key: String?
    public var recursive: Bool
    public var format: ExportFormat = .dotenv
    public var path: TextInput
    public var field: ExportField = .path
    public var stage: ExportStage = .inspecting(thenWrite: false)
    /// The last inspection, and the path/scope it was made for (stale once they change).
    public var inspection: ExportInspection?
    public var inspectedFor: ExportRequest?
    public var inspectedPath: String?
    /// Answers already given for the current path/scope.
    public var overwriteConfirmed = false
    public var gitAcknowledged = false
    public var nameInput = TextInput(maxLength: 200)
    /// A refusal or failure, shown in the dialog (it stays open so the path can be fixed).
    public var error: String?

    public init(projectId: String, projectName: String, environment: String, isProduction: Bool,
                sourcePath: String, key: String? = nil, recursive: Bool = false, path: String = ".env.local") {
        self.projectId = projectId; self.projectName = projectName; self.environment = environment
        self.isProduction = isProduction; self.sourcePath = sourcePath; self.key = key
        self.recursive = recursive; self.path = TextInput(path, maxLength: 4096)
    }

    public var wholeView: Bool { key == nil }

    public var request: ExportRequest {
        ExportRequest(projectId: projectId, environment: environment, path: sourcePath,
                      recursive: wholeView && recursive, key: key)
    }

    /// The rows Tab moves through (recursion only for the view).
    public var fields: [ExportField] { wholeView ? [.format, .path, .recursive] : [.format, .path] }

    /// Whether the shown inspection still describes the current path and scope.
    public var inspectionIsCurrent: Bool {
        inspection != nil && inspectedFor == request && inspectedPath == path.text
    }

    /// The fields take keys (also while a look-only check is running).
    public var editable: Bool { stage == .editing || stage == .inspecting(thenWrite: false) }

    /// The dialog is busy (an answer from the app is awaited).
    public var busy: Bool {
        switch stage {
        case .inspecting, .writing: return true
        default: return false
        }
    }
}

/// Answers from the app's effect runner (which request they answer is in the request id).
public enum ExportAnswer: Sendable {
    case inspected(Result<ExportInspection, InfisicalError>)
    case written(Result<ExportWritten, InfisicalError>)
}

public enum ExportEffect: Equatable, Sendable {
    /// `FileTarget.inspect(target)` and the keys of the request from a metadata list
    /// (`viewValues: false`) → `.export(.inspected)`.
    case inspect(request: ExportRequest, target: String)
    /// Fetch values (`listSecrets(viewValues: true, expandReferences: true, includeImports: true)` or
    /// `secret(…)`), render `format`, `AtomicFileWriter.write(…, mode: 0o600, overwrite:)`
    /// → `.export(.written)`.
    case write(request: ExportRequest, target: String, format: ExportFormat, overwrite: Bool)

    public var readsSecretValue: Bool {
        if case .write = self { return true }
        return false
    }
}
