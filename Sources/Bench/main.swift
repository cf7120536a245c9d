import Foundation

// `infisical-bench [--bulk N]`: prints the cost of a frame, a keystroke and a request. Build in
// release mode (`make bench`) for figures worth comparing.
let args = CommandLine.arguments
let bulk = args.firstIndex(of: "--bulk").flatMap { args.indices.contains($0 + 1) ? Int(args[$0 + 1]) : nil } ?? 2000

#if DEBUG
print("note: debug build — run `make bench` for release figures")
#endif
print("core (pure render/reduce):")
for m in CoreBench.run() + AuditBench.run() { print("  " + m.line) }
print("requests (dev server on loopback, \(bulk) bulk secrets):")
do {
    let (results, note) = try RequestBench.run(bulk: bulk)
    for m in results { print("  " + m.line) }
    print("  (\(note))")
} catch {
    print("  request benchmarks failed: \(error)")
    exit(1)
}
