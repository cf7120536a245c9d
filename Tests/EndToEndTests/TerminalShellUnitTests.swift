import CNcursesw
import InfisicalModels
import TerminalShell
import TUICore
import XCTest

/// The terminal shell's pure parts: which cells a frame repaints (wide characters!), colour
/// fitting, key decoding.
final class GridDiffTests: XCTestCase {
    func grid(_ width: Int, _ text: String) -> Grid {
        var g = Grid(width: width, height: 1)
        g.put(text, x: 0, y: 0, style: .plain)
        return g
    }

    func testFirstFramePaintsEverythingAndWideGlyphsOnce() {
        let paints = GridDiff.paints(from: nil, to: grid(6, "a秘b"))
        XCTAssertEqual(paints.map(\.x), [0, 1, 3, 4, 5], "the continuation cell (x=2) is covered by the glyph")
        XCTAssertEqual(paints[1].cell.text, "秘")
    }

    func testUnchangedFramePaintsNothing() {
        XCTAssertEqual(GridDiff.paints(from: grid(6, "a秘b"), to: grid(6, "a秘b")), [])
    }

    func testOnlyChangedCellsArePainted() {
        XCTAssertEqual(GridDiff.paints(from: grid(6, "abcdef"), to: grid(6, "abXdef")).map(\.x), [2])
    }

    func testNarrowOverWideRepaintsBothHalves() {
        // "秘" at 0–1 replaced by "xy": both cells must be written, not only the first.
        let paints = GridDiff.paints(from: grid(4, "秘ab"), to: grid(4, "xyab"))
        XCTAssertEqual(paints.map(\.x), [0, 1])
    }

    func testOverwritingTheSecondHalfRepaintsTheNeighbour() {
        // Old: "a秘" (秘 at 1–2); new: "ab" + "c" at 2. The cell at 1 changed and 2 changed.
        let paints = GridDiff.paints(from: grid(4, "a秘d"), to: grid(4, "abcd"))
        XCTAssertEqual(paints.map(\.x), [1, 2])
    }

    func testWideOverNarrowSkipsTheContinuation() {
        let paints = GridDiff.paints(from: grid(4, "abcd"), to: grid(4, "a秘d"))
        XCTAssertEqual(paints.map(\.x), [1])
        XCTAssertEqual(paints[0].cell.width, 2)
    }

    func testWideGlyphInLastColumnBecomesSpace() {
        var g = Grid(width: 3, height: 1)
        g[2, 0] = Cell(text: "秘", width: 2)
        let paints = GridDiff.paints(from: nil, to: g)
        XCTAssertEqual(paints.last?.cell.text, " ")
    }

    func testOrphanContinuationBecomesSpace() {
        var g = Grid(width: 3, height: 1)
        g[1, 0] = Cell(text: "", width: 0)
        XCTAssertEqual(GridDiff.paints(from: nil, to: g).map(\.cell.text), [" ", " ", " "])
    }

    func testResizeRepaintsEverything() {
        XCTAssertEqual(GridDiff.paints(from: grid(4, "abcd"), to: grid(5, "abcd")).count, 5)
    }
}

final class ColorMappingTests: XCTestCase {
    func testDepthFromColourCount() {
        XCTAssertEqual(ColorDepth(colors: 256, noColor: false), .indexed256)
        XCTAssertEqual(ColorDepth(colors: 16, noColor: false), .ansi16)
        XCTAssertEqual(ColorDepth(colors: 8, noColor: false), .ansi8)
        XCTAssertEqual(ColorDepth(colors: 256, noColor: true), .none)
        XCTAssertEqual(ColorDepth(colors: 2, noColor: false), .none)
    }

    func testDefaultStaysDefault() {
        for d in [ColorDepth.indexed256, .ansi16, .ansi8, .none] {
            XCTAssertEqual(ColorMapping.number(for: .default, depth: d).number, -1)
        }
    }

    func testBrightColoursOnEightColourTerminalsBecomeBold() {
        let r = ColorMapping.number(for: .ansi(9), depth: .ansi8)   // bright red
        XCTAssertEqual(r.number, 1)
        XCTAssertTrue(r.brighten)
    }

    func testRGBMapsToTheCubeOr16() {
        XCTAssertEqual(ColorMapping.number(for: .rgb(255, 0, 0), depth: .indexed256).number, 196)
        XCTAssertEqual(ColorMapping.number(for: .rgb(255, 0, 0), depth: .ansi16).number, 9)
        XCTAssertEqual(ColorMapping.number(for: .indexed(196), depth: .ansi16).number, 9)
        XCTAssertEqual(ColorMapping.number(for: .rgb(128, 128, 128), depth: .indexed256).number, 244)
    }

    func testNoColourIgnoresEverything() {
        XCTAssertEqual(ColorMapping.number(for: .ansi(2), depth: .none).number, -1)
    }
}

final class KeyDecoderTests: XCTestCase {
    func testControlCharacters() {
        XCTAssertEqual(KeyDecoder.character(3), .ctrl("c"))
        XCTAssertEqual(KeyDecoder.character(9), .tab)
        XCTAssertEqual(KeyDecoder.character(10), .enter)
        XCTAssertEqual(KeyDecoder.character(13), .enter)
        XCTAssertEqual(KeyDecoder.character(27), .escape)
        XCTAssertEqual(KeyDecoder.character(127), .backspace)
        XCTAssertEqual(KeyDecoder.character(8), .backspace)
        XCTAssertEqual(KeyDecoder.character(18), .ctrl("r"))
        XCTAssertNil(KeyDecoder.character(0x9b), "C1 CSI is never text")
    }

    func testPrintable() {
        XCTAssertEqual(KeyDecoder.character(0x71), .char("q"))
        XCTAssertEqual(KeyDecoder.character(0x79d8), .char("秘"))
        XCTAssertEqual(KeyDecoder.character(0x20), .char(" "))
    }

    func testKeyCodes() {
        XCTAssertEqual(KeyDecoder.keyCode(KEY_BTAB), .backTab)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_BACKSPACE), .backspace)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_ENTER), .enter)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_UP), .up)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_NPAGE), .pageDown)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_F0 + 5), .function(5))
        XCTAssertNil(KeyDecoder.keyCode(KEY_RESIZE), "resize is handled by the reader, not as a key")
    }
}

/// Bracketed paste: `ESC[200~ … ESC[201~` becomes one `.paste`, everything else passes through.
final class PasteDecoderTests: XCTestCase {
    func feed(_ d: inout PasteDecoder, _ s: String) -> [PasteDecoder.Output] {
        s.unicodeScalars.flatMap { d.feed($0.value) }
    }

    func testPasteBecomesOneEventWithNewlinesAndEscapes() {
        var d = PasteDecoder()
        let out = feed(&d, "a\u{1b}[200~line1\rline2\n\u{1b}[Ax\u{1b}[201~b") + d.flush()
        XCTAssertEqual(out, [.character(97), .paste("line1\rline2\n\u{1b}[Ax"), .character(98)])
    }

    func testPlainEscapeAndAltBracketPassThroughOnFlush() {
        var d = PasteDecoder()
        XCTAssertEqual(feed(&d, "\u{1b}"), [], "held: it may start a paste")
        XCTAssertEqual(d.flush(), [.character(27)], "no more input: it was the Esc key")
        XCTAssertEqual(feed(&d, "\u{1b}[2x") + d.flush(), [27, 91, 50, 120].map(PasteDecoder.Output.character))
        XCTAssertEqual(feed(&d, "\u{1b}\u{1b}[200~z\u{1b}[201~"), [.character(27), .paste("z")])
    }

    func testPasteSplitAcrossReadsSurvivesFlush() {
        var d = PasteDecoder()
        XCTAssertEqual(feed(&d, "\u{1b}[200~hel"), [])
        XCTAssertEqual(d.flush(), [], "a paste in progress is not flushed")
        XCTAssertTrue(d.isInPaste)
        XCTAssertEqual(feed(&d, "lo\u{1b}[20"), [])
        XCTAssertEqual(feed(&d, "1~q"), [.paste("hello"), .character(113)])
    }

    func testPartialEndMarkerIsText() {
        var d = PasteDecoder()
        XCTAssertEqual(feed(&d, "\u{1b}[200~a\u{1b}[20x\u{1b}\u{1b}[201~"), [.paste("a\u{1b}[20x\u{1b}")])
    }

    func testHugePasteIsBoundedButStillEnds() {
        var d = PasteDecoder()
        let big = String(repeating: "x", count: PasteDecoder.maxPaste + 10)
        let out = feed(&d, "\u{1b}[200~" + big + "\u{1b}[201~")
        guard case .paste(let s)? = out.first else { return XCTFail("no paste") }
        XCTAssertEqual(s.count, PasteDecoder.maxPaste)
        XCTAssertFalse(d.isInPaste)
    }
}

/// Two presses on the same cell within the interval make a double-click; the first press stays a
/// plain press, and a third press starts over.
final class DoubleClickTests: XCTestCase {
    func testSecondPressOnTheSameCellSoonIsADoubleClick() {
        var d = DoubleClickDetector()
        XCTAssertFalse(d.isDouble(x: 3, y: 4, at: 10.0))
        XCTAssertTrue(d.isDouble(x: 3, y: 4, at: 10.2))
        XCTAssertFalse(d.isDouble(x: 3, y: 4, at: 10.3), "a third press starts a new click")
        XCTAssertFalse(d.isDouble(x: 3, y: 4, at: 11.0), "too slow")
        XCTAssertFalse(d.isDouble(x: 4, y: 4, at: 11.1), "another cell")
        XCTAssertTrue(d.isDouble(x: 4, y: 4, at: 11.4))
    }
}
