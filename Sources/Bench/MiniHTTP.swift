import Foundation

/// A minimal HTTP/1.1 client over one keep-alive loopback socket: it sends a request and reads
/// the status, headers and body bytes, nothing more (no parsing, no cache), so a timing of a
/// request measures the server and the transfer only.
final class MiniHTTP {
    struct Response { var status: Int; var headers: [String: String]; var body: [UInt8] }

    let host: String
    let port: UInt16
    private var fd: Int32 = -1
    private var pending: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)

    init(url: String) throws {
        guard let u = URL(string: url), let h = u.host, let p = u.port else { throw BenchError("bad URL \(url)") }
        host = h
        port = UInt16(p)
    }

    deinit { if fd >= 0 { close(fd) } }

    private func connect() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &addr.sin_addr)
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else { close(fd); fd = -1; throw BenchError("connect \(host):\(port): errno \(errno)") }
        pending = []
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> Response {
        if fd < 0 { try connect() }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: infisical-bench\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if let body { out += body }
        var sent = 0
        while sent < out.count {
            let n = out[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { close(fd); fd = -1; throw BenchError("send failed") }
            sent += n
        }
        return try readResponse(head: method == "HEAD")
    }

    private func fill() throws {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { close(fd); fd = -1; throw BenchError("connection closed") }
        pending.append(contentsOf: buffer[0..<n])
    }

    private func readResponse(head: Bool) throws -> Response {
        let sep: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            if let r = Self.find(sep, in: pending) { end = r } else { try fill() }
        }
        let headText = String(decoding: pending[0..<end!], as: UTF8.self)
        pending.removeFirst(end! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for l in lines {
            guard let c = l.firstIndex(of: ":") else { continue }
            headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if head || status == 304 || status == 204 {
        } else if let len = headers["content-length"].flatMap(Int.init) {
            while pending.count < len { try fill() }
            body = Array(pending[0..<len])
            pending.removeFirst(len)
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while true {
                var lineEnd: Int?
                while lineEnd == nil { if let r = Self.find([13, 10], in: pending) { lineEnd = r } else { try fill() } }
                let size = Int(String(decoding: pending[0..<lineEnd!], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                pending.removeFirst(lineEnd! + 2)
                while pending.count < size + 2 { try fill() }
                body += pending[0..<size]
                pending.removeFirst(size + 2)
                if size == 0 { break }
            }
        }
        return Response(status: status, headers: headers, body: body)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
