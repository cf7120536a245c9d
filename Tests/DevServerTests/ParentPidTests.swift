import Foundation
import TestSupport
import XCTest

/// `--parent-pid PID`: the server stops on its own, quickly and gracefully, once PID is gone — so a
/// `--demo` server never outlives a TUI that was SIGKILLed or crashed.
final class ParentPidTests: XCTestCase {
    /// A stand-in for the TUI: `sleep 30`, spawned with cs_spawn.
    func spawnStandIn() throws -> pid_t {
        let pid = Spawn.start("/bin/sleep", ["30"], env: ["PATH": "/usr/bin:/bin"])
        guard pid > 0 else { throw XCTSkip("could not spawn /bin/sleep") }
        return pid
    }

    /// Waits (bounded) for `pid` to exit and reaps it; the wait status, or nil if still running.
    func waitForExit(_ pid: pid_t, within seconds: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var st: Int32 = 0
        repeat {
            if waitpid(pid, &st, WNOHANG) == pid { return st }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    func testServerExitsGracefullySoonAfterItsParentIsKilled() throws {
        let standIn = try spawnStandIn()
        var standInReaped = false
        defer { if !standInReaped { kill(standIn, SIGKILL); var st: Int32 = 0; waitpid(standIn, &st, 0) } }
        let server = try ServerProcess(args: ["--parent-pid", String(standIn)])
        var serverReaped = false
        defer { if !serverReaped { server.stop() } else { try? FileManager.default.removeItem(at: server.dir) } }

        // While the stand-in lives, the server keeps serving (the watch does not fire spuriously).
        usleep(800_000)
        XCTAssertNil(waitForExit(server.pid, within: 0), "server stopped although its parent is alive:\n\(server.log)")
        let r = try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(try server.token("viewer"))"])
        XCTAssertEqual(r.status, 200)

        // kill -9 the stand-in and reap it (a zombie still answers kill(pid, 0)).
        kill(standIn, SIGKILL)
        var st: Int32 = 0
        waitpid(standIn, &st, 0)
        standInReaped = true
        let killedAt = Date()

        guard let status = waitForExit(server.pid, within: 3) else {
            XCTFail("server still running 3 s after its parent died:\n\(server.log)")
            return
        }
        serverReaped = true
        let took = Date().timeIntervalSince(killedAt)
        XCTAssertLessThan(took, 2, "server took \(took) s to notice")
        // Graceful: a normal exit 0 after the server's own shutdown path (not a signal death).
        XCTAssertTrue(status & 0x7f == 0 && (status >> 8) & 0xff == 0, "wait status \(status)\n\(server.log)")
        XCTAssertTrue(server.log.contains("parent process \(standIn) is gone"), server.log)
        XCTAssertTrue(server.log.contains("stopped"), server.log)
    }

    func testParentPidMustBeAProcessId() throws {
        let bin = ServerProcess.binaryPath
        let pid = Spawn.start(bin, ["--parent-pid", "0"], env: ["PATH": "/usr/bin:/bin"])
        XCTAssertGreaterThan(pid, 0)
        guard let status = waitForExit(pid, within: 10) else { kill(pid, SIGKILL); XCTFail("did not exit"); return }
        XCTAssertEqual((status >> 8) & 0xff, 2, "bad flag → exit 2")
    }
}
