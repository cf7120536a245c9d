#define _GNU_SOURCE
#include "csupport.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <pthread.h>

static int wake_pipe[2] = {-1, -1};
static volatile sig_atomic_t pending_signal = 0;
static struct termios saved_termios;
static volatile sig_atomic_t have_saved_termios = 0;
static struct sigaction previous_crash_actions[32];

static void on_signal(int sig) {
    int saved = errno;
    pending_signal = sig;
    if (wake_pipe[1] >= 0) { char c = (char)sig; ssize_t r = write(wake_pipe[1], &c, 1); (void)r; }
    errno = saved;
}

int cs_install_signal_pipe(void) {
    if (wake_pipe[0] < 0) {
        if (pipe(wake_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGQUIT};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
    // Threads spawned by test runners may block signals; make sure ours are deliverable.
    sigset_t set; sigemptyset(&set);
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&set, sigs[i]);
    sigaddset(&set, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return wake_pipe[0];
}

int cs_take_pending_signal(void) { int s = pending_signal; pending_signal = 0; return s; }

void cs_wake(void) { if (wake_pipe[1] >= 0) { char c = 0; ssize_t r = write(wake_pipe[1], &c, 1); (void)r; } }

void cs_drain_wake_pipe(void) {
    char buf[64];
    if (wake_pipe[0] < 0) return;
    while (read(wake_pipe[0], buf, sizeof buf) > 0) {}
}

static const char reset_seq[] = "\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";

void cs_restore_terminal(void) {
    if (have_saved_termios) tcsetattr(0, TCSANOW, &saved_termios);
    if (isatty(1)) { ssize_t r = write(1, reset_seq, sizeof reset_seq - 1); (void)r; }
}

static void on_crash(int sig) {
    cs_restore_terminal();
    if (sig >= 0 && sig < 32) sigaction(sig, &previous_crash_actions[sig], NULL);
    raise(sig);
}

void cs_install_crash_restore(void) {
    if (isatty(0) && tcgetattr(0, &saved_termios) == 0) have_saved_termios = 1;
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, &previous_crash_actions[sigs[i]]);
}

void cs_suspend_self(void) {
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);
    // Resumed (SIGCONT): re-arm our handler.
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, NULL);
}

pid_t cs_spawn(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd, int stderr_fd) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (stdin_fd >= 0) posix_spawn_file_actions_adddup2(&fa, stdin_fd, 0);
    else posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&fa, stdout_fd, 1);
    else posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (stderr_fd >= 0) posix_spawn_file_actions_adddup2(&fa, stderr_fd, 2);
    else posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, path, &fa, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return rc == 0 ? pid : -1;
}
