import Foundation
import TestSupport
import XCTest

/// Issue 14 against the real dev server: a person signs in (email, password, MFA code; the password
/// on stdin, never argv), the dashboard opens with their role, and an expired session that cannot
/// be refreshed says so ("no longer valid … log in again") on the status line without losing the user's place.
final class PersonLoginEndToEndTests: XCTestCase {
    func testDirectLoginWithMFAOpensTheDashboardAndExpiryAsksForANewLoginInPlace() throws {
        let server = try DevServerProcess(args: ["--user-token-ttl", "4", "--user-refresh-ttl", "6"], readyTimeout: 60)
        defer { server.stop() }
        var template = Array((NSTemporaryDirectory() + "/e2e-login.XXXXXX").utf8CString)
        let home = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
        // Password and MFA code on stdin (the demo MFA code is documented in the README).
        let login = try ChildProcess.run(DemoApp.binary, ["login", "--domain", server.url, "--email", "priya.raman@optic.works",
                                                          "--password", "-"],
                                         env: env, stdin: Data("demo-mfa-pass\n246810\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        XCTAssertTrue(login.stdout.contains("as priya.raman@optic.works in OpticWorks"), login.stdout)
        let tmux = try TmuxSession(command: "'\(DemoApp.binary)' --domain \(server.url) --projectId opticworks-store --env dev --path /stripe; echo EXIT=$?; sleep 600",
                                   width: 120, height: 40, paneEnvironment: env)
        defer { tmux.close() }
        let opened = tmux.waitFor("Secrets · dev · /stripe", "signed in as priya.raman@optic.works", "role: developer", "OpticWorks",
                                  timeout: 30, abortOn: "EXIT=")
        XCTAssertTrue(opened.components(separatedBy: "\n")[0].contains("OpticWorks"), "the organization in the top bar:\n\(opened)")
        // Both tokens run out; the next request cannot refresh: "log in again", in place.
        Thread.sleep(forTimeInterval: 7)
        tmux.send("R")
        let screen = tmux.waitFor("the session of priya.raman@optic.works", "is no longer valid", timeout: 20)
        XCTAssertTrue(screen.contains("Secrets · dev · /stripe") && screen.contains("STRIPE_SECRET_KEY"),
                      "the view the user was on stays:\n\(screen)")
        // No password or token in any file but the session store.
        let files = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String } ?? []
        for f in files {
            guard let data = FileManager.default.contents(atPath: home + "/" + f) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("demo-mfa-pass"), f)
        }
    }
}
