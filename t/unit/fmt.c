/* fmt.c (test): rupees with Indian grouping, money parsing, and local times in Asia/Kolkata. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "fmt.h"
#include "tap.h"

/* 2026-11-21T05:00:00Z, which is 10:30 in Kolkata. */
#define NOV21_0500Z	INT64_C(1795237200)

static struct arena	*arena;

static void
test_money(void)
{
	static const struct {
		int64_t		 paise;
		const char	*want;
	} cases[] = {
		{ 0, "₹0" },
		{ 5, "₹0.05" },
		{ 50, "₹0.50" },
		{ 100, "₹1" },
		{ 45050, "₹450.50" },
		{ 50000, "₹500" },
		{ 99999, "₹999.99" },
		{ 100000, "₹1,000" },
		{ 1234500, "₹12,345" },
		{ 10000000, "₹1,00,000" },
		{ 123456789, "₹12,34,567.89" },
		{ 1000000000, "₹1,00,00,000" },
		{ INT64_C(10000000000), "₹10,00,00,000" },
		{ FMT_MAX_PAISE, "₹1,00,00,00,000" },
		{ -5, "-₹0.05" },
		{ -50000, "-₹500" },
		{ -123456789, "-₹12,34,567.89" },
		{ INT64_MAX, "₹92,23,37,20,36,85,47,758.07" },
		{ INT64_MIN, "-₹92,23,37,20,36,85,47,758.08" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(fmt_money(arena, cases[i].paise), cases[i].want,
		    "money: %lld paise", (long long)cases[i].paise);
}

static void
test_rupees_input(void)
{
	static const struct {
		int64_t		 paise;
		const char	*want;
	} cases[] = {
		{ 0, "0" },
		{ 5, "0.05" },
		{ 50000, "500" },
		{ 45050, "450.50" },
		{ 100000, "1000" },
		{ FMT_MAX_PAISE, "1000000000" },
		{ -45050, "-450.50" },
		{ -5, "-0.05" },
		{ -100, "-1" },
	};
	int64_t	 p, back;
	size_t	 i;
	int	 bad = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(fmt_rupees_input(arena, cases[i].paise), cases[i].want,
		    "rupees input: %lld paise", (long long)cases[i].paise);
	/* What is put back in a field parses to the same amount. */
	for (p = 0; p < 20000; p += 7)
		if (fmt_parse_money(fmt_rupees_input(arena, p), &back) != 0 ||
		    back != p)
			bad++;
	is_int(bad, 0, "rupees input: round-trips through fmt_parse_money");
}

static void
test_parse_money(void)
{
	static const struct {
		const char	*s;
		int64_t		 paise;
	} good[] = {
		{ "0", 0 },
		{ "450", 45000 },
		{ "450.5", 45050 },
		{ "450.50", 45050 },
		{ "450.05", 45005 },
		{ "0.01", 1 },
		{ "007", 700 },
		{ "1000000000", FMT_MAX_PAISE },
		{ "999999999.99", FMT_MAX_PAISE - 1 },
	};
	static const char *const bad[] = {
		"", ".", ".5", "5.", "1.234", "-5", "+5", "1e3", " 5", "5 ",
		"5,000", "₹500", "0x10", "5..0", "5.0.0", "NaN",
		"inf", "1000000000.01", "1000000001", "999999999999",
		"1234567890123", "99999999999999999999999999", "5.-1", "5.+1",
		"5. 1", "\xd9\xa5",
	};
	int64_t	paise;
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		paise = -1;
		is_int(fmt_parse_money(good[i].s, &paise), 0, "parse money: "
		    "'%s' accepted", good[i].s);
		is_int(paise, good[i].paise, "parse money: '%s' is %lld paise",
		    good[i].s, (long long)good[i].paise);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(fmt_parse_money(bad[i], &paise), -1,
		    "parse money: '%s' refused", bad[i]);
}

static void
test_time(void)
{
	fmt_set_timezone("Asia/Kolkata");
	is_str(fmt_time(arena, NOV21_0500Z), "21 Nov 2026, 10:30 am",
	    "time: morning in Kolkata");
	is_str(fmt_time(arena, NOV21_0500Z + 6 * 3600), "21 Nov 2026, 4:30 pm",
	    "time: afternoon, 12-hour clock");
	is_str(fmt_time(arena, NOV21_0500Z - 10 * 3600 - 1800),
	    "21 Nov 2026, 12:00 am", "time: midnight is 12 am");
	is_str(fmt_time(arena, NOV21_0500Z + 5400), "21 Nov 2026, 12:00 pm",
	    "time: noon is 12 pm");
	is_str(fmt_time(arena, NOV21_0500Z - 16 * 86400 - 1),
	    "5 Nov 2026, 10:29 am", "time: no leading zero on the day");
	is_str(fmt_time(arena, NOV21_0500Z + 13 * 3600 + 29 * 60),
	    "21 Nov 2026, 11:59 pm", "time: last minute of the day");
	is_str(fmt_time(arena, NOV21_0500Z + 13 * 3600 + 30 * 60),
	    "22 Nov 2026, 12:00 am", "time: ... and the next day");
	is_str(fmt_time_iso(arena, NOV21_0500Z), "2026-11-21T05:00:00Z",
	    "time iso: UTC");
	is_str(fmt_time_iso(arena, 0), "1970-01-01T00:00:00Z", "time iso: epoch");
}

/*
 * fmt_time and fmt_time_iso are built by hand, with the zone's offset
 * remembered per instant; strftime over localtime_r and gmtime_r is the
 * reference.  Zones with summer time, a half-hour change (Lord Howe),
 * and instants around their changes, each asked twice so that the
 * second answer comes from the memo.
 */
static void
test_time_reference(void)
{
	static const char *const zones[] = {
		"Asia/Kolkata", "Europe/London", "America/New_York",
		"Australia/Lord_Howe", "Asia/Kathmandu", "UTC",
	};
	static const char *const month[] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char		 want[64];
	struct tm	 tm;
	time_t		 t;
	int64_t		 utc;
	size_t		 z, k, bad, badiso, n;
	int		 pass, h;

	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		fmt_set_timezone(zones[z]);
		bad = badiso = n = 0;
		for (pass = 0; pass < 2; pass++) {
			/* Every 7 min 13 s over 2026, plus a spread of years. */
			for (k = 0; k < 75000; k++, n++) {
				utc = k < 72800 ? INT64_C(1767225600) +
				    (int64_t)k * 433 : INT64_C(86400) * 3 +
				    (int64_t)(k - 72800) * INT64_C(1900000);
				t = (time_t)utc;
				localtime_r(&t, &tm);
				h = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
				snprintf(want, sizeof(want), "%d %s %d, %d:%02d %s",
				    tm.tm_mday, month[tm.tm_mon],
				    tm.tm_year + 1900, h, tm.tm_min,
				    tm.tm_hour < 12 ? "am" : "pm");
				if (strcmp(fmt_time(arena, utc), want) != 0 &&
				    bad++ == 0)
					diag("%s: %lld is '%s', not '%s'", zones[z],
					    (long long)utc, fmt_time(arena, utc),
					    want);
				gmtime_r(&t, &tm);
				strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ",
				    &tm);
				if (strcmp(fmt_time_iso(arena, utc), want) != 0 &&
				    badiso++ == 0)
					diag("iso: %lld is '%s', not '%s'",
					    (long long)utc,
					    fmt_time_iso(arena, utc), want);
			}
			arena_reset(arena);
		}
		is_int((int64_t)bad, 0, "time: %s agrees with localtime_r at "
		    "%zu instants", zones[z], n);
		is_int((int64_t)badiso, 0, "time iso: agrees with gmtime_r "
		    "(%s pass)", zones[z]);
	}
	fmt_set_timezone("Asia/Kolkata");
}

/* Exports' amounts: always two decimals, no grouping, no symbol. */
static void
test_rupees_decimal(void)
{
	static const struct {
		int64_t		 paise;
		const char	*want;
	} cases[] = {
		{ 0, "0.00" },
		{ 5, "0.05" },
		{ 50, "0.50" },
		{ 50000, "500.00" },
		{ 123450, "1234.50" },
		{ 123456789, "1234567.89" },
		{ FMT_MAX_PAISE, "1000000000.00" },
		{ -5, "-0.05" },
		{ -123450, "-1234.50" },
		{ INT64_MAX, "92233720368547758.07" },
		{ INT64_MIN, "-92233720368547758.08" },
	};
	char	out[FMT_DECIMAL_MAX];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(fmt_rupees_decimal(out, cases[i].paise), cases[i].want,
		    "rupees decimal: %lld paise", (long long)cases[i].paise);
}

/*
 * Exports' times: local time with the zone's offset, against strftime's
 * %z (with the colon ISO 8601's extended form puts in it) in zones with
 * summer time, half and quarter hours, and west of Greenwich.
 */
static void
test_time_iso_local(void)
{
	static const char *const zones[] = {
		"Asia/Kolkata", "Europe/London", "America/New_York",
		"America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu",
		"UTC",
	};
	char		 out[FMT_ISO_MAX], want[64];
	struct tm	 tm;
	time_t		 t;
	int64_t		 utc;
	size_t		 z, k, bad, len;

	fmt_set_timezone("Asia/Kolkata");
	is_str(fmt_time_iso_local(out, 1796130000), "2026-12-01T18:30:00+05:30",
	    "iso local: an evening in Kolkata");
	is_str(fmt_time_iso_local(out, 0), "1970-01-01T05:30:00+05:30",
	    "iso local: the epoch in Kolkata");
	is_str(fmt_time_iso_local(out, 1798741800), "2027-01-01T00:00:00+05:30",
	    "iso local: midnight IST is the new day");
	is_str(fmt_time_iso_local(out, 1798741799), "2026-12-31T23:59:59+05:30",
	    "iso local: a second before it is the old one");
	/* Madras time, +05:21:10 until 1906, is not whole minutes: UTC. */
	is_str(fmt_time_iso_local(out, INT64_C(-2208988800)),
	    "1900-01-01T00:00:00Z", "iso local: an offset with seconds is UTC");
	fmt_set_timezone("America/New_York");
	is_str(fmt_time_iso_local(out, 1796130000), "2026-12-01T08:00:00-05:00",
	    "iso local: winter in New York");
	is_str(fmt_time_iso_local(out, 1783002600), "2026-07-02T10:30:00-04:00",
	    "iso local: summer in New York");
	fmt_set_timezone("UTC");
	is_str(fmt_time_iso_local(out, 1796130000), "2026-12-01T13:00:00+00:00",
	    "iso local: UTC has an offset of +00:00");
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		fmt_set_timezone(zones[z]);
		bad = 0;
		/* Every 7 min 13 s over 2026, plus a spread of years. */
		for (k = 0; k < 75000; k++) {
			utc = k < 72800 ? INT64_C(1767225600) + (int64_t)k * 433 :
			    INT64_C(86400) * 3 + (int64_t)(k - 72800) *
			    INT64_C(1900000);
			t = (time_t)utc;
			localtime_r(&t, &tm);
			len = strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S%z",
			    &tm);
			/* +0530 -> +05:30 */
			memmove(want + len - 1, want + len - 2, 3);
			want[len - 2] = ':';
			if (strcmp(fmt_time_iso_local(out, utc), want) != 0 &&
			    bad++ == 0)
				diag("%s: %lld is '%s', not '%s'", zones[z],
				    (long long)utc, out, want);
		}
		is_int((int64_t)bad, 0, "iso local: %s agrees with strftime",
		    zones[z]);
	}
	fmt_set_timezone("Asia/Kolkata");
}

static void
test_parse_local(void)
{
	static const char *const bad[] = {
		"2026-02-29T10:00", "2026-02-30T10:00", "2026-04-31T10:00",
		"2026-11-21T24:00", "2026-11-21T23:60", "2026-13-01T10:00",
		"2026-00-10T10:00", "2026-11-00T10:00", "2026-11-32T10:00",
		"2026/11/21T10:30", "2026-11-21 10:30", "2026-11-21t10:30",
		"2026-11-21T10.30", "2026.11-21T10:30", "2026-11-21T10:30:00",
		"2026-11-21T10:30Z", "2026-11-21T1:30", "2026-1-21T10:30",
		"26-11-21T10:30", "", "T", "1969-12-31T23:59",
		"0000-01-01T00:00", "2026-+1-21T10:30", "2026- 1-21T10:30",
		"2026-11-21T10:-0", "2026-11-21T-1:30", "+026-11-21T10:30",
		" 2026-11-21T10:30", "2026-11-21T10:30 ", "2026-11-2aT10:30",
		"２026-11-21T10:30", "2026-11-21T10:30\n",
	};
	int64_t	 utc = 0;
	size_t	 i;

	fmt_set_timezone("Asia/Kolkata");
	is_int(fmt_parse_local("2026-11-21T10:30", &utc), 0, "local: parses");
	is_int(utc, NOV21_0500Z, "local: 10:30 IST is 05:00 UTC");
	is_str(fmt_time(arena, utc), "21 Nov 2026, 10:30 am",
	    "local: shown back the same");
	fmt_parse_local("2026-11-21T00:00", &utc);
	is_int(utc, NOV21_0500Z - 10 * 3600 - 1800, "local: midnight");
	fmt_parse_local("2026-11-21T23:59", &utc);
	is_int(utc, NOV21_0500Z + 13 * 3600 + 29 * 60, "local: last minute");
	is_int(fmt_parse_local("2028-02-29T09:15", &utc), 0, "local: leap day");
	is_str(fmt_time_iso(arena, utc), "2028-02-29T03:45:00Z",
	    "local: ... at the right instant");
	is_int(fmt_parse_local("2026-12-31T23:59", &utc), 0, "local: new year");
	is_int(fmt_parse_local("1970-01-01T05:30", &utc), 0, "local: epoch");
	is_int(utc, 0, "local: ... is zero");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		utc = 12345;
		is_int(fmt_parse_local(bad[i], &utc), -1, "local: '%s' refused",
		    bad[i]);
	}

	/* The zone is honoured: the same wall time in UTC is 5.5 hours later. */
	fmt_set_timezone("UTC");
	fmt_parse_local("2026-11-21T10:30", &utc);
	is_int(utc, NOV21_0500Z + 5 * 3600 + 1800, "local: zone set to UTC");
	is_str(fmt_time(arena, NOV21_0500Z), "21 Nov 2026, 5:00 am",
	    "time: zone set to UTC");
	fmt_set_timezone("Asia/Kolkata");
}

/* A day's bounds in India: from its midnight to the next one. */
static void
test_parse_day(void)
{
	static const char	*bad[] = {
		"", "2026-12-1", "2026-12-311", "2026-13-01", "2026-02-30",
		"2027-02-29", "2026-12-31T00:00", "31-12-2026", "2026/12/31",
		" 2026-12-31", "2026-12-3a",
	};
	int64_t	 start = 0, end = 0;
	size_t	 i;

	fmt_set_timezone("Asia/Kolkata");
	is_int(fmt_parse_day("2026-12-31", &start, &end), 0, "day: parses");
	is_int(start, 1798655400, "day: starts at midnight IST");
	is_int(end, 1798741800, "day: ends at the new year's midnight");
	is_int(fmt_parse_day("2028-02-29", &start, &end), 0, "day: leap day");
	is_int(end - start, 86400, "day: ... 24 hours long");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(fmt_parse_day(bad[i], &start, &end), -1,
		    "day: '%s' refused", bad[i]);
}

/* A local day of an instant: for date inputs, tables and chart axes. */
static void
test_day(void)
{
	char	out[FMT_DAY_MAX];

	fmt_set_timezone("Asia/Kolkata");
	is_str(fmt_day_iso(out, NOV21_0500Z), "2026-11-21", "day iso: the local day");
	/* 18:29:59Z is 23:59:59 in Kolkata; a second later the next day. */
	is_str(fmt_day_iso(out, 1798655400 - 1), "2026-12-30", "day iso: the last second of a day");
	is_str(fmt_day_iso(out, 1798655400), "2026-12-31", "day iso: the first second of the next");
	is_str(fmt_day(arena, 1798655400, 1), "31 Dec 2026", "day: with the year");
	is_str(fmt_day(arena, 1798741800, 0), "1 Jan", "day: without it");
	is_str(fmt_day(arena, NOV21_0500Z, 1), "21 Nov 2026", "day: Nov 21");
	is_str(fmt_weekday_day(arena, NOV21_0500Z), "Sat 21 Nov", "weekday day: Nov 21 2026 is a Saturday");
	is_str(fmt_weekday_day(arena, 1798655400), "Thu 31 Dec", "weekday day: the local day, not UTC's");
	ok(fmt_local_days(1798655400) == fmt_local_days(1798655400 + 86399) &&
	    fmt_local_days(1798655400 - 1) + 1 == fmt_local_days(1798655400), "local days: change at local midnight");
}

int
main(void)
{
	arena = arena_new();
	test_money();
	test_rupees_input();
	test_parse_money();
	test_time();
	test_time_reference();
	test_rupees_decimal();
	test_time_iso_local();
	test_parse_local();
	test_parse_day();
	test_day();
	arena_free(arena);
	return done_testing();
}
