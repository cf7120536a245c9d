import Foundation

/// Server text that is not quite valid Unicode is read the way Infisical's Go CLI and Node read
/// it, instead of refusing the whole response: invalid UTF-8 bytes and lone surrogate escapes
/// (`"\ud800"`) become U+FFFD. Foundation's decoder refuses both (per string, so without this a
/// list would lose the entry, or the whole body when the text sits outside a tolerant array).
enum TolerantJSON {
    /// Decodes `data` after the repair (the one way every response body and error body is read).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(T.self, from: repaired(data) ?? data)
    }

    /// The body with invalid UTF-8 and unpaired `\uD800`–`\uDFFF` escapes replaced by U+FFFD,
    /// or nil when there was nothing to repair (the failure was something else).
    static func repaired(_ data: Data) -> Data? {
        var bytes: [UInt8]
        var changed = false
        if String(validating: data, as: UTF8.self) == nil {
            bytes = Array(String(decoding: data, as: UTF8.self).utf8)   // invalid UTF-8 → U+FFFD
            changed = true
        } else {
            // Fast path: no `\u` followed by d/D anywhere means no surrogate escape to check.
            guard mayHoldSurrogateEscape(data) else { return nil }
            bytes = Array(data)
        }
        if replaceLoneSurrogates(&bytes) { changed = true }
        return changed ? Data(bytes) : nil
    }

    static func mayHoldSurrogateEscape(_ data: Data) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for c in data {
            if previous == (UInt8(ascii: "\\"), UInt8(ascii: "u")) && (c == UInt8(ascii: "d") || c == UInt8(ascii: "D")) { return true }
            previous = (previous.1, c)
        }
        return false
    }

    /// Rewrites, inside JSON strings only, each `\uXXXX` surrogate escape that is not half of a
    /// high+low pair to `\uFFFD` (same length, so indices stay valid). True if anything changed.
    static func replaceLoneSurrogates(_ b: inout [UInt8]) -> Bool {
        var changed = false
        var inString = false
        var i = 0
        func hex(at j: Int) -> UInt32? {
            guard j + 6 <= b.count, b[j] == UInt8(ascii: "\\"), b[j + 1] == UInt8(ascii: "u") else { return nil }
            var v: UInt32 = 0
            for k in 2..<6 {
                guard let d = hexDigit(b[j + k]) else { return nil }
                v = v << 4 | d
            }
            return v
        }
        while i < b.count {
            let c = b[i]
            if !inString {
                if c == UInt8(ascii: "\"") { inString = true }
                i += 1
                continue
            }
            if c == UInt8(ascii: "\"") { inString = false; i += 1; continue }
            if c != UInt8(ascii: "\\") { i += 1; continue }
            guard let v = hex(at: i) else { i += 2; continue }   // any other escape: skip both bytes
            if (0xD800...0xDBFF).contains(v), let low = hex(at: i + 6), (0xDC00...0xDFFF).contains(low) {
                i += 12                                          // a proper pair
                continue
            }
            if (0xD800...0xDFFF).contains(v) {
                b.replaceSubrange(i..<(i + 6), with: Array("\\uFFFD".utf8))
                changed = true
            }
            i += 6
        }
        return changed
    }

    private static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
