/* httpclient.c: outgoing HTTP requests over one reused libcurl handle, with timeouts, a size cap and retries. */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "arena.h"
#include "buf.h"
#include "httpclient.h"
#include "log.h"

#define HTTPCLIENT_FIRST_PAUSE_MS	200	/* then 800: times 4 */
#define HTTPCLIENT_PAUSE_FACTOR		4

/*
 * One handle per process, made on first use in the process that uses
 * it: a handle made before a fork would share its connections.  Reusing
 * it keeps connections (and TLS sessions) alive between requests.
 */
static CURL	*client;
static pid_t	 client_pid;

/* The body received so far; past the cap the transfer is stopped. */
struct httpclient_sink {
	struct buf	 body;
	int		 over;
};

void
httpclient_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		log_fatal("httpclient: curl_global_init failed");
}

static CURL *
client_handle(void)
{
	if (client == NULL || client_pid != getpid()) {
		if ((client = curl_easy_init()) == NULL)
			log_fatal("httpclient: curl_easy_init failed");
		client_pid = getpid();
	}
	return client;
}

static size_t
sink_write(char *data, size_t size, size_t n, void *ctx)
{
	struct httpclient_sink	*s = ctx;
	size_t			 len = size * n;

	if (s->body.len + len > HTTPCLIENT_MAX_RESPONSE) {
		s->over = 1;
		return 0;
	}
	buf_append(&s->body, data, len);
	return len;
}

/* "a=1&b=2" with every name and value percent-encoded by libcurl. */
static int
form_encode(CURL *c, const struct httpclient_request *rq, struct buf *out)
{
	char	*name, *value;
	size_t	 i;

	for (i = 0; i < rq->nfields; i++) {
		name = curl_easy_escape(c, rq->fields[i].name, 0);
		value = curl_easy_escape(c, rq->fields[i].value, 0);
		if (name == NULL || value == NULL) {
			curl_free(name);
			curl_free(value);
			return -1;
		}
		buf_printf(out, "%s%s=%s", i > 0 ? "&" : "", name, value);
		curl_free(name);
		curl_free(value);
	}
	return 0;
}

/* The request's headers; NULL if one would carry a line break. */
static struct curl_slist *
headers_make(struct arena *a, const struct httpclient_request *rq)
{
	struct curl_slist	*h = NULL, *next;
	const char		*lines[5];
	size_t			 n = 0, i;

	if (rq->bearer != NULL)
		lines[n++] = arena_printf(a, "Authorization: Bearer %s",
		    rq->bearer);
	if (rq->body != NULL)
		lines[n++] = arena_printf(a, "Content-Type: %s",
		    rq->content_type != NULL ? rq->content_type :
		    "application/octet-stream");
	if (rq->idempotency_key != NULL)
		lines[n++] = arena_printf(a, "Idempotency-Key: %s",
		    rq->idempotency_key);
	if (rq->header != NULL)
		lines[n++] = rq->header;
	for (i = 0; i < n; i++) {
		if (strpbrk(lines[i], "\r\n") != NULL ||
		    (next = curl_slist_append(h, lines[i])) == NULL) {
			curl_slist_free_all(h);
			return NULL;
		}
		h = next;
	}
	return h;
}

/* One try: the transport's verdict, and the status when there is one. */
static CURLcode
attempt(CURL *c, const struct httpclient_request *rq, const char *url,
    const struct buf *form, struct curl_slist *headers,
    struct httpclient_sink *sink, long *status)
{
	CURLcode	rc;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)HTTPCLIENT_CONNECT_TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, rq->timeout_ms > 0 ?
	    rq->timeout_ms : (long)HTTPCLIENT_TOTAL_TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "HomeServe/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (rq->basic_user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, rq->basic_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, rq->basic_password != NULL ?
		    rq->basic_password : "");
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
	if (strcmp(rq->method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)form->len);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS,
		    form->data != NULL ? form->data : "");
	} else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	buf_reset(&sink->body);
	sink->over = 0;
	*status = 0;
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	return rc;
}

static void
pause_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		continue;
}

/* Copy the last answer into the arena and release the handle's state. */
static enum httpclient_result
finish(struct arena *a, struct httpclient_response *out,
    struct httpclient_sink *sink, struct curl_slist *headers,
    struct buf *form, enum httpclient_result result)
{
	out->body = arena_strndup(a, sink->body.data != NULL ?
	    sink->body.data : "", sink->body.len);
	out->len = sink->body.len;
	buf_free(&sink->body);
	buf_free(form);
	curl_slist_free_all(headers);
	/* The slist held the secret: the handle must not keep pointing at it. */
	curl_easy_setopt(client, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(client, CURLOPT_PASSWORD, NULL);
	return result;
}

/*
 * Send rq, up to rq->attempts times while the network fails or
 * the answer is 5xx; each failure is logged without the secret or the
 * body.
 */
enum httpclient_result
httpclient_send(struct arena *a, const struct httpclient_request *rq,
    struct httpclient_response *out)
{
	CURL			*c = client_handle();
	struct httpclient_sink	 sink = { { NULL, 0, 0 }, 0 };
	struct buf		 form = { NULL, 0, 0 };
	struct curl_slist	*headers;
	const char		*url = rq->url;
	const char		*name = rq->log_name != NULL ? rq->log_name :
				    rq->url;
	long			 status, pause = HTTPCLIENT_FIRST_PAUSE_MS;
	int			 attempts = rq->attempts > 0 &&
				    rq->attempts < HTTPCLIENT_ATTEMPTS ?
				    rq->attempts : HTTPCLIENT_ATTEMPTS;
	CURLcode		 rc;

	memset(out, 0, sizeof(*out));
	if (rq->body != NULL)
		buf_puts(&form, rq->body);
	if (rq->nfields > HTTPCLIENT_MAX_FIELDS ||
	    (rq->body == NULL && form_encode(c, rq, &form)) ||
	    (headers = headers_make(a, rq)) == NULL) {
		buf_free(&form);
		out->body = arena_strdup(a, "");
		out->error = "the request could not be encoded";
		return HTTPCLIENT_REFUSED;
	}
	if (strcmp(rq->method, "POST") != 0 && form.len > 0)
		url = arena_printf(a, "%s?%s", rq->url, form.data);
	for (;;) {
		out->attempts++;
		rc = attempt(c, rq, url, &form, headers, &sink, &status);
		out->status = (int)status;
		if (sink.over) {
			out->error = "the answer is too large";
			log_error("httpclient: %s %s: %s", rq->method, name,
			    out->error);
			return finish(a, out, &sink, headers, &form,
			    HTTPCLIENT_REFUSED);
		}
		if (rc == CURLE_OK && status < 500)
			return finish(a, out, &sink, headers, &form,
			    HTTPCLIENT_ANSWERED);
		out->error = rc != CURLE_OK ? arena_strdup(a,
		    curl_easy_strerror(rc)) : arena_printf(a,
		    "the server answered %ld", status);
		log_warn("httpclient: %s %s: attempt %d of %d: %s", rq->method,
		    name, out->attempts, attempts, out->error);
		if (out->attempts >= attempts)
			return finish(a, out, &sink, headers, &form,
			    HTTPCLIENT_FAILED);
		pause_ms(pause);
		pause *= HTTPCLIENT_PAUSE_FACTOR;
	}
}
