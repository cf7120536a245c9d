import Foundation
import TestSupport

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
    func run(_ args: [String], stdin: Data? = nil, extraEnv: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> ChildResult {
        try ChildProcess.run(BuiltBinary.tui, args, env: env.merging(extraEnv) { $1 }, stdin: stdin, cwd: home.path)
    }

    func cleanup() { try? FileManager.default.removeItem(at: home) }
}
