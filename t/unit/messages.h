/* messages.h (tests): what a unit test over the domain needs once its actions tell people: the email templates and a server secret. */
#ifndef HS_TEST_MESSAGES_H
#define HS_TEST_MESSAGES_H

#include <stdio.h>

#include "appkey.h"
#include "arena.h"
#include "tmpl.h"

/* Templates from src/templates, a fresh key in dir/app.key: 0, or -1. */
static __attribute__((unused)) int
messages_setup(struct arena *a, const char *src, const char *dir)
{
	const char	*key = arena_printf(a, "%s/app.key", dir);
	FILE		*f;

	if (tmpl_init(arena_printf(a, "%s/templates", src)) != 0 ||
	    (f = fopen(key, "w")) == NULL)
		return -1;
	fputs("00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff\n", f);
	fclose(f);
	return appkey_load(key);
}

#endif
