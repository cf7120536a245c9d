import Foundation
import XCTest

/// Layout follows the terminal: 80×24 up to 200×50, and a clear message below 80×24.
final class ResizeEndToEndTests: XCTestCase {
    func testResizeRedrawsForEachSize() throws {
        let app = try DemoApp()
        let t = app.tmux
        app.waitForProjects()
        for (w, h) in [(80, 24), (200, 50), (120, 40)] {
            t.resize(width: w, height: h)
            let screen = t.waitUntil("a \(w)×\(h) frame") { s in
                let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                // The bottom border of the panes sits just above the status line at the new size.
                return lines.count >= h && lines[h - 1].contains("? help") && lines[h - 2].hasPrefix("└")
                    && lines[h - 2].hasSuffix("┘") && lines[h - 2].count == w
            }
            XCTAssertTrue(screen.contains("opticworks-store"), screen)
        }
        t.resize(width: 79, height: 23)
        t.waitFor("too small")
        t.resize(width: 120, height: 40)
        app.waitForProjects()
        t.send("q")
        app.assertExitedCleanly()
    }

    func testTooSmallAtStart() throws {
        let app = try DemoApp(width: 79, height: 23)
        let screen = app.tmux.waitFor("too small", timeout: 60)
        XCTAssertTrue(screen.contains("80"), screen)
        app.tmux.send("q")
        app.assertExitedCleanly()
    }
}
