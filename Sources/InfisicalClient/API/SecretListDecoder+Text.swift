import Foundation

/// The list reader's leaves: strings (escapes, U+FFFD repair) and single bytes.
extension SecretListDecoder.Parser {
    // MARK: strings

    /// Calls `body` with the key's bytes (decoded when it holds escapes), or nil when the key
    /// cannot be read. Returns whether it could.
    mutating func withKey(_ body: (inout SecretListDecoder.Parser, UnsafeBufferPointer<UInt8>?) throws -> Void) throws -> Bool {
        let start = i + 1
        let (end, escaped) = try stringEnd()
        if !escaped && !hasControl(start..<end) {
            try body(&self, UnsafeBufferPointer(rebasing: b[start..<end]))
            return true
        }
        guard var bytes = decode(start..<end).map({ Array($0.utf8) }) else {
            try body(&self, nil)
            return false
        }
        try bytes.withUnsafeMutableBufferPointer { try body(&self, UnsafeBufferPointer($0)) }
        return true
    }

    /// At an opening quote: moves past the closing one (a backslash skips the next byte, `\u`
    /// the next five, as the scanner does) and returns where the content ends, and whether
    /// it holds a backslash.
    mutating func stringEnd() throws -> (end: Int, escaped: Bool) {
        var j = i + 1
        var escaped = false
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "\"") { i = j + 1; return (j, escaped) }
            if c == UInt8(ascii: "\\") {
                escaped = true
                j += (j + 1 < b.count && b[j + 1] == UInt8(ascii: "u")) ? 6 : 2
                continue
            }
            j += 1
        }
        throw malformed(at: j)
    }

    func hasControl(_ r: Range<Int>) -> Bool {
        for k in r where b[k] < 0x20 { return true }
        return false
    }

    /// At an opening quote: the decoded string (invalid UTF-8 and lone surrogates as U+FFFD),
    /// or nil when its content is not valid JSON string text (a bad escape, a raw control
    /// character), which makes the value the wrong shape.
    mutating func string() throws -> String? {
        let start = i + 1
        let (end, escaped) = try stringEnd()
        return text(start..<end, escaped: escaped)
    }

    /// String content `r` (as `stringEnd` found it) as a string, or nil when it is not valid.
    mutating func text(_ r: Range<Int>, escaped: Bool) -> String? {
        if escaped { return decode(r) }
        if hasControl(r) { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    /// Decodes the escapes of string content `r`; nil when they are not valid.
    mutating func decode(_ r: Range<Int>) -> String? {
        scratch.removeAll(keepingCapacity: true)
        var j = r.lowerBound
        let end = r.upperBound
        while j < end {
            let c = b[j]
            if c < 0x20 { return nil }
            if c != UInt8(ascii: "\\") { scratch.append(c); j += 1; continue }
            guard j + 1 < end else { return nil }
            let e = b[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard j + 4 <= end, let v = hex4(at: j) else { return nil }
                j += 4
                var scalar = Unicode.Scalar(0xFFFD)!
                if (0xD800...0xDBFF).contains(v) {
                    // A pair only when a low-surrogate escape follows at once; else U+FFFD.
                    if j + 6 <= end, b[j] == UInt8(ascii: "\\"), b[j + 1] == UInt8(ascii: "u"),
                       let low = hex4(at: j + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))!
                        j += 6
                    }
                } else if let s = Unicode.Scalar(v) {
                    scalar = s   // a lone low surrogate has no scalar: stays U+FFFD
                }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
            default: return nil
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    func hex4(at j: Int) -> UInt32? {
        guard j + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in j..<(j + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    // MARK: bytes

    mutating func ws() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    func peek() throws -> UInt8 {
        guard i < b.count else { throw malformed() }
        return b[i]
    }

    mutating func next() throws -> UInt8 {
        let c = try peek()
        i += 1
        return c
    }

    mutating func expect(_ c: UInt8) throws {
        guard try next() == c else { throw malformed(at: i - 1) }
    }

    mutating func null() throws { try literal("null") }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count, memcmp(b.baseAddress! + i, word.utf8Start, n) == 0 else { throw malformed() }
        i += n
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    func malformed(at offset: Int? = nil) -> SecretListDecoder.Malformed { SecretListDecoder.Malformed(offset: offset ?? i) }

    static func equals(_ k: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        k.count == name.utf8CodeUnitCount && (k.count == 0 || memcmp(k.baseAddress!, name.utf8Start, k.count) == 0)
    }

    static func secretField(_ k: UnsafeBufferPointer<UInt8>) -> SecretListDecoder.SecretField {
        switch k.count {
        case 2: return equals(k, "id") ? .id : .other
        case 4: return equals(k, "type") ? .type : equals(k, "tags") ? .tags : .other
        case 5: return equals(k, "actor") ? .actor : .other
        case 7: return equals(k, "version") ? .version : .other
        case 9:
            if equals(k, "secretKey") { return .secretKey }
            if equals(k, "workspace") { return .workspace }
            if equals(k, "createdAt") { return .createdAt }
            if equals(k, "updatedAt") { return .updatedAt }
            return .other
        case 10: return equals(k, "secretPath") ? .secretPath : .other
        case 11: return equals(k, "secretValue") ? .secretValue : equals(k, "environment") ? .environment : .other
        case 13: return equals(k, "secretComment") ? .secretComment : .other
        case 17: return equals(k, "secretValueHidden") ? .secretValueHidden : .other
        case 18: return equals(k, "secretReminderNote") ? .secretReminderNote : .other
        case 21: return equals(k, "skipMultilineEncoding") ? .skipMultilineEncoding : .other
        case 24: return equals(k, "secretReminderRepeatDays") ? .secretReminderRepeatDays : .other
        default: return .other
        }
    }
}
