import Foundation
import XCTest

/// Issue 15, terminal bytes: what the real binary writes to a real terminal (a tmux pane at
/// 200×50, every byte copied out by `pipe-pane`) for one cursor move in a secrets list. A count,
/// not a time: it does not depend on the machine's speed.
final class TerminalBytesEndToEndTests: XCTestCase {
    /// The budget of issue 15 for a one-row move at 200×50 — NOT met yet (854 bytes measured on
    /// this view: ncurses' scroll-region optimisation drags the side-by-side panes when the
    /// detail gains a Comment row, and every return to the default style costs `ESC[39m ESC[m ^O`).
    static let oneRowMoveBudget = 450
    /// What this test holds until then: the figure the issue reported (511–982 bytes on the demo's
    /// rows), so a regression past it fails.
    static let currentCeiling = 1000

    func testOneRowMoveAt200x50WritesOnlyTheChangedRows() throws {
        let app = try DemoApp(width: 200, height: 50)
        let t = app.tmux
        app.waitForProjects()
        t.waitFor("Folders /", "stripe/")
        t.send("Enter")                  // open opticworks-store, focus folders
        t.send("2")                      // staging
        t.openListRow("stripe", in: "Folders", context: "Secrets · staging · /")
        t.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY")
        t.send("Tab")                    // focus the secrets list
        let tap = try PaneTap(t)
        defer { tap.stop() }
        // The detail pane names the selected secret: the move is done when it names the next one.
        func detailKey(_ screen: String) -> String? {
            for line in screen.split(separator: "\n") {
                guard let r = line.range(of: "│Key      ") else { continue }
                return line[r.upperBound...].split(separator: " ").first.map(String.init)
            }
            return nil
        }
        let deadline = Date().addingTimeInterval(30)
        guard let before = t.settledScreen(until: deadline, where: { detailKey($0.text) == "STRIPE_PUBLISHABLE_KEY" }) else {
            return XCTFail("no settled /stripe list with its first secret selected:\n\(t.capture())")
        }
        _ = before
        let idle = tap.settle()                                     // nothing else is drawing
        t.send("Down")
        guard t.settledScreen(until: deadline, where: { detailKey($0.text) == "STRIPE_SECRET_KEY" }) != nil else {
            return XCTFail("the selection did not move:\n\(t.capture())")
        }
        let after = tap.settle()
        let moved = after - idle
        print("tty_bytes one-row move at 200x50 (demo /stripe): \(moved) bytes")
        XCTAssertGreaterThan(moved, 20, "the move wrote nothing at all?")
        XCTAssertLessThanOrEqual(moved, Self.currentCeiling, "one-row move wrote \(moved) bytes")
        if moved > Self.oneRowMoveBudget { print("tty_bytes: over the issue-15 budget of \(Self.oneRowMoveBudget) bytes") }
        t.send("q")
        app.assertExitedCleanly()
    }
}

/// Every byte the pane's program writes, appended to a file by `tmux pipe-pane`.
final class PaneTap {
    let path: String
    let tmux: TmuxSession

    init(_ tmux: TmuxSession) throws {
        self.tmux = tmux
        path = NSTemporaryDirectory() + "/pane-tap-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: path, contents: nil)
        tmux.tmux(["pipe-pane", "-t", "app", "-o", "cat >> '\(path)'"])
    }

    var size: Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }

    /// The byte count once it has not changed for `quiet` seconds (bounded by `timeout`).
    func settle(quiet: TimeInterval = 0.6, timeout: TimeInterval = 10) -> Int {
        let end = Date().addingTimeInterval(timeout)
        var last = size, since = Date()
        while Date() < end {
            usleep(50_000)
            let now = size
            if now != last { last = now; since = Date() } else if Date().timeIntervalSince(since) >= quiet { break }
        }
        return last
    }

    func stop() {
        tmux.tmux(["pipe-pane", "-t", "app"])
        try? FileManager.default.removeItem(atPath: path)
    }
}
