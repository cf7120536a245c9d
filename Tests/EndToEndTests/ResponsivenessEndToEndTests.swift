import Foundation
import XCTest

/// No network call ever blocks keys: against a server that never answers, the dashboard shows it
/// is loading, still opens help, and quits at once.
final class ResponsivenessEndToEndTests: XCTestCase {
    func testKeysWorkWhileTheServerHangs() throws {
        let hole = try BlackHoleServer()
        let home = NSTemporaryDirectory() + "/e2e-hang-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try TmuxSession(command: "cd /tmp && '\(DemoApp.binary)'; echo EXIT=$?; sleep 600", paneEnvironment: [
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "id", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "secret",
            "INFISICAL_DOMAIN": hole.url, "HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
        ])
        defer { t.close() }
        t.waitFor("┌ Projects", "loading…", "? help", abortOn: "EXIT=")   // the login is hanging
        t.send("?")
        t.waitFor("Keys", "next pane", timeout: 5)        // help overlay while the request hangs
        t.send("Escape")
        t.waitUntil("help closed", timeout: 5) { !$0.contains("next pane") }
        let start = Date()
        t.send("q")
        t.waitFor("EXIT=0", timeout: 5)
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "quit waited for the network")
    }
}
