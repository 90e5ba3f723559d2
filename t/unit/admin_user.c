/* admin_user.c (test): every rule of the super admin's moves on accounts, on a scratch database, including the last super admin when two demote each other at once, which no sequence of pages can reach. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_user.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "messages.h"
#include "reset.h"
#include "scratch.h"
#include "tap.h"

enum { ADMIN = 1, ADMIN2, CUSTOMER, VENDOR, OPS };

static struct arena	*arena;
static char		 dir[] = "/tmp/hs-admin-user-XXXXXX";

static const struct actor	admin = { ADMIN, "127.0.0.1", "test" };
static const struct actor	admin2 = { ADMIN2, "127.0.0.1", "test" };

static long long
audit_rows(void)
{
	return int_of("SELECT count(*) FROM audit_log");
}

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	int		 from, to, rc;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	setenv("HOMESERVE_DATA", dir, 1);
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	rc = db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to);
	ok(rc == 0 && to >= 15, "setup: migrated to %d", to);
	ok(messages_setup(arena, src != NULL ? src : ".", dir) == 0,
	    "setup: email templates and a server secret");
	exec("INSERT INTO users (id, username, email, phone, password_hash, "
	    "role, created_at, updated_at) VALUES "
	    "(1, 'admin', 'a@x.test', '', 'x', 'super_admin', 0, 0),"
	    "(2, 'admin2', 'a2@x.test', '', 'x', 'super_admin', 0, 0),"
	    "(3, 'customer1', 'c1@x.test', '+919876543210', 'x', 'customer', "
	    "0, 0),"
	    "(4, 'vendor1', 'v1@x.test', '', 'x', 'vendor', 0, 0),"
	    "(5, 'ops_mgr', 'o@x.test', '', 'x', 'ops_manager', 0, 0);"
	    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
	    "expires_at) VALUES ('s1', 3, 'c', 0, 9999999999), "
	    "('s2', 3, 'c', 0, 9999999999), ('s3', 5, 'c', 0, 9999999999);"
	    "INSERT INTO services (id, name, category, price_paise, "
	    "duration_minutes, created_at, updated_at) VALUES "
	    "(1, 'AC Repair', 'ac', 50000, 90, 0, 0);"
	    "INSERT INTO bookings (id, customer_id, vendor_id, service_id, "
	    "category, address, pincode, scheduled_at, duration_minutes, "
	    "price_paise, status, created_at, updated_at) VALUES "
	    "(1, 3, 4, 1, 'ac', '12 Janpath', '110001', unixepoch() + 86400, "
	    "90, 50000, 'accepted', 0, 0),"
	    "(2, 3, 4, 1, 'ac', '12 Janpath', '110001', unixepoch() - 86400, "
	    "90, 50000, 'accepted', 0, 0);");
}

/* A refused move: its result, its sentence, and nothing written. */
static void
refused(enum admin_user_result got, enum admin_user_result want,
    const char *why, const char *want_why, long long audit_before,
    const char *what)
{
	is_int(got, want, "%s: refused", what);
	ok(why != NULL && strstr(why, want_why) != NULL, "%s: says “%s”", what,
	    want_why);
	is_int(audit_rows(), audit_before, "%s: no audit row", what);
}

static void
test_roles(void)
{
	enum admin_user_result	 rc;
	const char		*why;
	long long	 before = audit_rows();

	ok(admin_user_may_give(ROLE_CUSTOMER, 0), "a customer may be made");
	ok(!admin_user_may_give(ROLE_CUSTOMER, 1), "but not invited");
	ok(!admin_user_may_give(ROLE_VENDOR, 0), "nobody is made a vendor");
	ok(admin_user_may_give(ROLE_OPS, 1), "an operations manager is invited");
	is_str(admin_user_role_phrase(ROLE_ONBOARD), "an onboarding manager",
	    "a role in a sentence");

	rc = admin_user_set_role(db, arena, &admin, ADMIN, ROLE_CUSTOMER,
	    "Stepping down.", &why);
	refused(rc, ADMIN_USER_REFUSED, why, "your own role",
	    before, "one's own role");
	rc = admin_user_set_role(db, arena, &admin, CUSTOMER, ROLE_VENDOR,
	    "Wants to work.", &why);
	refused(rc, ADMIN_USER_BAD_ROLE, why, "/vendor/apply",
	    before, "making a customer a vendor");
	rc = admin_user_set_role(db, arena, &admin, CUSTOMER, ROLE_NONE,
	    "No role.", &why);
	refused(rc, ADMIN_USER_BAD_ROLE, why, "from the list",
	    before, "no role at all");
	rc = admin_user_set_role(db, arena, &admin, VENDOR, ROLE_OPS,
	    "Joins the staff.", &why);
	refused(rc, ADMIN_USER_REFUSED, why,
	    "Block the vendor instead", before, "a vendor's role");
	rc = admin_user_set_role(db, arena, &admin, CUSTOMER, ROLE_CUSTOMER,
	    "Again.", &why);
	refused(rc, ADMIN_USER_REFUSED, why, "this role already",
	    before, "the same role");
	is_int(admin_user_set_role(db, arena, &admin, 999, ROLE_CUSTOMER,
	    "Nobody.", &why), ADMIN_USER_NOT_FOUND, "an unknown account: 404");

	is_int(admin_user_set_role(db, arena, &admin, OPS, ROLE_ONBOARD,
	    "Moves to onboarding.", &why), ADMIN_USER_OK, "a role changes");
	is_int(int_of("SELECT count(*) FROM users WHERE id = 5 AND "
	    "role = 'onboard_manager'"), 1, "to the new role");
	is_int(int_of("SELECT count(*) FROM sessions WHERE user_id = 5"), 0,
	    "every session of the account ended");
	is_int(audit_rows(), before + 1, "one audit row");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'user.role' AND entity_id = 5 AND json_extract(new_values, "
	    "'$.reason') = 'Moves to onboarding.' AND json_extract(old_values, "
	    "'$.role') = 'ops_manager'"), 1, "with the old role and the reason");
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 5 AND "
	    "kind = 'security'"), 1, "the person is told by email");
	is_int(int_of("SELECT count(*) FROM notifications WHERE user_id = 5"),
	    1, "and in the app");
}

/*
 * Two super admins demote each other at the same instant: the pages
 * let both in, and the second transaction finds its target the last
 * super admin.  A stale actor (admin2, demoted already) stands for it.
 */
static void
test_last_admin(void)
{
	enum admin_user_result	 rc;
	const char		*why;
	long long	 before;

	is_int(admin_user_set_role(db, arena, &admin, ADMIN2, ROLE_CUSTOMER,
	    "Two is one too many.", &why), ADMIN_USER_OK,
	    "a super admin demotes another");
	before = audit_rows();
	rc = admin_user_set_role(db, arena, &admin2, ADMIN, ROLE_CUSTOMER,
	    "Even.", &why);
	refused(rc, ADMIN_USER_REFUSED, why, "last super admin", before,
	    "demoting the last super admin");
	rc = admin_user_block(db, arena, &admin2, ADMIN, "Even.", &why);
	refused(rc,
	    ADMIN_USER_REFUSED, why, "last super admin", before,
	    "blocking the last super admin");
	is_int(int_of("SELECT count(*) FROM users WHERE role = 'super_admin' "
	    "AND is_blocked = 0"), 1, "a super admin remains");
	is_int(admin_user_set_role(db, arena, &admin, ADMIN2, ROLE_ADMIN,
	    "Back again.", &why), ADMIN_USER_OK, "and makes another");
	is_int(admin_user_set_role(db, arena, &admin2, ADMIN, ROLE_OPS,
	    "Now there are two.", &why), ADMIN_USER_OK,
	    "then either may demote the other");
	is_int(admin_user_set_role(db, arena, &admin2, ADMIN, ROLE_ADMIN,
	    "Restored.", &why), ADMIN_USER_OK, "and restore them");
}

static void
test_block(void)
{
	enum admin_user_result	 rc;
	const char		*why;
	long long	 before = audit_rows();

	rc = admin_user_block(db, arena, &admin, ADMIN, "Oops.", &why);
	refused(rc,
	    ADMIN_USER_REFUSED, why, "your own account", before,
	    "blocking oneself");
	rc = admin_user_unblock(db, arena, &admin, CUSTOMER, "Oops.", &why);
	refused(rc,
	    ADMIN_USER_REFUSED, why, "not blocked", before,
	    "unblocking an active account");
	is_int(admin_user_block(db, arena, &admin, CUSTOMER, "Fraud reports.",
	    &why), ADMIN_USER_OK, "a customer is blocked");
	is_int(int_of("SELECT is_blocked + (blocked_by = 1) + "
	    "(blocked_reason = 'Fraud reports.') + (blocked_at > 0) "
	    "FROM users WHERE id = 3"), 4, "with who, why and when");
	is_int(int_of("SELECT count(*) FROM sessions WHERE user_id = 3"), 0,
	    "both sessions ended at once");
	is_int(audit_rows(), before + 1, "one audit row");
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 3 AND "
	    "kind = 'security' AND body_text LIKE '%account is blocked%'"), 2,
	    "an email and an SMS tell them, blocked or not");
	before = audit_rows();
	rc = admin_user_block(db, arena, &admin, CUSTOMER, "Twice.", &why);
	refused(rc,
	    ADMIN_USER_REFUSED, why, "blocked already", before,
	    "blocking a blocked account");
	rc = admin_user_reset_password(db, arena, &admin, CUSTOMER,
	    "Locked out.", &why);
	refused(rc, ADMIN_USER_REFUSED, why, "unblock it first",
	    before, "resetting a blocked account's password");
	is_int(admin_user_unblock(db, arena, &admin, CUSTOMER, "Cleared.",
	    &why), ADMIN_USER_OK, "and unblocked");
	is_int(int_of("SELECT is_blocked + coalesce(blocked_by, 0) + "
	    "length(blocked_reason) FROM users WHERE id = 3"), 0,
	    "with the block's record cleared");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'user.unblock' AND json_extract(old_values, '$.reason') = "
	    "'Fraud reports.' AND json_extract(new_values, '$.reason') = "
	    "'Cleared.'"), 1, "the unblock's row keeps both reasons");

	is_int(admin_user_block(db, arena, &admin, VENDOR, "No-shows.", &why),
	    ADMIN_USER_OK, "a vendor is blocked");
	is_int(int_of("SELECT count(*) FROM bookings WHERE id = 1 AND "
	    "status = 'pending' AND vendor_id IS NULL"), 1,
	    "their accepted upcoming job is back on the board");
	is_int(int_of("SELECT count(*) FROM bookings WHERE id = 2 AND "
	    "status = 'accepted' AND vendor_id = 4"), 1,
	    "a job whose time has passed stays theirs");
	is_int(int_of("SELECT count(*) FROM notifications WHERE user_id = 3 "
	    "AND booking_id = 1"), 1, "the customer is told");
}

static void
test_reset(void)
{
	enum admin_user_result	 rc;
	const char		*why;
	long long	 before = audit_rows();

	rc = admin_user_reset_password(db, arena, &admin, ADMIN, "Mine.",
	    &why);
	refused(rc, ADMIN_USER_REFUSED, why, "Forgot your password", before,
	    "a forced reset of one's own password");
	exec("UPDATE users SET password_hash = 'scrypt$whatever' WHERE id = 3;"
	    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
	    "expires_at) VALUES ('s4', 3, 'c', 0, 9999999999);"
	    "INSERT INTO password_resets (token_hash, user_id, created_at, "
	    "expires_at) VALUES ('old', 3, 0, 9999999999);");
	is_int(admin_user_reset_password(db, arena, &admin, CUSTOMER,
	    "Phished.", &why), ADMIN_USER_OK, "a password is reset");
	is_int(int_of("SELECT count(*) FROM users WHERE id = 3 AND "
	    "password_hash = '" RESET_NO_PASSWORD "'"), 1,
	    "the old one works no more");
	is_int(int_of("SELECT count(*) FROM sessions WHERE user_id = 3"), 0,
	    "every session ended");
	is_int(int_of("SELECT count(*) FROM password_resets WHERE user_id = 3 "
	    "AND used_at IS NULL AND purpose = 'forced'"), 1,
	    "one link works: the new one");
	is_int(audit_rows(), before + 1, "one audit row");
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 3 AND "
	    "channel = 'sms' AND body_text LIKE '%/password/reset/%'"), 0,
	    "no link goes by SMS");
}

static void
test_invite(void)
{
	struct admin_user_invite	 in = { "ops_new", "ops.new@x.test", "",
					    ROLE_OPS };
	int64_t				 id = 0;
	long long			 before = audit_rows();

	in.role = ROLE_CUSTOMER;
	is_int(admin_user_invite(db, arena, &admin, &in, &id),
	    ADMIN_USER_BAD_ROLE, "a customer is not invited");
	in.role = ROLE_OPS;
	in.username = "customer1";
	is_int(admin_user_invite(db, arena, &admin, &in, &id),
	    ADMIN_USER_USERNAME_TAKEN, "a taken username");
	in.username = "ops_new";
	in.phone = "+919876543210";
	is_int(admin_user_invite(db, arena, &admin, &in, &id),
	    ADMIN_USER_PHONE_TAKEN, "a taken mobile number");
	is_int(audit_rows(), before, "no refused invitation wrote anything");
	in.phone = "";
	is_int(admin_user_invite(db, arena, &admin, &in, &id), ADMIN_USER_OK,
	    "an operations manager is invited");
	is_int(int_of("SELECT count(*) FROM users WHERE username = 'ops_new' "
	    "AND role = 'ops_manager' AND password_hash = '"
	    RESET_NO_PASSWORD "'"), 1, "with no password yet");
	is_int(int_of("SELECT count(*) FROM password_resets r JOIN users u "
	    "ON u.id = r.user_id WHERE u.username = 'ops_new' AND "
	    "r.purpose = 'invited' AND r.expires_at - r.created_at = 259200"),
	    1, "and a link for 72 hours");
	is_int(audit_rows(), before + 1, "one audit row");
	is_int(int_of("SELECT count(*) FROM outbox WHERE subject = 'You are "
	    "invited to HomeServe as an operations manager'"), 1,
	    "the invitation is queued");
}

int
main(void)
{
	arena = arena_new();
	setup();
	test_roles();
	test_last_admin();
	test_block();
	test_reset();
	test_invite();
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	unlink(arena_printf(arena, "%s/app.key", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
