/* pricing.c (test): demand pricing's formula (baseline, steps, cap, no vendors), the cap from the setting, factors as typed and shown, and the adjusted price's rounding to the rupee, half up. */
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "pricing.h"
#include "tap.h"

static struct arena	*arena;

/* demand = bookings + refused; per vendor over 10, a step per 2 more. */
static void
test_formula(void)
{
	static const struct {
		struct pricing_demand	 d;
		int64_t			 cap;
		int64_t			 want;
		const char		*why;
	} cases[] = {
		{ { 0, 0, 0 }, 125, 100, "nothing at all: 1.00" },
		{ { 0, 0, 3 }, 125, 100, "vendors but no demand: 1.00" },
		{ { 1, 0, 0 }, 125, 125, "demand with no vendor: the cap" },
		{ { 0, 1, 0 }, 150, 150, "a refusal with no vendor: the cap" },
		{ { 10, 0, 1 }, 125, 100, "10 per vendor is the baseline: 1.00" },
		{ { 11, 0, 1 }, 125, 100, "11 per vendor: not a full step yet" },
		{ { 12, 0, 1 }, 125, 105, "12 per vendor: one step" },
		{ { 10, 2, 1 }, 125, 105, "refused customers count as bookings" },
		{ { 13, 0, 1 }, 125, 105, "13: still one step (floor)" },
		{ { 14, 0, 1 }, 125, 110, "14: two steps" },
		{ { 20, 0, 1 }, 125, 125, "20: five steps, exactly the cap" },
		{ { 22, 0, 1 }, 125, 125, "22: six steps, held at the cap" },
		{ { 1000000, 0, 1 }, 200, 200, "a flood: the cap, no overflow" },
		{ { 30, 0, 2 }, 125, 110, "2 vendors, 30: 15 each, two steps" },
		{ { 23, 0, 2 }, 125, 100, "2 vendors, 23: 11.5 each, no step" },
		{ { 24, 0, 2 }, 125, 105, "2 vendors, 24: 12 each, one step" },
		{ { 45, 5, 3 }, 125, 115, "3 vendors, 50: 16.67 each, three" },
		{ { 20, 0, 1 }, 100, 100, "a cap of 1.00 holds everything" },
		{ { 20, 0, 1 }, 110, 110, "a cap of 1.10" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(pricing_factor_compute(&cases[i].d, cases[i].cap),
		    cases[i].want, "formula: %s", cases[i].why);
}

/* The setting may be any hundredth; factors move in steps of 0.05. */
static void
test_cap(void)
{
	is_int(pricing_cap(125), 125, "cap: 1.25 is a step");
	is_int(pricing_cap(123), 120, "cap: 1.23 rounds down to 1.20");
	is_int(pricing_cap(129), 125, "cap: 1.29 rounds down to 1.25");
	is_int(pricing_cap(100), 100, "cap: 1.00");
	is_int(pricing_cap(104), 100, "cap: 1.04 allows no step");
	is_int(pricing_cap(200), 200, "cap: 2.00, the setting's top");
}

/*
 * The adjustment (price x (factor - 1)) is rounded to the rupee, half
 * up, and added: the catalogue's paise stay, and the price never drops.
 */
static void
test_price(void)
{
	static const struct {
		int64_t		 paise, factor, want;
		const char	*why;
	} cases[] = {
		{ 50000, 100, 50000, "1.00: the catalogue price" },
		{ 50000, 110, 55000, "₹500 at 1.10: ₹550" },
		{ 50000, 125, 62500, "₹500 at 1.25: ₹625" },
		{ 1000, 105, 1100, "₹10 at 1.05: 50 paise rounds up to ₹1" },
		{ 900, 105, 900, "₹9 at 1.05: 45 paise rounds down to nothing" },
		{ 1100, 105, 1200, "₹11 at 1.05: 55 paise rounds up" },
		{ 49950, 105, 52450, "₹499.50 at 1.05: + ₹25 (24.975), paise kept" },
		{ 44950, 110, 49450, "₹449.50 at 1.10: + ₹45 (44.95)" },
		{ 3000, 115, 3500, "₹30 at 1.15: + ₹4.50 rounds up to ₹5" },
		{ 10000000, 200, 20000000, "the catalogue's top at 2.00" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(pricing_price(cases[i].paise, cases[i].factor),
		    cases[i].want, "price: %s", cases[i].why);
}

static void
test_text(void)
{
	static const char *const bad[] = { "", "x", "1,10", "1.105", ".5",
	    "1.", "-1.10", "+1.1", "1.1 ", "1e0", "0x10", "99999999.99" };
	int64_t	f;
	size_t	i;

	ok(pricing_factor_parse("1.10", &f) == 0 && f == 110, "parse: 1.10");
	ok(pricing_factor_parse("1.1", &f) == 0 && f == 110, "parse: 1.1");
	ok(pricing_factor_parse("1", &f) == 0 && f == 100, "parse: 1");
	ok(pricing_factor_parse("1.07", &f) == 0 && f == 107,
	    "parse: 1.07 reads (the range and step are the domain's)");
	ok(pricing_factor_parse("3", &f) == 0 && f == 300, "parse: 3 reads");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(pricing_factor_parse(bad[i], &f), -1,
		    "parse: '%s' refused", bad[i]);
	is_str(pricing_factor_text(arena, 100), "1.00", "text: 1.00");
	is_str(pricing_factor_text(arena, 105), "1.05", "text: 1.05");
	is_str(pricing_factor_text(arena, 125), "1.25", "text: 1.25");
	is_str(pricing_factor_text(arena, 200), "2.00", "text: 2.00");
}

int
main(void)
{
	arena = arena_new();
	test_formula();
	test_cap();
	test_price();
	test_text();
	arena_free(arena);
	return done_testing();
}
