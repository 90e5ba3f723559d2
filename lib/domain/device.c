/* device.c: naming a session's device from its User-Agent by two tables of patterns (browser, system), for the sessions page. */
#include <stdio.h>
#include <string.h>

#include "device.h"

/*
 * First match wins, so a browser whose header also names another comes
 * first: Edge, Opera and Samsung Internet say "Chrome", Chrome says
 * "Safari", and Chrome and Firefox on iOS say "CriOS" and "FxiOS".
 */
static const struct {
	const char	*token;
	const char	*name;
} browsers[] = {
	{ "Edg/", "Edge" },
	{ "EdgA/", "Edge" },
	{ "EdgiOS/", "Edge" },
	{ "OPR/", "Opera" },
	{ "SamsungBrowser/", "Samsung Internet" },
	{ "FxiOS/", "Firefox" },
	{ "Firefox/", "Firefox" },
	{ "CriOS/", "Chrome" },
	{ "Chrome/", "Chrome" },
	{ "Safari/", "Safari" },
	{ "curl/", "curl" },
};

/* Phones and tablets before the systems their headers also name. */
static const struct {
	const char	*token;
	const char	*name;
} systems[] = {
	{ "iPhone", "iPhone" },
	{ "iPad", "iPad" },
	{ "Android", "Android" },
	{ "CrOS", "ChromeOS" },
	{ "Windows", "Windows" },
	{ "Mac OS X", "Mac" },
	{ "Macintosh", "Mac" },
	{ "Linux", "Linux" },
};

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

/*
 * "Browser on System" into out (size bytes); either part may be
 * missing ("Unknown browser on Windows", "Firefox"), and a header
 * naming neither is "Unknown browser".  Returns out.
 */
char *
device_describe(char *out, size_t size, const char *ua)
{
	const char	*browser = NULL, *system = NULL;
	size_t		 i;

	for (i = 0; ua != NULL && browser == NULL && i < NELEM(browsers); i++)
		if (strstr(ua, browsers[i].token) != NULL)
			browser = browsers[i].name;
	for (i = 0; ua != NULL && system == NULL && i < NELEM(systems); i++)
		if (strstr(ua, systems[i].token) != NULL)
			system = systems[i].name;
	if (system != NULL)
		snprintf(out, size, "%s on %s", browser != NULL ? browser :
		    "Unknown browser", system);
	else
		snprintf(out, size, "%s", browser != NULL ? browser :
		    "Unknown browser");
	return out;
}
