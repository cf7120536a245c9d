import Foundation
import InfisicalModels

/// Counters that make the client's network behaviour observable (tests, status line, bench).
public struct ClientStats: Sendable, Equatable {
    public var requests = 0
    public var notModified = 0
    public var retries = 0
    public var logins = 0
    public var renewals = 0
    public var newConnections = 0
}

/// Infisical's REST API. Thread-safe; every method BLOCKS (call off the UI thread) and throws only
/// `InfisicalError`. Endpoints live in the `InfisicalAPI+*.swift` extensions.
public final class InfisicalAPI: @unchecked Sendable {
    public let configuration: ClientConfiguration
    let transport: HTTPTransporting
    let auth: TokenManager
    private let lock = NSLock()
    /// What a revalidated GET gave last time: its ETag and the decoded value (not the body), so a
    /// 304 costs no decoding and the cache shares the rows the caller holds instead of keeping a
    /// second copy of the list as bytes. `cost` is the body's size (the value's is about that).
    private var cache: [String: (etag: String, value: any Sendable, cost: Int)] = [:]
    private var cacheOrder: [String] = []
    /// Revalidation entries kept (oldest dropped first) within `maxCachedBytes` in all; a body above
    /// `maxCachedBody` is not kept. A 10k-secret list (~5.7 MB) fits, so its revisit is one 304.
    static let maxCacheEntries = 256, maxCachedBody = 12 << 20, maxCachedBytes = 24 << 20
    private var cachedBytes = 0
    private var _stats = ClientStats()
    private var projectCache: [String: Project] = [:]

    public convenience init(configuration: ClientConfiguration) throws {
        let t = CurlTransport(options: TransportOptions(caCertPath: configuration.caCertPath,
                                                        connectTimeout: configuration.connectTimeout,
                                                        totalTimeout: configuration.requestTimeout,
                                                        userAgent: configuration.userAgent,
                                                        maxResponseBytes: configuration.maxResponseBytes))
        try self.init(configuration: configuration, transport: t)
    }

    /// For tests below HTTP: any transport.
    public init(configuration: ClientConfiguration, transport: HTTPTransporting) throws {
        if let ca = configuration.caCertPath, !FileManager.default.isReadableFile(atPath: ca) {
            throw InfisicalError(.config, "cannot read the CA bundle \(ca)", hint: "check --cacert / SSL_CERT_FILE")
        }
        self.configuration = configuration
        self.transport = transport
        self.auth = TokenManager(configuration: configuration)
    }

    public var stats: ClientStats { lock.lock(); defer { lock.unlock() }; return _stats }
    func bump(_ f: (inout ClientStats) -> Void) { lock.lock(); f(&_stats); lock.unlock() }

    var origin: String { CurlTransport.originOnly(configuration.domain.absoluteString) }

    /// Drops cached list bodies (e.g. after a write), forcing full responses next time.
    public func clearCache() { lock.lock(); cache.removeAll(); cacheOrder.removeAll(); cachedBytes = 0; lock.unlock() }

    private func store(_ key: String, _ etag: String, _ value: any Sendable, cost: Int) {
        lock.lock(); defer { lock.unlock() }
        if let old = cache.updateValue((etag, value, cost), forKey: key) { cachedBytes -= old.cost } else { cacheOrder.append(key) }
        cachedBytes += cost
        while cacheOrder.count > Self.maxCacheEntries || (cachedBytes > Self.maxCachedBytes && cacheOrder.count > 1) {
            if let dropped = cache.removeValue(forKey: cacheOrder.removeFirst()) { cachedBytes -= dropped.cost }
        }
    }

    // MARK: request pipeline

    struct Call {
        var method = "GET"
        var path: String
        var query: [(String, String)] = []
        var body: [String: JSONValue]? = nil
        var authenticated = true
        /// A token for this one call instead of the session's (login steps with an interim token).
        var bearer: String? = nil
        /// A `Cookie` header (the refresh route reads `jid`). Never logged.
        var cookie: String? = nil
        var cacheable = false
        var context = ErrorContext()
    }

    /// Sends `call`, handling auth (token, renew, one re-login on 401/403 TokenError), ETag
    /// revalidation, 429 `Retry-After` and 5xx backoff (GET only). Returns the 2xx body.
    func send(_ call: Call, cancel: Cancellation?) throws -> Data {
        try exchange(call, cancel: cancel).body
    }

    /// A GET whose body the caller decodes. When `call.cacheable`, the decoded value is kept with
    /// the ETag, and a 304 returns it as it is (no body, no decoding).
    func fetch<T: Sendable>(_ call: Call, cancel: Cancellation?, decode: (Data) throws -> T) throws -> T {
        var kept: (key: String, etag: String)? = nil
        var revalidated: T? = nil
        let response = try exchange(call, cancel: cancel) { key, etag, cachedValue in
            if let cachedValue { revalidated = cachedValue as? T } else { kept = (key, etag) }
        }
        if let revalidated { return revalidated }
        let value = try decode(response.body)
        if let kept, response.body.count <= Self.maxCachedBody { store(kept.key, kept.etag, value, cost: response.body.count) }
        return value
    }

    /// As `send`, returning the whole 2xx response (headers, cookies) rather than the body only.
    /// `cached` hears of a cacheable GET's outcome: a 200 with an ETag (key, etag, nil) or a 304
    /// (key, etag, the kept value; the response's body is then empty).
    func exchange(_ call: Call, cancel: Cancellation?,
                  cached: ((String, String, (any Sendable)?) -> Void)? = nil) throws -> HTTPResponse {
        let url = configuration.url(call.path, query: call.query)
        var bodyData: Data? = nil
        if let b = call.body { bodyData = try? JSONEncoder().encode(JSONValue.object(b)) }
        var reauthenticated = false
        var attempt = 0
        while true {
            if cancel.isCancelled { throw cancelledError() }
            var headers: [(String, String)] = [("Accept", "application/json")]
            if bodyData != nil { headers.append(("Content-Type", "application/json")) }
            var cacheKey: String? = nil
            if let b = call.bearer { headers.append(("Authorization", "Bearer \(b)")) }
            if let c = call.cookie { headers.append(("Cookie", c)) }
            if call.authenticated && call.bearer == nil {
                let token = try auth.token(using: self, cancel: cancel)
                headers.append(("Authorization", "Bearer \(token)"))
                if call.cacheable && cached != nil {
                    cacheKey = url + "\u{0}" + auth.identityKey(token)
                    lock.lock(); let hit = cache[cacheKey!]; lock.unlock()
                    if let hit { headers.append(("If-None-Match", hit.etag)) }
                }
            }
            bump { $0.requests += 1 }
            let response = try transport.perform(HTTPRequest(method: call.method, url: url, headers: headers, body: bodyData),
                                                 cancel: cancel)
            bump { $0.newConnections += response.newConnections }
            switch response.status {
            case 200...299:
                if let key = cacheKey, let etag = response.headers["etag"] { cached?(key, etag, nil) }
                return response
            case 304:
                if let key = cacheKey, let cached {
                    lock.lock(); let hit = cache[key]; lock.unlock()
                    if let hit {
                        bump { $0.notModified += 1 }
                        cached(key, hit.etag, hit.value)
                        var r = response; r.status = 200; r.body = Data(); return r
                    }
                }
                throw ErrorMapper.malformed(origin, path: call.path)
            case 401, 403:
                let parsed = try? TolerantJSON.decode(ServerErrorBody.self, from: response.body)
                let isTokenProblem = response.status == 401 || parsed?.error == "TokenError"
                if call.authenticated && call.bearer == nil && isTokenProblem && !reauthenticated && auth.canReauthenticate {
                    reauthenticated = true
                    auth.invalidate()
                    continue
                }
                if call.authenticated && call.bearer == nil && isTokenProblem && auth.isStoredSession { throw auth.sessionExpired(at: nil) }
            case 429:
                if attempt < configuration.maxRetries {
                    let wait = retryAfter(response.headers["retry-after"]) ?? pow(2, Double(attempt))
                    if wait <= configuration.maxRetryAfter {
                        attempt += 1; bump { $0.retries += 1 }
                        try cancellableSleep(wait, cancel: cancel)
                        continue
                    }
                }
            case 500...599 where call.method == "GET" && response.status != 501:
                if attempt < configuration.maxRetries {
                    let wait = min(4.0, 0.25 * pow(2, Double(attempt))) * Double.random(in: 0.8...1.2)
                    attempt += 1; bump { $0.retries += 1 }
                    try cancellableSleep(wait, cancel: cancel)
                    continue
                }
            default: break
            }
            throw ErrorMapper.map(status: response.status, body: response.body, headers: response.headers,
                                  origin: origin, route: "\(call.method) \(call.path)", context: call.context)
        }
    }

    /// Invalid UTF-8 and lone surrogates are read as U+FFFD first (`TolerantJSON`, one linear
    /// pass), so one odd character in one entry never costs that entry or the whole response.
    func decode<T: Decodable>(_ type: T.Type, _ data: Data, path: String) throws -> T {
        do { return try TolerantJSON.decode(T.self, from: data) } catch {
            throw ErrorMapper.malformed(origin, path: path)
        }
    }

    func get<T: Decodable & Sendable>(_ type: T.Type, _ call: Call, cancel: Cancellation?) throws -> T {
        try fetch(call, cancel: cancel) { try decode(T.self, $0, path: call.path) }
    }

    /// Seconds from a `Retry-After` header (delta-seconds or an HTTP date).
    func retryAfter(_ value: String?) -> Double? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let n = Double(v) { return max(0, n) }
        let f = DateFormatter(); f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: v).map { max(0, $0.timeIntervalSinceNow) }
    }

    // MARK: project memo (slug ↔ id), used for error messages and slug resolution

    func rememberProject(_ p: Project) { lock.lock(); projectCache[p.id] = p; projectCache[p.slug] = p; lock.unlock() }
    func knownProject(_ idOrSlug: String) -> Project? { lock.lock(); defer { lock.unlock() }; return projectCache[idOrSlug] }
}
