/// Bracketed paste (`ESC[?2004h`): the terminal wraps pasted text in `ESC[200~ … ESC[201~`.
/// ncurses does not know these sequences, so they arrive as single characters; this decoder turns
/// them into one paste and passes everything else through unchanged. It keeps its state across
/// reads, so a paste split over several reads still becomes one `.paste`.
public struct PasteDecoder: Sendable {
    public enum Output: Equatable, Sendable {
        /// A character that is not part of a paste (decode it as a key).
        case character(UInt32)
        case paste(String)
    }

    static let start: [UInt32] = [27, 91, 50, 48, 48, 126]   // ESC [ 2 0 0 ~
    static let end: [UInt32] = [27, 91, 50, 48, 49, 126]     // ESC [ 2 0 1 ~
    /// Pasted text beyond this is dropped (the end marker is still found).
    public static let maxPaste = 1 << 20

    /// Characters that may be the start marker (held back until it matches or fails).
    var held: [UInt32] = []
    var inPaste = false
    var text: [UInt32] = []
    /// How much of the end marker the latest characters matched.
    var endMatched = 0

    public init() {}

    public var isInPaste: Bool { inPaste }

    public mutating func feed(_ c: UInt32) -> [Output] {
        if inPaste {
            if c == Self.end[endMatched] {
                endMatched += 1
                if endMatched == Self.end.count {
                    inPaste = false
                    endMatched = 0
                    let s = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
                    text = []
                    return [.paste(s)]
                }
                return []
            }
            // A partial end marker was text after all.
            if endMatched > 0 { append(Array(Self.end[..<endMatched])); endMatched = 0 }
            if c == Self.end[0] { endMatched = 1 } else { append([c]) }
            return []
        }
        if c == Self.start[held.count] {
            held.append(c)
            if held.count == Self.start.count { held = []; inPaste = true; text = [] }
            return []
        }
        // Not a start marker: release what was held, then look at `c` afresh (it may be ESC).
        var out = held.map(Output.character)
        held = []
        if c == Self.start[0] { held = [c] } else { out.append(.character(c)) }
        return out
    }

    /// No more input right now: a held ESC (or ESC [ …) was a real key press. A paste in progress
    /// stays open: its rest comes with the next read.
    public mutating func flush() -> [Output] {
        let out = held.map(Output.character)
        held = []
        return out
    }

    mutating func append(_ cs: [UInt32]) {
        let room = Self.maxPaste - text.count
        if room > 0 { text += cs.prefix(room) }
    }
}
