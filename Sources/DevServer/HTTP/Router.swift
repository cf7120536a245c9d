import Foundation

/// Our own tiny router: Fastify semantics (trailing slash ignored, stock 404 for unknown routes),
/// path parameters percent-decoded, first registered match wins (register literals before params).
/// What a handler answers: a JSON body (the API) or an HTML page (the browser login), plus headers
/// such as `Set-Cookie`.
public struct Reply: Sendable {
    /// `rendered`: JSON already written as bytes (large listings); `notModified`: the handler found
    /// the caller's `If-None-Match` current and rendered nothing.
    public enum Body: Sendable { case json(JSON), html(String), rendered([UInt8]), notModified }
    public var body: Body
    public var headers: [(String, String)] = []
    /// An ETag the handler computed from a version stamp; nil = hash the JSON body.
    public var etag: String? = nil
    public init(json: JSON, headers: [(String, String)] = []) { body = .json(json); self.headers = headers }
    public init(html: String, headers: [(String, String)] = []) { body = .html(html); self.headers = headers }
    public init(rendered: [UInt8], etag: String) { body = .rendered(rendered); self.etag = etag }
    public init(notModified etag: String) { body = .notModified; self.etag = etag }
}

public struct Route: Sendable {
    public typealias Handler = @Sendable (RequestInput) async throws -> Reply
    let method: String
    let segments: [Segment]
    let handler: Handler

    enum Segment: Sendable {
        case literal(String)
        case param(String)
    }

    init(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        self.method = method
        self.segments = Route.split(pattern).map { seg in
            if seg.hasPrefix("{") && seg.hasSuffix("}") { return .param(String(seg.dropFirst().dropLast())) }
            return .literal(seg)
        }
        self.handler = handler
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    func match(_ parts: [String]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var params: [String: String] = [:]
        for (seg, part) in zip(segments, parts) {
            switch seg {
            case let .literal(l): if l != part { return nil }
            case let .param(name): params[name] = part.removingPercentEncoding ?? part
            }
        }
        return params
    }
}

public struct Router: Sendable {
    private(set) var routes: [Route] = []

    typealias JSONHandler = @Sendable (RequestInput) async throws -> JSON

    mutating func add(_ method: String, _ pattern: String, _ handler: @escaping JSONHandler) {
        routes.append(Route(method, pattern) { input in Reply(json: try await handler(input)) })
    }
    /// A route whose handler builds the whole reply (headers, HTML).
    mutating func addReply(_ method: String, _ pattern: String, _ handler: @escaping Route.Handler) {
        routes.append(Route(method, pattern, handler))
    }
    mutating func get(_ p: String, _ h: @escaping JSONHandler) { add("GET", p, h) }
    mutating func post(_ p: String, _ h: @escaping JSONHandler) { add("POST", p, h) }
    mutating func patch(_ p: String, _ h: @escaping JSONHandler) { add("PATCH", p, h) }
    mutating func delete(_ p: String, _ h: @escaping JSONHandler) { add("DELETE", p, h) }

    /// Finds the handler; HEAD is served by GET routes.
    func resolve(method: String, path: String) -> (Route, [String: String])? {
        let parts = Route.split(path)
        let m = method == "HEAD" ? "GET" : method
        for route in routes where route.method == m {
            if let params = route.match(parts) { return (route, params) }
        }
        return nil
    }
}
