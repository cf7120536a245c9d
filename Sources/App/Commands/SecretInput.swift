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
