import CSupport
import Foundation

/// An `infisical-dev-server` of our own (`--port 0`, in-memory DB), used to learn what the API
/// says a value is, independently of the dashboard under test. Killed on deinit.
final class DevServerFixture {
    struct Identity: Decodable { var name: String; var role: String; var clientId: String; var clientSecret: String }
    struct Ready: Decodable { var url: String; var identities: [Identity] }

    let pid: pid_t
    let directory: String
    let ready: Ready

    init() throws {
        let bin = ProcessRunner.binary("infisical-dev-server", envVar: "INFISICAL_DEV_SERVER_BIN")
        var template = Array((NSTemporaryDirectory() + "/e2e-server.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        directory = String(cString: made)
        let readyPath = directory + "/ready.json"
        let argv = [bin, "--port", "0", "--db", ":memory:", "--ready-file", readyPath]
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        pid = ProcessRunner.withCStrings(argv) { a in ProcessRunner.withCStrings(env) { e in cs_spawn(bin, a, e, -1, -1, -1) } }
        guard pid > 0 else { throw TmuxError("could not start \(bin)") }
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let data = FileManager.default.contents(atPath: readyPath), let r = try? JSONDecoder().decode(Ready.self, from: data) {
                ready = r
                return
            }
            if Date() > deadline { kill(pid, SIGKILL); throw TmuxError("dev server not ready") }
            usleep(20_000)
        }
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

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
