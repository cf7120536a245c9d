import Foundation
import XCTest
@testable import TUICore

final class ThemeTests: XCTestCase {
    static var themesDir: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
    }

    func testEveryShippedThemeParsesNamesEveryStyleAndMatchesTheBuiltIn() throws {
        for name in Theme.builtinNames {
            let data = try Data(contentsOf: Self.themesDir.appendingPathComponent(name + ".json"))
            let t = try Theme.decode(from: data)
            XCTAssertEqual(t.name, name)
            XCTAssertEqual(Set(t.styles.keys), Set(StyleName.all), "\(name) names every style")
            XCTAssertEqual(t.unknownStyleNames, [])
            XCTAssertEqual(Theme.builtin(named: name), t, "built-in copy of \(name) is in step with the file")
        }
        let readme = try String(contentsOf: Self.themesDir.appendingPathComponent("README.md"), encoding: .utf8)
        for n in StyleName.all { XCTAssertTrue(readme.contains("`\(n)`"), "README documents \(n)") }
    }

    func testColourSpellings() {
        XCTAssertEqual(ColorName.parse("red"), .ansi(1))
        XCTAssertEqual(ColorName.parse("bright-blue"), .ansi(12))
        XCTAssertEqual(ColorName.parse("brightBlue"), .ansi(12))
        XCTAssertEqual(ColorName.parse("gray"), .ansi(8))
        XCTAssertEqual(ColorName.parse("default"), .default)
        XCTAssertEqual(ColorName.parse("#3b82f6"), .rgb(0x3b, 0x82, 0xf6))
        XCTAssertEqual(ColorName.parse("208"), .indexed(208))
        XCTAssertEqual(ColorName.parse("7"), .ansi(7))
        XCTAssertNil(ColorName.parse("pruple"))
        XCTAssertNil(ColorName.parse("#12345"))
        XCTAssertNil(ColorName.parse("256"))
    }

    func testPartialThemeFallsBackToDefault() throws {
        let t = try Theme.decode(from: Data(##"{"name":"mine","styles":{"tab.active":{"fg":"#ff0000","bg":17,"underline":true},"tab.actve":{}}}"##.utf8))
        XCTAssertEqual(t.style(StyleName.tabActive), TextStyle(fg: .rgb(255, 0, 0), bg: .indexed(17), underline: true))
        XCTAssertEqual(t.style(StyleName.statusError), Theme.builtinDefault.style(StyleName.statusError))
        XCTAssertEqual(t.unknownStyleNames, ["tab.actve"], "typos are reported, not fatal")
    }

    func testBadThemeFilesGiveClearMessages() {
        func message(_ json: String) -> String {
            do { _ = try Theme.decode(from: Data(json.utf8)); return "no error" } catch { return String(describing: error) }
        }
        XCTAssertTrue(message("{not json").hasPrefix("theme file is not valid JSON"))
        XCTAssertEqual(message(#"{"name":"x"}"#), #"theme "x": missing "styles" object"#)
        XCTAssertTrue(message(#"{"name":"x","styles":{"tab.active":{"fg":"pruple"}}}"#)
            .hasPrefix(#"theme "x", style "tab.active": fg "pruple" is not a colour"#))
        XCTAssertEqual(message(#"{"name":"x","styles":{"base":{"bold":"yes"}}}"#),
                       #"theme "x", style "base": bold must be true or false"#)
        XCTAssertTrue(message(#"{"name":"x","styles":{"base":{"colour":"red"}}}"#).contains(#"unknown field "colour""#))
    }

    func testDegradingColours() throws {
        let t = try Theme.decode(from: Data(##"{"name":"t","styles":{"base":{"fg":"#ff0000","bg":"#000080"},"role":{"fg":"bright-green"},"status":{"fg":196}}}"##.utf8))
        XCTAssertEqual(t.degraded(to: 1 << 24).style("base").fg, .rgb(255, 0, 0))
        XCTAssertEqual(t.degraded(to: 256).style("base").fg, .indexed(196))
        XCTAssertEqual(t.degraded(to: 16).style("base").fg, .ansi(9))
        XCTAssertEqual(t.degraded(to: 16).style("base").bg, .ansi(4))
        XCTAssertEqual(t.degraded(to: 16).style("status").fg, .ansi(9))
        let eight = t.degraded(to: 8)
        XCTAssertEqual(eight.style("role").fg, .ansi(2))
        XCTAssertTrue(eight.style("role").bold, "bright colours become bold on 8-colour terminals")
        for theme in [Theme.builtinDefault.degraded(to: 8), Theme.builtin(named: "light")!.degraded(to: 16)] {
            for n in StyleName.all {
                for c in [theme.style(n).fg, theme.style(n).bg] {
                    if case .ansi(let i) = c { XCTAssertLessThan(Int(i), 16) }
                    else { XCTAssertEqual(c, .default, "\(theme.name) \(n)") }
                }
            }
        }
    }

    func testMonochromeAndNoColorKeepThingsDistinguishable() {
        for theme in [Theme.builtinDefault.noColor, Theme.builtinDefault.degraded(to: 2)] {
            for n in StyleName.all {
                XCTAssertEqual(theme.style(n).fg, .default); XCTAssertEqual(theme.style(n).bg, .default)
            }
            XCTAssertTrue(theme.style(StyleName.listSelected).reverse)
            XCTAssertTrue(theme.style(StyleName.tabActive).reverse)
            XCTAssertNotEqual(theme.style(StyleName.envProduction), theme.style(StyleName.tabInactive))
            XCTAssertNotEqual(theme.style(StyleName.statusError), theme.style(StyleName.status))
            XCTAssertNotEqual(theme.style(StyleName.listSelected), theme.style(StyleName.listSelectedInactive))
        }
    }

    func testRenderUsesThemeStyles() {
        let s = Fixtures.loadedState()
        let mono = Theme.builtin(named: "monochrome")!
        let g = render(s, width: 80, height: 24, theme: mono)
        XCTAssertTrue(g.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
        let x = g.column(of: "••••••••", row: g.row(containing: "LOG_LEVEL")!)!
        XCTAssertEqual(g[x, g.row(containing: "LOG_LEVEL")!].style, mono.style(StyleName.secretMasked))
    }
}
