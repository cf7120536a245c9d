import CSupport
import Foundation
import XCTest

/// One `infisical-dev-server` per test: `--port 0 --db <tmp> --ready-file <tmp>`, killed in `stop()`.
final class DevServerFixture {
    struct Identity: Decodable { var name: String; var role: String; var clientId: String; var clientSecret: String; var identityId: String? }
    struct Ready: Decodable { var url: String; var identities: [Identity] }

    let dir: URL
    let pid: pid_t
    let ready: Ready
    var url: String { ready.url }

    init(extraArgs: [String] = []) throws {
        let bin = ProcessRunner.binary("infisical-dev-server", envOverride: "INFISICAL_DEV_SERVER_BIN")
        guard FileManager.default.isExecutableFile(atPath: bin) else { throw XCTSkip("dev server binary missing at \(bin)") }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let readyPath = dir.appendingPathComponent("ready.json").path
        let args = [bin, "--port", "0", "--db", dir.appendingPathComponent("db.sqlite").path, "--ready-file", readyPath] + extraArgs
        let argv = args.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        let logFd = open(dir.appendingPathComponent("server.log").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        pid = cs_spawn(bin, argv, envp, -1, logFd, logFd)
        close(logFd)
        guard pid > 0 else { throw NSError(domain: "devserver", code: 1) }
        let deadline = Date().addingTimeInterval(30)
        var parsed: Ready?
        while Date() < deadline {
            if let d = FileManager.default.contents(atPath: readyPath), let r = try? JSONDecoder().decode(Ready.self, from: d) { parsed = r; break }
            var st: Int32 = 0
            if waitpid(pid, &st, WNOHANG) == pid { break }
            usleep(20_000)
        }
        guard let parsed else {
            kill(pid, SIGKILL); var st: Int32 = 0; waitpid(pid, &st, 0)
            let log = (try? String(contentsOf: dir.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw NSError(domain: "devserver", code: 2, userInfo: [NSLocalizedDescriptionKey: "dev server did not become ready: \(log)"])
        }
        ready = parsed
    }

    func identity(_ role: String) -> Identity { ready.identities.first { $0.role == role }! }

    func stop() {
        kill(pid, SIGTERM)
        var st: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while waitpid(pid, &st, WNOHANG) != pid {
            if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &st, 0); break }
            usleep(10_000)
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Runs the real `infisical-tui` binary with a clean environment (own HOME/XDG dirs, no inherited
/// INFISICAL_* variables). Credentials travel in the environment, never argv.
struct CLI {
    let home: URL
    var env: [String: String]

    init(server: DevServerFixture?, role: String? = "admin") throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        env = ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
               "LANG": "C.UTF-8"]
        if let server { env["INFISICAL_DOMAIN"] = server.url }
        if let server, let role {
            let i = server.identity(role)
            env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = i.clientId
            env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = i.clientSecret
        }
    }

    @discardableResult
    func run(_ args: [String], stdin: Data? = nil, extraEnv: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let bin = ProcessRunner.binary("infisical-tui", envOverride: "INFISICAL_TUI_BIN")
        return try ProcessRunner.run(bin, args, env: env.merging(extraEnv) { $1 }, stdin: stdin, cwd: home.path)
    }

    func cleanup() { try? FileManager.default.removeItem(at: home) }
}
