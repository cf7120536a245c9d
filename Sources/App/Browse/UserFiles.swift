import Foundation
import InfisicalClient
import InfisicalModels

/// Where the dashboard keeps user files (XDG): config and themes under the config dir, the last
/// view under the state dir (the same state dir `login` uses).
/// The directories themselves come from `XDGPaths` (InfisicalClient), shared with `login`.
enum UserFiles {
    static var configDirectory: String { XDGPaths().configDirectory }

    static var stateDirectory: String { XDGPaths().stateDirectory }

    static var userThemesDirectory: String { configDirectory + "/themes" }
}

/// `config.json` in the config dir: `{"theme": "light", "remaskSeconds": 30, "rotation": {…}}`.
/// Every field is optional; a broken file is reported, not ignored silently. `rotation` is read by
/// the dashboard, `rotation` and `exposure --rotation` alike (README "Rotation policy").
struct DashboardConfig: Codable, Equatable {
    var theme: String?
    var remaskSeconds: Double?
    var rotation: RotationConfig?

    static func load(path: String = UserFiles.configDirectory + "/config.json") throws -> DashboardConfig {
        guard let data = FileManager.default.contents(atPath: path) else { return DashboardConfig() }
        let config: DashboardConfig
        do { config = try JSONDecoder().decode(DashboardConfig.self, from: data) } catch {
            throw InfisicalError(.config, "\(path) is not valid (expected {\"theme\": \"name\", \"remaskSeconds\": 30, "
                                 + "\"rotation\": {\"soonDays\": 7, \"projects\": {\"slug\": [{\"pattern\": \"JWT_*\", \"days\": 30}]}}})",
                                 hint: "fix or delete the file")
        }
        do { try config.rotation?.validate() } catch let e as InfisicalError {
            throw InfisicalError(.config, "\(path): " + e.message, hint: "fix or delete the file")
        }
        return config
    }
}

/// The last project/environment/folder the dashboard showed, restored on the next start (per
/// server, so the demo does not clobber a real server's view).
struct LastView: Codable, Equatable {
    var server: String
    var project: String
    var environment: String
    var path: String

    static var filePath: String { UserFiles.stateDirectory + "/last-view.json" }

    static func load(server: String) -> LastView? {
        guard let data = FileManager.default.contents(atPath: filePath),
              let all = try? JSONDecoder().decode([LastView].self, from: data) else { return nil }
        return all.first { $0.server == server }
    }

    /// Best effort: failing to remember the view never disturbs the dashboard.
    func save() {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: UserFiles.stateDirectory, withIntermediateDirectories: true,
                                attributes: [.posixPermissions: 0o700])
        var all = (fm.contents(atPath: Self.filePath)).flatMap { try? JSONDecoder().decode([LastView].self, from: $0) } ?? []
        all.removeAll { $0.server == server }
        all.insert(self, at: 0)
        guard let data = try? JSONEncoder().encode(Array(all.prefix(20))) else { return }
        let tmp = Self.filePath + ".tmp"
        if fm.createFile(atPath: tmp, contents: data, attributes: [.posixPermissions: 0o600]) {
            _ = rename(tmp, Self.filePath)
        }
    }
}
