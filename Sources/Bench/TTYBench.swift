import Foundation

/// The TUI itself on a real pseudo-terminal at 200×50: bytes written for the first paint, a
/// one-row move and a page down (10k-secret folder), time from process start to the first frame
/// with data (`--demo`), and peak RSS after browsing 10k secrets and the audit log.
enum TTYBench {
    static let rows = 50, cols = 200
    static var tui: String { Child.sibling("infisical-tui", env: "INFISICAL_TUI_BIN") }

    static func terminalEnv(_ base: [String: String]) -> [String: String] {
        var env = base
        env["TERM"] = "xterm-256color"
        env["COLORTERM"] = nil
        return env
    }

    static func key(_ n: Int) -> String { "BULK_SECRET_" + String(format: "%06d", n) }

    /// First paint, one-row moves and page downs on the 10k folder, `runs` fresh processes.
    static func bytes(_ report: Report, bulk: Int, runs: Int = 3) throws {
        let server = try BenchServer(bulk: bulk)
        var first: [Double] = [], move: [Double] = [], page: [Double] = []
        for run in 0..<runs {
            let home = server.dir.appendingPathComponent("home-tty-\(run)").path
            let t = try PtyChild(tui, ["--projectId", "opticworks-store", "--env", "dev", "--path", "/bulk"],
                                 env: terminalEnv(try server.clientEnv(role: "viewer", home: home)), rows: rows, cols: cols)
            guard t.waitFor(key(1), limit: 60) != nil else { throw BenchError("the 10k folder never showed \(key(1))") }
            t.settle(quiet: 0.5)
            first.append(Double(t.transcript.count))
            for _ in 0..<5 {
                // The terminal gets only changed cells (BULK_SECRET_000001 → …2 is one digit), so
                // the move is checked by its having written something, not by a key's full text.
                let out = t.press("j")
                guard !out.isEmpty else { throw BenchError("a one-row move wrote nothing: is the secrets pane focused?") }
                move.append(Double(out.count))
            }
            for _ in 0..<5 { page.append(Double(t.press("\u{06}").count)) }   // Ctrl-F: page down
            _ = t.finish("q")
        }
        report.add(Figure(name: "tty_bytes_first_paint", unit: "bytes", samples: first,
                          note: "TUI \(cols)x\(rows), \(bulk)-secret folder: start to settled first paint"))
        report.add(Figure(name: "tty_bytes_move", unit: "bytes", samples: move, note: "one-row move (j), detail pane included"))
        report.add(Figure(name: "tty_bytes_page_down", unit: "bytes", samples: page, note: "page down (Ctrl-F)"))
    }

    /// Process start to the first frame showing a secret row on `--demo` (which starts its own server).
    static func firstFrame(_ report: Report, runs: Int = 5) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("infisical-bench-demo-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        var samples: [Double] = []
        for run in 0..<runs {
            let home = dir.appendingPathComponent("home-\(run)").path
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let env = terminalEnv(["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home,
                                   "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                                   "INFISICAL_DEV_SERVER_BIN": BenchServer.binary])
            let t = try PtyChild(tui, ["--demo"], env: env, rows: rows, cols: cols)
            guard let ms = t.waitFor("FEATURE_GIFT_CARDS", limit: 60) else { throw BenchError("--demo never showed a secret row") }
            samples.append(ms)
            t.settle(quiet: 0.3)
            _ = t.finish("q")
        }
        report.add(Figure(name: "first_frame_ms", unit: "ms", samples: samples,
                          note: "--demo: process start to the first frame with a secret row (pty)"))
    }

    /// Peak RSS of the TUI after opening the 10k folder, going to its last row, then paging the
    /// audit screen (`bulkAudit` events) to its end or for at most `auditSeconds`.
    static func rss(_ report: Report, bulk: Int, bulkAudit: Int, auditSeconds: Double = 90) throws {
        let server = try BenchServer(bulk: bulk, bulkAudit: bulkAudit, stats: true, timeout: 600)
        let home = server.dir.appendingPathComponent("home-rss").path
        let t = try PtyChild(tui, ["--projectId", "opticworks-store", "--env", "dev", "--path", "/bulk"],
                             env: terminalEnv(try server.clientEnv(role: "admin", home: home)), rows: rows, cols: cols)
        guard t.waitFor(key(1), limit: 60) != nil else { throw BenchError("the 10k folder never showed \(key(1))") }
        t.settle(quiet: 0.5)
        _ = t.press("G")                      // last row of the 10k list
        let before = try server.stats().requests
        _ = t.press("a", quiet: 1.0)          // the project's audit log
        let end = Date().addingTimeInterval(auditSeconds)
        var idle = 0
        while Date() < end, idle < 3 {
            idle = t.press("G", quiet: 0.5).isEmpty ? idle + 1 : 0   // at the end: the next page, until nothing changes
        }
        let pages = try server.stats().requests - before
        _ = t.press("q")                      // back to browsing
        // The TUI's own high-water mark while it still runs (VmHWM belongs to its address space, which
        // exec made new); wait4's ru_maxrss would also count this bench's size at spawn (vfork).
        guard let peak = Child.peakRSSMB(t.pid) else { throw BenchError("no VmHWM for the TUI (pid \(t.pid))") }
        // What the resident pages are now: the program's own data, or its code and libraries'
        // pages mapped from files (shared with every process running them).
        let anon = Child.statusMB(t.pid, "RssAnon") ?? 0, file = Child.statusMB(t.pid, "RssFile") ?? 0
        _ = t.finish("q")
        report.add(Figure(name: "rss_peak_mb", unit: "MB", samples: [peak],
                          note: "TUI peak RSS: \(bulk) secrets, then \(pages) audit requests of \(bulkAudit) events"
                            + String(format: " (at the end: %.1f MB anonymous, %.1f MB file-backed)", anon, file)))
    }
}
