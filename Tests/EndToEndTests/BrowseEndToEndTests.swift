import Foundation
import XCTest

/// The user's path through the real dashboard against the real dev server: find
/// STRIPE_SECRET_KEY in staging, see it masked, reveal it, filter, switch theme.
final class BrowseEndToEndTests: XCTestCase {
    static let mask = "••••••••"

    func testStartShowsTheFourDemoProjects() throws {
        let app = try DemoApp()
        app.waitForProjects()
        // The status line is the last row a frame draws: wait for it rather than expect it in the
        // same capture as the project rows.
        app.tmux.waitFor("┌ Projects", "demo-viewer")          // the status line names the identity
        app.tmux.send("q")
        app.assertExitedCleanly()
    }

    func testFindRevealAndRemaskStripeKeyInStagingAt80x24() throws {
        let expected = try DevServerFixture().value(of: "STRIPE_SECRET_KEY", project: "opticworks-store",
                                                    env: "staging", path: "/stripe")
        XCTAssertFalse(expected.isEmpty)
        let app = try DemoApp(width: 80, height: 24)
        let t = app.tmux
        var screen = openStripeFolderInStaging(app)
        selectSecret("STRIPE_SECRET_KEY", in: app)
        screen = t.waitFor("STRIPE_SECRET_KEY", Self.mask)
        XCTAssertFalse(screen.contains(expected), "value on screen before it was asked for:\n\(screen)")

        t.send("r")
        // Both in one wait: a frame reaches tmux in pieces, so the value can be on screen a moment
        // before the countdown line below it is drawn.
        t.waitFor(expected, "masks again")

        // Moving the selection masks it again.
        t.send("Escape")
        t.send("Down")
        t.waitUntil("value masked after moving") { !$0.contains(expected) }
        t.send("q")
        app.assertExitedCleanly()
    }

    func testRevealedValueRemasksAfterTimeout() throws {
        let app = try DemoApp(arguments: ["--remask-seconds", "2"])
        let t = app.tmux
        _ = openStripeFolderInStaging(app)
        selectSecret("STRIPE_SECRET_KEY", in: app)
        t.send("r")
        let revealed = t.waitFor("masks again")
        XCTAssertFalse(revealed.contains("\(Self.mask)  r to reveal"), revealed)
        let start = Date()
        t.waitFor("\(Self.mask)  r to reveal", timeout: 10)
        XCTAssertGreaterThan(Date().timeIntervalSince(start), 0.5, "re-masked too early")
    }

    func testFilterNarrowsTheSecretsList() throws {
        let app = try DemoApp()
        let t = app.tmux
        _ = openStripeFolderInStaging(app)
        t.waitFor("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
        t.send("/")
        t.type("WEBHOOK")
        let screen = t.waitUntil("only the webhook secret listed") { s in
            s.contains("STRIPE_WEBHOOK_SECRET") && !s.contains("STRIPE_SECRET_KEY")
        }
        XCTAssertTrue(screen.contains("WEBHOOK"), screen)
        t.send("Escape")
        t.waitFor("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
    }

    func testRevealInProductionAsksFirst() throws {
        let expected = try DevServerFixture().value(of: "STRIPE_SECRET_KEY", project: "opticworks-store",
                                                    env: "prod", path: "/stripe")
        let app = try DemoApp(arguments: ["--demo-role", "admin"])
        let t = app.tmux
        app.waitForProjects()
        t.waitFor("role: admin")
        t.send("Enter")
        t.send("3")                                          // prod
        t.openListRow("stripe", in: "Folders", context: "Secrets · prod · /")
        t.waitFor("Secrets · prod · /stripe", "STRIPE_SECRET_KEY")
        selectSecret("STRIPE_SECRET_KEY", in: app)
        t.send("r")
        var s = t.waitFor("Reveal STRIPE_SECRET_KEY in prod (production)?")
        XCTAssertFalse(s.contains(expected))
        t.send("n")
        s = t.waitUntil("confirmation closed") { !$0.contains("(production)?") }
        XCTAssertFalse(s.contains(expected), "declined, yet revealed")
        t.send("r")
        t.waitFor("(production)?")
        t.send("y")
        t.waitFor(expected)
    }

    // MARK: steps

    /// Open opticworks-store → staging → /stripe with keys only; returns the screen. The folder is
    /// chosen by name with each arrow checked on screen (see `openListRow`), never by a row
    /// index read once: under load one capture can mix two frames.
    @discardableResult
    func openStripeFolderInStaging(_ app: DemoApp, file: StaticString = #filePath, line: UInt = #line) -> String {
        let t = app.tmux
        app.waitForProjects(file: file, line: line)
        t.waitFor("Folders /", "stripe/", file: file, line: line)
        t.send("Enter")                  // open the selected project (opticworks-store), focus folders
        t.send("2")                      // environment tab 2 = staging
        t.openListRow("stripe", in: "Folders", context: "Secrets · staging · /", file: file, line: line)
        return t.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY", file: file, line: line)
    }

    /// Selects a secret by filtering for its exact key; waits until the detail pane shows it.
    func selectSecret(_ key: String, in app: DemoApp, file: StaticString = #filePath, line: UInt = #line) {
        app.tmux.send("/")
        app.tmux.type(key)
        app.tmux.send("Enter")
        app.tmux.waitUntil("detail of \(key)", file: file, line: line) { s in
            s.split(separator: "\n").contains { $0.contains("Key") && $0.contains(key) }
        }
    }
}
