/// Identifies one request the core asked for. The answer carries it back; `Requests.accept` is the
/// one place that decides whether that answer is still wanted.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public var description: String { "#\(raw)" }
}

/// What a request is for. A new request in a slot supersedes the one before it, so a late answer
/// for a view, a dialog or a page the user already left is recognised and dropped.
public enum RequestSlot: Hashable, Sendable {
    case projects
    case project(idOrSlug: String)
    case role(projectId: String)
    case organization
    /// Folders are cached per path, so each path has its own slot.
    case folders(path: String)
    case secrets
    case reveal
    case exportInspect, exportWrite
    case editLoad, editSave
    /// `auditRefetch`: a dropped audit page fetched again (AuditPages.swift).
    case auditPage, auditRefetch, auditPoll, auditActivity, auditExportTarget, auditExport, auditExposure
    case overview, sync
    case historyLoad, historyReveal, historyRollback

    /// Requests the user did not ask for (polls, the detail's activity) do not spin.
    public var showsSpinner: Bool {
        switch self {
        case .auditPoll, .auditActivity, .auditExportTarget, .organization: return false
        default: return true
        }
    }

    /// Requests that belong to the open project + environment: dropped when either changes.
    public var belongsToView: Bool {
        switch self {
        case .folders, .secrets, .reveal: return true
        default: return false
        }
    }
}

/// The in-flight requests: at most one per slot. Replaces per-feature serials, tags and
/// hand-kept pending sets.
public struct Requests: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var id: RequestID
        var request: Request
    }

    private var nextID = 1
    private var live: [RequestSlot: Entry] = [:]

    public init() {}

    /// Starts a request in `slot`, superseding any earlier one there.
    mutating func begin(_ slot: RequestSlot, _ request: Request) -> RequestID {
        let id = RequestID(nextID)
        nextID += 1
        live[slot] = Entry(id: id, request: request)
        return id
    }

    /// The request `id` answers, if it is still wanted; it is no longer in flight afterwards.
    /// Nil for an answer to a superseded or dropped request.
    mutating func accept(_ id: RequestID) -> Request? {
        guard let slot = live.first(where: { $0.value.id == id })?.key else { return nil }
        return live.removeValue(forKey: slot)?.request
    }

    /// Forget a request: its answer, when it comes, is dropped.
    mutating func drop(_ slot: RequestSlot) { live[slot] = nil }

    mutating func drop(where matches: (RequestSlot) -> Bool) {
        for slot in live.keys where matches(slot) { live[slot] = nil }
    }

    public func inFlight(_ slot: RequestSlot) -> Request? { live[slot]?.request }
    /// The id a current answer for `slot` must carry.
    public func id(of slot: RequestSlot) -> RequestID? { live[slot]?.id }
    public func isInFlight(_ slot: RequestSlot) -> Bool { live[slot] != nil }
    public func contains(where matches: (RequestSlot) -> Bool) -> Bool { live.keys.contains(where: matches) }

    /// Drives the spinner.
    public var isBusy: Bool { live.keys.contains { $0.showsSpinner } }
}
