/// An editable text buffer with a cursor, shared by every prompt (paths, filters, typed-back
/// confirmations) and the multi-line value editor. Pure value type: keys in, text out.
public struct TextInput: Equatable, Sendable {
    public private(set) var chars: [Character]
    /// Index into `chars` (0...count).
    public private(set) var cursor: Int
    public let multiline: Bool
    public let maxLength: Int

    public init(_ text: String = "", multiline: Bool = false, maxLength: Int = 1 << 20) {
        let c = Array(text)
        chars = c; cursor = c.count; self.multiline = multiline; self.maxLength = maxLength
    }

    public var text: String { String(chars) }
    public var isEmpty: Bool { chars.isEmpty }

    /// Replaces the whole text, cursor at the end.
    public mutating func set(_ text: String) { chars = Array(text); cursor = chars.count }

    /// Inserts typed or pasted text at the cursor. A single-line field keeps only the first line
    /// (a pasted path must not smuggle a newline in); CR LF / CR become LF in a multi-line one.
    public mutating func insert(_ s: String) {
        var t = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !multiline { t = String(t.prefix { $0 != "\n" }) }
        let room = maxLength - chars.count
        guard room > 0 else { return }
        let add = Array(t.prefix(room))
        chars.insert(contentsOf: add, at: cursor)
        cursor += add.count
    }

    /// Applies an editing key. Returns false when the key is not an editing key (the caller then
    /// treats it as a command: Enter in a single-line field, Esc, Tab, …).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .enter where multiline: insert("\n")
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = lineStart(cursor)
        case .end, .ctrl("e"): cursor = lineEnd(cursor)
        case .ctrl("u"):
            let s = lineStart(cursor)
            chars.removeSubrange(s..<cursor); cursor = s
        case .ctrl("k"):
            let e = lineEnd(cursor)
            chars.removeSubrange(cursor..<e)
        case .ctrl("w"):
            var s = cursor
            while s > 0, chars[s - 1] == " " { s -= 1 }
            while s > 0, chars[s - 1] != " ", chars[s - 1] != "\n", chars[s - 1] != "/" { s -= 1 }
            if s == cursor, s > 0 { s -= 1 }
            chars.removeSubrange(s..<cursor); cursor = s
        case .up where multiline: moveLine(-1)
        case .down where multiline: moveLine(1)
        default: return false
        }
        return true
    }

    // MARK: lines (multi-line editor)

    /// The text split at newlines (always at least one line).
    public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Line and column (in characters) of the cursor.
    public var cursorLineColumn: (line: Int, column: Int) {
        var line = 0, start = 0
        for i in 0..<cursor where chars[i] == "\n" { line += 1; start = i + 1 }
        return (line, cursor - start)
    }

    func lineStart(_ i: Int) -> Int {
        var s = i
        while s > 0, chars[s - 1] != "\n" { s -= 1 }
        return s
    }

    func lineEnd(_ i: Int) -> Int {
        var e = i
        while e < chars.count, chars[e] != "\n" { e += 1 }
        return e
    }

    mutating func moveLine(_ delta: Int) {
        let col = cursor - lineStart(cursor)
        if delta < 0 {
            let s = lineStart(cursor)
            guard s > 0 else { cursor = 0; return }
            let prevStart = lineStart(s - 1)
            cursor = min(prevStart + col, s - 1)
        } else {
            let e = lineEnd(cursor)
            guard e < chars.count else { cursor = chars.count; return }
            let nextStart = e + 1
            cursor = min(nextStart + col, lineEnd(nextStart))
        }
    }
}
