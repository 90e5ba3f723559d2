-- 007_payments.sql: settings, payments and their timeline, refunds, gap-free receipts, vendor earnings and monthly payouts.
-- Money is integer paise; times are UTC seconds.  Months are 'YYYY-MM' in
-- the display zone (Asia/Kolkata), computed by the application.

-- Platform settings an operator may change without a release.
CREATE TABLE settings (
	key		TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 60),
	value		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL,
	-- the platform's share of each captured payment: 0 to 100 percent,
	-- at most two decimals ("15", "12.5")
	CHECK (key <> 'commission_percent' OR (value GLOB '[0-9]*'
	    AND value NOT GLOB '*[^0-9.]*' AND value NOT GLOB '*.*.*'
	    AND value NOT GLOB '*.' AND CAST(value AS REAL) <= 100
	    AND (instr(value, '.') = 0 OR length(value) - instr(value, '.') <= 2)))
) STRICT, WITHOUT ROWID;
INSERT INTO settings (key, value, updated_at)
    VALUES ('commission_percent', '15', unixepoch());

-- A booking's payment.  Card details are never stored: only the brand
-- and the last 4 digits.  A booking has at most one payment that is not
-- failed or cancelled (payments_one_live).
CREATE TABLE payments (
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
	CHECK (status NOT IN ('captured', 'refunded', 'partially_refunded')
	    OR captured_at IS NOT NULL),
	CHECK (refunded_paise = 0 OR status IN ('refunded',
	    'partially_refunded')),
	CHECK (status <> 'refunded' OR refunded_paise = amount_paise),
	CHECK (gateway = 'manual' OR method = 'card'),
	CHECK (gateway <> 'manual' OR method <> 'card')
) STRICT;
CREATE UNIQUE INDEX payments_one_live ON payments(booking_id)
    WHERE status NOT IN ('failed', 'cancelled');
CREATE INDEX payments_booking ON payments(booking_id, id);
CREATE INDEX payments_status ON payments(status, created_at, id);
CREATE INDEX payments_created ON payments(created_at, id);
CREATE INDEX payments_gateway_ref ON payments(gateway_ref)
    WHERE gateway_ref IS NOT NULL;
CREATE INDEX payments_checkout_ref ON payments(checkout_ref)
    WHERE checkout_ref IS NOT NULL;

-- The timeline: one row per change of state, who and when.
CREATE TABLE payment_events (
	id		INTEGER PRIMARY KEY,
	payment_id	INTEGER NOT NULL REFERENCES payments(id),
	from_status	TEXT,
	to_status	TEXT NOT NULL,
	actor_id	INTEGER REFERENCES users(id),
	amount_paise	INTEGER,	-- a refund's amount
	note		TEXT NOT NULL DEFAULT '',
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX payment_events_payment ON payment_events(payment_id, id);

-- Each refund; seq numbers a payment's refunds from 1 and names the
-- gateway's idempotency key, "refund-<payment>-<seq>".
CREATE TABLE payment_refunds (
	id		INTEGER PRIMARY KEY,
	payment_id	INTEGER NOT NULL REFERENCES payments(id),
	seq		INTEGER NOT NULL CHECK (seq > 0),
	amount_paise	INTEGER NOT NULL CHECK (amount_paise > 0),
	reason		TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
	actor_id	INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (payment_id, seq)
) STRICT;

-- Receipt numbers: the next is max + 1, taken inside the capture's
-- transaction, so the sequence has no gaps.
CREATE TABLE receipts (
	number		INTEGER PRIMARY KEY CHECK (number > 0),
	payment_id	INTEGER NOT NULL UNIQUE REFERENCES payments(id),
	issued_at	INTEGER NOT NULL
) STRICT;

-- Monthly payouts to a vendor: earnings add to the month's pending one
-- until ops mark it paid; later earnings start a new one.
CREATE TABLE payouts (
	id		INTEGER PRIMARY KEY,
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	month		TEXT NOT NULL CHECK (month GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	amount_paise	INTEGER NOT NULL DEFAULT 0 CHECK (amount_paise >= 0),
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'paid')),
	reference	TEXT CHECK (reference IS NULL OR
			    length(reference) BETWEEN 1 AND 100),
	paid_at		INTEGER,
	paid_by		INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (status = 'pending' OR (reference IS NOT NULL AND
	    paid_at IS NOT NULL AND paid_by IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX payouts_one_pending ON payouts(vendor_id, month)
    WHERE status = 'pending';
CREATE INDEX payouts_status ON payouts(status, month, vendor_id);
CREATE INDEX payouts_vendor ON payouts(vendor_id, month);

-- A captured payment's share for its vendor: the price minus the
-- platform's commission, both in paise.
CREATE TABLE earnings (
	id		INTEGER PRIMARY KEY,
	payment_id	INTEGER NOT NULL UNIQUE REFERENCES payments(id),
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	month		TEXT NOT NULL CHECK (month GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	gross_paise	INTEGER NOT NULL CHECK (gross_paise > 0),
	commission_paise INTEGER NOT NULL CHECK (commission_paise >= 0),
	net_paise	INTEGER NOT NULL CHECK (net_paise >= 0),
	payout_id	INTEGER REFERENCES payouts(id),
	created_at	INTEGER NOT NULL,
	CHECK (gross_paise = commission_paise + net_paise)
) STRICT;
CREATE INDEX earnings_vendor ON earnings(vendor_id, month);
CREATE INDEX earnings_payout ON earnings(payout_id);
