/* fmt.c: rupees with Indian digit grouping; times in the configured zone (Asia/Kolkata). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "fmt.h"

/* The zone's offset from UTC, valid for one hour of UTC (see local_tm). */
static int64_t	cached_hour = INT64_MIN;
static long	cached_offset;

/* Set once per process: TZ decides what localtime_r and mktime mean. */
void
fmt_set_timezone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	cached_hour = INT64_MIN;
}

/* Group digits the Indian way: 1,23,45,678. */
static void
group_indian(char *out, size_t outsz, int64_t rupees)
{
	char	digits[32], *p = out;
	size_t	n, i;

	snprintf(digits, sizeof(digits), "%lld", (long long)rupees);
	n = strlen(digits);
	for (i = 0; i < n && (size_t)(p - out) + 2 < outsz; i++) {
		size_t	left = n - i;

		*p++ = digits[i];
		if (left >= 4 && (left - 4) % 2 == 0)
			*p++ = ',';
	}
	*p = '\0';
}

/* "₹500" for whole rupees, "₹1,234.50" otherwise. */
char *
fmt_money(struct arena *a, int64_t paise)
{
	char		 grouped[48];
	const char	*sign = paise < 0 ? "-" : "";
	uint64_t	 abs = paise < 0 ? -(uint64_t)paise : (uint64_t)paise;

	group_indian(grouped, sizeof(grouped), (int64_t)(abs / 100));
	if (abs % 100 == 0)
		return arena_printf(a, "%s₹%s", sign, grouped);
	return arena_printf(a, "%s₹%s.%02u", sign, grouped,
	    (unsigned)(abs % 100));
}

/* The value to put back in a price field: "500", "450.50" or "-0.50". */
char *
fmt_rupees_input(struct arena *a, int64_t paise)
{
	const char	*sign = paise < 0 ? "-" : "";
	uint64_t	 abs = paise < 0 ? -(uint64_t)paise : (uint64_t)paise;

	if (abs % 100 == 0)
		return arena_printf(a, "%s%llu", sign,
		    (unsigned long long)(abs / 100));
	return arena_printf(a, "%s%llu.%02u", sign,
	    (unsigned long long)(abs / 100), (unsigned)(abs % 100));
}

/*
 * Parse rupees with at most two decimals ("450", "450.5", "450.50")
 * into paise.  Returns 0, or -1 for anything else or above FMT_MAX_PAISE.
 */
int
fmt_parse_money(const char *s, int64_t *paise)
{
	int64_t	rupees = 0, frac = 0;
	int	ndigits = 0, nfrac = 0;

	for (; *s >= '0' && *s <= '9'; s++, ndigits++) {
		if (ndigits >= 12)
			return -1;
		rupees = rupees * 10 + (*s - '0');
	}
	if (ndigits == 0)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac == 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return -1;
		if (nfrac == 1)
			frac *= 10;
	}
	if (*s != '\0')
		return -1;
	*paise = rupees * 100 + frac;
	return *paise > FMT_MAX_PAISE ? -1 : 0;
}

/*
 * Local calendar time.  The zone's offset only changes at a transition,
 * which falls on an hour boundary, so it is looked up once per hour of
 * UTC and the rest is plain arithmetic (localtime_r locks and walks the
 * zone's rules on every call).
 */
static void
local_tm(int64_t utc, struct tm *tm)
{
	int64_t		hour = utc >= 0 ? utc / 3600 : (utc - 3599) / 3600;
	time_t		t = (time_t)utc, shifted;

	if (hour != cached_hour) {
		localtime_r(&t, tm);
		cached_offset = tm->tm_gmtoff;
		cached_hour = hour;
		return;
	}
	shifted = t + cached_offset;
	gmtime_r(&shifted, tm);
	tm->tm_gmtoff = cached_offset;
}

static const char	month_abbr[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

/*
 * "21 Nov 2026, 4:30 pm" in the local zone.  Built by hand: strftime
 * cost more than the rest of a list row together.
 */
char *
fmt_time(struct arena *a, int64_t utc)
{
	struct tm	tm;
	int		hour;

	local_tm(utc, &tm);
	hour = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
	return arena_printf(a, "%d %s %d, %d:%02d %s", tm.tm_mday,
	    month_abbr[tm.tm_mon], tm.tm_year + 1900, hour, tm.tm_min,
	    tm.tm_hour < 12 ? "am" : "pm");
}

/* "2026-11-21T11:00:00Z", for <time datetime> and signed records. */
char *
fmt_time_iso(struct arena *a, int64_t utc)
{
	time_t		t = (time_t)utc;
	struct tm	tm;

	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

/*
 * Parse "YYYY-MM-DDTHH:MM" as a local time into UTC seconds.  Returns
 * 0, or -1 if malformed or not a real calendar time.
 */
int
fmt_parse_local(const char *s, int64_t *utc)
{
	static const char	shape[] = "dddd-dd-ddTdd:dd";
	struct tm		tm, back;
	int			y, mo, d, h, mi, used = 0;
	time_t			t;
	size_t			i;

	/* sscanf alone would also take signs and spaces in the numbers. */
	if (strlen(s) != 16)
		return -1;
	for (i = 0; i < 16; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return -1;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &used) != 5 || used != 16)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	if (y < 1970 || y > 9999 || (t = mktime(&tm)) == (time_t)-1)
		return -1;
	localtime_r(&t, &back);
	if (back.tm_year != y - 1900 || back.tm_mon != mo - 1 ||
	    back.tm_mday != d || back.tm_hour != h || back.tm_min != mi)
		return -1;
	*utc = (int64_t)t;
	return 0;
}
