import CSupport
import Foundation

/// Starting and reaping children with `cs_spawn`: it resets the signal mask (XCTest threads block
/// signals and children would inherit that) and never uses Foundation `Process` (its child-exit
/// socket leaks into tmux servers and `waitUntilExit` hangs). Secrets go in `env`, never argv.
public enum Spawn {
    /// Starts `path` (searched in PATH when relative) with `args` after argv[0]. An fd of -1 means /dev/null.
    /// Returns the pid, or -1 when the spawn failed.
    public static func start(_ path: String, _ args: [String], env: [String: String],
                             stdin: Int32 = -1, stdout: Int32 = -1, stderr: Int32 = -1) -> pid_t {
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        return cs_spawn(path, argv, envp, stdin, stdout, stderr)
    }

    /// Shell-style exit code from a `waitpid` status: the exit status, or 128 + signal.
    public static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Polls for exit until `deadline`; returns the raw status, or nil if still running.
    public static func wait(_ pid: pid_t, until deadline: Date) -> Int32? {
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, WNOHANG) == pid { return status }
            if Date() > deadline { return nil }
            usleep(5000)
        }
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; always reaps.
    public static func terminate(_ pid: pid_t, grace: TimeInterval = 5) {
        kill(pid, SIGTERM)
        if wait(pid, until: Date().addingTimeInterval(grace)) == nil { kill9(pid) }
    }

    /// `kill -9` and reap: no chance to flush anything that was not already durable.
    public static func kill9(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
