/* signin.c: the sign-in throttles (per account-and-address pair, per address, and a per-account ceiling that delays rather than locks) and the registration limit per address. */
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "setting.h"
#include "signin.h"
#include "throttle.h"

/* Failures in the window for one scope: how many, the oldest, the newest. */
struct signin_count {
	int64_t	n, oldest, newest;
};

static void
count(struct db *db, const char *scope, int64_t now, struct signin_count *c)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), coalesce(min(at), 0), coalesce(max(at), 0) "
	    "FROM login_failures WHERE scope = :s AND at > :since");

	db_bind_text(st, ":s", scope);
	db_bind_int(st, ":since", now - SIGNIN_WINDOW);
	db_step(st);
	c->n = db_int(st, 0);
	c->oldest = db_int(st, 1);
	c->newest = db_int(st, 2);
	db_done(st);
}

/* account: set on a pair's rows only, for signin_forget. */
static void
add(struct db *db, const char *scope, const char *account, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO login_failures (scope, account, at) "
	    "VALUES (:s, :a, :at)");

	db_bind_text(st, ":s", scope);
	if (account != NULL)
		db_bind_text(st, ":a", account);
	else
		db_bind_null(st, ":a");
	db_bind_int(st, ":at", now);
	db_step(st);
	db_done(st);
}

static void
clear(struct db *db, const char *scope)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM login_failures WHERE scope = :s");

	db_bind_text(st, ":s", scope);
	db_step(st);
	db_done(st);
}

/*
 * account is "user:ID" for an account, "name:LOGIN" when the login
 * names nobody: both are counted alike, so the answers never tell which.
 */
void
signin_scopes(struct arena *a, const char *account, const char *ip,
    struct signin_scopes *s)
{
	s->account = account;
	s->address = arena_printf(a, "ip:%s", ip);
	s->pair = arena_printf(a, "pair:%s@%s", account, ip);
}

/* Seconds until the oldest of a full window's failures expires. */
static int64_t
window_wait(const struct signin_count *c, int64_t now)
{
	int64_t	wait = c->oldest + SIGNIN_WINDOW - now;

	return wait > 0 ? wait : 1;
}

/* Past the ceiling, 1, 2, 4 ... seconds since the newest failure, up to a minute. */
static int64_t
ceiling_delay(int64_t over)
{
	return over >= 6 ? SIGNIN_DELAY_MAX : (int64_t)1 << over;
}

/*
 * Seconds this attempt must wait (429 with Retry-After), or 0.  The
 * pair's and the address's limits refuse for the rest of their window.
 * Past the account's ceiling nothing locks: an address that already
 * failed at this account waits a growing delay after the account's
 * newest failure, and an address with no failure for it (the owner at
 * home, while someone elsewhere guesses) is not held back at all.
 */
int64_t
signin_wait(struct db *db, const struct signin_scopes *s, int64_t now)
{
	struct signin_count	pair, address, account;
	int64_t			ceiling, wait;

	count(db, s->pair, now, &pair);
	if (pair.n >= setting(db, SET_LOGIN_FAILURES_PER_PAIR))
		return window_wait(&pair, now);
	count(db, s->address, now, &address);
	if (address.n >= setting(db, SET_LOGIN_FAILURES_PER_ADDRESS))
		return window_wait(&address, now);
	if (pair.n == 0)
		return 0;
	count(db, s->account, now, &account);
	ceiling = setting(db, SET_LOGIN_FAILURES_ACCOUNT_CEILING);
	if (account.n < ceiling)
		return 0;
	wait = account.newest + ceiling_delay(account.n - ceiling) - now;
	return wait > 0 ? wait : 0;
}

/* A wrong password: counted for the pair, the address and the account.  Inside the caller's transaction. */
void
signin_failed(struct db *db, const struct signin_scopes *s, int64_t now)
{
	add(db, s->pair, s->account, now);
	add(db, s->address, NULL, now);
	add(db, s->account, NULL, now);
}

/*
 * A right password: this address's failures at the account are
 * forgiven (the owner's own typing).  The account's count stays, or
 * an attacker would profit from every sign-in of the owner.  Inside
 * the caller's transaction.
 */
void
signin_passed(struct db *db, const struct signin_scopes *s)
{
	clear(db, s->pair);
}

/*
 * A password just set by a reset link: every failure counted at the
 * account, from every address, is forgotten.  Inside the caller's
 * transaction.
 */
void
signin_forget(struct db *db, struct arena *a, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM login_failures WHERE scope = :a OR account = :a");

	db_bind_text(st, ":a", arena_printf(a, "user:%lld", (long long)user));
	db_step(st);
	db_done(st);
}

/*
 * A registration from ip: 0 and the attempt counted, or the seconds
 * until this address may try again (register_per_ip_hour).  Counted
 * in its own transaction, whatever the attempt then answers, so
 * asking "is this email registered?" costs an attempt too.
 */
int64_t
signin_register_wait(struct db *db, struct arena *a, const char *ip,
    int64_t now)
{
	const char	*scope = arena_printf(a, "register-ip:%s", ip);
	int64_t		 oldest, wait = 0;

	db_begin(db);
	if (throttle_count(db, scope, now - SIGNIN_REGISTER_WINDOW + 1,
	    &oldest) >= setting(db, SET_REGISTER_PER_IP_HOUR)) {
		wait = oldest + SIGNIN_REGISTER_WINDOW - now;
		if (wait < 1)
			wait = 1;
	} else
		throttle_hit(db, scope, now);
	db_commit(db);
	return wait;
}
