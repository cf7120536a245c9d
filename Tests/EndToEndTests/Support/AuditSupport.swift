import Foundation
import TestSupport
import XCTest

/// Audit end-to-end: a dev server of our own with `--bulk-audit` history, the dashboard in server
/// mode as an identity (credentials in the pane's environment, never argv), TZ=UTC so typed local
/// times equal UTC, in a private working directory (exports land there).
final class AuditHarness {
    let server: DevServerProcess
    let identity: DevServerReady.Identity
    let home: String
    let workdir: String
    var tmux: TmuxSession!

    init(role: String = "admin", bulkAudit: Int = 10_000) throws {
        do {
            server = try DevServerProcess(args: ["--db", ":memory:", "--bulk-audit", String(bulkAudit)], readyTimeout: 90)
        } catch let e as DevServerError {
            throw TmuxError("dev server not ready: \(e.description)")
        }
        guard let id = server.ready.identities.first(where: { $0.role == role }) else { throw TmuxError("no \(role) identity") }
        identity = id
        var template = Array((NSTemporaryDirectory() + "/e2e-audit.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        home = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
        workdir = home + "/work"
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
    }

    deinit {
        tmux?.close()
        server.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    var environment: [String: String] {
        ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": identity.clientId,
         "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": identity.clientSecret,
         "INFISICAL_DOMAIN": server.ready.url, "TZ": "UTC",
         "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "HOME": home]
    }

    /// The dashboard on opticworks-store `env` `path`, waiting until `waitKey` shows.
    func start(env: String = "prod", path: String = "/stripe", waitKey: String = "STRIPE_SECRET_KEY",
               width: Int = 120, height: Int = 40, file: StaticString = #filePath, line: UInt = #line) throws {
        tmux = try TmuxSession(command: "cd '\(workdir)' && '\(DemoApp.binary)' --projectId opticworks-store --env \(env) --path \(path); echo EXIT=$?; sleep 600",
                               width: width, height: height, paneEnvironment: environment)
        tmux.waitFor("Secrets · \(env) · \(path)", waitKey, timeout: 60, abortOn: "EXIT=", file: file, line: line)
    }

    /// Runs the CLI with the same identity (the server's own answer, independent of the TUI).
    func cli(_ args: [String], as role: String? = nil) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        if let role, let other = server.ready.identities.first(where: { $0.role == role }) {
            env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = other.clientId
            env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = other.clientSecret
        }
        let r = ProcessRunner.run(DemoApp.binary, args, environment: env)
        guard r.status == 0 else { throw TmuxError("infisical-tui \(args.joined(separator: " ")) failed (\(r.status)): \(r.output)") }
        return r.output
    }

    /// Types into the audit filter form: fields in order actor, event, env, key, from, to (nil =
    /// leave as is), then Enter.
    func fillFilters(_ values: [String?]) {
        tmux.send("/")
        tmux.waitFor("Audit filters")
        for (i, v) in values.enumerated() {
            if let v {
                tmux.send("C-u")
                if !v.isEmpty { tmux.type(v) }
            }
            if i < values.count - 1 { tmux.send("Tab") }
        }
        tmux.send("Enter")
    }

    /// The rows of the audit table on screen (lines between the header and the bottom border).
    static func tableRows(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        guard let h = lines.firstIndex(where: { $0.contains("TIME") && $0.contains("PATH/KEY") }) else { return [] }
        return lines[(h + 1)...].prefix { !$0.hasPrefix("└") }.filter { !$0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")).isEmpty }
    }

    /// "N loaded · end" → N.
    static func loadedCount(_ screen: String) -> Int? {
        guard let r = screen.range(of: #"(\d+) loaded · end"#, options: .regularExpression) else { return nil }
        return Int(screen[r].split(separator: " ").first ?? "")
    }
}
