import Foundation

/// One line of a rotation policy: keys matching `pattern` (`*` matches any run of characters,
/// case-insensitive) are rotated every `days` days. `days` nil or 0 exempts the matching keys (an
/// override can say "this one has no policy").
public struct RotationRule: Codable, Sendable, Equatable {
    public var pattern: String
    public var days: Int?
    public init(_ pattern: String, days: Int?) { self.pattern = pattern; self.days = days }

    /// Glob match, `*` only, ASCII case folded: `*_DB_PASSWORD` matches `STORE_DB_PASSWORD`.
    public func matches(_ key: String) -> Bool {
        RotationRule.glob(Array(pattern.uppercased().unicodeScalars), Array(key.uppercased().unicodeScalars))
    }

    static func glob(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        // Iterative wildcard match with one backtrack point: linear-ish, no recursion blow-up on `***…`.
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] != "*", p[pi] == s[si] { pi += 1; si += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = si; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; si = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Where a secret's rotation period comes from: its own reminder (Infisical's
/// `secretReminderRepeatDays`) or the first policy rule whose pattern matches its key.
public enum RotationSource: Sendable, Equatable {
    case reminder
    case pattern(String)

    /// `reminder` or the pattern, for tables and JSON.
    public var label: String {
        switch self { case .reminder: return "reminder"; case .pattern(let p): return p }
    }
}

/// A secret's place in its rotation cycle at a moment. Ages count whole days since the last update,
/// so a secret seeded "90 days ago" is due today, not overdue by a few seconds.
public struct RotationStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, Codable { case ok, dueSoon = "due-soon", overdue }
    public var state: State
    public var periodDays: Int
    public var source: RotationSource
    public var ageDays: Int
    /// Days until due: 0 = due today, negative = overdue by that many days.
    public var dueInDays: Int
    public var daysOverdue: Int { max(0, -dueInDays) }

    /// The short badge the TUI table and the CLI table show: `overdue 30d`, `due 5d`, `due today`,
    /// or nil when nothing is due soon.
    public var badge: String? { RotationStatus.badge(state, dueInDays: dueInDays) }

    /// The badge for a state and its days (`RotationEntry` carries these, not a status).
    public static func badge(_ state: State, dueInDays: Int) -> String? {
        switch state {
        case .ok: return nil
        case .overdue: return "overdue \(-dueInDays)d"
        case .dueSoon: return dueInDays == 0 ? "due today" : "due \(dueInDays)d"
        }
    }

    /// One line for the detail view, verdict first (it is what a narrow pane must show):
    /// `overdue by 30 days · every 90 days (DATABASE_URL)`.
    public var sentence: String {
        let rule = "every \(periodDays) days (\(source == .reminder ? "secret reminder" : source.label))"
        switch state {
        case .ok: return "due in \(dueInDays) days · " + rule
        case .dueSoon: return (dueInDays == 0 ? "due today" : "due in \(dueInDays) day" + (dueInDays == 1 ? "" : "s")) + " · " + rule
        case .overdue: return "overdue by \(daysOverdue) day" + (daysOverdue == 1 ? "" : "s") + " · " + rule
        }
    }
}

/// Which secrets must be rotated how often: the one rule for the TUI badge, the overdue filter,
/// `infisical-tui rotation` and `exposure --rotation`.
///
/// Order of precedence: a secret's own reminder (`secretReminderRepeatDays` > 0), then the project's
/// override rules from the config file, then the defaults from the team guide (database passwords
/// and credentials 90 days, JWT secrets 30). The first matching rule decides; a key no rule matches
/// has no policy and no badge (settings such as `DATABASE_POOL_SIZE` are never "due").
public struct RotationPolicy: Sendable, Equatable {
    public static let defaultRules: [RotationRule] = [
        RotationRule("DATABASE_URL", days: 90), RotationRule("DATABASE_PASSWORD", days: 90),
        RotationRule("*_DB_PASSWORD", days: 90), RotationRule("POSTGRES_PASSWORD", days: 90),
        RotationRule("*_DSN", days: 90), RotationRule("JWT_*", days: 30),
    ]
    /// "Due soon" means due within this many days.
    public static let defaultSoonDays = 7

    public var rules: [RotationRule]
    public var soonDays: Int

    public init(rules: [RotationRule] = RotationPolicy.defaultRules, soonDays: Int = RotationPolicy.defaultSoonDays) {
        self.rules = rules; self.soonDays = soonDays
    }

    public static let standard = RotationPolicy()

    /// The policy for one project: its override rules (config file) are tried before the defaults.
    public func overridden(by overrides: [RotationRule], soonDays: Int? = nil) -> RotationPolicy {
        RotationPolicy(rules: overrides + rules, soonDays: soonDays ?? self.soonDays)
    }

    /// The period and its source, or nil when the key has no policy.
    public func period(key: String, reminderDays: Double?) -> (days: Int, source: RotationSource)? {
        if let r = reminderDays, r.isFinite, r >= 1 { return (Int(r.rounded(.down)), .reminder) }
        guard let rule = rules.first(where: { $0.matches(key) }), let d = rule.days, d > 0 else { return nil }
        return (d, .pattern(rule.pattern))
    }

    /// The status at `now`, or nil when the key has no policy or its last update is unknown.
    public func status(key: String, reminderDays: Double?, updatedAt: Date?, now: Date) -> RotationStatus? {
        guard let (days, source) = period(key: key, reminderDays: reminderDays), let updatedAt else { return nil }
        let age = max(0, Int((now.timeIntervalSince(updatedAt) / 86400).rounded(.down)))
        let dueIn = days - age
        let state: RotationStatus.State = dueIn < 0 ? .overdue : dueIn <= soonDays ? .dueSoon : .ok
        return RotationStatus(state: state, periodDays: days, source: source, ageDays: age, dueInDays: dueIn)
    }

    /// `status` for a secret as the API serves it.
    public func status(_ s: Secret, now: Date) -> RotationStatus? {
        status(key: s.secretKey, reminderDays: s.secretReminderRepeatDays, updatedAt: s.updatedAt.flatMap(ISODate.parse), now: now)
    }
}

/// The `rotation` section of `config.json`: per-project override rules (by project id or slug)
/// and the "due soon" window. Every field optional.
///
/// ```json
/// {"rotation": {"soonDays": 7,
///               "projects": {"opticworks-store": [{"pattern": "STRIPE_*", "days": 60},
///                                                 {"pattern": "SENTRY_DSN", "days": 0}]}}}
/// ```
public struct RotationConfig: Codable, Sendable, Equatable {
    public var soonDays: Int?
    public var projects: [String: [RotationRule]]?
    public init(soonDays: Int? = nil, projects: [String: [RotationRule]]? = nil) {
        self.soonDays = soonDays; self.projects = projects
    }

    /// The policy for a project known by id and slug (an entry under either applies; the id's first).
    public func policy(projectId: String?, slug: String?, soonDays override: Int? = nil) -> RotationPolicy {
        let overrides = [projectId, slug].compactMap { $0 }.flatMap { projects?[$0] ?? [] }
        return RotationPolicy.standard.overridden(by: overrides, soonDays: override ?? soonDays)
    }

    /// Problems a user should hear about at start-up rather than find as silently ignored rules.
    public func validate() throws {
        if let s = soonDays, s < 0 {
            throw InfisicalError(.config, "rotation.soonDays must be 0 or more (got \(s))")
        }
        for (project, rules) in projects ?? [:] {
            for r in rules {
                if r.pattern.isEmpty { throw InfisicalError(.config, "rotation.projects.\(project): a rule has an empty pattern") }
                if let d = r.days, d < 0 {
                    throw InfisicalError(.config, "rotation.projects.\(project): \(r.pattern) has negative days (\(d))")
                }
            }
        }
    }
}
