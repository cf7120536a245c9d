import Crypto
import _CryptoExtras
import Foundation

/// Password storage for the seeded users: PBKDF2-HMAC-SHA256 (RFC 8018) with a random 16-byte salt,
/// stored as `pbkdf2-sha256$<rounds>$<salt b64>$<hash b64>`, derived by swift-crypto's `_CryptoExtras`
/// PBKDF2 (BoringSSL). The round count is modest
/// because this is a dev server whose debug build seeds users at every start; the format records it.
enum PasswordHash {
    static let defaultRounds = 4096

    static func make(_ password: String, rounds: Int = defaultRounds) -> String {
        let salt = TokenSigner.randomBytes(16)
        let hash = pbkdf2(Array(password.utf8), salt: salt, rounds: rounds, length: 32)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// `make` for each password (nil stays nil), spread over the cores: seeding hashes a dozen
    /// people, which was a tenth of the demo server's start on one core.
    static func makeAll(_ passwords: [String?]) -> [String?] {
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let out = UnsafeMutableBufferPointer<String?>.allocate(capacity: passwords.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        DispatchQueue.concurrentPerform(iterations: passwords.count) { i in
            out[i] = passwords[i].map { make($0) }
        }
        return Array(out)
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]) else { return false }
        let got = pbkdf2(Array(password.utf8), salt: Array(salt), rounds: rounds, length: expected.count)
        var diff: UInt8 = 0
        for (a, b) in zip(got, expected) { diff |= a ^ b }
        return diff == 0 && got.count == expected.count
    }

    /// PBKDF2 with HMAC-SHA256 as the PRF: swift-crypto's (BoringSSL), about 40× faster than
    /// HMAC calls from Swift, which made seeding the demo people most of the dev server's start.
    static func pbkdf2(_ password: [UInt8], salt: [UInt8], rounds: Int, length: Int) -> [UInt8] {
        guard let key = try? KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: length,
                                                           unsafeUncheckedRounds: max(rounds, 1)) else { return [] }
        return key.withUnsafeBytes { Array($0) }
    }
}
