import Foundation
import TestSupport
import XCTest

/// Copy-to-file end-to-end: the dashboard in server mode (an identity's credentials in the pane's
/// environment, never argv), started in a private working directory so `.env.local` lands there.
final class ExportHarness {
    let server: DevServerFixture
    let workdir: String
    let home: String
    let identity: DevServerReady.Identity
    var tmux: TmuxSession!

    init(role: String = "viewer") throws {
        server = try DevServerFixture()
        guard let id = server.ready.identities.first(where: { $0.role == role }) else { throw TmuxError("no \(role) identity") }
        identity = id
        var template = Array((NSTemporaryDirectory() + "/e2e-exp.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        home = String(cString: made)
        // realpath: the app reports the absolute path it resolved from its working directory.
        workdir = (URL(fileURLWithPath: home + "/work").resolvingSymlinksInPath()).path
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
    }

    var credentials: [String: String] {
        ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": identity.clientId,
         "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": identity.clientSecret,
         "INFISICAL_DOMAIN": server.ready.url,
         "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "HOME": home]
    }

    /// Starts the dashboard at 80×24 on `env` and `path` of opticworks-store and waits for `waitKey`.
    func start(env: String, path: String, waitKey: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let cwd = (URL(fileURLWithPath: workdir).standardizedFileURL).path
        tmux = try TmuxSession(command: "cd '\(cwd)' && '\(DemoApp.binary)' --projectId opticworks-store --env \(env) --path \(path); echo EXIT=$?; sleep 600",
                               width: 80, height: 24, paneEnvironment: credentials)
        tmux.waitFor("Secrets · \(env) · \(path)", waitKey, timeout: 60, abortOn: "EXIT=", file: file, line: line)
    }

    deinit {
        tmux?.close()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// The server's values (what the API returns with values), via the CLI, as key → value.
    func serverValues(env: String, path: String) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(credentials) { $1 }
        let r = ProcessRunner.run(DemoApp.binary, ["secrets", "list", "--json", "--reveal", "--projectId", "opticworks-store",
                                                   "--env", env, "--path", path], environment: environment)
        guard r.status == 0 else { throw TmuxError("secrets list failed (\(r.status)): \(r.output)") }
        let rows = (try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [[String: Any]]) ?? []
        var out: [String: String] = [:]
        for row in rows { if let k = row["key"] as? String, let v = row["value"] as? String { out[k] = v } }
        return out
    }

    /// A dotenv file as python-dotenv reads it (the venv's python if it has python-dotenv, else python3).
    static func pythonDotenv(_ path: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv/bin/python").path
        let script = "import json,sys; from dotenv import dotenv_values; sys.stdout.write(json.dumps(dotenv_values(sys.argv[1])))"
        var candidates = ["/usr/bin/env"]
        if FileManager.default.isExecutableFile(atPath: venv) { candidates.insert(venv, at: 0) }
        var last = ""
        for python in candidates {
            let args = python == "/usr/bin/env" ? ["python3", "-c", script, path] : ["-c", script, path]
            let r = ProcessRunner.run(python, args, withStderr: false)
            if r.status == 0 { return (try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: String]) ?? [:] }
            last = "\(python) exited \(r.status)"
        }
        throw TmuxError("python-dotenv is not available (\(last)); install it: pip install python-dotenv")
    }

    func file(_ name: String) -> String { workdir + "/" + name }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    func git(_ args: String...) throws {
        let r = ProcessRunner.run("/usr/bin/env", ["git", "-C", workdir] + args, withStderr: true)
        guard r.status == 0 else { throw TmuxError("git \(args) failed: \(r.output)") }
    }
}
