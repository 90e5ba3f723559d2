/* vendor_doc.h: a vendor's documents (ID proof, address proof, trade certificates): stored by content, reviewed one by one, with expiry dates. */
#ifndef HS_VENDOR_DOC_H
#define HS_VENDOR_DOC_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define VENDOR_DOC_MAX		20	/* a vendor's live documents */
#define VENDOR_DOC_REMIND	(30 * 86400)	/* before an expiry */

enum vendor_doc_type {
	VDOC_ID_PROOF,
	VDOC_ADDRESS_PROOF,
	VDOC_CERTIFICATE,
	VDOC_TYPE__MAX
};

enum vendor_doc_status {
	VDOC_PENDING,
	VDOC_ACCEPTED,
	VDOC_REJECTED,
	VDOC_REPLACED,		/* by a newer one of its type; no file */
	VDOC_STATUS__MAX
};

struct vendor_doc {
	int64_t			 id;
	int64_t			 vendor_id;
	enum vendor_doc_type	 type;
	const char		*file;
	const char		*content_type;
	int64_t			 size;
	const char		*expires_on;	/* "YYYY-MM-DD" or NULL */
	int64_t			 expires_at;	/* 0: none */
	enum vendor_doc_status	 status;
	const char		*review_reason;
	const char		*reviewed_by;
	int64_t			 reviewed_at;
	int64_t			 uploaded_at;
};

enum vendor_doc_result {
	VDOC_OK,
	VDOC_NOT_FOUND,		/* 404 */
	VDOC_EMPTY,		/* 422 */
	VDOC_TOO_LARGE,		/* 422 */
	VDOC_NOT_DOCUMENT,	/* 422 */
	VDOC_TOO_MANY,		/* 409 */
	VDOC_LOCKED,		/* accepted: it stays: 409 */
	VDOC_CLOSED,		/* the application was rejected: 409 */
	VDOC_REFUSED,		/* reviewed already: 409 */
	VDOC_STORE_FAILED,	/* 503 */
};

const char	*vendor_doc_type_name(enum vendor_doc_type);
const char	*vendor_doc_type_label(enum vendor_doc_type);
int		 vendor_doc_type_parse(const char *);
const char	*vendor_doc_status_name(enum vendor_doc_status);
const char	*vendor_doc_status_label(enum vendor_doc_status);

enum vendor_doc_result vendor_doc_add(struct db *, struct arena *,
		    const struct actor *, int64_t vendor, enum vendor_doc_type,
		    const void *, size_t, const char *expires_on,
		    int64_t expires_at, const char *uploads_dir, int64_t now,
		    const char **why);
size_t		 vendor_doc_list(struct db *, struct arena *, int64_t vendor,
		    struct vendor_doc **);
int		 vendor_doc_get(struct db *, struct arena *, int64_t,
		    struct vendor_doc *);
enum vendor_doc_result vendor_doc_review(struct db *, struct arena *,
		    const struct actor *, int64_t vendor, int64_t doc,
		    int accept, const char *reason, const char **gone,
		    const char **why);
int		 vendor_doc_ready(struct db *, int64_t vendor,
		    int accepted_only);
size_t		 vendor_doc_expiring(struct db *, int64_t from, int64_t to,
		    int64_t after, int64_t ids[], size_t max);

#endif
