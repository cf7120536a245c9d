import CSupport
import Foundation

/// Runs a program to completion with `cs_spawn` (never Foundation `Process`: its child-exit socket
/// leaks into the tmux server and `waitUntilExit` hangs) and returns its status and stdout.
enum ProcessRunner {
    struct Result { var status: Int32; var output: String }

    /// `withStderr`: stderr goes into `output` too (for checking error messages).
    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                    withStderr: Bool = false) -> Result {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return Result(status: -1, output: "") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)   // dup2 into the child clears it there
        let argv = [path] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let pid = withCStrings(argv) { a in withCStrings(env) { e in cs_spawn(path, a, e, -1, fds[1], withStderr ? fds[1] : -1) } }
        close(fds[1])
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 { data.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fds[0])
        guard pid > 0 else { return Result(status: -1, output: "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, output: String(decoding: data, as: UTF8.self))
    }

    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// `.build/<triple>/debug`: the directory of the running test bundle.
    static var buildDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent
    }

    /// A built binary: `envVar` override, else next to the test bundle.
    static func binary(_ name: String, envVar: String) -> String {
        if let p = ProcessInfo.processInfo.environment[envVar], !p.isEmpty { return p }
        return buildDirectory + "/" + name
    }

    /// Children of `pid` (from /proc), to find the app under the pane's shell.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { e -> Int32? in
            guard let p = Int32(e), let stat = try? String(contentsOfFile: "/proc/\(p)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid ? p : nil
        }
    }
}
