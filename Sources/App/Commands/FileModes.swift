import Foundation

/// Ownership and mode checks on the user's directories.
enum FileModes {
    /// nil when `dir` is absent, or a directory we own with no group/other access (0700).
    static func privateDirectoryProblem(_ dir: String) -> String? {
        var st = stat()
        guard lstat(dir, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) != S_IFDIR { return "\(dir) is not a directory" }
        if st.st_uid != geteuid() { return "\(dir) belongs to another user (uid \(st.st_uid))" }
        if st.st_mode & 0o077 != 0 { return "\(dir) is open to other users (mode \(String(st.st_mode & 0o777, radix: 8)); should be 700)" }
        return nil
    }

    /// nil when `dir` is a directory we own that neither group nor others may write.
    static func ownedNotWritableByOthers(_ dir: String) -> String? {
        var st = stat()
        guard lstat(dir, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) != S_IFDIR { return "\(dir) is not a directory" }
        if st.st_uid != geteuid() { return "\(dir) belongs to another user (uid \(st.st_uid))" }
        if st.st_mode & 0o022 != 0 { return "\(dir) is writable by other users (mode \(String(st.st_mode & 0o777, radix: 8)))" }
        return nil
    }
}
