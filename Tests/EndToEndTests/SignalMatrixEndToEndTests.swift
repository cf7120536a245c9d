import Foundation
import TestSupport
import XCTest

/// Issue 13 item 4, against the real binary in a real terminal (tmux): every signal that ends the
/// dashboard gives the terminal back (no alternate screen, echo on, cursor visible), including a
/// SIGTERM that arrives while the program is stopped; a Swift trap and a stack overflow restore it
/// too; no core file is possible while it runs; an export cut short by a signal leaves no temp file.
final class SignalMatrixEndToEndTests: XCTestCase {
    /// TERM, HUP, INT and QUIT to the running dashboard.
    func testEveryEndingSignalRestoresTheTerminal() throws {
        for (name, sig) in [("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT)] {
            let app = try DemoApp()
            app.waitForProjects()
            let pid = try XCTUnwrap(app.tmux.appPID, name)
            XCTAssertEqual(kill(pid, sig), 0, name)
            app.assertExitedCleanly()
            XCTAssertEqual(kill(pid, 0), -1, "\(name): still running")
        }
    }

    /// Ctrl-Z in an interactive shell, then `kill %1` (the shell sends SIGTERM, then SIGCONT to the
    /// stopped job, which stays in the background): the dashboard must end, not resume or stop
    /// again on SIGTTOU. The same for a HUP sent while stopped, followed by CONT.
    func testCtrlZThenKillPercentOneEndsTheDashboard() throws {
        try stopThenEnd { t, _ in t.type("kill %1"); t.send("Enter") }
    }

    func testHupWhileStoppedEndsItAfterCont() throws {
        try stopThenEnd { _, pid in
            XCTAssertEqual(kill(pid, SIGHUP), 0)
            usleep(200_000)
            XCTAssertEqual(kill(pid, SIGCONT), 0)
        }
    }

    func stopThenEnd(_ end: (TmuxSession, Int32) -> Void) throws {
        let home = NSTemporaryDirectory() + "/e2e-killjob-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try TmuxSession(command: "bash --norc --noprofile -i", paneEnvironment: [
            "PS1": "PROMPT$ ", "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
        ])
        defer { t.close() }
        t.type("echo READY-$((40+2))"); t.send("Enter")
        t.waitFor("READY-42")
        t.type("'\(DemoApp.binary)' --demo"); t.send("Enter")
        t.waitFor("opticworks-store", "hardwareos", timeout: 60)
        let shell = try XCTUnwrap(t.panePID)
        let pid = try XCTUnwrap(ProcessRunner.children(of: shell).first)
        t.send("C-z")
        t.waitFor("Stopped")
        end(t, pid)
        let deadline = Date().addingTimeInterval(15)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(50_000) }
        XCTAssertEqual(kill(pid, 0), -1, "the dashboard resumed instead of ending:\n\(t.capture())")
        XCTAssertEqual(t.display("#{alternate_on}"), "0")
        XCTAssertEqual(t.display("#{cursor_flag}"), "1")
        t.type("stty -a; echo DONE-$((40+3))"); t.send("Enter")
        let screen = t.waitFor("DONE-43")
        let tokens = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "isig"] {
            XCTAssertTrue(tokens.contains(mode) && !tokens.contains("-" + mode), "stty \(mode) not restored:\n\(screen)")
        }
    }

    /// `browse --smoke` crashes on purpose: `!` is a Swift trap, `@` a stack overflow.
    func testSwiftTrapAndStackOverflowRestoreTheTerminal() throws {
        for (key, what) in [("!", "trap"), ("@", "stack overflow")] {
            let t = try TmuxSession(command: "'\(DemoApp.binary)' browse --smoke; echo EXIT=$?; stty -a; sleep 600")
            defer { t.close() }
            t.waitFor("smoke ", "frame=", timeout: 30)
            XCTAssertEqual(t.display("#{alternate_on}"), "1")
            let pid = try XCTUnwrap(t.appPID)
            XCTAssertEqual(Self.coreLimit(pid), "0", "core dumps must be off while running (\(what))")
            t.type(key)
            let screen = t.waitFor("EXIT=", "speed", timeout: 30)
            XCTAssertFalse(screen.contains("EXIT=0"), "\(what) should crash:\n\(screen)")
            XCTAssertEqual(t.display("#{alternate_on}"), "0", "\(what): alternate screen left on")
            XCTAssertEqual(t.display("#{cursor_flag}"), "1", "\(what): cursor hidden")
            let tokens = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
            for mode in ["icanon", "echo", "isig", "icrnl"] {
                XCTAssertTrue(tokens.contains(mode) && !tokens.contains("-" + mode), "\(what): stty \(mode) not restored:\n\(screen)")
            }
        }
    }

    /// `export --output-file` interrupted between writing its temp file and renaming it (strace
    /// holds the temp file's fsync for seconds; the signal lands when it returns, before the
    /// rename): INT, TERM and HUP each leave neither the temp file nor a target behind.
    func testInterruptedExportLeavesNoTempFile() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { throw XCTSkip("strace is not installed") }
        let server = try DevServerFixture()
        let id = try XCTUnwrap(server.ready.identities.first { $0.role == "developer" })
        for (name, sig) in [("INT", SIGINT), ("TERM", SIGTERM), ("HUP", SIGHUP)] {
            let dir = try DevServerProcess.makeTempDir(prefix: "export-sig")
            defer { try? FileManager.default.removeItem(at: dir) }
            let target = dir.appendingPathComponent("out.env").path
            let env = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "XDG_STATE_HOME": dir.path + "/state", "LANG": "C.UTF-8",
                       "INFISICAL_DOMAIN": server.ready.url, "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": id.clientId,
                       "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": id.clientSecret]
            let tracer = Spawn.start("/usr/bin/strace", [
                "-o", "/dev/null", "-e", "trace=fsync,fdatasync",
                "-e", "inject=fsync,fdatasync:delay_enter=4000000",
                DemoApp.binary, "export", "--projectId", "opticworks-store", "--env", "dev", "--output-file", target,
            ], env: env)
            XCTAssertGreaterThan(tracer, 0)
            // Wait for the temp file to exist (the rename is being held).
            let deadline = Date().addingTimeInterval(30)
            var temps: [String] = []
            while temps.isEmpty && Date() < deadline {
                temps = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains(".tmp-") }
                usleep(20_000)
            }
            XCTAssertFalse(temps.isEmpty, "\(name): the export never wrote its temp file")
            usleep(300_000)   // inside the held fsync
            let app = try XCTUnwrap(ProcessRunner.children(of: tracer).first, "\(name): no traced child")
            XCTAssertEqual(kill(app, sig), 0)
            let status = Spawn.wait(tracer, until: Date().addingTimeInterval(20))
            if status == nil { kill(app, SIGKILL); Spawn.kill9(tracer) }
            XCTAssertNotNil(status, "\(name): export did not end")
            XCTAssertNotEqual(status.map(Spawn.exitCode), 0, "\(name): the export finished instead of being interrupted")
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains("out.env") }
            XCTAssertEqual(left, [], "\(name): files left behind")
        }
    }

    static func coreLimit(_ pid: Int32) -> String? {
        guard let limits = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8),
              let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max core file size") }) else { return nil }
        return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).first.map(String.init)
    }

    func waitForState(_ pid: Int32, _ state: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")"),
               stat[stat.index(after: close)...].split(separator: " ").first.map(String.init) == state { return }
            usleep(20_000)
        }
        XCTFail("process \(pid) never \(what)", file: file, line: line)
    }
}
