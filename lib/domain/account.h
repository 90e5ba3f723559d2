/* account.h: users and their roles; registration, lookup and creation by staff tools. */
#ifndef HS_ACCOUNT_H
#define HS_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

/* Bits, so a route can admit several roles at once. */
enum role {
	ROLE_NONE = 0,
	ROLE_CUSTOMER = 0x01,
	ROLE_VENDOR = 0x02,
	ROLE_ONBOARD = 0x04,
	ROLE_OPS = 0x08,
	ROLE_ADMIN = 0x10,
};
#define ROLE_STAFF	(ROLE_ONBOARD | ROLE_OPS)
#define ROLE_ANY	(ROLE_CUSTOMER | ROLE_VENDOR | ROLE_STAFF | ROLE_ADMIN)

struct account {
	int64_t		 id;
	const char	*username;
	const char	*email;
	const char	*phone;
	const char	*address;
	const char	*pincode;
	enum role	 role;
	int		 blocked;
	int64_t		 created_at;
	const char	*full_name;	/* may be "" */
	int64_t		 deleted_at;	/* 0 unless erased at their request */
};

/*
 * SQL for the name a page shows for the users row aliased t: a
 * vendor's display name, else the business name of their application
 * (sql/033: usernames are for signing in), else the username; or an
 * anonymous label once erased at the owner's request (erasure.c), so
 * the other party's records stay readable.
 */
#define ACCOUNT_SHOWN_NAME(t) \
	"CASE WHEN " t ".deleted_at IS NULL THEN " \
	"CASE WHEN " t ".role = 'vendor' THEN coalesce((SELECT " \
	"coalesce(nullif(shown.display_name, ''), " \
	"nullif(shown.business_name, '')) FROM vendor_profiles shown " \
	"WHERE shown.user_id = " t ".id), " t ".username) " \
	"ELSE " t ".username END " \
	"WHEN " t ".role = 'vendor' THEN 'Deleted vendor' " \
	"ELSE 'Deleted customer' END"

/* What a new account is made from; the role never comes from a form. */
struct account_new {
	const char	*username;
	const char	*email;
	const char	*phone;
	const char	*password;
	const char	*address;
	const char	*pincode;
	enum role	 role;
};

enum account_result {
	ACCOUNT_OK,
	ACCOUNT_USERNAME_TAKEN,
	ACCOUNT_EMAIL_TAKEN,
	ACCOUNT_BOTH_TAKEN,	/* the username and the email: say both */
};

const char	*role_name(enum role);
const char	*role_label(enum role);
enum role	 role_parse(const char *);
const char	*role_home(enum role);

enum account_result account_create(struct db *, const struct actor *,
		    const struct account_new *, int64_t *id);
enum account_result account_create_hashed(struct db *, const struct actor *,
		    const struct account_new *, const char *hash, int64_t *id);
int		 account_phone_taken(struct db *, const char *phone);
int64_t		 account_id_by_username(struct db *, const char *);
const char	*account_password_hash(struct db *, struct arena *, int64_t);
int		 account_get(struct db *, struct arena *, int64_t,
		    struct account *);
int64_t		 account_count(struct db *, enum role);

#endif
