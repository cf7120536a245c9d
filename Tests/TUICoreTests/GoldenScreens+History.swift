import Foundation
import InfisicalModels
@testable import TUICore

/// Drivers for the history overlay's goldens (`v`), keys and answers only.
extension GoldenScreens {
    typealias H = HistoryFixtures

    /// APP_ENV in dev: three versions, the second one's value revealed.
    static func history(_ w: Int, _ h: Int) -> AppState {
        var s = H.open(width: w, height: h)
        F.press(&s, .down, .char("r"))
        F.reply(&s, .historyReveal, .history(.revealed(.success("development"), now: F.t0)))
        return s
    }

    /// Staging, v2 selected, `b`: old and new, both masked.
    static func historyRollbackPreview(_ w: Int, _ h: Int) -> AppState {
        var s = H.open(env: 2, width: w, height: h)
        F.press(&s, .down, .char("b"))
        return s
    }

    /// A machine identity: the versions route said 403, the rows were read one by one.
    static func historyRefused(_ w: Int, _ h: Int) -> AppState {
        H.open(width: w, height: h, listing: H.listing(refused: true))
    }
}
