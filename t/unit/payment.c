/* payment.c (test): the payment state machine, the test gateway's cards, and money that always balances over a few hundred random bookings, on a scratch database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "db.h"
#include "gateway.h"
#include "payment.h"
#include "payout.h"
#include "messages.h"
#include "scratch.h"
#include "settlement.h"
#include "tap.h"

enum { CUSTOMER = 1, CUSTOMER2, VENDOR, VENDOR2, OPS };

#define RANDOM_BOOKINGS	300

static struct arena	*arena;
static char		 dir[] = "/tmp/hs-payment-XXXXXX";

static const struct actor	customer = { CUSTOMER, "127.0.0.1", "test" };
static const struct actor	customer2 = { CUSTOMER2, "127.0.0.1", "test" };
static const struct actor	vendor = { VENDOR, "127.0.0.1", "test" };
static const struct actor	vendor2 = { VENDOR2, "127.0.0.1", "test" };
static const struct actor	ops = { OPS, "127.0.0.1", "test" };
static const struct actor	gateway_system = { 0, "", "webhook" };

/* One statement with one integer parameter, test-only. */
static void
exec_id(const char *sql, int64_t id)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		exit(EXIT_FAILURE);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		diag("sql: %s: %s", sql, sqlite3_errmsg(db_handle(db)));
		exit(EXIT_FAILURE);
	}
	sqlite3_finalize(st);
}

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	int		 from, to;

	setenv("HOMESERVE_PAYMENT_GATEWAY", "test", 1);
	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	setenv("HOMESERVE_DATA", dir, 1);	/* no Stripe key in there */
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	ok(db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to) == 0 && to >= 7, "setup: migrated to %d", to);
	ok(messages_setup(arena, src != NULL ? src : ".", dir) == 0,
	    "setup: email templates and a server secret");
	exec("INSERT INTO users (id, username, email, phone, password_hash, "
	    "role, created_at, updated_at) VALUES "
	    "(1, 'customer1', 'c1@x.test', '', 'x', 'customer', 0, 0),"
	    "(2, 'customer2', 'c2@x.test', '', 'x', 'customer', 0, 0),"
	    "(3, 'vendor1', 'v1@x.test', '', 'x', 'vendor', 0, 0),"
	    "(4, 'vendor2', 'v2@x.test', '', 'x', 'vendor', 0, 0),"
	    "(5, 'ops_mgr', 'o@x.test', '', 'x', 'ops_manager', 0, 0);"
	    "INSERT INTO services (id, name, category, price_paise, "
	    "duration_minutes, created_at, updated_at) VALUES "
	    "(1, 'AC Repair', 'ac', 50000, 90, 0, 0);");
}

/* A started job with its photos, of price paise, for customer and vendor. */
static int64_t
booking_new(int64_t price, int64_t cust, int64_t vend)
{
	sqlite3_stmt	*st;
	int64_t		 id;

	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO bookings "
	    "(customer_id, vendor_id, service_id, category, address, pincode, "
	    "scheduled_at, duration_minutes, price_paise, status, created_at, "
	    "updated_at) VALUES (?1, ?2, 1, 'ac', '12 Janpath', '110001', "
	    "unixepoch() - 7200, 90, ?3, 'in_progress', 0, 0)", -1, &st,
	    NULL) != SQLITE_OK)
		exit(EXIT_FAILURE);
	sqlite3_bind_int64(st, 1, cust);
	sqlite3_bind_int64(st, 2, vend);
	sqlite3_bind_int64(st, 3, price);
	if (sqlite3_step(st) != SQLITE_DONE)
		exit(EXIT_FAILURE);
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(db_handle(db));
	exec_id("INSERT INTO photos (booking_id, kind, file, content_type, "
	    "size, uploaded_by, created_at) SELECT id, k.kind, "
	    "printf('%032x.jpg', id * 2 + k.n), 'image/jpeg', 10, vendor_id, 0 "
	    "FROM bookings, (SELECT 'before' AS kind, 0 AS n UNION ALL "
	    "SELECT 'after', 1) k WHERE id = ?1", id);
	return id;
}

/* Completed by its vendor: the payment opens. */
static int64_t
completed(int64_t price, int64_t cust, int64_t vend)
{
	int64_t				 id = booking_new(price, cust, vend);
	const struct actor		*v = vend == VENDOR ? &vendor : &vendor2;

	if (settle_complete(db, arena, v, id) != BOOKING_OK) {
		diag("booking %lld did not complete", (long long)id);
		exit(EXIT_FAILURE);
	}
	return id;
}

static void
booking_set(int64_t id, const char *status)
{
	if (strcmp(status, "signed") == 0)
		exec_id("UPDATE bookings SET status = 'signed' WHERE id = ?1",
		    id);
	else
		exec_id("UPDATE bookings SET status = 'disputed' WHERE id = ?1",
		    id);
}

static const char *
booking_status_of(int64_t id)
{
	struct booking	b;

	return booking_get(db, arena, id, &b) ? booking_status_name(b.status) :
	    "(none)";
}

static struct payment
payment_of(int64_t booking)
{
	struct payment	p;

	memset(&p, 0, sizeof(p));
	if (!payment_for_booking(db, arena, booking, &p))
		diag("booking %lld has no payment", (long long)booking);
	return p;
}

static void
test_money_rules(void)
{
	is_int(payment_gst_included(11800, 1800), 1800, "gst: 18%% inside ₹118 is ₹18");
	is_int(payment_gst_included(50000, 1800), 7627, "gst: inside ₹500 is ₹76.27");
	is_int(payment_gst_included(59, 1800), 9, "gst: 59 paise -> 9.0 paise");
	is_int(payment_gst_included(1, 1800), 0, "gst: 1 paisa -> 0.15, rounds down");
	is_int(payment_gst_included(3, 1800), 0, "gst: 3 paise -> 0.457, rounds down");
	is_int(payment_gst_included(4, 1800), 1, "gst: 4 paise -> 0.61, rounds up");
	is_int(payment_gst_included(10500, 500), 500, "gst: 5%% inside ₹105 is ₹5");
	is_int(payment_gst_included(11250, 1250), 1250,
	    "gst: 12.5%% inside ₹112.50 is ₹12.50");
	is_int(payment_gst_included(50000, 0), 0, "gst: 0%% is nothing");
	is_int(payment_gst_included(50000, 2800), 10938,
	    "gst: 28%% inside ₹500 is ₹109.375, half up to ₹109.38");
	is_int(payout_commission(50000, 1500), 7500, "commission: 15%% of ₹500");
	is_int(payout_commission(10, 1500), 2, "commission: 1.5 paise rounds "
	    "half up");
	is_int(payout_commission(3, 1500), 0, "commission: 0.45 rounds down");
	is_int(payout_commission(33333, 1500), 5000, "commission: 4999.95 "
	    "rounds up");
	is_int(payout_commission(12345, 1250), 1543, "commission: 12.5%% of "
	    "12345 is 1543.125");
	is_int(payout_commission_rate(db), 1500, "commission: the setting is "
	    "15%%");
}

static void
test_cards(void)
{
	const char	*brand, *last4, *why;
	int		 y = 0;
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	y = tm.tm_year + 1900 + 2;
	is_str(gateway_card_brand("4242424242424242"), "Visa", "brand: Visa");
	is_str(gateway_card_brand("5555555555554444"), "Mastercard",
	    "brand: Mastercard 55");
	is_str(gateway_card_brand("2223003122003222"), "Mastercard",
	    "brand: Mastercard 2223");
	is_str(gateway_card_brand("378282246310005"), "American Express",
	    "brand: Amex 37");
	is_str(gateway_card_brand("6522000000000000"), "RuPay", "brand: RuPay 65");
	is_str(gateway_card_brand("8200000000000000"), "RuPay", "brand: RuPay 82");
	is_str(gateway_card_brand("3530111333300000"), "Card", "brand: else Card");

	is_int(gateway_card_check("4242 4242 4242 4241", 12, y, "123", now, &why),
	    GATEWAY_CARD_NUMBER, "check: a Luhn failure is the number's");
	is_str(why, "This card number is not valid: check the digits.",
	    "check: ... saying so");
	is_int(gateway_card_check("4242", 12, y, "123", now, &why),
	    GATEWAY_CARD_NUMBER, "check: too short");
	is_int(gateway_card_check("4242x4242424242424", 12, y, "123", now, &why),
	    GATEWAY_CARD_NUMBER, "check: letters");
	is_int(gateway_card_check("4242-4242-4242-4242", 12, y, "123", now,
	    &why), GATEWAY_CARD_OK, "check: dashes and spaces are fine");
	is_int(gateway_card_check("4242424242424242", 1, 2020, "123", now, &why),
	    GATEWAY_CARD_EXPIRY, "check: expired");
	ok(strstr(why, "expired") != NULL, "check: ... saying so");
	is_int(gateway_card_check("4242424242424242", tm.tm_mon + 1,
	    tm.tm_year - 100, "123", now, &why), GATEWAY_CARD_OK,
	    "check: this month (two-digit year) still works");
	is_int(gateway_card_check("4242424242424242", 13, y, "123", now, &why),
	    GATEWAY_CARD_EXPIRY, "check: month 13");
	is_int(gateway_card_check("4242424242424242", 12, y, "12", now, &why),
	    GATEWAY_CARD_CVV, "check: a 2-digit CVV");
	is_int(gateway_card_check("4242424242424242", 12, y, "1234", now, &why),
	    GATEWAY_CARD_CVV, "check: a 4-digit CVV on a Visa");
	is_int(gateway_card_check("378282246310005", 12, y, "1234", now, &why),
	    GATEWAY_CARD_OK, "check: 4 digits on an Amex");
	is_int(gateway_card_check("378282246310005", 12, y, "123", now, &why),
	    GATEWAY_CARD_CVV, "check: 3 digits on an Amex");

	is_int(gateway_test_authorize(arena, "4242 4242 4242 4242", 12, y,
	    "123", &brand, &last4, &why), GATEWAY_OK, "test: 4242 succeeds");
	is_str(brand, "Visa", "test: ... a Visa");
	is_str(last4, "4242", "test: ... ending 4242");
	is_int(gateway_test_authorize(arena, "5555555555554444", 12, y, "123",
	    &brand, &last4, &why), GATEWAY_OK, "test: 5555...4444 succeeds");
	is_int(gateway_test_authorize(arena, "4000000000000002", 12, y, "123",
	    &brand, &last4, &why), GATEWAY_DECLINED, "test: ...0002 declines");
	is_str(why, "Your card was declined.", "test: ... saying so");
	is_int(gateway_test_authorize(arena, "4000000000009995", 12, y, "123",
	    &brand, &last4, &why), GATEWAY_DECLINED, "test: ...9995 declines");
	is_str(why, "Your card has insufficient funds.", "test: ... for funds");
	is_int(gateway_test_authorize(arena, "4111111111111111", 12, y, "123",
	    &brand, &last4, &why), GATEWAY_DECLINED,
	    "test: another valid card declines");
	is_str(why, "Use one of the test cards listed on this page.",
	    "test: ... pointing at the list");
	ok(gateway_get("test") == &gateway_test && gateway_get("manual") ==
	    &gateway_manual && gateway_get("nope") == NULL,
	    "gateway_get: by name");
}

/* Bookings with more than one payment that is neither failed nor cancelled. */
static long long
payment_open_count(void)
{
	return int_of("SELECT count(*) FROM (SELECT booking_id FROM payments "
	    "WHERE status NOT IN ('failed', 'cancelled') GROUP BY booking_id "
	    "HAVING count(*) > 1)");
}

/* One booking through the whole flow, by hand, with the refusals. */
static void
test_flow(void)
{
	struct payment	 p;
	int64_t		 b = completed(50000, CUSTOMER, VENDOR), id;
	const char	*why = NULL;

	p = payment_of(b);
	is_int(p.status, PAY_REQUIRES_AUTHORIZATION, "open: waiting");
	is_int(p.amount_paise, 50000, "open: for the booking's price");
	is_str(p.gateway, "test", "open: through the configured gateway");
	is_int(payment_authorized(db, arena, &customer2, p.id, NULL, "Visa",
	    "4242"), PAYMENT_NOT_FOUND, "authorise: another customer's is "
	    "not found");
	is_int(payment_failed(db, arena, &customer, p.id,
	    "Your card was declined."), PAYMENT_OK, "failed: declined");
	p = payment_of(b);
	is_int(p.status, PAY_FAILED, "failed: the payment failed");
	is_str(p.last_error, "Your card was declined.", "failed: with why");
	is_int(payment_authorized(db, arena, &customer, p.id, NULL, "Visa",
	    "4242"), PAYMENT_OK, "authorise: tried again");
	p = payment_of(b);
	is_int(p.status, PAY_AUTHORIZED, "authorise: authorised");
	is_str(p.card_last4, "4242", "authorise: last 4 kept");
	ok(p.last_error == NULL, "authorise: the old error is gone");
	is_int(payment_authorized(db, arena, &customer, p.id, NULL, "Visa",
	    "4242"), PAYMENT_REFUSED, "authorise: paying twice is refused");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_OK, "capture: before signing, nothing to do");
	is_int(payment_of(b).status, PAY_AUTHORIZED, "capture: ... still "
	    "authorised");
	is_int(settle_capture_payment(db, arena, &ops, p.id, &why), PAYMENT_REFUSED,
	    "capture: ops cannot capture before the signature");
	is_int(settle_capture(db, arena, &customer2, b, &why),
	    PAYMENT_NOT_FOUND, "capture: another customer's is not found");
	booking_set(b, "signed");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_OK, "capture: the signature captures");
	p = payment_of(b);
	is_int(p.status, PAY_CAPTURED, "capture: captured");
	ok(p.receipt_number > 0, "capture: with receipt #%lld",
	    (long long)p.receipt_number);
	is_str(booking_status_of(b), "paid", "capture: the booking is paid");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_OK, "capture: again does nothing");
	is_int(int_of("SELECT count(*) FROM receipts"), 1,
	    "capture: ... no second receipt");
	is_int(settle_capture_payment(db, arena, &ops, p.id, &why), PAYMENT_REFUSED,
	    "capture: ops capturing twice is refused");
	is_int(int_of("SELECT net_paise FROM earnings"), 42500,
	    "earning: ₹500 less 15%%");
	is_int(int_of("SELECT amount_paise FROM payouts WHERE vendor_id = 3 "
	    "AND status = 'pending'"), 42500, "earning: in the pending payout");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action IN "
	    "('payment.captured', 'receipt.issue', 'earning.record', "
	    "'booking.paid')"), 4, "capture: its audit rows");

	is_int(settle_refund(db, arena, &ops, p.id, 50001, "Too much", &why),
	    PAYMENT_INVALID, "refund: above the captured amount");
	ok(why != NULL && strstr(why, "₹500") != NULL, "refund: ... saying the "
	    "most: %s", why);
	is_int(settle_refund(db, arena, &ops, p.id, 100, " ", &why),
	    PAYMENT_INVALID, "refund: without a reason");
	is_int(settle_refund(db, arena, &ops, p.id, 10000, "Late arrival",
	    &why), PAYMENT_OK, "refund: partly");
	p = payment_of(b);
	is_int(p.status, PAY_PARTIALLY_REFUNDED, "refund: partly refunded");
	is_int(p.refunded_paise, 10000, "refund: ₹100 refunded");
	is_int(settle_refund(db, arena, &ops, p.id, 40001, "Rest", &why),
	    PAYMENT_INVALID, "refund: above what is left");
	is_int(settle_refunded_by_gateway(db, arena, &gateway_system, p.id,
	    10000), PAYMENT_OK, "refund: the gateway repeating it changes "
	    "nothing");
	is_int(settle_refund(db, arena, &ops, p.id, 40000, "Rest", &why),
	    PAYMENT_OK, "refund: the rest");
	p = payment_of(b);
	is_int(p.status, PAY_REFUNDED, "refund: refunded");
	is_int(int_of("SELECT group_concat(seq, '') FROM payment_refunds WHERE "
	    "payment_id = (SELECT max(id) FROM payments)"), 12,
	    "refund: numbered 1, 2");
	is_int(settle_refund(db, arena, &ops, p.id, 1, "More", &why),
	    PAYMENT_REFUSED, "refund: nothing left to refund");

	/* Manual payments. */
	b = completed(40000, CUSTOMER, VENDOR);
	is_int(settle_manual(db, arena, &ops, b, "cash", 39999, NULL, &id,
	    &why), PAYMENT_INVALID, "manual: a wrong amount");
	is_str(why, "The amount must be the booking's price, ₹400; ₹399.99 was "
	    "entered.", "manual: ... saying the price");
	is_int(settle_manual(db, arena, &ops, b, "upi", 40000, "", &id, &why),
	    PAYMENT_INVALID, "manual: UPI needs a reference");
	is_int(settle_manual(db, arena, &ops, b, "card", 40000, "x", &id, &why),
	    PAYMENT_INVALID, "manual: not a card");
	is_int(settle_manual(db, arena, &ops, b, "cash", 40000, "", &id, &why),
	    PAYMENT_OK, "manual: cash for a completed booking");
	p = payment_of(b);
	is_int(p.id, id, "manual: it is the booking's payment");
	is_int(p.status, PAY_CAPTURED, "manual: captured at once");
	is_str(p.gateway, "manual", "manual: gateway manual");
	ok(p.receipt_number > 0, "manual: with a receipt");
	is_int(int_of("SELECT count(*) FROM payments WHERE status = "
	    "'cancelled'"), 1, "manual: the card payment was cancelled");
	is_str(booking_status_of(b), "completed", "manual: an unsigned booking "
	    "is not paid yet");
	is_int(settle_manual(db, arena, &ops, b, "cash", 40000, "", &id, &why),
	    PAYMENT_REFUSED, "manual: twice is refused");
	booking_set(b, "signed");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_OK, "manual: signing later...");
	is_str(booking_status_of(b), "paid", "manual: ... makes it paid");

	/* A dispute: nobody's capture takes it; settle_dispute decides. */
	b = completed(30000, CUSTOMER, VENDOR);
	p = payment_of(b);
	payment_authorized(db, arena, &customer, p.id, NULL, "Visa", "4242");
	booking_set(b, "disputed");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_OK, "dispute: the customer's capture...");
	is_int(payment_of(b).status, PAY_AUTHORIZED, "dispute: ... leaves it "
	    "authorised");
	is_int(settle_manual(db, arena, &ops, b, "cash", 30000, "", &id, &why),
	    PAYMENT_REFUSED, "manual: refused while a card is authorised");
	is_int(settle_capture_payment(db, arena, &ops, p.id, &why),
	    PAYMENT_REFUSED, "dispute: ops cannot simply capture it");
	is_str(booking_status_of(b), "disputed", "dispute: ... it stays "
	    "disputed");

	/* Cancelling. */
	b = completed(30000, CUSTOMER, VENDOR);
	p = payment_of(b);
	is_int(payment_cancel(db, arena, &ops, p.id, "", &why), PAYMENT_INVALID,
	    "cancel: needs a reason");
	is_int(payment_cancel(db, arena, &customer, p.id, "mine", &why),
	    PAYMENT_REFUSED, "cancel: not by the customer");
	payment_authorized(db, arena, &customer, p.id, NULL, "Visa", "4242");
	is_int(payment_cancel(db, arena, &ops, p.id, "Paid in cash", &why),
	    PAYMENT_OK, "cancel: an authorised payment");
	is_int(payment_of(b).status, PAY_CANCELLED, "cancel: cancelled");
	is_int(payment_cancel(db, arena, &ops, p.id, "again", &why),
	    PAYMENT_REFUSED, "cancel: twice is refused");
	is_int(settle_manual(db, arena, &ops, b, "bank_transfer", 30000,
	    "NEFT123", &id, &why), PAYMENT_OK, "manual: after a cancelled card");
	is_int(payment_open_count(), 0, "open: no booking has two live "
	    "payments");
}

/*
 * A gateway that cannot be reached at capture (Stripe without its key
 * answers at once that it is unavailable): the payment stays
 * authorised with the error for ops, nothing is recorded, and a later
 * capture by ops takes the next receipt number.
 */
static void
test_unavailable(void)
{
	int64_t		 b = completed(25000, CUSTOMER, VENDOR);
	struct payment	 p = payment_of(b);
	long long	 receipts = int_of("SELECT count(*) FROM receipts");
	const char	*why = NULL;

	payment_authorized(db, arena, &customer, p.id, NULL, "Visa", "4242");
	exec_id("UPDATE payments SET gateway = 'stripe', gateway_ref = "
	    "'pi_3TestUnavailable' WHERE id = ?1", p.id);
	booking_set(b, "signed");
	is_int(settle_capture(db, arena, &customer, b, &why),
	    PAYMENT_UNAVAILABLE, "unavailable: the capture fails");
	ok(why != NULL, "unavailable: ... saying why: %s", why);
	p = payment_of(b);
	is_int(p.status, PAY_AUTHORIZED, "unavailable: still authorised");
	ok(p.last_error != NULL && strstr(p.last_error, "Stripe") != NULL,
	    "unavailable: the error is kept for ops: %s", p.last_error);
	is_str(booking_status_of(b), "signed", "unavailable: the booking stays "
	    "signed");
	is_int(int_of("SELECT count(*) FROM receipts"), receipts,
	    "unavailable: no receipt");
	is_int(int_of("SELECT count(*) FROM earnings e JOIN payments p ON "
	    "p.id = e.payment_id WHERE p.booking_id = (SELECT max(id) FROM "
	    "bookings)"), 0, "unavailable: no earning");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'payment.capture_failed'"), 1, "unavailable: audited");
	is_int(int_of("SELECT count(*) FROM notifications WHERE user_id = 5 "
	    "AND text LIKE '%capture failed%'"), 1,
	    "unavailable: the operations manager is told");
	exec_id("UPDATE payments SET gateway = 'test' WHERE id = ?1", p.id);
	is_int(settle_capture_payment(db, arena, &ops, p.id, &why), PAYMENT_OK,
	    "unavailable: ops retry later");
	p = payment_of(b);
	is_int(p.status, PAY_CAPTURED, "unavailable: captured");
	ok(p.last_error == NULL, "unavailable: the error is cleared");
	is_int(p.receipt_number, receipts + 1, "unavailable: the next receipt "
	    "number");
	is_str(booking_status_of(b), "paid", "unavailable: the booking is paid");
}

/* A random walk for one booking: paid by card or by hand, or not at all. */
static void
random_booking(void)
{
	int64_t		 price = 1 + rand() % 500000, b, id;
	int64_t		 vend = rand() % 3 == 0 ? VENDOR2 : VENDOR;
	int		 path = rand() % 10;
	struct payment	 p;
	const char	*why;

	b = completed(price, CUSTOMER, vend);
	p = payment_of(b);
	if (path < 6) {
		if (rand() % 4 == 0)
			payment_failed(db, arena, &customer, p.id, "Declined.");
		payment_authorized(db, arena, &customer, p.id, NULL, "Visa",
		    "4242");
		booking_set(b, path == 5 ? "disputed" : "signed");
		settle_capture(db, arena, &customer, b, &why);
		if (path == 5)
			settle_capture_payment(db, arena, &ops, p.id, &why);
		if (rand() % 5 == 0)	/* a second capture changes nothing */
			settle_capture_payment(db, arena, &ops, p.id, &why);
	} else if (path < 8) {
		settle_manual(db, arena, &ops, b, rand() % 2 ? "cash" : "upi",
		    price, "UPI-REF", &id, &why);
		booking_set(b, "signed");
		settle_capture(db, arena, &customer, b, &why);
	} else if (path == 8)
		payment_cancel(db, arena, &ops, p.id, "Not needed", &why);
	/* path 9: the customer never pays */
	p = payment_of(b);
	while (p.receipt_number > 0 && rand() % 3 == 0 &&
	    p.refunded_paise < p.amount_paise) {
		int64_t	left = p.amount_paise - p.refunded_paise;

		settle_refund(db, arena, &ops, p.id, rand() % 2 ? left :
		    1 + rand() % left, "Goodwill", &why);
		p = payment_of(b);
	}
}

static void
test_balance(void)
{
	const char	*fixed = getenv("HS_SEED");
	unsigned	seed = fixed != NULL ? (unsigned)strtoul(fixed, NULL, 10) :
	    (unsigned)time(NULL);
	long long	captured;
	int		i;

	srand(seed);
	diag("random seed %u (HS_SEED=%u repeats this run)", seed, seed);
	for (i = 0; i < RANDOM_BOOKINGS; i++)
		random_booking();
	captured = int_of("SELECT count(*) FROM payments WHERE status IN "
	    "('captured', 'refunded', 'partially_refunded')");
	ok(captured > RANDOM_BOOKINGS / 2, "balance: %lld payments captured",
	    captured);
	is_int(int_of("SELECT sum(amount_paise - refunded_paise) FROM payments "
	    "WHERE status IN ('captured', 'refunded', 'partially_refunded')"),
	    int_of("SELECT sum(net_paise) + sum(commission_paise) FROM "
	    "earnings"), "balance: captured less refunded = earnings less "
	    "clawbacks, with the commission");
	is_int(int_of("SELECT count(*) FROM earnings WHERE kind = 'earning'"),
	    captured, "balance: one earning per captured payment");
	is_int(int_of("SELECT count(*) FROM earnings e JOIN payments p ON "
	    "p.id = e.payment_id WHERE e.kind = 'earning' AND (e.gross_paise "
	    "<> p.amount_paise OR e.vendor_id <> p.vendor_id OR e.booking_id "
	    "<> p.booking_id)"), 0,
	    "balance: every earning's gross is its payment's amount");
	is_int(int_of("SELECT count(*) FROM earnings WHERE kind = 'earning' "
	    "AND commission_paise <> (gross_paise * 1500 + 5000) / 10000"), 0,
	    "balance: every commission is 15%%, rounded half up");
	is_int(int_of("SELECT count(*) FROM payments p WHERE p.refunded_paise "
	    "<> -(SELECT coalesce(sum(gross_paise), 0) FROM earnings e WHERE "
	    "e.payment_id = p.id AND e.kind = 'clawback')"), 0,
	    "balance: every refund is taken back from its vendor's share in "
	    "full");
	is_int(int_of("SELECT sum(amount_paise) FROM payouts"),
	    int_of("SELECT sum(net_paise) FROM earnings"),
	    "balance: payouts sum the earnings");
	is_int(int_of("SELECT count(*) FROM receipts"), captured,
	    "receipts: one per captured payment");
	is_int(int_of("SELECT min(number) FROM receipts"), 1,
	    "receipts: from 1");
	is_int(int_of("SELECT max(number) FROM receipts"), captured,
	    "receipts: to N, with no gaps");
	is_int(int_of("SELECT count(*) FROM payments p WHERE refunded_paise <> "
	    "(SELECT coalesce(sum(amount_paise), 0) FROM payment_refunds r "
	    "WHERE r.payment_id = p.id)"), 0,
	    "refunds: every payment's total is its refunds' sum");
	is_int(int_of("SELECT count(*) FROM payments WHERE (status = "
	    "'refunded') <> (refunded_paise = amount_paise AND "
	    "refunded_paise > 0)"), 0, "refunds: refunded means all of it");
	is_int(int_of("SELECT count(*) FROM payments p JOIN bookings b ON "
	    "b.id = p.booking_id WHERE p.status IN ('captured', 'refunded', "
	    "'partially_refunded') AND b.status NOT IN ('paid', 'completed', "
	    "'signature_requested')"), 0, "bookings: every captured payment's "
	    "booking is paid once signed or disputed");
	is_int(int_of("SELECT count(*) FROM bookings b WHERE status = 'paid' "
	    "AND NOT EXISTS (SELECT 1 FROM receipts r JOIN payments p ON p.id = "
	    "r.payment_id WHERE p.booking_id = b.id)"), 0,
	    "bookings: every paid booking has a receipt");
	is_int(payment_open_count(), 0,
	    "payments: no booking has two live payments");
	is_int(int_of("SELECT count(*) FROM payment_events e JOIN payments p ON "
	    "p.id = e.payment_id WHERE e.id = (SELECT max(id) FROM "
	    "payment_events WHERE payment_id = p.id) AND e.to_status <> "
	    "p.status"), 0, "timeline: each payment's last event is its state");
}

/* Every problem of a card at once, each on its part. */
static void
test_card_problems(void)
{
	const char	*why[GATEWAY_CARD__MAX];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 y;

	localtime_r(&now, &tm);
	y = tm.tm_year + 1900 + 2;
	is_int(gateway_card_problems("4242 4242 4242 4241", 1, 2020, "12", now,
	    why), 3, "problems: number, expiry and CVV at once");
	ok(why[GATEWAY_CARD_NUMBER] != NULL && why[GATEWAY_CARD_EXPIRY] != NULL
	    && why[GATEWAY_CARD_CVV] != NULL, "problems: ... each said");
	is_int(gateway_card_problems("4242424242424242", 0, 0, "123", now, why),
	    0, "problems: an expiry the form refused is skipped");
	is_int(gateway_card_problems(NULL, 12, y, "1234", now, why), 0,
	    "problems: 4 CVV digits pass when the number is not known good");
	is_int(gateway_card_problems("378282246310005", 12, y, "123", now, why),
	    1, "problems: 3 CVV digits on a good Amex number");
}

/* UPI IDs: format, masking and the test gateway's decisions. */
static void
test_upi(void)
{
	static const char *const good[] = { "success@upi", "a.b-c_d@okaxis",
	    "R9@Bank" };
	static const char *const bad[] = { "", "@", "x", "nobank@", "@upi",
	    "a@b", "two@at@upi", "sp ace@upi", "a@bank1", "é@upi",
	    "a@abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"
	};
	const char	*masked, *why;
	size_t		 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(gateway_upi_check(good[i]) == NULL, "upi: %s is well formed",
		    good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(gateway_upi_check(bad[i]) != NULL, "upi: '%s' is refused",
		    bad[i]);
	is_str(gateway_upi_mask(arena, "success@upi"),
	    "su\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2@upi", "upi: masked");
	is_str(gateway_upi_mask(arena, "R9@Bank"),
	    "r\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2@bank",
	    "upi: a short handle never shows whole");
	is_int(gateway_test_upi_authorize(arena, "Success@UPI", &masked, &why),
	    GATEWAY_OK, "upi: success@upi succeeds");
	is_int(gateway_test_upi_authorize(arena, "failure@upi", &masked, &why),
	    GATEWAY_DECLINED, "upi: failure@upi is declined");
	ok(why != NULL && strstr(why, "declined") != NULL, "upi: ... saying so");
	is_int(gateway_test_upi_authorize(arena, "rahul@okaxis", &masked, &why),
	    GATEWAY_DECLINED, "upi: another ID is declined as unknown");
	ok(strstr(why, "test UPI IDs") != NULL, "upi: ... pointing at the list");
	is_int(gateway_test_upi_authorize(arena, "bad", &masked, &why),
	    GATEWAY_DECLINED, "upi: a malformed ID is declined");
	ok(masked == NULL, "upi: ... and nothing masked");
}

int
main(void)
{
	arena = arena_new();
	setup();
	test_money_rules();
	test_cards();
	test_card_problems();
	test_upi();
	test_flow();
	test_unavailable();
	test_balance();
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	unlink(arena_printf(arena, "%s/app.key", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
