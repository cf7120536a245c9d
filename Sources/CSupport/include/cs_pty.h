// A child on a pseudo-terminal, for measuring what a TUI writes to its terminal (infisical-bench).
#ifndef CS_PTY_H
#define CS_PTY_H
#include <sys/types.h>

/// forkpty + execve: `path` runs as a session leader with a new pty of rows×cols as its
/// controlling terminal and stdin/stdout/stderr, with an empty signal mask and default
/// dispositions. argv/envp are NULL-terminated. Stores the master side in *master_fd (close-on-
/// exec). Returns the child's pid, or -1 (errno set).
pid_t cs_spawn_pty(const char *path, char *const argv[], char *const envp[], int rows, int cols, int *master_fd);
#endif
