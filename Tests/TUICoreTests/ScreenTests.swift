import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The renderer as text: what a person would see at 80×24 and 160×48.
final class ScreenTests: XCTestCase {
    func testDashboardAt80x24ShowsProjectsTabsTableDetailAndStatus() {
        let s = Fixtures.loadedState()
        let lines = Fixtures.screen(s)
        XCTAssertEqual(lines.count, 24)
        // Top bar: project name, tabs with numbers, role.
        XCTAssertTrue(lines[0].hasPrefix(" opticworks-store"), lines[0])
        XCTAssertTrue(lines[0].contains(" 1 dev  2 staging  3 prod "), lines[0])
        XCTAssertTrue(lines[0].hasSuffix("role: developer"), lines[0])
        // Left column: project list with the open one marked, and the folder tree.
        XCTAssertTrue(lines[1].hasPrefix("┌ Projects ─"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("│● opticworks-store"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("│  hardwareos"), lines[3])
        XCTAssertTrue(lines.contains { $0.hasPrefix("│▾ /") && $0.contains("● 4│") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("│├─▸ database/") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("│└─▸ stripe/") })
        // Middle: the table header and masked rows.
        XCTAssertTrue(lines[1].contains("┌ Secrets · dev · / ─"), lines[1])
        XCTAssertTrue(lines[2].contains("KEY") && lines[2].contains("VALUE") && lines[2].contains("UPDATED"), lines[2])
        let appEnv = lines.first { $0.contains("APP_ENV") } ?? ""
        XCTAssertTrue(appEnv.contains("APP_ENV") && appEnv.contains("••••••••") && appEnv.contains("v2") && appEnv.contains("3d"), appEnv)
        let session = lines.first { $0.contains("SESSION_SECRET") } ?? ""
        // 200 days old but no rotation policy covers SESSION_SECRET (RotationPolicy): no flag.
        XCTAssertTrue(session.contains("200d") && !session.contains("200d!") && !session.contains("overdue"), session)
        // Detail of the selected (first) secret below the table at 80 columns.
        let detailTop = lines.firstIndex { $0.contains("┌ Detail ") } ?? -1
        XCTAssertGreaterThan(detailTop, 5)
        XCTAssertTrue(lines[detailTop + 1].contains("Key      APP_ENV"), lines[detailTop + 1])
        XCTAssertTrue(lines[detailTop + 2].contains("Value    ••••••••  r to reveal"), lines[detailTop + 2])
        // Status line: server, identity, role, data age, help hint.
        XCTAssertTrue(lines[23].contains("127.0.0.1:8080 │ demo-developer │ role: developer │ data fresh"), lines[23])
        XCTAssertTrue(lines[23].hasSuffix("? help"), lines[23])
        // Box drawing closes.
        XCTAssertTrue(lines[22].hasPrefix("└") && lines[22].hasSuffix("┘"), lines[22])
    }

    func testWideLayoutAt160x48PutsDetailBesideTable() {
        var s = Fixtures.loadedState(width: 160, height: 48)
        Fixtures.press(&s, .tab, .tab)            // focus the secrets table
        let g = render(s, width: 160, height: 48, theme: .builtinDefault)
        let lines = g.text.components(separatedBy: "\n")
        XCTAssertEqual(lines.count, 48)
        XCTAssertTrue(lines[1].contains("┌ Secrets · dev · / ─") && lines[1].contains("┌ Detail "), lines[1])
        let keyRow = g.row(containing: "Key      APP_ENV")
        XCTAssertEqual(keyRow, 2, "detail starts at the top, beside the table")
        XCTAssertTrue(lines[47].contains("demo-developer"))
        XCTAssertEqual(g.column(of: "┌ Projects", row: 1), 0)
        XCTAssertEqual(g.column(of: "┌ Secrets", row: 1), 34)
        // Focused pane border is drawn in the focused style.
        XCTAssertEqual(g[34, 1].style, Theme.builtinDefault.style(StyleName.borderFocused))
    }

    func testProductionTabUsesDangerStyleAndActiveTabStyle() {
        var s = Fixtures.loadedState()
        let g0 = render(s, width: 80, height: 24, theme: .builtinDefault)
        let theme = Theme.builtinDefault
        let dev = g0.column(of: " 1 dev ", row: 0)!
        let prod = g0.column(of: " 3 prod ", row: 0)!
        XCTAssertEqual(g0[dev + 1, 0].style, theme.style(StyleName.tabActive))
        XCTAssertEqual(g0[prod + 1, 0].style, theme.style(StyleName.envProduction))
        Fixtures.answer(&s, Fixtures.press(&s, .char("3")))
        let g1 = render(s, width: 80, height: 24, theme: theme)
        XCTAssertEqual(g1[prod + 1, 0].style, theme.style(StyleName.envProductionActive))
        XCTAssertTrue(g1.line(1).contains("Secrets · prod · /"))
    }

    func testHelpOverlayIsGeneratedFromTheKeyTable() {
        for (w, h) in [(80, 24), (160, 48)] {
            var s = Fixtures.loadedState(width: w, height: h)
            Fixtures.press(&s, .char("?"))
            XCTAssertEqual(s.overlay, .help(scroll: 0))
            // Every binding is on screen at some scroll position. The browse keys outgrew one
            // 80×24 screen by a line (issue 12's `!`), so there it scrolls; at 160×48 all fit at once.
            var text = render(s, width: w, height: h, theme: .builtinDefault).text
            XCTAssertTrue(text.contains("Keys — Esc closes"))
            var last = s.overlay
            while true {
                Fixtures.press(&s, .char("j"))
                if s.overlay == last { break }
                last = s.overlay
                text += render(s, width: w, height: h, theme: .builtinDefault).text
            }
            for b in KeyBindings.table where KeyBindings.helpContexts(for: .browse).contains(b.context) {
                XCTAssertTrue(text.contains(b.help), "help for \(b.label) missing at \(w)×\(h): \(b.help)\n\(text)")
                XCTAssertTrue(text.contains(b.label), "key label \(b.label) missing at \(w)×\(h)")
            }
            if w >= 160 { XCTAssertEqual(s.overlay, .help(scroll: 0), "everything fits at \(w)×\(h): nothing to scroll") }
            else { XCTAssertLessThanOrEqual(s.overlay.flatMap { if case .help(let n) = $0 { return n }; return nil } ?? 99, 2,
                                            "at most a line or two to scroll at \(w)×\(h)") }
            XCTAssertEqual(Fixtures.press(&s, .char("r"), .char("2")), [], "keys under the overlay do nothing")
            Fixtures.press(&s, .escape)
            XCTAssertNil(s.overlay)
        }
    }

    func testHelpOnTheAuditScreenShowsTheAuditKeys() {
        var s = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&s, .char("a"))
        XCTAssertEqual(s.screen, .audit)
        Fixtures.press(&s, .char("?"))
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        let text = render(s, width: 80, height: 24, theme: .builtinDefault).text
        for b in KeyBindings.table where b.context == .audit {
            XCTAssertTrue(text.contains(b.help), "audit help for \(b.label) missing: \(b.help)\n\(text)")
        }
        XCTAssertFalse(text.contains("copy the view to a file"), "browse-only keys are not offered on the audit screen")
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.screen, .audit, "Esc closes help, not the audit screen")
    }

    func testKeyTableMarkdownListsEveryBinding() {
        let md = KeyBindings.markdown
        for b in KeyBindings.table where KeyBindings.helpContexts(for: .browse).contains(b.context) { XCTAssertTrue(md.contains("| `\(b.label)` | \(b.help) |")) }
    }

    func testErrorLineShowsMessageAndHint() {
        var s = Fixtures.loadedState()
        Fixtures.send(&s, .failed(InfisicalError(.permissionDenied, "Permission denied reading /stripe in prod",
                                                 hint: "your role (viewer) cannot read production values", status: 403)))
        let lines = Fixtures.screen(s)
        XCTAssertTrue(lines[23].contains("✗ Permission denied reading /stripe in prod — your role (viewer) cannot"), lines[23])
        XCTAssertTrue(lines[23].hasSuffix("? help") || lines[23].hasSuffix("…"), lines[23])
        Fixtures.press(&s, .escape)                 // Esc with nothing else to cancel dismisses it
        XCTAssertNil(s.status.lastError)
    }

    func testTooSmallTerminalSaysSoClearly() {
        for (w, h) in [(79, 24), (80, 23), (40, 10)] {
            var s = Fixtures.loadedState()
            Fixtures.send(&s, .input(.resize(width: w, height: h)))
            let text = render(s, width: w, height: h, theme: .builtinDefault).text
            let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(flat.contains("terminal too small (need 80×24, have \(w)×\(h))"), flat)
            XCTAssertFalse(text.contains("Projects"))
        }
        let ok = render(Fixtures.loadedState(), width: 80, height: 24, theme: .builtinDefault).text
        XCTAssertFalse(ok.contains("too small"))
        // Growing back restores the dashboard with the selection intact.
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .down)
        Fixtures.send(&s, .input(.resize(width: 60, height: 20)))
        Fixtures.send(&s, .input(.resize(width: 120, height: 40)))
        XCTAssertEqual(s.browse.selectedSecret?.key, "LOG_LEVEL")
        XCTAssertTrue(render(s, width: 120, height: 40, theme: .builtinDefault).text.contains("Key      LOG_LEVEL"))
    }

    func testLargestSupportedSizeRenders() {
        let s = Fixtures.loadedState(width: 250, height: 80)
        let g = render(s, width: 250, height: 80, theme: .builtinDefault)
        XCTAssertTrue(g.line(0).contains(" 1 dev "))
        XCTAssertTrue(g.line(79).contains("demo-developer"))
        XCTAssertTrue(g.text.contains("SESSION_SECRET"))
    }

    func testProductionRevealConfirmationIsShown() {
        var s = Fixtures.loadedState()
        Fixtures.answer(&s, Fixtures.press(&s, .char("3")))
        Fixtures.press(&s, .tab, .tab, .char("r"))
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("Reveal APP_ENV in prod (production)?"), text)
        XCTAssertTrue(text.contains("y reveal · n cancel"), "the hint is built from the confirm bindings")
    }

    func testFilterPromptShowsInTableBorderAndStatusLine() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .char("/"))
        Fixtures.type(&s, "sess")
        let lines = Fixtures.screen(s)
        XCTAssertTrue(lines.contains { $0.contains("/sess▏ 1/4") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[23].contains("Enter keep · Esc clear · ^R recursive"))
    }

    /// The Updated line uses the shared `RelativeAge.ago` (the CLI's UPDATED column says the same):
    /// a secret changed seconds ago is "just now", not "now ago".
    func testDetailUpdatedAgeUsesTheSharedWording() throws {
        var s = Fixtures.loadedState()
        let row = try XCTUnwrap(s.browse.selectedSecret)
        let updated = try XCTUnwrap(row.updatedAt)
        func updatedLine() -> String? {
            DetailContent.lines(s, row: row, valueWidth: 80).first { $0.label == "Updated" }?.text
        }
        s.now = updated.addingTimeInterval(2)
        XCTAssertEqual(updatedLine().map { $0.hasSuffix(" UTC · just now") }, true, updatedLine() ?? "no Updated line")
        s.now = updated.addingTimeInterval(3 * 86400 + 60)
        XCTAssertEqual(updatedLine().map { $0.hasSuffix(" UTC · 3d ago") }, true, updatedLine() ?? "no Updated line")
    }
}

extension ScreenTests {
    func testPlainHttpToARemoteHostIsOnTheStatusLineAllTheTime() {
        var s = AppState(StartupOptions(serverLabel: "infisical.example.com", identityName: "ci", width: 80, height: 24,
                                        insecureTransport: true))
        Fixtures.answer(&s, Fixtures.send(&s, .started(now: Fixtures.t0)))
        let last = Fixtures.screen(s)[23]
        XCTAssertTrue(last.contains("⚠ plain http: credentials unencrypted"), last)
        Fixtures.press(&s, .escape)
        XCTAssertTrue(Fixtures.screen(s)[23].contains("plain http"), "Esc does not dismiss it")
        XCTAssertFalse(Fixtures.screen(Fixtures.loadedState())[23].contains("plain http"))
    }
}
