/* sandbox.h: a seccomp filter that keeps a long-running process from ever starting another program. */
#ifndef HS_SANDBOX_H
#define HS_SANDBOX_H

/*
 * No HomeServe program runs another one: pages, mail, SMS, payments
 * and pictures are all done in process.  So once an area's supervisor
 * or the background worker has started, execve and execveat fail with
 * EPERM for it and every worker it forks (filters are inherited and
 * cannot be removed), and a bug in a request parser cannot become a
 * shell.  It also sets no_new_privs.  0, or -1 with the reason logged.
 */
int	sandbox_no_exec(void);

#endif /* HS_SANDBOX_H */
