import Foundation

/// Appends JSON straight to a byte buffer, for responses too large to build as `JSON` values first
/// (a 10k-secret list). Its output is byte-for-byte what `JSON.serialized()` writes for the same
/// value: the same string escaping (`JSON.escapeByte`), the same date text as `Clock.iso`.
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Literal JSON text (punctuation, keys, `null`, `true`): the caller writes it already valid.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// A JSON string from UTF-8 bytes: runs that need no escaping are copied in one go.
    mutating func string(utf8 p: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<p.count {
            let b = p[i]
            if JSONWriter.needsEscape[Int(b)] {
                if runStart < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<i])) }
                JSON.escapeByte(b, into: &bytes)
                runStart = i + 1
            }
        }
        if runStart < p.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<p.count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ i: Int64) {
        if i >= 0 && i < 10 { bytes.append(UInt8(ascii: "0") + UInt8(i)); return }
        bytes.append(contentsOf: String(i).utf8)
    }

    mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }

    /// `Clock.iso(ms)` as a JSON string, without a formatter: `"2025-03-01T09:30:12.345Z"`.
    mutating func isoDate(_ ms: Int64) {
        guard ms >= 0, ms < 253_402_300_800_000 else { return string(Clock.iso(ms)) }   // years 1970…9999 only
        let secs = ms / 1000, millis = Int(ms % 1000)
        let days = secs / 86_400, rem = Int(secs % 86_400)
        let (y, m, d) = JSONWriter.civil(days: days)
        bytes.append(UInt8(ascii: "\""))
        digits(Int(y), 4); bytes.append(UInt8(ascii: "-")); digits(m, 2); bytes.append(UInt8(ascii: "-")); digits(d, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(rem / 3600, 2); bytes.append(UInt8(ascii: ":")); digits(rem / 60 % 60, 2); bytes.append(UInt8(ascii: ":"))
        digits(rem % 60, 2); bytes.append(UInt8(ascii: ".")); digits(millis, 3)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
    }

    /// `v` zero-padded to `width` (2, 3 or 4) digits, two at a time from a table (dates are a
    /// tenth of a 10k listing's bytes).
    private mutating func digits(_ v: Int, _ width: Int) {
        switch width {
        case 4: pair(v / 100); pair(v % 100)
        case 3: bytes.append(UInt8(ascii: "0") + UInt8(v / 100)); pair(v % 100)
        default: pair(v)
        }
    }

    @inline(__always)
    private mutating func pair(_ v: Int) {
        bytes.append(JSONWriter.pairs[2 * v])
        bytes.append(JSONWriter.pairs[2 * v + 1])
    }

    private static let pairs: [UInt8] = {
        var t: [UInt8] = []
        for v in 0..<100 {
            let tens = UInt8(v / 10), ones = UInt8(v % 10)
            t.append(48 + tens)
            t.append(48 + ones)
        }
        return t
    }()

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's civil_from_days).
    static func civil(days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Bytes `JSON.escapeByte` rewrites: `"`, `\`, and control characters (DEL included).
    static let needsEscape: [Bool] = (0..<256).map { b in b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F }
}
