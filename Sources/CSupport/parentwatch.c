// Parent-death notification for child servers (`infisical-dev-server --parent-pid`).
// Linux's PR_SET_PDEATHSIG fires when the *thread* that spawned us exits, not only the process, so
// the signal is only a prompt to check: the handler stops the server (SIGTERM to itself, which
// takes the normal graceful path) only if we really were re-parented.
#define _GNU_SOURCE
#include "csupport.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

static volatile pid_t watched_parent = 0;

static void on_parent_death_signal(int sig) {
    (void)sig;
    int saved = errno;
    if (watched_parent > 0 && getppid() != watched_parent) kill(getpid(), SIGTERM);
    errno = saved;
}

int cs_arm_parent_death_signal(pid_t parent) {
#if defined(__linux__)
    watched_parent = parent;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_parent_death_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGUSR2, &sa, NULL) != 0) return -1;
    if (prctl(PR_SET_PDEATHSIG, SIGUSR2) != 0) return -1;
    // The parent may have died before prctl: then no signal will come, so check once now.
    if (getppid() != parent) kill(getpid(), SIGTERM);
    return 0;
#else
    (void)parent;
    return -1;
#endif
}

int cs_process_exists(pid_t pid) {
    if (pid <= 0) return 0;
    if (kill(pid, 0) == 0) return 1;
    return errno == EPERM;   // exists, just not ours to signal
}
