import XCTest
@testable import TUICore
final class ZZDump: XCTestCase {
    func testDump() {
        var s = Fixtures.loadedState(width: 160, height: 48)
        print(Fixtures.screen(s).prefix(14).joined(separator: "\n"))
        Fixtures.answer(&s, Fixtures.press(&s, .char("2"), .tab))
        Fixtures.answer(&s, Fixtures.press(&s, .char("G"), .enter, .tab, .char("r")))
        Fixtures.send(&s, .secretRevealed(projectId: "p-store", env: "staging", path: "/stripe", key: "STRIPE_SECRET_KEY", .success(RevealedValue(raw: "sk_test_51HxYzStagingValue")), now: Fixtures.t0))
        print(Fixtures.screen(s).prefix(14).joined(separator: "\n"))
    }
}
