import Foundation
import TestSupport

/// An `infisical-dev-server` of our own (`--port 0`, in-memory DB), used to learn what the API
/// says a value is, independently of the dashboard under test. Killed on deinit.
final class DevServerFixture {
    let process: DevServerProcess
    var ready: DevServerReady { process.ready }
    var directory: String { process.dir.path }

    init(extraArgs: [String] = []) throws {
        do { process = try DevServerProcess(args: ["--db", ":memory:"] + extraArgs, readyTimeout: 60) } catch let e as DevServerError {
            throw TmuxError("dev server not ready: \(e.description)")
        }
    }

    deinit { process.stop() }

    /// A value as the API reports it, through the CLI (`secrets get --plain`) with credentials in
    /// the environment.
    func value(of key: String, project: String, env: String, path: String) throws -> String {
        guard let id = ready.identities.first(where: { $0.role == "viewer" }) else { throw TmuxError("no viewer identity") }
        var environment = ProcessInfo.processInfo.environment
        environment["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = id.clientId
        environment["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = id.clientSecret
        environment["HOME"] = directory
        environment["XDG_STATE_HOME"] = directory + "/state"
        let r = ProcessRunner.run(DemoApp.binary, ["secrets", "get", key, "--plain", "--domain", ready.url,
                                                   "--projectId", project, "--env", env, "--path", path],
                                  environment: environment)
        guard r.status == 0 else { throw TmuxError("secrets get failed (\(r.status)): \(r.output)") }
        return r.output.trimmingCharacters(in: .newlines)
    }
}
