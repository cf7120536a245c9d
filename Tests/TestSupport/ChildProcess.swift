import Foundation

/// What a finished child printed and how it ended (exit code, or 128 + signal).
public struct ChildResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to completion, capturing stdout and stderr through temp files (no pipe
/// deadlocks, and daemons that keep an fd open cannot hang us).
public enum ChildProcess {
    /// `mergeStderr`: stderr goes into `stdout` too (for checking error messages in order).
    /// `cwd`: cs_spawn has no cwd, so this goes through `/bin/sh -c 'cd … && exec "$@"'`.
    /// Killed with SIGKILL after `timeout` seconds.
    public static func run(_ path: String, _ args: [String], env: [String: String], stdin: Data? = nil,
                           cwd: String? = nil, mergeStderr: Bool = false, timeout: TimeInterval = 60) throws -> ChildResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("out").path, errPath = dir.appendingPathComponent("err").path
        let outFd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let errFd = mergeStderr ? outFd : open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var inFd: Int32 = -1
        if let stdin {
            let inPath = dir.appendingPathComponent("in").path
            FileManager.default.createFile(atPath: inPath, contents: stdin)
            inFd = open(inPath, O_RDONLY)
        }
        var launchPath = path, launchArgs = args, environment = env
        if let cwd {
            launchPath = "/bin/sh"
            launchArgs = ["-c", "cd \"$0\" && exec \"$@\"", cwd, path] + args
            environment["PWD"] = cwd
        }
        let pid = Spawn.start(launchPath, launchArgs, env: environment, stdin: inFd, stdout: outFd, stderr: errFd)
        close(outFd); if !mergeStderr { close(errFd) }; if inFd >= 0 { close(inFd) }
        guard pid > 0 else {
            throw NSError(domain: "spawn", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "spawn \(path) failed"])
        }
        let status: Int32
        if let s = Spawn.wait(pid, until: Date().addingTimeInterval(timeout)) { status = s } else {
            kill(pid, SIGKILL)
            var s: Int32 = 0
            waitpid(pid, &s, 0)
            status = s
        }
        return ChildResult(status: Spawn.exitCode(status),
                           stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                           stderr: mergeStderr ? "" : (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
