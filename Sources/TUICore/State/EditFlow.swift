import Foundation
import InfisicalModels

/// Edit / new / rename / delete dialog state (`e`, `n`, `m`/F2, `d`). The dialog necessarily holds
/// the value being edited while it is open; closing it (`state.editor = nil`) drops it. Values never
/// go to notices or errors.
public struct EditFlow: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case edit, create, rename, delete }

    public enum Stage: Equatable, Sendable {
        /// Waiting for the current value (edit only): "loading…".
        case loading
        case editing
        /// Old and new side by side, masked unless `revealed`.
        case preview(revealed: Bool)
        /// Esc with unsaved changes: "discard changes? y/n".
        case confirmDiscard
        /// The write is in flight.
        case saving
        /// Someone else changed the secret since the edit started: nothing was written.
        case conflict(EditConflict)
    }

    public enum Field: Equatable, Sendable { case key, value, comment, confirmKey }

    public var kind: Kind
    public var stage: Stage
    public var projectId: String
    public var environment: String
    public var path: String
    /// The key the dialog started from ("" for a new secret).
    public var originalKey: String
    /// The server version the edit started from (nil for a new secret, or before the value loaded).
    public var baseVersion: Int?
    /// The value the edit started from (edit only, after loading).
    public var originalValue: String?
    public var originalComment: String
    public var keyInput: TextInput
    public var valueInput: TextInput
    public var commentInput: TextInput
    /// Delete: the key typed back.
    public var confirmInput: TextInput
    public var field: Field
    /// First visible line of the value editor (kept so the cursor line stays on screen).
    public var valueScroll = 0
    /// When the preview's values were revealed (they mask again after `remaskAfter`, like the detail).
    public var revealedAt: Date?
    /// Why the last save attempt failed (server message, one line; never contains a value).
    public var error: String?

    public init(kind: Kind, projectId: String, environment: String, path: String, key: String = "",
                version: Int? = nil, comment: String = "") {
        self.kind = kind; self.projectId = projectId; self.environment = environment; self.path = path
        originalKey = key; baseVersion = version; originalComment = comment
        keyInput = TextInput(key, maxLength: 256)
        valueInput = TextInput("", multiline: true)
        commentInput = TextInput(comment, maxLength: 1000)
        confirmInput = TextInput("", maxLength: 256)
        switch kind {
        case .edit: stage = .loading; field = .value
        case .create: stage = .editing; field = .key
        case .rename: stage = .editing; field = .key
        case .delete: stage = .editing; field = .confirmKey
        }
    }

    /// True while the dialog holds a secret value (drives the re-mask clock).
    public var holdsValue: Bool { originalValue != nil || !valueInput.isEmpty }

    /// The fields Tab cycles through, in order.
    public var fields: [Field] {
        switch kind {
        case .edit: return [.value, .comment]
        case .create: return [.key, .value, .comment]
        case .rename: return [.key]
        case .delete: return [.confirmKey]
        }
    }

    public var newKey: String { keyInput.text.trimmingCharacters(in: .whitespaces) }
    public var newComment: String { commentInput.text }

    public var valueChanged: Bool { kind == .create || (kind == .edit && valueInput.text != (originalValue ?? "")) }
    public var commentChanged: Bool { (kind == .edit || kind == .create) && commentInput.text != originalComment }
    public var keyChanged: Bool { kind == .rename && newKey != originalKey }

    /// Anything typed that Esc would lose.
    public var isDirty: Bool {
        switch kind {
        case .edit: return stage != .loading && (valueChanged || commentChanged)
        case .create: return !keyInput.isEmpty || !valueInput.isEmpty || !commentInput.isEmpty
        case .rename: return keyChanged
        case .delete: return false
        }
    }

    /// Delete is armed only when the key is typed back exactly.
    public var deleteArmed: Bool { kind == .delete && confirmInput.text == originalKey }

    /// The key the naming check looks at (the new one for new/rename).
    public var checkedKey: String? { kind == .create || kind == .rename ? newKey : nil }

    /// Why the dialog cannot go to the preview yet (shown in the dialog), or nil.
    public var blocker: String? {
        switch kind {
        case .create, .rename:
            if newKey.isEmpty { return "the key is empty" }
            if newKey.contains(where: { $0 == "/" || $0 == ":" || $0.isWhitespace }) {
                return "a key cannot contain spaces, / or :"
            }
            if kind == .rename, !keyChanged { return "the key is unchanged" }
            return nil
        case .edit: return valueChanged || commentChanged ? nil : "nothing changed"
        case .delete: return deleteArmed ? nil : "type the key to confirm"
        }
    }

    public mutating func withInput(_ body: (inout TextInput) -> Void) {
        switch field {
        case .key: body(&keyInput)
        case .value: body(&valueInput)
        case .comment: body(&commentInput)
        case .confirmKey: body(&confirmInput)
        }
    }

    /// The write this dialog asks for, once confirmed.
    public var request: EditRequest {
        let op: EditRequest.Operation
        switch kind {
        case .create: op = .create(value: valueInput.text, comment: commentInput.text)
        case .edit:
            op = .update(newName: nil, value: valueChanged ? valueInput.text : nil,
                         comment: commentChanged ? commentInput.text : nil)
        case .rename: op = .update(newName: newKey, value: nil, comment: nil)
        case .delete: op = .delete
        }
        return EditRequest(projectId: projectId, environment: environment, path: path,
                           key: kind == .create ? newKey : originalKey, expectedVersion: baseVersion, operation: op)
    }
}

/// Someone changed the secret since the edit began.
public struct EditConflict: Equatable, Sendable {
    public var serverVersion: Int
    public var yourVersion: Int
    /// Who changed it and when, if the server says.
    public var by: String?
    public var at: Date?
    public init(serverVersion: Int, yourVersion: Int, by: String? = nil, at: Date? = nil) {
        self.serverVersion = serverVersion; self.yourVersion = yourVersion; self.by = by; self.at = at
    }
}

/// One write: the runner first re-reads the secret's metadata and compares `expectedVersion`
/// (edit, rename, delete), answering `.conflict` without writing when it differs.
public struct EditRequest: Equatable, Sendable {
    public enum Operation: Equatable, Sendable {
        case create(value: String, comment: String)
        case update(newName: String?, value: String?, comment: String?)
        case delete
    }
    public var projectId: String
    public var environment: String
    public var path: String
    public var key: String
    public var expectedVersion: Int?
    public var operation: Operation
    public init(projectId: String, environment: String, path: String, key: String, expectedVersion: Int?, operation: Operation) {
        self.projectId = projectId; self.environment = environment; self.path = path; self.key = key
        self.expectedVersion = expectedVersion; self.operation = operation
    }
}

/// What the editor loads before editing: the current value, comment and version.
public struct EditBase: Equatable, Sendable {
    public var value: String
    public var comment: String
    public var version: Int
    public init(value: String, comment: String, version: Int) { self.value = value; self.comment = comment; self.version = version }
}

/// How a write ended (errors come as `.failure`).
public enum EditOutcome: Equatable, Sendable {
    case saved(key: String, version: Int)
    case deleted(key: String)
    case conflict(EditConflict)
}

public enum EditAnswer: Sendable {
    /// Answer to `.loadValue`.
    case valueLoaded(Result<EditBase, InfisicalError>)
    /// Answer to `.save`.
    case saved(Result<EditOutcome, InfisicalError>)
}

public enum EditEffect: Equatable, Sendable {
    /// `secret(…name: key…)` with its value → `.edit(.valueLoaded)`.
    case loadValue(projectId: String, env: String, path: String, key: String)
    /// Re-check the version (unless creating), then POST / PATCH / DELETE → `.edit(.saved)`.
    case save(EditRequest)

    public var readsSecretValue: Bool {
        switch self {
        case .loadValue: return true
        case .save: return false
        }
    }
}

/// The editor's own commands (bound in `KeyBindings+Edit.swift`).
public enum EditCommand: Hashable, Sendable {
    case save, confirm, yes, no, nextField, prevField, reveal, cancel
}
