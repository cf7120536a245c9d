import CSupport
import Foundation
import InfisicalModels

/// A child process started with `cs_spawn` (empty signal mask, default dispositions), so it
/// behaves the same whether we were started from a shell or from a test runner.
final class ChildProcess {
    let pid: pid_t
    private(set) var exitStatus: Int32?

    /// Starts `path` with `arguments`; stdout/stderr go to `outputFD` (-1 = /dev/null), stdin is
    /// /dev/null. The environment is ours unless given.
    init(path: String, arguments: [String], environment: [String: String]? = nil, outputFD: Int32 = -1) throws {
        let argv = [path] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let pid = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in cs_spawn(path, cArgv, cEnv, -1, outputFD, outputFD) }
        }
        guard pid > 0 else {
            throw InfisicalError(.config, "could not start \(path)", hint: "check that it exists and is executable")
        }
        self.pid = pid
    }

    /// Non-blocking: true while the child has not exited (reaps it when it has).
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { exitStatus = status; return false }
        return r == 0
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; always reaps the child.
    func terminate(grace: TimeInterval = 3) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if !isRunning { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        exitStatus = status
    }
}

/// NULL-terminated C string arrays that live for the duration of `body`.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// The directory of the running executable (`/proc/self/exe` resolved), for finding siblings.
func executableDirectory() -> String {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments.first ?? "."
    return (URL(fileURLWithPath: exe).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
}
