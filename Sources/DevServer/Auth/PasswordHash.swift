import Crypto
import Foundation

/// Password storage for the seeded users: PBKDF2-HMAC-SHA256 (RFC 8018) with a random 16-byte salt,
/// stored as `pbkdf2-sha256$<rounds>$<salt b64>$<hash b64>`. Built on swift-crypto's HMAC (the
/// package's `_CryptoExtras` PBKDF2 is not a dependency of this target). The round count is modest
/// because this is a dev server whose debug build seeds users at every start; the format records it.
enum PasswordHash {
    static let defaultRounds = 4096

    static func make(_ password: String, rounds: Int = defaultRounds) -> String {
        let salt = TokenSigner.randomBytes(16)
        let hash = pbkdf2(Array(password.utf8), salt: salt, rounds: rounds, length: 32)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
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

    /// PBKDF2 with HMAC-SHA256 as the PRF.
    static func pbkdf2(_ password: [UInt8], salt: [UInt8], rounds: Int, length: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var out: [UInt8] = []
        var block: UInt32 = 1
        while out.count < length {
            var mac = HMAC<SHA256>(key: key)
            mac.update(data: salt)
            mac.update(data: withUnsafeBytes(of: block.bigEndian) { Array($0) })
            var u = Array(mac.finalize())
            var t = u
            for _ in 1..<max(rounds, 1) {
                u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
                for i in t.indices { t[i] ^= u[i] }
            }
            out += t
            block += 1
        }
        return Array(out.prefix(length))
    }
}
