/* fmt.c: rupees with Indian digit grouping; times in the configured zone (Asia/Kolkata). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "fmt.h"

/*
 * The zone's offset from UTC at an instant, remembered per instant.
 * localtime_r takes a lock, looks at TZ and walks the zone's rules on
 * every call, which cost more than the rest of a list row; pages show
 * the same stored instants again and again (a booking's time), so a
 * small direct-mapped memo keyed by the exact second answers most
 * calls, and it is exact: no assumption about when offsets change.
 */
#define OFFSET_SLOTS	1024

static struct {
	int64_t	utc;
	long	offset;
	int	valid;
} offset_memo[OFFSET_SLOTS];

/* Set once per process: TZ decides what localtime_r and mktime mean. */
void
fmt_set_timezone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	memset(offset_memo, 0, sizeof(offset_memo));
}

/*
 * Digits of a number at p, at least width of them (zero-padded), no
 * NUL; returns the end.  The one digit writer: printf cost more than
 * the rest of a list row.
 */
char *
fmt_uint(char *p, uint64_t v, int width)
{
	char	tmp[24];
	int	n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* Two digits, 00-99: the fields of a time. */
static char *
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

static char *
put_str(char *p, const char *s)
{
	while (*s != '\0')
		*p++ = *s++;
	return p;
}

/* Rupees grouped the Indian way at p: 1,23,45,678.  Returns the end. */
static char *
put_indian(char *p, uint64_t rupees)
{
	char	digits[24], *end = fmt_uint(digits, rupees, 1);
	size_t	n = (size_t)(end - digits), i;

	for (i = 0; i < n; i++) {
		size_t	left = n - i;

		*p++ = digits[i];
		if (left >= 4 && (left - 4) % 2 == 0)
			*p++ = ',';
	}
	return p;
}

/* "₹500" for whole rupees, "₹1,234.50" otherwise.  By hand, like times. */
char *
fmt_money(struct arena *a, int64_t paise)
{
	uint64_t	 abs = paise < 0 ? -(uint64_t)paise : (uint64_t)paise;
	char		*out = arena_alloc(a, 48), *p = out;

	if (paise < 0)
		*p++ = '-';
	p = put_str(p, "₹");
	p = put_indian(p, abs / 100);
	if (abs % 100 != 0) {
		*p++ = '.';
		p = put2(p, (int)(abs % 100));
	}
	*p = '\0';
	return out;
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
 * "500.00", "1234.50", "-0.05": rupees with two decimals and no
 * grouping, as a spreadsheet reads a number; written into out.
 */
char *
fmt_rupees_decimal(char out[FMT_DECIMAL_MAX], int64_t paise)
{
	uint64_t	 abs = paise < 0 ? -(uint64_t)paise : (uint64_t)paise;
	char		*p = out;

	if (paise < 0)
		*p++ = '-';
	p = fmt_uint(p, abs / 100, 1);
	*p++ = '.';
	p = put2(p, (int)(abs % 100));
	*p = '\0';
	return out;
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

static long
zone_offset(int64_t utc)
{
	size_t		 slot = (size_t)((uint64_t)utc * 0x9e3779b97f4a7c15ULL >> 54);
	time_t		 t = (time_t)utc;
	struct tm	 tm;

	if (offset_memo[slot].valid && offset_memo[slot].utc == utc)
		return offset_memo[slot].offset;
	if (localtime_r(&t, &tm) == NULL)
		return 0;
	offset_memo[slot].utc = utc;
	offset_memo[slot].offset = tm.tm_gmtoff;
	offset_memo[slot].valid = 1;
	return tm.tm_gmtoff;
}

/* A calendar date and time of day, from seconds since the epoch. */
struct civil {
	int64_t	year;
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
	int	hour, min, sec;
};

/*
 * Proleptic Gregorian date from days since 1970-01-01: Howard Hinnant's
 * days_from_civil inverse, in eras of 400 years.  Plain arithmetic,
 * where gmtime_r would lock and check the zone.
 */
static void
civil_of(int64_t secs, struct civil *c)
{
	int64_t		 days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
	int64_t		 rem = secs - days * 86400;
	int64_t		 z = days + 719468;
	int64_t		 era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		 doe = z - era * 146097;
	int64_t		 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		 mp = (5 * doy + 2) / 153;

	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = yoe + era * 400 + (c->month <= 2);
	c->hour = (int)(rem / 3600);
	c->min = (int)(rem % 3600 / 60);
	c->sec = (int)(rem % 60);
}

/* A year, with a minus sign before 1 BCE's 0 (never, in practice). */
static char *
put_year(char *p, int64_t year, int width)
{
	if (year < 0) {
		*p++ = '-';
		return fmt_uint(p, (uint64_t)-year, width);
	}
	return fmt_uint(p, (uint64_t)year, width);
}

static const char	month_abbr[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

/*
 * "21 Nov 2026, 4:30 pm" in the local zone.  Built by hand: strftime,
 * then snprintf, cost more than the rest of a list row together.
 */
char *
fmt_time(struct arena *a, int64_t utc)
{
	struct civil	 c;
	char		*out = arena_alloc(a, 48), *p = out;

	civil_of(utc + zone_offset(utc), &c);
	p = fmt_uint(p, (uint64_t)c.day, 1);
	*p++ = ' ';
	p = put_str(p, month_abbr[c.month - 1]);
	*p++ = ' ';
	p = put_year(p, c.year, 1);
	p = put_str(p, ", ");
	p = fmt_uint(p, (uint64_t)(c.hour % 12 == 0 ? 12 : c.hour % 12), 1);
	*p++ = ':';
	p = put2(p, c.min);
	p = put_str(p, c.hour < 12 ? " am" : " pm");
	*p = '\0';
	return out;
}

/* "2026-11-21T11:00:00" at p, no zone, no NUL; returns the end. */
static char *
put_iso(char *p, const struct civil *c)
{
	p = put_year(p, c->year, 4);
	*p++ = '-';
	p = put2(p, c->month);
	*p++ = '-';
	p = put2(p, c->day);
	*p++ = 'T';
	p = put2(p, c->hour);
	*p++ = ':';
	p = put2(p, c->min);
	*p++ = ':';
	return put2(p, c->sec);
}

/* "2026-11-21T11:00:00Z", for <time datetime> and signed records. */
char *
fmt_time_iso(struct arena *a, int64_t utc)
{
	struct civil	 c;
	char		*out = arena_alloc(a, FMT_ISO_MAX), *p = out;

	civil_of(utc, &c);
	p = put_iso(p, &c);
	p = put_str(p, "Z");
	*p = '\0';
	return out;
}

/*
 * "2026-12-01T18:30:00+05:30": the local time with the zone's offset
 * at that instant, for exports, written into out (no arena: a row of
 * an export must not grow the request's memory).  ISO 8601 offsets
 * are whole minutes; an offset with seconds (local mean time, before
 * 1942 in India) gives the same instant in UTC, "Z", instead.
 */
char *
fmt_time_iso_local(char out[FMT_ISO_MAX], int64_t utc)
{
	long		 offset = zone_offset(utc), minutes;
	struct civil	 c;
	char		*p = out;

	if (offset % 60 != 0) {
		civil_of(utc, &c);
		p = put_str(put_iso(p, &c), "Z");
		*p = '\0';
		return out;
	}
	civil_of(utc + offset, &c);
	p = put_iso(p, &c);
	*p++ = offset < 0 ? '-' : '+';
	minutes = (offset < 0 ? -offset : offset) / 60;
	p = put2(p, (int)(minutes / 60));
	*p++ = ':';
	p = put2(p, (int)(minutes % 60));
	*p = '\0';
	return out;
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

/*
 * A day "YYYY-MM-DD" in the local zone: the UTC seconds it starts and
 * the next one starts.  0, or -1 if malformed or not a real day.
 */
int
fmt_parse_day(const char *s, int64_t *start, int64_t *end)
{
	char		local[32];
	time_t		t;
	struct tm	tm;

	if (strlen(s) != 10)
		return -1;
	snprintf(local, sizeof(local), "%sT00:00", s);
	if (fmt_parse_local(local, start) != 0)
		return -1;
	t = (time_t)*start;
	localtime_r(&t, &tm);
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	*end = (int64_t)t;
	return 0;
}

/* The local day of an instant, "2026-12-01": a date input's value. */
char *
fmt_day_iso(char out[FMT_DAY_MAX], int64_t utc)
{
	struct civil	 c;
	char		*p = out;

	civil_of(utc + zone_offset(utc), &c);
	p = put_year(p, c.year, 4);
	*p++ = '-';
	p = put2(p, c.month);
	*p++ = '-';
	p = put2(p, c.day);
	*p = '\0';
	return out;
}

/* The local day of an instant: "1 Dec 2026", or "1 Dec" without the year. */
char *
fmt_day(struct arena *a, int64_t utc, int with_year)
{
	struct civil	 c;
	char		*out = arena_alloc(a, 32), *p = out;

	civil_of(utc + zone_offset(utc), &c);
	p = fmt_uint(p, (uint64_t)c.day, 1);
	*p++ = ' ';
	p = put_str(p, month_abbr[c.month - 1]);
	if (with_year) {
		*p++ = ' ';
		p = put_year(p, c.year, 1);
	}
	*p = '\0';
	return out;
}

/* Local days since 1970-01-01: equal for instants on the same local day. */
int64_t
fmt_local_days(int64_t utc)
{
	int64_t	secs = utc + zone_offset(utc);

	return secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
}

/* The local day with its weekday, for day headings: "Mon 30 Nov". */
char *
fmt_weekday_day(struct arena *a, int64_t utc)
{
	/* From day 0, 1970-01-01, a Thursday. */
	static const char	weekday_abbr[7][4] = {
		"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",
	};
	int64_t			days = fmt_local_days(utc);
	char			*out = arena_alloc(a, 40), *p = out;

	p = put_str(p, weekday_abbr[((days % 7) + 7) % 7]);
	*p++ = ' ';
	p = put_str(p, fmt_day(a, utc, 0));
	*p = '\0';
	return out;
}
