/* worker.c: process life: plain CGI (one request) or FastCGI (a supervisor and its workers). */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "appkey.h"
#include "arena.h"
#include "db.h"
#include "fmt.h"
#include "httpclient.h"
#include "log.h"
#include "sandbox.h"
#include "sign.h"
#include "web.h"

#define MAX_WORKERS	64
#define WEB_MMAP_THRESHOLD	(256 * 1024)	/* glibc starts at 128 KB */

extern char	**environ;

static volatile sig_atomic_t	 stopping;
static struct web		*current;	/* the request in flight */
static const struct http_io	*current_io;
static FCGX_Request		*current_fcgi;

static const char fatal_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Something went wrong · HomeServe</title></head><body><main>"
    "<h1>Something went wrong</h1><p>We could not finish this request and "
    "nothing was saved. Please try again in a moment.</p></main></body>"
    "</html>\n";
static const char full_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Service Unavailable · HomeServe</title></head><body><main>"
    "<h1>Service Unavailable</h1><p>" WEB_FULL_MESSAGE
    "</p></main></body></html>\n";

/*
 * log_fatal's hook: answer 500 (503 for a full disk) if the request
 * has no answer on the wire yet.  The open transaction dies with the
 * process: SQLite discards it.  A streamed download whose headers are
 * out gets nothing more: the worker exits without ending the FastCGI
 * request, so nginx aborts the client's connection (no last chunk) and
 * the file can never pass for complete.
 */
static void
fatal_answer(void)
{
	struct http_response	res = { 0 };

	if (current == NULL || current_io == NULL || current->streaming)
		return;
	http_response_reset(&res);
	/* A full disk that web_serve could not answer: still 503. */
	if (log_disk_full_fatal()) {
		res.status = 503;
		http_header_add(&res, "Retry-After", WEB_FULL_RETRY);
		buf_puts(&res.body, full_page);
	} else {
		res.status = 500;
		buf_puts(&res.body, fatal_page);
	}
	http_response_write(&res, current_io, 0);
	http_response_free(&res);
	if (current_fcgi != NULL)
		FCGX_Finish_r(current_fcgi);
	else
		fflush(stdout);
}

static long
fcgi_read(void *ctx, char *buf, size_t n)
{
	return FCGX_GetStr(buf, (int)n, ((FCGX_Request *)ctx)->in);
}

static int
fcgi_write(void *ctx, const char *buf, size_t n)
{
	return FCGX_PutStr(buf, (int)n, ((FCGX_Request *)ctx)->out);
}

static long
stdio_read(void *ctx, char *buf, size_t n)
{
	(void)ctx;
	return (long)fread(buf, 1, n, stdin);
}

static int
stdio_write(void *ctx, const char *buf, size_t n)
{
	(void)ctx;
	return fwrite(buf, 1, n, stdout) == n ? (int)n : -1;
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* No SA_RESTART: a blocked accept or waitpid returns so we can stop. */
static void
signals_set(void (*handler)(int))
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
web_init(struct web *w, const struct config *cfg)
{
	memset(w, 0, sizeof(*w));
	w->config = cfg;
	w->arena = arena_new();
	w->db = db_open(cfg->db_path, 0);
}

static void
web_fini(struct web *w)
{
	http_response_free(&w->res);
	arena_free(w->arena);
	db_close(w->db);
}

static void
serve_one(const struct web_area *area, struct web *w, const struct http_io *io)
{
	current = w;
	current_io = io;
	web_serve(area, w, io);
	current = NULL;
	current_io = NULL;
	arena_reset(w->arena);
	buf_free(&w->res.body);
}

/*
 * An epoll set on the listening socket (fd 0).  EPOLLEXCLUSIVE wakes one
 * idle worker per connection, not all of them as poll would.
 */
static int
worker_epoll(void)
{
	struct epoll_event	ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	int			epfd;

	if ((epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, 0, &ev) == -1)
		log_fatal("worker: epoll: %s", strerror(errno));
	return epfd;
}

/*
 * Waits for a connection, the only time a worker takes SIGTERM: 1 when
 * one may be there, 0 to stop.
 */
static int
worker_wait(int epfd, const sigset_t *waiting)
{
	struct epoll_event	ev;
	int			n;

	for (;;) {
		n = epoll_pwait(epfd, &ev, 1, -1, waiting);
		if (stopping)
			return 0;
		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR) {
			log_error("worker: epoll_pwait: %s", strerror(errno));
			return 0;
		}
	}
}

/*
 * One FastCGI worker: accept on fd 0 until told to stop.  SIGTERM is
 * held while a request is in hand and taken only in worker_wait: libfcgi
 * gives up a read or write that a signal interrupts, which nginx would
 * answer 502, so a stop (a restart, an upgrade) finishes the request
 * first and leaves the queued connections in the socket for the next
 * workers (systemd's socket unit keeps it open).  The listening socket
 * is non-blocking, so a worker that another beat to a connection goes
 * back to waiting (-EAGAIN) rather than block in accept with the
 * signal held.
 */
static int
worker_run(const struct web_area *area, const struct config *cfg)
{
	FCGX_Request	 fr;
	struct web	 w;
	struct http_io	 io;
	sigset_t	 stop, waiting;
	int		 rc, flags, epfd;

	signals_set(on_stop);
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_BLOCK, &stop, &waiting);
	if ((flags = fcntl(0, F_GETFL)) == -1 ||
	    fcntl(0, F_SETFL, flags | O_NONBLOCK) == -1)
		log_fatal("worker: cannot make the socket non-blocking: %s",
		    strerror(errno));
	epfd = worker_epoll();
	web_init(&w, cfg);
	w.behind_nginx = 1;
	if (FCGX_InitRequest(&fr, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		log_fatal("worker: cannot start FastCGI");
	current_fcgi = &fr;
	while (worker_wait(epfd, &waiting)) {
		rc = FCGX_Accept_r(&fr);
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
			continue;
		if (rc < 0)
			break;
		io = (struct http_io){ fr.envp, fcgi_read, fcgi_write, &fr };
		serve_one(area, &w, &io);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	current_fcgi = NULL;
	close(epfd);
	web_fini(&w);
	return EXIT_SUCCESS;
}

static pid_t
worker_start(const struct web_area *area, const struct config *cfg)
{
	pid_t	pid = fork();

	if (pid == 0)
		exit(worker_run(area, cfg));
	if (pid < 0)
		log_error("supervisor: fork: %s", strerror(errno));
	return pid;
}

static void
workers_stop(pid_t *pids, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
}

/*
 * Keep cfg->workers processes accepting on the inherited socket,
 * replacing any that exit (a fatal error ends a worker by design).
 * Templates are parsed before the fork, so workers share them.
 */
static int
supervise(const struct web_area *area, const struct config *cfg)
{
	pid_t	pids[MAX_WORKERS] = { 0 }, pid;
	int	i, n = cfg->workers, status;

	signals_set(on_stop);
	for (i = 0; i < n; i++)
		pids[i] = worker_start(area, cfg);
	log_info("supervisor: %d workers for %s", n, area->name);
	while (!stopping) {
		if ((pid = waitpid(-1, &status, 0)) < 0) {
			if (errno != EINTR)
				sleep(1);
			continue;
		}
		for (i = 0; i < n; i++)
			if (pids[i] == pid) {
				log_warn("supervisor: worker %d exited (status "
				    "%d); starting another", (int)pid, status);
				/* Do not spin if workers die at once. */
				sleep(1);
				pids[i] = stopping ? 0 : worker_start(area, cfg);
			}
	}
	workers_stop(pids, n);
	log_info("supervisor: stopped");
	return EXIT_SUCCESS;
}

/* Plain CGI: the request is in the environment and on standard input. */
static int
serve_cgi(const struct web_area *area, const struct config *cfg)
{
	struct web	w;
	struct http_io	io = { environ, stdio_read, stdio_write, NULL };

	/*
	 * The request is already on the wire: a fatal error while opening
	 * the database (a data directory it may not write) answers 500.
	 */
	memset(&w, 0, sizeof(w));
	current = &w;
	current_io = &io;
	web_init(&w, cfg);
	serve_one(area, &w, &io);
	fflush(stdout);
	web_fini(&w);
	return EXIT_SUCCESS;
}

/* The main of every area executable. */
int
web_main(const struct web_area *area)
{
	const struct config	*cfg = config_load();

	log_set_name(area->name);
	log_set_fatal_hook(fatal_answer);
	fmt_set_timezone(cfg->timezone);
	if (appkey_load(cfg->app_key_path))
		log_fatal("cannot read the server secret %s", cfg->app_key_path);
	if (FCGX_IsCGI()) {
		/* One request: read what it uses, when it uses it. */
		tmpl_init_lazy(cfg->templates_dir);
		sign_defer(cfg->signing_key_path);
		/* No httpclient_init: libcurl loads at a request's first call. */
		return serve_cgi(area, cfg);
	}
	if (tmpl_init(cfg->templates_dir))
		log_fatal("cannot load templates from %s", cfg->templates_dir);
	if (sign_init(cfg->signing_key_path))
		log_fatal("cannot load the Ed25519 signing key %s",
		    cfg->signing_key_path);
	httpclient_init();	/* before the fork; handles are per process */
	/*
	 * A sign-in's scrypt takes 8 MB.  glibc gives a block that large
	 * back at free, but then raises its threshold to the block's size,
	 * so that every later one came from the heap and stayed: a worker
	 * that had served one sign-in kept 10 MB more for its life.  A
	 * threshold set here stays where it is.
	 */
	mallopt(M_MMAP_THRESHOLD, WEB_MMAP_THRESHOLD);
	/* Everything is loaded: from here on nothing may start a program. */
	if (sandbox_no_exec() != 0)
		log_warn("supervisor: running without the seccomp filter");
	return supervise(area, cfg);
}
