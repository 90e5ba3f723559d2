/* homeserve-worker.c: the background worker: a supervisor of processes that deliver the outbox and one that runs the timed jobs. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "appkey.h"
#include "arena.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "deliver.h"
#include "fmt.h"
#include "httpclient.h"
#include "jobs.h"
#include "log.h"
#include "sandbox.h"
#include "outbox.h"
#include "tmpl.h"

#define POLL_MS		1000	/* an idle deliverer looks again after this */
#define JOBS_EVERY	60	/* seconds between runs of the timed jobs */
#define MAX_CHILDREN	17	/* the clock and up to 16 deliverers */

enum child_role { CHILD_CLOCK, CHILD_DELIVER };

struct child {
	pid_t		 pid;
	enum child_role	 role;
	unsigned	 generation;
	char		 tag[128];	/* names its claims in the outbox */
};

static volatile sig_atomic_t	 stopping;
static volatile sig_atomic_t	 wake;	/* SIGHUP: run the jobs now */

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
on_wake(int sig)
{
	(void)sig;
	wake = 1;
}

/* No SA_RESTART: a signal ends a nap or a wait so the loop sees it. */
static void
signal_set(int sig, void (*handler)(int))
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Sleep up to ms, less if a signal comes. */
static void
nap(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void
job_report(const char *name, size_t n, void *ctx)
{
	(void)ctx;
	if (n > 0)
		log_info("jobs: %s: %zu", name, n);
}

/* The clock: the timed jobs now, then every JOBS_EVERY seconds or on SIGHUP. */
static int
clock_run(const struct config *cfg)
{
	struct db	*db = db_open(cfg->db_path, 0);
	struct arena	*a = arena_new();
	int64_t		 next;

	while (!stopping) {
		wake = 0;
		jobs_run(db, a, clock_now(), job_report, NULL);
		arena_reset(a);
		next = clock_now() + JOBS_EVERY;
		while (!stopping && !wake && clock_now() < next)
			nap(1000);
	}
	arena_free(a);
	db_close(db);
	return EXIT_SUCCESS;
}

/*
 * A deliverer: whatever is due, then a short nap; SIGTERM ends it
 * between messages.
 */
static int
deliver_run(const struct config *cfg, const char *tag)
{
	struct db	*db = db_open(cfg->db_path, 0);
	struct arena	*a = arena_new();

	while (!stopping)
		if (deliver_due(db, a, tag, clock_now, &stopping) == 0 &&
		    !stopping)
			nap(POLL_MS);
	arena_free(a);
	db_close(db);
	return EXIT_SUCCESS;
}

static void
child_start(struct child *c, const struct config *cfg, int slot)
{
	char	host[64] = "localhost";

	gethostname(host, sizeof(host) - 1);
	c->generation++;
	snprintf(c->tag, sizeof(c->tag), "%s/%d/%d.%u", host, (int)getpid(),
	    slot, c->generation);
	if ((c->pid = fork()) == 0) {
		signal_set(SIGTERM, on_stop);
		signal_set(SIGINT, on_stop);
		signal_set(SIGHUP, c->role == CHILD_CLOCK ? on_wake : SIG_IGN);
		log_set_name(c->role == CHILD_CLOCK ? "worker-clock" :
		    "worker-deliver");
		exit(c->role == CHILD_CLOCK ? clock_run(cfg) :
		    deliver_run(cfg, c->tag));
	}
	if (c->pid < 0)
		log_error("worker: fork: %s", strerror(errno));
}

/*
 * A deliverer that died leaves its claims due again at once.  A child
 * of its own does it: the database may be what failed (a full disk, a
 * lock held past the busy timeout), and its fatal error must not take
 * the supervisor and every deliverer with it.  Should the release fail
 * too, the claims' leases run out and they fall due all the same
 * (outbox.c).  The supervisor's waitpid reaps it like any child.
 */
static void
claims_release(const struct config *cfg, const char *tag)
{
	struct db	*db;
	size_t		 n;
	pid_t		 pid = fork();

	if (pid < 0) {
		log_error("worker: fork: %s", strerror(errno));
		return;
	}
	if (pid > 0)
		return;
	log_set_name("worker-release");
	db = db_open(cfg->db_path, 0);
	if ((n = outbox_release(db, tag, clock_now())) > 0)
		log_warn("worker: %zu message%s of %s due again", n,
		    n == 1 ? " is" : "s are", tag);
	db_close(db);
	exit(EXIT_SUCCESS);
}

static void
child_ended(struct child *c, int status, const struct config *cfg)
{
	if (WIFSIGNALED(status))
		log_warn("worker: process %d ended by signal %d",
		    (int)c->pid, WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0 || !stopping)
		log_warn("worker: process %d ended with status %d",
		    (int)c->pid, WEXITSTATUS(status));
	c->pid = 0;
	if (c->role == CHILD_DELIVER)
		claims_release(cfg, c->tag);
}

static void
children_signal(struct child *kids, int n, int sig, enum child_role role)
{
	int	i;

	for (i = 0; i < n; i++)
		if (kids[i].pid > 0 && (sig != SIGHUP || kids[i].role == role))
			kill(kids[i].pid, sig);
}

static int
children_alive(const struct child *kids, int n)
{
	int	i, alive = 0;

	for (i = 0; i < n; i++)
		alive += kids[i].pid > 0;
	return alive;
}

/*
 * Keep the clock and cfg->outbox_workers deliverers running, replacing
 * any that end.  SIGTERM: each finishes the message in hand, then all
 * stop.  SIGHUP: the clock runs the jobs now.
 */
static int
supervise(const struct config *cfg)
{
	struct child	kids[MAX_CHILDREN];
	int		i, n = cfg->outbox_workers + 1, status, told = 0;
	pid_t		pid;

	memset(kids, 0, sizeof(kids));
	for (i = 0; i < n; i++) {
		kids[i].role = i == 0 ? CHILD_CLOCK : CHILD_DELIVER;
		child_start(&kids[i], cfg, i);
	}
	log_info("worker: running the timed jobs and %d deliverer%s",
	    n - 1, n == 2 ? "" : "s");
	/*
	 * waitpid without blocking, then a nap a signal cuts short: a
	 * blocking waitpid could miss a SIGTERM that came just before it.
	 */
	while (!stopping || children_alive(kids, n) > 0) {
		if (stopping && !told) {
			children_signal(kids, n, SIGTERM, CHILD_CLOCK);
			told = 1;
		}
		if (wake) {
			wake = 0;
			children_signal(kids, n, SIGHUP, CHILD_CLOCK);
		}
		if ((pid = waitpid(-1, &status, WNOHANG)) <= 0) {
			if (pid < 0 && errno == ECHILD)
				break;
			nap(250);
			continue;
		}
		for (i = 0; i < n; i++)
			if (kids[i].pid == pid) {
				child_ended(&kids[i], status, cfg);
				if (stopping)
					break;
				nap(1000);	/* no spinning if all die */
				child_start(&kids[i], cfg, i);
			}
	}
	log_info("worker: stopped");
	return EXIT_SUCCESS;
}

int
main(int argc, char *argv[])
{
	const struct config	*cfg = config_load();
	struct db		*db;

	(void)argv;
	log_set_name("worker");
	if (argc != 1) {
		fprintf(stderr, "usage: homeserve-worker (no arguments; see "
		    "homeserve-ctl run-due for one pass)\n");
		return 2;
	}
	fmt_set_timezone(cfg->timezone);
	if (tmpl_init(cfg->templates_dir))
		log_fatal("cannot load templates from %s", cfg->templates_dir);
	if (appkey_load(cfg->app_key_path))
		log_fatal("cannot read the server secret %s", cfg->app_key_path);
	httpclient_init();
	deliver_init();
	/* Fail at start, not in every child, when the database is missing. */
	db = db_open(cfg->db_path, 0);
	db_close(db);
	signal_set(SIGTERM, on_stop);
	signal_set(SIGINT, on_stop);
	signal_set(SIGHUP, on_wake);
	signal(SIGPIPE, SIG_IGN);
	/* Mail, SMS and chat go out through libcurl: nothing runs a program. */
	if (sandbox_no_exec() != 0)
		log_warn("worker: running without the seccomp filter");
	return supervise(cfg);
}
