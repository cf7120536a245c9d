import Foundation
import InfisicalModels
import XCTest

/// The rotation rule (InfisicalModels/RotationPolicy.swift), pure: patterns, settings that are not
/// credentials, the per-secret reminder, project overrides from config.json, the status boundaries.
final class RotationPolicyTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    func daysAgo(_ d: Double) -> Date { now.addingTimeInterval(-d * 86400) }

    func testDefaultPatternsFromTheGuide() {
        let p = RotationPolicy.standard
        for key in ["DATABASE_URL", "DATABASE_PASSWORD", "STORE_DB_PASSWORD", "POSTGRES_PASSWORD", "SENTRY_DSN", "ANALYTICS_DSN"] {
            XCTAssertEqual(p.period(key: key, reminderDays: nil)?.days, 90, key)
        }
        for key in ["JWT_SECRET", "JWT_REFRESH_KEY", "JWT_"] {
            XCTAssertEqual(p.period(key: key, reminderDays: nil)?.days, 30, key)
        }
        XCTAssertEqual(p.period(key: "STORE_DB_PASSWORD", reminderDays: nil)?.source, .pattern("*_DB_PASSWORD"))
        XCTAssertEqual(p.period(key: "jwt_secret", reminderDays: nil)?.days, 30, "keys match case-insensitively")
    }

    func testSettingsAndLookalikesHaveNoPolicy() {
        let p = RotationPolicy.standard
        for key in ["DATABASE_POOL_SIZE", "DATABASE_HOST", "DATABASE_USER", "DATABASE_URL_READONLY_POOL", "MY_DATABASE_URL",
                    "DB_PASSWORD", "POSTGRES_PASSWORD_FILE", "DSN", "SENTRY_DSN_ENABLED", "NOT_JWT_SECRET", "STRIPE_SECRET_KEY", ""] {
            XCTAssertNil(p.period(key: key, reminderDays: nil), key)
            XCTAssertNil(p.status(key: key, reminderDays: nil, updatedAt: daysAgo(500), now: now), "\(key): no policy, no badge")
        }
    }

    func testReminderWinsOverPatternAndGivesAPolicyToAnyKey() {
        let p = RotationPolicy.standard
        XCTAssertEqual(p.period(key: "DATABASE_PASSWORD", reminderDays: 10)?.days, 10)
        XCTAssertEqual(p.period(key: "DATABASE_PASSWORD", reminderDays: 10)?.source, .reminder)
        XCTAssertEqual(p.period(key: "STRIPE_SECRET_KEY", reminderDays: 60)?.days, 60, "a reminder on an unmatched key")
        XCTAssertEqual(p.period(key: "DATABASE_URL", reminderDays: 0)?.days, 90, "0 means no reminder")
        XCTAssertEqual(p.period(key: "DATABASE_URL", reminderDays: .nan)?.days, 90, "a nonsense reminder is ignored")
        let s = p.status(key: "DATABASE_PASSWORD", reminderDays: 10, updatedAt: daysAgo(12), now: now)
        XCTAssertEqual(s?.state, .overdue)
        XCTAssertEqual(s?.daysOverdue, 2)
        XCTAssertEqual(s?.sentence, "overdue by 2 days · every 10 days (secret reminder)")
        // And the reminder also wins over a project override.
        let o = p.overridden(by: [RotationRule("DATABASE_PASSWORD", days: 365)])
        XCTAssertEqual(o.period(key: "DATABASE_PASSWORD", reminderDays: 10)?.days, 10)
    }

    func testStatusBoundariesCountWholeDays() {
        let p = RotationPolicy(soonDays: 7)
        func st(_ age: Double) -> RotationStatus? { p.status(key: "DATABASE_URL", reminderDays: nil, updatedAt: daysAgo(age), now: now) }
        XCTAssertEqual(st(10)?.state, .ok)
        XCTAssertEqual(st(10)?.dueInDays, 80)
        XCTAssertNil(st(10)?.badge)
        XCTAssertEqual(st(82.9)?.state, .ok, "due in 8 days: not yet soon")
        XCTAssertEqual(st(83)?.state, .dueSoon)
        XCTAssertEqual(st(83)?.badge, "due 7d")
        XCTAssertEqual(st(90.5)?.state, .dueSoon, "the 90th day is 'due today', not a few hours overdue")
        XCTAssertEqual(st(90.5)?.badge, "due today")
        XCTAssertEqual(st(91)?.state, .overdue)
        XCTAssertEqual(st(120)?.badge, "overdue 30d")
        XCTAssertEqual(st(120)?.ageDays, 120)
        XCTAssertEqual(st(120)?.sentence, "overdue by 30 days · every 90 days (DATABASE_URL)")
        XCTAssertEqual(st(-3)?.ageDays, 0, "a future timestamp (clock skew) counts as now")
        XCTAssertNil(p.status(key: "DATABASE_URL", reminderDays: nil, updatedAt: nil, now: now), "unknown age: no verdict")
        XCTAssertEqual(RotationPolicy(soonDays: 0).status(key: "JWT_X", reminderDays: nil, updatedAt: daysAgo(29), now: now)?.state, .ok)
    }

    func testProjectOverridesFromConfigComeBeforeDefaults() throws {
        let json = """
        {"soonDays": 14, "projects": {
           "opticworks-store": [{"pattern": "STRIPE_*", "days": 60}, {"pattern": "SENTRY_DSN", "days": 0},
                                {"pattern": "JWT_*", "days": 7}],
           "p-123": [{"pattern": "DATABASE_URL", "days": 30}]}}
        """
        let cfg = try JSONDecoder().decode(RotationConfig.self, from: Data(json.utf8))
        try cfg.validate()
        let store = cfg.policy(projectId: "p-999", slug: "opticworks-store")
        XCTAssertEqual(store.soonDays, 14)
        XCTAssertEqual(store.period(key: "STRIPE_SECRET_KEY", reminderDays: nil)?.days, 60)
        XCTAssertNil(store.period(key: "SENTRY_DSN", reminderDays: nil), "days 0 exempts a key the defaults cover")
        XCTAssertEqual(store.period(key: "JWT_SECRET", reminderDays: nil)?.days, 7, "override before default")
        XCTAssertEqual(store.period(key: "DATABASE_URL", reminderDays: nil)?.days, 90, "defaults still apply")
        let byId = cfg.policy(projectId: "p-123", slug: "hardwareos")
        XCTAssertEqual(byId.period(key: "DATABASE_URL", reminderDays: nil)?.days, 30, "an entry by project id")
        XCTAssertNil(byId.period(key: "STRIPE_SECRET_KEY", reminderDays: nil), "other projects keep the defaults")
        XCTAssertEqual(cfg.policy(projectId: nil, slug: nil, soonDays: 3).soonDays, 3, "--soon wins over the file")
        XCTAssertEqual(RotationConfig().policy(projectId: "x", slug: "y"), RotationPolicy.standard)

        XCTAssertThrowsError(try RotationConfig(soonDays: -1).validate())
        XCTAssertThrowsError(try RotationConfig(projects: ["p": [RotationRule("", days: 3)]]).validate())
        XCTAssertThrowsError(try RotationConfig(projects: ["p": [RotationRule("X", days: -3)]]).validate())
    }

    func testGlobHandlesStarsAnywhereWithoutBlowingUp() {
        XCTAssertTrue(RotationRule("*", days: 1).matches("ANYTHING"))
        XCTAssertTrue(RotationRule("A*B*C", days: 1).matches("AxxBxxC"))
        XCTAssertFalse(RotationRule("A*B*C", days: 1).matches("AxxBxxD"))
        XCTAssertTrue(RotationRule("**_DSN", days: 1).matches("X_DSN"))
        let long = String(repeating: "A", count: 5000)
        XCTAssertFalse(RotationRule(String(repeating: "*A", count: 50) + "B", days: 1).matches(long), "no exponential backtracking")
    }

    func testReportKeepsOnlyOverdueAndSoonWorstFirstAndNeverAValue() throws {
        func secret(_ key: String, _ env: String, _ path: String, _ days: Double, reminder: Double? = nil) -> Secret {
            Secret(id: key + env, environment: env, version: 1, secretKey: key, secretValue: "VALUE-\(key)", secretPath: path,
                   secretReminderRepeatDays: reminder, updatedAt: iso(daysAgo(days)))
        }
        let list = [secret("DATABASE_URL", "prod", "/database", 120), secret("DATABASE_URL", "dev", "/database", 33),
                    secret("DATABASE_POOL_SIZE", "prod", "/database", 200), secret("JWT_SECRET", "prod", "/internal", 200, reminder: 30),
                    secret("DATABASE_PASSWORD", "staging", "/database", 12, reminder: 10),
                    secret("SENTRY_DSN", "prod", "/shared", 85)]
        let rows = RotationReport.sorted(RotationReport.entries(project: "store", projectId: "p1", environment: "prod",
                                                                secrets: list, policy: .standard, now: now))
        XCTAssertEqual(rows.map { "\($0.environment) \($0.key) \($0.status.rawValue) \($0.dueInDays)" }, [
            "prod JWT_SECRET overdue -170", "prod DATABASE_URL overdue -30", "staging DATABASE_PASSWORD overdue -2",
            "prod SENTRY_DSN due-soon 5",
        ])
        XCTAssertEqual(rows.first?.policy, "reminder")
        let encoded = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        XCTAssertFalse(encoded.contains("VALUE-"), "an entry has no value field")
    }

    func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }
}
