import Foundation

// `infisical-bench`: every performance figure of the project, as JSON lines
// `{"name","unit","median","p95","n"}` while it runs, then a readable table. Build in release mode
// (`make bench`) for figures worth comparing.
//
//   --bulk N          secrets in the large folder (default 10000)
//   --bulk-audit N    audit events for rss_peak_mb (default 100000)
//   --only a,b        sections: core, client, server, export, tty, first-frame, rss, requests
//   --sdk             only the side-by-side run of our export and the official Python SDK (`make bench-sdk`)
let args = CommandLine.arguments
func intFlag(_ name: String, _ def: Int) -> Int {
    args.firstIndex(of: name).flatMap { args.indices.contains($0 + 1) ? Int(args[$0 + 1]) : nil } ?? def
}
let bulk = intFlag("--bulk", 10_000)
let bulkAudit = intFlag("--bulk-audit", 100_000)
let all = ["core", "client", "server", "export", "tty", "first-frame", "rss", "requests"]
let only = args.firstIndex(of: "--only").flatMap { args.indices.contains($0 + 1) ? args[$0 + 1].split(separator: ",").map(String.init) : nil }
let sections = args.contains("--sdk") ? ["sdk"] : (only ?? all)
if let bad = sections.first(where: { $0 != "sdk" && !all.contains($0) }) {
    FileHandle.standardError.write(Data("infisical-bench: unknown section '\(bad)' (known: \(all.joined(separator: ", ")))\n".utf8))
    exit(2)
}

#if DEBUG
FileHandle.standardError.write(Data("note: debug build — run `make bench` for release figures\n".utf8))
#endif

/// `frame render 80x24, 10k secrets` → `frame_render_80x24_10k_secrets`.
func slug(_ s: String) -> String {
    var out = ""
    for c in s.lowercased() {
        if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("_") { out.append("_") }
    }
    return out.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
}

let report = Report()
for section in sections {
    switch section {
    case "core":
        report.section(section) { report.add((CoreBench.run() + AuditBench.run()).map { $0.figure(slug($0.name)) }) }
    case "client":
        report.section(section) {
            let (results, note) = try RequestBench.run(bulk: bulk)
            report.add(results.map { m in
                var f = m.figure("client_" + slug(m.name))
                if m.name.contains("304") { f.note += " (\(note))" }
                return f
            })
        }
    case "server": report.section(section) { try ServerBench.run(report, bulk: bulk) }
    case "export": report.section(section) { try ProcessBench.export(report, bulk: bulk) }
    case "tty": report.section(section) { try TTYBench.bytes(report, bulk: bulk) }
    case "first-frame": report.section(section) { try TTYBench.firstFrame(report) }
    case "rss": report.section(section) { try TTYBench.rss(report, bulk: bulk, bulkAudit: bulkAudit) }
    case "requests": report.section(section) { try BrowseBench.run(report) }
    case "sdk": report.section(section) { try ProcessBench.sideBySide(report, bulk: bulk) }
    default: break
    }
}
report.printTable()
exit(report.failures.isEmpty ? 0 : 1)
