import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// The Infisical CLI's encrypted `file` vault, read-only. The fixture was written by a real JOSE
/// implementation (python jwcrypto, `Fixtures/infisical-file-vault/make-fixture.py`) in the format
/// of Infisical/go-keyring's file backend; nothing here is a hand-made ciphertext.
final class InfisicalFileVaultTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/infisical-file-vault")
    static let email = "vault.user@optic.works"
    static let passphrase = "correct horse battery staple"

    /// A private copy of the fixture's HOME (the vault dir 0700, files 0600, as the CLI makes them).
    func home() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("home"), to: home)
        chmod(home.path + "/infisical-keyring", 0o700)
        chmod(home.path + "/infisical-keyring/" + Self.email, 0o600)
        return home.path
    }

    var expected: String { get throws { try String(contentsOf: Self.fixture.appendingPathComponent("expected-credentials.json"), encoding: .utf8) } }

    func snapshot(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in FileManager.default.enumerator(atPath: dir)?.compactMap({ $0 as? String }) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + f, isDirectory: &isDir), !isDir.boolValue {
                out[f] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
            }
        }
        return out
    }

    func testTheFixtureDecryptsWithTheConfigsPassphrase() throws {
        let h = try home()
        let cfg = try XCTUnwrap(InfisicalCLIConfig.load(home: h))
        let vault = try XCTUnwrap(InfisicalFileVault.open(home: h, config: cfg, environment: [:]))
        XCTAssertEqual(vault.passphrase, Self.passphrase, "base64 in vaultBackendPassphrase")
        XCTAssertEqual(try vault.credentials(email: Self.email), try expected)
        XCTAssertNil(try vault.credentials(email: "nobody@optic.works"), "no file: no login")
        XCTAssertEqual(UserCredentials.parse(Data(try expected.utf8))?.refreshToken, "fixture-refresh-token")
    }

    func testWithoutAConfigPassphraseTheEnvironmentsIsUsedAndAWrongOneIsAClearError() throws {
        let h = try home()
        var cfg = try XCTUnwrap(InfisicalCLIConfig.load(home: h))
        cfg.vaultBackendPassphrase = nil
        XCTAssertNil(InfisicalFileVault.open(home: h, config: cfg, environment: [:]), "no passphrase known: not opened")
        let right = try XCTUnwrap(InfisicalFileVault.open(home: h, config: cfg, environment: ["INFISICAL_VAULT_FILE_PASSPHRASE": Self.passphrase]))
        XCTAssertEqual(try right.credentials(email: Self.email), try expected)
        let wrong = try XCTUnwrap(InfisicalFileVault.open(home: h, config: cfg, environment: ["INFISICAL_VAULT_FILE_PASSPHRASE": "nope"]))
        XCTAssertThrowsError(try wrong.credentials(email: Self.email)) { e in
            XCTAssertTrue((e as? InfisicalError)?.message.contains("wrong passphrase") == true, "\(e)")
        }
        cfg.vaultBackendType = "auto"
        XCTAssertNil(InfisicalFileVault.open(home: h, config: cfg, environment: ["INFISICAL_VAULT_FILE_PASSPHRASE": Self.passphrase]))
    }

    func testATamperedOrHostileEntryIsRefused() throws {
        let compact = try String(contentsOfFile: try home() + "/infisical-keyring/" + Self.email, encoding: .utf8)
        var parts = compact.split(separator: ".").map(String.init)
        XCTAssertEqual(parts.count, 5)
        // One ciphertext byte changed: GCM refuses it.
        var c = Array(parts[3]); c[0] = c[0] == "A" ? "B" : "A"; parts[3] = String(c)
        XCTAssertThrowsError(try InfisicalFileVault.decrypt(compact: parts.joined(separator: "."), passphrase: Self.passphrase))
        // A header asking for a billion PBKDF2 rounds is refused at once, not computed.
        let header = #"{"alg":"PBES2-HS256+A128KW","enc":"A256GCM","p2c":1000000000,"p2s":"AAAAAAAAAAAAAAAA"}"#
        let h64 = Data(header.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let t0 = Date()
        XCTAssertThrowsError(try InfisicalFileVault.decrypt(compact: ([h64] + parts.dropFirst()).joined(separator: "."), passphrase: "x"))
        XCTAssertLessThan(Date().timeIntervalSince(t0), 1)
        XCTAssertThrowsError(try InfisicalFileVault.decrypt(compact: "not.a.jwe", passphrase: "x"))
    }

    /// Resolution with no credentials and no Secret Service: the file vault's login is used, and
    /// nothing under that HOME changes.
    func testResolutionReusesTheFileVaultLoginReadOnly() throws {
        let h = try home()
        let before = try snapshot(h)
        let inputs = ResolutionInputs(environmentVariables: ["HOME": h, "XDG_STATE_HOME": h + "/state", "PATH": "/usr/bin:/bin"],
                                      workingDirectory: h)
        let (config, _) = try ConfigResolver.resolve(inputs)
        XCTAssertEqual(config.domain.absoluteString, "https://vault.example.test")
        let creds = try XCTUnwrap(UserCredentials.parse(Data(try expected.utf8)))
        XCTAssertEqual(config.credentials, .accessToken(creds.accessToken))
        XCTAssertEqual(config.userSession, UserSession(email: Self.email, refreshToken: "fixture-refresh-token", source: .infisicalCLI))
        XCTAssertNil(config.sessionStore, "nothing is written back")
        XCTAssertEqual(try snapshot(h), before)
    }

    /// go-keyring's file names: only `%` and `/` are encoded.
    func testFileNamesFollowGoKeyring() {
        XCTAssertEqual(InfisicalFileVault.fileName("a@b.c"), "a@b.c")
        XCTAssertEqual(InfisicalFileVault.fileName("a/b%c"), "a%2Fb%25c")
    }
}
