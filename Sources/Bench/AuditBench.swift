import Foundation
import InfisicalModels
import TUICore

/// Costs of the audit screen: appending a page of events to a long listing (the reducer sanitizes
/// and formats rows once, on arrival) and a frame over 10,000 loaded events.
enum AuditBench {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ i: Int) -> AuditLogEntry {
        let meta: JSONValue = .object(["environment": .string(i % 3 == 0 ? "prod" : "dev"), "secretPath": .string("/stripe"),
                                       "secretKey": .string("SERVICE_\(i % 500)_API_KEY")])
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return AuditLogEntry(id: "e\(i)", ipAddress: "203.0.113.7", userAgent: "cli", userAgentType: "cli",
                             createdAt: f.string(from: t0.addingTimeInterval(-Double(i) * 8)), projectId: "p0",
                             projectName: "project-0", event: .init(type: i % 4 == 0 ? "update-secret" : "get-secret", metadata: meta),
                             actor: .init(type: "identity", metadata: .object(["identityId": .string("id\(i % 7)"), "name": .string("identity-\(i % 7)")])))
    }

    /// The audit screen with `pages` pages of 100 events loaded, and the effects asking for the next.
    static func opened(pages: Int, width: Int, height: Int) -> (AppState, [[AuditLogEntry]], [Effect]) {
        var s = CoreBench.state(rows: 10, width: width, height: height)
        var effects: [Effect]
        (s, effects) = reduce(s, .input(.key(.char("a"))))
        let all = (0..<pages).map { p in (0..<100).map { entry(p * 100 + $0) } }
        for p in 0..<pages {
            guard let id = pageRequest(effects) else { break }
            (s, effects) = reduce(s, .answered(id, .audit(.page(.success(all[p])))))
            if pageRequest(effects) == nil {
                (s, effects) = reduce(s, .input(.key(.end)))
            }
        }
        return (s, all, effects)
    }

    /// The id of the page request among `effects`, if any.
    static func pageRequest(_ effects: [Effect]) -> RequestID? {
        effects.compactMap { e -> RequestID? in
            if case .request(let id, .audit(.loadPage)) = e { return id }; return nil
        }.first
    }

    static func run() -> [Measurement] {
        var results: [Measurement] = []
        let theme = Theme.builtinDefault
        let (s, _, _) = opened(pages: 100, width: 160, height: 48)
        results.append(Measurement.run("audit frame 160x48, \(s.audit.rows.count) events loaded", iterations: 300) {
            _ = render(s, width: 160, height: 48, theme: theme)
        })
        var k = s
        results.append(Measurement.run("audit keystroke Up (reduce + render 160x48)", iterations: 300) {
            let (next, _) = reduce(k, .input(.key(.up)))
            k = next
            _ = render(k, width: 160, height: 48, theme: theme)
        })
        let (base, pages, pendingNext) = opened(pages: 99, width: 160, height: 48)
        let tail = pages.count
        results.append(Measurement.run("audit page of 100 appended to 9,900 events", iterations: 30) {
            var (st, eff) = reduce(base, .input(.key(.end)))
            if base.requests.isInFlight(.auditPage) { eff = pendingNext }
            if let id = pageRequest(eff) {
                (st, eff) = reduce(st, .answered(id, .audit(.page(.success((0..<100).map { entry(tail * 100 + $0) })))))
            }
            _ = st
        })
        return results
    }
}
