/* signin.h: limits on signing in and registering that slow an attacker without locking out the owner: failures per account-and-address pair, per address, and a per-account ceiling past which tries wait. */
#ifndef HS_SIGNIN_H
#define HS_SIGNIN_H

#include <stdint.h>

struct arena;
struct db;

#define SIGNIN_WINDOW		(15 * 60)	/* failures count this long */
#define SIGNIN_DELAY_MAX	60		/* the ceiling's delay grows to this */
#define SIGNIN_REGISTER_WINDOW	3600		/* register_per_ip_hour's hour */

/* The login_failures scopes one sign-in attempt counts against. */
struct signin_scopes {
	const char	*account;	/* "user:ID", or "name:LOGIN" for nobody */
	const char	*address;	/* "ip:ADDR" */
	const char	*pair;		/* "pair:" account "@" ADDR */
};

void	signin_scopes(struct arena *, const char *account, const char *ip,
	    struct signin_scopes *);
int64_t	signin_wait(struct db *, const struct signin_scopes *, int64_t now);
void	signin_failed(struct db *, const struct signin_scopes *, int64_t now);
void	signin_passed(struct db *, const struct signin_scopes *);
void	signin_forget(struct db *, struct arena *, int64_t user);
int64_t	signin_register_wait(struct db *, struct arena *, const char *ip,
	    int64_t now);

#endif
