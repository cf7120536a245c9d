import CSupport
import Foundation

/// A TUI on a real pseudo-terminal: what it writes is read from the master side and counted.
/// Output is "settled" when nothing arrives for `quiet` seconds.
final class PtyChild {
    let pid: pid_t
    let master: Int32
    let started: UInt64
    private(set) var transcript: [UInt8] = []
    private var reaped: ChildUsage?

    init(_ path: String, _ args: [String], env: [String: String], rows: Int, cols: Int) throws {
        var fd: Int32 = -1
        started = DispatchTime.now().uptimeNanoseconds
        let pid = Child.withCStrings([path] + args) { argv in
            Child.withCStrings(Child.envList(env)) { envp in cs_spawn_pty(path, argv, envp, Int32(rows), Int32(cols), &fd) }
        }
        guard pid > 0, fd >= 0 else { throw BenchError("could not start \(path) on a pty") }
        self.pid = pid
        master = fd
    }

    deinit {
        if reaped == nil { kill(pid, SIGKILL); _ = Child.reap(pid, started: started) }
        close(master)
    }

    /// Reads what is available within `timeout` seconds; nil at end of file (the child closed the pty).
    private func readSome(timeout: Double) -> [UInt8]? {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, Int32(max(0, timeout * 1000)))
        guard r > 0 else { return [] }
        var buf = [UInt8](repeating: 0, count: 65_536)
        let n = read(master, &buf, buf.count)
        if n <= 0 { return nil }
        return Array(buf[0..<n])
    }

    /// Bytes written until `quiet` seconds pass with nothing new (or `limit` seconds in all).
    @discardableResult
    func settle(quiet: Double = 0.4, limit: Double = 30) -> [UInt8] {
        var out: [UInt8] = []
        let end = Date().addingTimeInterval(limit)
        var lastData = Date()
        while Date() < end {
            guard let chunk = readSome(timeout: 0.05) else { break }
            if chunk.isEmpty {
                if Date().timeIntervalSince(lastData) >= quiet { break }
                continue
            }
            out += chunk
            lastData = Date()
        }
        transcript += out
        return out
    }

    /// Reads until `needle` appears in the output since the call; returns milliseconds since the
    /// child started, or nil after `limit` seconds.
    func waitFor(_ needle: String, limit: Double = 30) -> Double? {
        let n = Array(needle.utf8)
        var seen: [UInt8] = []
        let end = Date().addingTimeInterval(limit)
        while Date() < end {
            guard let chunk = readSome(timeout: 0.02) else { return nil }
            guard !chunk.isEmpty else { continue }
            let from = max(0, seen.count - n.count)
            seen += chunk
            transcript += chunk
            if PtyChild.contains(seen[from...], n) {
                return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            }
        }
        return nil
    }

    static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        var i = hay.startIndex
        while i <= hay.endIndex - needle.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    func send(_ s: String) {
        let b = Array(s.utf8)
        _ = b.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Sends `keys`, then returns the bytes written in answer once settled.
    func press(_ keys: String, quiet: Double = 0.4) -> [UInt8] {
        send(keys)
        return settle(quiet: quiet)
    }

    /// Sends `keys` (the app's quit) and waits for the child: the pty reads end of file once it
    /// (and anything it started on the same terminal) has gone. SIGKILL after `limit` seconds.
    func finish(_ keys: String = "q", limit: Double = 10) -> ChildUsage {
        if let reaped { return reaped }
        send(keys)
        let end = Date().addingTimeInterval(limit)
        var eof = false
        while Date() < end {
            guard let chunk = readSome(timeout: 0.05) else { eof = true; break }
            transcript += chunk
        }
        if !eof { kill(pid, SIGKILL) }
        let usage = Child.reap(pid, started: started)
        reaped = usage
        return usage
    }
}
