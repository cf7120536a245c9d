import CCurl
import Foundation
import InfisicalModels

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?
    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method; self.url = url; self.headers = headers; self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Lower-cased names; the last value wins.
    public var headers: [String: String]
    public var body: Data
    /// Connections opened by this transfer (0 = reused a kept-alive one).
    public var newConnections: Int
    public var httpVersion: Int
    /// Every `Set-Cookie` value of the final response, in order (`headers` keeps only the last;
    /// a login answer's refresh token arrives as the `jid` cookie).
    public var setCookies: [String] = []

    /// The value of the cookie `name` set by this response, if any.
    public func cookie(_ name: String) -> String? {
        for line in setCookies {
            let first = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let eq = first.firstIndex(of: "=") else { continue }
            if first[..<eq].trimmingCharacters(in: .whitespaces) == name {
                return first[first.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

/// Something that can carry one HTTP exchange. The curl transport is the real one; tests below
/// HTTP may substitute another.
public protocol HTTPTransporting: Sendable {
    func perform(_ request: HTTPRequest, cancel: Cancellation?) throws -> HTTPResponse
}

public struct TransportOptions: Sendable {
    public var caCertPath: String?
    public var connectTimeout: TimeInterval
    public var totalTimeout: TimeInterval
    public var userAgent: String
    public var maxResponseBytes: Int
    /// The process environment's proxy variables (`ProxyEnvironment`): loopback is never proxied,
    /// and a failure through a proxy names the variable it came from.
    public var environment: [String: String]
    public init(caCertPath: String? = nil, connectTimeout: TimeInterval = 10, totalTimeout: TimeInterval = 60,
                userAgent: String = "infisical-tui/\(InfisicalTUIVersion.current)", maxResponseBytes: Int = 32 << 20,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.caCertPath = caCertPath; self.connectTimeout = connectTimeout; self.totalTimeout = totalTimeout
        self.userAgent = userAgent; self.maxResponseBytes = maxResponseBytes
        self.environment = environment.filter { $0.key.lowercased().hasSuffix("_proxy") }
    }

    var noProxy: String { ProxyEnvironment.noProxyList(environment: environment) }
}

/// libcurl easy interface with reused handles per scheme+host+port (keep-alive, HTTP/2 over TLS
/// when offered). Each handle carries one transfer at a time under its lock. Normally one handle
/// per host serves everything; when callers overlap (the TUI loads a list while an audit page is in
/// flight) up to `maxHandlesPerHost` handles are used so one slow request cannot stall the rest.
/// Redirects are never followed, so an Authorization header cannot leak to another host.
public final class CurlTransport: HTTPTransporting, @unchecked Sendable {
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()
    public static let maxHandlesPerHost = 3

    private let options: TransportOptions
    private let lock = NSLock()
    private var handles: [String: [CurlHandle]] = [:]

    public init(options: TransportOptions) {
        _ = CurlTransport.globalInit
        self.options = options
    }

    public func perform(_ request: HTTPRequest, cancel: Cancellation?) throws -> HTTPResponse {
        if cancel.isCancelled { throw cancelledError() }
        let handle = acquire(for: request.url)
        defer { handle.lock.unlock() }
        return try handle.perform(request, options: options, cancel: cancel)
    }

    /// Returns a handle whose lock the caller now holds: a free one, a new one (below the cap), or
    /// the first one after waiting for it.
    private func acquire(for url: String) -> CurlHandle {
        let key = CurlTransport.originKey(url)
        lock.lock()
        let list = handles[key] ?? []
        for h in list where h.lock.try() { lock.unlock(); return h }
        if list.count < CurlTransport.maxHandlesPerHost {
            let h = CurlHandle()
            h.lock.lock()
            handles[key] = list + [h]
            lock.unlock()
            return h
        }
        lock.unlock()
        let h = list[0]
        h.lock.lock()
        return h
    }

    static func originKey(_ url: String) -> String {
        guard let u = URLComponents(string: url) else { return url }
        return "\(u.scheme ?? "")://\(u.host ?? ""):\(u.port ?? -1)"
    }
}

/// State the C callbacks reach through their user-data pointer.
private final class TransferSink {
    var body = Data()
    var headers: [String: String] = [:]
    var setCookies: [String] = []
    var limit = Int.max
    var tooLarge = false
    var cancel: Cancellation?
}

private final class CurlHandle: @unchecked Sendable {
    /// Held by the transport for the duration of one transfer.
    let lock = NSLock()
    private let easy: UnsafeMutableRawPointer?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init() {
        easy = curl_easy_init()
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        if let e = easy { curl_easy_cleanup(e) }
        errorBuffer.deallocate()
    }

    /// Caller holds `lock`.
    func perform(_ req: HTTPRequest, options: TransportOptions, cancel: Cancellation?) throws -> HTTPResponse {
        guard let h = easy else { throw InfisicalError(.unreachable, "cannot initialise libcurl") }
        let sink = TransferSink()
        sink.limit = options.maxResponseBytes
        sink.cancel = cancel
        errorBuffer[0] = 0

        // Per-handle settings (cheap to repeat; keeps the handle consistent after any request).
        curlx_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        curlx_setopt_ptr(h, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        curlx_setopt_str(h, CURLOPT_PROTOCOLS_STR, "http,https")
        curlx_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        curlx_setopt_long(h, CURLOPT_UNRESTRICTED_AUTH, 0)
        curlx_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1)
        curlx_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2)
        if let ca = options.caCertPath { curlx_setopt_str(h, CURLOPT_CAINFO, ca) }
        curlx_setopt_long(h, CURLOPT_HTTP_VERSION, curlx_HTTP_VERSION_2TLS())
        curlx_setopt_str(h, CURLOPT_ACCEPT_ENCODING, "")
        curlx_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
        curlx_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(options.connectTimeout * 1000)))
        curlx_setopt_long(h, CURLOPT_TIMEOUT_MS, max(1, Int(options.totalTimeout * 1000)))
        curlx_setopt_str(h, CURLOPT_USERAGENT, options.userAgent)
        curlx_setopt_off(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))
        // Loopback never through a proxy; the user's NO_PROXY entries kept (the option replaces them).
        curlx_setopt_str(h, CURLOPT_NOPROXY, options.noProxy)

        // Method and body. COPYPOSTFIELDS copies, so the Swift buffer may die after setopt.
        curlx_setopt_str(h, CURLOPT_CUSTOMREQUEST, nil)
        curlx_setopt_long(h, CURLOPT_NOBODY, 0)
        if let body = req.body {
            curlx_setopt_long(h, CURLOPT_POST, 1)
            curlx_setopt_long(h, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBytes { raw in
                let p = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? UnsafeMutableRawPointer(mutating: "")
                curlx_setopt_ptr(h, CURLOPT_COPYPOSTFIELDS, p)
            }
            if req.method != "POST" { curlx_setopt_str(h, CURLOPT_CUSTOMREQUEST, req.method) }
        } else if req.method == "GET" {
            curlx_setopt_long(h, CURLOPT_HTTPGET, 1)
        } else {
            curlx_setopt_long(h, CURLOPT_HTTPGET, 1)
            curlx_setopt_str(h, CURLOPT_CUSTOMREQUEST, req.method)
        }
        curlx_setopt_str(h, CURLOPT_URL, req.url)

        var list: UnsafeMutablePointer<curl_slist>? = nil
        // "Expect:" off: curl would otherwise wait for 100-continue on larger bodies.
        for line in req.headers.map({ "\($0.0): \($0.1)" }) + ["Expect:"] {
            list = curl_slist_append(list, line)
        }
        curlx_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        defer {
            curlx_setopt_slist(h, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(list)
        }

        let ud = Unmanaged.passUnretained(sink).toOpaque()
        curlx_setopt_writefn(h) { buf, size, n, ud in
            let sink = Unmanaged<TransferSink>.fromOpaque(ud!).takeUnretainedValue()
            let count = size * n
            if sink.body.count + count > sink.limit { sink.tooLarge = true; return 0 }
            // One allocation of the announced size instead of repeated growth (a 10k list is ~6 MB).
            if sink.body.isEmpty, let n = sink.headers["content-length"].flatMap(Int.init), n > count, n <= sink.limit {
                sink.body.reserveCapacity(n)
            }
            if let buf { sink.body.append(UnsafeRawPointer(buf).assumingMemoryBound(to: UInt8.self), count: count) }
            return count
        }
        curlx_setopt_ptr(h, CURLOPT_WRITEDATA, ud)
        curlx_setopt_headerfn(h) { buf, size, n, ud in
            let sink = Unmanaged<TransferSink>.fromOpaque(ud!).takeUnretainedValue()
            let count = size * n
            guard let buf else { return count }
            let line = String(decoding: UnsafeRawBufferPointer(start: buf, count: count), as: UTF8.self)
            if line.hasPrefix("HTTP/") { sink.headers = [:]; sink.setCookies = [] }  // a new response (e.g. after 100-continue)
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                sink.headers[name] = value
                if name == "set-cookie" { sink.setCookies.append(value) }
            }
            return count
        }
        curlx_setopt_ptr(h, CURLOPT_HEADERDATA, ud)
        curlx_setopt_long(h, CURLOPT_NOPROGRESS, 0)
        curlx_setopt_xferinfofn(h) { ud, _, _, _, _ in
            let sink = Unmanaged<TransferSink>.fromOpaque(ud!).takeUnretainedValue()
            return sink.cancel.isCancelled ? 1 : 0
        }
        curlx_setopt_ptr(h, CURLOPT_XFERINFODATA, ud)

        let rc = withExtendedLifetime(sink) { curl_easy_perform(h) }
        if rc != CURLE_OK {
            let detail = String(cString: errorBuffer)
            var osErrno = 0
            curlx_getinfo_long(h, CURLINFO_OS_ERRNO, &osErrno)
            throw CurlTransport.mapError(rc, detail: detail.isEmpty ? String(cString: curl_easy_strerror(rc)) : detail,
                                         osErrno: Int32(truncatingIfNeeded: osErrno), url: req.url, sink: sink, options: options)
        }
        var status = 0, connects = 0, version = 0
        curlx_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        curlx_getinfo_long(h, CURLINFO_NUM_CONNECTS, &connects)
        curlx_getinfo_long(h, CURLINFO_HTTP_VERSION, &version)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, newConnections: connects,
                            httpVersion: version, setCookies: sink.setCookies)
    }
}

extension CurlTransport {
    fileprivate static func mapError(_ rc: CURLcode, detail: String, osErrno: Int32, url: String, sink: TransferSink,
                                     options: TransportOptions) -> InfisicalError {
        let origin = originOnly(url)
        if sink.tooLarge || rc == CURLE_FILESIZE_EXCEEDED {
            return InfisicalError(.tooLarge, "the response from \(origin) is larger than \(options.maxResponseBytes >> 20) MiB",
                                  hint: "narrow the request (e.g. a sub-path, no --recursive)")
        }
        // Through a proxy, a connect/resolve/timeout failure is as likely the proxy's: say which
        // variable set it (its name only: the value may hold a password).
        let viaProxy = ProxyEnvironment.variable(for: url, environment: options.environment)
        let via = viaProxy.map { " via the proxy in \($0)" } ?? ""
        let networkHint = viaProxy == nil ? "check --domain / INFISICAL_DOMAIN" : ProxyEnvironment.hint
        switch rc {
        case CURLE_ABORTED_BY_CALLBACK:
            return cancelledError()
        case CURLE_COULDNT_CONNECT:
            let why = osErrno == ECONNREFUSED || detail.lowercased().contains("refused") ? "connection refused"
                : osErrno != 0 ? String(cString: strerror(osErrno)).lowercased() : "cannot connect"
            return InfisicalError(.unreachable, "cannot reach \(origin)\(via) (\(why))", hint: networkHint)
        case CURLE_COULDNT_RESOLVE_HOST:
            return InfisicalError(.unreachable, "cannot reach \(origin) (unknown host)", hint: "check --domain / INFISICAL_DOMAIN")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return InfisicalError(.unreachable, "cannot resolve the proxy for \(origin)\(via)", hint: ProxyEnvironment.hint)
        case CURLE_OPERATION_TIMEDOUT:
            return InfisicalError(.timeout, "\(origin) did not answer in time\(via) (\(oneLine(detail)))",
                                  hint: viaProxy == nil ? "check the network or raise --timeout" : ProxyEnvironment.hint)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return InfisicalError(.tls, "TLS to \(origin) failed: \(oneLine(detail))",
                                  hint: "for a private CA pass --cacert FILE (or SSL_CERT_FILE)")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return InfisicalError(.unreachable, "the connection to \(origin)\(via) broke (\(oneLine(detail)))",
                                  hint: viaProxy == nil ? "retry; check --domain / INFISICAL_DOMAIN" : ProxyEnvironment.hint)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return InfisicalError(.config, "bad server URL \(origin)", hint: "check --domain / INFISICAL_DOMAIN")
        default:
            return InfisicalError(.unreachable, "request to \(origin)\(via) failed: \(oneLine(detail))", hint: networkHint)
        }
    }

    static func originOnly(_ url: String) -> String {
        guard let u = URLComponents(string: url), let host = u.host else { return url }
        return "\(u.scheme ?? "http")://\(host)\(u.port.map { ":\($0)" } ?? "")"
    }
}

func oneLine(_ s: String) -> String {
    s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
}

func cancelledError() -> InfisicalError { InfisicalError(.cancelled, "cancelled") }
