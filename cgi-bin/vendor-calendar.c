/* vendor-calendar.c: a month grid of the vendor's jobs, Monday first, in local time. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking.h"
#include "booking-view.h"
#include "vendor-area.h"
#include "web.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Midnight on a local date, as UTC seconds (mktime normalises). */
static int64_t
day_start(int year, int month, int day)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month;
	tm.tm_mday = day;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* ?month=YYYY-MM, else this month.  Returns -1 when malformed. */
static int
month_read(struct web *w, int *year, int *month)
{
	const char	*q = web_query(w, "month");
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 used = 0;

	localtime_r(&now, &tm);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon;
	if (q == NULL || *q == '\0')
		return 0;
	if (strlen(q) != 7 || strspn(q, "0123456789-") != 7 || q[4] != '-' ||
	    sscanf(q, "%4d-%2d%n", year, month, &used) != 2 || used != 7 ||
	    *year < 2000 || *year > 2100 || *month < 1 || *month > 12)
		return -1;
	(*month)--;
	return 0;
}

static void
day_jobs_fill(struct web *w, struct tmpl_dict *cell, struct booking *list,
    size_t n, int64_t from, int64_t to)
{
	struct tmpl_dict	*row;
	time_t			 t;
	struct tm		 tm;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (list[i].scheduled_at < from || list[i].scheduled_at >= to)
			continue;
		t = (time_t)list[i].scheduled_at;
		localtime_r(&t, &tm);
		row = tmpl_section(cell, "job");
		tmpl_set_int(row, "id", list[i].id);
		tmpl_setf(row, "time", "%02d:%02d", tm.tm_hour, tm.tm_min);
		tmpl_set(row, "service", list[i].service_name);
		tmpl_set(row, "status_label", booking_label(w, list[i].status));
	}
}

/* The grid: weeks as rows, days Monday to Sunday, jobs in each day. */
static void
grid_fill(struct web *w, struct tmpl_dict *d, int year, int month,
    struct booking *list, size_t n)
{
	struct tmpl_dict	*week = NULL, *cell;
	time_t			 first = (time_t)day_start(year, month, 1);
	struct tm		 tm;
	int			 lead, days, i, slot;

	localtime_r(&first, &tm);
	lead = (tm.tm_wday + 6) % 7;	/* blanks before the 1st */
	days = (int)((day_start(year, month + 1, 1) - (int64_t)first + 43200) /
	    86400);
	for (slot = 0; slot < lead + days || slot % 7 != 0; slot++) {
		if (slot % 7 == 0)
			week = tmpl_section(d, "week");
		cell = tmpl_section(week, "day");
		i = slot - lead + 1;
		if (i < 1 || i > days) {
			tmpl_show(cell, "blank");
			continue;
		}
		tmpl_set_int(tmpl_section(cell, "date"), "number", i);
		day_jobs_fill(w, cell, list, n, day_start(year, month, i),
		    day_start(year, month, i + 1));
	}
}

void
page_vendor_calendar(struct web *w)
{
	struct booking		*list;
	struct tmpl_dict	*d;
	int			 year, month;
	size_t			 n;

	if (month_read(w, &year, &month)) {
		web_error(w, 400, "Give the month as YYYY-MM, like 2026-12.");
		return;
	}
	d = web_page(w, "Calendar", "vendor_calendar.tpl");
	tmpl_setf(d, "month", "%s %d", month_names[month], year);
	tmpl_setf(d, "prev", "%04d-%02d", month == 0 ? year - 1 : year,
	    month == 0 ? 12 : month);
	tmpl_setf(d, "next", "%04d-%02d", month == 11 ? year + 1 : year,
	    month == 11 ? 1 : month + 2);
	n = booking_list_vendor(w->db, w->arena, w->session.user_id,
	    day_start(year, month, 1), day_start(year, month + 1, 1), &list);
	grid_fill(w, d, year, month, list, n);
	tmpl_set_int(d, "count", (int64_t)n);
	web_render(w, 200);
}
