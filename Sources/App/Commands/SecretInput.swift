import CSupport
import Foundation
import InfisicalModels

/// `--client-secret -`: the secret from stdin, so it stays out of argv (visible to every user in
/// `ps`) and out of shell history. On a terminal it is typed without echo; from a pipe, the first
/// line is used (one trailing newline dropped).
enum SecretInput {
    static func readClientSecret() throws -> String {
        let secret: String
        if isatty(0) == 1 {
            secret = try readWithoutEcho(prompt: "client secret: ")
        } else {
            var bytes = [UInt8]()
            var b: UInt8 = 0
            while true {
                let n = read(0, &b, 1)
                if n < 0 { if errno == EINTR { continue }; break }
                if n == 0 || b == 0x0a { break }
                bytes.append(b)
                if bytes.count > 64 << 10 { break }
            }
            if bytes.last == 0x0d { bytes.removeLast() }
            secret = String(decoding: bytes, as: UTF8.self)
        }
        guard !secret.isEmpty else {
            throw InfisicalError(.usage, "--client-secret -: no secret on stdin",
                                 hint: "pipe it in (e.g. from a password manager) or type it at the prompt")
        }
        return secret
    }

    /// Echo off (termios) on stdin while the line is typed; restored even on error.
    private static func readWithoutEcho(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let haveTermios = tcgetattr(0, &saved) == 0
        if haveTermios {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSAFLUSH, &quiet)
        }
        defer {
            if haveTermios { tcsetattr(0, TCSAFLUSH, &saved) }
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes = [UInt8]()
        var b: UInt8 = 0
        while true {
            let n = read(0, &b, 1)
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 || b == 0x0a || b == 0x0d { break }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One line from the user: on a terminal after a prompt on stderr (echo off for secrets); from a
/// pipe, the next line of stdin, unprompted (so `printf 'pw\n123456\n' | … login --email …`
/// answers the password and then the MFA code). Reads byte by byte: nothing is consumed beyond
/// the line, so the next question gets the next line.
enum LineInput {
    static func readLine(prompt: String, echo: Bool, what: String) throws -> String {
        let tty = isatty(0) == 1
        var saved = termios()
        var haveTermios = false
        if tty {
            FileHandle.standardError.write(Data(prompt.utf8))
            if !echo, tcgetattr(0, &saved) == 0 {
                // Ctrl-C now interrupts the read (EINTR) instead of killing us with echo off.
                _ = cs_install_signal_pipe()
                haveTermios = true
                var quiet = saved; quiet.c_lflag &= ~tcflag_t(ECHO); tcsetattr(0, TCSAFLUSH, &quiet)
            }
        }
        defer {
            if haveTermios { tcsetattr(0, TCSAFLUSH, &saved); FileHandle.standardError.write(Data("\n".utf8)) }
        }
        var bytes = [UInt8](); var b: UInt8 = 0; var sawEOF = false
        while true {
            let n = read(0, &b, 1)
            if n < 0 {
                if errno == EINTR {
                    if cs_terminate_pending() != 0 { throw InfisicalError(.cancelled, "cancelled") }
                    continue
                }
                sawEOF = true; break
            }
            if n == 0 { sawEOF = true; break }
            if b == 0x0a || (tty && b == 0x0d) { break }
            bytes.append(b)
            if bytes.count > 64 << 10 { break }
        }
        if bytes.last == 0x0d { bytes.removeLast() }
        if sawEOF && bytes.isEmpty {
            throw InfisicalError(.usage, "no \(what) on stdin", hint: "type it at the prompt or pipe it in")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
