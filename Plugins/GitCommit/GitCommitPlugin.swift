import Foundation
import PackagePlugin

/// Writes `GitCommit.swift` (`let buildGitCommit: String?`) for the target before each build, so
/// `--version` can name the commit it was built from. The work is done by `scripts/git-commit-swift`
/// run by /bin/sh (a prebuild command may only run an existing executable): outside a git checkout
/// (a source tarball) or without git it writes `nil`, so such a build still compiles. The script
/// rewrites the file only when the commit changed, so a build at the same commit recompiles nothing.
@main
struct GitCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let out = context.pluginWorkDirectoryURL.appendingPathComponent("GitCommit")
        let script = context.package.directoryURL.appendingPathComponent("scripts/git-commit-swift")
        return [.prebuildCommand(displayName: "Reading the git commit for --version",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: [script.path, context.package.directoryURL.path, out.path],
                                 outputFilesDirectory: out)]
    }
}
