import Foundation
import XCTest
@testable import TUICore
import InfisicalModels

/// Rendering is per frame, so it must not depend on the number of secrets.
final class PerformanceTests: XCTestCase {
    func testRendering10kSecretsAt160x48IsFast() {
        let many = SecretList(secrets: (0..<10_000).map {
            Fixtures.secret(String(format: "SERVICE_%05d_TOKEN", $0), version: $0 % 9 + 1, daysAgo: Double($0 % 300), comment: "bulk")
        })
        var s = Fixtures.loadedState(width: 160, height: 48, lists: ["dev:/": many])
        Fixtures.press(&s, .tab, .tab, .pageDown)
        let theme = Theme.builtinDefault
        _ = render(s, width: 160, height: 48, theme: theme)      // warm up
        let frames = 50
        let start = DispatchTime.now().uptimeNanoseconds
        var sink = 0
        for _ in 0..<frames { sink &+= render(s, width: 160, height: 48, theme: theme).cells.count }
        let perFrameMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(frames)
        XCTAssertEqual(sink, frames * 160 * 48)
        print("render 160×48 with 10k secrets: \(String(format: "%.3f", perFrameMs)) ms/frame (debug build)")
        // Debug builds are ~10× slower than release; the bound catches accidental O(rows) work.
        XCTAssertLessThan(perFrameMs, 25)
    }
}
