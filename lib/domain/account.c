/* account.c: roles, account creation (hashing the password outside the lock) and lookup. */
#include <string.h>

#include "account.h"
#include "address.h"
#include "arena.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "log.h"

/* One row per role: stored name, label shown to people, landing page. */
static const struct {
	enum role	 role;
	const char	*name;
	const char	*label;
	const char	*home;
} roles[] = {
	{ ROLE_CUSTOMER, "customer", "Customer", "/" },
	{ ROLE_VENDOR, "vendor", "Vendor", "/vendor/" },
	{ ROLE_ONBOARD, "onboard_manager", "Onboarding manager", "/ops/" },
	{ ROLE_OPS, "ops_manager", "Operations manager", "/ops/" },
	{ ROLE_ADMIN, "super_admin", "Super admin", "/admin/" },
};

#define NROLES	(sizeof(roles) / sizeof(roles[0]))

const char *
role_name(enum role r)
{
	size_t	i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == r)
			return roles[i].name;
	return "";
}

const char *
role_label(enum role r)
{
	size_t	i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == r)
			return roles[i].label;
	return "Visitor";
}

const char *
role_home(enum role r)
{
	size_t	i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == r)
			return roles[i].home;
	return "/";
}

enum role
role_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < NROLES; i++)
		if (strcmp(roles[i].name, s) == 0)
			return roles[i].role;
	return ROLE_NONE;
}

/* Whether the username, the email or both are another account's. */
static enum account_result
account_taken(struct db *db, const struct account_new *in)
{
	static const enum account_result taken[2][2] = {
		{ ACCOUNT_OK, ACCOUNT_EMAIL_TAKEN },
		{ ACCOUNT_USERNAME_TAKEN, ACCOUNT_BOTH_TAKEN },
	};
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT coalesce(max(username = :u COLLATE NOCASE), 0), "
	    "coalesce(max(email = :e COLLATE NOCASE), 0) FROM users "
	    "WHERE username = :u OR email = :e");
	enum account_result	 rc = ACCOUNT_OK;

	db_bind_text(st, ":u", in->username);
	db_bind_text(st, ":e", in->email);
	if (db_step(st) == DB_ROW)
		rc = taken[db_int(st, 0) != 0][db_int(st, 1) != 0];
	db_done(st);
	return rc;
}

/*
 * Create an account from a password hashed already, with its audit
 * row, inside the caller's transaction (or as one of its own).
 */
enum account_result
account_create_hashed(struct db *db, const struct actor *who,
    const struct account_new *in, const char *hash, int64_t *id)
{
	sqlite3_stmt		*st;
	enum account_result	 rc;

	db_begin(db);
	if ((rc = account_taken(db, in)) != ACCOUNT_OK) {
		db_rollback(db);
		return rc;
	}
	st = db_prepare(db,
	    "INSERT INTO users (username, email, phone, password_hash, role, "
	    "address, pincode, created_at, updated_at) VALUES (:u, :e, :p, "
	    ":h, :r, :a, :pin, unixepoch(), unixepoch())");
	db_bind_text(st, ":u", in->username);
	db_bind_text(st, ":e", in->email);
	db_bind_text(st, ":p", in->phone);
	db_bind_text(st, ":h", hash);
	db_bind_text(st, ":r", role_name(in->role));
	db_bind_text(st, ":a", in->address);
	db_bind_text(st, ":pin", in->pincode);
	if (db_step(st) != DB_DONE)
		log_fatal("account: insert refused for a checked account");
	db_done(st);
	*id = db_last_id(db);
	/* A customer's registration address is their first saved address. */
	if (in->role == ROLE_CUSTOMER && in->address[0] != '\0')
		address_insert(db, *id, in->address, in->pincode, 1);
	audit_write(db, who, "user.create", "user", *id, NULL,
	    json_pack("{s:s, s:s, s:s, s:s, s:s}", "username", in->username,
	    "email", in->email, "role", role_name(in->role),
	    "phone", in->phone, "pincode", in->pincode));
	db_commit(db);
	return ACCOUNT_OK;
}

/*
 * Create an account and its audit row in one transaction.  The
 * password is hashed before the write lock is taken.
 */
enum account_result
account_create(struct db *db, const struct actor *who,
    const struct account_new *in, int64_t *id)
{
	char			hash[CRYPTO_HASH_MAX];
	enum account_result	rc;

	if (crypto_password_hash(in->password, hash))
		log_fatal("account: cannot hash a password");
	rc = account_create_hashed(db, who, in, hash, id);
	explicit_bzero(hash, sizeof(hash));
	return rc;
}

/* 1 if any account has this mobile number. */
int
account_phone_taken(struct db *db, const char *phone)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM users WHERE phone = :p AND phone <> '' LIMIT 1");
	int		 taken;

	db_bind_text(st, ":p", phone);
	taken = db_step(st) == DB_ROW;
	db_done(st);
	return taken;
}

/* The stored password hash of an account, or "" (which matches nothing). */
const char *
account_password_hash(struct db *db, struct arena *a, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT password_hash FROM users WHERE id = :id");
	const char	*hash = "";

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW)
		hash = db_text(st, 0, a);
	db_done(st);
	return hash;
}

/* The id of the account with this username (any case); 0 if none. */
int64_t
account_id_by_username(struct db *db, const char *username)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM users WHERE username = :u");
	int64_t		 id = 0;

	db_bind_text(st, ":u", username);
	if (db_step(st) == DB_ROW)
		id = db_int(st, 0);
	db_done(st);
	return id;
}

/* Returns 1 and fills *out when the account exists, else 0. */
int
account_get(struct db *db, struct arena *a, int64_t id, struct account *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, username, email, phone, address, pincode, role, "
	    "is_blocked, created_at, full_name, coalesce(deleted_at, 0) "
	    "FROM users WHERE id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		out->id = db_int(st, 0);
		out->username = db_text(st, 1, a);
		out->email = db_text(st, 2, a);
		out->phone = db_text(st, 3, a);
		out->address = db_text(st, 4, a);
		out->pincode = db_text(st, 5, a);
		out->role = role_parse(db_text_tmp(st, 6));
		out->blocked = (int)db_int(st, 7);
		out->created_at = db_int(st, 8);
		out->full_name = db_text(st, 9, a);
		out->deleted_at = db_int(st, 10);
		found = 1;
	}
	db_done(st);
	return found;
}

int64_t
account_count(struct db *db, enum role r)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM users WHERE role = :r");
	int64_t		 n;

	db_bind_text(st, ":r", role_name(r));
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}
