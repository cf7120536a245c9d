import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// The browser login's callback listener driven by a real HTTP client (libcurl) posting as the
/// web app would; the paste flow; reuse of the Infisical CLI's login.
final class BrowserLoginTests: XCTestCase {
    let domain = URL(string: "https://infisical.acme.test")!
    static let credsJSON = #"{"email":"dev@acme.test","privateKey":"","JTWToken":"eyJ.user.token","RefreshToken":"refresh-xyz"}"#

    /// Runs the wait on its own thread; returns a getter that waits for its outcome.
    func startWaiting(_ l: LoginCallbackListener, timeout: TimeInterval = 10, cancel: Cancellation? = nil)
        -> () -> Result<UserCredentials, Error> {
        let box = LockedBox<Result<UserCredentials, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let r = Result { try l.waitForCredentials(timeout: timeout, cancel: cancel) }
            box.mutate { $0 = r }; done.signal()
        }.start()
        return { done.wait(); return box.value! }
    }

    func post(_ port: UInt16, origin: String?, body: Data, method: String = "POST") throws -> HTTPResponse {
        let t = CurlTransport(options: TransportOptions(connectTimeout: 2, totalTimeout: 5))
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let origin { headers.append(("Origin", origin)) }
        return try t.perform(HTTPRequest(method: method, url: "http://127.0.0.1:\(port)/", headers: headers,
                                         body: method == "POST" ? body : nil), cancel: nil)
    }

    func testListenerBindsLoopbackAndPrintsTheLoginURL() throws {
        let l = try LoginCallbackListener(domain: URL(string: "https://infisical.acme.test/")!)
        defer { l.close() }
        XCTAssertGreaterThan(l.port, 0)
        XCTAssertEqual(l.loginURL(domain: domain), "https://infisical.acme.test/login?callback_port=\(l.port)")
        XCTAssertEqual(l.allowedOrigin, "https://infisical.acme.test")
        XCTAssertEqual(LoginCallbackListener.origin(of: URL(string: "http://LOCALHOST:8080/x")!), "http://localhost:8080")
        XCTAssertEqual(LoginCallbackListener.origin(of: URL(string: "https://a.test:443")!), "https://a.test")
        // Bound to 127.0.0.1 only: the kernel's table lists the port on that address.
        let hexPort = String(format: "%04X", Int(l.port))
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        let ours = table.split(separator: "\n").filter { $0.contains(":\(hexPort) ") && $0.contains(" 0A ") }
        XCTAssertEqual(ours.count, 1, table)
        XCTAssertTrue(ours.first?.contains("0100007F:\(hexPort)") == true, "listening on 127.0.0.1 only: \(ours)")
    }

    func testRightOriginIsAcceptedAfterAPreflightAndTheListenerCloses() throws {
        let l = try LoginCallbackListener(domain: domain)
        let port = l.port
        let result = startWaiting(l)
        let pre = try post(port, origin: "https://infisical.acme.test", body: Data(), method: "OPTIONS")
        XCTAssertEqual(pre.status, 204)
        XCTAssertEqual(pre.headers["access-control-allow-origin"], "https://infisical.acme.test")
        XCTAssertEqual(pre.headers["access-control-allow-methods"], "POST, OPTIONS")
        XCTAssertEqual(pre.headers["access-control-allow-headers"], "Content-Type")
        let r = try post(port, origin: "https://infisical.acme.test", body: Data(Self.credsJSON.utf8))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.headers["access-control-allow-origin"], "https://infisical.acme.test")
        let creds = try result().get()
        XCTAssertEqual(creds, UserCredentials(email: "dev@acme.test", privateKey: "", accessToken: "eyJ.user.token", refreshToken: "refresh-xyz"))
        // Closed at once: a second post finds nobody.
        XCTAssertThrowsError(try post(port, origin: "https://infisical.acme.test", body: Data(Self.credsJSON.utf8)))
    }

    func testWrongOriginsAndOversizeBodiesAreRefusedAndTheWaitGoesOn() throws {
        let l = try LoginCallbackListener(domain: domain, maxBodyBytes: 64 << 10)
        let result = startWaiting(l)
        for bad in ["https://evil.test", "https://infisical.acme.test.evil.test", "http://infisical.acme.test",
                    "https://infisical.acme.test:8443", "null"] {
            let pre = try post(l.port, origin: bad, body: Data(), method: "OPTIONS")
            XCTAssertEqual(pre.status, 403, bad)
            XCTAssertNil(pre.headers["access-control-allow-origin"], bad)
            XCTAssertEqual(try post(l.port, origin: bad, body: Data(Self.credsJSON.utf8)).status, 403, bad)
        }
        XCTAssertEqual(try post(l.port, origin: nil, body: Data(Self.credsJSON.utf8)).status, 403, "no Origin")
        // Oversize: refused unread (413, or the connection is dropped while curl still sends).
        var big = Data(#"{"email":"dev@acme.test","JTWToken":"eyJ.user.token","pad":""#.utf8)
        big.append(Data(repeating: 0x61, count: 70 << 10)); big.append(Data(#""}"#.utf8))
        if let r = try? post(l.port, origin: "https://infisical.acme.test", body: big) { XCTAssertEqual(r.status, 413) }
        // Not credentials: 400, still waiting.
        XCTAssertEqual(try post(l.port, origin: "https://infisical.acme.test", body: Data(#"{"email":"x"}"#.utf8)).status, 400)
        XCTAssertEqual(try post(l.port, origin: "https://infisical.acme.test", body: Data(Self.credsJSON.utf8)).status, 200)
        XCTAssertEqual(try result().get().accessToken, "eyJ.user.token")
    }

    func testTheWaitTimesOutAndCanBeCancelled() throws {
        let l = try LoginCallbackListener(domain: domain)
        let started = Date()
        XCTAssertThrowsError(try l.waitForCredentials(timeout: 0.6)) { e in
            XCTAssertEqual((e as? InfisicalError)?.kind, .timeout)
            XCTAssertTrue((e as? InfisicalError)?.hint?.contains("--paste") == true)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        let cancel = Cancellation()
        let l2 = try LoginCallbackListener(domain: domain)
        let result = startWaiting(l2, timeout: 30, cancel: cancel)
        Thread.sleep(forTimeInterval: 0.3)
        cancel.cancel()
        let t0 = Date()
        XCTAssertThrowsError(try result().get()) { e in XCTAssertEqual((e as? InfisicalError)?.kind, .cancelled) }
        XCTAssertLessThan(Date().timeIntervalSince(t0), 2)
    }

    // MARK: the real binary

    /// Starts `login --browser` and returns the process, its stderr pipe and the callback port it printed.
    func startCLIBrowserLogin(_ cli: CLI, extra: [String] = []) throws -> (Process, UInt16) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BuiltBinary.tui)
        p.arguments = ["login", "--browser"] + extra
        p.environment = cli.env
        p.currentDirectoryURL = cli.home
        let err = Pipe(), out = Pipe()
        p.standardError = err; p.standardOutput = out; p.standardInput = FileHandle.nullDevice
        try p.run()
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !text.contains("callback_port=") || !text.contains("\n\n") {
            let d = err.fileHandleForReading.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
        }
        let port = text.components(separatedBy: "callback_port=").dropFirst().first.flatMap { UInt16($0.prefix { $0.isNumber }) }
        return (p, try XCTUnwrap(port, text))
    }

    func testCLIBrowserLoginStoresTheSessionAndCtrlCCancelsCleanly() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("GET", "/api/v1/organization") { _ in .init(body: UserLoginTests.orgs1) }
        var cli = try CLI(server: nil, role: nil); defer { cli.cleanup() }
        cli.env["INFISICAL_DOMAIN"] = f.server.url
        let token = UserLoginTests.userJWT()
        let (p, port) = try startCLIBrowserLogin(cli)
        let wrong = try post(port, origin: "https://evil.test", body: Data(#"{"email":"x@y.z","JTWToken":"eyJ.x.y"}"#.utf8))
        XCTAssertEqual(wrong.status, 403)
        let r = try post(port, origin: f.server.url, body: Data(#"{"email":"dev@acme.test","privateKey":"","JTWToken":"\#(token)","RefreshToken":"r1"}"#.utf8))
        XCTAssertEqual(r.status, 200)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let path = cli.home.appendingPathComponent("state/infisical-tui/session.json").path
        XCTAssertEqual(SessionSecurityTests.filesContaining(token, under: cli.home), [path])

        // Ctrl-C while waiting: a prompt exit, nothing stored.
        try FileManager.default.removeItem(atPath: path)
        let (p2, _) = try startCLIBrowserLogin(cli)
        kill(p2.processIdentifier, SIGINT)
        let t0 = Date()
        p2.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(t0), 3)
        XCTAssertNotEqual(p2.terminationStatus, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))

        // Timeout: a clear error.
        let late = try cli.run(["login", "--browser", "--callback-timeout", "1"])
        XCTAssertEqual(late.status, 1)
        XCTAssertTrue(late.stderr.contains("no browser login arrived within 1 seconds"), late.stderr)
        // No terminal and nothing given: an error at once instead of a silent wait.
        let none = try cli.run(["login"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("no terminal for a browser login"), none.stderr)
    }

    // MARK: paste

    func testPasteIsDecodedAndCheckedWithCheckAuth() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("POST", "/api/v1/auth/checkAuth") { req in
            req.headers["authorization"] == "Bearer eyJ.user.token" ? .init(body: #"{"message":"Authenticated"}"#)
                : Infisical.error(401, "UnauthorizedError", "Token missing")
        }
        let api = try f.client()
        let pasted = Data(Self.credsJSON.utf8).base64EncodedString()
        let creds = try UserCredentials.fromPaste("  " + pasted + "\n")
        XCTAssertEqual(creds.refreshToken, "refresh-xyz")
        XCTAssertNoThrow(try api.checkAuth(token: creds.accessToken))
        XCTAssertThrowsError(try api.checkAuth(token: "other")) { e in XCTAssertEqual((e as? InfisicalError)?.status, 401) }
        XCTAssertThrowsError(try UserCredentials.fromPaste("not base64 at all")) { e in
            XCTAssertEqual((e as? InfisicalError)?.kind, .usage)
        }
        XCTAssertThrowsError(try UserCredentials.fromPaste(Data(#"{"email":"a@b.c"}"#.utf8).base64EncodedString()))
    }

    // MARK: the Infisical CLI's login, read-only

    struct FixtureLookup: InfisicalCLICredentialLookup {
        var entries: [String: String]
        func credentials(email: String) throws -> String? { entries[email] }
    }

    func homeWithInfisicalConfig(_ json: String) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("icli-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".infisical"), withIntermediateDirectories: true)
        try Data(json.utf8).write(to: home.appendingPathComponent(".infisical/infisical-config.json"))
        return home.path
    }

    func testInfisicalCLILoginIsReusedReadOnly() throws {
        let f = try FakeInfisical(); defer { f.stop() }
        f.on("GET", "/api/v1/organization") { req in
            req.headers["authorization"]?.hasPrefix("Bearer ey") == true ? .init(body: UserLoginTests.orgs1)
                : Infisical.error(401, "UnauthorizedError", "Token missing")
        }
        let token = UserLoginTests.userJWT()
        let cfg = #"{"loggedInUserEmail":"a@b.c","LoggedInUserDomain":"\#(f.server.url)/api","loggedInUsers":[{"email":"a@b.c","domain":"\#(f.server.url)/api"}],"vaultBackendType":"auto","domains":[]}"#
        let home = try homeWithInfisicalConfig(cfg)
        let before = try Data(contentsOf: URL(fileURLWithPath: home + "/.infisical/infisical-config.json"))
        let lookup = FixtureLookup(entries: ["a@b.c": #"{"email":"a@b.c","privateKey":"","JTWToken":"\#(token)","RefreshToken":"r1"}"#])
        var inputs = ResolutionInputs(environmentVariables: ["HOME": home, "XDG_STATE_HOME": home + "/state"], workingDirectory: home)
        inputs.infisicalCLILookup = lookup
        let (config, _) = try ConfigResolver.resolve(inputs)
        XCTAssertEqual(config.domain.absoluteString, f.server.url, "the server the Infisical CLI is logged in to")
        XCTAssertEqual(config.credentials, .accessToken(token))
        XCTAssertEqual(config.userSession, UserSession(email: "a@b.c", refreshToken: "r1", source: .infisicalCLI))
        XCTAssertNil(config.sessionStore, "nothing is written back")
        let api = try InfisicalAPI(configuration: config)
        XCTAssertEqual(api.signInDescription, "using infisical login session of a@b.c")
        XCTAssertEqual(try api.whoami().organization, "Acme")
        XCTAssertEqual(try api.whoami().authMethod, "using infisical login session of a@b.c")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: home + "/.infisical/infisical-config.json")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home + "/.infisical"), ["infisical-config.json"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/state/infisical-tui/session.json"))

        // Another domain, explicit credentials, or no keyring entry: not used.
        inputs.domain = "https://other.test"
        XCTAssertNil(try ConfigResolver.resolve(inputs).0.userSession)
        inputs.domain = nil; inputs.token = "st.abc.def"
        XCTAssertNil(try ConfigResolver.resolve(inputs).0.userSession)
        inputs.token = nil; inputs.infisicalCLILookup = FixtureLookup(entries: [:])
        XCTAssertNil(try ConfigResolver.resolve(inputs).0.credentials)
        // go-keyring's base64 wrapping is understood.
        let wrapped = "go-keyring-base64:" + Data(#"{"email":"a@b.c","JTWToken":"\#(token)"}"#.utf8).base64EncodedString()
        inputs.infisicalCLILookup = FixtureLookup(entries: ["a@b.c": wrapped])
        XCTAssertEqual(try ConfigResolver.resolve(inputs).0.credentials, .accessToken(token))
        XCTAssertNil(try ConfigResolver.resolve(inputs).0.userSession?.refreshToken)
    }

    /// The real lookup runs `secret-tool`; here a stand-in script on PATH records its argv: only
    /// the service and the email are in it, never a token.
    func testSecretToolLookupPutsOnlyTheEmailInArgv() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = """
        #!/bin/sh
        printf '%s\\n' "$@" > "\(dir.path)/argv"
        [ "$1 $2 $3 $4 $5" = "lookup service infisical-cli username a@b.c" ] || exit 1
        printf '%s' '{"email":"a@b.c","JTWToken":"eyJ.secret.tok","RefreshToken":"r9"}'
        """
        try Data(script.utf8).write(to: dir.appendingPathComponent("secret-tool"))
        chmod(dir.appendingPathComponent("secret-tool").path, 0o700)
        let lookup = try XCTUnwrap(SecretToolLookup(path: dir.path + ":/usr/bin:/bin"))
        let raw = try XCTUnwrap(try lookup.credentials(email: "a@b.c"))
        XCTAssertEqual(UserCredentials.parse(Data(raw.utf8))?.accessToken, "eyJ.secret.tok")
        let argv = try String(contentsOfFile: dir.path + "/argv", encoding: .utf8)
        XCTAssertEqual(argv, "lookup\nservice\ninfisical-cli\nusername\na@b.c\n")
        XCTAssertNil(try lookup.credentials(email: "nobody@b.c"))
        XCTAssertNil(SecretToolLookup(path: "/nonexistent"))
        // A keyring that never answers (an unlock prompt nobody sees): given up on, not waited for.
        try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: dir.appendingPathComponent("secret-tool"))
        let slow = try XCTUnwrap(SecretToolLookup(path: dir.path, timeout: 0.5))
        let t0 = Date()
        XCTAssertNil(try slow.credentials(email: "a@b.c"))
        XCTAssertLessThan(Date().timeIntervalSince(t0), 5)
    }
}
