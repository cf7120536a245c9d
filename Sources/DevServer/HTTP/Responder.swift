import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Request context that remembers the peer address (for audit `ipAddress` and the rate limiter).
public struct DevRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
    }
}

/// The whole HTTP pipeline: request id → rate limit → route → JSON body → ETag/304 → error body.
struct DevResponder: HTTPResponder {
    let router: Router
    let limiter: RateLimiter
    let log: @Sendable (String) -> Void
    /// Set by `--debug-stats`: counts answered requests and serves them at `RequestStats.route`.
    var stats: RequestStats? = nil

    func respond(to request: Request, context: DevRequestContext) async throws -> Response {
        let reqId = "req-" + Self.randomId()
        let method = request.method.rawValue
        let rawPath = request.uri.path
        var path = rawPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if let stats, method == "GET", path == RequestStats.route {
            return Response(status: .ok, headers: Self.headers([], json: true),
                            body: .init(byteBuffer: ByteBuffer(bytes: stats.snapshot().serialized())))
        }
        var extraHeaders: [(String, String)] = []
        let started = Date()
        var response: Response
        do {
            if let d = limiter.check(client: context.remoteAddress) {
                extraHeaders += [("x-ratelimit-limit", String(limiter.limit)), ("x-ratelimit-remaining", String(d.remaining)),
                                 ("x-ratelimit-reset", String(d.resetSeconds))]
                if !d.allowed {
                    var e = APIError(status: 429, name: "RateLimitExceeded",
                                     message: "Rate limit exceeded. Please try again in \(d.resetSeconds) seconds")
                    e.headers = [("retry-after", String(d.resetSeconds))]
                    throw e
                }
            }
            guard let (route, params) = router.resolve(method: method, path: path) else {
                throw APIError.routeNotFound(method: method, path: rawPath)
            }
            var req = request
            let bodyBuffer: ByteBuffer
            do { bodyBuffer = try await req.collectBody(upTo: 4 << 20) } catch {
                throw APIError(status: 413, name: "FST_ERR_CTP_BODY_TOO_LARGE", message: "Request body is too large")
            }
            var body: JSON? = nil
            var form: [String: String] = [:]
            let contentType = (request.headers[.contentType] ?? "").lowercased()
            if bodyBuffer.readableBytes > 0 && contentType.hasPrefix("application/x-www-form-urlencoded") {
                // The browser login page posts a plain HTML form.
                form = RequestInput.parseQuery(String(decoding: bodyBuffer.readableBytesView, as: UTF8.self))
            } else if bodyBuffer.readableBytes > 0 {
                do { body = try JSON.parse(Data(bodyBuffer.readableBytesView)) } catch {
                    throw APIError(status: 400, name: "FST_ERR_CTP_INVALID_JSON_BODY",
                                   message: "Body is not valid JSON but content-type is set to 'application/json'")
                }
            }
            var input = RequestInput(
                method: method, path: path, rawURL: request.uri.string, params: params,
                query: RequestInput.parseQuery(request.uri.query), body: body,
                authorization: request.headers[.authorization], userAgent: request.headers[.userAgent] ?? "",
                ipAddress: context.remoteAddress, reqId: reqId)
            input.params = params
            input.form = form
            input.cookies = RequestInput.parseCookies(request.headers[values: .cookie])
            input.origin = request.headers[.origin]
            input.ifNoneMatch = request.headers[.ifNoneMatch]
            input.legacyAPIKey = request.headers[HTTPField.Name("x-api-key")!] != nil
            let reply = try await route.handler(input)
            extraHeaders += reply.headers
            // A body answered 304 when the client's ETag is current, else sent in full.
            func conditional(_ bytes: [UInt8], etag: String) -> Response {
                extraHeaders.append(("etag", etag))
                if method == "GET" || method == "HEAD", ETag.matches(request.headers[.ifNoneMatch], etag) {
                    return Response(status: .notModified, headers: Self.headers(extraHeaders, json: false))
                }
                return Response(status: .ok, headers: Self.headers(extraHeaders, json: true),
                                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
            switch reply.body {
            case let .json(json):
                let bytes = json.serialized()
                response = conditional(bytes, etag: ETag.of(bytes))
            case let .rendered(bytes):
                response = conditional(bytes, etag: reply.etag ?? ETag.of(bytes))
            case .notModified:
                if let etag = reply.etag { extraHeaders.append(("etag", etag)) }
                response = Response(status: .notModified, headers: Self.headers(extraHeaders, json: false))
            case let .html(page):
                // Pages carry tokens: never cached, never framed.
                var h = Self.headers(extraHeaders + [("cache-control", "no-store"), ("x-frame-options", "DENY"),
                                                     ("referrer-policy", "no-referrer")], json: false)
                h[.contentType] = "text/html; charset=utf-8"
                response = Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: page)))
            }
        } catch let error as APIError {
            response = Self.errorResponse(error, reqId: reqId, extra: extraHeaders)
        } catch {
            log("\(reqId) internal error: \(type(of: error))")
            response = Self.errorResponse(.internalError(), reqId: reqId, extra: extraHeaders)
        }
        stats?.count(method: method, path: path, status: Int(response.status.code))
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        // Path only (never the query string or body): values must not reach the logs.
        log("\(reqId) \(method) \(rawPath) \(response.status.code) \(ms)ms")
        return response
    }

    static func errorResponse(_ e: APIError, reqId: String, extra: [(String, String)]) -> Response {
        Response(status: HTTPResponse.Status(code: e.status), headers: headers(extra + e.headers, json: true),
                 body: .init(byteBuffer: ByteBuffer(bytes: e.body(reqId: reqId).serialized())))
    }

    static func headers(_ pairs: [(String, String)], json: Bool) -> HTTPFields {
        var h = HTTPFields()
        if json { h[.contentType] = "application/json; charset=utf-8" }
        for (k, v) in pairs {
            if let name = HTTPField.Name(k) { h.append(HTTPField(name: name, value: v)) }
        }
        return h
    }

    static func randomId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<14).map { _ in alphabet.randomElement() ?? "x" })
    }
}
