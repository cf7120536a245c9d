import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// Issue 14, the session in the system keyring: a real Secret Service (gnome-keyring on a private
/// D-Bus session, `PrivateSecretService`), the real binary, the real dev server.
final class KeyringSessionTests: XCTestCase {
    var service: PrivateSecretService!
    var server: DevServerFixture!

    override func setUpWithError() throws {
        service = try PrivateSecretService()
        server = try DevServerFixture()
    }

    override func tearDown() {
        server?.stop()
        service?.stop()
        service?.remove()
    }

    /// The real binary with the service's HOME, XDG dirs and bus (no machine credentials).
    struct Runner {
        var env: [String: String]
        var cwd: String
        func run(_ args: [String], stdin: Data? = nil) throws -> ChildResult {
            try ChildProcess.run(BuiltBinary.tui, args, env: env, stdin: stdin, cwd: cwd)
        }
    }

    func cli(_ extra: [String: String] = [:]) throws -> Runner {
        Runner(env: service.environment.merging(["INFISICAL_DOMAIN": server.url]) { $1 }.merging(extra) { $1 }, cwd: service.home)
    }

    var sessionPath: String { service.home + "/.local/state/infisical-tui/session.json" }

    /// Every file under the test's root (HOME, XDG dirs, the keyring's own files) that contains `needle`.
    func filesContaining(_ needle: String) -> [String] {
        let root = service.root.path
        return (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { rel in
            guard let d = FileManager.default.contents(atPath: root + "/" + rel) else { return false }
            return d.range(of: Data(needle.utf8)) != nil
        }
    }

    func testLoginKeepsTheTokensInTheKeyringAndLogoutClearsBoth() throws {
        let c = try cli()
        let login = try c.run(["login", "--email", "maya.chen@optic.works", "--password", "-"], stdin: Data("demo-admin-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        XCTAssertTrue(login.stderr.contains("stored in the system keyring"), login.stderr)

        // The file: who, where, until when, "backend": "keyring"; no token.
        let file = try String(contentsOfFile: sessionPath, encoding: .utf8)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(file.utf8)) as? [String: Any])
        XCTAssertEqual(json["backend"] as? String, "keyring")
        XCTAssertEqual(json["email"] as? String, "maya.chen@optic.works")
        XCTAssertNil(json["accessToken"]); XCTAssertNil(json["refreshToken"])
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: sessionPath)[.posixPermissions] as? Int, 0o600)

        // The keyring entry holds them (read here with secret-tool, as a user would).
        let entry = try service.secretTool(["lookup", "service", "infisical-tui", "domain", server.url, "email", "maya.chen@optic.works"])
        XCTAssertEqual(entry.status, 0, entry.stderr)
        let secret = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(entry.stdout.utf8)) as? [String: Any])
        let token = try XCTUnwrap(secret["accessToken"] as? String)
        XCTAssertTrue(token.hasPrefix("ey"), "a JWT")
        XCTAssertEqual(filesContaining(token), [], "the token is in no file under HOME, the XDG dirs or the keyring's dir in clear")
        if let refresh = secret["refreshToken"] as? String, !refresh.isEmpty {
            XCTAssertEqual(filesContaining(refresh), [])
        }
        XCTAssertEqual(filesContaining("demo-admin-pass"), [])

        // The session works: the server knows who this is.
        let who = try c.run(["whoami"])
        XCTAssertEqual(who.status, 0, who.stdout + who.stderr)
        XCTAssertTrue(who.stdout.contains("maya.chen@optic.works"), who.stdout)
        let doctor = try c.run(["doctor"])
        XCTAssertTrue(doctor.stdout.contains("its token is in the system keyring"), doctor.stdout)

        // logout: the file and the keyring entry are gone.
        let out = try c.run(["logout"])
        XCTAssertEqual(out.status, 0, out.stdout + out.stderr)
        XCTAssertTrue(out.stdout.contains("logged out of"), out.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sessionPath))
        let after = try service.secretTool(["search", "--all", "service", "infisical-tui"])
        XCTAssertEqual(after.stdout, "", "no infisical-tui entry left: \(after.stdout)")
        let whoAfter = try c.run(["whoami"])
        XCTAssertNotEqual(whoAfter.status, 0, "logged out: no credentials any more")
    }

    /// A machine identity's session token goes to the keyring too (attributes domain + identity);
    /// the client secret goes nowhere; logout revokes the token and clears the entry.
    func testAMachineIdentitysSessionTokenIsInTheKeyring() throws {
        let id = server.identity("viewer")
        let c = try cli()
        let login = try c.run(["login", "--method", "universal-auth", "--client-id", id.clientId, "--client-secret", "-"],
                              stdin: Data((id.clientSecret + "\n").utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        XCTAssertTrue(login.stderr.contains("stored in the system keyring"), login.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        XCTAssertEqual(json["backend"] as? String, "keyring"); XCTAssertNil(json["accessToken"])
        let identity = try XCTUnwrap(json["identityId"] as? String)
        let entry = try service.secretTool(["lookup", "service", "infisical-tui", "domain", server.url, "identity", identity])
        let token = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(entry.stdout.utf8)) as? [String: Any])?["accessToken"] as? String)
        XCTAssertEqual(filesContaining(token), [])
        XCTAssertEqual(filesContaining(id.clientSecret), [], "the client secret is stored nowhere")
        XCTAssertEqual(try c.run(["whoami"]).status, 0)
        let out = try c.run(["logout"])
        XCTAssertTrue(out.stdout.contains("(token revoked)"), out.stdout + out.stderr)
        XCTAssertEqual(try service.secretTool(["search", "--all", "service", "infisical-tui"]).stdout, "")
    }

    /// A refreshed token is saved back to the keyring (the file still holds none).
    func testARefreshedTokenGoesBackToTheKeyring() throws {
        server.stop()
        server = try DevServerFixture(extraArgs: ["--user-token-ttl", "3"])
        let c = try cli()
        let login = try c.run(["login", "--email", "maya.chen@optic.works", "--password", "-"], stdin: Data("demo-admin-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        let attrs = ["service", "infisical-tui", "domain", server.url, "email", "maya.chen@optic.works"]
        let first = try service.secretTool(["lookup"] + attrs).stdout
        Thread.sleep(forTimeInterval: 4)   // the access token has expired; the refresh token has not
        let who = try c.run(["whoami"])
        XCTAssertEqual(who.status, 0, who.stdout + who.stderr)
        let second = try service.secretTool(["lookup"] + attrs).stdout
        XCTAssertNotEqual(first, second, "the refreshed token replaced the old one in the keyring")
        let token = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(second.utf8)) as? [String: Any])?["accessToken"] as? String)
        XCTAssertEqual(filesContaining(token), [])
        XCTAssertFalse(try String(contentsOfFile: sessionPath, encoding: .utf8).contains("accessToken"))
    }

    /// Without a reachable Secret Service (or with INFISICAL_TUI_KEYRING=off) the session stays in
    /// the 0600 file with its token, as before; logging in again with the keyring moves it there
    /// and leaves no token in the file.
    func testWithoutTheKeyringTheFileHoldsTheTokenAndANewLoginMovesItToTheKeyring() throws {
        let off = try cli(["INFISICAL_TUI_KEYRING": "off"])
        let login = try off.run(["login", "--email", "jonas.weber@optic.works", "--password", "-"], stdin: Data("demo-developer-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        XCTAssertTrue(login.stderr.contains("(mode 0600)"), login.stderr)
        let plain = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        let fileToken = try XCTUnwrap(plain["accessToken"] as? String)
        XCTAssertNil(plain["backend"])
        XCTAssertEqual(try service.secretTool(["search", "--all", "service", "infisical-tui"]).stdout, "")

        let on = try cli()
        let again = try on.run(["login", "--email", "jonas.weber@optic.works", "--password", "-"], stdin: Data("demo-developer-pass\n".utf8))
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertEqual(filesContaining(fileToken), [], "the old file's token was overwritten")
        let moved = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        XCTAssertEqual(moved["backend"] as? String, "keyring")
        XCTAssertNil(moved["accessToken"])

        // That session file cannot be used where the keyring is out of reach: a clear error, and
        // logout still removes the file and says how to clear the entry.
        let noBus = try cli(["DBUS_SESSION_BUS_ADDRESS": "", "INFISICAL_TUI_KEYRING": "off"])
        let who = try noBus.run(["whoami"])
        XCTAssertNotEqual(who.status, 0)
        XCTAssertTrue(who.stderr.contains("system keyring"), who.stderr)
        let out = try noBus.run(["logout"])
        XCTAssertEqual(out.status, 0, out.stdout + out.stderr)
        XCTAssertTrue(out.stderr.contains("secret-tool clear"), out.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sessionPath))
    }

    /// An Infisical CLI login (its config file and its keyring entry, in the shapes the Infisical
    /// CLI writes) is used read-only: whoami works as that person, nothing is written there.
    func testInfisicalCLILoginInTheKeyringIsReusedReadOnly() throws {
        // A real user token from the dev server, obtained with a file-only login elsewhere.
        let other = try cli(["INFISICAL_TUI_KEYRING": "off", "XDG_STATE_HOME": service.root.path + "/elsewhere"])
        let login = try other.run(["login", "--email", "alex.kim@optic.works", "--password", "-"], stdin: Data("demo-viewer-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: service.root.path + "/elsewhere/infisical-tui/session.json"))) as? [String: Any])
        let token = try XCTUnwrap(s["accessToken"] as? String)
        try FileManager.default.removeItem(atPath: service.root.path + "/elsewhere")

        // What `infisical login` leaves: ~/.infisical/infisical-config.json and a keyring entry.
        let dir = service.home + "/.infisical"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = #"{"loggedInUserEmail":"alex.kim@optic.works","LoggedInUserDomain":"\#(server.url)/api","loggedInUsers":[{"email":"alex.kim@optic.works","domain":"\#(server.url)/api"}],"vaultBackendType":"auto"}"#
        try Data(config.utf8).write(to: URL(fileURLWithPath: dir + "/infisical-config.json"))
        let value = #"{"email":"alex.kim@optic.works","privateKey":"","JTWToken":"\#(token)","RefreshToken":""}"#
        let keyring = SecretTool(executable: "/usr/bin/secret-tool", timeout: 10, environment: service.environment)
        try keyring.store(label: "infisical-cli", attributes: InfisicalCLIKeyring.attributes(email: "alex.kim@optic.works"), secret: value)
        let configBefore = try Data(contentsOf: URL(fileURLWithPath: dir + "/infisical-config.json"))

        var c = try cli()
        c.env.removeValue(forKey: "INFISICAL_DOMAIN")   // the server comes from the Infisical CLI's config
        let who = try c.run(["whoami"])
        XCTAssertEqual(who.status, 0, who.stdout + who.stderr)
        XCTAssertTrue(who.stdout.contains("using infisical login session of alex.kim@optic.works"), who.stdout)
        XCTAssertTrue(who.stdout.contains(server.url), who.stdout)

        // Read-only: its config byte for byte, its directory, its keyring entry; nothing of ours.
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/infisical-config.json")), configBefore)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["infisical-config.json"])
        XCTAssertEqual(try keyring.lookup(InfisicalCLIKeyring.attributes(email: "alex.kim@optic.works")), value)
        let entries = try service.secretTool(["search", "--all", "service", "infisical-cli"])
        XCTAssertEqual(entries.stdout.components(separatedBy: "[/").count - 1, 1, "one entry, as it was: \(entries.stdout)")
        XCTAssertEqual(try service.secretTool(["search", "--all", "service", "infisical-tui"]).stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sessionPath))
    }
}
