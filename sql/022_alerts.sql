-- 022_alerts.sql: business alerts the worker raises from the rules in lib/domain/alert.c, how staff acknowledge and resolve them, and the indexes the rules read.

-- One row per situation seen.  A situation is a rule (kind), what it is
-- about (subject: 'vendor:12', 'customer:5/vendor:12', 'booking:7',
-- 'payment:9') and the newest fact behind it (evidence_id: a review, a
-- booking or payment event, a refund, a vendor event, per rule): it is
-- raised once, ever (alerts_situation), and a subject has at most one
-- alert that is not resolved (alerts_live).  So an alert stays one
-- alert while its situation lasts, and once resolved comes back only
-- when a newer fact keeps the rule's threshold crossed.
CREATE TABLE alerts (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('low_rating',
			    'cancellations', 'start_lockout', 'dispute_rate',
			    'repeat_refunds', 'inactive_vendor_jobs',
			    'stale_authorization')),
	-- who may see it: 'vendor' alerts onboarding managers too,
	-- 'operations' ones (customers' bookings, money) only ops
	scope		TEXT NOT NULL CHECK (scope IN ('vendor', 'operations')),
	subject		TEXT NOT NULL CHECK (length(subject) BETWEEN 3 AND 100),
	evidence_id	INTEGER NOT NULL,
	vendor_id	INTEGER REFERENCES users(id),
	customer_id	INTEGER REFERENCES users(id),
	booking_id	INTEGER REFERENCES bookings(id),
	payment_id	INTEGER REFERENCES payments(id),
	summary		TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
	-- the numbers that crossed the threshold, and the bookings behind
	-- them ("bookings": [ids]), as they were when raised
	figures		TEXT NOT NULL CHECK (json_valid(figures)),
	link		TEXT NOT NULL CHECK (link GLOB '/ops/*'),
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
			    'acknowledged', 'resolved')),
	raised_at	INTEGER NOT NULL,
	acknowledged_at	INTEGER,
	acknowledged_by	INTEGER REFERENCES users(id),
	resolved_at	INTEGER,
	resolved_by	INTEGER REFERENCES users(id),
	resolution	TEXT CHECK (resolution IS NULL OR
			    length(resolution) BETWEEN 3 AND 500),
	CHECK (status <> 'acknowledged' OR acknowledged_at IS NOT NULL),
	CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND
	    resolved_by IS NOT NULL AND resolution IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX alerts_situation ON alerts(kind, subject, evidence_id);
CREATE UNIQUE INDEX alerts_live ON alerts(kind, subject)
    WHERE status <> 'resolved';
-- /ops/alerts, newest first: one status, or all not resolved (the
-- default); the open count in the staff navigation.
CREATE INDEX alerts_status ON alerts(status, id);
CREATE INDEX alerts_unresolved ON alerts(id) WHERE status <> 'resolved';

-- The rules' reads.  Moves into a status within a time window
-- (cancellations and releases after accepting).
CREATE INDEX booking_events_moves ON booking_events(to_status, from_status, at);
-- A vendor's jobs by status (the dispute rate, the jobs an inactive
-- vendor holds).
CREATE INDEX bookings_vendor_status ON bookings(vendor_id, status);
-- Jobs with wrong start codes (few), to find those now locked.
CREATE INDEX bookings_start_failed ON bookings(status, start_failures)
    WHERE start_failures > 0;
-- Refunds by when they were made: 020's payment_refunds_created.
