import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `diff --env A --to B`: which keys are only in one environment, which differ, and which are
/// identical across a production / non-production pair — never a value. Exit 0 when equal, 1 when
/// not (a CI gate), 2 on usage errors. The comparison is `EnvironmentComparison`, the dashboard's
/// overview rule.
struct Diff: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the secrets of two environments without showing a value (exit 0 equal, 1 different, 2 usage).",
        discussion: "Values are compared as keyed digests in memory and never printed. Give the first environment with --env (or INFISICAL_ENVIRONMENT).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Option(name: .customLong("to"), help: "The environment to compare with.") var to: String
    @Flag(help: "Include sub-folders.") var recursive = false
    @Flag(help: "Print JSON (docs/cli-json.md).") var json = false
    @Option(name: .customLong("ignore"), parsing: .upToNextOption, help: "Keys expected to differ (left out).")
    var ignore: [String] = []

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        guard project.environments.contains(where: { $0.slug == to }) else {
            CLIOutput.note("error: no environment '\(CLIOutput.safe(to))' in \(CLIOutput.safe(project.slug))\nhint: environments: "
                           + project.environments.map { CLIOutput.safe($0.slug) }.joined(separator: ", "))
            throw ExitCode.validationFailure
        }
        guard to != scope.environment else {
            CLIOutput.note("error: --env and --to are the same environment (\(CLIOutput.safe(to)))")
            throw ExitCode.validationFailure
        }
        // One list per environment (recursive when asked), reduced to digests at once.
        let a = try EnvironmentSnapshot.fetch(api, projectId: project.id, environment: scope.environment, path: scope.path,
                                              recursive: recursive)
        let b = try EnvironmentSnapshot.fetch(api, projectId: project.id, environment: to, path: scope.path, recursive: recursive)
        let d = EnvironmentComparison.diff(a, b, ignoring: Set(ignore))
        if json {
            CLIOutput.line(try CLIOutput.json(DiffJSON(from: scope.environment, to: to, path: scope.path, recursive: recursive,
                                                      ignored: ignore.sorted(), diff: d)))
        } else {
            printText(d, from: scope.environment, path: scope.path, projectSlug: project.slug)
        }
        if !d.isEqual { throw ExitCode(1) }
    }

    func printText(_ d: EnvironmentComparison.Diff, from: String, path: String, projectSlug: String) {
        let title = "\(CLIOutput.safe(from)) → \(CLIOutput.safe(to)) at \(CLIOutput.safe(path))\(recursive ? " and below" : "") in \(CLIOutput.safe(projectSlug))"
        if d.isEqual { CLIOutput.line("no differences: \(title)"); return }
        CLIOutput.line("differences: \(title) (values are never shown)")
        func section(_ name: String, _ items: [EnvironmentComparison.Location]) {
            guard !items.isEmpty else { return }
            CLIOutput.line("\(name) (\(items.count)):")
            for l in items { CLIOutput.line("  " + CLIOutput.safe(Diff.display(l, base: path))) }
        }
        section("only in \(CLIOutput.safe(from))", d.onlyInA)
        section("only in \(CLIOutput.safe(to))", d.onlyInB)
        section("different values", d.differing)
        section("same value in production and \(Environment.isProduction(slug: from) ? CLIOutput.safe(to) : CLIOutput.safe(from))",
                d.sharedAcrossProduction)
        if !d.sharedAcrossProduction.isEmpty { CLIOutput.note("warning: " + EnvironmentComparison.flagReason) }
    }

    /// `KEY` in the compared folder, `sub/KEY` below it.
    static func display(_ l: EnvironmentComparison.Location, base: String) -> String {
        guard l.path != base else { return l.key }
        let rel = l.path.hasPrefix(base) ? String(l.path.dropFirst(base == "/" ? 1 : base.count + 1)) : l.path
        return rel + "/" + l.key
    }
}

/// `diff --json`'s stable shape (docs/cli-json.md).
struct DiffJSON: Encodable {
    struct Item: Encodable { var path: String; var key: String }
    var from: String
    var to: String
    var path: String
    var recursive: Bool
    var equal: Bool
    var onlyInFrom: [Item]
    var onlyInTo: [Item]
    var differing: [Item]
    var sameAcrossProduction: [Item]
    var ignored: [String]

    init(from: String, to: String, path: String, recursive: Bool, ignored: [String], diff d: EnvironmentComparison.Diff) {
        func items(_ l: [EnvironmentComparison.Location]) -> [Item] { l.map { Item(path: $0.path, key: $0.key) } }
        self.from = from; self.to = to; self.path = path; self.recursive = recursive; self.ignored = ignored
        equal = d.isEqual
        onlyInFrom = items(d.onlyInA); onlyInTo = items(d.onlyInB); differing = items(d.differing)
        sameAcrossProduction = items(d.sharedAcrossProduction)
    }
}
