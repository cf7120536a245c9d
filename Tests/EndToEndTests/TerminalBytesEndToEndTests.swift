import Foundation
import XCTest

/// Issue 15, terminal bytes: what the real binary writes to a real terminal (a tmux pane at
/// 200×50, every byte copied out by `pipe-pane`) for one cursor move in a secrets list. A count,
/// not a time: it does not depend on the machine's speed.
final class TerminalBytesEndToEndTests: XCTestCase {
    /// The budget of issue 15 for a one-row move at 200×50.
    static let oneRowMoveBudget = 450

    func testOneRowMoveAt200x50WritesOnlyTheChangedRows() throws {
        let app = try DemoApp(width: 200, height: 50)
        let t = app.tmux
        app.waitForProjects()
        t.waitFor("Folders /", "stripe/")
        t.send("Enter")                  // open opticworks-store, focus folders
        t.send("2")                      // staging
        t.openListRow("stripe", in: "Folders", context: "Secrets · staging · /")
        t.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY")
        let tap = try PaneTap(t)
        defer { tap.stop() }
        let deadline = Date().addingTimeInterval(30)
        func secretsReady(_ s: StyledScreen) -> Bool {
            s.listRows(of: "Secrets").filter(\.highlighted).count == 1 && s.listRows(of: "Secrets").count >= 3
        }
        guard let before = t.settledScreen(until: deadline, where: secretsReady) else { return XCTFail("no settled secrets list") }
        let from = try XCTUnwrap(before.listRows(of: "Secrets").firstIndex(where: \.highlighted))
        let idle = tap.settle()                                     // nothing else is drawing
        t.send(from + 1 < before.listRows(of: "Secrets").count ? "Down" : "Up")
        guard t.settledScreen(until: deadline, where: { s in
            secretsReady(s) && s.listRows(of: "Secrets").firstIndex(where: \.highlighted) != from
        }) != nil else { return XCTFail("the highlight did not move") }
        let after = tap.settle()
        let moved = after - idle
        print("tty_bytes one-row move at 200x50 (demo /stripe): \(moved) bytes")
        XCTAssertGreaterThan(moved, 20, "the move wrote nothing at all?")
        XCTAssertLessThanOrEqual(moved, Self.oneRowMoveBudget, "one-row move wrote \(moved) bytes")
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
