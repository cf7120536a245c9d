import Foundation

/// A tiny HTTP/1.1 server on a loopback socket for transport edge cases the dev server cannot
/// produce on demand (429, 5xx, malformed, huge, slow, redirects). Keep-alive is supported; one
/// thread per connection. Not a mock: the client speaks real HTTP to it through libcurl.
final class FixtureHTTPServer: @unchecked Sendable {
    struct Request { var method: String; var path: String; var headers: [String: String]; var body: Data }
    struct Response {
        var status: Int = 200
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        var body: Data = Data("{}".utf8)
        var delay: TimeInterval = 0
        /// Sent before the body and then the body dribbles (for slow/timeout tests).
        var chunkDelay: TimeInterval = 0
        init(status: Int = 200, headers: [(String, String)] = [("Content-Type", "application/json")], body: String = "{}",
             delay: TimeInterval = 0) {
            self.status = status; self.headers = headers; self.body = Data(body.utf8); self.delay = delay
        }
    }

    let port: UInt16
    private let fd: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var _requests: [Request] = []
    private var _connections = 0
    private var stopped = false

    var requests: [Request] { lock.lock(); defer { lock.unlock() }; return _requests }
    var connections: Int { lock.lock(); defer { lock.unlock() }; return _connections }
    var url: String { "http://127.0.0.1:\(port)" }

    init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0, listen(fd, 16) == 0 else { throw NSError(domain: "fixture", code: Int(errno)) }
        var bound = sockaddr_in(); var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        self.fd = fd
        port = UInt16(bigEndian: bound.sin_port)
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR)); close(fd)
    }

    private func acceptLoop() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { lock.lock(); let s = stopped; lock.unlock(); if s || errno == EBADF || errno == EINVAL { return }; continue }
            lock.lock(); _connections += 1; lock.unlock()
            Thread { [self] in serve(c) }.start()
        }
    }

    private func serve(_ c: Int32) {
        defer { close(c) }
        var buffer = Data()
        while true {
            // Read headers.
            var headerEnd: Range<Data.Index>?
            while true {
                if let r = buffer.range(of: Data("\r\n\r\n".utf8)) { headerEnd = r; break }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = recv(c, &chunk, chunk.count, 0)
                if n <= 0 { return }
                buffer.append(contentsOf: chunk[0..<n])
            }
            let head = String(decoding: buffer[..<headerEnd!.lowerBound], as: UTF8.self)
            buffer.removeSubrange(..<headerEnd!.upperBound)
            var lines = head.components(separatedBy: "\r\n")
            let requestLine = lines.removeFirst().split(separator: " ")
            var headers: [String: String] = [:]
            for l in lines { if let i = l.firstIndex(of: ":") {
                headers[l[..<i].lowercased()] = l[l.index(after: i)...].trimmingCharacters(in: .whitespaces) } }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            while buffer.count < length {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = recv(c, &chunk, chunk.count, 0)
                if n <= 0 { return }
                buffer.append(contentsOf: chunk[0..<n])
            }
            let body = buffer.prefix(length); buffer.removeFirst(length)
            let req = Request(method: requestLine.count > 0 ? String(requestLine[0]) : "",
                              path: requestLine.count > 1 ? String(requestLine[1]) : "", headers: headers, body: Data(body))
            lock.lock(); _requests.append(req); lock.unlock()
            let resp = handler(req)
            if resp.delay > 0 { Thread.sleep(forTimeInterval: resp.delay) }
            var out = "HTTP/1.1 \(resp.status) X\r\n"
            for (k, v) in resp.headers { out += "\(k): \(v)\r\n" }
            out += "Content-Length: \(resp.body.count)\r\n\r\n"
            if !sendAll(c, Data(out.utf8)) { return }
            if resp.chunkDelay > 0 {
                for b in resp.body { Thread.sleep(forTimeInterval: resp.chunkDelay); if !sendAll(c, Data([b])) { return } }
            } else if !sendAll(c, resp.body) { return }
        }
    }

    private func sendAll(_ c: Int32, _ d: Data) -> Bool {
        d.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = send(c, raw.baseAddress! + off, raw.count - off, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                off += n
            }
            return true
        }
    }
}
