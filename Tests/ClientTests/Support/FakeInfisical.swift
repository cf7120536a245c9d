import Foundation
@testable import InfisicalClient

/// Canned bodies shaped like current Infisical's serializer output (fields from
/// `secretRawSchema`, `projectWithEnv`, the error handler), served over real HTTP by
/// `FixtureHTTPServer`. Routes a test does not set answer like Fastify does for an unmatched
/// route (404 without reqId).
enum Infisical {
    static let project = #"{"id":"p1","_id":"p1","name":"Store","slug":"store","orgId":"o1","type":"secret-manager","autoCapitalization":false,"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","environments":[{"name":"Development","slug":"dev","id":"e1"},{"name":"Production","slug":"prod","id":"e3"}]}"#

    /// `secretRawSchema` only: what write responses (and version rows) carry — no secretPath,
    /// no tags, no secretMetadata; `secretValueHidden` only when `hidden` is given.
    static func rawSecret(key: String = "DB_URL", value: String = "postgres://db", version: Int = 3, id: String = "s1",
                          hidden: Bool? = nil) -> String {
        var s = #"{"id":"\#(id)","_id":"\#(id)","workspace":"p1","environment":"dev","version":\#(version),"type":"shared","secretKey":"\#(key)","secretValue":"\#(value)","secretComment":"","secretReminderNote":null,"secretReminderRepeatDays":null,"skipMultilineEncoding":false,"createdAt":"2026-11-01T00:00:00.000Z","updatedAt":"2026-11-02T00:00:00.000Z","actor":{"actorId":"i1","actorType":"identity","name":"ci-bot","membershipId":null,"groupId":null},"isRotatedSecret":false,"rotationId":null"#
        if let hidden { s += #","secretValueHidden":\#(hidden)"# }
        return s + "}"
    }

    /// A list item (read routes add secretPath, secretValueHidden, tags, secretMetadata).
    static func listedSecret(key: String = "DB_URL", value: String = "postgres://db", version: Int = 3,
                             hidden: Bool = false) -> String {
        String(rawSecret(key: key, value: value, version: version, hidden: hidden).dropLast())
            + #","secretPath":"/db","tags":[{"id":"t1","slug":"db","name":"db","color":"white"}],"secretMetadata":[]}"#
    }

    static func error(_ status: Int, _ name: String, _ message: String) -> FixtureHTTPServer.Response {
        .init(status: status, body: #"{"reqId":"req-Xk2mP0aQ9sLw1v","statusCode":\#(status),"message":\#(jsonString(message)),"error":"\#(name)"}"#)
    }

    static func fastifyNotFound(_ req: FixtureHTTPServer.Request) -> FixtureHTTPServer.Response {
        .init(status: 404, body: #"{"message":"Route \#(req.method):\#(req.path) not found","error":"Not Found","statusCode":404}"#)
    }

    static func jsonString(_ s: String) -> String {
        String(data: try! JSONEncoder().encode(s), encoding: .utf8)!
    }

    /// A user JWT (no identityId): role lookups go to the permissions route.
    static func userJWT() -> String {
        func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }
        let exp = Int(Date().timeIntervalSince1970) + 3600
        return b64(#"{"alg":"HS256"}"#) + "." + b64(#"{"authTokenType":"accessToken","userId":"u1","exp":\#(exp)}"#) + ".sig"
    }

    static func memberships(role: String) -> String {
        #"{"identityMemberships":[{"id":"m1","identityId":"ident-1","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","roles":[{"id":"r1","role":"\#(role)","customRoleId":null,"customRoleName":null,"customRoleSlug":null,"isTemporary":false}],"identity":{"name":"ci-bot","id":"ident-1","authMethods":["universal-auth"]},"project":{"name":"Store","id":"p1","type":"secret-manager"}}]}"#
    }
}

/// A fixture server with a route table: `(method, path prefix without query) → response`.
/// The longest matching prefix wins; the project-by-slug route is always present.
final class FakeInfisical: @unchecked Sendable {
    typealias Handler = @Sendable (FixtureHTTPServer.Request) -> FixtureHTTPServer.Response
    let server: FixtureHTTPServer
    private let lock = NSLock()
    private var routes: [(method: String, prefix: String, handler: Handler)] = []

    /// `projectRoutes: false` imitates a server from before the workspace→project rename.
    init(projectRoutes: Bool = true) throws {
        let box = Box()
        server = try FixtureHTTPServer { req in box.target?.handle(req) ?? .init(status: 500) }
        box.target = self
        if projectRoutes { on("GET", "/api/v1/projects/slug/store") { _ in .init(body: Infisical.project) } }
    }
    private final class Box: @unchecked Sendable { weak var target: FakeInfisical? }

    func on(_ method: String, _ prefix: String, _ handler: @escaping Handler) {
        lock.lock(); routes.append((method, prefix, handler)); lock.unlock()
    }

    private func handle(_ req: FixtureHTTPServer.Request) -> FixtureHTTPServer.Response {
        let path = String(req.path.split(separator: "?", maxSplits: 1).first ?? "")
        lock.lock(); let table = routes; lock.unlock()
        let match = table.filter { $0.method == req.method && path.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
        return match?.handler(req) ?? Infisical.fastifyNotFound(req)
    }

    /// Requests whose path (without query) starts with `prefix`.
    func requests(_ method: String, _ prefix: String) -> [FixtureHTTPServer.Request] {
        server.requests.filter { $0.method == method && $0.path.hasPrefix(prefix) }
    }

    func stop() { server.stop() }

    /// A client on this server; the token is an identity JWT (so role lookups go to memberships).
    func client(token: String = TransportTests.jwt(identityId: "ident-1", exp: Date().timeIntervalSince1970 + 3600)) throws -> InfisicalAPI {
        var c = ClientConfiguration(domain: URL(string: server.url)!, credentials: .accessToken(token))
        c.requestTimeout = 5
        c.maxRetries = 0
        return try InfisicalAPI(configuration: c)
    }
}

extension FixtureHTTPServer.Request {
    /// Query items of the request line (decoded).
    var query: [String: [String]] {
        var out: [String: [String]] = [:]
        for item in URLComponents(string: "http://x" + path)?.queryItems ?? [] { out[item.name, default: []].append(item.value ?? "") }
        return out
    }
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
}
