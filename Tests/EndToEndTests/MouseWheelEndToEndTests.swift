import Foundation
import XCTest

/// The mouse wheel over the secrets table moves the selection (3 rows a notch), through the real
/// terminal path: tmux delivers the raw report bytes, ncurses decodes them, the core moves the cursor.
/// Both encodings: X10 (what ncurses expects under tmux's own TERM) and SGR (under xterm-256color).
final class MouseWheelEndToEndTests: XCTestCase {
    enum Encoding { case x10, sgr }

    /// A wheel notch at 0-based (x, y): button 64 = up, 65 = down.
    func wheel(_ t: TmuxSession, down: Bool, x: Int, y: Int, encoding: Encoding) {
        let button = down ? 65 : 64
        let bytes: [Int]
        switch encoding {
        case .x10: bytes = [0x1b, 0x5b, 0x4d, 32 + button, 33 + x, 33 + y]
        case .sgr: bytes = [0x1b, 0x5b, 0x3c] + Array("\(button);\(x + 1);\(y + 1)M".utf8).map(Int.init)
        }
        t.tmux(["send-keys", "-t", "app", "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// The keys listed in the secrets table, top to bottom (first word after the table's left border).
    func tableKeys(_ screen: String, tableX: Int) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let header = lines.firstIndex(where: { String($0).contains("KEY") && String($0).contains("VALUE") }) else { return [] }
        var keys: [String] = []
        for line in lines[(header + 1)...] {
            guard line.count > tableX + 1, line[tableX] == "│" else { break }
            let key = String(line[(tableX + 1)...]).split(separator: " ").first.map(String.init) ?? ""
            guard !key.isEmpty, key != "│" else { break }
            keys.append(key)
        }
        return keys
    }

    /// The key shown in the detail pane's `Key` line.
    func detailKey(_ screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            guard let r = line.range(of: "│Key      ") else { continue }
            return line[r.upperBound...].split(separator: " ").first.map(String.init)
        }
        return nil
    }

    func runWheelScenario(encoding: Encoding, term: String?) throws {
        let app = try DemoApp(width: 120, height: 40, term: term)
        let t = app.tmux
        app.waitForProjects()
        let tableX = 30                               // Layout: left column is 30 wide at 120 columns
        let screen = t.waitUntil("the secrets table and detail") { s in
            self.tableKeys(s, tableX: tableX).count >= 7 && self.detailKey(s) != nil
        }
        let keys = tableKeys(screen, tableX: tableX)
        guard keys.count >= 7 else { return }
        XCTAssertEqual(detailKey(screen), keys[0], "first row selected at start")
        let overTable = (x: tableX + 10, y: 4)        // a row of the secrets table

        wheel(t, down: true, x: overTable.x, y: overTable.y, encoding: encoding)
        t.waitUntil("wheel down selects \(keys[3])") { self.detailKey($0) == keys[3] }
        wheel(t, down: true, x: overTable.x, y: overTable.y, encoding: encoding)
        t.waitUntil("second notch selects \(keys[6])") { self.detailKey($0) == keys[6] }
        wheel(t, down: false, x: overTable.x, y: overTable.y, encoding: encoding)
        t.waitUntil("wheel up selects \(keys[3])") { self.detailKey($0) == keys[3] }
        // Over the projects pane the wheel moves that list, not the table.
        wheel(t, down: true, x: 5, y: 3, encoding: encoding)
        let after = t.waitUntil("projects selection moved") { s in
            s.split(separator: "\n").contains { $0.hasPrefix("│  infrastructure") || $0.hasPrefix("│● infrastructure") }
        }
        XCTAssertEqual(detailKey(after), keys[3], "the table selection stays put")
        t.send("q")
        app.assertExitedCleanly()
    }

    func testWheelOverTheSecretsTableMovesTheSelectionX10() throws {
        try runWheelScenario(encoding: .x10, term: nil)
    }

    func testWheelOverTheSecretsTableMovesTheSelectionSGR() throws {
        try runWheelScenario(encoding: .sgr, term: "xterm-256color")
    }
}
