@testable import DevServer
import XCTest

/// The seed's password hashes: PBKDF2-HMAC-SHA256 (checked against RFC 7914 §11's vector).
final class PasswordHashTests: XCTestCase {
    func testPBKDF2MatchesTheRFC7914Vector() {
        let dk = PasswordHash.pbkdf2(Array("passwd".utf8), salt: Array("salt".utf8), rounds: 1, length: 64)
        XCTAssertEqual(dk.map { String(format: "%02x", $0) }.joined(),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testHashVerifiesOnlyTheRightPasswordAndIsSalted() {
        let a = PasswordHash.make("demo-viewer-pass"), b = PasswordHash.make("demo-viewer-pass")
        XCTAssertNotEqual(a, b, "a fresh salt each time")
        XCTAssertTrue(a.hasPrefix("pbkdf2-sha256$\(PasswordHash.defaultRounds)$"))
        XCTAssertTrue(PasswordHash.verify("demo-viewer-pass", against: a))
        XCTAssertFalse(PasswordHash.verify("demo-viewer-pasS", against: a))
        XCTAssertFalse(PasswordHash.verify("", against: a))
        XCTAssertFalse(PasswordHash.verify("demo-viewer-pass", against: "plain"))
    }
}
