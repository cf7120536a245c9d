import CSupport
import DevServer
import Foundation

/// `--parent-pid PID`: stop (gracefully) when that process is gone, so a `--demo` server never
/// outlives a TUI that crashed or was SIGKILLed. Two mechanisms: a 200 ms poll (`kill(pid, 0)`,
/// and a changed `getppid()` when PID is our parent — a dead parent may linger as a zombie, which
/// `kill(pid, 0)` still sees) and, on Linux, PR_SET_PDEATHSIG for an immediate reaction.
/// Stopping = SIGTERM to ourselves, the same graceful path as an external SIGTERM; if that has not
/// finished within 5 s, exit anyway.
enum ParentWatch {
    nonisolated(unsafe) private static var timer: DispatchSourceTimer?

    static func start(parent: pid_t) {
        let isOurParent = getppid() == parent
        if isOurParent { _ = cs_arm_parent_death_signal(parent) }
        let queue = DispatchQueue(label: "infisical-dev-server.parent-watch")
        let t = DispatchSource.makeTimerSource(queue: queue)
        var stopping = false
        t.setEventHandler {
            guard !stopping else { return }
            let gone = cs_process_exists(parent) == 0 || (isOurParent && getppid() != parent)
            guard gone else { return }
            stopping = true
            DevServer.log("parent process \(parent) is gone; stopping")
            kill(getpid(), SIGTERM)
            queue.asyncAfter(deadline: .now() + 5) {
                DevServer.log("graceful stop took too long; exiting")
                exit(0)
            }
        }
        t.schedule(deadline: .now(), repeating: .milliseconds(200), leeway: .milliseconds(20))
        t.resume()
        timer = t
    }
}
