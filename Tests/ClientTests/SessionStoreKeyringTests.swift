import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// `SessionStore`'s choices between the keyring and the file, with keyrings that misbehave in the
/// ways a real one can (refuses, loses what it was given, cannot be reached). The real Secret
/// Service path is `KeyringSessionTests`.
final class SessionStoreKeyringTests: XCTestCase {
    final class MemoryKeyring: SecretServiceStore, @unchecked Sendable {
        enum Mode { case works, refusesStore, losesEntries, unreachable }
        var mode: Mode
        var entries: [[String]: String] = [:]
        init(_ mode: Mode) { self.mode = mode }
        func key(_ a: [(String, String)]) -> [String] { a.flatMap { [$0.0, $0.1] } }
        func lookup(_ a: [(String, String)]) throws -> String? {
            if mode == .unreachable { throw InfisicalError(.timeout, "no answer") }
            return mode == .losesEntries ? nil : entries[key(a)]
        }
        func store(label: String, attributes a: [(String, String)], secret: String) throws {
            if mode == .refusesStore || mode == .unreachable { throw InfisicalError(.io, "refused") }
            entries[key(a)] = secret
        }
        func clear(_ a: [(String, String)]) throws {
            if mode == .unreachable { throw InfisicalError(.timeout, "no answer") }
            entries[key(a)] = nil
        }
    }

    func dir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("sk-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d.path + "/infisical-tui"
    }

    func session(_ email: String = "a@b.c", token: String = "tok-1") -> StoredSession {
        StoredSession(domain: "https://x.test", accessToken: token, expiresAt: nil, identityId: nil,
                      createdAt: Date(timeIntervalSince1970: 1_700_000_000), kind: "user",
                      email: email, refreshToken: "ref-1")
    }

    func fileText(_ s: SessionStore) throws -> String { try String(contentsOfFile: s.filePath, encoding: .utf8) }

    func testAWorkingKeyringHoldsTheSecretsAndTheFileNone() throws {
        let k = MemoryKeyring(.works)
        let store = SessionStore(directory: dir(), keyring: k)
        XCTAssertEqual(try store.save(session()), .keyring)
        XCTAssertFalse(try fileText(store).contains("tok-1")); XCTAssertFalse(try fileText(store).contains("ref-1"))
        XCTAssertEqual(try store.load(), session())
        XCTAssertEqual(try store.backend(), .keyring)
    }

    func testARefusingOrForgetfulKeyringFallsBackToTheFileAndLeavesNoEntry() throws {
        for mode in [MemoryKeyring.Mode.refusesStore, .losesEntries] {
            let k = MemoryKeyring(mode)
            let store = SessionStore(directory: dir(), keyring: k)
            XCTAssertEqual(try store.save(session()), .file, "\(mode)")
            XCTAssertTrue(try fileText(store).contains("tok-1"))
            XCTAssertEqual(try store.load(), session())
            XCTAssertTrue(k.entries.isEmpty, "a half-written entry is cleared: \(mode)")
        }
    }

    func testAnotherAccountsSessionReplacesTheOldEntry() throws {
        let k = MemoryKeyring(.works)
        let store = SessionStore(directory: dir(), keyring: k)
        try store.save(session("a@b.c"))
        try store.save(session("other@b.c", token: "tok-2"))
        XCTAssertEqual(k.entries.count, 1, "only the current session's entry is left")
        XCTAssertEqual(try store.load()?.accessToken, "tok-2")
    }

    func testAKeyringSessionWhereTheKeyringIsGoneIsAClearErrorAndLogoutStillRemovesTheFile() throws {
        let d = dir()
        try SessionStore(directory: d, keyring: MemoryKeyring(.works)).save(session())
        XCTAssertThrowsError(try SessionStore(directory: d).load()) { e in
            XCTAssertTrue((e as? InfisicalError)?.message.contains("system keyring") == true, "\(e)")
        }
        XCTAssertThrowsError(try SessionStore(directory: d, keyring: MemoryKeyring(.works)).load(), "entry missing") { e in
            XCTAssertTrue((e as? InfisicalError)?.message.contains("no longer in the system keyring") == true, "\(e)")
        }
        XCTAssertThrowsError(try SessionStore(directory: d, keyring: MemoryKeyring(.unreachable)).delete()) { e in
            let left = e as? SessionStore.KeyringEntryLeft
            XCTAssertNotNil(left, "\(e)")
            XCTAssertTrue(left?.problem.hint?.contains("secret-tool clear 'service' 'infisical-tui'") == true, "\(String(describing: left?.problem.hint))")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: d + "/session.json"))
    }
}
