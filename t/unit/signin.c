/* signin.c (test): the sign-in throttles on a scratch database and a set clock: the pair's and the address's limits, the account ceiling's growing delay that never holds back a clean address, what a right password and a reset forget, and the registration limit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "scratch.h"
#include "signin.h"
#include "tap.h"

static struct arena	*arena;
static char		 dir[] = "/tmp/hs-signin-XXXXXX";

#define NOW	INT64_C(1795237200)

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	int		 from, to, rc;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	rc = db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to);
	ok(rc == 0 && to >= 26, "setup: migrated to %d", to);
}

/* n failures at account from ip, at when. */
static void
fail(const char *account, const char *ip, int n, int64_t when)
{
	struct signin_scopes	s;

	signin_scopes(arena, account, ip, &s);
	db_begin(db);
	while (n-- > 0)
		signin_failed(db, &s, when);
	db_commit(db);
}

static int64_t
wait_for(const char *account, const char *ip, int64_t now)
{
	struct signin_scopes	s;

	signin_scopes(arena, account, ip, &s);
	return signin_wait(db, &s, now);
}

static void
test_pair_and_address(void)
{
	fail("user:1", "198.51.100.1", 4, NOW - 100);
	is_int(wait_for("user:1", "198.51.100.1", NOW), 0,
	    "four failures from a pair: no wait");
	fail("user:1", "198.51.100.1", 1, NOW - 50);
	is_int(wait_for("user:1", "198.51.100.1", NOW), SIGNIN_WINDOW - 100,
	    "the fifth: the pair waits until its oldest failure expires");
	is_int(wait_for("user:1", "203.0.113.5", NOW), 0,
	    "the same account from another address: no wait");
	is_int(wait_for("user:2", "198.51.100.1", NOW), 0,
	    "another account from the same address: no wait");
	is_int(wait_for("user:1", "198.51.100.1", NOW - 100 + SIGNIN_WINDOW),
	    0, "once the oldest failures leave the window: no wait");
	fail("name:ghost", "198.51.100.2", 19, NOW - 10);
	fail("user:3", "198.51.100.2", 1, NOW - 5);
	is_int(wait_for("user:4", "198.51.100.2", NOW), SIGNIN_WINDOW - 10,
	    "twenty failures from an address, any accounts: it waits");
	exec("DELETE FROM login_failures");
}

static void
test_ceiling(void)
{
	exec("INSERT INTO settings (key, value, updated_at) VALUES "
	    "('login_failures_account_ceiling', '10', 0)");
	fail("user:1", "198.51.100.1", 1, NOW - 60);
	fail("user:1", "198.51.100.9", 9, NOW - 60);
	is_int(wait_for("user:1", "198.51.100.1", NOW - 60), 1,
	    "at the ceiling: an address that failed waits 1 s");
	is_int(wait_for("user:1", "198.51.100.1", NOW - 59), 0,
	    "and not once that second has passed");
	is_int(wait_for("user:1", "203.0.113.5", NOW - 60), 0,
	    "a clean address never waits");
	fail("user:1", "198.51.100.9", 3, NOW - 60);
	is_int(wait_for("user:1", "198.51.100.1", NOW - 60), 8,
	    "three past the ceiling: 8 s");
	fail("user:1", "198.51.100.8", 20, NOW - 60);
	is_int(wait_for("user:1", "198.51.100.1", NOW - 60), SIGNIN_DELAY_MAX,
	    "far past it: the delay stops at a minute");
	is_int(wait_for("user:1", "198.51.100.1", NOW), 0,
	    "a minute after the newest failure: one more try");
	is_int(wait_for("user:1", "203.0.113.5", NOW - 60), 0,
	    "and still no wait for a clean address");
}

static void
test_forgetting(void)
{
	struct signin_scopes	s;

	signin_scopes(arena, "user:1", "198.51.100.1", &s);
	db_begin(db);
	signin_passed(db, &s);
	db_commit(db);
	is_int(int_of("SELECT count(*) FROM login_failures WHERE scope = "
	    "'pair:user:1@198.51.100.1'"), 0,
	    "a right password forgets its own pair's failures");
	is_int(int_of("SELECT count(*) FROM login_failures WHERE scope = "
	    "'user:1'"), 33, "but not the account's");
	fail("user:12", "198.51.100.1", 2, NOW);
	db_begin(db);
	signin_forget(db, arena, 1);
	db_commit(db);
	is_int(int_of("SELECT count(*) FROM login_failures WHERE scope = "
	    "'user:1' OR account = 'user:1'"), 0,
	    "a reset forgets every failure at the account, every pair's");
	is_int(int_of("SELECT count(*) FROM login_failures WHERE scope = "
	    "'user:12' OR account = 'user:12'"), 4,
	    "and nothing of user 12's");
	is_int(int_of("SELECT count(*) FROM login_failures WHERE scope = "
	    "'ip:198.51.100.9'"), 12, "nor the addresses' own counts");
}

static void
test_register(void)
{
	int	i, refused = 0;

	for (i = 0; i < 10; i++)
		refused += signin_register_wait(db, arena, "192.0.2.1",
		    NOW + i) != 0;
	is_int(refused, 0, "ten registrations an hour from an address");
	is_int(signin_register_wait(db, arena, "192.0.2.1", NOW + 10), 3590,
	    "the eleventh waits until the first is an hour old");
	is_int(signin_register_wait(db, arena, "192.0.2.2", NOW + 10), 0,
	    "another address does not");
	is_int(signin_register_wait(db, arena, "192.0.2.1", NOW + 3600), 0,
	    "an hour later, the first has left the window");
}

int
main(void)
{
	arena = arena_new();
	setup();
	test_pair_and_address();
	test_ceiling();
	test_forgetting();
	test_register();
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
