/* multipart.h: a strict multipart/form-data parser (RFC 7578) over a body already in memory. */
#ifndef HS_MULTIPART_H
#define HS_MULTIPART_H

#include <stddef.h>

struct arena;
struct http_params;
struct http_upload;

/* Hard limits on what one multipart body may carry. */
#define MULTIPART_MAX_BOUNDARY	70	/* RFC 2046 */
#define MULTIPART_MAX_PARTS	16
#define MULTIPART_MAX_HEADERS	8192	/* one part's header block */
#define MULTIPART_MAX_NAME	64	/* a field's name, in bytes */

enum multipart_result {
	MULTIPART_OK,
	MULTIPART_MALFORMED,	/* truncated, no final boundary, junk: 400 */
	MULTIPART_TOO_MANY,	/* more than MULTIPART_MAX_PARTS parts: 413 */
};

int		 multipart_is(const char *content_type);
int		 multipart_boundary(struct arena *, const char *content_type,
		    const char **boundary);
enum multipart_result multipart_parse(struct arena *, const char *boundary,
		    const unsigned char *body, size_t len,
		    struct http_params *form, struct http_upload **uploads,
		    size_t *nuploads);

#endif
