import CNcursesw
import CSupport
import Foundation
import TUICore

/// Why the terminal could not be taken over. Messages are one line, for the user.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let hint: String?
    public var description: String { message }
}

/// The thin ncursesw shell: owns the screen between `start()` and `stop()`, draws `Grid`s (only
/// the changed cells, one `doupdate` per frame) and reads keys, mouse, resize and signals.
/// Use from one thread only (ncurses is not thread-safe); other threads wake it with `cs_wake()`.
public final class Terminal {
    public private(set) var width = 0
    public private(set) var height = 0
    public private(set) var colorDepth: ColorDepth = .none
    /// The terminal's colour count (`COLORS`), 0 without colour support or under NO_COLOR.
    public private(set) var colorCount = 0
    public private(set) var isActive = false

    var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    var wakeFD: Int32 = -1
    var previous: Grid?
    var clicks = DoubleClickDetector()
    var pairs: [PairKey: Int16] = [:]
    var nextPair: Int16 = 1
    var maxPairs: Int = 0
    /// Bracketed-paste state, kept across reads (a paste may span several).
    var paste = PasteDecoder()
    /// Set when a terminating signal arrived while stopped: the terminal was given back before the
    /// stop and must not be taken again (`stop()` then only frees ncurses' memory).
    var releasedForExit = false

    struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    public init() {}

    /// Takes over the terminal. Throws (before touching the screen) when stdin/stdout are not a
    /// terminal or TERM is unknown; everything done here is undone by `stop()`.
    public func start(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try Self.requireTerminal()
        // ncursesw needs a UTF-8 locale for wide characters; tmux panes and CI often have none.
        setlocale(LC_ALL, "")
        if !Self.codesetIsUTF8() { setlocale(LC_ALL, "C.UTF-8") }

        // Our handlers go in before ncurses starts, so ncurses keeps its hands off INT/TERM/TSTP
        // (it only installs its own when the disposition is still the default). SIGWINCH stays
        // with ncurses, which turns it into KEY_RESIZE.
        wakeFD = cs_install_signal_pipe()
        cs_install_crash_restore()
        set_escdelay(25)

        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        guard let term else {
            throw TerminalError(message: "TERM is not set", hint: "set TERM, e.g. TERM=xterm-256color")
        }
        guard let scr = nc_newterm_stdio(term) else {
            throw TerminalError(message: "unknown terminal type '\(term)'", hint: "try TERM=xterm-256color")
        }
        screen = scr
        let win = nc_stdscr()
        window = win
        isActive = true
        raw(); noecho(); nonl()
        keypad(win, true)
        nodelay(win, true)
        intrflush(win, false)
        curs_set(0)
        leaveok(win, true)
        scrollok(win, false)
        var old: mmask_t = 0
        mousemask(nc_BUTTON1_PRESSED() | nc_BUTTON4_PRESSED() | nc_BUTTON5_PRESSED(), &old)
        mouseinterval(0)
        setUpColors(noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
        updateSize()
        previous = nil
        paste = PasteDecoder()
        Self.setBracketedPaste(true)
    }

    /// Asks the terminal to mark pasted text (`ESC[?2004h`), or stops it. Every exit path turns it
    /// off again: `stop()`, suspend, and the crash restore in CSupport (its reset sequence).
    static func setBracketedPaste(_ on: Bool) {
        guard isatty(1) == 1 else { return }
        fflush(nil)
        let seq = on ? "\u{1b}[?2004h" : "\u{1b}[?2004l"
        _ = seq.withCString { write(1, $0, strlen($0)) }
    }

    /// Gives the terminal back: normal screen, cursor visible, cooked mode. Safe to call twice.
    public func stop() {
        guard isActive else { return }
        isActive = false
        if !releasedForExit {
            var old: mmask_t = 0
            mousemask(0, &old)
            curs_set(1)
            endwin()
            Self.setBracketedPaste(false)
        }
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        cs_restore_terminal()
    }

    /// Fails unless stdin and stdout are terminals (checked before anything expensive starts).
    public static func requireTerminal() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(message: "the dashboard needs a terminal (stdin and stdout must be a TTY)",
                                hint: "for scripts use the subcommands, e.g. `infisical-tui secrets --json`")
        }
    }

    static func codesetIsUTF8() -> Bool {
        guard let cs = nc_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    func updateSize() {
        guard let window else { return }
        height = Int(getmaxy(window))
        width = Int(getmaxx(window))
    }

    // MARK: colours

    func setUpColors(noColor: Bool) {
        pairs = [:]
        nextPair = 1
        guard !noColor, has_colors() else { colorDepth = .none; colorCount = 0; return }
        start_color()
        use_default_colors()
        colorCount = Int(nc_COLORS())
        colorDepth = ColorDepth(colors: colorCount, noColor: false)
        // init_pair takes a short: pairs above 32767 are unreachable.
        maxPairs = min(Int(nc_COLOR_PAIRS()), 32767)
    }

    /// The colour pair for a style, allocated on first use (0 = the terminal's default colours).
    func pair(for style: TextStyle) -> (pair: Int16, extra: attr_t) {
        guard colorDepth != .none else { return (0, 0) }
        let fg = ColorMapping.number(for: style.fg, depth: colorDepth)
        let bg = ColorMapping.number(for: style.bg, depth: colorDepth)
        let extra: attr_t = fg.brighten ? nc_A_BOLD() : 0
        if fg.number == -1 && bg.number == -1 { return (0, extra) }
        let key = PairKey(fg: fg.number, bg: bg.number)
        if let p = pairs[key] { return (p, extra) }
        guard Int(nextPair) < maxPairs else { return (0, extra) }   // out of pairs: default colours
        let p = nextPair
        nextPair += 1
        init_pair(p, key.fg, key.bg)
        pairs[key] = p
        return (p, extra)
    }

    func attributes(for style: TextStyle) -> attr_t {
        var a: attr_t = nc_A_NORMAL()
        if style.bold { a |= nc_A_BOLD() }
        if style.dim { a |= nc_A_DIM() }
        if style.underline { a |= nc_A_UNDERLINE() }
        if style.reverse { a |= nc_A_REVERSE() }
        if style.italic { a |= nc_A_ITALIC() }
        return a
    }

    // MARK: drawing

    /// Draws a frame: only the cells that differ from the previous frame, then one `doupdate`.
    /// A grid of another size than the screen is clipped/padded by ncurses' window bounds.
    public func draw(_ grid: Grid) {
        guard let window, isActive else { return }
        let paints = GridDiff.paints(from: previous, to: grid)
        for p in paints where p.x < width && p.y < height {
            put(p.cell, x: p.x, y: p.y, in: window)
        }
        wnoutrefresh(window)
        doupdate()
        previous = grid
    }

    /// Forgets what is on screen: the next `draw` repaints everything (after resume or garbage).
    public func invalidate() {
        previous = nil
        if let window { clearok(window, true) }
    }

    func put(_ cell: Cell, x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>) {
        let (pair, extra) = pair(for: cell.style)
        let attrs = attributes(for: cell.style) | extra
        var scalars: [wchar_t] = []
        for u in cell.text.unicodeScalars {
            // Control characters must never reach the terminal, whatever the core did.
            if u.value < 0x20 || (0x7f..<0xa0).contains(u.value) { continue }
            scalars.append(wchar_t(bitPattern: u.value))
            if scalars.count == 4 { break }     // cchar_t holds a base + a few combining marks
        }
        if scalars.isEmpty { scalars = [0x20] }
        scalars.append(0)
        var cc = cchar_t()
        var rc = scalars.withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, attrs, pair, nil) }
        if rc == ERR {
            // More than one spacing character (e.g. a ZWJ sequence): keep the first.
            let first: [wchar_t] = [scalars[0], 0]
            rc = first.withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, attrs, pair, nil) }
        }
        // The bottom-right cell returns ERR (the cursor cannot advance) but is drawn: ignore it.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
    }
}
