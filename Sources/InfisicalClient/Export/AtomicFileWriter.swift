import CSupport
import Foundation
import InfisicalModels

/// Writes a file so that readers see either the old or the complete new content: a temp file in
/// the same directory (same filesystem), created 0600 with O_EXCL|O_NOFOLLOW, fsync'd, then
/// renamed over the target, then the directory fsync'd. Errors (full disk, read-only) are reported
/// with the path and the system's reason; the temp file is removed on failure.
/// With `overwrite: false` the final step is `link(2)`, which fails if the target appeared in the
/// meantime, so a file the user did not agree to replace is never replaced.
/// The temp file is registered with CSupport while it exists, so a signal (Ctrl-C, SIGTERM,
/// SIGHUP), a crash or an exit on another thread removes it: nothing half-written is left behind.
public enum AtomicFileWriter {
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o600, overwrite: Bool = true) throws {
        try write(to: path, mode: mode, overwrite: overwrite) { put in try data.withUnsafeBytes { try put($0) } }
    }

    /// The same, with the content produced piece by piece: `produce` calls `put` as often as it
    /// likes (an export streams its rows), and the file appears only once `produce` returned.
    /// If `produce` throws, the temp file is removed and nothing is replaced.
    public static func write(to path: String, mode: mode_t = 0o600, overwrite: Bool = true,
                             _ produce: (_ put: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        // Refuse to replace a symlink: rename would replace the link itself, but a user who pointed
        // the link somewhere expects the target to change; say so instead of surprising them.
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            throw InfisicalError(.io, "\(path) is a symbolic link; not writing through it",
                                 hint: "choose a regular file path")
        }
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Registered before it exists, so there is no moment when a signal could leave it behind.
        let slot = cs_register_temp_file(tmp)
        defer { cs_unregister_temp_file(slot) }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        if fd < 0 { throw ioError("cannot create a file in \(dir)") }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        fchmod(fd, mode)  // umask may have narrowed or (never) widened it; be exact.
        var closed = false
        defer { if !closed { close(fd) } }
        try produce { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; throw ioError("cannot write \(path)") }
                off += n
            }
        }
        closed = true
        if fsync(fd) != 0 { let e = errno; close(fd); errno = e; throw ioError("cannot write \(path)") }
        if close(fd) != 0 { throw ioError("cannot write \(path)") }
        if overwrite {
            if rename(tmp, path) != 0 { throw ioError("cannot replace \(path)") }
        } else if link(tmp, path) == 0 {
            unlink(tmp)
        } else if errno == EEXIST {
            throw InfisicalError(.io, "\(path) already exists; not replacing it", hint: "confirm the overwrite or choose another path")
        } else {
            // Filesystems without hard links: check, then rename (a narrow race, but no silent loss
            // of a file that existed when we looked).
            if access(path, F_OK) == 0 || lstat(path, &st) == 0 {
                throw InfisicalError(.io, "\(path) already exists; not replacing it", hint: "confirm the overwrite or choose another path")
            }
            if rename(tmp, path) != 0 { throw ioError("cannot write \(path)") }
        }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    static func ioError(_ what: String) -> InfisicalError {
        let e = errno
        let reason = String(cString: strerror(e))
        let hint: String? = (e == ENOSPC || e == EDQUOT) ? "free some disk space and try again"
            : (e == EACCES || e == EROFS || e == EPERM) ? "choose a writable directory" : nil
        return InfisicalError(.io, "\(what): \(reason)", hint: hint)
    }
}
