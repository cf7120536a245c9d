import Foundation
import XCTest

/// One private tmux server (`-L` socket) running one command in a pane of a fixed size, driven
/// like a user would: send keys, read the screen back as text, poll until it shows what we expect.
final class TmuxSession {
    let socket: String
    let environment: [String: String]
    private static let counter = Counter()

    /// Starts `command` (run by `sh -c`) in a detached session of `width`×`height`.
    init(command: String, width: Int = 120, height: Int = 40, paneEnvironment: [String: String] = [:]) throws {
        socket = "e2e-\(getpid())-\(Self.counter.next())"
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        // The test runner may run with NO_COLOR set; panes get exactly what a test asks for.
        env.removeValue(forKey: "NO_COLOR")
        environment = env
        var args = ["-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)",
                    "-e", "LANG=C.UTF-8"]
        for (k, v) in paneEnvironment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        let r = tmux(args)
        guard r.status == 0 else { throw TmuxError("tmux new-session failed (\(r.status)): \(r.output)") }
        _ = tmux(["set-option", "-g", "remain-on-exit", "on"])
    }

    deinit { close() }

    @discardableResult
    func tmux(_ args: [String]) -> ProcessRunner.Result {
        ProcessRunner.run("tmux", ["-L", socket] + args, environment: environment)
    }

    /// Kills the server and everything in it.
    func close() {
        _ = tmux(["kill-server"])
        // tmux leaves the socket file behind; remove ours so runs do not pile them up.
        let dir = (environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/tmux-\(getuid())"
        unlink(dir + "/" + socket)
    }

    /// tmux key names (`Down`, `Enter`, `q`, `C-c`, `BTab`…), one argument each.
    func send(_ keys: String...) { tmux(["send-keys", "-t", "app"] + keys) }

    /// Literal text (no key-name lookup).
    func type(_ text: String) { tmux(["send-keys", "-t", "app", "-l", text]) }

    /// The visible screen as text, one line per row.
    func capture() -> String { tmux(["capture-pane", "-p", "-t", "app"]).output }

    /// The visible screen with SGR colour codes (`capture-pane -e`).
    func captureWithStyles() -> String { tmux(["capture-pane", "-e", "-p", "-t", "app"]).output }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func display(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", "app", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "app", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's shell process and the first child (our app).
    var panePID: Int32? { Int32(display("#{pane_pid}")) }
    var appPID: Int32? { panePID.flatMap { ProcessRunner.children(of: $0).first } }

    /// Polls the screen until `predicate` holds (bounded); returns the last screen. Fails the test
    /// with that screen when time runs out.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 20, abortOn: String? = nil,
                   file: StaticString = #filePath, line: UInt = #line, _ predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() >= deadline || abortOn.map({ screen.contains($0) }) == true {
                XCTFail("timed out waiting for \(what); screen was:\n\(screen)", file: file, line: line)
                return screen
            }
            usleep(30_000)
            screen = capture()
        }
        return screen
    }

    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 20, abortOn: String? = nil,
                 file: StaticString = #filePath, line: UInt = #line) -> String {
        waitUntil(texts.map { "'\($0)'" }.joined(separator: ", "), timeout: timeout, abortOn: abortOn, file: file, line: line) { s in
            texts.allSatisfy { s.contains($0) }
        }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A thread-safe counter for unique socket names (tests may run in parallel).
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
