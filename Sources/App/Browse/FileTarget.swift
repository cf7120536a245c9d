import CSupport
import Foundation
import InfisicalModels
import TUICore

/// Looks at a path before the app writes secrets to it: resolves `~` and relative paths, checks
/// what is there without following links, and asks git whether the file would be ignored.
enum FileTarget {
    static func inspect(_ rawPath: String, cwd: String = FileManager.default.currentDirectoryPath,
                        askGit: Bool = true) -> FileTargetInfo {
        let path = absolute(rawPath, cwd: cwd)
        var info = FileTargetInfo(path: path)
        let dir = (path as NSString).deletingLastPathComponent
        var st = stat()
        if lstat(path, &st) == 0 {
            info.exists = true
            info.isSymlink = (st.st_mode & S_IFMT) == S_IFLNK
            info.isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
        }
        var dst = stat()
        if stat(dir, &dst) != 0 || (dst.st_mode & S_IFMT) != S_IFDIR {
            info.directoryMissing = true
            return info
        }
        if askGit { info.gitUnignored = gitWouldTrack(path, directory: dir) }
        return info
    }

    /// Right before writing, look again (without git: the user already answered that): the path may
    /// have become a link or a directory since the dialog checked it. AtomicFileWriter refuses a
    /// link itself too, and never writes through one.
    static func checkStillWritable(_ path: String) throws {
        if let refusal = inspect(path, askGit: false).refusal {
            throw InfisicalError(.io, refusal, hint: "choose a regular file path")
        }
    }

    static func absolute(_ raw: String, cwd: String) -> String {
        var p = raw.trimmingCharacters(in: .whitespaces)
        if p == "~" || p.hasPrefix("~/") {
            p = (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + p.dropFirst()
        }
        if !p.hasPrefix("/") { p = cwd + "/" + p }
        return lexicallyNormalized(p)
    }

    /// `.`/`..`/`//` removed by text only. Never `standardizingPath`: it resolves symbolic links,
    /// and the point of inspecting is to see the link the user named, not the file behind it.
    static func lexicallyNormalized(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `git check-ignore -q`: 0 = ignored, 1 = not ignored (or tracked), 128 = not a repository
    /// or no git. Only "inside a work tree and not ignored" is a warning.
    static func gitWouldTrack(_ path: String, directory: String) -> Bool {
        guard let git = findExecutable("git") else { return false }
        let name = (path as NSString).lastPathComponent
        guard let child = try? ChildProcess(path: git, arguments: ["-C", directory, "check-ignore", "-q", "--", name]) else { return false }
        let deadline = Date().addingTimeInterval(5)
        while child.isRunning {
            if Date() > deadline { child.terminate(grace: 0.5); return false }
            usleep(2000)
        }
        guard let status = child.exitStatus else { return false }
        // WIFEXITED && WEXITSTATUS == 1
        return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 1
    }

    static func findExecutable(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for p in paths + ["/usr/bin", "/usr/local/bin"] {
            let candidate = String(p) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
