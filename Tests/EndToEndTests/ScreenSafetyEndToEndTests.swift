import Foundation
import InfisicalModels
import TUICore
import XCTest

/// Untrusted server text and wide characters in a real terminal: escapes are shown, never obeyed;
/// CJK and emoji keep columns aligned, and overwriting them leaves nothing stale.
final class ScreenSafetyEndToEndTests: XCTestCase {
    /// Body lines (between the top bar and the status line) must fill exactly the pane width.
    func assertAligned(_ screen: String, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, l) in lines.enumerated() where l.hasPrefix("│") || l.hasPrefix("┌") || l.hasPrefix("└") {
            XCTAssertEqual(Glyphs.width(l), width, "row \(i) is misaligned: \(l)", file: file, line: line)
        }
    }

    func testWideValueRevealedAndMaskedKeepsColumns() throws {
        let app = try DemoApp()
        let t = app.tmux
        app.waitForProjects()
        t.waitFor("SUPPORT_GREETING")
        t.send("Enter")                       // focus folders of opticworks-store (dev, /)
        t.send("/"); t.type("SUPPORT_GREETING"); t.send("Enter")
        t.waitUntil("detail of SUPPORT_GREETING") { $0.split(separator: "\n").contains { $0.contains("Key") && $0.contains("SUPPORT_GREETING") } }
        t.send("r")
        let revealed = t.waitFor("欢迎光临")
        assertAligned(revealed, width: 120)
        t.send("r")                           // mask again: wide glyphs overwritten by narrow ones
        let masked = t.waitUntil("value masked") { !$0.contains("欢迎光临") }
        assertAligned(masked, width: 120)
    }

    func testEscapeSequencesInValuesAreShownNotObeyed() throws {
        let app = try DemoApp()
        let t = app.tmux
        app.waitForProjects()
        let titleBefore = t.display("#{pane_title}")
        t.waitFor("MOTD_BANNER")
        t.send("Enter")
        t.send("/"); t.type("MOTD"); t.send("Enter")
        t.waitUntil("detail of MOTD_BANNER") { $0.split(separator: "\n").contains { $0.contains("Key") && $0.contains("MOTD_BANNER") } }
        t.send("r")
        let screen = t.waitFor("Welcome!")
        XCTAssertTrue(screen.contains("^[[2J"), "ESC shown as ^[:\n\(screen)")
        XCTAssertTrue(screen.contains("┌ Projects"), "screen was not cleared:\n\(screen)")
        XCTAssertEqual(t.display("#{pane_title}"), titleBefore, "OSC title sequence reached the terminal")
        XCTAssertFalse(screen.contains("\u{202E}"), "bidi override written raw")
        assertAligned(screen, width: 120)
    }
}
