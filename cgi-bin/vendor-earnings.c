/* vendor-earnings.c: a vendor's earnings by month (gross, commission, net), what is paid out and what is pending. */
#include "arena.h"
#include "fmt.h"
#include "payments.h"
#include "payout.h"
#include "web.h"

#define EARNINGS_SHOWN	50
#define PAYOUTS_SHOWN	24

static void
months_fill(struct web *w, struct tmpl_dict *d)
{
	struct earning_month	*m;
	struct tmpl_dict	*row;
	size_t			 n, i;
	int64_t			 paid = 0, pending = 0;

	n = payout_vendor_months(w->db, w->arena, w->session.user_id, &m);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "month");
		tmpl_set(row, "month", m[i].month);
		tmpl_set_int(row, "count", m[i].count);
		tmpl_set(row, "gross", fmt_money(w->arena, m[i].gross_paise));
		tmpl_set(row, "commission", fmt_money(w->arena,
		    m[i].commission_paise));
		tmpl_set(row, "net", fmt_money(w->arena, m[i].net_paise));
		tmpl_set(row, "paid", fmt_money(w->arena, m[i].paid_paise));
		tmpl_set(row, "pending", fmt_money(w->arena,
		    m[i].pending_paise));
		paid += m[i].paid_paise;
		pending += m[i].pending_paise;
	}
	if (n == 0)
		tmpl_show(d, "no_earnings");
	tmpl_set(d, "paid_total", fmt_money(w->arena, paid));
	tmpl_set(d, "pending_total", fmt_money(w->arena, pending));
}

static void
earnings_fill(struct web *w, struct tmpl_dict *d)
{
	struct earning		*e;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = payout_vendor_earnings(w->db, w->arena, w->session.user_id,
	    EARNINGS_SHOWN, &e);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "earning");
		tmpl_set_int(row, "booking_id", e[i].booking_id);
		tmpl_set(row, "service", e[i].service_name);
		tmpl_set(row, "gross", fmt_money(w->arena, e[i].gross_paise));
		tmpl_set(row, "commission", fmt_money(w->arena,
		    e[i].commission_paise));
		tmpl_set(row, "net", fmt_money(w->arena, e[i].net_paise));
		tmpl_set(row, "when", fmt_time(w->arena, e[i].created_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    e[i].created_at));
		tmpl_show(row, e[i].paid ? "paid" : "pending");
		if (e[i].clawback)
			tmpl_set(tmpl_section(row, "clawback"), "reason",
			    e[i].reason);
		else if (e[i].reason[0] != '\0')	/* a late-cancellation fee */
			tmpl_set(tmpl_section(row, "for"), "reason",
			    e[i].reason);
	}
}

static void
payouts_fill(struct web *w, struct tmpl_dict *d)
{
	struct payout		*o;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = payout_vendor_payouts(w->db, w->arena, w->session.user_id,
	    PAYOUTS_SHOWN, &o);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "payout");
		tmpl_set(row, "month", o[i].month);
		tmpl_set(row, "amount", fmt_money(w->arena, o[i].amount_paise));
		if (o[i].paid) {
			struct tmpl_dict	*p = tmpl_section(row, "paid");

			tmpl_set(p, "reference", o[i].reference);
			tmpl_set(p, "paid_at", fmt_time(w->arena, o[i].paid_at));
			tmpl_set(p, "paid_at_iso", fmt_time_iso(w->arena,
			    o[i].paid_at));
		} else
			tmpl_show(row, "pending");
	}
}

/* GET /vendor/earnings: see payments.h. */
void
page_vendor_earnings(struct web *w)
{
	struct tmpl_dict	*d = web_page(w, "Earnings",
	    "vendor_earnings.tpl");

	tmpl_set(d, "commission", fmt_rupees_input(w->arena,
	    payout_commission_rate(w->db)));
	months_fill(w, d);
	earnings_fill(w, d);
	payouts_fill(w, d);
	web_render(w, 200);
}
