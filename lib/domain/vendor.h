/* vendor.h: vendors: applying, the application's state machine (verified, suspended, re-verified...), categories and pincodes, the onboarding queue. */
#ifndef HS_VENDOR_H
#define HS_VENDOR_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "vendor_doc.h"

struct actor;
struct arena;
struct db;

#define VENDOR_MAX_PINCODES	50
#define VENDOR_REASON_MAX	1000
#define VENDOR_QUEUE_PAGE	50

enum vendor_status {
	VS_APPLIED,		/* filling in the application */
	VS_SUBMITTED,		/* waiting for an onboarding manager */
	VS_NEEDS_INFO,		/* sent back to the vendor with a reason */
	VS_VERIFIED,		/* takes jobs */
	VS_REJECTED,
	VS_SUSPENDED,		/* finishes jobs in hand, takes no new ones */
	VS_REVERIFY,		/* likewise, until documents are current */
	VS__MAX
};

/* Who moves a vendor: a role, or the system (document expiry). */
#define VS_BY_SYSTEM	0x100

struct vendor_profile {
	int64_t			 user_id;
	const char		*username;
	const char		*email;
	const char		*phone;
	const char		*address;
	const char		*pincode;
	enum vendor_status	 status;
	int			 verified;	/* takes new jobs */
	const char		*business_name;
	int64_t			 experience_years;
	int			 phone_ok;	/* the current number is proved */
	int64_t			 phone_verified_at;
	const char		*status_reason;
	const char		*flag_reason;	/* NULL: not flagged */
	const char		*flagged_by;
	int64_t			 flagged_at;
	int64_t			 submitted_at;
	int64_t			 verified_at;	/* 0: never verified */
	const char		*verified_by;
	int64_t			 status_at;
	int64_t			 member_since;
	const char		**categories;	/* slugs */
	size_t			 ncategories;
	const char		**pincodes;
	size_t			 npincodes;
};

/* What someone applying gives; validated by the form already. */
struct vendor_application {
	const char		*username;
	const char		*email;
	const char		*phone;		/* E.164 */
	const char		*password;
	const char		*business_name;
	int64_t			 experience_years;
	const char *const	*categories;
	size_t			 ncategories;
	const char *const	*pincodes;
	size_t			 npincodes;
	const char		*address;
	const char		*pincode;
};

/* One row of the onboarding queue. */
struct vendor_line {
	int64_t			 user_id;
	const char		*username;
	const char		*business_name;
	const char		*phone;
	const char		*pincode;
	enum vendor_status	 status;
	int64_t			 status_at;
	const char		*flag_reason;
};

struct vendor_event {
	int			 has_from;
	enum vendor_status	 from;
	enum vendor_status	 to;
	const char		*actor_name;	/* NULL: the system */
	const char		*reason;
	int64_t			 at;
};

/* A vendor's record of work, for onboarding managers (no customers). */
struct vendor_record {
	int64_t		 jobs;		/* ever accepted */
	int64_t		 completed;	/* signed or paid */
	int64_t		 cancelled;	/* cancelled after accepting */
	int64_t		 disputed;
	int64_t		 reviews;
	int64_t		 average_tenths;	/* 45 is 4.5 */
};

enum vendor_result {
	VENDOR_OK,
	VENDOR_NOT_FOUND,	/* 404 */
	VENDOR_REFUSED,		/* not from this status: 409 */
	VENDOR_NOT_READY,	/* something is missing first: 409 */
	VENDOR_USERNAME_TAKEN,	/* applying: 422 */
	VENDOR_EMAIL_TAKEN,
	VENDOR_BOTH_TAKEN,	/* the username and the email */
	VENDOR_PHONE_TAKEN,
};

const char	*vendor_status_name(enum vendor_status);
const char	*vendor_status_label(enum vendor_status);
int		 vendor_status_parse(const char *);

/* How much of the vendor area a vendor's standing opens. */
enum vendor_reach {
	VR_APPLICATION,		/* applicants: their application's pages */
	VR_JOBS_IN_HAND,	/* suspended, re-verifying: finish, take none */
	VR_ALL,			/* verified */
};

enum vendor_reach vendor_reach(const char *status);

int		 vendor_get(struct db *, struct arena *, int64_t,
		    struct vendor_profile *);
int		 vendor_serves_category(const struct vendor_profile *,
		    const char *);
int		 vendor_status_of(struct db *, int64_t, enum vendor_status *);
int64_t		 vendor_count(struct db *, enum vendor_status);
enum vendor_result vendor_apply(struct db *, struct arena *,
		    const struct actor *, const struct vendor_application *,
		    int64_t now, int64_t *id);
enum vendor_result vendor_move(struct db *, struct arena *,
		    const struct actor *, unsigned who, int64_t id,
		    enum vendor_status to, const char *reason, const char **why);
enum vendor_doc_result vendor_document_review(struct db *, struct arena *,
		    const struct actor *, int64_t vendor, int64_t doc,
		    int accept, const char *reason, const char *uploads_dir,
		    const char **why);
void		 vendor_jobs_release(struct db *, struct arena *,
		    const struct actor *, unsigned role, int64_t,
		    int64_t now, const char *note);
enum vendor_result vendor_flag(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason);
size_t		 vendor_queue(struct db *, struct arena *, int status,
		    const char *q, int64_t after_at, int64_t after_id,
		    size_t limit, struct vendor_line **);
size_t		 vendor_events(struct db *, struct arena *, int64_t,
		    struct vendor_event **);
void		 vendor_record_get(struct db *, int64_t,
		    struct vendor_record *);
void		 vendor_set_areas(struct db *, const struct actor *, int64_t,
		    const char *const *categories, size_t ncategories,
		    const char *const *pincodes, size_t npincodes);
void		 vendor_seed_verified(struct db *, const struct actor *,
		    int64_t);

#endif
