/* booking-pincode.c: the pincode a visitor or customer shops for: a customer's default address, else a cookie a visitor's last pincode search set. */
#include <string.h>

#include "address.h"
#include "arena.h"
#include "booking-pincode.h"
#include "web.h"

/* Six digits, not starting with 0: what India Post issues. */
int
pincode_valid(const char *p)
{
	return p != NULL && strlen(p) == 6 && strspn(p, "0123456789") == 6 &&
	    p[0] != '0';
}

/*
 * The customer's default address's pincode, else the cookie's when it
 * is a pincode (it comes from the browser: anything may be in it), else
 * NULL.  At most one indexed query, and none for visitors.
 */
const char *
pincode_remembered(struct web *w)
{
	struct address	*list;
	const char	*kept;
	size_t		 n, i;

	if (w->session.user_id != 0 && w->session.role == ROLE_CUSTOMER) {
		n = address_list(w->db, w->arena, w->session.user_id, &list);
		for (i = 0; i < n; i++)
			if (list[i].is_default)
				return list[i].pincode;
	}
	kept = http_param_get(&w->req.cookies, PINCODE_COOKIE);
	return pincode_valid(kept) ? kept : NULL;
}

/*
 * A visitor's pincode, kept a year in a cookie scripts cannot read;
 * customers have their default address, so nothing is set for them.
 */
void
pincode_remember(struct web *w, const char *pincode)
{
	const char	*kept = http_param_get(&w->req.cookies, PINCODE_COOKIE);

	if (w->session.user_id != 0 || !pincode_valid(pincode) ||
	    (kept != NULL && strcmp(kept, pincode) == 0))
		return;
	http_header_add(&w->res, "Set-Cookie", arena_printf(w->arena,
	    PINCODE_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    pincode, PINCODE_COOKIE_AGE, web_cookie_secure(w)));
}
