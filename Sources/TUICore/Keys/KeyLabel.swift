/// How keys are spelled on screen. Every label, hint and help line is built from these, so the
/// text can never disagree with what the binding table dispatches.
extension Key {
    public var label: String {
        switch self {
        case .char(" "): return "Spc"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "⌫"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }
}

extension KeyBinding {
    /// The binding's keys as the user types them: each key once, a letter's upper-case twin left
    /// out when the lower-case one is there (`y Y` reads "y"), a run of digits as a range ("1-9").
    static func label(for keys: [Key]) -> String {
        let digits = keys.compactMap { k -> Int? in if case .char(let c) = k { return c.wholeNumberValue }; return nil }
        if digits.count > 2, digits.count == keys.count, let lo = digits.min(), let hi = digits.max(),
           hi - lo + 1 == digits.count {
            return "\(lo)-\(hi)"
        }
        var out: [String] = []
        for k in keys {
            if case .char(let c) = k, c.isUppercase, keys.contains(.char(Character(c.lowercased()))) { continue }
            let l = k.label
            if !out.contains(l) { out.append(l) }
        }
        return out.joined(separator: " ")
    }
}

extension KeyBinding {
    /// The first key alone (a range stays a range): what a one-line hint shows. Help and the README
    /// show every key (`label`).
    public var primaryLabel: String {
        let range = label
        if range.contains("-"), !range.contains(" ") { return range }
        return KeyBinding.label(for: Array(keys.prefix(1)))
    }
}

extension KeyBindings {
    /// A hint line for a dialog or prompt: "y reveal · n cancel", as Bubbles' ShortHelp does. The
    /// keys come from the binding of each command in `context`; only the words are the caller's.
    public static func hint(_ entries: [(Command, String)], in context: BindingContext) -> String {
        entries.compactMap { command, words in
            table.first { $0.context == context && $0.command == command }.map { "\($0.primaryLabel) \(words)" }
        }.joined(separator: " · ")
    }
}
