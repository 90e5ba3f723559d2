/* booking-addresses.c: a customer's saved addresses: list, add, make default, delete. */
#include <stdio.h>

#include "address.h"
#include "arena.h"
#include "booking-area.h"
#include "web.h"

enum address_field { ADDR_ADDRESS, ADDR_PINCODE, ADDR_DEFAULT, ADDR__MAX };

static const struct form_field address_fields[ADDR__MAX] = {
	[ADDR_ADDRESS] = { "address", "Address", FORM_MULTILINE, FORM_REQUIRED,
	    5, 300 },
	[ADDR_PINCODE] = { "pincode", "Pincode", FORM_PINCODE, FORM_REQUIRED,
	    0, 0 },
	[ADDR_DEFAULT] = { "make_default", "Default", FORM_CHECKBOX, 0, 0, 0 },
};

static void
addresses_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct address		*list;
	struct tmpl_dict	*d, *row;
	size_t			 n, i;

	d = web_page(w, "My addresses", "addresses.tpl");
	n = address_list(w->db, w->arena, w->session.user_id, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "address");
		tmpl_set_int(row, "id", list[i].id);
		tmpl_set(row, "text", list[i].address);
		tmpl_set(row, "pincode", list[i].pincode);
		tmpl_show(row, list[i].is_default ? "default" : "not_default");
	}
	if (n == 0)
		tmpl_show(d, "none");
	form_fill(f, d);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/* GET lists them with the form to add one; POST adds (422 if invalid). */
void
page_addresses(struct web *w)
{
	struct form	f;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, address_fields, ADDR__MAX);
		addresses_show(w, &f, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, address_fields, ADDR__MAX)) {
		addresses_show(w, &f, 422, NULL);
		return;
	}
	if (address_add(w->db, &w->actor, w->session.user_id,
	    f.v[ADDR_ADDRESS].text, f.v[ADDR_PINCODE].text,
	    f.v[ADDR_DEFAULT].num != 0)) {
		addresses_show(w, &f, 422, arena_printf(w->arena, "You can keep "
		    "at most %d addresses. Delete one first.", ADDRESS_MAX));
		return;
	}
	web_redirect(w, "/addresses?notice=saved");
}

void
page_address_default(struct web *w)
{
	if (!address_set_default(w->db, &w->actor, w->session.user_id,
	    w->id[0])) {
		web_error(w, 404, "There is no such address in your account.");
		return;
	}
	web_redirect(w, "/addresses?notice=saved");
}

void
page_address_delete(struct web *w)
{
	if (!address_delete(w->db, &w->actor, w->session.user_id, w->id[0])) {
		web_error(w, 404, "There is no such address in your account.");
		return;
	}
	web_redirect(w, "/addresses?notice=deleted");
}
