import Foundation

/// Request counts, for benchmarks and tests that count what a client asks (`--debug-stats`):
/// every answered request by status, and secret listings apart (200 vs 304). Read with
/// `GET /debug/stats`, which is not counted itself and exists only when the flag is given.
final class RequestStats: @unchecked Sendable {
    static let route = "/debug/stats"
    private let lock = NSLock()
    private var total = 0
    private var byStatus: [Int: Int] = [:]
    private var listsByStatus: [Int: Int] = [:]
    /// "METHOD /path status" → count (at most 500 keys: paths may carry names).
    private var byRequest: [String: Int] = [:]

    func count(method: String, path: String, status: Int) {
        let isList = path == "/api/v4/secrets" || path == "/api/v3/secrets/raw"
        lock.lock(); defer { lock.unlock() }
        total += 1
        byStatus[status, default: 0] += 1
        if isList { listsByStatus[status, default: 0] += 1 }
        let key = "\(method) \(path) \(status)"
        if byRequest[key] != nil || byRequest.count < 500 { byRequest[key, default: 0] += 1 }
    }

    /// `{"requests":N,"byStatus":{"200":…},"secretLists":{"200":…,"304":…},"byRequest":{"GET /p 200":…}}`
    func snapshot() -> JSON {
        lock.lock(); defer { lock.unlock() }
        func map(_ d: [Int: Int]) -> JSON { .object(d.sorted { $0.key < $1.key }.map { (String($0.key), .int($0.value)) }) }
        return .object([("requests", .int(total)), ("byStatus", map(byStatus)), ("secretLists", map(listsByStatus)),
                        ("byRequest", .object(byRequest.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))])
    }
}
