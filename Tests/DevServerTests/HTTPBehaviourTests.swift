import Foundation
import XCTest

/// §1/§3 cross-cutting HTTP behaviour: ETag + 304, trailing slashes, unknown routes, error shapes.
final class HTTPBehaviourTests: DevServerTestCase {
    func testSecretListCarriesETagAndRevalidatesWith304() throws {
        let q = try secretQuery("dev", "/easypost", [("viewSecretValue", "false")])
        let first = try call("GET", "/api/v4/secrets", query: q)
        guard assertStatus(first, 200), let etag = first.header("etag") else { return XCTFail("no ETag on the list: \(first.headers)") }
        let again = try call("GET", "/api/v4/secrets", query: q)
        XCTAssertEqual(again.header("etag"), etag, "same content, same ETag")
        let revalidated = try call("GET", "/api/v4/secrets", query: q, headers: ["If-None-Match": etag])
        XCTAssertEqual(revalidated.status, 304, "\(revalidated)")
        XCTAssertTrue(revalidated.body.isEmpty, "304 has no body")
        // A change in the folder changes the ETag: the old one no longer matches.
        assertStatus(try createSecret(unique("ETAG_BUMP"), "x", path: "/easypost"), 200)
        let changed = try call("GET", "/api/v4/secrets", query: q, headers: ["If-None-Match": etag])
        XCTAssertEqual(changed.status, 200, "stale ETag must get a fresh 200")
        XCTAssertNotNil(changed.header("etag"))
        XCTAssertNotEqual(changed.header("etag"), etag)
        XCTAssertNotNil(changed.json?["secrets"]?.array)
    }

    func testOtherListsHaveETagsToo() throws {
        for (path, query) in [("/api/v1/projects", [(String, String)]()),
                              ("/api/v2/folders", [("projectId", try projectId()), ("environment", "dev"), ("path", "/")])] {
            let r = try call("GET", path, query: query)
            guard assertStatus(r, 200, path), let etag = r.header("etag") else { XCTFail("no ETag on \(path)"); continue }
            XCTAssertEqual(try call("GET", path, query: query, headers: ["If-None-Match": etag]).status, 304, path)
        }
    }

    func testTrailingSlashesAreAccepted() throws {
        assertStatus(try call("GET", "/api/v1/projects/"), 200)
        assertStatus(try call("GET", "/api/v1/projects/slug/hardwareos/"), 200)
        assertStatus(try call("GET", "/api/v4/secrets/", query: try secretQuery("dev", "/stripe")), 200)
        assertStatus(try call("GET", "/api/v4/secrets/STRIPE_SECRET_KEY/", query: try secretQuery("dev", "/stripe")), 200)
        assertStatus(try call("GET", "/api/v2/folders/", query: [("projectId", try projectId()), ("environment", "dev"), ("path", "/")]), 200)
        assertStatus(try server.http.send("GET", "/api/status/"), 200)
        // secretPath with a trailing slash is the same folder.
        let r = try listSecrets(path: "/stripe/")
        XCTAssertTrue((r.json?["secrets"]?.array ?? []).contains { $0["secretKey"]?.string == "STRIPE_SECRET_KEY" }, "\(r)")
    }

    func testUnknownRouteIs404Json() throws {
        let r = try call("GET", "/api/v9/nothing-here")
        XCTAssertEqual(r.status, 404)
        XCTAssertEqual(r.json?["statusCode"]?.int, 404, "\(r)")
        XCTAssertNotNil(r.json?["message"]?.string)
    }

    func testErrorsAreJSONWithContentType() throws {
        let r = try server.http.send("GET", "/api/v1/projects")
        XCTAssertEqual(r.status, 401)
        XCTAssertTrue(r.header("content-type")?.hasPrefix("application/json") == true, "\(r.headers)")
        let ok = try call("GET", "/api/v1/projects")
        XCTAssertTrue(ok.header("content-type")?.hasPrefix("application/json") == true, "\(ok.headers)")
    }

    func testMalformedJSONBodyIsA4xxNotA500() throws {
        let r = try server.http.send("POST", "/api/v1/auth/universal-auth/login", rawBody: Data("{not json".utf8))
        XCTAssertTrue((400..<500).contains(r.status), "\(r)")
        XCTAssertNotNil(r.json?["statusCode"]?.int, "error body shape: \(r)")
    }

    func testUnauthenticatedWriteIs401AndWritesNothing() throws {
        let name = unique("NOAUTH")
        let r = try server.http.send("POST", "/api/v4/secrets/\(name)",
                                     json: ["projectId": try projectId(), "environment": "dev", "secretPath": "/", "secretValue": "x"])
        assertError(r, 401, message: "Token missing")
        assertError(try getSecret(name), 404)
    }
}

/// `--rate-limit N`: requests beyond N per minute per client get 429 + Retry-After.
final class RateLimitTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--rate-limit", "5"] }

    func testExceedingTheLimitGives429WithRetryAfter() throws {
        // The login is request 1; the limit is per client, whatever the route.
        let token = try server.token("admin")
        var statuses: [Int] = [200]
        var remaining: [Int] = []
        var limited: HTTPResponse?
        for _ in 0..<12 {
            let r = try server.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(token)"])
            statuses.append(r.status)
            XCTAssertEqual(r.header("x-ratelimit-limit"), "5", "x-ratelimit-limit on every response")
            if let rem = r.header("x-ratelimit-remaining").flatMap({ Int($0) }) { remaining.append(rem) }
            if r.status == 429 { limited = r; break }
        }
        XCTAssertEqual(remaining.prefix(4), [3, 2, 1, 0], "x-ratelimit-remaining counts down after the login")
        XCTAssertEqual(statuses.dropFirst().first, 200, "\(statuses)")
        let r = try XCTUnwrap(limited, "no 429 after 13 requests with --rate-limit 5: \(statuses)")
        XCTAssertEqual(statuses.count, 6, "the 6th request in the minute is the first refused: \(statuses)")
        assertError(r, 429, error: "RateLimitExceeded", message: "Rate limit exceeded")
        let retry = try XCTUnwrap(r.header("retry-after").flatMap { Int($0) }, "retry-after seconds: \(r.headers)")
        XCTAssertTrue((1...60).contains(retry), "retry-after \(retry)")
        XCTAssertTrue(r.json?["message"]?.string?.contains("Please try again in \(retry) seconds") == true, "\(r)")
    }
}

/// The default is no rate limit at all.
final class NoRateLimitTests: DevServerTestCase {
    func testManyRequestsWithoutALimitNever429() throws {
        for i in 0..<80 {
            let r = try call("GET", "/api/v1/projects")
            if r.status != 200 { return XCTFail("request \(i): \(r)") }
        }
    }
}
