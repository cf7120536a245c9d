/// Input, decoded by the terminal shell into terminal-independent values.
public enum Key: Hashable, Sendable {
    case char(Character)        // printable text, including space
    case ctrl(Character)        // Ctrl+letter, lower-case letter ("c" for Ctrl-C)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public enum MouseEvent: Hashable, Sendable {
    case press(x: Int, y: Int)
    /// A second press on the same cell soon after the first (the first arrived as `.press`).
    case doubleClick(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// Everything the outside world can tell the core besides API results.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Text the terminal delivered as one bracketed paste (never interpreted as commands).
    case paste(String)
}
