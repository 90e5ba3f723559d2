/* vendor.c: vendors: applying, one state machine for the application and the vendor's standing, areas, the onboarding queue. */
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "fsm.h"
#include "log.h"
#include "notify.h"
#include "phone.h"
#include "vendor.h"
#include "vendor_doc.h"

static const struct fsm_state statuses[VS__MAX] = {
	[VS_APPLIED] = { "applied", "Applying" },
	[VS_SUBMITTED] = { "submitted", "Submitted for review" },
	[VS_NEEDS_INFO] = { "needs_info", "More information needed" },
	[VS_VERIFIED] = { "verified", "Verified" },
	[VS_REJECTED] = { "rejected", "Rejected" },
	[VS_SUSPENDED] = { "suspended", "Suspended" },
	[VS_REVERIFY] = { "reverify", "Re-verification needed" },
};

/*
 * Every move a vendor can make, and who may make it.  Onboarding
 * managers decide; the vendor submits; the system asks for
 * re-verification when a document expires, and lifts it when a new
 * one is accepted.
 */
static const struct fsm_move moves[] = {
	/* from		to		who may */
	{ VS_APPLIED,	VS_SUBMITTED,	ROLE_VENDOR },
	{ VS_NEEDS_INFO, VS_SUBMITTED,	ROLE_VENDOR },
	{ VS_SUBMITTED,	VS_VERIFIED,	ROLE_ONBOARD },
	{ VS_SUBMITTED,	VS_REJECTED,	ROLE_ONBOARD },
	{ VS_SUBMITTED,	VS_NEEDS_INFO,	ROLE_ONBOARD },
	{ VS_VERIFIED,	VS_SUSPENDED,	ROLE_ONBOARD },
	{ VS_REVERIFY,	VS_SUSPENDED,	ROLE_ONBOARD },
	{ VS_SUSPENDED,	VS_VERIFIED,	ROLE_ONBOARD },
	{ VS_VERIFIED,	VS_REVERIFY,	ROLE_ONBOARD | VS_BY_SYSTEM },
	{ VS_REVERIFY,	VS_VERIFIED,	ROLE_ONBOARD | VS_BY_SYSTEM },
};

/* What the vendor is told, by the move; a reason follows where given. */
static const struct {
	enum vendor_status	 from;	/* VS__MAX: from anywhere */
	enum vendor_status	 to;
	const char		*text;
} told[] = {
	{ VS__MAX, VS_SUBMITTED, "Your application is submitted. We will "
	    "tell you when an onboarding manager has looked at it." },
	{ VS__MAX, VS_NEEDS_INFO, "Your application needs more "
	    "information" },
	{ VS_SUSPENDED, VS_VERIFIED, "Your account is reinstated: you can "
	    "accept jobs again." },
	{ VS_REVERIFY, VS_VERIFIED, "You are verified again: you can accept "
	    "jobs." },
	{ VS__MAX, VS_VERIFIED, "You are verified: you can now accept jobs "
	    "on HomeServe." },
	{ VS__MAX, VS_REJECTED, "Your application was not accepted" },
	{ VS__MAX, VS_SUSPENDED, "Your account is suspended: you cannot "
	    "accept new jobs, and your accepted upcoming jobs went back to the "
	    "job board" },
	{ VS__MAX, VS_REVERIFY, "Please re-verify your account: until an "
	    "onboarding manager accepts your new documents you can finish "
	    "the jobs you hold but not accept new ones" },
};

const char *
vendor_status_name(enum vendor_status s)
{
	return fsm_name(statuses, VS__MAX, (int)s);
}

const char *
vendor_status_label(enum vendor_status s)
{
	return fsm_label(statuses, VS__MAX, (int)s);
}

int
vendor_status_parse(const char *s)
{
	return fsm_find(statuses, VS__MAX, s);
}

/* Statuses in which a vendor may still finish the jobs they hold. */
static int
vendor_holds_jobs(enum vendor_status s)
{
	return s == VS_VERIFIED || s == VS_SUSPENDED || s == VS_REVERIFY;
}

/* From the stored status (the session loads it); NULL or unknown: the least. */
enum vendor_reach
vendor_reach(const char *status)
{
	int	s = status == NULL ? -1 : vendor_status_parse(status);

	if (s == VS_VERIFIED)
		return VR_ALL;
	if (s >= 0 && vendor_holds_jobs((enum vendor_status)s))
		return VR_JOBS_IN_HAND;
	return VR_APPLICATION;
}

static size_t
strings(sqlite3_stmt *st, struct arena *a, const char ***out, size_t max)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * max);
	while (n < max && db_step(st) == DB_ROW)
		(*out)[n++] = db_text(st, 0, a);
	db_done(st);
	return n;
}

static void
profile_read(sqlite3_stmt *st, struct arena *a, struct vendor_profile *p)
{
	p->user_id = db_int(st, 0);
	p->username = db_text(st, 1, a);
	p->email = db_text(st, 2, a);
	p->phone = db_text(st, 3, a);
	p->address = db_text(st, 4, a);
	p->pincode = db_text(st, 5, a);
	p->member_since = db_int(st, 6);
	p->status = (enum vendor_status)fsm_find(statuses, VS__MAX,
	    db_text_tmp(st, 7));
	p->verified = p->status == VS_VERIFIED;
	p->business_name = db_text(st, 8, a);
	p->experience_years = db_int(st, 9);
	p->phone_ok = db_int(st, 10) != 0;
	p->phone_verified_at = p->phone_ok ? db_int(st, 11) : 0;
	p->status_reason = db_text(st, 12, a);
	p->flag_reason = db_text(st, 13, a);
	p->flagged_by = db_text(st, 14, a);
	p->flagged_at = db_int(st, 15);
	p->submitted_at = db_int(st, 16);
	p->verified_at = db_int(st, 17);
	p->verified_by = db_text(st, 18, a);
	p->status_at = db_int(st, 19);
}

/*
 * Returns 1 and fills *p when the user is a vendor; one with no
 * profile row yet (made outside the application) reads as applying.
 */
int
vendor_get(struct db *db, struct arena *a, int64_t id, struct vendor_profile *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT u.id, u.username, u.email, u.phone, u.address, u.pincode, "
	    "u.created_at, coalesce(p.status, 'applied'), "
	    "coalesce(p.business_name, ''), coalesce(p.experience_years, 0), "
	    "coalesce(p.phone_verified = u.phone, 0), "
	    "coalesce(p.phone_verified_at, 0), coalesce(p.status_reason, ''), "
	    "p.flag_reason, f.username, coalesce(p.flagged_at, 0), "
	    "coalesce(p.submitted_at, 0), coalesce(p.verified_at, 0), "
	    "v.username, coalesce(p.status_at, u.created_at) "
	    "FROM users u LEFT JOIN vendor_profiles p ON p.user_id = u.id "
	    "LEFT JOIN users f ON f.id = p.flagged_by "
	    "LEFT JOIN users v ON v.id = p.verified_by "
	    "WHERE u.id = :id AND u.role = 'vendor'");
	int		 found = 0;

	memset(p, 0, sizeof(*p));
	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		profile_read(st, a, p);
		found = 1;
	}
	db_done(st);
	if (!found)
		return 0;
	st = db_prepare(db, "SELECT category FROM vendor_categories "
	    "WHERE vendor_id = :id ORDER BY category");
	db_bind_int(st, ":id", id);
	p->ncategories = strings(st, a, &p->categories, 100);
	st = db_prepare(db, "SELECT pincode FROM vendor_pincodes "
	    "WHERE vendor_id = :id ORDER BY pincode");
	db_bind_int(st, ":id", id);
	p->npincodes = strings(st, a, &p->pincodes, VENDOR_MAX_PINCODES);
	return 1;
}

/* How many vendors are in a status (the overview's counts). */
int64_t
vendor_count(struct db *db, enum vendor_status s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM vendor_profiles WHERE status = :s");
	int64_t		 n;

	db_bind_text(st, ":s", statuses[s].name);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* A vendor's status alone (the vendor area's gate reads it each request). */
int
vendor_status_of(struct db *db, int64_t id, enum vendor_status *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT status FROM vendor_profiles WHERE user_id = :id");
	int		 found = 0, s;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW &&
	    (s = fsm_find(statuses, VS__MAX, db_text_tmp(st, 0))) >= 0) {
		*out = (enum vendor_status)s;
		found = 1;
	}
	db_done(st);
	return found;
}

int
vendor_serves_category(const struct vendor_profile *p, const char *slug)
{
	size_t	i;

	for (i = 0; i < p->ncategories; i++)
		if (strcmp(p->categories[i], slug) == 0)
			return 1;
	return 0;
}

static json_t *
areas_json(const char *const *cats, size_t ncats, const char *const *pins,
    size_t npins)
{
	json_t	*c = json_array(), *p = json_array();
	size_t	 i;

	for (i = 0; i < ncats; i++)
		json_array_append_new(c, json_string(cats[i]));
	for (i = 0; i < npins; i++)
		json_array_append_new(p, json_string(pins[i]));
	return json_pack("{s:o, s:o}", "categories", c, "pincodes", p);
}

static void
profile_ensure(struct db *db, int64_t id, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO vendor_profiles (user_id, status_at, updated_at) "
	    "VALUES (:id, :now, :now) ON CONFLICT DO NOTHING");

	db_bind_int(st, ":id", id);
	db_bind_int(st, ":now", now);
	db_step(st);
	db_done(st);
}

/*
 * Replace the vendor's categories and pincodes (already validated:
 * categories exist, pincodes are well-formed) in one transaction.
 */
void
vendor_set_areas(struct db *db, const struct actor *who, int64_t id,
    const char *const *cats, size_t ncats, const char *const *pins,
    size_t npins)
{
	sqlite3_stmt	*st;
	size_t		 i;

	db_begin(db);
	profile_ensure(db, id, clock_now());
	st = db_prepare(db, "DELETE FROM vendor_categories WHERE vendor_id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	st = db_prepare(db, "DELETE FROM vendor_pincodes WHERE vendor_id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	for (i = 0; i < ncats; i++) {
		st = db_prepare(db, "INSERT INTO vendor_categories (vendor_id, "
		    "category) VALUES (:id, :c) ON CONFLICT DO NOTHING");
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":c", cats[i]);
		if (db_step(st) == DB_CONSTRAINT)
			log_fatal("vendor: unknown category %s", cats[i]);
		db_done(st);
	}
	for (i = 0; i < npins; i++) {
		st = db_prepare(db, "INSERT INTO vendor_pincodes (vendor_id, "
		    "pincode) VALUES (:id, :p) ON CONFLICT DO NOTHING");
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":p", pins[i]);
		if (db_step(st) == DB_CONSTRAINT)
			log_fatal("vendor: bad pincode %s", pins[i]);
		db_done(st);
	}
	audit_write(db, who, "vendor.areas", "user", id, NULL,
	    areas_json(cats, ncats, pins, npins));
	db_commit(db);
}

static void
event_add(struct db *db, int64_t id, const enum vendor_status *from,
    enum vendor_status to, int64_t actor, const char *reason, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO vendor_events (vendor_id, from_status, to_status, "
	    "actor_id, reason, at) VALUES (:v, :f, :t, :a, :r, :now)");

	db_bind_int(st, ":v", id);
	db_bind_text(st, ":f", from != NULL ? statuses[*from].name : NULL);
	db_bind_text(st, ":t", statuses[to].name);
	if (actor > 0)
		db_bind_int(st, ":a", actor);
	db_bind_text(st, ":r", reason != NULL ? reason : "");
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("vendor: event refused");
	db_done(st);
}

static void
profile_insert(struct db *db, int64_t id, const struct vendor_application *in,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO vendor_profiles (user_id, status, business_name, "
	    "experience_years, status_at, updated_at) VALUES (:id, 'applied', "
	    ":b, :y, :now, :now)");

	db_bind_int(st, ":id", id);
	db_bind_text(st, ":b", in->business_name);
	db_bind_int(st, ":y", in->experience_years);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("vendor: profile refused");
	db_done(st);
}

static enum vendor_result
taken(enum account_result rc)
{
	return rc == ACCOUNT_USERNAME_TAKEN ? VENDOR_USERNAME_TAKEN :
	    rc == ACCOUNT_BOTH_TAKEN ? VENDOR_BOTH_TAKEN : VENDOR_EMAIL_TAKEN;
}

/*
 * Someone applies to work: a vendor account in 'applied', its profile,
 * categories and pincodes, and a code sent to the phone, in one
 * transaction (the password hashed before it).  422-style results for a
 * username, email or mobile number already in use.
 */
enum vendor_result
vendor_apply(struct db *db, struct arena *a, const struct actor *who,
    const struct vendor_application *in, int64_t now, int64_t *id)
{
	struct account_new	 acct = { in->username, in->email, in->phone,
				    in->password, in->address, in->pincode,
				    ROLE_VENDOR };
	char			 hash[CRYPTO_HASH_MAX];
	enum account_result	 rc;
	int64_t			 wait;

	if (crypto_password_hash(in->password, hash))
		log_fatal("vendor: cannot hash a password");
	db_begin(db);
	if (account_phone_taken(db, in->phone)) {
		db_rollback(db);
		return VENDOR_PHONE_TAKEN;
	}
	if ((rc = account_create_hashed(db, who, &acct, hash, id)) !=
	    ACCOUNT_OK) {
		db_rollback(db);
		return taken(rc);
	}
	profile_insert(db, *id, in, now);
	vendor_set_areas(db, who, *id, in->categories, in->ncategories,
	    in->pincodes, in->npincodes);
	event_add(db, *id, NULL, VS_APPLIED, *id, "", now);
	audit_write(db, &(struct actor){ *id, who->ip, who->user_agent },
	    "vendor.apply", "user", *id, NULL, json_pack("{s:s, s:I}",
	    "business_name", in->business_name, "experience_years",
	    (json_int_t)in->experience_years));
	phone_code_send(db, a, &(struct actor){ *id, who->ip, who->user_agent },
	    *id, in->phone, now, &wait);
	db_commit(db);
	explicit_bzero(hash, sizeof(hash));
	return VENDOR_OK;
}

/* What must be true before a move, as a sentence for the 409; NULL if ready. */
static const char *
not_ready(struct db *db, const struct vendor_profile *p, enum vendor_status to,
    unsigned who)
{
	if (to == VS_SUBMITTED && !p->phone_ok)
		return "Verify your mobile number first.";
	if (to == VS_SUBMITTED && !vendor_doc_ready(db, p->user_id, 0))
		return "Upload an ID proof and an address proof first.";
	if (to == VS_VERIFIED && (who & ROLE_ONBOARD) && !p->phone_ok)
		return "The vendor's mobile number is not verified.";
	if (to == VS_VERIFIED && !vendor_doc_ready(db, p->user_id, 1))
		return "Accept a current ID proof and address proof first.";
	return NULL;
}

/* What a move changes on the profile row, guarded by the status read. */
static int
profile_move(struct db *db, const struct actor *who,
    const struct vendor_profile *p, enum vendor_status to, const char *reason,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE vendor_profiles SET status = :to, status_reason = :r, "
	    "status_at = :now, updated_at = :now, "
	    "submitted_at = CASE WHEN :to = 'submitted' THEN :now "
	    "ELSE submitted_at END, "
	    "verified_by = CASE WHEN :to = 'verified' AND verified_at IS NULL "
	    "THEN :actor ELSE verified_by END, "
	    "verified_at = CASE WHEN :to = 'verified' AND verified_at IS NULL "
	    "THEN :now ELSE verified_at END, "
	    "flag_reason = CASE WHEN :to IN ('verified', 'rejected', "
	    "'needs_info') THEN NULL ELSE flag_reason END "
	    "WHERE user_id = :id AND status = :from");

	db_bind_text(st, ":to", statuses[to].name);
	db_bind_text(st, ":r", reason != NULL ? reason : "");
	db_bind_int(st, ":now", now);
	if (who->user_id > 0)
		db_bind_int(st, ":actor", who->user_id);
	else
		db_bind_null(st, ":actor");
	db_bind_int(st, ":id", p->user_id);
	db_bind_text(st, ":from", statuses[p->status].name);
	db_step(st);
	db_done(st);
	return db_changes(db) == 1;
}

/*
 * The accepted upcoming jobs of a vendor who may not work (suspended,
 * blocked) go back to the board, the customers told, with the note on
 * each booking's timeline; role is the booking table's who (onboarding,
 * the super admin, the system).  Inside the caller's transaction.
 */
void
vendor_jobs_release(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, int64_t vendor, int64_t now, const char *note)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM bookings WHERE vendor_id = :v AND "
	    "status = 'accepted' AND scheduled_at > :now ORDER BY id LIMIT 500");
	struct booking	 b;
	int64_t		 ids[500];
	size_t		 n = 0, i;

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":now", now);
	while (n < 500 && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_done(st);
	for (i = 0; i < n; i++)
		if (booking_get(db, a, ids[i], &b))
			booking_release(db, a, who, role, &b, note);
}

static const char *
told_text(struct arena *a, enum vendor_status from, enum vendor_status to,
    const char *reason)
{
	size_t	i;

	for (i = 0; i < sizeof(told) / sizeof(told[0]); i++)
		if (told[i].to == to && (told[i].from == VS__MAX ||
		    told[i].from == from))
			break;
	if (i == sizeof(told) / sizeof(told[0]))
		return NULL;
	if (reason == NULL || reason[0] == '\0')
		return told[i].text;
	return arena_printf(a, "%s: %s", told[i].text, reason);
}

/* The vendor hears of the move by email, SMS and in the app; managers of a submission. */
static void
move_tell(struct db *db, struct arena *a, const struct vendor_profile *p,
    enum vendor_status from, enum vendor_status to, const char *reason,
    int64_t now)
{
	const char	*text = told_text(a, from, to, reason);

	if (text != NULL)
		notify_post(db, a, p->user_id, 0, "/vendor/application",
		    OUTBOX_SECURITY, NULL, text, now);
	if (to == VS_SUBMITTED)
		notify_role(db, a, ROLE_ONBOARD, 0, arena_printf(a,
		    "/ops/vendors/%lld", (long long)p->user_id),
		    arena_printf(a, "Vendor %s (%s) submitted an application.",
		    p->username, p->business_name));
}

/*
 * Move a vendor to another status: allowed by the table for who,
 * ready (see not_ready), with its timeline event, audit row and the
 * vendor's notification in one transaction; a suspension sends the
 * vendor's accepted upcoming jobs back to the board.  *why says why
 * not, for the 404 or 409.
 */
enum vendor_result
vendor_move(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, int64_t id, enum vendor_status to, const char *reason,
    const char **why)
{
	struct vendor_profile	 p;
	enum vendor_status	 from;
	int64_t			 now = clock_now();

	db_begin(db);
	if (!vendor_get(db, a, id, &p)) {
		db_rollback(db);
		return *why = "There is no such vendor.", VENDOR_NOT_FOUND;
	}
	from = p.status;
	if (!fsm_allowed(moves, sizeof(moves) / sizeof(moves[0]), (int)from,
	    (int)to, role)) {
		db_rollback(db);
		*why = arena_printf(a, "An application that is “%s” cannot "
		    "become “%s”.", statuses[from].label, statuses[to].label);
		return VENDOR_REFUSED;
	}
	if ((*why = not_ready(db, &p, to, role)) != NULL) {
		db_rollback(db);
		return VENDOR_NOT_READY;
	}
	if (!profile_move(db, who, &p, to, reason, now))
		log_fatal("vendor: %lld moved under the lock", (long long)id);
	event_add(db, id, &from, to, who->user_id, reason, now);
	audit_write(db, who, arena_printf(a, "vendor.%s", statuses[to].name),
	    "user", id, json_pack("{s:s}", "status", statuses[from].name),
	    json_pack("{s:s, s:s}", "status", statuses[to].name, "reason",
	    reason != NULL ? reason : ""));
	if (to == VS_SUSPENDED)
		vendor_jobs_release(db, a, who, role & ROLE_ONBOARD ?
		    ROLE_ONBOARD : BK_BY_SYSTEM, id, now,
		    "Its professional is suspended.");
	move_tell(db, a, &p, from, to, reason, now);
	db_commit(db);
	return VENDOR_OK;
}

/* An onboarding manager asks for a second look, with a reason the queue shows. */
enum vendor_result
vendor_flag(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "UPDATE vendor_profiles SET flag_reason = :r, flagged_by = :by, "
	    "flagged_at = :now, updated_at = :now WHERE user_id = :id");
	struct vendor_profile	 p;

	db_begin(db);
	if (!vendor_get(db, a, id, &p)) {
		db_rollback(db);
		return VENDOR_NOT_FOUND;
	}
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":by", who->user_id);
	db_bind_int(st, ":now", clock_now());
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "vendor.flag", "user", id,
	    p.flag_reason != NULL ? json_pack("{s:s}", "flag", p.flag_reason) :
	    NULL, json_pack("{s:s}", "flag", reason));
	db_commit(db);
	return VENDOR_OK;
}

/*
 * The queue's statement, in one status or in all: two literals, each
 * walking its own index in the order shown (a "status is NULL or"
 * in one statement would have the planner scan and sort every vendor).
 */
#define QUEUE_SELECT \
	"SELECT u.id, u.username, p.business_name, u.phone, u.pincode, " \
	"p.status, p.status_at, p.flag_reason FROM vendor_profiles p " \
	"JOIN users u ON u.id = p.user_id WHERE "
#define QUEUE_REST \
	"(p.status_at, p.user_id) > (:at, :id) AND (:q = '' " \
	"OR u.username LIKE :like ESCAPE '\\' " \
	"OR p.business_name LIKE :like ESCAPE '\\' " \
	"OR u.phone LIKE :like ESCAPE '\\' OR u.pincode = :q " \
	"OR EXISTS (SELECT 1 FROM vendor_pincodes z " \
	"WHERE z.vendor_id = u.id AND z.pincode = :q)) " \
	"ORDER BY p.status_at, p.user_id LIMIT :n"

static void
queue_line(sqlite3_stmt *st, struct arena *a, struct vendor_line *l)
{
	l->user_id = db_int(st, 0);
	l->username = db_text(st, 1, a);
	l->business_name = db_text(st, 2, a);
	l->phone = db_text(st, 3, a);
	l->pincode = db_text(st, 4, a);
	l->status = (enum vendor_status)fsm_find(statuses, VS__MAX,
	    db_text_tmp(st, 5));
	l->status_at = db_int(st, 6);
	l->flag_reason = db_text(st, 7, a);
}

/*
 * The onboarding queue: vendors in a status (-1: any) matching q (a
 * name, a phone number, a pincode served), longest waiting first,
 * after a cursor (status_at, id).
 */
size_t
vendor_queue(struct db *db, struct arena *a, int status, const char *q,
    int64_t after_at, int64_t after_id, size_t limit, struct vendor_line **out)
{
	int		 any = status < 0 || status >= VS__MAX;
	sqlite3_stmt	*st = any ? db_prepare(db, QUEUE_SELECT QUEUE_REST) :
			    db_prepare(db, QUEUE_SELECT "p.status = :s AND "
			    QUEUE_REST);
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	if (!any)
		db_bind_text(st, ":s", statuses[status].name);
	db_bind_text(st, ":q", q);
	db_bind_text(st, ":like", db_like_pattern(a, q));
	db_bind_int(st, ":at", after_at);
	db_bind_int(st, ":id", after_id);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW)
		queue_line(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/* The application's timeline, oldest first (at most 100). */
size_t
vendor_events(struct db *db, struct arena *a, int64_t id,
    struct vendor_event **out)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT e.from_status, e.to_status, u.username, e.reason, e.at "
	    "FROM vendor_events e LEFT JOIN users u ON u.id = e.actor_id "
	    "WHERE e.vendor_id = :v ORDER BY e.id LIMIT 100");
	struct vendor_event	*e;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 100);
	db_bind_int(st, ":v", id);
	while (n < 100 && db_step(st) == DB_ROW) {
		e = &(*out)[n++];
		e->has_from = sqlite3_column_type(st, 0) != SQLITE_NULL;
		if (e->has_from)
			e->from = (enum vendor_status)fsm_find(statuses,
			    VS__MAX, db_text_tmp(st, 0));
		e->to = (enum vendor_status)fsm_find(statuses, VS__MAX,
		    db_text_tmp(st, 1));
		e->actor_name = db_text(st, 2, a);
		e->reason = db_text(st, 3, a);
		e->at = db_int(st, 4);
	}
	db_done(st);
	return n;
}

/* What onboarding needs of a vendor's work: counts, never customers. */
void
vendor_record_get(struct db *db, int64_t id, struct vendor_record *r)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), coalesce(sum(status IN ('signed', 'paid')), 0), "
	    "coalesce(sum(status = 'cancelled'), 0), "
	    "coalesce(sum(status = 'disputed'), 0), "
	    "(SELECT count(*) FROM reviews WHERE vendor_id = :v), "
	    "(SELECT coalesce(round(avg(rating) * 10), 0) FROM reviews "
	    "WHERE vendor_id = :v) FROM bookings WHERE vendor_id = :v");

	db_bind_int(st, ":v", id);
	db_step(st);
	r->jobs = db_int(st, 0);
	r->completed = db_int(st, 1);
	r->cancelled = db_int(st, 2);
	r->disputed = db_int(st, 3);
	r->reviews = db_int(st, 4);
	r->average_tenths = db_int(st, 5);
	db_done(st);
}

/* The sample data's vendor: verified, phone proved, as if onboarded. */
void
vendor_seed_verified(struct db *db, const struct actor *who, int64_t id)
{
	sqlite3_stmt	*st;
	int64_t		 now = clock_now();

	db_begin(db);
	profile_ensure(db, id, now);
	st = db_prepare(db, "UPDATE vendor_profiles SET status = 'verified', "
	    "phone_verified = (SELECT phone FROM users WHERE id = :id), "
	    "phone_verified_at = :now, verified_at = :now, status_at = :now, "
	    "updated_at = :now WHERE user_id = :id");
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":now", now);
	db_step(st);
	db_done(st);
	event_add(db, id, NULL, VS_VERIFIED, who->user_id, "Sample data.", now);
	audit_write(db, who, "vendor.verified", "user", id, NULL,
	    json_pack("{s:s}", "status", "verified"));
	db_commit(db);
}

/*
 * An onboarding manager's review of one document (vendor_doc_review),
 * and what it means for the vendor: one asked to re-verify is verified
 * again once their proofs are current.  One transaction; a replaced
 * file is removed after it commits.
 */
enum vendor_doc_result
vendor_document_review(struct db *db, struct arena *a, const struct actor *who,
    int64_t vendor, int64_t doc, int accept, const char *reason,
    const char *uploads_dir, const char **why)
{
	static const struct actor	 system = { 0, "", "document review" };
	enum vendor_doc_result		 rc;
	enum vendor_status		 vs;
	const char			*gone, *moved;

	db_begin(db);
	rc = vendor_doc_review(db, a, who, vendor, doc, accept, reason, &gone,
	    why);
	if (rc != VDOC_OK) {
		db_rollback(db);
		return rc;
	}
	if (accept && vendor_status_of(db, vendor, &vs) && vs == VS_REVERIFY &&
	    vendor_doc_ready(db, vendor, 1))
		vendor_move(db, a, &system, VS_BY_SYSTEM, vendor, VS_VERIFIED,
		    "New documents were accepted.", &moved);
	db_commit(db);
	if (gone != NULL && unlink(arena_printf(a, "%s/%s", uploads_dir,
	    gone)) != 0)
		log_warn("vendor: cannot remove the replaced %s", gone);
	return VDOC_OK;
}
