import Foundation

/// Colour names as theme files spell them: the 16 ANSI names (`red`, `bright-red`, `gray`…),
/// `default`, `#rrggbb`, or an index 0–255 (number or numeric string).
public enum ColorName {
    static let ansiNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a colour, or returns nil when the text is not one of the accepted spellings.
    public static func parse(_ text: String) -> Color? {
        let t = text.trimmingCharactersASCIIWhitespace().lowercased()
            .replacingOccurrences(of: "_", with: "-")
        if t == "default" || t == "none" { return .default }
        if let n = ansiNames[t] { return .ansi(n) }
        if t.hasPrefix("bright"), !t.hasPrefix("bright-"), let n = ansiNames["bright-" + t.dropFirst(6)] {
            return .ansi(n)                                   // "brightred" as well as "bright-red"
        }
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        if let n = Int(t) { return index(n) }
        return nil
    }

    static func index(_ n: Int) -> Color? {
        guard (0...255).contains(n) else { return nil }
        return n < 16 ? .ansi(UInt8(n)) : .indexed(UInt8(n))
    }

    /// The canonical spelling (used when printing a theme back).
    public static func name(_ c: Color) -> String {
        switch c {
        case .default: return "default"
        case .ansi(let n): return ansiNames.filter { $0.value == n && $0.key != "gray" && $0.key != "grey" }.keys.first ?? String(n)
        case .indexed(let n): return String(n)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { let h = String($0, radix: 16); return h.count == 1 ? "0" + h : h }.joined()
        }
    }
}

extension String {
    func trimmingCharactersASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
