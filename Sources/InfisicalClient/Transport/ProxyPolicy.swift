import Foundation

/// Loopback hosts: `localhost`, 127.0.0.0/8 and `::1`. Requests to them never go through a proxy
/// (a `--demo` login or a local server's bearer token must not travel to whatever `http_proxy`
/// names), and plain http to them is not warned about.
public enum Loopback {
    public static func isLoopbackHost(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h.hasSuffix(".") { h.removeLast() }
        if h == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, h, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, h, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { b in b.prefix(15).allSatisfy { $0 == 0 } && b[15] == 1 }
        }
        return false
    }
}

/// The proxy variables as libcurl really reads them (not as folklore has it): `http_proxy` in
/// lower case only (curl ignores `HTTP_PROXY`, a CGI hazard), `https_proxy` or `HTTPS_PROXY`,
/// `all_proxy` or `ALL_PROXY` as the fallback, and `no_proxy` / `NO_PROXY` for exceptions.
public enum ProxyEnvironment {
    /// Always excluded from proxying (CIDR entries need libcurl 7.86+).
    public static let loopbackEntries = ["localhost", "127.0.0.0/8", "::1"]

    /// The hint for every failure that may be the proxy's.
    public static let hint = "check the proxy variables curl reads: http_proxy (lower case only), HTTPS_PROXY/https_proxy, ALL_PROXY/all_proxy, and NO_PROXY/no_proxy"

    /// `CURLOPT_NOPROXY`: the user's `no_proxy`/`NO_PROXY` entries plus the loopback ones. Setting
    /// the option replaces curl's own reading of the variables, hence the merge. A lone `*` (no
    /// proxy at all) is kept as it is: curl honours `*` only as the whole list.
    public static func noProxyList(environment env: [String: String]) -> String {
        let user = [env["no_proxy"], env["NO_PROXY"]].compactMap { $0 }
        if user.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "*" }) { return "*" }
        var entries: [String] = []
        for list in user {
            for e in list.split(whereSeparator: { $0 == "," || $0 == " " }) where !entries.contains(String(e)) {
                entries.append(String(e))
            }
        }
        return (entries + loopbackEntries.filter { !entries.contains($0) }).joined(separator: ",")
    }

    /// The variable curl takes its proxy from for `url` (its name, never its value, which may hold
    /// a password), or nil when the request goes direct.
    public static func variable(for url: String, environment env: [String: String]) -> String? {
        guard let u = URLComponents(string: url), let host = u.host else { return nil }
        if Loopback.isLoopbackHost(host) { return nil }
        let list = noProxyList(environment: env)
        if list == "*" { return nil }
        let h = host.lowercased()
        for e in list.split(separator: ",") {
            var entry = e.lowercased()
            if entry.hasPrefix(".") { entry.removeFirst() }
            if h == entry || h.hasSuffix("." + entry) { return nil }
        }
        let scheme = u.scheme?.lowercased() ?? "http"
        let names = (scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]) + ["all_proxy", "ALL_PROXY"]
        return names.first { !(env[$0] ?? "").isEmpty }
    }
}

extension ClientConfiguration {
    /// One line when credentials would cross the network unencrypted (plain `http://` to a host
    /// that is not loopback); nil otherwise. The CLI prints it on stderr; the dashboard shows it on
    /// its status line.
    public var transportWarning: String? {
        guard credentials != nil, domain.scheme?.lowercased() == "http", let host = domain.host,
              !Loopback.isLoopbackHost(host) else { return nil }
        return "credentials go to \(host) over plain http:// (unencrypted: anyone on the network path can read them); use https://"
    }
}

extension InfisicalAPI {
    /// See `ClientConfiguration.transportWarning`.
    public var transportWarning: String? { configuration.transportWarning }
}
