import Foundation
import XCTest

/// Themes as data: `t` cycles, `--theme NAME|FILE`, user themes and config.json in the XDG config
/// dir, NO_COLOR.
final class ThemeEndToEndTests: XCTestCase {
    static let colourCode = try! NSRegularExpression(
        pattern: "\u{1b}\\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)[;m]")

    static func hasColour(_ styled: String) -> Bool {
        colourCode.firstMatch(in: styled, range: NSRange(styled.startIndex..., in: styled)) != nil
    }

    func testThemeSwitchChangesColoursNotText() throws {
        let app = try DemoApp()
        let t = app.tmux
        app.waitForProjects()
        // Let loading finish (role shown, no spinner) so only the theme can change the screen.
        t.waitUntil("a settled screen") { s in
            s.contains("role: viewer") && !s.unicodeScalars.contains { (0x2800...0x28ff).contains($0.value) }
        }
        func body(_ s: String) -> [Substring] { s.split(separator: "\n").dropLast() }   // minus the status line (age ticks)
        let plain = t.capture()
        let styled = t.captureWithStyles()
        t.send("t")
        t.waitUntil("a different theme") { _ in t.captureWithStyles() != styled }
        XCTAssertEqual(body(t.capture()), body(plain), "switching theme should not change the text")
    }

    func testNoColorDrawsWithoutColours() throws {
        let app = try DemoApp(environment: ["NO_COLOR": "1"])
        app.waitForProjects()
        let styled = app.tmux.captureWithStyles()
        XCTAssertFalse(Self.hasColour(styled), "NO_COLOR: colour codes on screen")
        XCTAssertTrue(styled.contains("\u{1b}["), "attributes (reverse/bold) should still mark the selection")
    }

    func testEightColourTerminalGetsOnlyTheEightColours() throws {
        let app = try DemoApp(term: "xterm")
        app.waitForProjects()
        let styled = app.tmux.captureWithStyles()
        XCTAssertTrue(Self.hasColour(styled), "xterm has 8 colours: some should be used")
        let beyond8 = try NSRegularExpression(pattern: "\u{1b}\\[[0-9;]*(9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)[;m]")
        XCTAssertNil(beyond8.firstMatch(in: styled, range: NSRange(styled.startIndex..., in: styled)),
                     "bright/256 colours sent to an 8-colour terminal")
    }

    func testConfigFilePicksTheTheme() throws {
        let app = try DemoApp { home in
            try FileManager.default.createDirectory(atPath: home + "/config/infisical-tui", withIntermediateDirectories: true)
            try Data(#"{"theme": "monochrome"}"#.utf8).write(to: URL(fileURLWithPath: home + "/config/infisical-tui/config.json"))
        }
        app.waitForProjects()
        XCTAssertFalse(Self.hasColour(app.tmux.captureWithStyles()), "monochrome from config.json should draw no colours")
    }

    func testUserThemeFromXDGConfigDir() throws {
        let app = try DemoApp(arguments: ["--theme", "mine"]) { home in
            let dir = home + "/config/infisical-tui/themes"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(##"{"name": "mine", "styles": {"base": {"fg": "#ff0000"}}}"##.utf8)
                .write(to: URL(fileURLWithPath: dir + "/mine.json"))
        }
        app.waitForProjects()
        let styled = app.tmux.captureWithStyles()
        XCTAssertTrue(styled.contains("\u{1b}[38;5;196m"), "base fg should be red (196):\n\(styled.prefix(600).debugDescription)")
    }

    /// An installed binary has no `Themes/` folder near it: the compiled-in themes must still load.
    /// `INFISICAL_TUI_THEMES` points at an empty directory (so the repo's `Themes/` above `.build`
    /// is not found) and the app starts in an empty directory.
    func testBuiltinThemeWorksWithoutAThemesFolder() throws {
        let empty = try Self.emptyDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let app = try DemoApp(arguments: ["--theme", "light"], environment: ["INFISICAL_TUI_THEMES": empty],
                              workingDirectory: empty)
        app.waitForProjects()
        let styled = app.tmux.captureWithStyles()
        // light's border is #8a8a8a = xterm 245; the default theme's border is plain gray.
        XCTAssertTrue(styled.contains("38;5;245"), "light's border colour should be drawn:\n\(styled.prefix(600).debugDescription)")
        XCTAssertFalse(app.tmux.capture().contains("no theme"), app.tmux.capture())
        // `t` cycles through the built-in names too (it used to find none: "no themes found").
        app.tmux.send("t")
        app.tmux.waitUntil("the next theme") { _ in !app.tmux.captureWithStyles().contains("38;5;245") }
        XCTAssertFalse(app.tmux.capture().contains("no themes found"), app.tmux.capture())
    }

    func testUnknownThemeWithoutAThemesFolderListsTheBuiltins() throws {
        let empty = try Self.emptyDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        var env = ProcessInfo.processInfo.environment
        env["INFISICAL_TUI_THEMES"] = empty
        env["XDG_CONFIG_HOME"] = empty + "/config"
        let r = ProcessRunner.run(DemoApp.binary, ["--demo", "--theme", "no-such-theme"], environment: env, withStderr: true)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.contains("no theme 'no-such-theme'"), r.output)
        XCTAssertTrue(r.output.contains("default, light, high-contrast, monochrome"), "hint lists the built-ins: \(r.output)")
    }

    static func emptyDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/no-themes.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        return String(cString: made)
    }

    func testUnknownThemeIsAClearError() {
        let r = ProcessRunner.run(DemoApp.binary, ["--demo", "--theme", "no-such-theme"], withStderr: true)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.contains("no theme 'no-such-theme'"), r.output)
        XCTAssertTrue(r.output.contains("light"), "hint lists the available themes: \(r.output)")
    }
}
