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

    /// A live process's peak RSS (VmHWM in /proc/PID/status), in MB.
    static func peakRSSMB(_ pid: pid_t) -> Double? { statusMB(pid, "VmHWM") }

    /// A `/proc/PID/status` memory line in MB (`VmHWM`, `RssAnon`, `RssFile`…).
    static func statusMB(_ pid: pid_t, _ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    /// Runs `path args` to the end through scripts/rusage-run, a small process that forks it and
    /// reports its rusage: this bench spawns with posix_spawn (vfork), and Linux then counts the
    /// bench's own peak RSS into the child's ru_maxrss. The floor is that script's ~10 MB.
    static func runMeasured(_ path: String, _ args: [String], env: [String: String], stdout: Int32 = -1) throws -> ChildUsage {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("rusage-\(getpid())-\(UUID().uuidString)").path
        defer { unlink(report) }
        let script = FileManager.default.currentDirectoryPath + "/scripts/rusage-run"
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
        let pid = try spawn(python, [script, report, path] + args, env: env, stdout: stdout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard let text = try? String(contentsOfFile: report, encoding: .utf8) else {
            throw BenchError("scripts/rusage-run wrote no figures for \(path) (run the bench from the repository root)")
        }
        let f = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard f.count == 4 else { throw BenchError("scripts/rusage-run: unreadable figures '\(text)'") }
        return ChildUsage(wallMs: f[0], cpuMs: f[1], peakRSSMB: f[2] / 1024, status: Int32(f[3]))
    }

    /// A sibling binary of this one (`.build-release/release/infisical-tui` beside the bench), or `env` override.
    static func sibling(_ name: String, env variable: String) -> String {
        if let p = ProcessInfo.processInfo.environment[variable], !p.isEmpty { return p }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
