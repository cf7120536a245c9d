// Async-signal-safe terminal hygiene. Signal handlers only set a flag and write to a self-pipe;
// crash handlers restore the saved termios and leave the alternate screen, then chain on.
#ifndef CSUPPORT_H
#define CSUPPORT_H
#include <sys/types.h>

/// Creates the self-pipe and installs INT/TERM/HUP/WINCH/TSTP/CONT handlers. Returns the read end.
int cs_install_signal_pipe(void);
/// Returns and clears every pending signal, as a set: bit n = signal n.
unsigned int cs_take_pending_signals(void);
/// Clears the given pending signals (bit n = signal n), keeping the others.
void cs_clear_pending_signals(unsigned int mask);
/// 1 if TERM, HUP, INT or QUIT is pending (without clearing it), else 0.
int cs_terminate_pending(void);
/// Returns and clears one pending signal, the most important first (TERM, HUP, INT, QUIT, TSTP,
/// CONT), keeping the others pending; 0 if none.
int cs_take_pending_signal(void);
/// Writes one byte to the self-pipe (wakes the UI loop from another thread).
void cs_wake(void);
/// Saves the terminal mode of fd 0 and installs crash handlers that restore it (SEGV/BUS/ILL/TRAP/
/// ABRT/FPE; on an alternate signal stack, so a stack overflow restores it too), then die by the
/// signal (chaining to the Swift backtracer only when SWIFT_BACKTRACE is set).
void cs_install_crash_restore(void);
/// Remembers a temporary file being written: INT/TERM/HUP/QUIT/PIPE/XFSZ (where their disposition is
/// still the default), a crash or exit() remove it. Returns a slot for cs_unregister_temp_file, or -1.
int cs_register_temp_file(const char *path);
/// Forgets a temp file (renamed into place or already removed).
void cs_unregister_temp_file(int slot);
/// Removes every registered temp file (async-signal-safe).
void cs_unlink_temp_files(void);
/// No core file while we hold secrets: RLIMIT_CORE 0 and PR_SET_DUMPABLE 0.
void cs_disable_core_dumps(void);
/// Restores the saved terminal mode now (for exit paths outside ncurses); does nothing while we
/// are a background process group.
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
#include "cs_pty.h"   // the benchmark's pty child
#endif
