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
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>

static int wake_pipe[2] = {-1, -1};
// Pending signals as a set (bit n = signal n): a SIGTERM that arrives while we are stopped is
// delivered together with the SIGCONT that resumes us, and must not be lost to it. Lock-free
// atomics are async-signal-safe.
static _Atomic unsigned int pending_mask = 0;
static struct termios saved_termios;
static volatile sig_atomic_t have_saved_termios = 0;
static struct sigaction previous_crash_actions[32];

static void on_signal(int sig) {
    int saved = errno;
    if (sig > 0 && sig < 32) atomic_fetch_or(&pending_mask, 1u << sig);
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

unsigned int cs_take_pending_signals(void) { return atomic_exchange(&pending_mask, 0u); }

void cs_clear_pending_signals(unsigned int mask) { atomic_fetch_and(&pending_mask, ~mask); }

int cs_terminate_pending(void) {
    unsigned int ending = (1u << SIGTERM) | (1u << SIGHUP) | (1u << SIGINT) | (1u << SIGQUIT);
    return (atomic_load(&pending_mask) & ending) != 0;
}

int cs_take_pending_signal(void) {
    // Ending outranks suspending, which outranks resuming.
    static const int order[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT};
    for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++) {
        unsigned int bit = 1u << order[i];
        if (atomic_fetch_and(&pending_mask, ~bit) & bit) return order[i];
    }
    return 0;
}

void cs_wake(void) { if (wake_pipe[1] >= 0) { char c = 0; ssize_t r = write(wake_pipe[1], &c, 1); (void)r; } }

void cs_drain_wake_pipe(void) {
    char buf[64];
    if (wake_pipe[0] < 0) return;
    while (read(wake_pipe[0], buf, sizeof buf) > 0) {}
}

static const char reset_seq[] = "\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";

void cs_restore_terminal(void) {
    // In the background (resumed by `kill %1`) the shell owns the terminal and has its modes
    // back already; touching it would stop us with SIGTTOU instead of letting us end.
    pid_t fg = tcgetpgrp(0);
    if (fg != -1 && fg != getpgrp()) return;
    if (have_saved_termios) tcsetattr(0, TCSANOW, &saved_termios);
    if (isatty(1)) { ssize_t r = write(1, reset_seq, sizeof reset_seq - 1); (void)r; }
}

// Temporary files being written (export): removed if a signal or crash ends us first.
#define CS_TEMP_SLOTS 8
static char temp_paths[CS_TEMP_SLOTS][PATH_MAX];
static _Atomic int temp_used[CS_TEMP_SLOTS];
static struct sigaction previous_cleanup_actions[32];
static _Atomic int cleanup_installed = 0;

void cs_unlink_temp_files(void) {
    for (int i = 0; i < CS_TEMP_SLOTS; i++)
        if (atomic_load(&temp_used[i]) == 2) unlink(temp_paths[i]);
}

static void on_cleanup_signal(int sig) {
    cs_unlink_temp_files();
    // Then behave exactly as before we were installed (default: die by this signal).
    if (sig > 0 && sig < 32) sigaction(sig, &previous_cleanup_actions[sig], NULL);
    raise(sig);
}

static void install_cleanup_handlers(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&cleanup_installed, &expected, 1)) return;
    atexit(cs_unlink_temp_files);
    // Only where the disposition is still the default: the dashboard's own handlers (a flag and
    // an orderly exit) stay, and that orderly exit runs atexit.
    int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_cleanup_signal;
        sigemptyset(&sa.sa_mask);
        previous_cleanup_actions[sigs[i]] = old;
        sigaction(sigs[i], &sa, NULL);
    }
}

int cs_register_temp_file(const char *path) {
    if (strlen(path) >= PATH_MAX) return -1;
    install_cleanup_handlers();
    for (int i = 0; i < CS_TEMP_SLOTS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&temp_used[i], &expected, 1)) {
            strcpy(temp_paths[i], path);
            atomic_store(&temp_used[i], 2);   // visible to handlers only once complete
            return i;
        }
    }
    return -1;
}

void cs_unregister_temp_file(int slot) {
    if (slot >= 0 && slot < CS_TEMP_SLOTS) atomic_store(&temp_used[slot], 0);
}

void cs_disable_core_dumps(void) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static volatile sig_atomic_t chain_crash_handlers = 0;

static void on_crash(int sig) {
    cs_restore_terminal();
    cs_unlink_temp_files();
    static const char msg[] = "infisical-tui: crashed; terminal restored\n";
    ssize_t r = write(2, msg, sizeof msg - 1); (void)r;
    // Die by the signal (no core: cs_disable_core_dumps). The Swift runtime's backtracer is
    // skipped unless SWIFT_BACKTRACE asks for it: it prints source and frames to the terminal and,
    // on a TTY, waits for keys, so a crash would hang with the user's secrets in memory.
    if (chain_crash_handlers && sig >= 0 && sig < 32) sigaction(sig, &previous_crash_actions[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

// A stack overflow leaves no stack for a handler: SIGSEGV runs on this one instead.
static char crash_stack[64 * 1024];

void cs_install_crash_restore(void) {
    if (isatty(0) && tcgetattr(0, &saved_termios) == 0) have_saved_termios = 1;
    chain_crash_handlers = getenv("SWIFT_BACKTRACE") != NULL;
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = crash_stack;
    ss.ss_size = sizeof crash_stack;
    sigaltstack(&ss, NULL);
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
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
