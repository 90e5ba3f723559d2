/* sandbox.c (test): after sandbox_no_exec a process and its children cannot start a program; everything else still works. */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"
#include "tap.h"

/* The value of a "Name:\tvalue" line of /proc/self/status, or -1. */
static int
status_field(const char *name)
{
	FILE	*f = fopen("/proc/self/status", "r");
	char	 line[256];
	size_t	 n = strlen(name);
	int	 v = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, name, n) == 0 && line[n] == ':')
			v = atoi(line + n + 1);
	fclose(f);
	return v;
}

/*
 * In a child (the filter cannot be taken off again): each check is one
 * bit of the exit status, so the parent reports them one by one.
 */
enum { LOADED = 1, NO_NEW_PRIVS = 2, EXEC_EPERM = 4, GRANDCHILD = 8,
    FILE_WORKS = 16 };

static int
child(void)
{
	char	*argv[] = { "true", NULL }, *envp[] = { NULL };
	int	 bits = 0, st;
	pid_t	 pid;
	FILE	*f;

	if (sandbox_no_exec() == 0 && status_field("Seccomp") == 2)
		bits |= LOADED;
	if (status_field("NoNewPrivs") == 1)
		bits |= NO_NEW_PRIVS;
	if (execve("/bin/true", argv, envp) == -1 && errno == EPERM)
		bits |= EXEC_EPERM;
	/* A worker forked after the filter inherits it. */
	if ((pid = fork()) == 0)
		_exit(execve("/bin/true", argv, envp) == -1 && errno == EPERM ?
		    0 : 1);
	if (pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0)
		bits |= GRANDCHILD;
	if ((f = tmpfile()) != NULL && fputs("x", f) >= 0) {
		bits |= FILE_WORKS;
		fclose(f);
	}
	return bits;
}

int
main(void)
{
	pid_t	pid;
	int	st = 0, bits;

	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(child());
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st),
	    "the sandboxed child ran to its end");
	bits = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	ok(bits & LOADED, "the filter is loaded (Seccomp: 2)");
	ok(bits & NO_NEW_PRIVS, "no_new_privs is set");
	ok(bits & EXEC_EPERM, "execve fails with EPERM");
	ok(bits & GRANDCHILD, "a process forked afterwards cannot exec either");
	ok(bits & FILE_WORKS, "files still open and write");
	ok(status_field("Seccomp") == 0, "the test process itself is not filtered");
	return done_testing();
}
