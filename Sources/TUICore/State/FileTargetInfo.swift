/// What the app found at a path the user wants to write (copy-to-file, audit export), so the core
/// can refuse, warn or ask before anything is written.
public struct FileTargetInfo: Equatable, Sendable {
    /// Absolute path that will be written (`~` and relative paths resolved by the app).
    public var path: String
    public var exists: Bool
    public var isSymlink: Bool
    public var isDirectory: Bool
    /// The parent directory does not exist (or is not a directory).
    public var directoryMissing: Bool
    /// The target sits inside a git work tree and `git check-ignore` does not ignore it (or it is
    /// tracked): writing it risks committing secrets.
    public var gitUnignored: Bool

    public init(path: String, exists: Bool = false, isSymlink: Bool = false, isDirectory: Bool = false,
                directoryMissing: Bool = false, gitUnignored: Bool = false) {
        self.path = path; self.exists = exists; self.isSymlink = isSymlink; self.isDirectory = isDirectory
        self.directoryMissing = directoryMissing; self.gitUnignored = gitUnignored
    }

    /// Why the path cannot be written at all, if so.
    public var refusal: String? {
        if isSymlink { return "\(path) is a symbolic link; choose a regular file" }
        if isDirectory { return "\(path) is a directory; give a file name" }
        if directoryMissing { return "the folder of \(path) does not exist" }
        return nil
    }
}
