import Foundation
import InfisicalModels
@testable import TUICore

/// Drivers for the rotation badge, the overdue filter and the audit screen's exposure report
/// (issue 12, parts 2 and 3). Listed in `GoldenScreens.all`.
extension GoldenScreens {
    /// /database of the store: one due soon, one setting with no policy, one overdue by pattern,
    /// one overdue by its own reminder (which beats the 90-day pattern).
    static var databaseList: SecretList {
        var replica = F.secret("REPLICA_DB_PASSWORD", path: "/database", version: 3, daysAgo: 20, comment: "read replica")
        replica.secretReminderRepeatDays = 14
        return SecretList(secrets: [
            F.secret("DATABASE_PASSWORD", path: "/database", version: 5, daysAgo: 85),
            F.secret("DATABASE_POOL_SIZE", path: "/database", daysAgo: 200, comment: "max connections per pod"),
            F.secret("DATABASE_URL", path: "/database", version: 9, daysAgo: 120, comment: "primary"),
            replica,
        ])
    }

    /// Folders → database → secrets pane, DATABASE_URL selected (its detail says how late it is).
    static func browseRotation(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h, lists: ["dev:/database": databaseList])
        F.press(&s, .tab, .down)                                   // past the tree's root to database/
        F.answer(&s, F.press(&s, .enter), lists: ["dev:/database": databaseList])
        F.press(&s, .tab, .char("j"), .char("j"))
        return s
    }

    /// `!`: only the overdue ones.
    static func browseOverdueOnly(_ w: Int, _ h: Int) -> AppState {
        var s = browseRotation(w, h)
        F.press(&s, .char("!"))
        return s
    }

    /// `e` on the first row (demo-developer): its reads over 90 days, grouped.
    static func auditExposure(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        let reads = [
            auditEntry("x1", minutesAgo: 60, env: "prod", path: "/database", key: "DATABASE_URL"),
            auditEntry("x2", minutesAgo: 3000, env: "prod", path: "/database", key: "DATABASE_URL"),
            auditEntry("x3", minutesAgo: 90, env: "prod", path: "/stripe", key: "STRIPE_SECRET_KEY"),
            auditEntry("x4", minutesAgo: 400, type: "get-secrets", env: "staging", path: "/database", key: nil,
                       extra: ["numberOfSecrets": .number(4)]),
        ]
        for case .request(let id, .audit(.loadExposure)) in F.press(&s, .char("e")) {
            F.send(&s, .answered(id, .audit(.exposure(.success(reads)))))
        }
        return s
    }
}
