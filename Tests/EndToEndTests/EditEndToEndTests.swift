import Foundation
import XCTest

/// Editing in the dashboard against a real dev server, checked over the API (the CLI with another
/// identity's credentials): a developer's edit in dev persists with its audit event, the same edit
/// in prod is refused before anything is sent, a concurrent change produces the conflict screen
/// and is not overwritten, and the viewer sees editing disabled.
final class EditEndToEndTests: XCTestCase {
    /// Dashboard as the developer on opticworks-store `env` /stripe with STRIPE_SECRET_KEY selected.
    func openOnStripeSecretKey(_ server: DevServerFixture, env: String) throws -> TmuxSession {
        let t = try server.dashboard(as: "developer", env: env, path: "/stripe")
        t.waitFor("Secrets · \(env) · /stripe", "STRIPE_SECRET_KEY", "role: developer", timeout: 60, abortOn: "EXIT=")
        // The preselected view opens with the secrets pane focused on the first row.
        t.waitFor("Key      STRIPE_PUBLISHABLE_KEY")
        t.send("Down")
        t.waitFor("Key      STRIPE_SECRET_KEY")
        return t
    }

    func version(_ server: DevServerFixture, env: String) throws -> String {
        let r = try server.cli(["secrets", "get", "STRIPE_SECRET_KEY", "--json", "--projectId", "opticworks-store",
                                "--env", env, "--path", "/stripe"], as: "admin")
        XCTAssertEqual(r.status, 0, r.output)
        let json = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
        let secret = (json?["secret"] as? [String: Any]) ?? json ?? [:]
        return String(describing: secret["version"] ?? "?")
    }

    func testDeveloperEditInDevPersistsWithAuditEventAndPasteKeepsNewlines() throws {
        let server = try DevServerFixture()
        let before = try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "dev", path: "/stripe")
        let t = try openOnStripeSecretKey(server, env: "dev")
        defer { t.close() }
        t.send("e")
        t.waitFor("Edit STRIPE_SECRET_KEY · dev:/stripe", before, abortOn: "EXIT=")
        t.send("C-u")
        t.paste("sk_test_line_one\nsk_test_line_two")
        t.waitFor("sk_test_line_one", "sk_test_line_two")
        t.send("Tab")
        t.type(" (edited in e2e)")
        t.send("C-s")
        let preview = t.waitFor("Preview · save STRIPE_SECRET_KEY in dev:/stripe")
        XCTAssertFalse(preview.contains("sk_test_line_one"), "the preview is masked until r:\n\(preview)")
        XCTAssertFalse(preview.contains(before), "the old value is masked too")
        t.send("r")
        t.waitFor("sk_test_line_one", before)
        t.send("y")
        t.waitFor("✓ saved STRIPE_SECRET_KEY v2 in dev", abortOn: "EXIT=")
        let screen = t.waitFor("Version  v2")
        XCTAssertFalse(screen.contains("sk_test_line"), "the value left the screen with the dialog")
        XCTAssertEqual(try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "dev", path: "/stripe"),
                       "sk_test_line_one\nsk_test_line_two", "the pasted newline persisted")
        let audit = try server.cli(["audit", "--projectId", "opticworks-store", "--event", "update-secret",
                                    "--secret-key", "STRIPE_SECRET_KEY", "--json"], as: "admin")
        XCTAssertEqual(audit.status, 0, audit.output)
        XCTAssertTrue(audit.output.contains("demo-developer"), "audit event with the actor:\n\(audit.output)")
        XCTAssertFalse(audit.output.contains("sk_test_line"), "audit events never carry values")
        t.send("q")
        t.waitFor("EXIT=0")
    }

    func testSameEditInProdIsRefusedWithItsReason() throws {
        let server = try DevServerFixture()
        let before = try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "prod", path: "/stripe")
        let versionBefore = try version(server, env: "prod")
        let t = try openOnStripeSecretKey(server, env: "prod")
        defer { t.close() }
        t.waitFor("disabled: production is read-only in the TUI")
        t.send("e")
        let screen = t.waitFor("cannot edit: production is read-only in the TUI")
        XCTAssertFalse(screen.contains("Edit STRIPE_SECRET_KEY"), "no dialog opens")
        t.send("d")
        t.waitFor("cannot delete: production is read-only in the TUI")
        t.type("x")        // would be typed into a dialog if one had opened
        t.send("q")
        t.waitFor("EXIT=0")
        XCTAssertEqual(try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "prod", path: "/stripe"), before)
        XCTAssertEqual(try version(server, env: "prod"), versionBefore, "nothing was written")
        let reads = try server.cli(["audit", "--projectId", "opticworks-store", "--event", "get-secret",
                                    "--secret-key", "STRIPE_SECRET_KEY", "--since", "1h", "--json"], as: "admin")
        XCTAssertFalse(reads.output.contains("demo-developer"), "the refused edit did not even read the value:\n\(reads.output)")
    }

    func testConcurrentChangeShowsConflictAndIsNotOverwritten() throws {
        let server = try DevServerFixture()
        let t = try openOnStripeSecretKey(server, env: "dev")
        defer { t.close() }
        t.send("e")
        t.waitFor("Edit STRIPE_SECRET_KEY · dev:/stripe · v1", "Value", abortOn: "EXIT=")
        t.send("C-u")
        t.type("sk_test_mine")
        // Someone else changes it while the editor is open.
        let set = try server.cli(["secrets", "set", "STRIPE_SECRET_KEY=sk_test_theirs", "--projectId", "opticworks-store",
                                  "--env", "dev", "--path", "/stripe"], as: "admin")
        XCTAssertEqual(set.status, 0, set.output)
        t.send("C-s")
        t.waitFor("Preview")
        t.send("y")
        let screen = t.waitFor("changed on the server", "Nothing was written", "server version  v2", "yours based on  v1",
                               abortOn: "EXIT=")
        XCTAssertTrue(screen.contains("by demo-admin"), screen)
        XCTAssertEqual(try server.value(of: "STRIPE_SECRET_KEY", project: "opticworks-store", env: "dev", path: "/stripe"),
                       "sk_test_theirs", "the other change was kept")
        // Reload and re-edit starts from their value.
        t.send("r")
        t.waitFor("Edit STRIPE_SECRET_KEY · dev:/stripe · v2", "sk_test_theirs")
        t.send("Escape")
        t.waitUntil("dialog closed") { !$0.contains("Edit STRIPE_SECRET_KEY") }
        t.send("q")
        t.waitFor("EXIT=0")
    }

    func testViewerSeesEditingDisabled() throws {
        let app = try DemoApp(width: 120, height: 40)
        app.waitForProjects()
        app.tmux.waitFor("Secrets · dev · /", "role: viewer", timeout: 60, abortOn: "EXIT=")
        app.tmux.waitFor("disabled: viewer role: read only")
        for key in ["e", "n", "m", "d"] {
            app.tmux.send(key)
            app.tmux.waitFor("viewer role: read only")
            XCTAssertFalse(app.tmux.capture().contains("┌ Edit "), "\(key) opened nothing")
        }
        app.tmux.waitFor("cannot delete: viewer role: read only")
        app.tmux.send("q")
        app.assertExitedCleanly()
    }

    /// The app turns bracketed paste on while it runs and off when it leaves: a paste into the shell
    /// afterwards arrives without `ESC[200~` markers.
    func testBracketedPasteIsOnlyOnWhileTheAppRuns() throws {
        let home = NSTemporaryDirectory() + "/e2e-paste-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try TmuxSession(command: "'\(DemoApp.binary)' --demo; echo EXIT=$?; stty sane; cat -v",
                                paneEnvironment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state"])
        defer { t.close() }
        t.waitFor("opticworks-store", "hardwareos", timeout: 60, abortOn: "EXIT=")
        t.send("/")
        t.paste("hard\nware")          // one paste: the filter takes its first line, no Enter is pressed
        t.waitFor("/hard")
        XCTAssertFalse(t.capture().contains("200~"), "markers never reach the screen")
        t.send("Escape", "q")
        t.waitFor("EXIT=0")
        t.paste("after")
        t.send("Enter")
        let screen = t.waitFor("after")
        XCTAssertFalse(screen.contains("^[[200~"), "bracketed paste left on after exit:\n\(screen)")
    }

    func testNewRenameDeleteHappyPath() throws {
        let server = try DevServerFixture()
        let t = try openOnStripeSecretKey(server, env: "dev")
        defer { t.close() }
        func api(_ key: String) -> String? {
            try? server.value(of: key, project: "opticworks-store", env: "dev", path: "/stripe")
        }
        t.send("n")
        t.waitFor("New secret · dev:/stripe")
        t.type("e2e_key")
        t.waitFor("not UPPER_SNAKE_CASE", "keys in /stripe start with STRIPE_")
        t.send("C-u")
        t.type("STRIPE_E2E_KEY")
        t.waitUntil("warnings gone") { !$0.contains("UPPER_SNAKE_CASE") }
        t.send("Tab")
        t.type("sk_test_new")
        t.send("C-s")
        t.waitFor("Preview · create STRIPE_E2E_KEY in dev:/stripe")
        t.send("Enter")
        t.waitFor("✓ created STRIPE_E2E_KEY v1 in dev", "Key      STRIPE_E2E_KEY", abortOn: "EXIT=")
        XCTAssertEqual(api("STRIPE_E2E_KEY"), "sk_test_new")

        t.send("m")
        t.waitFor("Rename STRIPE_E2E_KEY")
        t.send("C-u")
        t.type("STRIPE_E2E_RENAMED")
        t.send("Enter")
        t.waitFor("Preview · rename in dev:/stripe")
        t.send("y")
        t.waitFor("✓ renamed STRIPE_E2E_KEY → STRIPE_E2E_RENAMED", "Key      STRIPE_E2E_RENAMED", abortOn: "EXIT=")
        XCTAssertEqual(api("STRIPE_E2E_RENAMED"), "sk_test_new")
        XCTAssertNil(api("STRIPE_E2E_KEY"))

        t.send("d")
        t.waitFor("Type the key to confirm")
        t.type("STRIPE_E2E_RENAME")
        t.send("Enter")
        t.waitFor("type the key to confirm")     // not armed: nothing happens
        XCTAssertNotNil(api("STRIPE_E2E_RENAMED"))
        t.type("D")
        t.waitFor("matches")
        t.send("Enter")
        t.waitFor("✓ deleted STRIPE_E2E_RENAMED from dev", abortOn: "EXIT=")
        t.waitUntil("row gone") { !$0.contains("│STRIPE_E2E_RENAMED") }
        XCTAssertNil(api("STRIPE_E2E_RENAMED"))
        t.send("q")
        t.waitFor("EXIT=0")
    }
}
