-- 028_policy.sql: rescheduling and the cancellation policy: how often a booking was moved, a payment's kind (a job's price or a late-cancellation fee), and the accepted jobs vendors gave up inside the cut-off.
-- Columns are added, not rebuilt: nothing else about the tables changes.
ALTER TABLE bookings ADD COLUMN reschedules INTEGER NOT NULL DEFAULT 0
    CHECK (reschedules >= 0);

-- A late-cancellation fee is a payment on its cancelled booking, which
-- has no live job payment, so payments_one_live still holds.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'job'
    CHECK (kind IN ('job', 'fee'));
-- A customer's unpaid fee, looked up on every booking form.
CREATE INDEX payments_fee_due ON payments(customer_id, id)
    WHERE kind = 'fee' AND status IN ('requires_authorization',
    'authorized', 'failed');

-- An accepted job its vendor gave up inside the cut-off before the visit
-- (operations put it back on the board for them): counted for ops.
CREATE TABLE vendor_late_cancellations (
	id		INTEGER PRIMARY KEY,
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	scheduled_at	INTEGER NOT NULL,	-- the visit it was to be
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX vendor_late_cancellations_vendor
    ON vendor_late_cancellations(vendor_id, at);
