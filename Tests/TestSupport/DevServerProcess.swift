import Foundation

/// A real `infisical-dev-server` child: `--port 0 --db <dir>/db.sqlite --ready-file <dir>/ready-<uuid>.json`
/// plus `args` (later flags win, so `--db :memory:` in `args` works). Its stdout/stderr go to
/// `<dir>/server.log`. Pass `directory` to restart on the same database after `stop` or `kill9`.
public final class DevServerProcess: @unchecked Sendable {
    public let dir: URL
    public let dbPath: String
    public let readyPath: String
    public let logPath: String
    public let pid: pid_t
    public let ready: DevServerReady
    private let lock = NSLock()
    private var stopped = false

    public var url: String { ready.url }
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    public static func makeTempDir(prefix: String = "devserver-tests") throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Starts the server and waits (bounded by `readyTimeout`) for its ready file; fails early if it exits.
    public init(args: [String] = [], directory existing: URL? = nil, readyTimeout: TimeInterval = 30) throws {
        let bin = BuiltBinary.devServer
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            throw DevServerError(description: "infisical-dev-server not found at \(bin) (build with `swift build --build-tests` or set INFISICAL_DEV_SERVER_BIN)")
        }
        dir = try existing ?? Self.makeTempDir()
        dbPath = dir.appendingPathComponent("db.sqlite").path
        readyPath = dir.appendingPathComponent("ready-\(UUID().uuidString).json").path
        logPath = dir.appendingPathComponent("server.log").path
        let logFd = open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        pid = Spawn.start(bin, ["--port", "0", "--db", dbPath, "--ready-file", readyPath] + args,
                          env: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], stdout: logFd, stderr: logFd)
        close(logFd)
        guard pid > 0 else { throw DevServerError(description: "cs_spawn(\(bin)) failed") }
        let deadline = Date().addingTimeInterval(readyTimeout)
        var parsed: DevServerReady?
        var exited = false
        while Date() < deadline {
            if let d = FileManager.default.contents(atPath: readyPath), let r = try? JSONDecoder().decode(DevServerReady.self, from: d) {
                parsed = r; break
            }
            var st: Int32 = 0
            if waitpid(pid, &st, WNOHANG) == pid { exited = true; break }
            usleep(20_000)
        }
        guard let parsed else {
            if !exited { Spawn.kill9(pid) }
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw DevServerError(description: "dev server \(exited ? "exited" : "not ready within \(Int(readyTimeout)) s") (args \(args)); log:\n\(log.suffix(2000))")
        }
        ready = parsed
    }

    /// SIGTERM, then SIGKILL after 5 s (once). Keeps the directory unless `removeFiles`.
    public func stop(removeFiles: Bool = true) {
        lock.lock(); let already = stopped; stopped = true; lock.unlock()
        if !already { Spawn.terminate(pid) }
        if removeFiles { try? FileManager.default.removeItem(at: dir) }
    }

    /// `kill -9`: no chance to flush anything that was not already durable. Keeps the directory.
    public func kill9() {
        lock.lock(); stopped = true; lock.unlock()
        Spawn.kill9(pid)
    }
}
