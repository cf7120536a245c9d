// Async-signal-safe terminal hygiene. Signal handlers only set a flag and write to a self-pipe;
// crash handlers restore the saved termios and leave the alternate screen, then chain on.
#ifndef CSUPPORT_H
#define CSUPPORT_H
#include <sys/types.h>

/// Creates the self-pipe and installs INT/TERM/HUP/WINCH/TSTP/CONT handlers. Returns the read end.
int cs_install_signal_pipe(void);
/// Returns and clears the most recent pending signal number (0 if none).
int cs_take_pending_signal(void);
/// Writes one byte to the self-pipe (wakes the UI loop from another thread).
void cs_wake(void);
/// Saves the terminal mode of fd 0 and installs crash handlers that restore it.
void cs_install_crash_restore(void);
/// Restores the saved terminal mode now (for exit paths outside ncurses).
void cs_restore_terminal(void);
/// Drains the self-pipe (non-blocking).
void cs_drain_wake_pipe(void);
/// Default disposition + raise, used to really stop on SIGTSTP after ncurses has let go.
void cs_suspend_self(void);
/// posix_spawn with an empty signal mask and default dispositions (test threads block signals).
/// argv/envp are NULL-terminated. stdout_fd/stderr_fd/stdin_fd: -1 means /dev/null.
pid_t cs_spawn(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd, int stderr_fd);
/// Linux: asks the kernel for SIGUSR2 when our parent goes away; the handler sends SIGTERM to
/// ourselves only if getppid() is no longer `parent`. Call only when `parent == getppid()`.
/// Returns -1 where unsupported.
int cs_arm_parent_death_signal(pid_t parent);
/// 1 if a process with this pid exists (kill(pid, 0) succeeds or fails with EPERM), else 0.
int cs_process_exists(pid_t pid);
#endif
