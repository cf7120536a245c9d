import CSupport
import Foundation
import InfisicalModels

/// `--demo`: the bundled `infisical-dev-server` on a free loopback port with a throw-away database
/// in a private temp directory. Credentials travel through the ready file (mode 0600 in a 0700
/// directory), never through argv. `stop()` kills the server and deletes the directory.
final class DemoServer {
    struct Identity: Decodable { var name: String; var role: String; var clientId: String; var clientSecret: String }
    struct Ready: Decodable { var url: String; var identities: [Identity] }

    let directory: String
    let process: ChildProcess
    let ready: Ready
    private var stopped = false

    /// The server binary: `INFISICAL_DEV_SERVER_BIN`, else next to our executable, else on PATH.
    static func locateBinary(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let p = environment["INFISICAL_DEV_SERVER_BIN"], !p.isEmpty { return fm.isExecutableFile(atPath: p) ? p : nil }
        let sibling = executableDirectory() + "/infisical-dev-server"
        if fm.isExecutableFile(atPath: sibling) { return sibling }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/infisical-dev-server"
            if fm.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Starts the server and waits (bounded) until it has written its ready file.
    static func start(timeout: TimeInterval = 60) throws -> DemoServer {
        guard let binary = locateBinary() else {
            throw InfisicalError(.config, "infisical-dev-server not found next to infisical-tui",
                                 hint: "build it (`swift build`) or set INFISICAL_DEV_SERVER_BIN")
        }
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("infisical-tui-demo.XXXXXX")
        var template = Array(base.utf8CString)
        guard let made = mkdtemp(&template) else {   // mkdtemp creates it 0700
            throw InfisicalError(.config, "could not create a temporary directory for the demo", hint: "check TMPDIR")
        }
        let dir = String(cString: made)
        try? String(getpid()).write(toFile: dir + "/owner.pid", atomically: true, encoding: .utf8)
        sweepAbandonedDirectories(except: dir)
        let logFD = open(dir + "/server.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { if logFD >= 0 { close(logFD) } }
        let process: ChildProcess
        do {
            process = try ChildProcess(path: binary, arguments: [
                "--port", "0", "--db", dir + "/demo.sqlite", "--ready-file", dir + "/ready.json",
                // If we die without stopping it (crash, SIGKILL), the server notices and exits.
                "--parent-pid", String(getpid()),
            ], outputFD: logFD)
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let data = FileManager.default.contents(atPath: dir + "/ready.json"),
               let ready = try? JSONDecoder().decode(Ready.self, from: data) {
                return DemoServer(directory: dir, process: process, ready: ready)
            }
            // INT/TERM/HUP while we wait (the caller installed the signal pipe): clean up, leave.
            let signal = cs_take_pending_signal()
            if [SIGINT, SIGTERM, SIGHUP, SIGQUIT].contains(signal) {
                process.terminate()
                try? FileManager.default.removeItem(atPath: dir)
                throw InfisicalError(.cancelled, "interrupted while starting the demo server")
            }
            if !process.isRunning || Date() >= deadline {
                let log = lastLines(of: dir + "/server.log", count: 3)
                let reason = process.isRunning ? "did not become ready within \(Int(timeout)) s" : "exited early"
                process.terminate()
                try? FileManager.default.removeItem(atPath: dir)
                throw InfisicalError(.config, "the demo server \(reason)" + (log.isEmpty ? "" : ": \(log)"),
                                     hint: "run `\(binary) --port 0` by hand to see why")
            }
            // A failed open costs microseconds; a coarse poll was up to 25 ms of the first frame.
            usleep(2_000)
        }
    }

    private init(directory: String, process: ChildProcess, ready: Ready) {
        self.directory = directory; self.process = process; self.ready = ready
    }

    deinit { stop() }

    /// The demo identity for a role (`viewer`, `developer`, `admin`, `owner`).
    func identity(role: String) throws -> Identity {
        guard let id = ready.identities.first(where: { $0.role == role }) else {
            throw InfisicalError(.usage, "the demo server has no \(role) identity",
                                 hint: "use --demo-role viewer, developer or admin")
        }
        return id
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        process.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func lastLines(of path: String, count: Int) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(count).joined(separator: " / ")
    }

    /// A demo killed with SIGKILL cannot delete its directory (its server stops by itself via
    /// --parent-pid). The next demo removes such leftovers: ours, named like ours, owner gone.
    static func sweepAbandonedDirectories(except keep: String) {
        let fm = FileManager.default
        let tmp = NSTemporaryDirectory()
        guard let names = try? fm.contentsOfDirectory(atPath: tmp) else { return }
        for name in names where name.hasPrefix("infisical-tui-demo.") {
            let dir = (tmp as NSString).appendingPathComponent(name)
            guard dir != keep, let attrs = try? fm.attributesOfItem(atPath: dir),
                  (attrs[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
                  let text = try? String(contentsOfFile: dir + "/owner.pid", encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(atPath: dir)
        }
    }
}
