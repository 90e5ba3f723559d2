/* http.h: the request, read once at the edge with hard limits, and the buffered response. */
#ifndef HS_HTTP_H
#define HS_HTTP_H

#include <stddef.h>

#include "buf.h"

struct arena;

/* Hard limits on what a request may carry. */
#define HTTP_MAX_PATH		2048
#define HTTP_MAX_QUERY		4096
#define HTTP_MAX_FORM_BODY	(64 * 1024)
#define HTTP_MAX_JSON_BODY	(64 * 1024)	/* application/json, kept raw */
#define HTTP_MAX_UPLOAD_BODY	(12 * 1024 * 1024)	/* multipart/form-data:
						   a 10 MB document and more */
#define HTTP_MAX_PARAMS		128
#define HTTP_MAX_COOKIE_HEADER	8192
#define HTTP_MAX_COOKIES	32
#define HTTP_MAX_HEADERS	16

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
};

struct http_param {
	const char	*name;
	const char	*value;		/* NUL-terminated; never holds a NUL */
	size_t		 len;
};

struct http_params {
	struct http_param	*v;
	size_t			 n;
};

/* A file part of a multipart/form-data body; data points into the body. */
struct http_upload {
	const char		*name;
	const char		*filename;	/* as sent, never a storage name */
	const char		*content_type;	/* as sent, "" when absent */
	const unsigned char	*data;
	size_t			 size;
};

struct http_request {
	enum http_method	 method;
	const char		*method_name;
	const char		*path;		/* percent-decoded */
	const char		*raw_path;	/* as sent, for redirects back */
	const char		*raw_query;	/* as sent, may be "" */
	struct http_params	 query;
	struct http_params	 form;		/* urlencoded or multipart text */
	struct http_upload	*uploads;	/* multipart file parts */
	size_t			 nuploads;
	struct http_params	 cookies;
	const char		*raw_body;	/* an application/json POST's */
	size_t			 raw_len;	/* bytes, unparsed (webhooks) */
	char *const		*env;		/* CGI variables: other headers */
	const char		*remote_addr;
	const char		*user_agent;
	const char		*host;
	int			 https;
};

/* Where a request comes from and goes to: FastCGI streams or CGI stdio. */
struct http_io {
	char *const	*envp;
	long		(*read)(void *, char *, size_t);
	int		(*write)(void *, const char *, size_t);
	void		*ctx;
};

struct http_header {
	const char	*name;
	const char	*value;
};

struct http_response {
	int			 status;
	const char		*content_type;	/* NULL: no body type */
	const char		*cache_control;	/* "no-store" unless changed */
	struct http_header	 headers[HTTP_MAX_HEADERS];
	size_t			 nheaders;
	struct buf		 body;
	/*
	 * Or a body made while it is sent (a download too large to
	 * buffer): after the headers, which then have no Content-Length,
	 * stream(stream_ctx, io) writes it through io->write.
	 */
	void			(*stream)(void *, const struct http_io *);
	void			*stream_ctx;
};

/* Reading: each returns 0, or the HTTP status to answer (400, 413, 415). */
int		 http_request_read(struct http_request *, struct arena *,
		    const struct http_io *, const char **why);
int		 http_parse_urlencoded(struct arena *, const char *, size_t,
		    struct http_params *);
int		 http_parse_cookies(struct arena *, const char *,
		    struct http_params *);
int		 http_urldecode(struct arena *, const char *, size_t, int,
		    char **, size_t *);
char		*http_urlencode(struct arena *, const char *);

const char	*http_param_get(const struct http_params *, const char *);
const struct http_upload *http_upload_get(const struct http_request *,
		    const char *);
const char	*http_env(char *const *, const char *);

/* Writing. */
void		 http_response_reset(struct http_response *);
void		 http_response_free(struct http_response *);
void		 http_header_add(struct http_response *, const char *,
		    const char *);
void		 http_response_write(const struct http_response *,
		    const struct http_io *, int head_only);
const char	*http_status_text(int);

#endif
