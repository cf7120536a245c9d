import TestSupport
import Foundation
import XCTest
@testable import InfisicalClient

/// The dev server's real limiter: a Retry-After within bounds is waited out (and cancellable);
/// one beyond the bound fails fast with an actionable message.
final class RateLimitCLITests: XCTestCase {
    func testLongRetryAfterFailsFastWithMessage() throws {
        let server = try DevServerFixture(extraArgs: ["--rate-limit", "3"]); defer { server.stop() }
        let cli = try CLI(server: server, role: "viewer"); defer { cli.cleanup() }
        var last: ChildResult?
        let t0 = Date()
        for _ in 0..<4 { last = try cli.run(["projects"]); if last?.status != 0 { break } }
        let r = try XCTUnwrap(last)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: \(server.url) is rate limiting requests (retry after "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("hint: wait a moment and try again\n"), r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(t0), 10, "did not sit out a 60 s Retry-After")

        // In-process with a generous bound, the wait happens and can be cancelled.
        let i = server.identity("admin")
        var c = ClientConfiguration(domain: URL(string: server.url)!, credentials: .universalAuth(clientId: i.clientId, clientSecret: i.clientSecret))
        c.maxRetryAfter = 120
        let api = try InfisicalAPI(configuration: c)
        let cancel = Cancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancel.cancel() }
        let t1 = Date()
        XCTAssertThrowsError(try api.listProjects(cancel: cancel)) { XCTAssertEqual(($0 as? InfisicalError)?.kind, .cancelled) }
        XCTAssertLessThan(Date().timeIntervalSince(t1), 3)
    }
}

import InfisicalModels
