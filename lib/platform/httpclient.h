/* httpclient.h: a small outgoing HTTP client (libcurl) for form-encoded and JSON APIs, with timeouts and retries. */
#ifndef HS_HTTPCLIENT_H
#define HS_HTTPCLIENT_H

#include <stddef.h>

struct arena;

#define HTTPCLIENT_ATTEMPTS		3	/* first try and two retries */
#define HTTPCLIENT_CONNECT_TIMEOUT_MS	5000
#define HTTPCLIENT_TOTAL_TIMEOUT_MS	15000
#define HTTPCLIENT_MAX_RESPONSE		(1024 * 1024)
#define HTTPCLIENT_MAX_FIELDS		32

/* One name=value pair of a form-encoded body (or a GET's query). */
struct httpclient_field {
	const char	*name;
	const char	*value;
};

struct httpclient_request {
	const char			*method;	/* "GET" or "POST" */
	const char			*url;		/* logged, unless log_name */
	const char			*log_name;	/* logs say this instead
							   of a URL that holds a
							   secret (a webhook's) */
	const char			*bearer;	/* secret: never logged */
	const char			*basic_user;	/* basic auth, with: */
	const char			*basic_password; /* secret: never logged */
	const char			*idempotency_key; /* NULL: none */
	const char			*header;	/* "Name: value" or NULL */
	const struct httpclient_field	*fields;
	size_t				 nfields;
	const char			*body;		/* instead of fields: */
	const char			*content_type;	/* a raw body's type */
	int				 attempts;	/* 0: HTTPCLIENT_ATTEMPTS */
	long				 timeout_ms;	/* 0: the total default */
};

enum httpclient_result {
	HTTPCLIENT_ANSWERED,	/* an answer below 500: see status and body */
	HTTPCLIENT_FAILED,	/* network errors or 5xx, every attempt */
	HTTPCLIENT_REFUSED,	/* a request we would not send, or an answer
				   over HTTPCLIENT_MAX_RESPONSE */
};

struct httpclient_response {
	int		 status;	/* the last answer's, 0 if none */
	char		*body;		/* NUL-terminated, in the arena */
	size_t		 len;
	int		 attempts;
	const char	*error;		/* what went wrong, for logs and ops */
};

/* Once per process before any fork: curl_global_init. */
void	httpclient_init(void);

/*
 * Send the request, retrying network errors and 5xx answers with
 * back-off (200 ms, then 800 ms) and the same idempotency key; a 4xx
 * is final.  The body lives in the arena.
 */
enum httpclient_result httpclient_send(struct arena *,
	    const struct httpclient_request *, struct httpclient_response *);

#endif
