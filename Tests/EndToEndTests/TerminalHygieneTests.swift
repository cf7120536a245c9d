import Foundation
import XCTest

/// The real `infisical-tui --demo` in tmux: every way out gives the terminal back sane, and the
/// demo server goes with it.
final class TerminalHygieneTests: XCTestCase {
    func testQuitWithQRestoresTerminalAndStopsDemoServer() throws {
        let app = try DemoApp()
        app.waitForProjects()
        XCTAssertEqual(app.tmux.display("#{alternate_on}"), "1", "dashboard should use the alternate screen")
        XCTAssertEqual(app.tmux.display("#{cursor_flag}"), "0", "cursor should be hidden")
        let appPID = try XCTUnwrap(app.tmux.appPID)
        let serverPIDs = ProcessRunner.children(of: appPID)
        XCTAssertEqual(serverPIDs.count, 1, "exactly one demo server child")
        app.tmux.send("q")
        app.assertExitedCleanly()
        for pid in serverPIDs { XCTAssertEqual(kill(pid, 0), -1, "demo server \(pid) still running after quit") }
    }

    func testCtrlCQuits() throws {
        let app = try DemoApp(width: 80, height: 24)
        app.waitForProjects()
        app.tmux.send("C-c")
        app.assertExitedCleanly()
    }

    func testSigtermRestoresTerminal() throws {
        let app = try DemoApp()
        app.waitForProjects()
        let pid = try XCTUnwrap(app.tmux.appPID)
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        app.assertExitedCleanly()
    }

    func testSighupRestoresTerminal() throws {
        let app = try DemoApp()
        app.waitForProjects()
        let pid = try XCTUnwrap(app.tmux.appPID)
        XCTAssertEqual(kill(pid, SIGHUP), 0)
        app.assertExitedCleanly()
    }

    func testUnknownTermIsAClearError() throws {
        let app = try DemoApp(term: "no-such-terminal")
        let screen = app.tmux.waitFor("EXIT=", timeout: 60)
        XCTAssertTrue(screen.contains("unknown terminal type 'no-such-terminal'"), screen)
        XCTAssertTrue(screen.contains("EXIT=1"), screen)
    }

    func testNotATerminalIsAClearError() {
        let r = ProcessRunner.run(DemoApp.binary, ["--demo"])   // stdin /dev/null, stdout a pipe
        XCTAssertEqual(r.status, 1)
        // stderr goes to /dev/null in the runner; the point is: no hang, no spin, no server left.
    }
}

/// Ctrl-Z gives the shell its terminal back; `fg` brings the dashboard back fully redrawn.
final class SuspendEndToEndTests: XCTestCase {
    func testCtrlZSuspendsAndFgRedraws() throws {
        let home = NSTemporaryDirectory() + "/e2e-suspend-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try TmuxSession(command: "bash --norc --noprofile -i", paneEnvironment: [
            "PS1": "PROMPT$ ", "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
        ])
        defer { t.close() }
        t.type("echo READY-$((40+2))"); t.send("Enter")
        t.waitFor("READY-42")           // the shell reads input (its prompt may not show without TERM)
        t.type("'\(DemoApp.binary)' --demo")
        t.send("Enter")
        t.waitFor("opticworks-store", "hardwareos", timeout: 60)
        XCTAssertEqual(t.display("#{alternate_on}"), "1")
        t.send("C-z")
        t.waitFor("Stopped")
        XCTAssertEqual(t.display("#{alternate_on}"), "0", "suspended app left the alternate screen on")
        XCTAssertEqual(t.display("#{cursor_flag}"), "1")
        t.type("fg")
        t.send("Enter")
        let screen = t.waitFor("opticworks-store", "┌ Projects", "? help")
        XCTAssertEqual(t.display("#{alternate_on}"), "1")
        XCTAssertFalse(screen.contains("Stopped"), "dashboard not fully redrawn after fg:\n\(screen)")
        t.send("q")
        t.waitUntil("dashboard gone") { !$0.contains("┌ Projects") }
        XCTAssertEqual(t.display("#{alternate_on}"), "0")
        t.type("echo DONE-$((40+3))"); t.send("Enter")
        t.waitFor("DONE-43")
    }
}
