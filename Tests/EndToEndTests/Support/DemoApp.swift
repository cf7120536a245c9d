import Foundation
import TestSupport
import XCTest

/// `infisical-tui --demo` running in its own tmux server, with private XDG dirs so a test never
/// reads or writes the user's config, themes or last view. After the app exits the pane prints
/// `EXIT=<status>` and `stty -a`, so tests can check the terminal was given back sane.
final class DemoApp {
    let tmux: TmuxSession
    let home: String

    static var binary: String { BuiltBinary.tui }

    /// `setUp` runs with the private home directory before the app starts (to write config/themes).
    /// `term`: TERM for the app (tmux itself always sets the pane's TERM to its default-terminal).
    /// `workingDirectory`: where the app starts (default: the test runner's).
    init(width: Int = 120, height: Int = 40, arguments: [String] = [], environment: [String: String] = [:],
         term: String? = nil, workingDirectory: String? = nil, setUp: ((String) throws -> Void)? = nil) throws {
        let bin = Self.binary
        guard FileManager.default.isExecutableFile(atPath: bin) else { throw TmuxError("no infisical-tui at \(bin)") }
        var template = Array((NSTemporaryDirectory() + "/e2e-home.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        home = String(cString: made)
        var env = ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state"]
        env.merge(environment) { $1 }
        try setUp?(home)
        let args = arguments.map { "'\($0)'" }.joined(separator: " ")
        let prefix = (workingDirectory.map { "cd '\($0)' && " } ?? "") + (term.map { "TERM='\($0)' " } ?? "")
        tmux = try TmuxSession(command: "\(prefix)'\(bin)' --demo \(args); echo EXIT=$?; stty -a; sleep 600",
                               width: width, height: height, paneEnvironment: env)
    }

    deinit {
        tmux.close()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Waits for the dashboard to show the demo projects.
    @discardableResult
    func waitForProjects(file: StaticString = #filePath, line: UInt = #line) -> String {
        tmux.waitFor("opticworks-store", "hardwareos", "presence-engine", "infrastructure", timeout: 60, abortOn: "EXIT=",
                     file: file, line: line)
    }

    /// The app exited: status 0, normal screen, cursor visible, mouse off, cooked mode, and nothing
    /// of the dashboard left in the scrollback.
    func assertExitedCleanly(status: String = "0", file: StaticString = #filePath, line: UInt = #line) {
        let screen = tmux.waitFor("EXIT=", "speed", timeout: 20, file: file, line: line)
        XCTAssertTrue(screen.contains("EXIT=\(status)"), "exit status; screen:\n\(screen)", file: file, line: line)
        XCTAssertEqual(tmux.display("#{alternate_on}"), "0", "alternate screen left on", file: file, line: line)
        XCTAssertEqual(tmux.display("#{cursor_flag}"), "1", "cursor still hidden", file: file, line: line)
        XCTAssertEqual(tmux.display("#{mouse_any_flag}"), "0", "mouse reporting left on", file: file, line: line)
        let tokens = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "isig", "icrnl"] {
            XCTAssertTrue(tokens.contains(mode) && !tokens.contains("-" + mode), "stty \(mode) not restored:\n\(screen)",
                          file: file, line: line)
        }
        let history = tmux.tmux(["capture-pane", "-p", "-S", "-200", "-t", "app"]).output
        XCTAssertFalse(history.contains("opticworks-store"), "dashboard text left in scrollback", file: file, line: line)
    }
}
