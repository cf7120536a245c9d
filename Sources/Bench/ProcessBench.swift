import Foundation

/// Whole client processes against one dev server holding a large folder: our `export` (wall,
/// CPU and peak RSS of the child, from wait4), and, side by side, the official Python SDK
/// (`scripts/bench_sdk.py`: login + list with values), run alternately so both see the same machine.
enum ProcessBench {
    struct Runner {
        let server: BenchServer
        let bulk: Int
        let projectId: String
        let home: String
        let out: String

        init(bulk: Int) throws {
            server = try BenchServer(bulk: bulk)
            self.bulk = bulk
            projectId = try server.projectId(slug: "opticworks-store", token: try server.token())
            home = server.dir.appendingPathComponent("home").path
            out = server.dir.appendingPathComponent("export.env").path
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        }

        /// Runs a client with stdout to a file, checks it printed `bulk` lines, returns its usage.
        func measure(_ path: String, _ args: [String], env: [String: String], what: String) throws -> ChildUsage {
            let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard fd >= 0 else { throw BenchError("cannot write \(out)") }
            let u = try Child.runMeasured(path, args, env: env, stdout: fd)
            close(fd)
            let lines = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").count
            guard u.status == 0, lines == bulk else {
                throw BenchError("\(what) exited with status \(u.status) and printed \(lines) lines (expected \(bulk))")
            }
            return u
        }

        func ours() throws -> ChildUsage {
            try measure(Child.sibling("infisical-tui", env: "INFISICAL_TUI_BIN"),
                        ["export", "--projectId", projectId, "--env", "dev", "--path", "/bulk", "--format", "dotenv"],
                        env: try server.clientEnv(home: home), what: "infisical-tui export")
        }

        func sdk(python: String) throws -> ChildUsage {
            var env = try server.clientEnv(home: home)
            env["INFISICAL_URL"] = server.ready.url
            env["INFISICAL_PROJECT_ID"] = projectId
            env["INFISICAL_ENVIRONMENT"] = "dev"
            env["INFISICAL_SECRET_PATH"] = "/bulk"
            return try measure(python, ["scripts/bench_sdk.py"], env: env, what: "the Python SDK (scripts/bench_sdk.py)")
        }
    }

    static func figures(_ prefix: String, _ runs: [ChildUsage], _ what: String) -> [Figure] {
        [Figure(name: prefix + "_wall", unit: "ms", samples: runs.map(\.wallMs), note: "\(what): wall, whole process"),
         Figure(name: prefix + "_cpu", unit: "ms", samples: runs.map(\.cpuMs), note: "\(what): CPU (user+sys) of the process"),
         Figure(name: prefix + "_rss", unit: "MB", samples: runs.map(\.peakRSSMB), note: "\(what): peak RSS of the process")]
    }

    static func export(_ report: Report, bulk: Int, runs: Int = 10) throws {
        let r = try Runner(bulk: bulk)
        _ = try r.ours()   // warm the page cache and the server
        let samples = try (0..<runs).map { _ in try r.ours() }
        report.add(figures("export_\(ServerBench.label(bulk))_process", samples, "infisical-tui export of \(bulk) secrets"))
    }

    static var python: String {
        ProcessInfo.processInfo.environment["INFISICAL_BENCH_PYTHON"] ?? FileManager.default.currentDirectoryPath + "/.venv/bin/python"
    }

    /// Ours and the SDK alternately; prints both and the ratios (SDK ÷ ours: above 1 means we are cheaper).
    static func sideBySide(_ report: Report, bulk: Int, pairs: Int = 7) throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw BenchError("no \(python): run scripts/setup-venv (or set INFISICAL_BENCH_PYTHON)")
        }
        let r = try Runner(bulk: bulk)
        _ = try r.ours(); _ = try r.sdk(python: python)
        var ours: [ChildUsage] = [], sdk: [ChildUsage] = []
        for _ in 0..<pairs {
            ours.append(try r.ours())
            sdk.append(try r.sdk(python: python))
        }
        let n = ServerBench.label(bulk)
        report.add(figures("export_\(n)_process", ours, "infisical-tui export of \(bulk) secrets"))
        report.add(figures("sdk_list_\(n)_process", sdk, "Python SDK 1.0.18 login + list of \(bulk) with values"))
        func ratio(_ name: String, _ key: KeyPath<ChildUsage, Double>, _ what: String) -> Figure {
            Figure(name: "sdk_vs_ours_\(name)", unit: "x", samples: zip(sdk, ours).map { $0[keyPath: key] / $1[keyPath: key] },
                   note: "SDK ÷ ours, \(what) (per pair; > 1: ours is cheaper)")
        }
        report.add([ratio("wall", \.wallMs, "wall"), ratio("cpu", \.cpuMs, "client CPU"), ratio("rss", \.peakRSSMB, "peak RSS")])
    }
}
