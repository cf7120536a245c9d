import Foundation
import PackagePlugin

/// Writes `GitCommit.swift` (`let buildGitCommit: String?`) for the target, so `--version` can
/// name the commit it was built from. The work is done by `scripts/git-commit-swift`, run by
/// /bin/sh: outside a git checkout (a source tarball) or without git it writes `nil`, so such a
/// build still compiles.
///
/// A build command (not a prebuild one: SwiftPM reuses its build plan, so prebuild commands do
/// not run on every build) whose inputs are the checkout's `HEAD` and `logs/HEAD`: git appends to
/// the HEAD reflog on every commit, checkout, reset or merge, so the file is regenerated exactly
/// when HEAD may have moved. The script rewrites it only when the commit changed.
@main
struct GitCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GitCommit.swift")
        let script = package.appendingPathComponent("scripts/git-commit-swift")
        let gitDir = Self.gitDirectory(of: package)
        let inputs = [script] + [gitDir?.appendingPathComponent("HEAD"), gitDir?.appendingPathComponent("logs/HEAD")]
            .compactMap { $0 }.filter { FileManager.default.fileExists(atPath: $0.path) }
        return [.buildCommand(displayName: "Reading the git commit for --version",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: [script.path, package.path, output.path],
                              inputFiles: inputs, outputFiles: [output])]
    }

    /// `.git` as a directory, or the directory a worktree's `.git` file points to (`gitdir: …`).
    static func gitDirectory(of package: URL) -> URL? {
        let dotGit = package.appendingPathComponent(".git")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDir) else { return nil }
        if isDir.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:") else { return nil }
        let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appendingPathComponent(path)
    }
}
