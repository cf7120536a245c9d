import Foundation
import TestSupport

/// E2E view of `ChildProcess`: status plus stdout (stderr merged on request), inheriting our
/// environment by default; and the /proc walk that finds the app under a tmux pane's shell.
enum ProcessRunner {
    struct Result { var status: Int32; var output: String }

    /// `withStderr`: stderr goes into `output` too (for checking error messages).
    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                    withStderr: Bool = false) -> Result {
        do {
            let r = try ChildProcess.run(path, arguments, env: environment ?? ProcessInfo.processInfo.environment,
                                         mergeStderr: withStderr)
            return Result(status: r.status, output: r.stdout)
        } catch {
            return Result(status: -1, output: "")
        }
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
