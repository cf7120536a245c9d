import Foundation
import InfisicalModels

/// The history overlay (`v` on a secret): its versions, newest first — when, who, comment, and the
/// value masked. One version's value may be revealed at a time (it masks again like the detail's);
/// a rollback goes through a masked preview. The core never holds any other value.
public struct HistoryState: Equatable, Sendable {
    public var target: HistoryTarget
    /// nil while loading.
    public var listing: HistoryListing?
    public var error: String?
    public var cursor = ListCursor()
    /// The one revealed version value, if any.
    public var revealed: RevealedVersion?
    /// The version whose value was asked for and not yet answered.
    public var pendingReveal: Int?
    /// A production reveal waiting for y/n (the detail's rule): the version asked about.
    public var confirmReveal: Int?
    /// A rollback waiting for y/n: old and new, both masked.
    public var rollback: RollbackPreview?
    public var rollingBack = false
    /// The last rollback's result, or why a key did nothing.
    public var notice: String?
    public var noticeIsError = false

    public init(target: HistoryTarget) { self.target = target }

    public var versions: [HistoryVersion] { listing?.versions ?? [] }
    public var selected: HistoryVersion? {
        versions.indices.contains(cursor.selected) ? versions[cursor.selected] : nil
    }
    public var isProduction: Bool { Environment.isProduction(slug: target.environment) }
}

/// Which secret's history: the folder's own secret (not one seen through an import).
public struct HistoryTarget: Equatable, Sendable {
    public var projectId: String
    public var environment: String
    public var path: String
    public var key: String
    public init(projectId: String, environment: String, path: String, key: String) {
        self.projectId = projectId; self.environment = environment; self.path = path; self.key = key
    }
}

/// One version, metadata only: the value is deliberately not here.
public struct HistoryVersion: Equatable, Sendable {
    public var version: Int
    public var at: Date?
    /// Who wrote it (the API's `actor`), as the server named them: untrusted text.
    public var actor: String?
    public var actorType: String?
    public var comment: String
    public init(version: Int, at: Date?, actor: String?, actorType: String?, comment: String) {
        self.version = version; self.at = at; self.actor = actor; self.actorType = actorType; self.comment = comment
    }
}

public struct HistoryListing: Equatable, Sendable {
    /// The secret's current version.
    public var current: Int
    public var versions: [HistoryVersion]
    /// The versions route refused this login (machine identity): rows were read one by one.
    public var refused: Bool
    public init(current: Int, versions: [HistoryVersion], refused: Bool) {
        self.current = current; self.versions = versions; self.refused = refused
    }
}

public struct RevealedVersion: Equatable, Sendable {
    public var version: Int
    public var value: String
    public var revealedAt: Date
    public init(version: Int, value: String, revealedAt: Date) { self.version = version; self.value = value; self.revealedAt = revealedAt }
}

/// "now vN ••• → becomes vN+1 ••• (the value of vM)".
public struct RollbackPreview: Equatable, Sendable {
    public var current: Int
    public var restore: Int
    public init(current: Int, restore: Int) { self.current = current; self.restore = restore }
}

/// The history overlay's calls.
public enum HistoryEffect: Equatable, Sendable {
    /// `secretHistory(…reveal: false)` → `.loaded` (values masked before they reach the core).
    case load(HistoryTarget)
    /// `secret(…version: N, viewValue: true)` → `.revealed` (one value, audited by the server).
    case reveal(HistoryTarget, version: Int)
    /// `rollbackSecret(…toVersion:)` → `.rolledBack`. The old value moves inside the runner only.
    case rollback(HistoryTarget, toVersion: Int)

    public var readsSecretValue: Bool {
        switch self {
        case .load: return false
        case .reveal, .rollback: return true
        }
    }
}

public enum HistoryAnswer: Sendable {
    case loaded(Result<HistoryListing, InfisicalError>, now: Date)
    case revealed(Result<String, InfisicalError>, now: Date)
    /// Versions only: (previous, restored, new).
    case rolledBack(Result<RollbackPreview.Written, InfisicalError>)
}

extension RollbackPreview {
    /// What a rollback wrote (the client's `RollbackResult` without names).
    public struct Written: Equatable, Sendable {
        public var previous: Int
        public var restored: Int
        public var new: Int
        public init(previous: Int, restored: Int, new: Int) { self.previous = previous; self.restored = restored; self.new = new }
    }
}
