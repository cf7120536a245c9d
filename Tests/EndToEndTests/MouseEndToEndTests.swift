import Foundation
import XCTest

/// Mouse reports reach the core: a click selects a row, the wheel scrolls.
final class MouseEndToEndTests: XCTestCase {
    /// X10 mouse report (what ncurses expects under tmux's TERM): ESC [ M b x y, 0-based + 32/33.
    func click(_ t: TmuxSession, x: Int, y: Int, button: Int = 0) {
        let bytes = [0x1b, 0x5b, 0x4d, 32 + button, 33 + x, 33 + y].map { String(format: "%02x", $0) }
        t.tmux(["send-keys", "-t", "app", "-H"] + bytes)
    }

    func position(of text: String, in screen: String) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: text) { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
        }
        return nil
    }

    func testClickSelectsAProject() throws {
        let app = try DemoApp()
        let t = app.tmux
        let screen = app.waitForProjects()
        XCTAssertEqual(t.display("#{mouse_any_flag}"), "1", "dashboard should ask for mouse reports")
        let p = try XCTUnwrap(position(of: "hardwareos", in: screen))
        click(t, x: p.x, y: p.y)
        t.send("Enter")
        t.waitUntil("hardwareos opened") { s in s.split(separator: "\n").first?.contains("hardwareos") == true }
    }

    func testDoubleClickOpensAProject() throws {
        let app = try DemoApp()
        let t = app.tmux
        let screen = app.waitForProjects()
        let p = try XCTUnwrap(position(of: "presence-engine", in: screen))
        // Press + release twice on the same cell, as a terminal reports a double-click. ncurses
        // reports only button transitions it reads apart, so the two clicks go out 0.1 s apart; if
        // a loaded machine delivers both in one read they merge into one click, so try again
        // (a double-click that never opens still fails).
        let press = [0x1b, 0x5b, 0x4d, 32, 33 + p.x, 33 + p.y].map { String(format: "%02x", $0) }
        let release = [0x1b, 0x5b, 0x4d, 35, 33 + p.x, 33 + p.y].map { String(format: "%02x", $0) }
        func opened(_ s: String) -> Bool { s.split(separator: "\n").first?.contains("presence-engine") == true }
        for _ in 0..<3 where !opened(t.capture()) {
            t.tmux(["send-keys", "-t", "app", "-H"] + press + release)
            usleep(100_000)
            t.tmux(["send-keys", "-t", "app", "-H"] + press + release)
            usleep(1_000_000)   // past the double-click interval before any retry
        }
        t.waitUntil("presence-engine opened without Enter") { s in
            s.split(separator: "\n").first?.contains("presence-engine") == true
        }
    }
}
