import CSupport
import Foundation

/// Runs a child with cs_spawn (empty signal mask; test threads block signals), capturing stdout
/// and stderr through temp files (no pipe deadlocks). Secrets go in `env`, never argv.
struct ProcessResult { var status: Int32; var stdout: String; var stderr: String }

enum ProcessRunner {
    static func run(_ path: String, _ args: [String], env: [String: String], stdin: Data? = nil,
                    cwd: String? = nil, timeout: TimeInterval = 60) throws -> ProcessResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("out").path, errPath = dir.appendingPathComponent("err").path
        let outFd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600), errFd = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var inFd: Int32 = -1
        if let stdin {
            let inPath = dir.appendingPathComponent("in").path
            FileManager.default.createFile(atPath: inPath, contents: stdin)
            inFd = open(inPath, O_RDONLY)
        }
        var fullArgs = [path] + args
        var environment = env
        var launchPath = path
        if let cwd {  // cs_spawn has no cwd: go through /bin/sh -c 'cd … && exec "$@"'
            launchPath = "/bin/sh"
            fullArgs = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", cwd, path] + args
            environment["PWD"] = cwd
        }
        let argv = fullArgs.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        let pid = cs_spawn(launchPath, argv, envp, inFd, outFd, errFd)
        close(outFd); close(errFd); if inFd >= 0 { close(inFd) }
        guard pid > 0 else { throw NSError(domain: "spawn", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "spawn \(path) failed"]) }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
            usleep(5000)
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: code,
                             stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Directory holding the built products (next to the .xctest bundle).
    static var productsDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe)
        while url.path != "/" && !url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        if url.path == "/" { return URL(fileURLWithPath: exe).deletingLastPathComponent().path }
        return url.deletingLastPathComponent().path
    }

    static func binary(_ name: String, envOverride: String) -> String {
        if let p = ProcessInfo.processInfo.environment[envOverride], !p.isEmpty { return p }
        return productsDirectory + "/" + name
    }
}
