import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Geometry invariants of whole frames: every row is exactly the terminal's width (wide glyphs
/// always paired with their continuation), borders sit in their columns, and overlays keep their
/// text inside their box. These catch truncation that lands one column too far.
final class ScreenGeometryTests: XCTestCase {
    /// Width of a row in terminal columns, failing on half a wide glyph.
    /// Four corners and both side borders of the box drawn at `r`.
    func assertBorders(_ g: Grid, _ r: Rect, _ label: String, dump: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(g[r.x, r.y].text, "┌", "\(label) top-left\n\(dump)", file: file, line: line)
        XCTAssertEqual(g[r.maxX - 1, r.y].text, "┐", "\(label) top-right\n\(dump)", file: file, line: line)
        XCTAssertEqual(g[r.x, r.maxY - 1].text, "└", "\(label) bottom-left\n\(dump)", file: file, line: line)
        XCTAssertEqual(g[r.maxX - 1, r.maxY - 1].text, "┘", "\(label) bottom-right\n\(dump)", file: file, line: line)
        for y in (r.y + 1)..<(r.maxY - 1) {
            XCTAssertEqual(g[r.x, y].text, "│", "\(label) left border row \(y)\n\(dump)", file: file, line: line)
            XCTAssertEqual(g[r.maxX - 1, y].text, "│", "\(label) right border row \(y)\n\(dump)", file: file, line: line)
        }
    }

    func columns(_ g: Grid, row y: Int, file: StaticString = #filePath, line: UInt = #line) -> Int {
        var total = 0
        for x in 0..<g.width {
            let c = g[x, y]
            switch c.width {
            case 2:
                XCTAssertTrue(x + 1 < g.width && g[x + 1, y].width == 0,
                              "row \(y) col \(x): wide glyph \(c.text) without its continuation", file: file, line: line)
                total += 2
            case 0:
                XCTAssertTrue(x > 0 && g[x - 1, y].width == 2,
                              "row \(y) col \(x): orphaned continuation cell", file: file, line: line)
            default:
                XCTAssertEqual(Glyphs.width(c.text), 1, "row \(y) col \(x): \(c.text) is not one column", file: file, line: line)
                total += 1
            }
        }
        return total
    }

    func testHelpOverlayKeepsBothBordersAndStaysInsideItsBox() {
        for (w, h) in [(80, 24), (160, 48), (100, 30), (80, 40)] {
            var s = Fixtures.loadedState(width: w, height: h)
            let under = render(s, width: w, height: h, theme: .builtinDefault)
            Fixtures.press(&s, .char("?"))
            let g = render(s, width: w, height: h, theme: .builtinDefault)
            let box = Layout(width: w, height: h).help(lineCount: HelpContent.lines().count).box
            let dump = g.text
            XCTAssertTrue(box.x >= 0 && box.maxX <= w && box.y >= 1 && box.maxY <= h - 1, "\(w)×\(h): box \(box)")
            assertBorders(g, box, "\(w)×\(h) help box", dump: dump)
            for y in (box.y + 1)..<(box.maxY - 1) {
                // One blank column of padding inside each border: text never touches it.
                XCTAssertEqual(g[box.x + 1, y].text, " ", "\(w)×\(h) row \(y) left padding\n\(dump)")
                XCTAssertEqual(g[box.maxX - 2, y].text, " ", "\(w)×\(h) row \(y) right padding\n\(dump)")
                let inside = g.text(x: box.x, y: y, count: box.width)
                XCTAssertFalse(inside.contains("…"), "\(w)×\(h) row \(y) is truncated: \(inside)")
            }
            // Outside the box the frame is exactly what was there without the overlay.
            for y in 0..<h {
                XCTAssertEqual(columns(g, row: y), w, "\(w)×\(h) row \(y): \(g.line(y))")
                for x in 0..<w where !box.contains(x: x, y: y) {
                    // A wide glyph cut by the box edge is blanked: allow exactly that cell.
                    if x == box.x - 1, under[x, y].width == 2 { continue }
                    if x == box.maxX, under[x, y].width == 0 { continue }
                    XCTAssertEqual(g[x, y], under[x, y], "\(w)×\(h): overlay changed (\(x), \(y)) outside its box")
                }
            }
            // Every binding's label and help text is shown in full, at some scroll position (at 80×24
            // the browse keys are a line more than one screen since issue 12's `!`).
            var all = dump
            for _ in 0..<Layout(width: w, height: h).help(lineCount: HelpContent.lines().count).maxScroll {
                Fixtures.press(&s, .char("j"))
                all += render(s, width: w, height: h, theme: .builtinDefault).text
            }
            for b in KeyBindings.table where KeyBindings.helpContexts(for: .browse).contains(b.context) {
                XCTAssertTrue(all.contains(b.help), "\(w)×\(h): \(b.help) missing or cut\n\(all)")
            }
        }
    }

    /// Long project names, keys, comments (wide and hostile characters), a deep path, a revealed
    /// long value, a filter and an error with a hint — all at once, at the smallest size.
    func busyState(width: Int, height: Int) -> AppState {
        let longKey = "VERY_LONG_SECRET_KEY_NAME_THAT_GOES_ON_AND_ON_FOREVER_AND_EVER"
        let list = SecretList(secrets: [
            Fixtures.secret(longKey, daysAgo: 400, comment: String(repeating: "a long comment ", count: 12)),
            Fixtures.secret("SUPPORT_GREETING", version: 12345, daysAgo: 2, comment: "こんにちは世界 🌏 ようこそ、お客様の皆さま、サポートへ"),
            Fixtures.secret("ＷＩＤＥ＿ＫＥＹ＿ＡＢＣＤＥＦＧＨＩＪＫＬ", daysAgo: 1, comment: "🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏"),
            Fixtures.secret("MOTD_BANNER", daysAgo: 5, comment: "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}reversed text that is long enough"),
            Fixtures.secret("TAGGED", daysAgo: 5, tags: ["database", "payments", "webhook", "rotation", "more", "tags"]),
        ] + (0..<30).map { Fixtures.secret("FILLER_\($0)_" + String(repeating: "X", count: $0)) })
        var s = Fixtures.loadedState(width: width, height: height, lists: ["dev:/": list])
        let longNames = Fixtures.projects.map {
            Project(id: $0.id, name: $0.name + "-with-a-really-long-name-界界界-🌏", slug: $0.slug, environments: $0.environments)
        }
        Fixtures.reply(&s, .projects, .projects(.success(longNames)))
        Fixtures.send(&s, .failed(InfisicalError(.unreachable, String(repeating: "could not reach the server ", count: 4),
                                                 hint: "check --domain and that the server is running 界🌏")))
        Fixtures.press(&s, .tab, .tab, .char("r"))   // the secrets table, reveal the first value
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: String(repeating: "値🌏x", count: 40))), now: Fixtures.t0))
        return s
    }

    func testEveryRowOfABusyScreenIsExactlyTheTerminalWidthWithBordersInPlace() {
        for (w, h) in [(80, 24), (160, 48), (120, 30)] {
            var s = busyState(width: w, height: h)
            var frames = [render(s, width: w, height: h, theme: .builtinDefault)]
            Fixtures.press(&s, .char("?"))
            frames.append(render(s, width: w, height: h, theme: .builtinDefault))
            Fixtures.press(&s, .escape, .down)
            frames.append(render(s, width: w, height: h, theme: .builtinDefault))
            let layout = Layout(width: w, height: h)
            for (fi, g) in frames.enumerated() {
                let dump = g.text
                for y in 0..<h { XCTAssertEqual(columns(g, row: y), w, "\(w)×\(h) frame \(fi) row \(y)\n\(dump)") }
                guard fi != 1 else { continue }     // the help overlay covers the panes
                for pane in Pane.allCases {
                    let r = layout.rect(of: pane)
                    assertBorders(g, r, "\(w)×\(h) \(pane)", dump: dump)
                }
            }
        }
    }

    func testPutRepairsWideGlyphsItCuts() {
        var g = Grid(width: 6, height: 1)
        g.put("界界界", x: 0, y: 0, style: .plain)
        g.put("a", x: 1, y: 0, style: .plain)           // second half of the first 界
        g.put("b", x: 2, y: 0, style: .plain)           // first half of the second 界
        XCTAssertEqual(g.line(0), " ab 界")
        XCTAssertEqual(columns(g, row: 0), 6)
        g.put("xyzw界", x: 0, y: 0, maxWidth: 5, style: .plain)   // ellipsis where 界 would start
        XCTAssertEqual(columns(g, row: 0), 6)
        XCTAssertEqual(g.text(x: 0, y: 0, count: 5), "xyzw…")
    }
}
