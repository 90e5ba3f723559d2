/* pwpolicy.h: whether a new password is good enough: libpwquality's checks against its cracklib dictionary, and never the person's own name. */
#ifndef HS_PWPOLICY_H
#define HS_PWPOLICY_H

struct arena;

#define PWPOLICY_MIN_LENGTH	8	/* bytes, as the forms ask */

const char	*pwpolicy_check(struct arena *, const char *password,
		    const char *username, const char *email);

#endif
