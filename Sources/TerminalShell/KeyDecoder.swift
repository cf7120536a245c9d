import CNcursesw
import TUICore

/// Turns what `wget_wch` returns into terminal-independent `Key`s. Separate from the reader so the
/// table can be tested without a terminal.
public enum KeyDecoder {
    /// A character (wget_wch returned OK). In raw mode control keys arrive here too: Ctrl-C is 3.
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return Unicode.Scalar(value + 96).map { .ctrl(Character($0)) }
        case 28...31: return nil
        case 0x80..<0xA0: return nil        // C1 controls: never text
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// A key code (wget_wch returned KEY_CODE_YES). Mouse and resize are handled by the reader.
    public static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_DC: return .delete
        default:
            let f = code - KEY_F0
            if f >= 1 && f <= 24 { return .function(Int(f)) }
            return nil
        }
    }
}
