import Foundation
import XCTest

/// Without `--demo`: the dashboard uses the client's credentials and scope resolution (env vars,
/// flags), preselects project/environment/folder, and remembers the view for the next start.
final class ServerModeEndToEndTests: XCTestCase {
    func testFlagsPreselectAndLastViewIsRemembered() throws {
        let server = try DevServerFixture()
        let id = try XCTUnwrap(server.ready.identities.first { $0.role == "developer" })
        let home = NSTemporaryDirectory() + "/e2e-server-mode-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = [
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": id.clientId,            // credentials by environment,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": id.clientSecret,    // never argv
            "INFISICAL_DOMAIN": server.ready.url,
            "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "HOME": home,
        ]
        let bin = DemoApp.binary
        do {
            let t = try TmuxSession(command: "cd /tmp && '\(bin)' --projectId opticworks-store --env staging --path /stripe; echo EXIT=$?; sleep 600",
                                    paneEnvironment: env)
            defer { t.close() }
            t.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY", timeout: 60, abortOn: "EXIT=")
            t.waitFor("role: developer")
            t.send("q")
            t.waitFor("EXIT=0")
        }
        // Second start, no scope flags: the last view comes back.
        let t2 = try TmuxSession(command: "cd /tmp && '\(bin)'; echo EXIT=$?; sleep 600", paneEnvironment: env)
        defer { t2.close() }
        t2.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY", timeout: 60, abortOn: "EXIT=")
        t2.send("q")
        t2.waitFor("EXIT=0")
    }

    func testMissingCredentialsIsAClearErrorBeforeTheScreen() throws {
        let home = NSTemporaryDirectory() + "/e2e-nocreds-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        var env = ProcessInfo.processInfo.environment
        for k in ["INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
                  "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] { env.removeValue(forKey: k) }
        env["HOME"] = home
        env["XDG_STATE_HOME"] = home + "/state"
        env["INFISICAL_DOMAIN"] = "http://127.0.0.1:9"
        let r = ProcessRunner.run(DemoApp.binary, [], environment: env, withStderr: true)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.contains("no credentials"), r.output)
    }
}
