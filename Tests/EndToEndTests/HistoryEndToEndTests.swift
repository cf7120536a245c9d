import Foundation
import TestSupport
import XCTest

/// The history overlay (`v`) in the real binary, in a real terminal, against the real dev server:
/// a developer rolls a staging secret back to an older version (read back over the API: a new
/// version carrying the old value), production is refused before anything is sent, and a machine
/// identity against a server that refuses it the versions route (as Infisical does) is told so.
final class HistoryEndToEndTests: XCTestCase {
    /// STRIPE_SECRET_KEY selected in `env`:/stripe as `role`.
    func openOnStripeSecretKey(_ server: DevServerFixture, env: String, role: String = "developer") throws -> TmuxSession {
        let t = try server.dashboard(as: role, env: env, path: "/stripe")
        t.waitFor("Secrets · \(env) · /stripe", "STRIPE_SECRET_KEY", timeout: 60, abortOn: "EXIT=")
        t.waitFor("Key      STRIPE_PUBLISHABLE_KEY")
        t.send("Down")
        t.waitFor("Key      STRIPE_SECRET_KEY")
        return t
    }

    func getJSON(_ server: DevServerFixture, env: String) throws -> [String: Any] {
        let r = try server.cli(["secrets", "get", "STRIPE_SECRET_KEY", "--json", "--projectId", "opticworks-store",
                                "--env", env, "--path", "/stripe"], as: "admin")
        XCTAssertEqual(r.status, 0, r.output)
        let rows = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [[String: Any]]
        return rows?.first ?? [:]
    }

    func testStagingRollbackWritesANewVersionWithTheOldValue() throws {
        let server = try DevServerFixture()
        let current = try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "staging", path: "/stripe")
        let t = try openOnStripeSecretKey(server, env: "staging")
        defer { t.close() }
        t.send("v")
        let list = t.waitFor("History · STRIPE_SECRET_KEY · staging:/stripe", "v3 (now)", "v2", "v1", abortOn: "EXIT=")
        XCTAssertFalse(list.contains("sk_test"), "values are masked:\n\(list)")
        // Reveal v1 (one value, on request), then roll back to it.
        t.send("Down"); t.send("Down")
        t.waitFor("v1 by ")
        t.send("r")
        t.waitFor("v1 value: sk_test_demo_staging_OLD_v1")
        t.send("b")
        let preview = t.waitFor("Roll back STRIPE_SECRET_KEY in staging", "becomes  v4", "(the value of v1)")
        XCTAssertFalse(preview.contains("sk_test"), "the preview is masked (the reveal went with it):\n\(preview)")
        t.send("y")
        t.waitFor("✓ STRIPE_SECRET_KEY: the value of v1 is now v4 (v3 stays in the history)", abortOn: "EXIT=")
        t.waitFor("v4 (now)")
        XCTAssertEqual(try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "staging", path: "/stripe"),
                       "sk_test_demo_staging_OLD_v1")
        XCTAssertEqual(try getJSON(server, env: "staging")["version"] as? Int, 4)
        XCTAssertNotEqual(current, "sk_test_demo_staging_OLD_v1")
        // Back in the detail: who changed it (the identity that rolled back).
        t.send("Escape")
        t.waitFor("Version  v4", "Changed  by ")
        t.send("q")
        t.waitFor("EXIT=0")
    }

    func testProductionRollbackIsRefusedInTheTUI() throws {
        let server = try DevServerFixture()
        let before = try getJSON(server, env: "prod")
        let t = try openOnStripeSecretKey(server, env: "prod", role: "admin")
        defer { t.close() }
        t.send("v")
        t.waitFor("History · STRIPE_SECRET_KEY · prod:/stripe", "v1 (now)", abortOn: "EXIT=")
        t.send("b")
        let screen = t.waitFor("cannot roll back in prod: production is read-only in the TUI")
        XCTAssertFalse(screen.contains("Roll back STRIPE_SECRET_KEY"), "no preview opens")
        t.send("y")      // would confirm a preview if one had opened
        t.send("q")
        t.send("q")
        t.waitFor("EXIT=0")
        XCTAssertEqual(try getJSON(server, env: "prod")["version"] as? Int, before["version"] as? Int, "nothing was written")
    }

    func testMachineIdentityIsToldVersionHistoryNeedsAPersonLogin() throws {
        let server = try DevServerFixture(extraArgs: ["--versions-user-only"])
        let t = try openOnStripeSecretKey(server, env: "staging")
        defer { t.close() }
        t.send("v")
        t.waitFor("⚠ version history needs a person login (infisical-tui login); machine identities are refused by Infisical",
                  "v3 (now)", abortOn: "EXIT=")
        t.send("q")
        t.send("q")
        t.waitFor("EXIT=0")
    }

    /// A person's login gets the versions route even where identities are refused: no warning, and
    /// who wrote each version comes from the route's `actor`.
    func testAPersonSeesWhoWroteEachVersion() throws {
        let server = try DevServerFixture(extraArgs: ["--versions-user-only"])
        let home = server.directory + "/home-person"
        let env = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let login = try ChildProcess.run(DemoApp.binary, ["login", "--domain", server.ready.url, "--email", "jonas.weber@optic.works",
                                                          "--password", "-"], env: env, stdin: Data("demo-developer-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        let t = try TmuxSession(command: "cd /tmp && '\(DemoApp.binary)' --domain \(server.ready.url) --projectId opticworks-store --env staging --path /stripe; echo EXIT=$?; sleep 600",
                                width: 120, height: 40, paneEnvironment: env)
        defer { t.close() }
        t.waitFor("Secrets · staging · /stripe", "STRIPE_SECRET_KEY", "role: developer", timeout: 60, abortOn: "EXIT=")
        t.waitFor("Key      STRIPE_PUBLISHABLE_KEY")
        t.send("Down")
        t.waitFor("Key      STRIPE_SECRET_KEY", "Changed  by Jonas Weber")
        t.send("v")
        let screen = t.waitFor("History · STRIPE_SECRET_KEY · staging:/stripe", "v3 (now)", "v1", abortOn: "EXIT=")
        XCTAssertTrue(screen.components(separatedBy: "\n").contains { $0.contains("v3 (now)") && $0.contains("Jonas Weber") }, screen)
        XCTAssertFalse(screen.contains("person login"), "a person is not told to log in as one:\n\(screen)")
        t.send("q")
        t.send("q")
        t.waitFor("EXIT=0")
    }
}
