import Foundation
import TerminalShell
import TUICore

/// `browse --smoke` (hidden): draws a test card and echoes input, to check the terminal shell by
/// hand or in tmux without a server: wide characters, colours, keys, mouse, resize, suspend.
/// Two keys crash it on purpose, to prove the terminal is restored even then: `!` a Swift trap,
/// `@` a stack overflow (the handler runs on the alternate signal stack).
enum SmokeScreen {
    static func run() throws {
        let terminal = Terminal()
        do { try terminal.start() } catch let e as TerminalError {
            throw InfisicalErrorBridge.from(e)
        }
        defer { terminal.stop() }
        var log: [String] = []
        var frame = 0
        while true {
            var g = Grid(width: terminal.width, height: terminal.height)
            g.put("smoke \(terminal.width)x\(terminal.height) depth=\(terminal.colorDepth) frame=\(frame)", x: 0, y: 0,
                  style: TextStyle(fg: .ansi(0), bg: .ansi(6), bold: true))
            g.put("wide: 秘密の鍵 🔑 한국어 | escape: \u{1b}[2J should be visible", x: 0, y: 1, style: .plain)
            for i in 0..<8 { g.put(" \(i) ", x: i * 4, y: 2, style: TextStyle(fg: .ansi(15), bg: .ansi(UInt8(i)))) }
            for (i, line) in log.suffix(max(0, terminal.height - 4)).enumerated() {
                g.put(line, x: 0, y: 4 + i, style: TextStyle(fg: .indexed(214)))
            }
            terminal.draw(g)
            frame += 1
            let ev = terminal.readEvents(timeoutMilliseconds: 1000)
            if ev.terminateSignal != nil || ev.inputClosed { return }
            for input in ev.inputs {
                log.append("\(input)")
                if case .key(.char("q")) = input { return }
                if case .key(.ctrl("c")) = input { return }
                if case .key(.char("!")) = input { Self.trap() }
                if case .key(.char("@")) = input { _ = Self.overflow(1) }
            }
        }
    }

    /// A Swift runtime trap (precondition failure), as a bug would cause.
    static func trap() {
        let n = Int(ProcessInfo.processInfo.environment["SMOKE_NEVER_SET_\(getpid())"] ?? "0") ?? 0
        precondition(n != 0, "smoke: deliberate trap")
    }

    /// Unbounded recursion the optimiser cannot remove: a real stack overflow.
    @inline(never)
    static func overflow(_ depth: Int) -> Int {
        var frame = [UInt8](repeating: UInt8(truncatingIfNeeded: depth), count: 64)
        return withUnsafeMutableBytes(of: &frame) { _ in overflow(depth + 1) } + Int(frame[depth % 64])
    }
}
