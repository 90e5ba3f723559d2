/* pwpolicy.c: whether a new password is good enough: libpwquality's checks against its cracklib dictionary, and never the person's own name. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <pwquality.h>

#include "arena.h"
#include "log.h"
#include "pwpolicy.h"

/* libpwquality's refusals in our words; the dictionary's say why itself. */
static const struct {
	int		 code;
	const char	*sentence;
} reasons[] = {
	{ PWQ_ERROR_USER_CHECK, "This password contains your username: "
	    "choose one that does not." },
	{ PWQ_ERROR_PALINDROME, "This password reads the same backwards: "
	    "choose one that is harder to guess." },
	{ PWQ_ERROR_MAX_CONSECUTIVE, "This password repeats the same "
	    "character too often: choose one that is harder to guess." },
	{ PWQ_ERROR_MAX_CLASS_REPEAT, "This password has too many characters "
	    "of one kind in a row: choose one that is harder to guess." },
	{ PWQ_ERROR_MAX_SEQUENCE, "This password contains a sequence like "
	    "abcd or 1234: choose one that is harder to guess." },
	{ PWQ_ERROR_MIN_CLASSES, "This password needs more kinds of "
	    "characters: mix letters, digits and symbols." },
	{ PWQ_ERROR_MIN_DIGITS, "This password needs more digits." },
	{ PWQ_ERROR_MIN_UPPERS, "This password needs more capital letters." },
	{ PWQ_ERROR_MIN_LOWERS, "This password needs more small letters." },
	{ PWQ_ERROR_MIN_OTHERS, "This password needs more symbols." },
	{ PWQ_ERROR_BAD_WORDS, "This password contains a word that is not "
	    "allowed: choose another." },
	{ PWQ_ERROR_EMPTY_PASSWORD, "Choose a password." },
};

/*
 * One settings object for the process: the system's pwquality.conf
 * (so an operator may ask for more), with our minimum length.
 */
static pwquality_settings_t *
settings(void)
{
	static pwquality_settings_t	*pwq;
	void				*aux = NULL;
	char				 buf[256];
	int				 rc;

	if (pwq != NULL)
		return pwq;
	if ((pwq = pwquality_default_settings()) == NULL)
		log_fatal("pwpolicy: out of memory");
	rc = pwquality_read_config(pwq, NULL, &aux);
	if (rc != 0 && rc != PWQ_ERROR_CFGFILE_OPEN)
		log_warn("pwpolicy: %s", pwquality_strerror(buf, sizeof(buf),
		    rc, aux));
	if (pwquality_set_int_value(pwq, PWQ_SETTING_MIN_LENGTH,
	    PWPOLICY_MIN_LENGTH) != 0)
		log_fatal("pwpolicy: cannot set the minimum length");
	return pwq;
}

/* Whether s holds part (at least 3 bytes), ignoring case. */
static int
contains(const char *s, const char *part, size_t len)
{
	size_t	n = strlen(s), i;

	if (len < 3 || len > n)
		return 0;
	for (i = 0; i + len <= n; i++)
		if (strncasecmp(s + i, part, len) == 0)
			return 1;
	return 0;
}

/* The dictionary's reason ("it is based on a dictionary word") in a sentence. */
static const char *
dictionary_reason(struct arena *a, const char *text)
{
	const char	*why = strstr(text, " - ");

	if (why == NULL)
		return "This password is too common: choose one that is harder "
		    "to guess.";
	return arena_printf(a, "This password is too common: %s.", why + 3);
}

/*
 * NULL when password may be chosen by the person with this username
 * and email (either may be NULL), else the sentence saying why not.
 * The length is the form's to check (FORM_NEW_PASSWORD).
 */
const char *
pwpolicy_check(struct arena *a, const char *password, const char *username,
    const char *email)
{
	void		*aux = NULL;
	char		 buf[256];
	const char	*text;
	size_t		 i;
	int		 rc;

	if (username != NULL && contains(password, username, strlen(username)))
		return "This password contains your username: choose one that "
		    "does not.";
	if (email != NULL && contains(password, email, strcspn(email, "@")))
		return "This password contains your email address: choose one "
		    "that does not.";
	if ((rc = pwquality_check(settings(), password, NULL, username,
	    &aux)) >= 0)
		return NULL;
	text = pwquality_strerror(buf, sizeof(buf), rc, aux);
	if (rc == PWQ_ERROR_CRACKLIB_CHECK)
		return dictionary_reason(a, text);
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == rc)
			return reasons[i].sentence;
	return arena_printf(a, "This password cannot be used: %s.", text);
}
