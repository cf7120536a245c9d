import Foundation
import InfisicalModels

/// The time window of the audit screen: a preset relative to "now" when the screen (re)loads, or
/// a custom range typed as local times.
public enum AuditRange: Equatable, Sendable {
    case lastHour, lastDay, lastWeek, lastMonth
    case custom(from: Date, to: Date?)

    public static let presets: [AuditRange] = [.lastHour, .lastDay, .lastWeek, .lastMonth]

    public var label: String {
        switch self {
        case .lastHour: return "last 1 h"
        case .lastDay: return "last 24 h"
        case .lastWeek: return "last 7 d"
        case .lastMonth: return "last 30 d"
        case .custom: return "custom"
        }
    }

    /// Start and end of the window at `now` (end nil = open, "until now", so follow can poll).
    public func window(now: Date) -> (start: Date, end: Date?) {
        switch self {
        case .lastHour: return (now.addingTimeInterval(-3600), nil)
        case .lastDay: return (now.addingTimeInterval(-86400), nil)
        case .lastWeek: return (now.addingTimeInterval(-7 * 86400), nil)
        case .lastMonth: return (now.addingTimeInterval(-30 * 86400), nil)
        case .custom(let from, let to): return (from, to)
        }
    }
}

/// What the user filters by. All combine (AND). Environment, key and event types go to the server
/// as they are; the actor is typed as a name, email or id and resolved to an id (see
/// `Reducer.resolveActor`), because Infisical's `actor` parameter takes ids only.
public struct AuditFilters: Equatable, Sendable {
    public var actor = ""
    public var eventType = ""
    public var environment = ""
    public var secretKey = ""
    /// Resolved from `actor` when applied: the id and type the server filters on.
    public var actorId: String?
    public var actorType: String?

    public init(actor: String = "", eventType: String = "", environment: String = "", secretKey: String = "") {
        self.actor = actor; self.eventType = eventType; self.environment = environment; self.secretKey = secretKey
    }

    public var isEmpty: Bool { actor.isEmpty && eventType.isEmpty && environment.isEmpty && secretKey.isEmpty }

    public var eventTypes: [String] {
        eventType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "actor=… event=… env=… key=…" for the screen title.
    public var summary: String {
        var parts: [String] = []
        if !actor.isEmpty { parts.append("actor=" + actor) }
        if !eventType.isEmpty { parts.append("event=" + eventType) }
        if !environment.isEmpty { parts.append("env=" + environment) }
        if !secretKey.isEmpty { parts.append("key=" + secretKey) }
        return parts.joined(separator: " ")
    }
}

/// One audit API request, independent of the client module (the runner maps it to `AuditQuery`).
public struct AuditRequest: Equatable, Sendable {
    public var projectId: String
    public var environment: String?
    public var secretPath: String?
    public var secretKey: String?
    public var eventTypes: [String]
    public var actorType: String?
    public var actor: String?
    public var start: Date
    public var end: Date?
    public var offset: Int
    public var limit: Int

    public init(projectId: String, environment: String? = nil, secretPath: String? = nil, secretKey: String? = nil,
                eventTypes: [String] = [], actorType: String? = nil, actor: String? = nil, start: Date, end: Date? = nil,
                offset: Int = 0, limit: Int = 100) {
        self.projectId = projectId; self.environment = environment; self.secretPath = secretPath; self.secretKey = secretKey
        self.eventTypes = eventTypes; self.actorType = actorType; self.actor = actor; self.start = start; self.end = end
        self.offset = offset; self.limit = limit
    }
}

public enum AuditExportFormat: String, Equatable, Sendable, CaseIterable {
    case csv, json
}

public struct AuditFilterForm: Equatable, Sendable {
    public static let labels = ["Actor", "Event", "Env", "Key", "From", "To"]
    public var fields: [TextInput]
    public var field = 0
    public var error: String?

    public init(filters: AuditFilters, range: AuditRange, utcOffset: Int) {
        var from = "", to = ""
        if case .custom(let f, let t) = range {
            from = AuditTime.formatLocal(f, utcOffset: utcOffset, seconds: false)
            to = t.map { AuditTime.formatLocal($0, utcOffset: utcOffset, seconds: false) } ?? ""
        }
        fields = [filters.actor, filters.eventType, filters.environment, filters.secretKey, from, to].map { TextInput($0, maxLength: 200) }
    }
}

public struct AuditExportForm: Equatable, Sendable {
    public var path: TextInput
    public var format: AuditExportFormat
    public var target: FileTargetInfo?
    /// Waiting for y/n: overwrite an existing file and/or write a path git would track.
    public var confirming = false
    public var error: String?
    public var inspecting = false

    public init(path: String, format: AuditExportFormat = .csv) {
        self.path = TextInput(path, maxLength: 4096); self.format = format
    }
}

/// The audit screen (`a`) and the detail view's recent activity.
public struct AuditState: Equatable, Sendable {
    public var projectId: String?
    public var range: AuditRange = .lastDay
    public var filters = AuditFilters()
    /// Window of the current listing, fixed when it (re)loads so every page asks the same question.
    public var windowStart = Date(timeIntervalSince1970: 0)
    public var windowEnd: Date?
    /// The listing, resident by page (AuditPages.swift): the count is every row loaded, the
    /// rows themselves only near the cursor.
    public var rows = AuditPages()
    public var cursor = ListCursor()
    public var reachedEnd = false
    /// The dropped page being fetched again (`.auditRefetch`), and the last one that failed: it
    /// is not asked again until the user moves, so a failing server is not asked in a loop.
    public var refetchingPage: Int?
    public var failedPage: AuditPageFailure?
    /// `G`/End: keep loading pages and stay on the last row until the end.
    public var toEnd = false
    public var error: String?

    // Follow (`f`)
    public var following = false
    public var lastPoll: Date?
    /// Rows that arrived while following; highlighted until the user moves or leaves.
    public var newIds: Set<String> = []

    /// Enter: the metadata view of one row (index into `rows`), scrolled by `detailScroll`.
    public var detailIndex: Int?
    public var detailScroll = 0
    /// Actors seen in any answer (id → name/type), to resolve a typed actor filter.
    public var knownActors: [String: KnownActor] = [:]

    // Detail view activity
    public var activity: AuditActivity?

    /// `e` on a row: what that row's actor read (AuditExposure.swift), drawn over the list.
    public var exposure: AuditExposure?

    public init() {}

    public static let pageSize = AuditPages.pageSize
    /// Load the next page when the cursor is this close to the last loaded row.
    public static let prefetchMargin = 20
    public static let pollInterval: TimeInterval = 3
    public static let exportCap = 100_000
    public static let activityCount = 5
    public static let activityEventTypes = ["get-secret", "create-secret", "update-secret", "delete-secret"]

    public var selectedRow: AuditRow? { rows[cursor.selected] }
}

public struct AuditPageFailure: Equatable, Sendable {
    public var page: Int
    public var message: String
}

public struct KnownActor: Equatable, Sendable {
    public var id: String
    public var type: String
    public var name: String
}

/// Which secret the activity belongs to; `loadedAt` makes a reload of the secrets list (e.g. after
/// a save) fetch the activity again.
public struct ActivityKey: Equatable, Sendable {
    public var projectId: String
    public var environment: String
    public var path: String
    public var key: String
    public var loadedAt: Date?
}

public struct AuditActivity: Equatable, Sendable {
    public var key: ActivityKey
    public var rows: [AuditRow]?
    public var error: String?
}

public enum AuditAnswer: Sendable {
    /// A page of the listing (its offset is in the request).
    case page(Result<[AuditLogEntry], InfisicalError>)
    /// Follow poll: events since the newest row.
    case polled(Result<[AuditLogEntry], InfisicalError>)
    case activity(Result<[AuditLogEntry], InfisicalError>)
    case exportTarget(FileTargetInfo)
    /// The export finished: events written (`capped` when the cap cut it short).
    case exported(Result<AuditExportResult, InfisicalError>)
    /// The reads behind an exposure report (AuditExposure.swift).
    case exposure(Result<[AuditLogEntry], InfisicalError>)
}

public struct AuditExportResult: Equatable, Sendable {
    public var count: Int
    public var capped: Bool
    public init(count: Int, capped: Bool) { self.count = count; self.capped = capped }
}

public enum AuditEffect: Equatable, Sendable {
    /// One page → `.page`.
    case loadPage(AuditRequest)
    /// Newer events → `.polled`.
    case poll(AuditRequest)
    /// A secret's last reads/writes → `.activity`.
    case loadActivity(AuditRequest)
    /// `FileTarget.inspect` → `.exportTarget`.
    case inspectExportTarget(path: String)
    /// Fetch every event matching the request (paging, at most `cap`) and write them atomically,
    /// mode 0600 → `.exported`.
    case export(AuditRequest, path: String, format: AuditExportFormat, overwrite: Bool, cap: Int)
    /// An actor's reads (all pages up to the request's limit) → `.exposure`.
    case loadExposure(AuditRequest)
}
