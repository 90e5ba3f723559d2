/* admin_user.c: a super admin's moves on accounts (block, unblock, role, forced reset), each one transaction with its audit row and the person told, refused by tables of rules; staff invitations; the users list and one account read whole. */
#include <ctype.h>
#include <string.h>

#include "admin_user.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "reset.h"
#include "session.h"
#include "vendor.h"

/*
 * The roles a super admin gives here, and the words for them.  Vendors
 * are missing on purpose: they join through the application, where
 * their mobile number and documents are checked.
 */
static const struct {
	enum role	 role;
	int		 staff;		/* may be invited */
	const char	*phrase;
} grants[] = {
	{ ROLE_CUSTOMER, 0, "a customer" },
	{ ROLE_ONBOARD, 1, "an onboarding manager" },
	{ ROLE_OPS, 1, "an operations manager" },
	{ ROLE_ADMIN, 1, "a super admin" },
};

#define NGRANTS	(sizeof(grants) / sizeof(grants[0]))

/* 1 if a super admin may give the role here (inviting: staff roles only). */
int
admin_user_may_give(enum role r, int inviting)
{
	size_t	i;

	for (i = 0; i < NGRANTS; i++)
		if (grants[i].role == r)
			return !inviting || grants[i].staff;
	return 0;
}

/* "an operations manager": the role inside a sentence. */
const char *
admin_user_role_phrase(enum role r)
{
	size_t	i;

	for (i = 0; i < NGRANTS; i++)
		if (grants[i].role == r)
			return grants[i].phrase;
	return r == ROLE_VENDOR ? "a vendor" : "a visitor";
}

/* --- the list ------------------------------------------------------------ */

/*
 * The list's statement for each pair of filters: four literals, each
 * walking by username the index of its filters (the username's own
 * unique index, users_role, users_blocked, users_role_blocked), so a
 * page reads no more rows than it skips and shows.  Username order:
 * people are looked up by name, and a unique name makes the pages
 * stable.
 */
#define SEARCH_SELECT \
	"SELECT u.id, u.username, u.email, u.phone, u.role, u.is_blocked, " \
	"u.created_at, coalesce(p.business_name, '') FROM users u " \
	"LEFT JOIN vendor_profiles p ON p.user_id = u.id WHERE "
#define SEARCH_REST \
	"(:q = '' OR u.username LIKE :like ESCAPE '\\' " \
	"OR u.email LIKE :like ESCAPE '\\' " \
	"OR p.business_name LIKE :like ESCAPE '\\' " \
	"OR u.phone LIKE :digits ESCAPE '\\') " \
	"ORDER BY u.username LIMIT :n OFFSET :off"

static sqlite3_stmt *
search_statement(struct db *db, const struct admin_user_filter *f)
{
	int	by_role = f->role != ROLE_NONE, by_status = f->blocked >= 0;

	if (by_role && by_status)
		return db_prepare(db, SEARCH_SELECT "u.role = :role AND "
		    "u.is_blocked = :blocked AND " SEARCH_REST);
	if (by_role)
		return db_prepare(db, SEARCH_SELECT "u.role = :role AND "
		    SEARCH_REST);
	if (by_status)
		return db_prepare(db, SEARCH_SELECT "u.is_blocked = :blocked "
		    "AND " SEARCH_REST);
	return db_prepare(db, SEARCH_SELECT SEARCH_REST);
}

/*
 * A query that is a mobile number as people type one ("98765 43210",
 * "+91 98765-43210") as a LIKE pattern of its digits, since numbers are
 * stored +91XXXXXXXXXX; NULL (matching nothing) for any other query.
 */
static const char *
digits_pattern(struct arena *a, const char *q)
{
	char	*p = arena_alloc(a, strlen(q) + 3), *d = p;

	*d++ = '%';
	for (; *q != '\0'; q++) {
		if (isdigit((unsigned char)*q))
			*d++ = *q;
		else if (*q != ' ' && *q != '-' && *q != '+')
			return NULL;
	}
	if (d == p + 1)
		return NULL;
	*d++ = '%';
	*d = '\0';
	return p;
}

static void
line_read(sqlite3_stmt *st, struct arena *a, struct admin_user_line *l)
{
	l->id = db_int(st, 0);
	l->username = db_text(st, 1, a);
	l->email = db_text(st, 2, a);
	l->phone = db_text(st, 3, a);
	l->role = role_parse(db_text_tmp(st, 4));
	l->blocked = (int)db_int(st, 5);
	l->created_at = db_int(st, 6);
	l->business_name = db_text(st, 7, a);
}

/* Accounts matching the filters, by username, limit rows after offset. */
size_t
admin_user_search(struct db *db, struct arena *a,
    const struct admin_user_filter *f, int64_t offset, size_t limit,
    struct admin_user_line **out)
{
	sqlite3_stmt	*st = search_statement(db, f);
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	if (f->role != ROLE_NONE)
		db_bind_text(st, ":role", role_name(f->role));
	if (f->blocked >= 0)
		db_bind_int(st, ":blocked", f->blocked);
	db_bind_text(st, ":q", f->q);
	db_bind_text(st, ":like", db_like_pattern(a, f->q));
	db_bind_text(st, ":digits", digits_pattern(a, f->q));
	db_bind_int(st, ":n", (int64_t)limit);
	db_bind_int(st, ":off", offset);
	while (n < limit && db_step(st) == DB_ROW)
		line_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/* Returns 1 and fills *out when the account exists, else 0. */
int
admin_user_get(struct db *db, struct arena *a, int64_t id,
    struct admin_user *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT u.id, u.username, u.email, u.phone, u.address, u.pincode, "
	    "u.role, u.is_blocked, u.created_at, "
	    "coalesce(p.business_name, ''), coalesce(u.blocked_at, 0), "
	    "b.username, u.blocked_reason FROM users u "
	    "LEFT JOIN vendor_profiles p ON p.user_id = u.id "
	    "LEFT JOIN users b ON b.id = u.blocked_by WHERE u.id = :id");
	struct account	*acct = &out->account;
	int		 found = 0;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		acct->id = db_int(st, 0);
		acct->username = db_text(st, 1, a);
		acct->email = db_text(st, 2, a);
		acct->phone = db_text(st, 3, a);
		acct->address = db_text(st, 4, a);
		acct->pincode = db_text(st, 5, a);
		acct->role = role_parse(db_text_tmp(st, 6));
		acct->blocked = (int)db_int(st, 7);
		acct->created_at = db_int(st, 8);
		out->business_name = db_text(st, 9, a);
		out->blocked_at = db_int(st, 10);
		out->blocked_by = db_text(st, 11, a);
		out->blocked_reason = db_text(st, 12, a);
		found = 1;
	}
	db_done(st);
	return found;
}

/* --- the moves ----------------------------------------------------------- */

/* The account a move is about, read under the move's write lock. */
struct target {
	int64_t		 id;
	enum role	 role;
	int		 blocked;
	const char	*blocked_reason;
};

/* Everything a rule or a move looks at. */
struct change {
	const struct actor	*who;
	struct target		 t;
	enum role		 to;		/* a role change's new role */
	int64_t			 admins;	/* active super admins, now */
	const char		*reason;
	int64_t			 now;
};

static int
target_load(struct db *db, struct arena *a, int64_t id, struct target *t)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT role, is_blocked, blocked_reason FROM users WHERE id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		t->id = id;
		t->role = role_parse(db_text_tmp(st, 0));
		t->blocked = (int)db_int(st, 1);
		t->blocked_reason = db_text(st, 2, a);
		found = 1;
	}
	db_done(st);
	return found;
}

/* Super admins who can sign in: someone must always be able to run the site. */
static int64_t
admins_active(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM users WHERE role = 'super_admin' "
	    "AND is_blocked = 0");
	int64_t		 n;

	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

static int
is_self(const struct change *c)
{
	return c->t.id == c->who->user_id;
}

static int
is_blocked(const struct change *c)
{
	return c->t.blocked;
}

static int
is_active(const struct change *c)
{
	return !c->t.blocked;
}

/*
 * The account is the last super admin who can sign in.  The actor is
 * one too when the request began, so this holds only when another
 * super admin's move committed in between (two demoting each other at
 * once): the write lock makes the second see it.
 */
static int
last_admin(const struct change *c)
{
	return c->t.role == ROLE_ADMIN && !c->t.blocked && c->admins <= 1;
}

static int
last_admin_demoted(const struct change *c)
{
	return c->to != ROLE_ADMIN && last_admin(c);
}

static int
to_vendor(const struct change *c)
{
	return c->to == ROLE_VENDOR;
}

static int
not_given(const struct change *c)
{
	return !admin_user_may_give(c->to, 0);
}

static int
from_vendor(const struct change *c)
{
	return c->t.role == ROLE_VENDOR;
}

static int
same_role(const struct change *c)
{
	return c->t.role == c->to;
}

/* A refusal: when applies() holds, the move stops with rc and why. */
struct rule {
	int			(*applies)(const struct change *);
	enum admin_user_result	 rc;
	const char		*why;
};

static const char last_admin_why[] = "This is the last super admin who can "
    "sign in: make another super admin first, so that someone can still "
    "run HomeServe.";

static const struct rule block_rules[] = {
	{ is_self, ADMIN_USER_REFUSED, "You cannot block your own account." },
	{ is_blocked, ADMIN_USER_REFUSED, "This account is blocked already." },
	{ last_admin, ADMIN_USER_REFUSED, last_admin_why },
};

static const struct rule unblock_rules[] = {
	{ is_active, ADMIN_USER_REFUSED, "This account is not blocked." },
};

static const struct rule role_rules[] = {
	{ to_vendor, ADMIN_USER_BAD_ROLE, "Nobody is made a vendor here: "
	    "vendors join through the application at /vendor/apply, where "
	    "their mobile number and documents are checked." },
	{ not_given, ADMIN_USER_BAD_ROLE, "Choose a role from the list." },
	{ is_self, ADMIN_USER_REFUSED, "You cannot change your own role: "
	    "another super admin must." },
	{ from_vendor, ADMIN_USER_REFUSED, "A vendor's role cannot change: "
	    "their profile, jobs and earnings belong to it. Block the vendor "
	    "instead." },
	{ same_role, ADMIN_USER_REFUSED, "The account has this role already." },
	{ last_admin_demoted, ADMIN_USER_REFUSED, last_admin_why },
};

static const struct rule reset_rules[] = {
	{ is_self, ADMIN_USER_REFUSED, "Change your own password with “Forgot "
	    "your password?” on the sign-in page: a forced reset would sign "
	    "you out until its email arrives." },
	{ is_blocked, ADMIN_USER_REFUSED, "This account is blocked, so a reset "
	    "link would not work: unblock it first." },
};

/* Tell the person, in the app, by email and by SMS, whatever they chose. */
static void
tell(struct db *db, struct arena *a, const struct change *c, const char *link,
    const char *subject, const char *text)
{
	notify_post(db, a, c->t.id, 0, link, OUTBOX_SECURITY, subject,
	    arena_printf(a, "%s The reason given: %s", text, c->reason), c->now);
}

/* One UPDATE of the target, guarded by the state the rules saw. */
static void
changed_once(struct db *db, const char *what)
{
	if (db_changes(db) != 1)
		log_fatal("admin_user: %s changed under the lock", what);
}

/*
 * Blocked: every session ends at once, a vendor's accepted upcoming
 * jobs go back to the board (the customers told, as for a suspension).
 */
static void
block_apply(struct db *db, struct arena *a, const struct change *c)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET is_blocked = 1, blocked_at = :now, "
	    "blocked_by = :by, blocked_reason = :r, updated_at = :now "
	    "WHERE id = :id AND is_blocked = 0");

	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":by", c->who->user_id);
	db_bind_text(st, ":r", c->reason);
	db_bind_int(st, ":id", c->t.id);
	db_step(st);
	db_done(st);
	changed_once(db, "a block");
	session_end_all(db, c->t.id);
	if (c->t.role == ROLE_VENDOR)
		vendor_jobs_release(db, a, c->who, ROLE_ADMIN, c->t.id, c->now,
		    "Its professional can no longer work on HomeServe.");
	audit_write(db, c->who, "user.block", "user", c->t.id,
	    json_pack("{s:i}", "is_blocked", 0), json_pack("{s:i, s:s}",
	    "is_blocked", 1, "reason", c->reason));
	tell(db, a, c, "/", "Your HomeServe account is blocked", "Your "
	    "HomeServe account is blocked, and every place you were signed in "
	    "was signed out: you can no longer sign in. If you think this is "
	    "a mistake, contact HomeServe support.");
}

static void
unblock_apply(struct db *db, struct arena *a, const struct change *c)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET is_blocked = 0, blocked_at = NULL, "
	    "blocked_by = NULL, blocked_reason = '', updated_at = :now "
	    "WHERE id = :id AND is_blocked = 1");

	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", c->t.id);
	db_step(st);
	db_done(st);
	changed_once(db, "an unblock");
	audit_write(db, c->who, "user.unblock", "user", c->t.id,
	    json_pack("{s:i, s:s}", "is_blocked", 1, "reason",
	    c->t.blocked_reason), json_pack("{s:i, s:s}", "is_blocked", 0,
	    "reason", c->reason));
	tell(db, a, c, "/login", "Your HomeServe account is unblocked", "Your "
	    "HomeServe account is unblocked: you can sign in again.");
}

/* A new role: every session ends, so no page goes on with the old one. */
static void
role_apply(struct db *db, struct arena *a, const struct change *c)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET role = :to, updated_at = :now "
	    "WHERE id = :id AND role = :from");

	db_bind_text(st, ":to", role_name(c->to));
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", c->t.id);
	db_bind_text(st, ":from", role_name(c->t.role));
	db_step(st);
	db_done(st);
	changed_once(db, "a role");
	session_end_all(db, c->t.id);
	audit_write(db, c->who, "user.role", "user", c->t.id,
	    json_pack("{s:s}", "role", role_name(c->t.role)),
	    json_pack("{s:s, s:s}", "role", role_name(c->to), "reason",
	    c->reason));
	tell(db, a, c, "/login", "Your HomeServe role has changed",
	    arena_printf(a, "You are now %s on HomeServe (you were %s), and "
	    "every place you were signed in was signed out: sign in again to "
	    "go on.", admin_user_role_phrase(c->to),
	    admin_user_role_phrase(c->t.role)));
}

/*
 * The password stops working and every session ends (reset.c); the
 * reset email, which is how the person hears of it, says why.
 */
static void
reset_apply(struct db *db, struct arena *a, const struct change *c)
{
	struct reset_link	l = { RESET_FORCED,
	    "Choose a new HomeServe password", NULL, "A HomeServe "
	    "administrator reset your password: the link to choose a new one "
	    "is in your email." };

	l.text = arena_printf(a, "A HomeServe administrator reset the "
	    "password of your account: it no longer works, and every place "
	    "you were signed in was signed out. Choose a new password with "
	    "the link below within an hour. The reason given: %s", c->reason);
	reset_link_send(db, a, c->t.id, &l, c->who->ip, c->now);
	audit_write(db, c->who, "user.reset_password", "user", c->t.id, NULL,
	    json_pack("{s:s}", "reason", c->reason));
}

enum move_kind { MOVE_BLOCK, MOVE_UNBLOCK, MOVE_ROLE, MOVE_RESET, MOVE__MAX };

#define RULES(r)	r, sizeof(r) / sizeof(r[0])

/* Each move: the rules that may refuse it, in order, and what it does. */
static const struct {
	const struct rule	*rules;
	size_t			 nrules;
	void			(*apply)(struct db *, struct arena *,
				    const struct change *);
} moves[MOVE__MAX] = {
	[MOVE_BLOCK] = { RULES(block_rules), block_apply },
	[MOVE_UNBLOCK] = { RULES(unblock_rules), unblock_apply },
	[MOVE_ROLE] = { RULES(role_rules), role_apply },
	[MOVE_RESET] = { RULES(reset_rules), reset_apply },
};

/*
 * One move in one transaction: the account read and the rules checked
 * under the write lock, then the change, its audit row and the
 * person's message.  *why says why not (404, 409, 422).
 */
static enum admin_user_result
move_run(struct db *db, struct arena *a, enum move_kind kind,
    struct change *c, int64_t id, const char **why)
{
	size_t	i;

	db_begin(db);
	if (!target_load(db, a, id, &c->t)) {
		db_rollback(db);
		*why = "There is no such user.";
		return ADMIN_USER_NOT_FOUND;
	}
	c->admins = admins_active(db);
	for (i = 0; i < moves[kind].nrules; i++)
		if (moves[kind].rules[i].applies(c)) {
			db_rollback(db);
			*why = moves[kind].rules[i].why;
			return moves[kind].rules[i].rc;
		}
	moves[kind].apply(db, a, c);
	db_commit(db);
	*why = NULL;
	return ADMIN_USER_OK;
}

static enum admin_user_result
move(struct db *db, struct arena *a, const struct actor *who,
    enum move_kind kind, int64_t id, enum role to, const char *reason,
    const char **why)
{
	struct change	c;

	memset(&c, 0, sizeof(c));
	c.who = who;
	c.to = to;
	c.reason = reason;
	c.now = clock_now();
	return move_run(db, a, kind, &c, id, why);
}

enum admin_user_result
admin_user_block(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	return move(db, a, who, MOVE_BLOCK, id, ROLE_NONE, reason, why);
}

enum admin_user_result
admin_user_unblock(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	return move(db, a, who, MOVE_UNBLOCK, id, ROLE_NONE, reason, why);
}

enum admin_user_result
admin_user_set_role(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, enum role to, const char *reason, const char **why)
{
	return move(db, a, who, MOVE_ROLE, id, to, reason, why);
}

enum admin_user_result
admin_user_reset_password(struct db *db, struct arena *a,
    const struct actor *who, int64_t id, const char *reason, const char **why)
{
	return move(db, a, who, MOVE_RESET, id, ROLE_NONE, reason, why);
}

/* --- invitations --------------------------------------------------------- */

/* The invitation's email: who invited, to do what, and the name to use. */
static struct reset_link
invitation(struct db *db, struct arena *a, const struct actor *who,
    const struct admin_user_invite *in)
{
	struct reset_link	l = { RESET_INVITED, NULL, NULL, NULL };
	struct account		inviter;

	l.subject = arena_printf(a, "You are invited to HomeServe as %s",
	    admin_user_role_phrase(in->role));
	l.text = arena_printf(a, "%s invited you to work on HomeServe as %s. "
	    "Your username is %s. Choose your password with the link below: "
	    "only you will know it.", account_get(db, a, who->user_id,
	    &inviter) ? inviter.username : "A super admin",
	    admin_user_role_phrase(in->role), in->username);
	return l;
}

/*
 * A staff account with no password yet and a link, valid 72 hours, to
 * choose one, in one transaction; the link exists only in the email.
 * 422-style results for a role not given by invitation, or a username,
 * email or mobile number in use.
 */
enum admin_user_result
admin_user_invite(struct db *db, struct arena *a, const struct actor *who,
    const struct admin_user_invite *in, int64_t *id)
{
	struct account_new	acct = { in->username, in->email, in->phone,
				    "", "", "", in->role };
	struct reset_link	l;
	enum account_result	rc;

	if (!admin_user_may_give(in->role, 1))
		return ADMIN_USER_BAD_ROLE;
	db_begin(db);
	if (in->phone[0] != '\0' && account_phone_taken(db, in->phone)) {
		db_rollback(db);
		return ADMIN_USER_PHONE_TAKEN;
	}
	if ((rc = account_create_hashed(db, who, &acct, RESET_NO_PASSWORD, id)) !=
	    ACCOUNT_OK) {
		db_rollback(db);
		return rc == ACCOUNT_EMAIL_TAKEN ? ADMIN_USER_EMAIL_TAKEN :
		    ADMIN_USER_USERNAME_TAKEN;
	}
	l = invitation(db, a, who, in);
	reset_link_send(db, a, *id, &l, who->ip, clock_now());
	db_commit(db);
	return ADMIN_USER_OK;
}
