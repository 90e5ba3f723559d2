-- 032_upi.sql: UPI through the test gateway: a payment not recorded by hand may be 'card' or 'upi', and keeps the UPI ID only masked.
-- SQLite cannot change a CHECK in place, so payments is rebuilt: every
-- column (028's kind included) is copied and every index (007, 015, 020,
-- 028) made again; no trigger or view names payments.  The tables that
-- reference payments(id) name it, so they follow the rename.
CREATE TABLE payments_new (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	customer_id	INTEGER NOT NULL REFERENCES users(id),
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	amount_paise	INTEGER NOT NULL CHECK (amount_paise > 0),
	refunded_paise	INTEGER NOT NULL DEFAULT 0
			    CHECK (refunded_paise BETWEEN 0 AND amount_paise),
	status		TEXT NOT NULL DEFAULT 'requires_authorization'
			    CHECK (status IN ('requires_authorization',
			    'authorized', 'captured', 'refunded',
			    'partially_refunded', 'failed', 'cancelled')),
	gateway		TEXT NOT NULL CHECK (gateway IN ('test', 'stripe',
			    'manual')),
	method		TEXT NOT NULL DEFAULT 'card' CHECK (method IN ('card',
			    'cash', 'upi', 'bank_transfer')),
	card_brand	TEXT CHECK (card_brand IS NULL OR
			    length(card_brand) BETWEEN 1 AND 30),
	card_last4	TEXT CHECK (card_last4 IS NULL OR
			    card_last4 GLOB '[0-9][0-9][0-9][0-9]'),
	reference	TEXT CHECK (reference IS NULL OR length(reference) <= 100),
	gateway_ref	TEXT,		-- Stripe's PaymentIntent id
	checkout_ref	TEXT,		-- Stripe's Checkout Session id
	last_error	TEXT,		-- the gateway's last complaint, for ops
	captured_at	INTEGER,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	kind		TEXT NOT NULL DEFAULT 'job'
			    CHECK (kind IN ('job', 'fee')),
	-- A UPI ID paid through a gateway, masked ("su•••@upi"): the whole
	-- ID is never stored.
	upi_masked	TEXT CHECK (upi_masked IS NULL OR (length(upi_masked)
			    BETWEEN 4 AND 80 AND instr(upi_masked, '•••@') > 0)),
	CHECK (status NOT IN ('captured', 'refunded', 'partially_refunded')
	    OR captured_at IS NOT NULL),
	CHECK (refunded_paise = 0 OR status IN ('refunded',
	    'partially_refunded')),
	CHECK (status <> 'refunded' OR refunded_paise = amount_paise),
	-- the test gateway takes cards and UPI; Stripe's checkout, cards
	CHECK (gateway = 'manual' OR method = 'card' OR
	    (gateway = 'test' AND method = 'upi')),
	CHECK (gateway <> 'manual' OR method <> 'card'),
	CHECK (upi_masked IS NULL OR (gateway <> 'manual' AND method = 'upi'))
) STRICT;
INSERT INTO payments_new (id, booking_id, customer_id, vendor_id,
    amount_paise, refunded_paise, status, gateway, method, card_brand,
    card_last4, reference, gateway_ref, checkout_ref, last_error,
    captured_at, created_at, updated_at, kind)
    SELECT id, booking_id, customer_id, vendor_id, amount_paise,
    refunded_paise, status, gateway, method, card_brand, card_last4,
    reference, gateway_ref, checkout_ref, last_error, captured_at,
    created_at, updated_at, kind FROM payments;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
-- 007
CREATE UNIQUE INDEX payments_one_live ON payments(booking_id)
    WHERE status NOT IN ('failed', 'cancelled');
CREATE INDEX payments_booking ON payments(booking_id, id);
CREATE INDEX payments_status ON payments(status, created_at, id);
CREATE INDEX payments_created ON payments(created_at, id);
CREATE INDEX payments_gateway_ref ON payments(gateway_ref)
    WHERE gateway_ref IS NOT NULL;
CREATE INDEX payments_checkout_ref ON payments(checkout_ref)
    WHERE checkout_ref IS NOT NULL;
-- 015
CREATE INDEX payments_customer ON payments(customer_id, id);
CREATE INDEX payments_vendor ON payments(vendor_id, id);
-- 020
CREATE INDEX payments_captured ON payments(captured_at, amount_paise)
    WHERE captured_at IS NOT NULL;
-- 028
CREATE INDEX payments_fee_due ON payments(customer_id, id)
    WHERE kind = 'fee' AND status IN ('requires_authorization',
    'authorized', 'failed');
