import Foundation
import TestSupport
import XCTest

/// A real Secret Service on a private D-Bus session, for one test: `dbus-daemon --session` on a
/// socket in a temp dir and `gnome-keyring-daemon --components=secrets`, its login keyring
/// unlocked with a password on stdin. HOME and the XDG dirs live in that temp dir too, so nothing
/// touches the user's own keyring. Both daemons are ours (pids kept) and are stopped by `stop()`.
/// Skips (XCTSkip, with the reason) where the programs are missing or the daemon cannot start.
final class PrivateSecretService {
    let root: URL
    var home: String { root.appendingPathComponent("home").path }
    let busAddress: String
    private var dbusPid: pid_t = -1
    private var keyringPid: pid_t = -1

    /// What a child needs to reach this Secret Service (and only it).
    var environment: [String: String] {
        ["HOME": home, "DBUS_SESSION_BUS_ADDRESS": busAddress,
         "XDG_RUNTIME_DIR": root.appendingPathComponent("run").path,
         "XDG_DATA_HOME": home + "/.local/share", "XDG_CONFIG_HOME": home + "/.config",
         "XDG_STATE_HOME": home + "/.local/state", "XDG_CACHE_HOME": home + "/.cache",
         "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    static func which(_ name: String) -> String? {
        ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init() throws {
        guard let dbus = Self.which("dbus-daemon"), let gkd = Self.which("gnome-keyring-daemon"), Self.which("secret-tool") != nil else {
            throw XCTSkip("needs dbus-daemon, gnome-keyring-daemon and secret-tool (scripts/install-deps installs gnome-keyring and libsecret-tools)")
        }
        var template = Array((NSTemporaryDirectory() + "/keyring.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw XCTSkip("cannot make a temp dir") }
        root = URL(fileURLWithPath: String(cString: made))
        busAddress = "unix:path=" + root.appendingPathComponent("bus").path
        for d in ["home", "run", "home/.local/share", "home/.config", "home/.local/state", "home/.cache"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(d), withIntermediateDirectories: true)
        }
        chmod(root.appendingPathComponent("run").path, 0o700)

        // A session bus without service directories: nothing is D-Bus-activated on it. (With the
        // standard config the first secret-tool call could activate a second gnome-keyring-daemon,
        // one with no unlocked login keyring, before ours has claimed org.freedesktop.secrets.)
        let socket = root.appendingPathComponent("bus").path
        let config = """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=\(socket)</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """
        let configPath = root.appendingPathComponent("bus.conf").path
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        dbusPid = Spawn.start(dbus, ["--config-file=\(configPath)", "--nofork", "--nopidfile"], env: environment)
        let t0 = Date()
        while !FileManager.default.fileExists(atPath: socket) && Date().timeIntervalSince(t0) < 10 { usleep(20_000) }
        guard dbusPid > 0, FileManager.default.fileExists(atPath: socket) else {
            stop(); throw XCTSkip("dbus-daemon did not start a session bus")
        }

        // The login keyring's password goes on stdin (--unlock), from a pipe we close at once.
        var p: [Int32] = [-1, -1]
        guard pipe(&p) == 0 else { stop(); throw XCTSkip("no pipe") }
        // The write end must not leak into the daemon, or its stdin never reaches EOF.
        _ = fcntl(p[1], F_SETFD, FD_CLOEXEC)
        keyringPid = Spawn.start(gkd, ["--foreground", "--unlock", "--components=secrets"], env: environment, stdin: p[0])
        close(p[0])
        _ = "test-keyring-password".withCString { write(p[1], $0, strlen($0)) }
        close(p[1])
        guard keyringPid > 0 else { stop(); throw XCTSkip("gnome-keyring-daemon did not start") }

        // Ready when a store/lookup round-trip works.
        var said = ""
        while Date().timeIntervalSince(t0) < 20 {
            let stored = try? secretTool(["store", "--label=probe", "service", "probe"], stdin: "ok")
            let found = try? secretTool(["lookup", "service", "probe"])
            if stored?.status == 0, found?.stdout == "ok" {
                _ = try? secretTool(["clear", "service", "probe"])
                return
            }
            said = (stored?.stderr ?? "") + (found?.stderr ?? "")
            usleep(100_000)
        }
        stop()
        throw XCTSkip("gnome-keyring-daemon started but its Secret Service never answered: \(said)")
    }

    /// `secret-tool` against this service (secrets on stdin, never argv).
    @discardableResult
    func secretTool(_ args: [String], stdin: String? = nil) throws -> ChildResult {
        try ChildProcess.run("/usr/bin/secret-tool", args, env: environment, stdin: stdin.map { Data($0.utf8) }, timeout: 10)
    }

    func stop() {
        if keyringPid > 0 { Spawn.terminate(keyringPid, grace: 3); keyringPid = -1 }
        if dbusPid > 0 { Spawn.terminate(dbusPid, grace: 3); dbusPid = -1 }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
