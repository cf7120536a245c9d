import CNcursesw
import CSupport
import Foundation
import TUICore

/// What one wait for input produced.
public struct TerminalEvents: Sendable {
    public var inputs: [InputEvent] = []
    /// INT/TERM/HUP/QUIT arrived: the loop should leave cleanly (and `stop()` the terminal).
    public var terminateSignal: Int32?
    /// stdin hung up or failed: nothing more will ever come, leave the loop.
    public var inputClosed = false
    /// Another thread called `cs_wake()` (e.g. an API result is waiting in a mailbox).
    public var woken = false
    /// The process was suspended and resumed: the caller should redraw (done by the next draw).
    public var resumed = false
}

extension Terminal {
    /// Waits up to `timeoutMilliseconds` (-1 = forever) for input, a wake-up or a signal, then
    /// drains every pending key. Never blocks longer than the timeout; Ctrl-Z and SIGTSTP suspend
    /// the process here (the terminal is restored while stopped).
    public func readEvents(timeoutMilliseconds: Int32) -> TerminalEvents {
        var out = TerminalEvents()
        guard isActive else { out.inputClosed = true; return out }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        let n = Glibc.poll(&fds, nfds_t(wakeFD >= 0 ? 2 : 1), timeoutMilliseconds)
        if n > 0 {
            let bad = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
            if fds[0].revents & bad != 0 && fds[0].revents & Int16(POLLIN) == 0 { out.inputClosed = true }
            if fds[1].revents & Int16(POLLIN) != 0 { cs_drain_wake_pipe(); out.woken = true }
        }
        // Every pending signal counts (a set, not a slot): ending wins over suspending, which
        // wins over resuming. A TERM/HUP that arrives while stopped stays pending across the
        // SIGCONT and ends us on the next read.
        let pending = cs_take_pending_signals()
        func has(_ s: Int32) -> Bool { pending & (UInt32(1) << UInt32(s)) != 0 }
        if has(SIGINT) || has(SIGTERM) || has(SIGHUP) || has(SIGQUIT) {
            out.terminateSignal = Int32(SIGTERM)
        } else if has(SIGTSTP) {
            guard suspend() else { out.terminateSignal = Int32(SIGTERM); return out }
            out.resumed = true
        } else if has(SIGCONT) {
            invalidate(); out.resumed = true
        }
        if out.inputClosed { return out }
        drainKeys(into: &out)
        if out.resumed { out.inputs.append(.resize(width: width, height: height)) }
        return out
    }

    func drainKeys(into out: inout TerminalEvents) {
        guard let window else { return }
        for _ in 0..<4096 {   // bounded: a paste cannot starve drawing forever
            if out.terminateSignal != nil { return }   // reading keys would take the terminal back
            var ch: wint_t = 0
            let rc = wget_wch(window, &ch)
            if rc == ERR {
                // Nothing more to read: a held-back ESC was a real key press.
                for o in paste.flush() { deliver(o, into: &out) }
                return
            }
            if rc != KEY_CODE_YES {
                for o in paste.feed(UInt32(ch)) { deliver(o, into: &out) }
                continue
            }
            if paste.isInPaste { continue }      // no key codes inside a paste
            for o in paste.flush() { deliver(o, into: &out) }
            let code = Int32(bitPattern: ch)
            if code == KEY_RESIZE {
                updateSize()
                previous = nil
                out.inputs.append(.resize(width: width, height: height))
            } else if code == KEY_MOUSE {
                if let m = readMouse() { out.inputs.append(.mouse(m)) }
            } else if let key = KeyDecoder.keyCode(code) {
                out.inputs.append(.key(key))
            }
        }
    }

    /// A character after paste decoding: a whole paste, or a key (Ctrl-Z suspends here).
    func deliver(_ o: PasteDecoder.Output, into out: inout TerminalEvents) {
        switch o {
        case .paste(let text): out.inputs.append(.paste(text))
        case .character(let ch):
            guard let key = KeyDecoder.character(ch) else { return }
            if key == .ctrl("z") {
                // Raw mode turns Ctrl-Z into a key; suspend like a cooked terminal would.
                if suspend() { out.resumed = true } else { out.terminateSignal = Int32(SIGTERM) }
                return
            }
            out.inputs.append(.key(key))
        }
    }

    func readMouse() -> MouseEvent? {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return nil }
        let x = Int(ev.x), y = Int(ev.y)
        if ev.bstate & nc_BUTTON4_PRESSED() != 0 { return .wheelUp(x: x, y: y) }
        if nc_BUTTON5_PRESSED() != 0, ev.bstate & nc_BUTTON5_PRESSED() != 0 { return .wheelDown(x: x, y: y) }
        if ev.bstate & nc_BUTTON1_PRESSED() != 0 {
            let now = ProcessInfo.processInfo.systemUptime
            return clicks.isDouble(x: x, y: y, at: now) ? .doubleClick(x: x, y: y) : .press(x: x, y: y)
        }
        return nil
    }

    /// Ctrl-Z: give the terminal back, stop, and on `fg` take it again with a full redraw.
    /// Returns false when a TERM/HUP/INT/QUIT arrived while stopped (`kill %1` sends TERM then
    /// CONT): the terminal is then left as the shell has it and the caller should end.
    @discardableResult
    public func suspend() -> Bool {
        guard isActive, window != nil else { return true }
        var old: mmask_t = 0
        mousemask(0, &old)
        curs_set(1)
        endwin()
        Self.setBracketedPaste(false)
        cs_suspend_self()          // returns after SIGCONT
        // Forget only the stop/continue pair: a TERM or HUP sent while stopped (`kill %1` sends
        // TERM then CONT) must still end the program.
        cs_clear_pending_signals((UInt32(1) << UInt32(SIGTSTP)) | (UInt32(1) << UInt32(SIGCONT)))
        if cs_terminate_pending() != 0 {
            // Possibly resumed in the background: taking the terminal back would stop us again
            // (SIGTTOU). The screen was already given back before stopping.
            releasedForExit = true
            return false
        }
        // The size may have changed while we were stopped (SIGWINCH went to the shell).
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0,
           Int(ws.ws_row) != height || Int(ws.ws_col) != width {
            resize_term(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        mousemask(nc_BUTTON1_PRESSED() | nc_BUTTON4_PRESSED() | nc_BUTTON5_PRESSED(), &old)
        curs_set(0)
        Self.setBracketedPaste(true)
        updateSize()
        invalidate()
        return true
    }
}
