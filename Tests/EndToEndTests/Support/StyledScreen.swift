import Foundation

/// The screen as `tmux capture-pane -e` prints it, parsed into characters that know whether they
/// are highlighted (a background colour or reverse video: how every theme, monochrome included,
/// marks the selected row). Lets a test see *which* row is selected, not just which rows exist.
struct StyledScreen: Equatable {
    struct Cell: Equatable {
        var character: Character
        var highlighted: Bool
    }

    let rows: [[Cell]]
    /// The same screen without styles (what `capture-pane -p` shows).
    var text: String { rows.map { String($0.map(\.character)) }.joined(separator: "\n") }

    init(_ captured: String) {
        var rows: [[Cell]] = []
        var background = false, reverse = false
        for line in captured.split(separator: "\n", omittingEmptySubsequences: false) {
            var row: [Cell] = []
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                guard c == "\u{1B}" else {
                    row.append(Cell(character: c, highlighted: background || reverse))
                    continue
                }
                // CSI: ESC [ parameters final-byte. Only SGR (`m`) matters; other sequences are skipped.
                guard chars.first == "[" else { _ = chars.popFirst(); continue }
                chars = chars.dropFirst()
                var params = ""
                var final: Character = "m"
                while let p = chars.popFirst() {
                    if let a = p.asciiValue, (0x40...0x7E).contains(a) { final = p; break }
                    params.append(p)
                }
                guard final == "m" else { continue }
                Self.applySGR(params, background: &background, reverse: &reverse)
            }
            rows.append(row)
        }
        // capture-pane ends with a newline: no row after it.
        if rows.last?.isEmpty == true { rows.removeLast() }
        self.rows = rows
    }

    static func applySGR(_ params: String, background: inout Bool, reverse: inout Bool) {
        var codes = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
        if codes.isEmpty { codes = [0] }
        while let code = codes.popFirst() {
            switch code {
            case 0: background = false; reverse = false
            case 7: reverse = true
            case 27: reverse = false
            case 40...47, 100...107: background = true
            case 49: background = false
            case 38, 48:
                // 38/48;5;n or 38/48;2;r;g;b: consume the colour's arguments.
                let kind = codes.popFirst()
                codes = codes.dropFirst(kind == 2 ? 3 : 1)
                if code == 48 { background = true }
            default: break
            }
        }
    }

    /// The rows of a list pane in the left column (`Projects`, `Folders`): each row's text between
    /// the pane's borders, trimmed, with the open mark and tree glyphs removed, and for a folder
    /// only its name (`/` for the root; the trailing `/`, the `●` and the count dropped), and
    /// whether the row is highlighted (judged on the row's first inner cell, which the row style
    /// always pads).
    func listRows(of title: String) -> [(name: String, highlighted: Bool)] {
        guard let top = rows.firstIndex(where: { String($0.map(\.character)).contains("┌ " + title) }),
              let end = rows[top].firstIndex(where: { $0.character == "┐" }), end > 1 else { return [] }
        var out: [(String, Bool)] = []
        // The pane's right border is under its title's `┐` (a tree guide `│` inside is not it).
        for row in rows[(top + 1)...] {
            guard row.first?.character == "│", row.count > end, row[end].character == "│" else { break }
            var name = String(row[1..<end].map(\.character)).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("● ") { name = String(name.dropFirst(2)) }                 // the open project
            name = String(name.drop { "│├└─▸▾✗ ".contains($0) })                          // tree guides and toggle
            if name.hasPrefix("/") { name = "/" }                                         // the root row
            else if title == "Folders", let slash = name.firstIndex(of: "/") { name = String(name[..<slash]) }
            if name.isEmpty { continue }
            out.append((name, row[1].highlighted))
        }
        return out
    }

    /// True while the status line shows the loading spinner.
    var isLoading: Bool {
        guard let status = rows.last else { return false }
        return status.contains { "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".contains($0.character) }
    }
}
