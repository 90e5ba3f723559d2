-- 011_outbox.sql: messages that leave the site (the outbox and its delivery attempts), what each person chooses to receive, password resets, throttles, and the marks the timed jobs leave.

-- One row per message per channel, written in the transaction of the
-- event that causes it.  A worker claims a due row by moving it to
-- 'sending' with a lease; the lease lets another worker take it over if
-- the first one dies.  Email rows are rendered when queued and keep one
-- Message-ID across retries.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	channel		TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'chat')),
	kind		TEXT NOT NULL CHECK (kind IN ('booking', 'reminder',
			    'report', 'marketing', 'security', 'alert')),
	user_id		INTEGER REFERENCES users(id),
	recipient	TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 254),
	subject		TEXT NOT NULL DEFAULT '' CHECK (length(subject) <= 300),
	body_text	TEXT NOT NULL CHECK (length(body_text) BETWEEN 1 AND 100000),
	body_html	TEXT CHECK (body_html IS NULL OR length(body_html) <= 200000),
	message_id	TEXT,
	unsubscribe_url	TEXT,
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
			    ('pending', 'sending', 'sent', 'failed', 'dead')),
	attempts	INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	next_attempt_at	INTEGER NOT NULL,
	lease_until	INTEGER,
	claimed_by	TEXT,
	last_error	TEXT NOT NULL DEFAULT '',
	provider_id	TEXT,
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER,
	updated_at	INTEGER NOT NULL,
	CHECK (channel = 'chat' OR user_id IS NOT NULL),
	CHECK (channel <> 'email' OR message_id IS NOT NULL),
	CHECK (status <> 'sending' OR (lease_until IS NOT NULL AND
	    claimed_by IS NOT NULL)),
	CHECK (status <> 'sent' OR sent_at IS NOT NULL)
) STRICT;
-- What a worker may take: due rows, and rows whose worker's lease ran out.
CREATE INDEX outbox_due ON outbox(next_attempt_at, id)
    WHERE status IN ('pending', 'failed');
CREATE INDEX outbox_leased ON outbox(lease_until) WHERE status = 'sending';
-- /ops/outbox: newest first, by status or channel.
CREATE INDEX outbox_status ON outbox(status, id);
CREATE INDEX outbox_channel ON outbox(channel, id);
CREATE INDEX outbox_user ON outbox(user_id, id);

-- Every delivery attempt, for the operations page.
CREATE TABLE outbox_attempts (
	id		INTEGER PRIMARY KEY,
	outbox_id	INTEGER NOT NULL REFERENCES outbox(id),
	attempt		INTEGER NOT NULL CHECK (attempt > 0),
	at		INTEGER NOT NULL,
	ok		INTEGER NOT NULL CHECK (ok IN (0, 1)),
	detail		TEXT NOT NULL DEFAULT ''	-- the error, or the answer
) STRICT;
CREATE INDEX outbox_attempts_message ON outbox_attempts(outbox_id, id);

-- A person's choices per channel and kind; a missing row means the
-- default (lib/domain/prefs.c).  Security messages have no switch.
CREATE TABLE notification_prefs (
	user_id		INTEGER NOT NULL REFERENCES users(id),
	channel		TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
	kind		TEXT NOT NULL CHECK (kind IN ('booking', 'reminder',
			    'report', 'marketing')),
	enabled		INTEGER NOT NULL CHECK (enabled IN (0, 1)),
	updated_at	INTEGER NOT NULL,
	PRIMARY KEY (user_id, channel, kind)
) STRICT, WITHOUT ROWID;

-- A reset link's token is random; only its SHA-256 is stored.
CREATE TABLE password_resets (
	token_hash	TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER,
	ip		TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Requests counted for throttling, by scope ("reset-email:<address>",
-- "reset-ip:<address>").
CREATE TABLE throttle_hits (
	id		INTEGER PRIMARY KEY,
	scope		TEXT NOT NULL,
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX throttle_hits_scope ON throttle_hits(scope, at);

-- What a timed job has done, so running it twice does nothing twice:
-- one row per job, period ('' for none, '2026-12-01', '2026-11') and
-- subject (a booking, a user), written with the job's messages.
CREATE TABLE job_marks (
	job		TEXT NOT NULL,
	period		TEXT NOT NULL,
	subject_id	INTEGER NOT NULL,
	at		INTEGER NOT NULL,
	PRIMARY KEY (job, period, subject_id)
) STRICT, WITHOUT ROWID;

-- A pending booking nobody accepted expires when its time passes, with
-- no vendor: the table's CHECK allows that now.  SQLite cannot change a
-- CHECK in place, so the table is rebuilt (the runner turns foreign
-- keys off around a migration and checks them before it commits).
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
	price_paise	INTEGER NOT NULL CHECK (price_paise > 0),
	notes		TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
			    'pending', 'accepted', 'in_progress', 'completed',
			    'signature_requested', 'signed', 'paid', 'cancelled',
			    'disputed', 'expired')),
	start_nonce	TEXT,		-- derives the start code with the server key
	start_code_hash	TEXT,
	start_failures	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (vendor_id IS NOT NULL OR status IN ('pending', 'cancelled',
	    'expired'))
) STRICT;
INSERT INTO bookings_new SELECT * FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_vendor ON bookings(vendor_id, scheduled_at);
CREATE INDEX bookings_service ON bookings(service_id);
CREATE INDEX bookings_board ON bookings(category, pincode, scheduled_at)
    WHERE status = 'pending';
CREATE INDEX bookings_status ON bookings(status, id);
CREATE INDEX bookings_customer_list ON bookings(customer_id, id, service_id,
    scheduled_at, price_paise, status);
-- The timed jobs find pending bookings whose time has passed and
-- accepted visits due for a reminder by their time.
CREATE INDEX bookings_pending_time ON bookings(scheduled_at)
    WHERE status = 'pending';
CREATE INDEX bookings_accepted_time ON bookings(scheduled_at)
    WHERE status = 'accepted';

-- The forgot-password form's throttles, per address asked for and per
-- client address, per hour.
INSERT INTO settings (key, value, updated_at) VALUES
	('reset_requests_per_email_hour', '3', unixepoch()),
	('reset_requests_per_ip_hour', '10', unixepoch());

-- What a notification still owed is now the outbox's business.
DROP INDEX notifications_delivery;
ALTER TABLE notifications DROP COLUMN delivery;
