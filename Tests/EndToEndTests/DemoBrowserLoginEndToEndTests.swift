import Foundation
import TestSupport
import XCTest

/// `infisical-tui --demo --login` in a real terminal: the embedded dev server starts, the browser
/// login prints `{domain}/login?callback_port=N`, and this test plays the browser: it opens the
/// page, signs in with the form POST, and sends the credentials the last page's script would send
/// to the callback (Origin = the domain). The dashboard then opens as that person.
final class DemoBrowserLoginEndToEndTests: XCTestCase {
    /// curl with the body on stdin (never argv) and the headers a browser would send.
    func curl(_ url: String, body: String, contentType: String, origin: String) throws -> ChildResult {
        try ChildProcess.run("/usr/bin/curl", ["-sS", "--max-time", "10", "-H", "Origin: \(origin)", "-H", "Content-Type: \(contentType)",
                                               "--data-binary", "@-", "-w", "\nHTTP %{http_code}", url],
                             env: ["PATH": "/usr/bin:/bin", "NO_PROXY": "*"], stdin: Data(body.utf8))
    }

    func testDemoLoginPrintsTheAddressAndTheBrowserSignInOpensTheDashboardAsThatPerson() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { throw XCTSkip("needs curl to play the browser") }
        var template = Array((NSTemporaryDirectory() + "/e2e-demo-login.XXXXXX").utf8CString)
        let home = String(cString: mkdtemp(&template)!)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
        let tmux = try TmuxSession(command: "'\(DemoApp.binary)' --demo --login; echo EXIT=$?; sleep 600",
                                   width: 120, height: 40, paneEnvironment: env)
        defer { tmux.close() }
        let printed = tmux.waitFor("/login?callback_port=", timeout: 60, abortOn: "EXIT=")
        let line = try XCTUnwrap(printed.components(separatedBy: "\n").first { $0.contains("/login?callback_port=") })
        let url = line.trimmingCharacters(in: .whitespaces)
        let domain = try XCTUnwrap(url.components(separatedBy: "/login?").first)
        XCTAssertTrue(domain.hasPrefix("http://127.0.0.1:"), url)
        let port = try XCTUnwrap(url.components(separatedBy: "callback_port=").last)

        // The page itself.
        let page = try ChildProcess.run("/usr/bin/curl", ["-sS", "--max-time", "10", url], env: ["PATH": "/usr/bin:/bin", "NO_PROXY": "*"])
        XCTAssertTrue(page.stdout.contains("name=\"password\""), page.stdout)

        // Sign in (maya has one organization and no MFA): the last page carries the credentials.
        let form = "callback_port=\(port)&step=password&email=maya.chen%40optic.works&password=demo-admin-pass"
        let signedIn = try curl(domain + "/login", body: form, contentType: "application/x-www-form-urlencoded", origin: domain)
        XCTAssertTrue(signedIn.stdout.contains("Logged in as maya.chen@optic.works"), signedIn.stdout + signedIn.stderr)
        let script = try XCTUnwrap(signedIn.stdout.components(separatedBy: "JSON.stringify(").dropFirst().first)
        let json = try XCTUnwrap(script.components(separatedBy: ")})").first)
        XCTAssertTrue(json.contains("\"JTWToken\""), json)

        // What the page's fetch() does: POST the JSON to the callback with the domain as Origin.
        let posted = try curl("http://127.0.0.1:\(port)/", body: json, contentType: "application/json", origin: domain)
        XCTAssertTrue(posted.stdout.hasSuffix("HTTP 200"), posted.stdout + posted.stderr)

        let screen = tmux.waitFor("signed in as maya.chen@optic.works", "role: admin", "OpticWorks", timeout: 30, abortOn: "EXIT=")
        XCTAssertTrue(screen.components(separatedBy: "\n")[0].contains("OpticWorks"), "the organization in the top bar:\n\(screen)")
        tmux.send("q")
        tmux.waitFor("EXIT=0", timeout: 15)
        // Nothing stored: the demo session lives in memory only.
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/state/infisical-tui/session.json"))
    }
}
