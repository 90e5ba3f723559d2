-- 019_settlement.sql: what settlement.c needs: refunds taken back from vendors, disputes and their outcomes, free follow-up visits.
-- Bookings gain 'resolved' (a dispute's end), redo_of (a free follow-up
-- visit's original) and may cost ₹0 (that visit); the rebuild keeps every
-- column and index, 013's gst_rate and 018's bookings_created included.
CREATE TABLE bookings_new (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL REFERENCES users(id),
	vendor_id	INTEGER REFERENCES users(id),
	service_id	INTEGER NOT NULL REFERENCES services(id),
	category	TEXT NOT NULL REFERENCES categories(slug),
	address		TEXT NOT NULL,
	pincode		TEXT NOT NULL
			    CHECK (pincode GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
	scheduled_at	INTEGER NOT NULL,
	duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
	price_paise	INTEGER NOT NULL CHECK (price_paise > 0 OR
			    (price_paise = 0 AND redo_of IS NOT NULL)),
	notes		TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
			    'pending', 'accepted', 'in_progress', 'completed',
			    'signature_requested', 'signed', 'paid', 'cancelled',
			    'disputed', 'expired', 'resolved')),
	start_nonce	TEXT,		-- derives the start code with the server key
	start_code_hash	TEXT,
	start_failures	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	gst_rate	INTEGER NOT NULL DEFAULT 1800
			    CHECK (gst_rate BETWEEN 0 AND 4000),
	redo_of		INTEGER REFERENCES bookings(id),
	CHECK (vendor_id IS NOT NULL OR status IN ('pending', 'cancelled',
	    'expired'))
) STRICT;
INSERT INTO bookings_new (id, customer_id, vendor_id, service_id, category,
    address, pincode, scheduled_at, duration_minutes, price_paise, notes,
    status, start_nonce, start_code_hash, start_failures, created_at,
    updated_at, gst_rate)
    SELECT id, customer_id, vendor_id, service_id, category, address,
    pincode, scheduled_at, duration_minutes, price_paise, notes, status,
    start_nonce, start_code_hash, start_failures, created_at, updated_at,
    gst_rate FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_vendor ON bookings(vendor_id, scheduled_at);
CREATE INDEX bookings_service ON bookings(service_id);
CREATE INDEX bookings_board ON bookings(category, pincode, scheduled_at)
    WHERE status = 'pending';
CREATE INDEX bookings_status ON bookings(status, id);
CREATE INDEX bookings_customer_list ON bookings(customer_id, id, service_id,
    scheduled_at, price_paise, status);
CREATE INDEX bookings_pending_time ON bookings(scheduled_at)
    WHERE status = 'pending';
CREATE INDEX bookings_accepted_time ON bookings(scheduled_at)
    WHERE status = 'accepted';
CREATE INDEX bookings_created ON bookings(created_at, id);
CREATE INDEX bookings_redo ON bookings(redo_of) WHERE redo_of IS NOT NULL;

-- A payout may go below zero when a refund takes back more than the
-- month has earned so far: the vendor owes it (payout_mark_paid refuses).
CREATE TABLE payouts_new (
	id		INTEGER PRIMARY KEY,
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	month		TEXT NOT NULL CHECK (month GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	amount_paise	INTEGER NOT NULL DEFAULT 0,
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'paid')),
	reference	TEXT CHECK (reference IS NULL OR
			    length(reference) BETWEEN 1 AND 100),
	paid_at		INTEGER,
	paid_by		INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (status = 'pending' OR (reference IS NOT NULL AND
	    paid_at IS NOT NULL AND paid_by IS NOT NULL AND amount_paise >= 0))
) STRICT;
INSERT INTO payouts_new SELECT * FROM payouts;
DROP TABLE payouts;
ALTER TABLE payouts_new RENAME TO payouts;
CREATE UNIQUE INDEX payouts_one_pending ON payouts(vendor_id, month)
    WHERE status = 'pending';
CREATE INDEX payouts_status ON payouts(status, month, vendor_id);
CREATE INDEX payouts_vendor ON payouts(vendor_id, month);

-- An earning is the vendor's share of a captured payment; a clawback is
-- the share a refund takes back (all three amounts negative), with why.
CREATE TABLE earnings_new (
	id		INTEGER PRIMARY KEY,
	payment_id	INTEGER NOT NULL REFERENCES payments(id),
	kind		TEXT NOT NULL DEFAULT 'earning'
			    CHECK (kind IN ('earning', 'clawback')),
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	month		TEXT NOT NULL CHECK (month GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	gross_paise	INTEGER NOT NULL,
	commission_paise INTEGER NOT NULL,
	net_paise	INTEGER NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	payout_id	INTEGER REFERENCES payouts(id),
	created_at	INTEGER NOT NULL,
	CHECK (gross_paise = commission_paise + net_paise),
	CHECK (kind = 'earning' AND gross_paise > 0 AND commission_paise >= 0
	    AND net_paise >= 0 OR kind = 'clawback' AND gross_paise < 0 AND
	    commission_paise <= 0 AND net_paise <= 0)
) STRICT;
INSERT INTO earnings_new (id, payment_id, vendor_id, booking_id, month,
    gross_paise, commission_paise, net_paise, payout_id, created_at)
    SELECT id, payment_id, vendor_id, booking_id, month, gross_paise,
    commission_paise, net_paise, payout_id, created_at FROM earnings;
DROP TABLE earnings;
ALTER TABLE earnings_new RENAME TO earnings;
CREATE UNIQUE INDEX earnings_one_per_payment ON earnings(payment_id)
    WHERE kind = 'earning';
CREATE INDEX earnings_payment ON earnings(payment_id, kind);
CREATE INDEX earnings_vendor ON earnings(vendor_id, month);
CREATE INDEX earnings_payout ON earnings(payout_id);

-- A disputed booking: the customer's reason is the signature's
-- rejection; the vendor answers once; operations decide an outcome.
CREATE TABLE disputes (
	booking_id	INTEGER PRIMARY KEY REFERENCES bookings(id),
	opened_at	INTEGER NOT NULL,
	response	TEXT NOT NULL DEFAULT '',
	responded_at	INTEGER,
	outcome		TEXT CHECK (outcome IS NULL OR outcome IN ('release',
			    'refund_full', 'refund_partial', 'redo')),
	refund_paise	INTEGER NOT NULL DEFAULT 0 CHECK (refund_paise >= 0),
	note		TEXT NOT NULL DEFAULT '',
	resolved_by	INTEGER REFERENCES users(id),
	resolved_at	INTEGER,
	redo_booking_id	INTEGER REFERENCES bookings(id),
	CHECK ((outcome IS NULL) = (resolved_at IS NULL))
) STRICT;
CREATE INDEX disputes_open ON disputes(opened_at) WHERE outcome IS NULL;
INSERT INTO disputes (booking_id, opened_at)
    SELECT b.id, b.updated_at FROM bookings b WHERE b.status = 'disputed';

-- Photos a vendor sends with their answer to a dispute are photos of
-- their own kind, served and guarded like the job's before and after.
CREATE TABLE photos_new (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	kind		TEXT NOT NULL CHECK (kind IN ('before', 'after',
			    'dispute')),
	-- hex name and a lower-case extension: "<32 hex>.jpg"
	file		TEXT NOT NULL UNIQUE
			    CHECK (file GLOB '[0-9a-f]*.[a-z]*' AND
			    file NOT GLOB '*[^0-9a-z.]*' AND file NOT LIKE '%..%'),
	content_type	TEXT NOT NULL CHECK (content_type IN
			    ('image/jpeg', 'image/png', 'image/webp')),
	size		INTEGER NOT NULL CHECK (size > 0),
	description	TEXT NOT NULL DEFAULT '',
	uploaded_by	INTEGER NOT NULL REFERENCES users(id),
	created_at	INTEGER NOT NULL
) STRICT;
INSERT INTO photos_new SELECT id, booking_id, kind, file, content_type, size,
    description, uploaded_by, created_at FROM photos;
DROP TABLE photos;
ALTER TABLE photos_new RENAME TO photos;
CREATE INDEX photos_booking ON photos(booking_id, kind, id);
