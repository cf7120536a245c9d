import Foundation
import TestSupport
import XCTest

/// "Secrets stay secret" as a test over one realistic end-to-end session: distinctive values are
/// seeded on a real dev server, the real binary is driven through the dashboard (reveal, re-mask,
/// detail, edit, copy-to-file, audit) and the CLI (login, whoami, secrets list/get, export, audit)
/// with private HOME, XDG config/state/cache and TMPDIR dirs, and then every byte the app wrote
/// there, and the terminal's whole scrollback, is searched for those values and the machine
/// identity's client secret. Only the intended outputs (the two export files) may hold values.
final class SecretHygieneEndToEndTests: XCTestCase {
    static let project = "opticworks-store"
    static let path = "/stripe"

    /// A fresh random hex string: values nothing else on the machine could contain by chance.
    static func token(_ bytes: Int = 20) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// The seeded values, by key, with the ASCII tokens that identify each one.
    struct Seed {
        let tokenA = SecretHygieneEndToEndTests.token(), pemTokens = (0..<3).map { _ in SecretHygieneEndToEndTests.token(16) }
        let unicodeToken = SecretHygieneEndToEndTests.token(16), editedToken = SecretHygieneEndToEndTests.token()
        var single: String { "hygA-" + tokenA }
        var pem: String {
            "-----BEGIN HYGIENE KEY-----\n" + pemTokens.enumerated().map { "hygB\($0.offset)-\($0.element)" }
                .joined(separator: "\n") + "\n-----END HYGIENE KEY-----"
        }
        var unicode: String { "hygC-ключ-🔑-\(unicodeToken)-日本語-é" }
        /// What the dashboard's editor replaces STRIPE_HYG_TOKEN with.
        var edited: String { "hygD-" + editedToken }
        var values: [(key: String, value: String)] {
            [("STRIPE_HYG_TOKEN", single), ("STRIPE_HYG_PEM", pem), ("STRIPE_HYG_UNICODE", unicode)]
        }

        func scanner(clientSecret: String) -> SecretScanner {
            var s = SecretScanner()
            s.add("STRIPE_HYG_TOKEN (seeded)", value: single, tokens: [tokenA])
            s.add("STRIPE_HYG_PEM", value: pem, tokens: pemTokens)
            s.add("STRIPE_HYG_UNICODE", value: unicode, tokens: [unicodeToken])
            s.add("STRIPE_HYG_TOKEN (edited)", value: edited, tokens: [editedToken])
            s.add("developer client secret", value: clientSecret)
            return s
        }
    }

    /// One private root with the app's HOME, XDG dirs, TMPDIR and working directory inside.
    final class PrivateDirs {
        let root: String
        init() throws {
            var template = Array((NSTemporaryDirectory() + "/e2e-hygiene.XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
            root = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
            for d in ["home", "config", "state", "cache", "tmp", "work"] {
                try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        var work: String { root + "/work" }
        var environment: [String: String] {
            ["HOME": root + "/home", "XDG_CONFIG_HOME": root + "/config", "XDG_STATE_HOME": root + "/state",
             "XDG_CACHE_HOME": root + "/cache", "TMPDIR": root + "/tmp"]
        }
    }

    // MARK: the scanner can fail

    /// The scanner finds a planted value, in any of the forms a writer could re-encode it to, and
    /// reports nothing in a tree without one: a zero-hit result below means something.
    func testScannerFindsPlantedValues() throws {
        let dirs = try PrivateDirs()
        let seed = Seed()
        let scanner = seed.scanner(clientSecret: "cs-" + Self.token())
        try Data("nothing to see\n".utf8).write(to: URL(fileURLWithPath: dirs.root + "/config/clean.txt"))
        XCTAssertEqual(scanner.scan([dirs.root]).hits.count, 0, "a clean tree has no hits")

        // Raw, JSON-escaped (newlines as \n, non-ASCII as \u), deep in a nested dir, mid-file.
        let nested = dirs.root + "/state/a/b/c"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        let json = try JSONSerialization.data(withJSONObject: ["v": seed.pem, "u": seed.unicode])
        let asciiJSON = String(decoding: json, as: UTF8.self).unicodeScalars
            .map { $0.isASCII ? String($0) : String(format: "\\u%04x", $0.value) }.joined()
        try Data(("x".repeated(5000) + seed.edited + "y".repeated(5000)).utf8)
            .write(to: URL(fileURLWithPath: dirs.root + "/tmp/planted.bin"))
        try Data(asciiJSON.utf8).write(to: URL(fileURLWithPath: nested + "/escaped.json"))
        let report = scanner.scan([dirs.root])
        let labels = Set(report.hits.map(\.label))
        XCTAssertTrue(labels.contains("STRIPE_HYG_TOKEN (edited)"), "raw value found: \(report.hits)")
        XCTAssertTrue(labels.contains("STRIPE_HYG_PEM token 1"), "JSON-escaped multi-line value found by its tokens: \(report.hits)")
        XCTAssertTrue(labels.contains("STRIPE_HYG_UNICODE token 1"), "\\u-escaped unicode value found by its token: \(report.hits)")
        XCTAssertEqual(report.files, 3)
        // An excluded path is not searched.
        XCTAssertEqual(scanner.scan([dirs.root], excluding: [dirs.root + "/tmp/planted.bin", nested + "/escaped.json"]).hits.count, 0)
        // Scrollback: text search, including a value wrapped by nothing but found whole.
        XCTAssertEqual(scanner.find(in: "$ ls\n" + seed.unicode + "\n"), ["STRIPE_HYG_UNICODE", "STRIPE_HYG_UNICODE token 1"])
        XCTAssertEqual(scanner.find(in: "STRIPE_HYG_TOKEN  ••••••••\n"), [])
    }

    // MARK: the session

    func testNoSeededValueLandsOnDiskOrInScrollback() throws {
        let started = Date()
        let server = try DevServerFixture()
        let dirs = try PrivateDirs()
        let seed = Seed()
        let developer = try XCTUnwrap(server.ready.identity(withRole: "developer"))
        let bin = DemoApp.binary
        let scope = ["--projectId", Self.project, "--env", "dev", "--path", Self.path]

        var base = ProcessInfo.processInfo.environment
        base.removeValue(forKey: "TMUX")
        for k in base.keys where k.hasPrefix("INFISICAL_") { base.removeValue(forKey: k) }
        base.merge(dirs.environment) { $1 }
        base["INFISICAL_DOMAIN"] = server.ready.url
        var withCredentials = base
        withCredentials["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = developer.clientId
        withCredentials["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = developer.clientSecret

        func run(_ args: [String], env: [String: String], stdin: Data? = nil) throws -> ChildResult {
            try ChildProcess.run(bin, args, env: env, stdin: stdin, cwd: dirs.work)
        }

        // 1. Seed through the CLI (values on stdin, never argv), as the developer, in dev.
        for (key, value) in seed.values {
            let r = try run(["secrets", "set", "\(key)=-"] + scope, env: withCredentials, stdin: Data(value.utf8))
            XCTAssertEqual(r.status, 0, "seeding \(key): \(r.stderr)")
        }

        // 2. login: a session file in the private state dir.
        let login = try run(["login"], env: withCredentials)
        XCTAssertEqual(login.status, 0, "login: \(login.stdout) \(login.stderr)")
        let sessionFile = dirs.root + "/state/infisical-tui/session.json"
        XCTAssertTrue(FileManager.default.fileExists(atPath: sessionFile), "login wrote \(sessionFile)")
        XCTAssertEqual(ExportHarness.mode(sessionFile), 0o600)

        // 3. The dashboard and CLI commands in one tmux pane, on the stored session only (no
        //    credentials in the pane). The prints of values happen outside this pane (step 5), and
        //    one at the very end, after the scrollback was checked, as the positive control.
        let dotenvTarget = dirs.work + "/.env.local"
        let cliExport = dirs.work + "/cli-export.env"
        let q = { (s: String) in "'" + s + "'" }
        let scopeArgs = scope.map(q).joined(separator: " ")
        let script = """
        cd \(q(dirs.work)) || exit 1
        \(q(bin)) \(scopeArgs) --remask-seconds 2; echo EXIT=$?
        \(q(bin)) whoami; echo WHOAMI=$?
        \(q(bin)) secrets list \(scopeArgs); echo LIST=$?
        \(q(bin)) secrets versions STRIPE_HYG_TOKEN \(scopeArgs); echo VERSIONS=$?
        \(q(bin)) export \(scopeArgs) --format dotenv --output-file \(q(cliExport)); echo EXPORT=$?
        \(q(bin)) audit --projectId \(Self.project); echo AUDIT=$?
        \(q(bin)) audit --projectId \(Self.project) --csv > audit-cli.csv; echo AUDITCSV=$?
        echo CLI-DONE; read line
        \(q(bin)) secrets get STRIPE_HYG_TOKEN --plain \(scopeArgs); echo PLANTED-DONE
        sleep 600
        """
        let scriptPath = dirs.root + "/session.sh"
        try Data(script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        var pane = dirs.environment
        pane["INFISICAL_DOMAIN"] = server.ready.url
        let t = try TmuxSession(command: "sh \(q(scriptPath))", width: 120, height: 40, paneEnvironment: pane)
        defer { t.close() }

        t.waitFor("Secrets · dev · \(Self.path)", "STRIPE_HYG_TOKEN", "role: developer", timeout: 60, abortOn: "EXIT=")
        // Select STRIPE_HYG_TOKEN (filter), reveal it, let it re-mask.
        t.send("/"); t.type("HYG_TOKEN"); t.send("Enter")
        t.waitUntil("detail of STRIPE_HYG_TOKEN") { s in
            s.split(separator: "\n").contains { $0.contains("Key") && $0.contains("STRIPE_HYG_TOKEN") }
        }
        t.send("r")
        t.waitFor(seed.single, "masks again", abortOn: "EXIT=")
        t.waitFor("••••••••  r to reveal", timeout: 10)
        XCTAssertFalse(t.capture().contains(seed.tokenA), "re-masked")
        // Focus the detail pane (Enter on the secret), reveal there too, then back to the list.
        t.send("Enter")
        t.send("r")
        t.waitFor(seed.single, "masks again", abortOn: "EXIT=")
        t.waitFor("••••••••  r to reveal", timeout: 10)
        t.send("BTab")

        // Edit the value in dev (developer role), with the preview revealed before saving.
        t.send("e")
        t.waitFor("Edit STRIPE_HYG_TOKEN · dev:\(Self.path)", abortOn: "EXIT=")
        t.send("C-u")
        t.paste(seed.edited)
        t.waitFor(seed.edited)
        t.send("C-s")
        t.waitFor("Preview · save STRIPE_HYG_TOKEN in dev:\(Self.path)")
        t.send("r")
        t.waitFor(seed.edited, seed.single)
        t.send("y")
        t.waitFor("✓ saved STRIPE_HYG_TOKEN v2 in dev", abortOn: "EXIT=")

        // Copy the whole folder to .env.local (the intended output).
        t.send("Escape")
        t.waitFor("STRIPE_HYG_PEM", "STRIPE_SECRET_KEY")
        t.send("Y")
        t.waitFor("Copy the view to a file", "to \(dotenvTarget) (0600)")
        t.send("Enter")
        t.waitFor("✓ wrote", "to \(dotenvTarget) (0600)", abortOn: "EXIT=")

        // The audit screen, its CSV export (not an intended output for values: audit events
        // never carry them, so this file is searched too), then back and quit.
        t.send("a")
        t.waitFor("Audit · \(Self.project)", "loaded", abortOn: "EXIT=")
        t.send("y")
        t.waitFor("Export audit events", "audit-\(Self.project)-")
        t.send("Enter")
        t.waitFor("wrote ", abortOn: "EXIT=")
        t.send("q")
        t.waitUntil("back to browsing") { !$0.contains("Audit · ") && $0.contains("Secrets · dev") }
        t.send("q")
        let after = t.waitFor("CLI-DONE", timeout: 90)
        let full = scrollback(t)
        for marker in ["EXIT", "WHOAMI", "LIST", "VERSIONS", "EXPORT", "AUDIT", "AUDITCSV"] {
            XCTAssertTrue(full.contains("\(marker)=0"), "\(marker) failed; screen:\n\(after)")
        }
        // Nothing scrolled out of tmux's history (else the check below would miss it).
        XCTAssertLessThan(Int(t.display("#{history_size}")) ?? .max, Int(t.display("#{history_limit}")) ?? 0)

        // 4. The intended outputs hold the values, privately.
        XCTAssertEqual(ExportHarness.mode(dotenvTarget), 0o600)
        XCTAssertEqual(ExportHarness.mode(cliExport), 0o600)
        for file in [dotenvTarget, cliExport] {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            XCTAssertTrue(text.contains(seed.edited) && text.contains(seed.pemTokens[2]) && text.contains(seed.unicodeToken),
                          "\(file) holds the exported values (else excluding it would hide nothing)")
        }

        // The audit files (dashboard export and CLI CSV) are about the seeded secrets.
        let auditFiles = listFiles(dirs.work).filter { $0.hasPrefix("audit-") && $0.hasSuffix(".csv") }
        XCTAssertEqual(auditFiles.count, 2, "dashboard and CLI audit exports: \(auditFiles)")
        for f in auditFiles {
            let text = (try? String(contentsOfFile: dirs.work + "/" + f, encoding: .utf8)) ?? ""
            XCTAssertTrue(text.contains("STRIPE_HYG_TOKEN") && text.contains("update-secret"), "\(f) lists the edit")
        }

        // 5. The intentional prints, outside the pane: `secrets get` (escaped) and `--plain` to a pipe.
        let get = try run(["secrets", "get", "STRIPE_HYG_TOKEN", "STRIPE_HYG_UNICODE"] + scope, env: base)
        XCTAssertEqual(get.status, 0, get.stderr)
        XCTAssertTrue(get.stdout.contains(seed.edited) && get.stdout.contains(seed.unicode), "secrets get printed the values")
        let plain = try run(["secrets", "get", "STRIPE_HYG_PEM", "--plain"] + scope, env: base)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdout.trimmingCharacters(in: .newlines), seed.pem, "the multi-line value round-trips through a pipe")

        // 6. Every file under the private dirs, except the two intended outputs.
        let scanner = seed.scanner(clientSecret: developer.clientSecret)
        let report = scanner.scan([dirs.root], excluding: [dotenvTarget, cliExport])
        let written = listFiles(dirs.root)
        print("hygiene: scanned \(report.files) files, \(report.bytes) bytes for \(scanner.needles.count) needles "
              + "(5 values) → \(report.hits.count) hits; excluded 2 intended outputs; files: \(written.joined(separator: ", "))")
        // In-run positive control: the same scanner, on the two files the app wrote with values
        // (dotenv quoting and escaping, multi-line, unicode), finds every exported value.
        for file in [dotenvTarget, cliExport] {
            let labels = Set(scanner.scan([file]).hits.map(\.label))
            for needed in ["STRIPE_HYG_TOKEN (edited) token 1", "STRIPE_HYG_PEM token 3", "STRIPE_HYG_UNICODE token 1"] {
                XCTAssertTrue(labels.contains(needed), "the scanner finds \(needed) in \(file): \(labels.sorted())")
            }
        }
        XCTAssertEqual(report.hits.count, 0, "secret values on disk:\n\(report.hits.map(\.description).joined(separator: "\n"))")
        XCTAssertEqual(report.unreadable, [], "every entry was read")
        XCTAssertTrue(written.contains { $0.hasSuffix("state/infisical-tui/session.json") }, "the session file was among them")
        XCTAssertGreaterThanOrEqual(report.files, 2)

        // 6b. A program that ignored TMPDIR would write to the shared temp dirs: every file there
        //     changed since this test started (other than the server's own dir and ours above).
        var shared = SecretScanner.Filter()
        shared.skippingDirectories = [server.directory, dirs.root]
        shared.modifiedSince = started
        let sharedReport = scanner.scan(["/tmp", "/var/tmp", "/dev/shm"], filter: shared)
        print("hygiene: shared temp dirs: scanned \(sharedReport.files) files changed since the start, \(sharedReport.bytes) bytes "
              + "→ \(sharedReport.hits.count) hits (\(sharedReport.unreadable.count) unreadable, \(sharedReport.vanished) vanished)")
        XCTAssertEqual(sharedReport.hits.count, 0, "secret values in shared temp dirs:\n\(sharedReport.hits.map(\.description).joined(separator: "\n"))")

        // 7. The whole scrollback after exit: nothing, then the planted print is found.
        let history = scrollback(t)
        let found = scanner.find(in: history)
        print("hygiene: scrollback \(history.utf8.count) bytes, \(history.split(separator: "\n").count) lines → \(found.count) hits")
        XCTAssertEqual(found, [], "values in the scrollback:\n\(history)")
        t.send("Enter")
        t.waitFor("PLANTED-DONE")
        XCTAssertTrue(scanner.find(in: scrollback(t)).contains("STRIPE_HYG_TOKEN (edited)"),
                      "the scrollback check sees a value printed on the terminal")
    }

    /// The pane's whole history and screen, wrapped lines joined (a wrapped value is found whole).
    func scrollback(_ t: TmuxSession) -> String {
        t.tmux(["capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", "app"]).output
    }

    /// Every regular file under `root`, relative, for the report.
    func listFiles(_ root: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }
}

private extension String {
    func repeated(_ n: Int) -> String { String(repeating: self, count: n) }
}
