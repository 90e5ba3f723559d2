/* device.c (test): naming a session's device from real User-Agent headers, and headers that name nothing. */
#include <stddef.h>

#include "device.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		const char	*ua;
		const char	*want;
	} cases[] = {
		{ "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 "
		    "Firefox/133.0", "Firefox on Android" },
		{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
		    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		    "Chrome on Windows" },
		{ "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
		    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
		    "Mobile/15E148 Safari/604.1", "Safari on iPhone" },
		{ "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
		    "AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 "
		    "Mobile/15E148 Safari/604.1", "Chrome on iPhone" },
		{ "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
		    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
		    "Safari/605.1.15", "Safari on Mac" },
		{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
		    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 "
		    "Edg/131.0.0.0", "Edge on Windows" },
		{ "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 "
		    "(KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 "
		    "Mobile Safari/537.36", "Samsung Internet on Android" },
		{ "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 "
		    "Firefox/133.0", "Firefox on Linux" },
		{ "Mozilla/5.0 (Windows NT 10.0) Strange/1.0",
		    "Unknown browser on Windows" },
		{ "WWW-Mechanize/2.19", "Unknown browser" },
		{ "", "Unknown browser" },
		{ NULL, "Unknown browser" },
	};
	char	out[64];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(device_describe(out, sizeof(out), cases[i].ua),
		    cases[i].want, "%s", cases[i].want);
	is_str(device_describe(out, 8, "Firefox/1 Android"), "Firefox",
	    "a short buffer is cut, not overrun");
	return done_testing();
}
