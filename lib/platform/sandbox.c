/* sandbox.c: a seccomp filter that keeps a long-running process from ever starting another program (see sandbox.h). */
#include <errno.h>
#include <string.h>

#include <seccomp.h>

#include "log.h"
#include "sandbox.h"

/* The system calls that start a program. */
static const char *const	denied[] = { "execve", "execveat" };

int
sandbox_no_exec(void)
{
	scmp_filter_ctx	 ctx;
	size_t		 i;
	int		 rc = -1, e;

	/* Everything else is allowed: this filter is a wall, not a list. */
	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		log_error("sandbox: seccomp_init failed");
		return -1;
	}
	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if ((e = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    seccomp_syscall_resolve_name(denied[i]), 0)) < 0) {
			log_error("sandbox: %s: %s", denied[i], strerror(-e));
			goto out;
		}
	/* seccomp_load sets no_new_privs first (SCMP_FLTATR_CTL_NNP). */
	if ((e = seccomp_load(ctx)) < 0) {
		log_error("sandbox: seccomp_load: %s", strerror(-e));
		goto out;
	}
	rc = 0;
out:
	seccomp_release(ctx);
	return rc;
}
