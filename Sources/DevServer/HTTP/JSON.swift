import Foundation

/// A small JSON value with ordered object keys, so responses serialize deterministically
/// (stable bytes → stable ETags) and without `Any` (Swift 6 Sendable).
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSON? {
        if case let .object(pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    public var stringValue: String? { if case let .string(s) = self { return s }; return nil }
    public var boolValue: Bool? { if case let .bool(b) = self { return b }; return nil }
    public var intValue: Int? {
        switch self {
        case let .int(i): return i
        case let .double(d) where d == d.rounded(): return Int(exactly: d)
        default: return nil
        }
    }
    public var arrayValue: [JSON]? { if case let .array(a) = self { return a }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    static func str(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    static func num(_ i: Int?) -> JSON { i.map(JSON.int) ?? .null }

    // MARK: Serialization

    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .double(d):
            if d.isFinite { out.append(contentsOf: String(d).utf8) } else { out.append(contentsOf: "null".utf8) }
        case let .string(s): JSON.writeString(s, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 { escapeByte(byte, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// One byte of a string's UTF-8 as JSON text (shared with `JSONWriter`, so both escape alike).
    @inline(__always)
    static func escapeByte(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
        case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
        case 0..<0x20, 0x7F:
            // Control characters (ESC included) always travel escaped: \u001b.
            out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default: out.append(byte)
        }
    }

    // MARK: Parsing

    /// Parses request bodies. Object key order of the input is not preserved (not needed).
    public static func parse(_ data: Data) throws -> JSON {
        let any = try JSONDecoder().decode(JSON.self, from: data)
        return any
    }
}

extension JSON: Decodable {
    public init(from decoder: any Decoder) throws {
        if var arr = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !arr.isAtEnd { items.append(try arr.decode(JSON.self)) }
            self = .array(items)
            return
        }
        if let obj = try? decoder.container(keyedBy: AnyKey.self) {
            var pairs: [(String, JSON)] = []
            for key in obj.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                pairs.append((key.stringValue, try obj.decode(JSON.self, forKey: key)))
            }
            self = .object(pairs)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
