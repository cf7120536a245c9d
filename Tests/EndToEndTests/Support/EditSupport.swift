import Foundation
import XCTest

/// Server-mode dashboards and CLI calls as a given demo identity (credentials in the environment,
/// never argv), for the editing tests.
extension DevServerFixture {
    func credentials(_ role: String) throws -> [String: String] {
        guard let id = ready.identities.first(where: { $0.role == role }) else { throw TmuxError("no \(role) identity") }
        return ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": id.clientId,
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": id.clientSecret,
                "INFISICAL_DOMAIN": ready.url]
    }

    /// `infisical-tui <args>` as `role`; stdout (and stderr) in `output`.
    func cli(_ args: [String], as role: String) throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        env.merge(try credentials(role)) { $1 }
        env["HOME"] = directory
        env["XDG_STATE_HOME"] = directory + "/state-\(role)"
        env["XDG_CONFIG_HOME"] = directory + "/config-\(role)"
        return ProcessRunner.run(DemoApp.binary, args, environment: env, withStderr: true)
    }

    /// The dashboard in server mode as `role`, opened on a project/env/path.
    func dashboard(as role: String, env: String, path: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        var pane = try credentials(role)
        let home = directory + "/home-\(role)-\(env)-\(UUID().uuidString.prefix(8))"
        pane["HOME"] = home
        pane["XDG_STATE_HOME"] = home + "/state"
        pane["XDG_CONFIG_HOME"] = home + "/config"
        return try TmuxSession(command: "cd /tmp && '\(DemoApp.binary)' --projectId opticworks-store --env \(env) --path \(path); echo EXIT=$?; sleep 600",
                               width: width, height: height, paneEnvironment: pane)
    }
}

extension TmuxSession {
    /// Pastes `text` as the terminal would (bracketed, because the app asked for it).
    func paste(_ text: String) {
        tmux(["set-buffer", "-b", "e2e", text])
        tmux(["paste-buffer", "-p", "-d", "-b", "e2e", "-t", "app"])
    }
}
