import Foundation
import XCTest

/// Copy-to-file in the real dashboard at 80×24 against a real dev server: the files written are
/// compared with what the API says, read back by python-dotenv and JSON; the guards (symlink,
/// git, production name) are exercised through the keyboard.
final class ExportEndToEndTests: XCTestCase {
    func testFolderToDotenvAndJSONMatchesTheServer() throws {
        let h = try ExportHarness()
        try h.start(env: "dev", path: "/stripe", waitKey: "STRIPE_SECRET_KEY")
        let server = try h.serverValues(env: "dev", path: "/stripe")
        XCTAssertGreaterThanOrEqual(server.count, 2)
        let n = server.count
        let dotenv = h.file(".env.local")

        h.tmux.send("Y")
        let dialog = h.tmux.waitFor("Copy the view to a file", "Writes \(n) secrets to \(dotenv) (0600)")
        XCTAssertTrue(dialog.contains("STRIPE_SECRET_KEY"), "keys are listed")
        for value in server.values { XCTAssertFalse(dialog.contains(value), "a value on screen") }
        h.tmux.send("Enter")
        let done = h.tmux.waitFor("✓ wrote \(n) secrets to \(dotenv) (0600)")
        XCTAssertFalse(done.contains("Copy the view to a file"), "the dialog closed")
        XCTAssertEqual(ExportHarness.mode(dotenv), 0o600)
        XCTAssertEqual(try ExportHarness.pythonDotenv(dotenv), server)

        // Same view as JSON into another file: format row (S-Tab), → → = json, new path.
        let json = h.file("stripe.json")
        h.tmux.send("Y")
        h.tmux.waitFor("Writes \(n) secrets to \(dotenv)", "the file exists")
        h.tmux.send("BTab"); h.tmux.send("Right"); h.tmux.send("Right"); h.tmux.send("Tab"); h.tmux.send("C-u")
        h.tmux.type("stripe.json")
        h.tmux.waitFor("stripe.json")
        h.tmux.send("Enter")
        h.tmux.waitFor("✓ wrote \(n) secrets to \(json) (0600)")
        XCTAssertEqual(ExportHarness.mode(json), 0o600)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: String]])
        XCTAssertEqual(rows.map { $0["key"] ?? "" }, server.keys.sorted())
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] ?? "", $0["value"] ?? "") }), server)
        XCTAssertEqual(try ExportHarness.pythonDotenv(dotenv), server, "the dotenv file was not touched")

        // `y` writes just the selected secret (here the first row of /stripe), with an explicit yes
        // to replace the existing .env.local.
        h.tmux.send("y")
        h.tmux.waitFor("Copy the value to a file", "Writes 1 secret to \(dotenv)")
        h.tmux.send("Enter")
        h.tmux.waitFor("The file exists. Replace it?")
        h.tmux.send("y")
        h.tmux.waitFor("✓ wrote 1 secret to \(dotenv) (0600)")
        let one = try ExportHarness.pythonDotenv(dotenv)
        XCTAssertEqual(one.count, 1)
        if let (k, v) = one.first { XCTAssertEqual(server[k], v) }
    }

    func testSymlinkTargetIsRefusedAndTheLinkedFileUnchanged() throws {
        let h = try ExportHarness()
        let victim = h.file("victim.txt")
        try Data("original\n".utf8).write(to: URL(fileURLWithPath: victim))
        XCTAssertEqual(symlink(victim, h.file(".env.local")), 0)
        try h.start(env: "dev", path: "/stripe", waitKey: "STRIPE_SECRET_KEY")
        h.tmux.send("Y")
        h.tmux.waitFor("refused:", "symbolic link")
        h.tmux.send("Enter")
        h.tmux.waitFor("✗", "symbolic link")
        usleep(300_000)
        let screen = h.tmux.capture()
        XCTAssertFalse(screen.contains("✓ wrote"), screen)
        XCTAssertTrue(screen.contains("Copy the view to a file"), "the dialog stays open to fix the path")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "original\n")
        var st = stat()
        XCTAssertEqual(lstat(h.file(".env.local"), &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFLNK, "the link itself is left alone")
        // A folder that does not exist is refused too, with its reason.
        h.tmux.send("C-u"); h.tmux.type("no-such-dir/x.env"); h.tmux.send("Enter")
        h.tmux.waitFor("✗ refused: the folder of", "not exist")   // said once, wrapped at the dialog width
        h.tmux.send("Escape")
        h.tmux.waitUntil("dialog closed") { !$0.contains("Copy the view to a file") }

        // A link swapped in while the overwrite question is open (after the check) is still
        // refused at write time, and the file behind it stays as it was.
        let plain = h.file("plain.env")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: plain))
        h.tmux.send("Y")
        h.tmux.waitFor("Writes")
        h.tmux.send("C-u"); h.tmux.type("plain.env"); h.tmux.send("Enter")
        h.tmux.waitFor("The file exists. Replace it?")
        try FileManager.default.removeItem(atPath: plain)
        XCTAssertEqual(symlink(victim, plain), 0)
        h.tmux.send("y")
        h.tmux.waitFor("✗", "symbolic link")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "original\n")
        XCTAssertFalse(h.tmux.capture().contains("✓ wrote"))
    }

    func testUnignoredPathInAGitRepoWarnsUntilGitignoreListsIt() throws {
        let h = try ExportHarness()
        try h.git("init", "-q")
        let target = h.file(".env.local")
        try h.start(env: "dev", path: "/stripe", waitKey: "STRIPE_SECRET_KEY")
        h.tmux.send("Y")
        h.tmux.waitFor("inside a git work tree and not git-ignored")
        h.tmux.send("Enter")
        h.tmux.waitFor("Write anyway?")
        h.tmux.send("n")
        h.tmux.waitFor("Enter check & write")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "n writes nothing")
        h.tmux.send("Escape")
        h.tmux.waitUntil("dialog closed") { !$0.contains("Copy the view to a file") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))

        // Once .gitignore lists it: no warning, no question, written.
        try Data(".env.local\n".utf8).write(to: URL(fileURLWithPath: h.file(".gitignore")))
        h.tmux.send("Y")
        let dialog = h.tmux.waitFor("Writes", "to \(target) (0600)")
        XCTAssertFalse(dialog.contains("not git-ignored"), dialog)
        h.tmux.send("Enter")
        let done = h.tmux.waitFor("✓ wrote")
        XCTAssertFalse(done.contains("Write anyway?"))
        XCTAssertEqual(ExportHarness.mode(target), 0o600)
        let ignored = ProcessRunner.run("/usr/bin/env", ["git", "-C", h.workdir, "check-ignore", "-q", ".env.local"])
        XCTAssertEqual(ignored.status, 0, "the file is git-ignored")
    }

    func testProductionExportNeedsTheProjectNameTypedBack() throws {
        let h = try ExportHarness()
        let target = h.file(".env.local")
        try h.start(env: "prod", path: "/stripe", waitKey: "STRIPE_SECRET_KEY")
        h.tmux.send("Y")
        h.tmux.waitFor("production values")
        h.tmux.send("Enter")
        h.tmux.waitFor("type the project's name (opticworks-store)")
        h.tmux.type("opticworks")
        h.tmux.send("Enter")
        h.tmux.waitFor("not the project's name")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "a wrong name writes nothing")
        h.tmux.type("opticworks-store")
        h.tmux.send("Enter")
        h.tmux.waitFor("✓ wrote", "to \(target) (0600)")
        XCTAssertEqual(try ExportHarness.pythonDotenv(target), try h.serverValues(env: "prod", path: "/stripe"))
        XCTAssertEqual(ExportHarness.mode(target), 0o600)
    }
}

extension ExportEndToEndTests {
    /// A key in two folders of a recursive export is shown as a collision, and the shallowest wins.
    func testRecursiveExportReportsACollisionAndKeepsTheShallowestValue() throws {
        let h = try ExportHarness(role: "developer")
        var environment = ProcessInfo.processInfo.environment
        environment.merge(h.credentials) { $1 }
        let set = ProcessRunner.run(DemoApp.binary, ["secrets", "set", "NODE_ENV=from-stripe-folder", "--projectId", "opticworks-store",
                                                     "--env", "dev", "--path", "/stripe"], environment: environment, withStderr: true)
        XCTAssertEqual(set.status, 0, set.output)
        let root = try h.serverValues(env: "dev", path: "/")
        let rootNodeEnv = try XCTUnwrap(root["NODE_ENV"])
        try h.start(env: "dev", path: "/", waitKey: "NODE_ENV")
        h.tmux.send("Y")
        h.tmux.waitFor("Writes", "[ ] include sub-folders")
        h.tmux.send("Tab"); h.tmux.send("Space")                 // path → recursive row, toggle on
        h.tmux.waitFor("[x] include sub-folders", "collision: NODE_ENV exists in / and /stripe")
        h.tmux.send("Enter")
        h.tmux.waitFor("✓ wrote", "· 1 warning")
        let written = try ExportHarness.pythonDotenv(h.file(".env.local"))
        XCTAssertEqual(written["NODE_ENV"], rootNodeEnv, "the shallowest folder wins")
        XCTAssertNotNil(written["STRIPE_SECRET_KEY"], "sub-folders are included")
    }
}
