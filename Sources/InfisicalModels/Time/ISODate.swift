import Foundation

/// ISO-8601 timestamps as the API sends them (`2025-01-04T10:12:33.120Z`) and as a user types
/// them on the command line (`2026-11-01`, `2026-11-01T09:00:00+01:00`), parsed without
/// formatters or locale state so the TUI core stays pure and fast. The one parser for the CLI
/// and the TUI.
///
/// Accepted: `YYYY-MM-DD`, optionally followed by `T` (or a space) `HH:MM`, optional `:SS`,
/// optional fraction, optional zone `Z` or `±HH`, `±HHMM`, `±HH:MM`. No zone means UTC, as a bare
/// date does. Anything else, trailing text included, is nil: a typo is never read as a date.
public enum ISODate {
    public static func parse(_ s: String) -> Date? {
        let u = Array(s.utf8)
        func num(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in i..<(i + n) { let d = Int(u[k]) - 48; guard (0...9).contains(d) else { return nil }; v = v * 10 + d }
            return v
        }
        func at(_ i: Int, _ c: Character) -> Bool { i < u.count && u[i] == c.asciiValue! }
        guard let y = num(0, 4), at(4, "-"), let mo = num(5, 2), at(7, "-"), let d = num(8, 2),
              CivilDate.isValid(year: y, month: mo, day: d) else { return nil }
        var secs = 0.0
        var i = 10
        if i < u.count {
            guard at(10, "T") || at(10, "t") || at(10, " "),
                  let h = num(11, 2), at(13, ":"), let mi = num(14, 2), h < 24, mi < 60 else { return nil }
            secs = Double(h * 3600 + mi * 60)
            i = 16
            if at(16, ":") {
                guard let sec = num(17, 2), sec <= 60 else { return nil }
                secs += Double(sec)
                i = 19
                if at(19, ".") {
                    i += 1
                    var frac = 0.0, scale = 0.1, digits = 0
                    while i < u.count, (48...57).contains(u[i]) {
                        frac += Double(u[i] - 48) * scale; scale /= 10; i += 1; digits += 1
                    }
                    guard digits > 0 else { return nil }
                    secs += frac
                }
            }
            if at(i, "Z") || at(i, "z") {
                i += 1
            } else if at(i, "+") || at(i, "-") {
                let sign = at(i, "+") ? 1.0 : -1.0
                guard let oh = num(i + 1, 2), oh < 24 else { return nil }
                var om = 0
                i += 3
                if at(i, ":") { guard let m = num(i + 1, 2) else { return nil }; om = m; i += 3 }
                else if let m = num(i, 2) { om = m; i += 2 }
                guard om < 60 else { return nil }
                secs -= sign * Double(oh * 3600 + om * 60)
            }
            guard i == u.count else { return nil }
        }
        let days = CivilDate.days(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: Double(days) * 86400 + secs)
    }
}
