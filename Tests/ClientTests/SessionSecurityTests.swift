import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import InfisicalClient

/// The stored session holds a token, never the client secret; it is refused when others could
/// read it or another user owns it; an older file holding a secret is migrated on first use.
final class SessionSecurityTests: XCTestCase {
    func sessionPath(_ cli: CLI) -> String { cli.home.appendingPathComponent("state/infisical-tui/session.json").path }

    /// Every file under `dir` that contains `needle` (the hygiene check for one secret).
    static func filesContaining(_ needle: String, under dir: URL) -> [String] {
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        var hits: [String] = []
        while let u = e?.nextObject() as? URL {
            if let d = FileManager.default.contents(atPath: u.path), d.range(of: Data(needle.utf8)) != nil { hits.append(u.path) }
        }
        return hits
    }

    func testLoginStoresOnlyTheTokenAndItsExpiry() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: "developer"); defer { cli.cleanup() }
        let secret = server.identity("developer").clientSecret
        let r = try cli.run(["login"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: sessionPath(cli)))
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(obj.keys), ["domain", "accessToken", "expiresAt", "identityId", "createdAt"])
        XCTAssertEqual(Self.filesContaining(secret, under: cli.home), [], "the client secret is on disk")
        // The token works without the secret.
        var bare = cli; bare.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = nil; bare.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = nil
        bare.env["INFISICAL_DOMAIN"] = nil
        let p = try bare.run(["projects"])
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertEqual(Self.filesContaining(secret, under: cli.home), [])
    }

    func testClientSecretFromStdin() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        var cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        let id = server.identity("viewer")
        cli.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = id.clientId
        let r = try cli.run(["login", "--client-secret", "-"], stdin: Data((id.clientSecret + "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("logged in to \(server.url) as demo-viewer"), r.stdout)
        XCTAssertEqual(Self.filesContaining(id.clientSecret, under: cli.home), [])
        let wrong = try cli.run(["login", "--client-id", id.clientId, "--client-secret", "-"], stdin: Data("nope\n".utf8))
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("error: login refused"), wrong.stderr)
        let empty = try cli.run(["login", "--client-secret", "-"], stdin: Data())
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("no secret on stdin"), empty.stderr)
        let none = try cli.run(["login"], extraEnv: ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": ""])
        XCTAssertTrue(none.stderr.contains("--client-secret - (reads the secret from stdin)"), none.stderr)
    }

    func testExpiredSessionAsksForANewLogin() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        let store = SessionStore(directory: cli.home.appendingPathComponent("state/infisical-tui").path)
        try store.save(StoredSession(domain: server.url, accessToken: "old.token.x", expiresAt: Date().addingTimeInterval(-60), identityId: nil))
        let r = try cli.run(["projects"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: the stored session for \(server.url) is no longer valid (it expired at "), r.stderr)
        XCTAssertTrue(r.stderr.contains("; log in again\nhint: run `infisical-tui login`"), r.stderr)
        // A token the server no longer accepts (revoked) says the same, not a bare 401.
        try store.save(StoredSession(domain: server.url, accessToken: "not.a.token", expiresAt: Date().addingTimeInterval(3600), identityId: nil))
        let revoked = try cli.run(["projects"])
        XCTAssertEqual(revoked.status, 1)
        XCTAssertTrue(revoked.stderr.hasPrefix("error: the stored session for \(server.url) is no longer valid; log in again"), revoked.stderr)
    }

    /// Renewed near its end and saved back; once expired (no secret to log in with): "log in again".
    func testStoredSessionIsRenewedThenAsksForANewLogin() throws {
        let server = try DevServerFixture(extraArgs: ["--token-ttl", "6"]); defer { server.stop() }
        var c = try CLI(server: server, role: "admin"); defer { c.cleanup() }
        XCTAssertEqual(try c.run(["login"]).status, 0)
        let store = SessionStore(directory: c.home.appendingPathComponent("state/infisical-tui").path)
        let old = try XCTUnwrap(try store.load())
        c.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = nil; c.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = nil
        // A 6 s token is inside the renewal margin (min 5 s) after a second; the pause also makes
        // the renewed token differ (the server's iat has one-second resolution).
        Thread.sleep(forTimeInterval: 1.2)
        let renewed = try c.run(["projects"])
        XCTAssertEqual(renewed.status, 0, renewed.stderr)
        let new = try XCTUnwrap(try store.load())
        XCTAssertNotEqual(new.accessToken, old.accessToken, "renewed and saved back")
        XCTAssertGreaterThan(try XCTUnwrap(new.expiresAt), try XCTUnwrap(old.expiresAt))
        Thread.sleep(forTimeInterval: max(0, try XCTUnwrap(new.expiresAt).timeIntervalSinceNow) + 0.5)
        let expired = try c.run(["projects"])
        XCTAssertEqual(expired.status, 1)
        XCTAssertTrue(expired.stderr.hasPrefix("error: the stored session for \(server.url) is no longer valid"), expired.stderr)
        XCTAssertTrue(expired.stderr.contains("hint: run `infisical-tui login`"), expired.stderr)
    }

    func testSessionFileOthersCouldReadOrOwnIsRefused() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        let token = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!, credentials:
            .universalAuth(clientId: server.identity("viewer").clientId, clientSecret: server.identity("viewer").clientSecret))).login()
        let store = SessionStore(directory: cli.home.appendingPathComponent("state/infisical-tui").path)
        try store.save(StoredSession(domain: server.url, accessToken: token.accessToken, expiresAt: token.expiresAt, identityId: nil))
        XCTAssertEqual(try cli.run(["projects"]).status, 0, "control: the session works at 0600")
        for mode: mode_t in [0o644, 0o640, 0o604, 0o660] {
            XCTAssertEqual(chmod(store.filePath, mode), 0)
            let r = try cli.run(["projects"])
            XCTAssertEqual(r.status, 1, "mode \(String(mode, radix: 8))")
            XCTAssertTrue(r.stderr.hasPrefix("error: the stored session \(store.filePath) is accessible to other users (mode \(String(mode, radix: 8))); refusing to use it"), r.stderr)
            XCTAssertTrue(r.stderr.contains("hint: if it is yours: `chmod 600 "), r.stderr)
        }
        XCTAssertEqual(chmod(store.filePath, 0o600), 0)
        if geteuid() == 0 {
            XCTAssertEqual(chown(store.filePath, 65534, 65534), 0)
            let r = try cli.run(["projects"])
            XCTAssertEqual(r.status, 1)
            XCTAssertTrue(r.stderr.hasPrefix("error: the stored session \(store.filePath) belongs to another user (uid 65534); refusing to use it"), r.stderr)
        }
        // A symlink in its place is refused too.
        unlink(store.filePath)
        let elsewhere = cli.home.appendingPathComponent("elsewhere.json").path
        try store.save(StoredSession(domain: server.url, accessToken: token.accessToken, expiresAt: token.expiresAt, identityId: nil))
        XCTAssertEqual(rename(store.filePath, elsewhere), 0)
        XCTAssertEqual(symlink(elsewhere, store.filePath), 0)
        let link = try cli.run(["projects"])
        XCTAssertEqual(link.status, 1)
        XCTAssertTrue(link.stderr.contains("is a symbolic link; refusing to use it"), link.stderr)
    }

    func testOlderSessionHoldingASecretIsMigratedOnFirstUse() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        let id = server.identity("viewer")
        let token = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!, credentials:
            .universalAuth(clientId: id.clientId, clientSecret: id.clientSecret))).login()
        let dir = cli.home.appendingPathComponent("state/infisical-tui")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("session.json").path
        // The layout written by earlier versions (client id and secret included).
        let legacy: [String: Any] = ["domain": server.url, "clientId": id.clientId, "clientSecret": id.clientSecret,
                                     "accessToken": token.accessToken, "expiresAt": iso8601(token.expiresAt!),
                                     "identityId": "x", "createdAt": iso8601(Date())]
        try AtomicFileWriter.write(try JSONSerialization.data(withJSONObject: legacy), to: path, mode: 0o600)
        XCTAssertEqual(Self.filesContaining(id.clientSecret, under: cli.home), [path])
        let r = try cli.run(["projects"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(Self.filesContaining(id.clientSecret, under: cli.home), [], "the secret is still on disk after first use")
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path)!) as? [String: Any])
        XCTAssertNil(obj["clientSecret"]); XCTAssertNil(obj["clientId"])
        XCTAssertEqual(obj["accessToken"] as? String, token.accessToken)
        var st = stat(); XCTAssertEqual(stat(path, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
    }

    func iso8601(_ d: Date) -> String { let f = ISO8601DateFormatter(); return f.string(from: d) }
}
