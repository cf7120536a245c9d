import Foundation
import XCTest

/// Base class: one dev server per test class (started in `class setUp`, killed in `class tearDown`).
/// Tests in a class share it, so every test uses its own unique secret/folder names.
class DevServerTestCase: XCTestCase {
    /// Extra flags for this class's server.
    class var serverArguments: [String] { [] }

    nonisolated(unsafe) private static var servers: [ObjectIdentifier: Result<ServerProcess, Error>] = [:]
    private static let serversLock = NSLock()

    override class func setUp() {
        super.setUp()
        let result = Result { try ServerProcess(args: serverArguments) }
        serversLock.lock(); servers[ObjectIdentifier(self)] = result; serversLock.unlock()
    }

    override class func tearDown() {
        serversLock.lock(); let r = servers.removeValue(forKey: ObjectIdentifier(self)); serversLock.unlock()
        if case .success(let s)? = r { s.stop() }
        super.tearDown()
    }

    private(set) var server: ServerProcess!

    override func setUpWithError() throws {
        try super.setUpWithError()
        Self.serversLock.lock(); let r = Self.servers[ObjectIdentifier(type(of: self))]; Self.serversLock.unlock()
        guard let r else { throw HTTPError(description: "no server for \(type(of: self))") }
        server = try r.get()
    }

    // MARK: requests

    /// An HTTP call, authenticated as `role` (nil = no Authorization header).
    func call(_ method: String, _ path: String, as role: String? = "admin", query: [(String, String)] = [],
              json: [String: Any]? = nil, headers: [String: String] = [:],
              userAgent: String? = HTTPClient.defaultUserAgent) throws -> HTTPResponse {
        var h = headers
        if let role { h["Authorization"] = "Bearer \(try server.token(role))" }
        return try server.http.send(method, path, query: query, headers: h, json: json, userAgent: userAgent)
    }

    func projectId(_ slug: String = "opticworks-store") throws -> String { try server.projectId(slug) }

    /// A fresh upper-snake-case name unique within this server.
    func unique(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).uppercased().replacingOccurrences(of: "-", with: ""))"
    }

    func secretQuery(_ env: String, _ path: String = "/", project: String? = nil,
                     _ extra: [(String, String)] = []) throws -> [(String, String)] {
        [("projectId", try project ?? projectId()), ("environment", env), ("secretPath", path)] + extra
    }

    @discardableResult
    func createSecret(_ name: String, _ value: String, env: String = "dev", path: String = "/", comment: String? = nil,
                      as role: String = "admin", project: String? = nil, userAgent: String? = HTTPClient.defaultUserAgent) throws -> HTTPResponse {
        var body: [String: Any] = ["projectId": try project ?? projectId(), "environment": env, "secretPath": path, "secretValue": value]
        if let comment { body["secretComment"] = comment }
        return try call("POST", "/api/v4/secrets/\(name)", as: role, json: body, userAgent: userAgent)
    }

    @discardableResult
    func updateSecret(_ name: String, env: String = "dev", path: String = "/", fields: [String: Any],
                      as role: String = "admin", project: String? = nil) throws -> HTTPResponse {
        var body: [String: Any] = ["projectId": try project ?? projectId(), "environment": env, "secretPath": path]
        body.merge(fields) { $1 }
        return try call("PATCH", "/api/v4/secrets/\(name)", as: role, json: body)
    }

    @discardableResult
    func deleteSecret(_ name: String, env: String = "dev", path: String = "/", as role: String = "admin",
                      project: String? = nil) throws -> HTTPResponse {
        try call("DELETE", "/api/v4/secrets/\(name)", as: role,
                 json: ["projectId": try project ?? projectId(), "environment": env, "secretPath": path])
    }

    func getSecret(_ name: String, env: String = "dev", path: String = "/", as role: String = "admin", project: String? = nil,
                   _ extra: [(String, String)] = [], userAgent: String? = HTTPClient.defaultUserAgent) throws -> HTTPResponse {
        try call("GET", "/api/v4/secrets/\(name)", as: role, query: try secretQuery(env, path, project: project, extra), userAgent: userAgent)
    }

    func listSecrets(env: String = "dev", path: String = "/", as role: String = "admin", project: String? = nil,
                     _ extra: [(String, String)] = []) throws -> HTTPResponse {
        try call("GET", "/api/v4/secrets", as: role, query: try secretQuery(env, path, project: project, extra))
    }

    // MARK: assertions

    @discardableResult
    func assertStatus(_ r: HTTPResponse, _ status: Int, _ context: String = "",
                      file: StaticString = #filePath, line: UInt = #line) -> Bool {
        XCTAssertEqual(r.status, status, "\(context) → \(r)", file: file, line: line)
        return r.status == status
    }

    /// Infisical's handled-error body: `{reqId, statusCode, message, error}`.
    func assertError(_ r: HTTPResponse, _ status: Int, error: String? = nil, message: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        assertStatus(r, status, file: file, line: line)
        guard let j = r.json else { return XCTFail("error body is not JSON: \(r)", file: file, line: line) }
        XCTAssertEqual(j["statusCode"]?.int, status, "statusCode in \(r)", file: file, line: line)
        XCTAssertTrue(j["reqId"]?.string?.hasPrefix("req-") == true, "reqId `req-…` in \(r)", file: file, line: line)
        XCTAssertNotNil(j["error"]?.string, "error name in \(r)", file: file, line: line)
        XCTAssertNotNil(j["message"], "message in \(r)", file: file, line: line)
        if let error { XCTAssertEqual(j["error"]?.string, error, "error name in \(r)", file: file, line: line) }
        if let message {
            XCTAssertTrue(j["message"]?.string?.contains(message) == true, "message should contain \"\(message)\": \(r)",
                          file: file, line: line)
        }
    }

    /// 422 ValidationFailure whose `message` is an array of issues `{…, path:[…], message}`.
    func assertValidation(_ r: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) {
        assertError(r, 422, error: "ValidationFailure", file: file, line: line)
        guard let issues = r.json?["message"]?.array, let first = issues.first else {
            return XCTFail("422 message must be a non-empty array: \(r)", file: file, line: line)
        }
        XCTAssertNotNil(first["message"]?.string, "issue.message in \(r)", file: file, line: line)
        XCTAssertNotNil(first["path"]?.array, "issue.path array in \(r)", file: file, line: line)
        XCTAssertNotNil(first["code"]?.string, "issue.code in \(r)", file: file, line: line)
    }

    func assertPermissionDenied(_ r: HTTPResponse, _ context: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 403, "\(context) → \(r)", file: file, line: line)
        guard r.status == 403 else { return }
        assertError(r, 403, error: "PermissionDenied", message: "You are not allowed to", file: file, line: line)
        XCTAssertNotNil(r.json?["details"]?.array, "PermissionDenied carries details[]: \(r)", file: file, line: line)
    }

    /// The fields every Secret object must carry (§6.1; the Python SDK requires them too).
    func assertSecretShape(_ s: JSON?, key: String? = nil, env: String? = nil, project: String? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
        guard let s, s.object != nil else { return XCTFail("secret is not an object: \(String(describing: s))", file: file, line: line) }
        for f in ["id", "_id", "workspace", "environment", "type", "secretKey", "secretValue", "secretComment"] {
            XCTAssertNotNil(s[f]?.string, "secret.\(f) must be a string in \(s)", file: file, line: line)
        }
        XCTAssertEqual(s["id"], s["_id"], "id == _id", file: file, line: line)
        XCTAssertGreaterThanOrEqual(s["version"]?.int ?? 0, 1, "version ≥ 1 in \(s)", file: file, line: line)
        XCTAssertTrue(ISODate.isValid(s["createdAt"]?.string), "createdAt ISO ms Z in \(s)", file: file, line: line)
        XCTAssertTrue(ISODate.isValid(s["updatedAt"]?.string), "updatedAt ISO ms Z in \(s)", file: file, line: line)
        if let key { XCTAssertEqual(s["secretKey"]?.string, key, file: file, line: line) }
        if let env { XCTAssertEqual(s["environment"]?.string, env, file: file, line: line) }
        if let project { XCTAssertEqual(s["workspace"]?.string, project, file: file, line: line) }
    }
}

let hiddenMask = "<hidden-by-infisical>"
