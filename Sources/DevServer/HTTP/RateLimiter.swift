import Foundation
import Synchronization

/// `@fastify/rate-limit`-style fixed 60 s window per client IP. `limit` 0 disables it.
final class RateLimiter: Sendable {
    let limit: Int
    let window: Int64 = 60_000
    private let state = Mutex<[String: (start: Int64, count: Int)]>([:])

    init(limit: Int) { self.limit = limit }

    struct Decision { var allowed: Bool; var remaining: Int; var resetSeconds: Int }

    func check(client: String, now: Int64 = Clock.nowMs()) -> Decision? {
        guard limit > 0 else { return nil }
        return state.withLock { table in
            var entry = table[client] ?? (now, 0)
            if now - entry.start >= window { entry = (now, 0) }
            entry.count += 1
            table[client] = entry
            let reset = Int((entry.start + window - now + 999) / 1000)
            return Decision(allowed: entry.count <= limit, remaining: max(0, limit - entry.count), resetSeconds: max(1, reset))
        }
    }
}

/// Strong ETags over the response bytes (FNV-1a 64, like @fastify/etag's default), `If-None-Match` matching.
enum ETag {
    static func of(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return "\"" + String(h, radix: 16) + "-" + String(bytes.count, radix: 16) + "\""
    }

    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        let bare = etag
        return header.split(separator: ",").contains { raw in
            var t = raw.trimmingCharacters(in: .whitespaces)
            if t == "*" { return true }
            if t.hasPrefix("W/") { t.removeFirst(2) }
            return t == bare
        }
    }
}
