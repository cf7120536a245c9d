import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// Loopback never goes through a proxy (a `--demo` login or a local token must not travel to
/// whatever `http_proxy` names); proxy failures name the variables curl really reads; plain http
/// to a remote host is warned about once.
final class ProxyTests: XCTestCase {
    func testLoopbackBypassesTheProxyEvenWithUserNoProxy() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let proxy = try FixtureHTTPServer { _ in .init(status: 502, body: "{}") }
        defer { proxy.stop() }
        let dead = "http://127.0.0.1:9"
        let cli = try CLI(server: server, role: "viewer"); defer { cli.cleanup() }
        let port = URL(string: server.url)!.port!
        for (domain, noProxy) in [(server.url, nil), (server.url, "corp.example.com,.internal"), ("http://localhost:\(port)", nil)] as [(String, String?)] {
            var env = ["http_proxy": proxy.url, "https_proxy": dead, "HTTPS_PROXY": dead, "ALL_PROXY": dead, "all_proxy": dead,
                       "INFISICAL_DOMAIN": domain]
            if let n = noProxy { env["NO_PROXY"] = n; env["no_proxy"] = n }
            let r = try cli.run(["projects"], extraEnv: env)
            XCTAssertEqual(r.status, 0, "\(domain) NO_PROXY=\(noProxy ?? "-"): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("opticworks-store"), r.stdout)
            XCTAssertFalse(r.stderr.contains("warning"), "loopback http is not warned about: \(r.stderr)")
        }
        XCTAssertEqual(proxy.connections, 0, "a loopback request went to the proxy")

        // Control: a non-loopback host does go to the proxy (so the bypass above is the rule at
        // work, not a proxy curl ignores), and plain http to it is warned about, once.
        let remote = try cli.run(["projects"], extraEnv: ["http_proxy": proxy.url, "INFISICAL_DOMAIN": "http://infisical.invalid"])
        XCTAssertEqual(remote.status, 1)
        XCTAssertEqual(proxy.requests.first?.path, "http://infisical.invalid/api/v1/auth/universal-auth/login")
        let warnings = remote.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        XCTAssertEqual(warnings, ["warning: credentials go to infisical.invalid over plain http:// (unencrypted: anyone on the network path can read them); use https://"])
    }

    func testProxyFailureHintNamesTheVariablesCurlReads() throws {
        let cli = try CLI(server: nil); defer { cli.cleanup() }
        let r = try cli.run(["projects", "--domain", "http://infisical.invalid"],
                            extraEnv: ["http_proxy": "http://127.0.0.1:9", "INFISICAL_TOKEN": "tok.a.b"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error: cannot reach http://infisical.invalid via the proxy in http_proxy (connection refused)\n"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint: check the proxy variables curl reads: http_proxy (lower case only), HTTPS_PROXY/https_proxy, ALL_PROXY/all_proxy, and NO_PROXY/no_proxy"), r.stderr)
        XCTAssertFalse(r.stderr.contains("HTTP_PROXY"), "curl ignores HTTP_PROXY; the hint must not send users there")
        // HTTPS through an unresolvable proxy.
        let h = try cli.run(["projects", "--domain", "https://infisical.invalid"],
                            extraEnv: ["HTTPS_PROXY": "http://proxy.invalid:3128", "INFISICAL_TOKEN": "tok.a.b"])
        XCTAssertEqual(h.status, 1)
        XCTAssertTrue(h.stderr.contains("cannot resolve the proxy for https://infisical.invalid via the proxy in HTTPS_PROXY"), h.stderr)
    }

    func testNoProxyListAndLoopbackRule() {
        XCTAssertEqual(ProxyEnvironment.noProxyList(environment: [:]), "localhost,127.0.0.0/8,::1")
        XCTAssertEqual(ProxyEnvironment.noProxyList(environment: ["no_proxy": "a.com, b.com", "NO_PROXY": "b.com,c.com"]),
                       "a.com,b.com,c.com,localhost,127.0.0.0/8,::1")
        XCTAssertEqual(ProxyEnvironment.noProxyList(environment: ["NO_PROXY": "*"]), "*")
        for h in ["localhost", "LOCALHOST.", "127.0.0.1", "127.255.1.2", "::1", "[::1]"] { XCTAssertTrue(Loopback.isLoopbackHost(h), h) }
        for h in ["10.0.0.1", "128.0.0.1", "localhost.example.com", "::2", "example.com", "0.0.0.0"] { XCTAssertFalse(Loopback.isLoopbackHost(h), h) }
        XCTAssertEqual(ProxyEnvironment.variable(for: "http://x.example.com/", environment: ["HTTP_PROXY": "p"]), nil, "curl ignores HTTP_PROXY")
        XCTAssertEqual(ProxyEnvironment.variable(for: "http://x.example.com/", environment: ["http_proxy": "p"]), "http_proxy")
        XCTAssertEqual(ProxyEnvironment.variable(for: "https://x.example.com/", environment: ["ALL_PROXY": "p"]), "ALL_PROXY")
        XCTAssertEqual(ProxyEnvironment.variable(for: "https://x.example.com/", environment: ["ALL_PROXY": "p", "no_proxy": "example.com"]), nil)
        XCTAssertEqual(ProxyEnvironment.variable(for: "http://127.0.0.1:8080/", environment: ["http_proxy": "p"]), nil)
        let remote = ClientConfiguration(domain: URL(string: "http://infisical.lan")!, credentials: .accessToken("t"))
        XCTAssertNotNil(remote.transportWarning)
        XCTAssertNil(ClientConfiguration(domain: URL(string: "https://infisical.lan")!, credentials: .accessToken("t")).transportWarning)
        XCTAssertNil(ClientConfiguration(domain: URL(string: "http://127.0.0.1:8080")!, credentials: .accessToken("t")).transportWarning)
        XCTAssertNil(ClientConfiguration(domain: URL(string: "http://infisical.lan")!, credentials: nil).transportWarning)
    }
}
