import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// The copy-to-file write path: `overwrite: false` never replaces anything (link(2)), links are
/// never written through, mode is exactly 0600, and failures leave no temp files behind.
/// Also the shared key-order/collision rule (`ExportEntries`) the CLI and the TUI both use.
final class AtomicWriterNoOverwriteTests: XCTestCase {
    var tmp: URL!
    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("aw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func path(_ name: String) -> String { tmp.appendingPathComponent(name).path }
    func leftovers() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.contains(".tmp-") } }

    func testNoOverwriteCreatesA0600FileWhenAbsent() throws {
        let p = path(".env.local")
        let old = umask(0o000); defer { umask(old) }
        try AtomicFileWriter.write(Data("A='1'\n".utf8), to: p, mode: 0o600, overwrite: false)
        var st = stat(); XCTAssertEqual(lstat(p, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFREG)
        XCTAssertEqual(st.st_nlink, 1, "the temp name is gone: one link")
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "A='1'\n")
        XCTAssertEqual(try leftovers(), [])
    }

    func testNoOverwriteRefusesAnExistingFileAndKeepsIt() throws {
        let p = path("existing")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try AtomicFileWriter.write(Data("new".utf8), to: p, overwrite: false)) {
            let e = $0 as? InfisicalError
            XCTAssertEqual(e?.kind, .io)
            XCTAssertTrue(e?.message.contains("already exists") == true, "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "keep me")
        XCTAssertEqual(try leftovers(), [])
        // With the user's yes it is replaced, and the result is 0600 even if the old file was not.
        chmod(p, 0o644)
        try AtomicFileWriter.write(Data("new".utf8), to: p, overwrite: true)
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "new")
        var st = stat(); XCTAssertEqual(stat(p, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
    }

    func testSymlinkIsNeverWrittenThroughEitherWay() throws {
        let victim = path("victim")
        try Data("original".utf8).write(to: URL(fileURLWithPath: victim))
        let link = path("link")
        XCTAssertEqual(symlink(victim, link), 0)
        for overwrite in [false, true] {
            XCTAssertThrowsError(try AtomicFileWriter.write(Data("evil".utf8), to: link, overwrite: overwrite)) {
                XCTAssertTrue(($0 as? InfisicalError)?.message.contains("symbolic link") == true, "\($0)")
            }
            XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "original")
            var st = stat(); XCTAssertEqual(lstat(link, &st), 0); XCTAssertEqual(st.st_mode & S_IFMT, S_IFLNK)
        }
        // A dangling link (pointing where a file would be created) is refused too.
        let dangling = path("dangling")
        XCTAssertEqual(symlink(path("not-there"), dangling), 0)
        XCTAssertThrowsError(try AtomicFileWriter.write(Data("x".utf8), to: dangling, overwrite: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("not-there")))
        XCTAssertEqual(try leftovers(), [])
    }

    func testReadOnlyDirectoryIsReportedWithAHint() throws {
        guard getuid() != 0 else { throw XCTSkip("root ignores directory permissions") }
        let dir = path("ro")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        chmod(dir, 0o500); defer { chmod(dir, 0o700) }
        XCTAssertThrowsError(try AtomicFileWriter.write(Data("x".utf8), to: dir + "/f", overwrite: false)) {
            let e = $0 as? InfisicalError
            XCTAssertTrue(e?.message.contains("Permission denied") == true, "\($0)")
            XCTAssertEqual(e?.hint, "choose a writable directory")
        }
    }

    func secret(_ key: String, _ path: String, _ value: String = "v") -> Secret {
        Secret(id: key + path, workspace: "p", environment: "dev", version: 1, secretKey: key, secretValue: value, secretPath: path)
    }

    func testEntriesOrderAndCollisionsAreReportedNotDropped() {
        let list = SecretList(secrets: [secret("B", "/a/b", "deep"), secret("A", "/"), secret("B", "/a", "shallow"),
                                        secret("C", "/a/b")],
                              imports: [SecretImport(secretPath: "/shared", environment: "dev",
                                                     secrets: [secret("A", "/shared", "imported"), secret("Z", "/shared", "z")])])
        let r = ExportEntries.build(list, basePath: "/")
        XCTAssertEqual(r.entries.map(\.key), ["A", "B", "C", "Z"])
        XCTAssertEqual(r.entries.first { $0.key == "A" }?.value, "v", "own secrets override imports")
        XCTAssertEqual(r.entries.first { $0.key == "B" }?.value, "shallow", "the shallowest folder wins")
        XCTAssertEqual(r.collisions, ["B exists in /a and /a/b; exported the one in /a"])
        // Keys and collisions are the same from a metadata list (what the TUI shows before writing).
        var hidden = list
        hidden.secrets = hidden.secrets.map { var s = $0; s.secretValue = ""; return s }
        let h = ExportEntries.build(hidden, basePath: "/")
        XCTAssertEqual(h.entries.map(\.key), r.entries.map(\.key))
        XCTAssertEqual(h.collisions, r.collisions)
    }
}
