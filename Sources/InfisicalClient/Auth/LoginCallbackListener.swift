import Foundation
import InfisicalModels

/// The browser login's receiving end, as `infisical login` has it: a socket on 127.0.0.1 (never
/// another interface) at a kernel-chosen port; the web app at `{domain}/login?callback_port=N`
/// POSTs the credentials JSON there. Only a request whose `Origin` is exactly the configured
/// server's origin is accepted (CORS preflight answered for that origin only: POST, OPTIONS,
/// Content-Type); bodies above `maxBodyBytes` are refused unread; the first accepted POST closes
/// the listener. Other requests are answered and the wait goes on, so a stray page cannot end it.
public final class LoginCallbackListener: @unchecked Sendable {
    public let port: UInt16
    /// `scheme://host[:port]` of the server, as a browser writes it in `Origin`.
    public let allowedOrigin: String
    public let maxBodyBytes: Int
    private var fd: Int32
    /// Longest a single connection may take to send its request (a silent client cannot stall us).
    static let perConnectionTimeout: TimeInterval = 5

    public init(domain: URL, maxBodyBytes: Int = 64 << 10) throws {
        allowedOrigin = LoginCallbackListener.origin(of: domain)
        self.maxBodyBytes = maxBodyBytes
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw InfisicalError(.io, "cannot open the login callback socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0, listen(s, 8) == 0 else {
            let why = String(cString: strerror(errno)); Glibc.close(s)
            throw InfisicalError(.io, "cannot listen on 127.0.0.1 for the login callback: \(why)")
        }
        var bound = sockaddr_in(); var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        port = UInt16(bigEndian: bound.sin_port)
        fd = s
    }

    deinit { close() }

    public func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    /// The page to open: `{domain}/login?callback_port={port}`.
    public func loginURL(domain: URL) -> String {
        var s = domain.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        return "\(s)/login?callback_port=\(port)"
    }

    /// Browser `Origin` form of a URL: lower-cased scheme and host, port only when not the default.
    public static func origin(of url: URL) -> String {
        let scheme = (url.scheme ?? "https").lowercased()
        let host = (url.host ?? "").lowercased()
        let defaultPort = scheme == "https" ? 443 : 80
        let port = url.port.flatMap { $0 == defaultPort ? nil : $0 }
        return "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// Serves until one accepted POST (returned), `timeout` (throws `.timeout`) or `cancel`
    /// (throws `.cancelled`). `tick` runs about every 200 ms on this thread; a non-nil result ends
    /// the wait with it (the paste flow), a throw ends it with that error. Closes the socket at the end.
    public func waitForCredentials(timeout: TimeInterval, cancel: Cancellation? = nil,
                                   tick: (() throws -> UserCredentials?)? = nil) throws -> UserCredentials {
        defer { close() }
        // Monotonic: a wall-clock step (NTP, suspend) neither ends nor stretches the wait.
        let deadline = ProcessInfo.processInfo.systemUptime + timeout
        while true {
            if cancel.isCancelled { throw cancelledError() }
            if let t = tick, let c = try t() { return c }
            let left = deadline - ProcessInfo.processInfo.systemUptime
            if left <= 0 {
                let span = timeout >= 60 ? "\(Int(timeout / 60)) minutes" : "\(Int(timeout.rounded(.up))) seconds"
                throw InfisicalError(.timeout, "no browser login arrived within \(span)",
                                     hint: "run `infisical-tui login` again, or use --email (password on stdin) or --paste")
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&p, 1, Int32(max(1, min(200, left * 1000))))
            if n <= 0 { continue }
            let c = accept(fd, nil, nil)
            if c < 0 { continue }
            _ = fcntl(c, F_SETFD, FD_CLOEXEC)
            if let creds = serve(c) { return creds }
        }
    }

    // MARK: one connection

    private struct Request { var method: String; var headers: [String: String]; var body: Data }

    /// Answers one request on `c` and closes it; returns credentials for the accepted POST.
    private func serve(_ c: Int32) -> UserCredentials? {
        defer { Glibc.close(c) }
        var tv = timeval(tv_sec: Int(Self.perConnectionTimeout), tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let req: Request
        switch readRequest(c) {
        case .failure(let status): respond(c, status, cors: false); return nil
        case .success(let r): req = r
        }
        let originOK = req.headers["origin"] == allowedOrigin
        switch req.method {
        case "OPTIONS":
            respond(c, originOK ? 204 : 403, cors: originOK)
            return nil
        case "POST":
            guard originOK else { respond(c, 403, cors: false); return nil }
            guard let creds = UserCredentials.parse(req.body) else { respond(c, 400, cors: true); return nil }
            respond(c, 200, cors: true)
            return creds
        default:
            respond(c, 405, cors: false)
            return nil
        }
    }

    private func readRequest(_ c: Int32) -> Result<Request, StatusCode> {
        var buffer = Data()
        let headerCap = 16 << 10
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            guard let chunk = receive(c, max: 8192) else { return .failure(StatusCode(400)) }
            buffer.append(chunk)
            headerEnd = buffer.range(of: Data("\r\n\r\n".utf8))
            if headerEnd == nil && buffer.count > headerCap { return .failure(StatusCode(431)) }
        }
        let head = String(decoding: buffer[..<headerEnd!.lowerBound], as: UTF8.self)
        var rest = Data(buffer[headerEnd!.upperBound...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for l in lines {
            guard let i = l.firstIndex(of: ":") else { continue }
            headers[l[..<i].lowercased().trimmingCharacters(in: .whitespaces)] = l[l.index(after: i)...].trimmingCharacters(in: .whitespaces)
        }
        let method = requestLine.first.map(String.init) ?? ""
        if headers["transfer-encoding"] != nil { return .failure(StatusCode(411)) }   // Content-Length only
        let length = Int(headers["content-length"] ?? "0") ?? -1
        if length < 0 { return .failure(StatusCode(400)) }
        if length > maxBodyBytes { return .failure(StatusCode(413)) }   // refused unread
        while rest.count < length {
            guard let chunk = receive(c, max: min(65536, length - rest.count)) else { return .failure(StatusCode(400)) }
            rest.append(chunk)
        }
        return .success(Request(method: method, headers: headers, body: rest.prefix(length)))
    }

    struct StatusCode: Error { var code: Int; init(_ c: Int) { code = c } }

    private func receive(_ c: Int32, max: Int) -> Data? {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let n = recv(c, &chunk, max, 0)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            return Data(chunk[0..<n])
        }
    }

    private func respond(_ c: Int32, _ status: StatusCode, cors: Bool) { respond(c, status.code, cors: cors) }

    private func respond(_ c: Int32, _ status: Int, cors: Bool) {
        let reason = [200: "OK", 204: "No Content", 400: "Bad Request", 403: "Forbidden", 405: "Method Not Allowed",
                      411: "Length Required", 413: "Payload Too Large", 431: "Request Header Fields Too Large"][status] ?? "Error"
        var out = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Length: 0\r\n"
        if cors {
            out += "Access-Control-Allow-Origin: \(allowedOrigin)\r\nAccess-Control-Allow-Methods: POST, OPTIONS\r\n"
                + "Access-Control-Allow-Headers: Content-Type\r\nVary: Origin\r\n"
        }
        out += "\r\n"
        let bytes = Array(out.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            off += n
        }
    }
}
