import Foundation
import InfisicalModels

/// Reading and writing the user's private files (session, trusted domains): a file that another
/// user owns, or that others can read or write, is refused with a clear error rather than used:
/// it may have been planted or its contents exposed.
enum PrivateFile {
    /// The file's bytes, nil when it does not exist.
    static func read(_ path: String, what: String, fix: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP {
                throw InfisicalError(.config, "\(what) \(path) is a symbolic link; refusing to use it", hint: fix)
            }
            throw InfisicalError(.config, "cannot read \(what) \(path): \(String(cString: strerror(errno)))", hint: fix)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw InfisicalError(.config, "cannot read \(what) \(path): \(String(cString: strerror(errno)))", hint: fix)
        }
        if st.st_uid != geteuid() {
            throw InfisicalError(.config, "\(what) \(path) belongs to another user (uid \(st.st_uid)); refusing to use it", hint: fix)
        }
        if st.st_mode & 0o077 != 0 {
            throw InfisicalError(.config, "\(what) \(path) is accessible to other users (mode \(String(st.st_mode & 0o777, radix: 8))); refusing to use it",
                                 hint: fix)
        }
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n < 0 { if errno == EINTR { continue }
                throw InfisicalError(.config, "cannot read \(what) \(path): \(String(cString: strerror(errno)))", hint: fix) }
            if n == 0 { break }
            data.append(contentsOf: buf[0..<n])
            if data.count > 1 << 20 { throw InfisicalError(.config, "\(what) \(path) is too large", hint: fix) }
        }
        return data
    }

    static func makeDirectory(_ dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        chmod(dir, 0o700)
    }
}
