import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP exchange, raw: status, headers (names lowercased) and body bytes.
struct HTTPResponse: CustomStringConvertible {
    let status: Int
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSON? { JSON.parse(body) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
    var description: String { "HTTP \(status) \(text.prefix(600))" }
}

struct HTTPError: Error, CustomStringConvertible {
    let description: String
}

/// A deliberately small blocking HTTP/1.1 client over a loopback socket. We want exact control of
/// the request (User-Agent present or absent, trailing slashes, DELETE with a JSON body, manual
/// If-None-Match) and the raw response, without URLSession caching or decompression in between.
struct HTTPClient: Sendable {
    let port: UInt16
    static let defaultUserAgent = "infisical-devserver-tests/1.0"

    init(url: String) throws {
        guard let comps = URLComponents(string: url), let p = comps.port, comps.host == "127.0.0.1" else {
            throw HTTPError(description: "ready-file url is not http://127.0.0.1:PORT: \(url)")
        }
        port = UInt16(p)
    }

    static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) { out.append(c) }
            else { out += String(format: "%%%02X", b) }
        }
        return out
    }

    func send(_ method: String, _ path: String, query: [(String, String)] = [], headers: [String: String] = [:],
              json: [String: Any]? = nil, rawBody: Data? = nil,
              userAgent: String? = HTTPClient.defaultUserAgent) throws -> HTTPResponse {
        var target = path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        var body = rawBody
        if let json { body = try JSONSerialization.data(withJSONObject: json) }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if let userAgent { head += "User-Agent: \(userAgent)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body {
            if headers.keys.first(where: { $0.lowercased() == "content-type" }) == nil {
                head += "Content-Type: application/json\r\n"
            }
            head += "Content-Length: \(body.count)\r\n"
        } else if method != "GET" && method != "HEAD" {
            head += "Content-Length: 0\r\n"
        }
        head += "\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }
        return try exchange(request, isHead: method == "HEAD")
    }

    private func exchange(_ request: Data, isHead: Bool) throws -> HTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPError(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw HTTPError(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        try request.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { throw HTTPError(description: "send failed: errno \(errno)") }
                sent += n
            }
        }
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            if let r = Self.tryParse(data, isHead: isHead) { return r }
            let n = recv(fd, &buf, buf.count, 0)
            if n < 0 { throw HTTPError(description: "recv failed (timeout?): errno \(errno); got \(data.count) bytes") }
            if n == 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        if let r = Self.tryParse(data, isHead: isHead, eof: true) { return r }
        throw HTTPError(description: "incomplete HTTP response (\(data.count) bytes): \(String(decoding: data.prefix(300), as: UTF8.self))")
    }

    /// Returns the response once it is complete (Content-Length, chunked terminator, or EOF).
    static func tryParse(_ data: Data, isHead: Bool, eof: Bool = false) -> HTTPResponse? {
        guard let sep = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let headText = String(decoding: data[data.startIndex..<sep.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for l in lines {
            guard let i = l.firstIndex(of: ":") else { continue }
            let k = l[..<i].trimmingCharacters(in: .whitespaces).lowercased()
            let v = l[l.index(after: i)...].trimmingCharacters(in: .whitespaces)
            headers[k] = headers[k].map { $0 + ", " + v } ?? v
        }
        let rest = Data(data[sep.upperBound...])
        if isHead || status == 304 || status == 204 || (100..<200).contains(status) {
            return HTTPResponse(status: status, headers: headers, body: Data())
        }
        if let len = headers["content-length"].flatMap({ Int($0) }) {
            return rest.count >= len ? HTTPResponse(status: status, headers: headers, body: rest.prefix(len)) : nil
        }
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let body = dechunk(rest) else { return nil }
            return HTTPResponse(status: status, headers: headers, body: body)
        }
        return eof ? HTTPResponse(status: status, headers: headers, body: rest) : nil
    }

    static func dechunk(_ d: Data) -> Data? {
        var out = Data()
        var i = d.startIndex
        while true {
            guard let crlf = d[i...].range(of: Data("\r\n".utf8)) else { return nil }
            let sizeText = String(decoding: d[i..<crlf.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            let start = crlf.upperBound
            if size == 0 { return out }
            guard d.endIndex >= start + size + 2 else { return nil }
            out.append(d[start..<(start + size)])
            i = start + size + 2
        }
    }
}
