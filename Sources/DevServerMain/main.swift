import ArgumentParser
import CSupport
import DevServer
import Foundation

/// `infisical-dev-server`: a local Infisical-compatible API server with the OpticWorks demo data.
struct DevServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infisical-dev-server",
        abstract: "Local Infisical-compatible dev server (SQLite) seeded with the OpticWorks demo data.")

    @Option(help: "Port to listen on (0 = pick a free one).") var port: Int = 0
    @Option(help: "Address to bind.") var host: String = "127.0.0.1"
    @Option(help: "SQLite database file, or :memory:.") var db: String = ":memory:"
    @Option(help: "Seed file (JSON) used when the database is new. Default: the bundled demo data.") var seed: String?
    @Option(help: "Add N secrets to /bulk of opticworks-store dev.") var bulk: Int = 0
    @Option(name: .customLong("bulk-audit"), help: "Add N audit events (last 24 h).") var bulkAudit: Int = 0
    @Option(name: .customLong("token-ttl"), help: "Access token lifetime in seconds.") var tokenTTL: Int = 7200
    @Option(name: .customLong("user-token-ttl"), help: "Lifetime of a user's access token in seconds.")
    var userTokenTTL: Int = 600
    @Option(name: .customLong("user-refresh-ttl"), help: "Lifetime of a user's refresh token (jid cookie) in seconds.")
    var userRefreshTTL: Int = 864_000
    @Option(name: .customLong("mfa-lock-seconds"), help: "Lock-out after three wrong MFA codes in a row, in seconds.")
    var mfaLockSeconds: Int = 300
    @Flag(name: .customLong("versions-user-only"), help: "Refuse secret versions to identity tokens (as Infisical does).")
    var versionsUserOnly = false
    @Option(name: .customLong("rate-limit"), help: "Requests per minute per client (0 = off).") var rateLimit: Int = 0
    @Option(name: .customLong("ready-file"), help: "Write {url, identities} JSON here (mode 0600) once listening.")
    var readyFile: String?
    @Flag(help: "Do not log one line per request (stderr).") var quiet = false
    @Flag(name: .customLong("debug-stats"), help: "Count requests; serve the counts at GET /debug/stats (benchmarks, tests).")
    var debugStats = false
    @Option(name: .customLong("parent-pid"), help: "Stop (gracefully) as soon as this process is gone.")
    var parentPid: Int32?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard bulk >= 0, bulkAudit >= 0 else { throw ValidationError("--bulk and --bulk-audit must be >= 0") }
        guard tokenTTL > 0 else { throw ValidationError("--token-ttl must be > 0") }
        guard userTokenTTL > 0, userRefreshTTL > 0 else {
            throw ValidationError("--user-token-ttl and --user-refresh-ttl must be > 0")
        }
        guard mfaLockSeconds >= 0 else { throw ValidationError("--mfa-lock-seconds must be >= 0") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be >= 0") }
        if let parentPid, parentPid <= 1 { throw ValidationError("--parent-pid must be a process id > 1") }
        if let seed, !FileManager.default.fileExists(atPath: seed) { throw ValidationError("--seed: no such file: \(seed)") }
    }

    var options: DevServerOptions {
        var o = DevServerOptions()
        o.host = host; o.port = port; o.dbPath = db; o.seedPath = seed; o.bulk = bulk; o.bulkAudit = bulkAudit
        o.tokenTTL = tokenTTL; o.userTokenTTL = userTokenTTL; o.userRefreshTTL = userRefreshTTL
        o.mfaLockSeconds = mfaLockSeconds; o.versionsUserOnly = versionsUserOnly; o.rateLimit = rateLimit; o.readyFile = readyFile; o.quiet = quiet
        o.debugStats = debugStats
        return o
    }
}

// Bad flags exit 2 (not ArgumentParser's 64); runtime failures exit 1; help exits 0.
let command: DevServerCommand
do {
    command = try DevServerCommand.parse()
} catch {
    let code = DevServerCommand.exitCode(for: error)
    let message = DevServerCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
// A vanished log reader must not kill the server.
signal(SIGPIPE, SIG_IGN)
// The database (and its -wal/-shm files) hold secret values: keep everything we create private.
umask(0o077)
if let parent = command.parentPid {
    // Gone already (e.g. the TUI died while we were starting): do not even start.
    guard cs_process_exists(parent) != 0 else {
        DevServer.log("parent process \(parent) is gone; not starting")
        exit(0)
    }
    ParentWatch.start(parent: parent)
}
do {
    try await DevServer.run(command.options)
} catch {
    DevServer.log("error: \(error)")
    exit(1)
}
