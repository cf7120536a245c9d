import Crypto
import _CryptoExtras
import Foundation
import InfisicalModels

/// The Infisical CLI's `file` vault (`vaultBackendType: "file"`), read-only. Its keyring fork
/// (Infisical/go-keyring, keyring_encrypted_file.go) keeps one file per account in
/// `~/infisical-keyring/`, named by the email (only `%` and `/` percent-encoded), holding a compact
/// JWE: `PBES2-HS256+A128KW` key wrapping, `A256GCM` content encryption (RFC 7518), whose payload
/// is the credentials JSON encoded once more as a JSON string. The passphrase is the config's
/// `vaultBackendPassphrase` (base64; the Infisical CLI exports it as INFISICAL_VAULT_FILE_PASSPHRASE
/// itself), else INFISICAL_VAULT_FILE_PASSPHRASE. Nothing is ever written there.
public struct InfisicalFileVault: InfisicalCLICredentialLookup {
    public var directory: String
    public var passphrase: String

    public init(directory: String, passphrase: String) { self.directory = directory; self.passphrase = passphrase }

    /// The vault of `home` when its config says `file` and a passphrase is known; nil otherwise.
    public static func open(home: String, config: InfisicalCLIConfig, environment: [String: String]) -> InfisicalFileVault? {
        guard config.vaultBackendType == "file" else { return nil }
        var pass = environment["INFISICAL_VAULT_FILE_PASSPHRASE"]
        if let b64 = config.vaultBackendPassphrase, !b64.isEmpty, let d = Data(base64Encoded: b64) {
            pass = String(decoding: d, as: UTF8.self)
        }
        guard let pass, !pass.isEmpty else { return nil }
        return InfisicalFileVault(directory: home + "/infisical-keyring", passphrase: pass)
    }

    /// The file name go-keyring's file backend uses for an account (percent.Encode(s, "/")).
    static func fileName(_ key: String) -> String {
        var out = ""
        for b in key.utf8 {
            if b == UInt8(ascii: "%") || b == UInt8(ascii: "/") { out += String(format: "%%%02X", b) }
            else { out.unicodeScalars.append(Unicode.Scalar(b)) }
        }
        return out
    }

    public func credentials(email: String) throws -> String? {
        let path = directory + "/" + Self.fileName(email)
        // The same rules as for the config: a regular file of ours, not one others could plant.
        guard let data = ConfigResolver.readIfTrustworthy(path, directory: directory) else { return nil }
        let payload = try Self.decrypt(compact: String(decoding: data, as: UTF8.self), passphrase: passphrase)
        // The payload is a JSON string whose content is the credentials JSON.
        guard let inner = try? JSONDecoder().decode(String.self, from: payload) else {
            throw InfisicalError(.malformedResponse, "the Infisical CLI's file vault entry for \(email) is not what its CLI writes")
        }
        return inner
    }

    // MARK: JWE (RFC 7516 compact, RFC 7518 PBES2-HS256+A128KW and A256GCM)

    struct Header: Decodable { var alg: String; var enc: String; var p2s: String; var p2c: Int }

    /// At most this many PBKDF2 rounds: a planted file must not keep us busy for minutes.
    static let maxRounds = 1_200_000

    static func decrypt(compact: String, passphrase: String) throws -> Data {
        func bad(_ why: String) -> InfisicalError {
            InfisicalError(.malformedResponse, "the Infisical CLI's file vault entry cannot be read: \(why)",
                           hint: "log in here with `infisical-tui login`, or check INFISICAL_VAULT_FILE_PASSPHRASE")
        }
        let parts = compact.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5 else { throw bad("not a compact JWE") }
        guard let headerData = base64url(parts[0]), let header = try? JSONDecoder().decode(Header.self, from: headerData) else {
            throw bad("unreadable header")
        }
        guard header.alg == "PBES2-HS256+A128KW", header.enc == "A256GCM" else { throw bad("unsupported \(header.alg)/\(header.enc)") }
        guard (1...maxRounds).contains(header.p2c), let p2s = base64url(Substring(header.p2s)), p2s.count >= 8 else {
            throw bad("unusable key-derivation parameters")
        }
        guard let wrapped = base64url(parts[1]), let iv = base64url(parts[2]), let ciphertext = base64url(parts[3]),
              let tag = base64url(parts[4]), iv.count == 12, tag.count == 16 else { throw bad("malformed parts") }
        // Salt = alg name, a zero byte, then p2s (RFC 7518 §4.8.1.1).
        let salt = Data(header.alg.utf8) + Data([0]) + p2s
        let kek = SymmetricKey(data: pbkdf2SHA256(password: Data(passphrase.utf8), salt: salt, rounds: header.p2c, length: 16))
        let cek: SymmetricKey
        do { cek = try AES.KeyWrap.unwrap(wrapped, using: kek) } catch { throw bad("wrong passphrase") }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: iv), ciphertext: ciphertext, tag: tag)
            return try AES.GCM.open(box, using: cek, authenticating: Data(parts[0].utf8))
        } catch { throw bad("it does not authenticate") }
    }

    static func base64url(_ s: Substring) -> Data? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t)
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256: swift-crypto's (BoringSSL). The round count comes from the
    /// vault file's header, so `decrypt` bounds it before calling this.
    static func pbkdf2SHA256(password: Data, salt: Data, rounds: Int, length: Int) -> Data {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: length,
                                                     unsafeUncheckedRounds: rounds)
        return key.map { $0.withUnsafeBytes { Data($0) } } ?? Data()
    }
}
