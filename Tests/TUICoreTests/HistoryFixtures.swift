import Foundation
import InfisicalModels
@testable import TUICore

/// The history overlay driven like the app does: keys in, the runner's answers back.
enum HistoryFixtures {
    typealias F = Fixtures

    /// APP_ENV's versions: v3 (now) by a person, v2 by a machine identity, v1 by the admin.
    static func listing(refused: Bool = false, actor: String = "Jonas Weber", comment: String = "rotated after the incident")
        -> HistoryListing {
        HistoryListing(current: 3, versions: [
            HistoryVersion(version: 3, at: F.t0.addingTimeInterval(-2 * 86400), actor: actor, actorType: "user", comment: comment),
            HistoryVersion(version: 2, at: F.t0.addingTimeInterval(-40 * 86400), actor: "ci-bot", actorType: "identity",
                           comment: "migrated from vault"),
            HistoryVersion(version: 1, at: F.t0.addingTimeInterval(-120 * 86400), actor: "Maya Chen", actorType: "user", comment: ""),
        ], refused: refused)
    }

    /// Loaded browse state in environment tab `env` (1 dev, 2 staging, 3 prod), the first secret
    /// (APP_ENV) selected in the secrets pane.
    static func onSecret(env: Int = 1, width: Int = 80, height: Int = 24, role: String = "member") -> AppState {
        var s = F.loadedState(width: width, height: height)
        if env != 1 { F.answer(&s, F.press(&s, .char(Character(String(env))))) }
        if role != "member" {
            let e = F.press(&s, .char("R"))
            F.answer(&s, e.filter { if case .request(_, .role) = $0 { return false }; return true })
            F.reply(&s, .role(projectId: "p-store"), .role(.success(ProjectRole(slug: role))))
        }
        F.press(&s, .tab, .tab)
        return s
    }

    /// `v`, and the versions answered.
    static func open(env: Int = 1, width: Int = 80, height: Int = 24, role: String = "member",
                     listing: HistoryListing = listing()) -> AppState {
        var s = onSecret(env: env, width: width, height: height, role: role)
        F.press(&s, .char("v"))
        F.reply(&s, .historyLoad, .history(.loaded(.success(listing), now: F.t0)))
        return s
    }
}
