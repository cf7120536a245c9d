import CSupport
import Foundation

/// What a finished child cost, from wait4's rusage (its own CPU and peak RSS, not ours).
struct ChildUsage {
    var wallMs: Double
    var cpuMs: Double
    var peakRSSMB: Double
    var status: Int32
}

/// Children for the process benchmarks: spawned with an explicit environment (credentials travel
/// there, never in argv), reaped with wait4 for their rusage.
enum Child {
    /// NULL-terminated C string arrays for the lifetime of `body`.
    static func withCStrings<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        let ptrs = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (i, s) in strings.enumerated() { ptrs[i] = strdup(s) }
        ptrs[strings.count] = nil
        defer {
            for i in 0..<strings.count { free(ptrs[i]) }
            ptrs.deallocate()
        }
        return body(ptrs)
    }

    static func envList(_ env: [String: String]) -> [String] { env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }

    static func spawn(_ path: String, _ args: [String], env: [String: String], stdout: Int32 = -1, stderr: Int32 = -1) throws -> pid_t {
        let pid = withCStrings([path] + args) { argv in
            withCStrings(envList(env)) { envp in cs_spawn(path, argv, envp, -1, stdout, stderr) }
        }
        guard pid > 0 else { throw BenchError("could not start \(path)") }
        return pid
    }

    /// Reaps `pid` (blocking) and returns its usage; `started` is when it was spawned.
    static func reap(_ pid: pid_t, started: UInt64) -> ChildUsage {
        var status: Int32 = 0
        var ru = rusage()
        while wait4(pid, &status, 0, &ru) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ChildUsage(wallMs: wall, cpuMs: ms(ru.ru_utime) + ms(ru.ru_stime), peakRSSMB: Double(ru.ru_maxrss) / 1024,
                          status: status)
    }

    /// Runs `path args` to the end; stdout to `stdout` (or /dev/null).
    static func run(_ path: String, _ args: [String], env: [String: String], stdout: Int32 = -1) throws -> ChildUsage {
        let started = DispatchTime.now().uptimeNanoseconds
        let pid = try spawn(path, args, env: env, stdout: stdout)
        return reap(pid, started: started)
    }

    /// A sibling binary of this one (`.build-release/release/infisical-tui` beside the bench), or `env` override.
    static func sibling(_ name: String, env variable: String) -> String {
        if let p = ProcessInfo.processInfo.environment[variable], !p.isEmpty { return p }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
