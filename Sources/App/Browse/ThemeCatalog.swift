import Foundation
import InfisicalModels
import TUICore

/// Finds and loads themes. Bundled themes live in a `Themes/` directory: `INFISICAL_TUI_THEMES`,
/// else `../share/infisical-tui/themes` beside the executable's `bin/` (where `make install` puts
/// them), else the nearest `Themes/` walking up from the executable (the package root when run
/// from `.build`). User themes in the XDG config dir override bundled ones by name.
/// The built-in themes (`Theme.builtinNames`, compiled in) come last, so `--theme light` works
/// for an installed binary with no `Themes/` folder at all.
struct ThemeCatalog {
    var bundledDirectory: String?
    var userDirectory: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        userDirectory = UserFiles.userThemesDirectory
        if let d = environment["INFISICAL_TUI_THEMES"], !d.isEmpty {
            bundledDirectory = d
        } else {
            bundledDirectory = Self.installedDirectory(executableDirectory: executableDirectory())
                ?? Self.findUpwards(from: executableDirectory())
        }
    }

    /// `PREFIX/share/infisical-tui/themes` for a binary in `PREFIX/bin` (the `make install` layout).
    static func installedDirectory(executableDirectory: String) -> String? {
        let candidate = ((executableDirectory as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("share/infisical-tui/themes")
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir) && isDir.boolValue ? candidate : nil
    }

    static func findUpwards(from start: String) -> String? {
        var dir = start
        var isDir: ObjCBool = false
        for _ in 0..<8 {
            let candidate = dir + "/Themes"
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir { break }
            dir = parent
        }
        return nil
    }

    /// Theme names available (user first, then bundled, then built-in), without `.json`, default first.
    var names: [String] {
        var seen = Set<String>(), out: [String] = []
        for dir in [userDirectory, bundledDirectory].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files.sorted() where f.hasSuffix(".json") {
                let n = String(f.dropLast(5))
                if seen.insert(n).inserted { out.append(n) }
            }
        }
        for n in Theme.builtinNames where seen.insert(n).inserted { out.append(n) }
        if let i = out.firstIndex(of: "default") { out.remove(at: i); out.insert("default", at: 0) }
        return out
    }

    /// `NAME` (user dir, then bundled, then built-in) or a path to a file. A name with no file
    /// falls back to the compiled-in theme of that name, so the dashboard always has one.
    func load(_ nameOrPath: String) throws -> Theme {
        let fm = FileManager.default
        var path: String?
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            path = nameOrPath
        } else {
            for dir in [userDirectory, bundledDirectory].compactMap({ $0 }) {
                let p = "\(dir)/\(nameOrPath).json"
                if fm.fileExists(atPath: p) { path = p; break }
            }
        }
        guard let path, let data = fm.contents(atPath: path) else {
            if nameOrPath == "default" { return Theme.builtinDefault }
            if path == nil, let builtin = Theme.builtin(named: nameOrPath) { return builtin }
            let available = names.joined(separator: ", ")
            throw InfisicalError(.usage, "no theme '\(nameOrPath)'",
                                 hint: available.isEmpty ? "pass a theme file path" : "available: \(available), or a file path")
        }
        let fallbackName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do { return try Theme.decode(from: data, defaultName: fallbackName) } catch let e as ThemeError {
            throw InfisicalError(.config, "\(path): \(e.message)", hint: "fix the theme file or pick another with --theme")
        }
    }
}
