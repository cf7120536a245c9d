import CSupport
import Foundation
import XCTest

struct ReadyIdentity: Decodable, Sendable {
    let name: String
    let role: String
    let clientId: String
    let clientSecret: String
}

struct ReadyInfo: Decodable, Sendable {
    let url: String
    let identities: [ReadyIdentity]
}

/// A real `infisical-dev-server` child process: `--port 0 --db <file> --ready-file <file>`.
/// Spawned with cs_spawn (empty signal mask: XCTest threads block signals and children inherit that).
final class ServerProcess: @unchecked Sendable {
    let dir: URL
    let dbPath: String
    let readyPath: String
    let logPath: String
    let pid: pid_t
    let ready: ReadyInfo
    let http: HTTPClient
    private let lock = NSLock()
    private var tokens: [String: String] = [:]
    private var projectIds: [String: String] = [:]
    private var stopped = false

    static var binaryPath: String {
        if let p = ProcessInfo.processInfo.environment["INFISICAL_DEV_SERVER_BIN"], !p.isEmpty { return p }
        return productsDirectory + "/infisical-dev-server"
    }

    /// `.build/<triple>/debug`: the directory holding the `.xctest` bundle that runs us.
    static var productsDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe)
        while url.path != "/" && !url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        if url.path == "/" { return URL(fileURLWithPath: exe).deletingLastPathComponent().path }
        return url.deletingLastPathComponent().path
    }

    static func makeTempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("devserver-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Starts a server. Pass `dir` to reuse a database directory (restart after a kill).
    init(args: [String] = [], dir existing: URL? = nil) throws {
        let bin = Self.binaryPath
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            throw HTTPError(description: "infisical-dev-server not found at \(bin) (build with `swift build --build-tests` or set INFISICAL_DEV_SERVER_BIN)")
        }
        dir = try existing ?? Self.makeTempDir()
        dbPath = dir.appendingPathComponent("db.sqlite").path
        readyPath = dir.appendingPathComponent("ready-\(UUID().uuidString).json").path
        logPath = dir.appendingPathComponent("server.log").path
        let argv0 = [bin, "--port", "0", "--db", dbPath, "--ready-file", readyPath] + args
        let argv = argv0.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), strdup("LANG=C.UTF-8"), nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        let logFd = open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        pid = cs_spawn(bin, argv, envp, -1, logFd, logFd)
        close(logFd)
        guard pid > 0 else { throw HTTPError(description: "cs_spawn(\(bin)) failed") }
        // Bounded poll for the ready file; bail out early if the child dies.
        let deadline = Date().addingTimeInterval(15)
        var parsed: ReadyInfo?
        var exited = false
        while Date() < deadline {
            if let d = FileManager.default.contents(atPath: readyPath), let r = try? JSONDecoder().decode(ReadyInfo.self, from: d) {
                parsed = r; break
            }
            var st: Int32 = 0
            if waitpid(pid, &st, WNOHANG) == pid { exited = true; break }
            usleep(20_000)
        }
        guard let parsed else {
            if !exited { kill(pid, SIGKILL); var st: Int32 = 0; waitpid(pid, &st, 0) }
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw HTTPError(description: "dev server \(exited ? "exited" : "not ready within 15 s") (args \(args)); log:\n\(log.suffix(2000))")
        }
        ready = parsed
        http = try HTTPClient(url: parsed.url)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then SIGKILL after 5 s. Keeps the directory unless `removeFiles`.
    func stop(removeFiles: Bool = true) {
        lock.lock(); let already = stopped; stopped = true; lock.unlock()
        if !already {
            kill(pid, SIGTERM)
            var st: Int32 = 0
            let deadline = Date().addingTimeInterval(5)
            while waitpid(pid, &st, WNOHANG) != pid {
                if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &st, 0); break }
                usleep(10_000)
            }
        }
        if removeFiles { try? FileManager.default.removeItem(at: dir) }
    }

    /// `kill -9`: no chance to flush anything that was not already durable.
    func kill9() {
        lock.lock(); stopped = true; lock.unlock()
        kill(pid, SIGKILL)
        var st: Int32 = 0
        waitpid(pid, &st, 0)
    }

    func identity(_ role: String) throws -> ReadyIdentity {
        guard let i = ready.identities.first(where: { $0.role == role }) else {
            throw HTTPError(description: "ready file has no identity with role \(role)")
        }
        return i
    }

    func login(clientId: String, clientSecret: String) throws -> HTTPResponse {
        try http.send("POST", "/api/v1/auth/universal-auth/login", json: ["clientId": clientId, "clientSecret": clientSecret])
    }

    /// A cached access token per role (universal auth login).
    func token(_ role: String) throws -> String {
        lock.lock(); let cached = tokens[role]; lock.unlock()
        if let cached { return cached }
        let id = try identity(role)
        let r = try login(clientId: id.clientId, clientSecret: id.clientSecret)
        guard r.status == 200, let t = r.json?["accessToken"]?.string else {
            throw HTTPError(description: "login as \(role) failed: \(r)")
        }
        lock.lock(); tokens[role] = t; lock.unlock()
        return t
    }

    func projectId(_ slug: String) throws -> String {
        lock.lock(); let cached = projectIds[slug]; lock.unlock()
        if let cached { return cached }
        let r = try http.send("GET", "/api/v1/projects/slug/\(slug)", headers: ["Authorization": "Bearer \(try token("admin"))"])
        guard r.status == 200, let id = r.json?["id"]?.string else { throw HTTPError(description: "project \(slug): \(r)") }
        lock.lock(); projectIds[slug] = id; lock.unlock()
        return id
    }
}

/// Decodes a JWT payload (no verification: clients cannot verify it either).
func jwtPayload(_ token: String) -> JSON? {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return nil }
    var b64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while b64.count % 4 != 0 { b64 += "=" }
    guard let d = Data(base64Encoded: b64) else { return nil }
    return JSON.parse(d)
}
