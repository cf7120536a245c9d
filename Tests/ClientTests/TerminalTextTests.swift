import InfisicalModels
import XCTest
@testable import InfisicalClient

/// The one terminal rule (`UntrustedText`, via `TerminalText`): what is shown visibly, and when
/// the CLI applies it (a terminal unless --raw; never a pipe).
final class TerminalTextTests: XCTestCase {
    func testInvisibleLookalikesAreShown() {
        let cases: [(String, String)] = [
            ("KEY\u{200D}", "KEY<U+200D>"), ("A\u{FE0F}", "A<U+FE0F>"), ("A\u{FE00}", "A<U+FE00>"),
            ("A\u{E0100}", "A<U+E0100>"), ("A\u{E01EF}", "A<U+E01EF>"), ("A\u{034F}B", "A<U+034F>B"),
            ("\u{115F}\u{1160}\u{3164}\u{FFA0}", "<U+115F><U+1160><U+3164><U+FFA0>"),
            ("\u{1b}]0;t\u{07}", "^[]0;t^G"), ("\u{9b}2J", "<U+009B>2J"), ("\u{202E}x", "<U+202E>x"), ("A\u{0}", "A^@"),
        ]
        for (input, shown) in cases { XCTAssertEqual(TerminalText.escape(input), shown, input.debugDescription) }
        // Two keys that differ only by an invisible character never look the same.
        XCTAssertNotEqual(TerminalText.escape("API_KEY"), TerminalText.escape("API_KEY\u{200D}"))
        XCTAssertNotEqual(TerminalText.escape("\u{3164}"), TerminalText.escape(" "))
        // Ordinary text is left alone, including emoji, CJK and accents.
        for plain in ["héllo", "秘密の鍵", "🔑", "한국어", "e\u{301}"] { XCTAssertEqual(TerminalText.escape(plain), plain) }
    }

    func testEscapingIsIdempotent() {
        for p in ["\u{1b}[2J", "A\u{200D}B", "\u{9d}x\u{9c}", "^[", "<U+202E>"] {
            let once = TerminalText.escape(p)
            XCTAssertEqual(TerminalText.escape(once), once)
        }
    }

    func testForOutputEscapesOnlyATerminalWithoutRaw() {
        let s = "a\u{1b}]52;c;eA==\u{07}\nb\tc"
        XCTAssertEqual(TerminalText.forOutput(s, isTerminal: true, raw: false), "a^[]52;c;eA==^G\nb\tc", "layout kept, controls shown")
        XCTAssertEqual(TerminalText.forOutput(s, isTerminal: false, raw: false), s, "a pipe gets exact bytes")
        XCTAssertEqual(TerminalText.forOutput(s, isTerminal: true, raw: true), s, "--raw gets exact bytes")
    }
}
