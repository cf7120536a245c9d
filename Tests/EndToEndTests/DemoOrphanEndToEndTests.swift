import Foundation
import XCTest

/// `kill -9` of `infisical-tui --demo` leaves no demo server behind: the app starts it with
/// `--parent-pid <own pid>`, and the server stops on its own once the app is gone.
final class DemoOrphanEndToEndTests: XCTestCase {
    /// True while `pid` is a live process (a zombie waiting to be reaped has already exited).
    func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first ?? ""
        return state != "Z" && state != "X"
    }

    func testDemoServerExitsWhenTheAppIsKilled() throws {
        let app = try DemoApp()
        app.waitForProjects()
        let appPID = try XCTUnwrap(app.tmux.appPID)
        let servers = ProcessRunner.children(of: appPID)
        XCTAssertEqual(servers.count, 1, "exactly one demo server child")
        guard let server = servers.first else { return }
        let cmdline = (try? String(contentsOfFile: "/proc/\(server)/cmdline", encoding: .utf8)) ?? ""
        let args = cmdline.split(separator: "\0").map(String.init)
        XCTAssertTrue(args.contains("--parent-pid") && args.contains(String(appPID)), "server argv: \(args)")
        let demoDir = args.firstIndex(of: "--db").map { (args[$0 + 1] as NSString).deletingLastPathComponent }
        defer {
            if isAlive(server) { kill(server, SIGKILL) }
            // The app never got to clean up its private demo directory.
            if let demoDir, demoDir.contains("infisical-tui-demo") { try? FileManager.default.removeItem(atPath: demoDir) }
        }

        XCTAssertEqual(kill(appPID, SIGKILL), 0)
        let killedAt = Date()
        while isAlive(server), Date().timeIntervalSince(killedAt) < 5 { usleep(20_000) }
        XCTAssertFalse(isAlive(server), "demo server \(server) still running 5 s after the app was killed")
        XCTAssertLessThan(Date().timeIntervalSince(killedAt), 2.5, "the server should notice within about a second")
        app.tmux.waitFor("EXIT=137")

        // The next demo sweeps the abandoned directory (owner gone, server gone).
        let dir = try XCTUnwrap(demoDir)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir), "the killed app could not have removed \(dir)")
        let next = try DemoApp()
        next.waitForProjects()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir), "abandoned demo directory \(dir) was not swept")
        next.tmux.send("q")
        next.assertExitedCleanly()
    }
}
