import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Untrusted server text: escapes made visible, widths right, nothing split.
final class TextSafetyTests: XCTestCase {
    func testSanitizerMakesControlsVisible() {
        XCTAssertEqual(Sanitizer.sanitize("a\u{1b}[2Jb"), "a^[[2Jb")
        XCTAssertEqual(Sanitizer.sanitize("\u{1b}]0;pwned\u{07}"), "^[]0;pwned^G")
        XCTAssertEqual(Sanitizer.sanitize("x\u{7f}y\u{0}"), "x^?y^@")
        XCTAssertEqual(Sanitizer.sanitize("\u{9b}31m"), "<U+009B>31m")
        XCTAssertEqual(Sanitizer.sanitize("abc\u{202e}fed"), "abc<U+202E>fed")
        XCTAssertEqual(Sanitizer.sanitize("\u{2066}x\u{2069}\u{200f}"), "<U+2066>x<U+2069><U+200F>")
        XCTAssertEqual(Sanitizer.sanitize("line1\nline2\tz"), "line1^Jline2^Iz")
        XCTAssertEqual(Sanitizer.sanitize("line1\nline2\tz", keepNewlines: true), "line1\nline2  z")
        XCTAssertEqual(Sanitizer.sanitize("日本語 👍🏽 ok"), "日本語 👍🏽 ok", "printable text is untouched")
        let once = Sanitizer.sanitize("\u{1b}[31m\u{202e}")
        XCTAssertEqual(Sanitizer.sanitize(once), once, "idempotent")
    }

    func testDisplayWidths() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("한국"), 4)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth forms")
        XCTAssertEqual(DisplayWidth.of("🔑"), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2, "emoji + skin tone is one wide glyph")
        XCTAssertEqual(DisplayWidth.of("👩‍💻"), 2, "ZWJ sequence")
        XCTAssertEqual(DisplayWidth.of("🇩🇪"), 2, "flag")
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "combining mark adds nothing")
        XCTAssertEqual(DisplayWidth.of("─│┌┐"), 4)
        XCTAssertEqual(DisplayWidth.of("••••••••"), 8)
    }

    func testTruncationNeverSplitsWideCharacters() {
        XCTAssertEqual(Glyphs.truncate("STRIPE_SECRET_KEY", to: 8), "STRIPE_…")
        XCTAssertEqual(Glyphs.truncate("short", to: 8), "short")
        XCTAssertEqual(Glyphs.truncate("漢字漢字", to: 5), "漢字…")
        XCTAssertEqual(Glyphs.truncate("漢字漢字", to: 4), "漢 …", "a wide char that does not fit becomes a space")
        XCTAssertEqual(Glyphs.width(Glyphs.truncate("🔑🔑🔑🔑", to: 6)), 6)
        XCTAssertEqual(Glyphs.truncate("a\u{1b}[2J", to: 3), "a^…")
    }

    func testWrapKeepsNewlinesAndWideCharactersWhole() {
        XCTAssertEqual(Glyphs.wrap("abcdef", width: 4), ["abcd", "ef"])
        XCTAssertEqual(Glyphs.wrap("ab\ncd", width: 4), ["ab", "cd"])
        XCTAssertEqual(Glyphs.wrap("a漢字", width: 4), ["a漢", "字"])
        XCTAssertEqual(Glyphs.wrap("x\r\ny", width: 4), ["x", "y"])
        XCTAssertEqual(Glyphs.wrap("ab\u{202e}", width: 6), ["ab", "<U+202E>"], "escapes stay whole")
    }

    func testCommentsWrapAtSpacesAndLongWordsStillBreak() {
        XCTAssertEqual(Glyphs.wrapWords("Rotate on-demand via the Stripe dashboard.", width: 16),
                       ["Rotate on-demand", "via the Stripe", "dashboard."])
        XCTAssertEqual(Glyphs.wrapWords("abcdefghij xy", width: 4), ["abcd", "efgh", "ij", "xy"])
        XCTAssertEqual(Glyphs.wrapWords("漢字 漢字", width: 4), ["漢字", "漢字"])
        XCTAssertEqual(Glyphs.wrapWords("one\ntwo", width: 10), ["one", "two"])
    }

    func testGridPutWideCharacterUsesContinuationCell() {
        var g = Grid(width: 6, height: 1)
        let used = g.put("a漢b", x: 0, y: 0, style: .plain)
        XCTAssertEqual(used, 4)
        XCTAssertEqual(g[1, 0], Cell(text: "漢", width: 2, style: .plain))
        XCTAssertEqual(g[2, 0], Cell(text: "", width: 0, style: .plain))
        XCTAssertEqual(g[3, 0].text, "b")
        var edge = Grid(width: 3, height: 1)
        edge.put("ab漢", x: 0, y: 0, style: .plain, ellipsis: false)
        XCTAssertEqual(edge.line(0), "ab ", "wide char at the edge becomes a space")
        var clipped = Grid(width: 10, height: 1)
        clipped.put("漢字漢字", x: 0, y: 0, maxWidth: 4, style: .plain)
        XCTAssertEqual(clipped.line(0), "漢 …      ")
        XCTAssertEqual(clipped[2, 0].width, 1, "no orphan continuation cell")
    }

    /// CJK and emoji keys must not push the version column around.
    func testWideCharactersKeepTableColumnsAligned() {
        let list = SecretList(secrets: [
            Fixtures.secret("ASCII_KEY", version: 11),
            Fixtures.secret("数据库_密码", version: 12, comment: "日本語のコメント"),
            Fixtures.secret("🔑_EMOJI_KEY_🚀", version: 13, comment: "emoji 👍🏽 note"),
            Fixtures.secret("漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字", version: 14),
        ])
        for (w, h) in [(80, 24), (160, 48)] {
            let s = Fixtures.loadedState(width: w, height: h, lists: ["dev:/": list])
            let g = render(s, width: w, height: h, theme: .builtinDefault)
            var columns: [Int] = [], masks: [Int] = []
            for v in 11...14 {
                guard let y = g.row(containing: "v\(v)"), let x = g.column(of: "v\(v)", row: y) else {
                    return XCTFail("v\(v) not on screen:\n\(g.text)")
                }
                columns.append(x)
                masks.append(g.column(of: "••••••••", row: y) ?? -1)
            }
            XCTAssertEqual(Set(masks).count, 1, "mask column aligned: \(masks)")
            XCTAssertEqual(Set(columns).count, 1, "version column aligned at \(w)×\(h): \(columns)\n\(g.text)")
            XCTAssertTrue(g.text.contains("数据库_密码"))
            XCTAssertTrue(g.text.contains("日本語のコメント") || w == 80)
            // Every row is exactly `w` columns: the sum of cell widths never exceeds the terminal.
            for y in 0..<h {
                let cols = (0..<w).reduce(0) { $0 + Int(g[$1, y].width) }
                XCTAssertEqual(cols, w, "row \(y) spans \(cols) columns")
                for x in 0..<w where g[x, y].width == 2 {
                    XCTAssertEqual(g[x + 1, y].width, 0, "wide cell at \(x),\(y) has its continuation")
                }
            }
        }
    }

    /// The seed has a value and comment with ESC [2J, an OSC title set and a bidi override.
    func testEscapeCarryingTextNeverReachesTheGrid() {
        let evilKey = "EVIL_\u{1b}[2J_KEY"
        let evilComment = "title\u{1b}]0;pwned\u{07} \u{202e}txt.exe\u{9b}"
        var evil = Fixtures.secret(evilKey, comment: evilComment, tags: ["\u{1b}[5mblink"])
        evil.secretPath = "/"
        var s = Fixtures.loadedState(width: 160, height: 48, lists: ["dev:/": SecretList(secrets: [evil])])
        Fixtures.press(&s, .tab, .tab, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "v\u{1b}[2J\u{1b}]0;x\u{07}\n\u{202e}end")), now: Fixtures.t0))
        XCTAssertNotNil(s.browse.revealed)
        let g = render(s, width: 160, height: 48, theme: .builtinDefault)
        for cell in g.cells {
            for u in cell.text.unicodeScalars {
                XCTAssertFalse(Sanitizer.isUnsafe(u), "unsafe scalar U+\(String(u.value, radix: 16)) in grid")
                XCTAssertNotEqual(u.value, 0x1b)
            }
        }
        let text = g.text
        XCTAssertTrue(text.contains("EVIL_^[[2J_KEY"), text)
        XCTAssertTrue(text.contains("title^[]0;pwned^G"), text)
        XCTAssertTrue(text.contains("<U+202E>txt.exe"), text)
        XCTAssertTrue(text.contains("<U+009B>"), "escapes are wrapped whole, never split")
        XCTAssertTrue(text.contains("v^[[2J^[]0;x^G"), "revealed value escaped, newline kept as a line break")
        XCTAssertTrue(text.contains("<U+202E>end"))
        XCTAssertTrue(text.contains("^[[5mblink"))
    }

    func testMaskDoesNotDependOnValueLength() {
        let list = SecretList(secrets: [Fixtures.secret("A_SHORT"), Fixtures.secret("B_LONG")])
        let s = Fixtures.loadedState(lists: ["dev:/": list])
        // Reveal A with a 3-char value, then move on: both rows are masked again and must be
        // indistinguishable apart from the key, whatever their values were.
        var a = s
        Fixtures.press(&a, .tab, .tab, .char("r"))
        Fixtures.reply(&a, .reveal, .revealed(.success(RevealedValue(raw: "abc")), now: Fixtures.t0))
        Fixtures.press(&a, .down, .char("r"))
        Fixtures.reply(&a, .reveal, .revealed(.success(RevealedValue(raw: String(repeating: "x", count: 300))), now: Fixtures.t0))
        Fixtures.press(&a, .up)                  // moving masks B; A stays masked
        XCTAssertNil(a.browse.revealed)
        let g = render(a, width: 80, height: 24, theme: .builtinDefault)
        let ya = g.row(containing: "A_SHORT")!, yb = g.row(containing: "B_LONG")!
        let x = g.column(of: "••••••••", row: yb)!
        XCTAssertEqual(g.column(of: "••••••••", row: ya), x)
        let rest = 80 - x - 1
        XCTAssertEqual(g.text(x: x, y: ya, count: rest), g.text(x: x, y: yb, count: rest),
                       "from the mask on, the 3-char and the 300-char rows are identical")
        XCTAssertTrue(g.line(ya).contains("••••••••") && g.line(yb).contains("••••••••"))
        XCTAssertFalse(g.text.contains("abc") || g.text.contains("xxxx"))
    }
}
