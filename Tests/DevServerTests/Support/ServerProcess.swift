import Foundation
import TestSupport

/// A real `infisical-dev-server` child (see `DevServerProcess`) plus an HTTP client for it and
/// cached per-role tokens and project ids.
final class ServerProcess: @unchecked Sendable {
    let process: DevServerProcess
    let http: HTTPClient
    private let lock = NSLock()
    private var tokens: [String: String] = [:]
    private var projectIds: [String: String] = [:]

    var dir: URL { process.dir }
    var dbPath: String { process.dbPath }
    var readyPath: String { process.readyPath }
    var pid: pid_t { process.pid }
    var ready: DevServerReady { process.ready }
    var log: String { process.log }

    static var binaryPath: String { BuiltBinary.devServer }
    static func makeTempDir() throws -> URL { try DevServerProcess.makeTempDir() }

    /// Starts a server. Pass `dir` to reuse a database directory (restart after a kill).
    init(args: [String] = [], dir existing: URL? = nil) throws {
        do { process = try DevServerProcess(args: args, directory: existing, readyTimeout: 15) } catch let e as DevServerError {
            throw HTTPError(description: e.description)
        }
        http = try HTTPClient(url: process.url)
    }

    /// SIGTERM, then SIGKILL after 5 s. Keeps the directory unless `removeFiles`.
    func stop(removeFiles: Bool = true) { process.stop(removeFiles: removeFiles) }

    /// `kill -9`: no chance to flush anything that was not already durable.
    func kill9() { process.kill9() }

    func identity(_ role: String) throws -> DevServerReady.Identity {
        guard let i = ready.identity(withRole: role) else {
            throw HTTPError(description: "ready file has no identity with role \(role)")
        }
        return i
    }

    func login(clientId: String, clientSecret: String) throws -> HTTPResponse {
        try http.send("POST", "/api/v1/auth/universal-auth/login", json: ["clientId": clientId, "clientSecret": clientSecret])
    }

    /// A cached access token per role (universal auth login).
    func token(_ role: String) throws -> String {
        lock.lock(); let cached = tokens[role]; lock.unlock()
        if let cached { return cached }
        let id = try identity(role)
        let r = try login(clientId: id.clientId, clientSecret: id.clientSecret)
        guard r.status == 200, let t = r.json?["accessToken"]?.string else {
            throw HTTPError(description: "login as \(role) failed: \(r)")
        }
        lock.lock(); tokens[role] = t; lock.unlock()
        return t
    }

    func projectId(_ slug: String) throws -> String {
        lock.lock(); let cached = projectIds[slug]; lock.unlock()
        if let cached { return cached }
        let r = try http.send("GET", "/api/v1/projects/slug/\(slug)", headers: ["Authorization": "Bearer \(try token("admin"))"])
        guard r.status == 200, let id = r.json?["id"]?.string else { throw HTTPError(description: "project \(slug): \(r)") }
        lock.lock(); projectIds[slug] = id; lock.unlock()
        return id
    }
}

/// Decodes a JWT payload (no verification: clients cannot verify it either).
func jwtPayload(_ token: String) -> JSON? {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return nil }
    var b64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while b64.count % 4 != 0 { b64 += "=" }
    guard let d = Data(base64Encoded: b64) else { return nil }
    return JSON.parse(d)
}
