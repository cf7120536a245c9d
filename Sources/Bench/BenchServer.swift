import Foundation

/// An `infisical-dev-server` child for one benchmark section (its own database in a temp
/// directory; `--debug-stats` when requests are to be counted), stopped when dropped.
final class BenchServer {
    struct Ready: Decodable {
        struct Identity: Decodable { let name: String; let role: String; let clientId: String; let clientSecret: String }
        let url: String
        let identities: [Identity]
    }

    let dir: URL
    let ready: Ready
    let pid: pid_t
    let http: MiniHTTP

    static var binary: String { Child.sibling("infisical-dev-server", env: "INFISICAL_DEV_SERVER_BIN") }

    /// `stats`: pass `--debug-stats` (request counts); off, any dev server binary will do, even one
    /// from before that flag (INFISICAL_DEV_SERVER_BIN=… to compare builds).
    init(bulk: Int = 0, bulkAudit: Int = 0, stats: Bool = false, timeout: Double = 300) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("infisical-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let readyFile = dir.appendingPathComponent("ready.json").path
        var args = ["--port", "0", "--db", dir.appendingPathComponent("bench.sqlite").path, "--ready-file", readyFile,
                    "--quiet"]
        if stats { args.append("--debug-stats") }
        if bulk > 0 { args += ["--bulk", String(bulk)] }
        if bulkAudit > 0 { args += ["--bulk-audit", String(bulkAudit)] }
        pid = try Child.spawn(Self.binary, args, env: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        let deadline = Date().addingTimeInterval(timeout)
        var found: Ready?
        while found == nil, Date() < deadline {
            if let d = FileManager.default.contents(atPath: readyFile) { found = try? JSONDecoder().decode(Ready.self, from: d) }
            if found == nil {
                var st: Int32 = 0
                if waitpid(pid, &st, WNOHANG) == pid { break }
                usleep(50_000)
            }
        }
        guard let found else {
            kill(pid, SIGKILL)
            throw BenchError("dev server \(Self.binary) did not become ready")
        }
        ready = found
        http = try MiniHTTP(url: found.url)
    }

    deinit {
        kill(pid, SIGTERM)
        var st: Int32 = 0
        waitpid(pid, &st, 0)
        try? FileManager.default.removeItem(at: dir)
    }

    func identity(_ role: String) throws -> Ready.Identity {
        guard let i = ready.identities.first(where: { $0.role == role }) else { throw BenchError("no \(role) identity") }
        return i
    }

    /// The environment a client child gets: the server and credentials (never argv), its own HOME.
    func clientEnv(role: String = "admin", home: String) throws -> [String: String] {
        let i = try identity(role)
        return ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home, "XDG_STATE_HOME": home + "/state",
                "XDG_CONFIG_HOME": home + "/config", "INFISICAL_DOMAIN": ready.url,
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": i.clientId, "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": i.clientSecret]
    }

    func json(_ r: MiniHTTP.Response) throws -> [String: Any] {
        guard r.status == 200, let o = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] else {
            throw BenchError("HTTP \(r.status): \(String(decoding: r.body.prefix(200), as: UTF8.self))")
        }
        return o
    }

    /// An access token for `role` (universal-auth login).
    func token(role: String = "admin") throws -> String {
        let i = try identity(role)
        let body = try JSONSerialization.data(withJSONObject: ["clientId": i.clientId, "clientSecret": i.clientSecret])
        let o = try json(try http.request("POST", "/api/v1/auth/universal-auth/login", body: Array(body)))
        guard let t = o["accessToken"] as? String else { throw BenchError("login: no accessToken") }
        return t
    }

    func projectId(slug: String, token: String) throws -> String {
        let o = try json(try http.request("GET", "/api/v1/projects/slug/\(slug)", headers: [("Authorization", "Bearer \(token)")]))
        guard let id = o["id"] as? String else { throw BenchError("no project \(slug)") }
        return id
    }

    /// The server's request counts (`--debug-stats`).
    func stats() throws -> (requests: Int, lists200: Int, lists304: Int) {
        let o = try json(try http.request("GET", "/debug/stats"))
        let lists = o["secretLists"] as? [String: Any] ?? [:]
        return (o["requests"] as? Int ?? 0, lists["200"] as? Int ?? 0, lists["304"] as? Int ?? 0)
    }
}
