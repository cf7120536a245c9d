import Foundation

/// `requests`: a scripted browse of 3 environments × 5 folders in the real TUI (pty), then the
/// same 15 views again, counted by the dev server (`--debug-stats`). Each folder opened must
/// cost the server one listing; a revisit must be answered 304.
enum BrowseBench {
    static let folders = ["database", "easypost", "internal", "redis", "shared"]   // the seed's first five, by name

    struct Pass { var requests = 0; var lists200 = 0; var lists304 = 0 }

    static func run(_ report: Report) throws {
        let server = try BenchServer(stats: true)
        let home = server.dir.appendingPathComponent("home-browse").path
        let t = try PtyChild(TTYBench.tui, [], env: TTYBench.terminalEnv(try server.clientEnv(role: "viewer", home: home)),
                             rows: TTYBench.rows, cols: TTYBench.cols)
        guard t.waitFor("stripe/", limit: 60) != nil else { throw BenchError("the dashboard never showed the folders") }
        t.settle(quiet: 0.5)
        _ = t.press("\r")                                 // open the highlighted project; focus goes to its folders
        func waitForList(after lists: Int) throws {
            let end = Date().addingTimeInterval(20)
            while Date() < end {
                let s = try server.stats()
                if s.lists200 + s.lists304 > lists { t.settle(quiet: 0.3); return }
                t.settle(quiet: 0.05, limit: 0.1)
            }
            throw BenchError("a folder was opened but no listing reached the server")
        }
        func pass() throws -> Pass {
            let start = try server.stats()
            for env in 1...3 {
                var s = try server.stats()
                _ = t.press(String(env))
                if env > 1 || start.lists200 + start.lists304 == 0 { try? waitForList(after: s.lists200 + s.lists304) }
                for i in folders.indices {
                    s = try server.stats()
                    _ = t.press("g" + String(repeating: "j", count: i), quiet: 0.2)
                    t.send("\r")
                    try waitForList(after: s.lists200 + s.lists304)
                    _ = t.press("h")                      // back up to /
                }
            }
            let end = try server.stats()
            return Pass(requests: end.requests - start.requests, lists200: end.lists200 - start.lists200,
                        lists304: end.lists304 - start.lists304)
        }
        let firstPass = try pass()
        let revisit = try pass()
        _ = t.finish("q")
        report.add(Figure(name: "requests_browse", unit: "requests", samples: [Double(firstPass.requests)],
                          note: "first browse of 3 envs x 5 folders: all requests (\(firstPass.lists200) listings 200)"))
        report.add(Figure(name: "requests_revisit", unit: "requests", samples: [Double(revisit.requests)],
                          note: "the same 15 views again: all requests (\(revisit.lists304) listings 304, \(revisit.lists200) 200)"))
    }
}
