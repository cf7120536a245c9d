import CSupport
import Foundation
import InfisicalModels

/// The system keyring (freedesktop Secret Service) as three operations on entries named by
/// attributes. One interface for both uses: our own session's tokens (`SessionStore`, service
/// `infisical-tui`) and the read-only lookup of the Infisical CLI's login (service `infisical-cli`).
/// Attribute order is kept (it is the order in `secret-tool`'s argv).
public protocol SecretServiceStore: Sendable {
    /// The secret of the entry with exactly these attributes; nil when there is none.
    func lookup(_ attributes: [(String, String)]) throws -> String?
    /// Creates or replaces the entry.
    func store(label: String, attributes: [(String, String)], secret: String) throws
    /// Removes every entry with these attributes (none is fine).
    func clear(_ attributes: [(String, String)]) throws
}

/// `secret-tool` (libsecret-tools): attributes in argv, the secret only on its stdin (store) or
/// stdout (lookup), never in argv, a file or a log. Each call has a timeout: a locked keyring may
/// wait for an unlock prompt nobody sees, and the dashboard must not hang on it.
public struct SecretTool: SecretServiceStore, Equatable {
    public var executable: String
    public var timeout: TimeInterval
    /// The child's environment (it needs DBUS_SESSION_BUS_ADDRESS); nil = this process's.
    public var environment: [String: String]?

    public init(executable: String, timeout: TimeInterval = 5, environment: [String: String]? = nil) {
        self.executable = executable; self.timeout = timeout; self.environment = environment
    }

    /// `secret-tool` on `path`, or nil when it is not installed.
    public init?(path: String, timeout: TimeInterval = 5, environment: [String: String]? = nil) {
        guard let exe = path.split(separator: ":").map({ "\($0)/secret-tool" })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        self.init(executable: exe, timeout: timeout, environment: environment)
    }

    /// The Secret Service of this session when one can be reached: a session bus
    /// (DBUS_SESSION_BUS_ADDRESS, or the systemd user bus at $XDG_RUNTIME_DIR/bus) and `secret-tool`
    /// installed. `INFISICAL_TUI_KEYRING=off` turns it off (the session then stays in the 0600 file).
    public static func discover(environment env: [String: String]) -> SecretTool? {
        if let v = env["INFISICAL_TUI_KEYRING"]?.lowercased(), ["off", "0", "no", "false", "file"].contains(v) { return nil }
        let bus = !(env["DBUS_SESSION_BUS_ADDRESS"] ?? "").isEmpty
            || (env["XDG_RUNTIME_DIR"].map { FileManager.default.fileExists(atPath: $0 + "/bus") } ?? false)
        guard bus else { return nil }
        return SecretTool(path: env["PATH"] ?? "/usr/bin:/bin", environment: env)
    }

    public func lookup(_ attributes: [(String, String)]) throws -> String? {
        let r = try run(["lookup"] + Self.flatten(attributes), stdin: nil)
        if r.status == 0 { return r.stdout.isEmpty ? nil : String(decoding: r.stdout, as: UTF8.self) }
        // "Not found" is exit 1 with nothing on stderr; anything said there is a real failure.
        if r.stderr.isEmpty { return nil }
        throw failure("lookup", r.stderr)
    }

    public func store(label: String, attributes: [(String, String)], secret: String) throws {
        let r = try run(["store", "--label=\(label)"] + Self.flatten(attributes), stdin: Data(secret.utf8))
        guard r.status == 0 else { throw failure("store", r.stderr) }
    }

    public func clear(_ attributes: [(String, String)]) throws {
        let r = try run(["clear"] + Self.flatten(attributes), stdin: nil)
        // clear of nothing exits 0 or 1 without a message, depending on the version.
        guard r.status == 0 || r.stderr.isEmpty else { throw failure("clear", r.stderr) }
    }

    static func flatten(_ attributes: [(String, String)]) -> [String] { attributes.flatMap { [$0.0, $0.1] } }

    private func failure(_ op: String, _ stderr: Data) -> InfisicalError {
        let said = String(decoding: stderr.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return InfisicalError(.io, "the system keyring refused to \(op): \(Sanitizer.sanitize(said))",
                              hint: "check that a Secret Service (gnome-keyring, KeePassXC) runs and is unlocked, or set INFISICAL_TUI_KEYRING=off to keep the session in a 0600 file")
    }

    private struct Result { var status: Int32; var stdout: Data; var stderr: Data }

    /// Runs secret-tool through `cs_spawn` (empty signal mask, default dispositions: it behaves the
    /// same under the dashboard's signal handling) with pipes for its three streams, reading both
    /// outputs with poll until EOF or the deadline; on the deadline it is killed and reaped.
    private func run(_ args: [String], stdin: Data?) throws -> Result {
        var outP: [Int32] = [-1, -1], errP: [Int32] = [-1, -1], inP: [Int32] = [-1, -1]
        guard pipe(&outP) == 0, pipe(&errP) == 0, stdin == nil || pipe(&inP) == 0 else {
            for fd in outP + errP + inP where fd >= 0 { close(fd) }
            throw InfisicalError(.io, "cannot create a pipe for secret-tool: \(String(cString: strerror(errno)))")
        }
        // Our ends must not leak into the child (nor into any other child started meanwhile).
        for fd in [outP[0], errP[0], inP[1]] where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        let pid = cs_spawn(executable, argv, envp, inP[0], outP[1], errP[1])
        argv.forEach { free($0) }; envp.forEach { free($0) }
        for fd in [outP[1], errP[1], inP[0]] where fd >= 0 { close(fd) }
        guard pid > 0 else {
            for fd in [outP[0], errP[0], inP[1]] where fd >= 0 { close(fd) }
            throw InfisicalError(.io, "cannot run \(executable)")
        }
        if let stdin, inP[1] >= 0 {
            // The secret (a few KB, well under a pipe's buffer), then EOF: secret-tool reads to EOF.
            stdin.withUnsafeBytes { raw in
                var off = 0
                while off < raw.count {
                    let n = write(inP[1], raw.baseAddress! + off, raw.count - off)
                    if n < 0 { if errno == EINTR { continue }; break }
                    off += n
                }
            }
            close(inP[1])
        }
        let deadline = Date().addingTimeInterval(timeout)
        var out = Data(), err = Data()
        var open: [Int32] = [outP[0], errP[0]]
        var buf = [UInt8](repeating: 0, count: 4096)
        while !open.isEmpty {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { break }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let r = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000) + 1)
            if r < 0 && errno != EINTR { break }
            for f in fds where f.revents != 0 {
                let n = read(f.fd, &buf, buf.count)
                if n > 0 {
                    if f.fd == outP[0] { if out.count < 1 << 20 { out.append(contentsOf: buf[0..<n]) } }
                    else if err.count < 1 << 16 { err.append(contentsOf: buf[0..<n]) }
                } else if n == 0 || errno != EINTR {
                    close(f.fd); open.removeAll { $0 == f.fd }
                }
            }
        }
        var status: Int32 = 0
        var exited = false
        if open.isEmpty {
            while Date() < deadline.addingTimeInterval(1) {
                let w = waitpid(pid, &status, WNOHANG)
                if w == pid || (w < 0 && errno != EINTR) { exited = w == pid; break }
                usleep(2000)
            }
        }
        if !exited {
            open.forEach { close($0) }
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw InfisicalError(.timeout, "the system keyring did not answer within \(Int(timeout)) s (locked, waiting for an unlock prompt?)",
                                 hint: "unlock the keyring, or set INFISICAL_TUI_KEYRING=off to keep the session in a 0600 file")
        }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, stdout: out, stderr: err)
    }
}
