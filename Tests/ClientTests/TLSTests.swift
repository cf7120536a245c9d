import TestSupport
import Foundation
import XCTest
@testable import InfisicalClient

/// TLS verification is always on: a self-signed server is refused with a hint, and accepted once
/// its CA is given with --cacert / SSL_CERT_FILE. The server is python's http.server wrapped in
/// ssl (a real TLS handshake through libcurl/OpenSSL).
final class TLSTests: XCTestCase {
    func testPrivateCARequiresCACert() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        let gen = try ChildProcess.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                             "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                                        env: ["PATH": "/usr/bin:/bin"])
        guard gen.status == 0 else { throw XCTSkip("openssl cannot make a certificate: \(gen.stderr)") }
        let portFile = dir.appendingPathComponent("port").path
        let script = """
        import http.server, ssl, sys, json, os
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"projects": []}).encode()
                self.send_response(200); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
            def log_message(self, *a): pass
        s = http.server.HTTPServer(("127.0.0.1", 0), H)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[1], sys.argv[2])
        s.socket = ctx.wrap_socket(s.socket, server_side=True)
        open(sys.argv[3] + ".tmp", "w").write("%d %d" % (s.server_address[1], os.getpid()))
        os.rename(sys.argv[3] + ".tmp", sys.argv[3])
        s.serve_forever()
        """
        let scriptPath = dir.appendingPathComponent("srv.py").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let server = Thread {
            _ = try? ChildProcess.run("/usr/bin/env", ["python3", scriptPath, cert, key, portFile], env: ProcessInfo.processInfo.environment, timeout: 30)
        }
        server.start()
        var info = ""
        for _ in 0..<250 where info.isEmpty { info = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? ""; usleep(20_000) }
        let parts = info.split(separator: " ")
        guard parts.count == 2, let pid = Int32(parts[1]) else { return XCTFail("TLS fixture did not start") }
        defer { kill(pid, SIGTERM) }
        let port = String(parts[0])
        let url = URL(string: "https://127.0.0.1:\(port)")!

        let untrusted = try InfisicalAPI(configuration: ClientConfiguration(domain: url, credentials: .accessToken("t")))
        XCTAssertThrowsError(try untrusted.listProjects()) {
            let e = $0 as? InfisicalError
            XCTAssertEqual(e?.kind, .tls, "\($0)")
            XCTAssertEqual(e?.hint, "for a private CA pass --cacert FILE (or SSL_CERT_FILE)")
        }
        let trusted = try InfisicalAPI(configuration: ClientConfiguration(domain: url, credentials: .accessToken("t"), caCertPath: cert))
        XCTAssertEqual(try trusted.listProjects(), [])
        // Through the binary with SSL_CERT_FILE (the resolver maps it to the CA bundle).
        let cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        let r = try cli.run(["projects", "--json"], extraEnv: ["INFISICAL_DOMAIN": url.absoluteString, "INFISICAL_TOKEN": "t", "SSL_CERT_FILE": cert])
        XCTAssertEqual(r.status, 0, r.stderr); XCTAssertEqual(r.stdout, "[]\n")
        XCTAssertThrowsError(try InfisicalAPI(configuration: ClientConfiguration(domain: url, credentials: nil, caCertPath: "/nonexistent.pem"))) {
            XCTAssertEqual(($0 as? InfisicalError)?.kind, .config)
        }
    }
}

import InfisicalModels
