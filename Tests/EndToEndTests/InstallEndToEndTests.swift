import Foundation
import TestSupport
import XCTest

/// `make install` into a temporary prefix (a path with a space) and `make uninstall` back out.
/// CI time: a release build here would double the suite's build, so the test installs the debug
/// products this test run was built with (`SKIP_BUILD=1 CONFIG=debug BUILD_DIR=…`); everything
/// after the build step — scripts/install, the completions and the man page generated from the
/// command definitions — is what `make install` runs for a release too.
final class InstallEndToEndTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    var prefix: String!
    var scratch: String!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("install-test-\(UUID().uuidString)")
        scratch = base.path
        prefix = base.appendingPathComponent("my prefix").path   // not created: install makes it
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: scratch) }

    /// `env` for children: a PATH without the build directory, private HOME/XDG dirs.
    var env: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": scratch, "XDG_CONFIG_HOME": scratch + "/config",
         "XDG_STATE_HOME": scratch + "/state", "LANG": "C.UTF-8", "TERM": "xterm-256color"]
    }

    func run(_ path: String, _ args: [String], cwd: String = "/", extraEnv: [String: String] = [:]) throws -> ChildResult {
        try ChildProcess.run(path, args, env: env.merging(extraEnv) { $1 }, cwd: cwd, mergeStderr: true, timeout: 120)
    }

    func filesUnder(_ dir: String) -> Set<String> {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out = Set<String>()
        for case let rel as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.insert(rel) }
        }
        return out
    }

    func testInstallRunFromAnywhereAndUninstall() throws {
        let products = BuiltBinary.productsDirectory
        guard FileManager.default.isExecutableFile(atPath: products + "/generate-manual") else {
            throw XCTSkip("generate-manual not built in \(products) (`make build` builds it)")
        }
        let make = try run("/usr/bin/make", ["install", "SKIP_BUILD=1", "CONFIG=debug", "BUILD_DIR=\(products)", "PREFIX=\(prefix!)"],
                           cwd: Self.packageRoot)
        XCTAssertEqual(make.status, 0, make.stdout)

        // The files land where the tools look for them, and nothing else.
        let themes = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot + "/Themes").filter { $0.hasSuffix(".json") }
        XCTAssertFalse(themes.isEmpty)
        let expected = Set(["bin/infisical-tui", "bin/infisical-dev-server", "share/infisical-tui/demo-seed.json",
                            "share/infisical-tui/install-manifest",
                            "share/bash-completion/completions/infisical-tui", "share/zsh/site-functions/_infisical-tui",
                            "share/fish/vendor_completions.d/infisical-tui.fish", "share/man/man1/infisical-tui.1"]
                           + themes.map { "share/infisical-tui/themes/\($0)" })
        XCTAssertEqual(filesUnder(prefix), expected)
        let manifest = try String(contentsOfFile: prefix + "/share/infisical-tui/install-manifest", encoding: .utf8)
        XCTAssertEqual(Set(manifest.split(separator: "\n").filter { $0.hasPrefix("f ") }.map { String($0.dropFirst(2)) }),
                       Set(expected.map { prefix + "/" + $0 }), "the manifest lists exactly the installed files")

        // The installed binary runs from / with a PATH that does not hold the build directory.
        let tui = prefix + "/bin/infisical-tui"
        let version = try run(tui, ["--version"])
        XCTAssertEqual(version.status, 0, version.stdout)
        let v = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(v.range(of: #"^\d+\.\d+\.\d+( \(commit [0-9a-f]{12}\))?$"#, options: .regularExpression), v)
        if FileManager.default.fileExists(atPath: Self.packageRoot + "/.git"),
           let sha = v.range(of: #"[0-9a-f]{12}"#, options: .regularExpression).map({ String(v[$0]) }) {
            // A commit of this repository (the one it was built at), not a made-up string.
            let known = try run("/usr/bin/git", ["-C", Self.packageRoot, "cat-file", "-e", sha + "^{commit}"])
            XCTAssertEqual(known.status, 0, "\(sha) is not a commit here: \(known.stdout)")
        } else if FileManager.default.fileExists(atPath: Self.packageRoot + "/.git") {
            XCTFail("built from a git checkout, but --version names no commit: \(v)")
        }
        let help = try run(tui, ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("doctor") && help.stdout.contains("USAGE"), help.stdout)

        // Completions load in their shells (bash here; zsh and fish when installed).
        let bash = try run("/bin/bash", ["-c", "source \"$0\"; complete -p infisical-tui",
                                         prefix + "/share/bash-completion/completions/infisical-tui"])
        XCTAssertEqual(bash.status, 0, bash.stdout)
        XCTAssertTrue(bash.stdout.contains("infisical-tui"), bash.stdout)
        // And offer the subcommands: what bash's completion function puts in COMPREPLY after `infisical-tui d`.
        let words = try run("/bin/bash", ["-c", """
            source "$0"; f=$(complete -p infisical-tui | sed -E 's/.*-F ([^ ]+).*/\\1/')
            COMP_WORDS=(infisical-tui d); COMP_CWORD=1; COMP_LINE="infisical-tui d"; COMP_POINT=${#COMP_LINE}
            "$f" infisical-tui d infisical-tui; printf '%s\\n' "${COMPREPLY[@]}"
            """, prefix + "/share/bash-completion/completions/infisical-tui"])
        XCTAssertTrue(words.stdout.split(separator: "\n").contains("doctor"), "bash completes `d` to doctor (and diff): \(words.stdout)")
        // zsh: the directory on fpath, as a user would set it up; compinit maps the command to our function.
        if let zsh = ["/usr/bin/zsh", "/bin/zsh"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = try run(zsh, ["-f", "-c", "fpath=(\"$0\" $fpath); autoload -U compinit; compinit -u -D; print -r -- $_comps[infisical-tui]",
                                  prefix + "/share/zsh/site-functions"])
            XCTAssertEqual(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "_infisical-tui", "zsh: \(r.stdout)")
        }
        // fish: completing `infisical-tui d` offers doctor.
        if let fish = ["/usr/bin/fish", "/bin/fish"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = try run(fish, ["-c", "source $argv[1]; and complete -C 'infisical-tui d'",
                                   prefix + "/share/fish/vendor_completions.d/infisical-tui.fish"])
            XCTAssertEqual(r.status, 0, "fish: \(r.stdout)")
            let offered = r.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
            XCTAssertTrue(offered.contains("doctor") && offered.contains("diff"), "fish completes `d` to diff and doctor: \(r.stdout)")
        }

        // The man page renders.
        let page = prefix + "/share/man/man1/infisical-tui.1"
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let man = try run("/usr/bin/man", ["-l", page], extraEnv: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"])
            XCTAssertEqual(man.status, 0, man.stdout)
            for text in ["infisical-tui", "doctor", "--projectId", "export"] {
                XCTAssertTrue(man.stdout.contains(text), "man page lacks \(text):\n\(man.stdout.prefix(2000))")
            }
        } else {
            let text = try String(contentsOfFile: page, encoding: .utf8)
            XCTAssertTrue(text.contains(".Dt INFISICAL-TUI 1") || text.contains(".TH"), "not a man page: \(text.prefix(200))")
        }

        // --demo finds the installed dev server beside it and its demo data, from /.
        try assertDemoRuns(tui)

        // Uninstall removes exactly that: the prefix (which install created) is gone.
        let un = try run("/usr/bin/make", ["uninstall", "PREFIX=\(prefix!)"], cwd: Self.packageRoot)
        XCTAssertEqual(un.status, 0, un.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: prefix), "left behind: \(filesUnder(prefix))")
    }

    /// Uninstall keeps a directory that has gained someone else's file, and the file.
    func testUninstallKeepsForeignFiles() throws {
        let products = BuiltBinary.productsDirectory
        guard FileManager.default.isExecutableFile(atPath: products + "/generate-manual") else {
            throw XCTSkip("generate-manual not built in \(products) (`make build` builds it)")
        }
        XCTAssertEqual(try run("/usr/bin/make", ["install", "SKIP_BUILD=1", "CONFIG=debug", "BUILD_DIR=\(products)", "PREFIX=\(prefix!)"],
                               cwd: Self.packageRoot).status, 0)
        let foreign = prefix + "/bin/other-tool"
        FileManager.default.createFile(atPath: foreign, contents: Data("#!/bin/sh\n".utf8))
        XCTAssertEqual(try run("/usr/bin/make", ["uninstall", "PREFIX=\(prefix!)"], cwd: Self.packageRoot).status, 0)
        XCTAssertEqual(filesUnder(prefix), ["bin/other-tool"])
    }

    /// What the GitCommit build plugin runs: the checkout's commit, or `nil` for a source tree
    /// that is not its own git checkout (a tarball, even one unpacked inside another repository).
    func testCommitScriptNamesTheCommitOrNil() throws {
        let script = Self.packageRoot + "/scripts/git-commit-swift"
        let out = scratch + "/gen/GitCommit.swift"
        let tarball = scratch + "/unpacked"
        try FileManager.default.createDirectory(atPath: tarball, withIntermediateDirectories: true)
        XCTAssertEqual(try run("/bin/sh", [script, tarball, out]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("let buildGitCommit: String? = nil\n"))
        // Inside the repository but not its root (as a tarball unpacked into some other checkout).
        XCTAssertEqual(try run("/bin/sh", [script, Self.packageRoot + "/Sources", out]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("let buildGitCommit: String? = nil\n"))
        guard FileManager.default.fileExists(atPath: Self.packageRoot + "/.git") else { return }
        XCTAssertEqual(try run("/bin/sh", [script, Self.packageRoot, out]).status, 0)
        let head = try run("/usr/bin/git", ["-C", Self.packageRoot, "rev-parse", "--short=12", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("let buildGitCommit: String? = \"\(head)\"\n"))
    }

    func assertDemoRuns(_ tui: String) throws {
        let tmux = try TmuxSession(command: "cd / && '\(tui)' --demo; echo EXIT=$?; sleep 600",
                                   paneEnvironment: ["PATH": "/usr/bin:/bin", "HOME": scratch,
                                                     "XDG_CONFIG_HOME": scratch + "/config", "XDG_STATE_HOME": scratch + "/state"])
        defer { tmux.close() }
        tmux.waitFor("opticworks-store", "hardwareos", timeout: 60, abortOn: "EXIT=")
        tmux.send("q")
        let screen = tmux.waitFor("EXIT=", timeout: 20)
        XCTAssertTrue(screen.contains("EXIT=0"), screen)
    }
}
