/* clock.c: one clock per process, so timed jobs can be run "as of" another time: tests and replays never wait. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "fmt.h"

static int	fixed;
static int64_t	fixed_at;

/* UTC seconds: the fixed time if a command set one, else the system's. */
int64_t
clock_now(void)
{
	return fixed ? fixed_at : (int64_t)time(NULL);
}

void
clock_set(int64_t utc)
{
	fixed = 1;
	fixed_at = utc;
}

/*
 * "@1764590509" (UTC seconds), or "YYYY-MM-DDTHH:MM" in the display
 * zone: 0, or -1.
 */
int
clock_parse(const char *s, int64_t *utc)
{
	char	*end;
	long long v;

	if (s[0] == '@') {
		if (s[1] < '0' || s[1] > '9' || strlen(s) > 12)
			return -1;
		v = strtoll(s + 1, &end, 10);
		if (*end != '\0')
			return -1;
		*utc = v;
		return 0;
	}
	return fmt_parse_local(s, utc);
}
