-- 002_bookings.sql: vendor profiles, saved addresses, bookings and their timeline, declines.

-- What a vendor does and where.  Onboarding managers set is_verified.
CREATE TABLE vendor_profiles (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id),
	is_verified	INTEGER NOT NULL DEFAULT 0 CHECK (is_verified IN (0, 1)),
	verified_at	INTEGER,
	updated_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE vendor_categories (
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	category	TEXT NOT NULL REFERENCES categories(slug),
	PRIMARY KEY (vendor_id, category)
) STRICT, WITHOUT ROWID;
CREATE INDEX vendor_categories_category ON vendor_categories(category, vendor_id);

CREATE TABLE vendor_pincodes (
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	pincode		TEXT NOT NULL
			    CHECK (pincode GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
	PRIMARY KEY (vendor_id, pincode)
) STRICT, WITHOUT ROWID;
CREATE INDEX vendor_pincodes_pincode ON vendor_pincodes(pincode, vendor_id);

-- A customer's saved addresses; at most one default each.
CREATE TABLE addresses (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	address		TEXT NOT NULL CHECK (length(address) BETWEEN 5 AND 300),
	pincode		TEXT NOT NULL
			    CHECK (pincode GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
	is_default	INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX addresses_user ON addresses(user_id, is_default DESC, id);
CREATE UNIQUE INDEX addresses_one_default ON addresses(user_id)
    WHERE is_default = 1;
INSERT INTO addresses (user_id, address, pincode, is_default, created_at)
    SELECT id, address, pincode, 1, created_at FROM users
    WHERE role = 'customer' AND length(address) >= 5 AND pincode <> '';

-- Price, category and duration are copied from the catalogue when booked:
-- later catalogue edits never change a booking.
CREATE TABLE bookings (
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
	CHECK (vendor_id IS NOT NULL OR status IN ('pending', 'cancelled'))
) STRICT;
CREATE INDEX bookings_customer ON bookings(customer_id, id);
CREATE INDEX bookings_vendor ON bookings(vendor_id, scheduled_at);
CREATE INDEX bookings_service ON bookings(service_id);
CREATE INDEX bookings_board ON bookings(category, pincode, scheduled_at)
    WHERE status = 'pending';
CREATE INDEX bookings_status ON bookings(status, id);

-- The timeline: one row per transition, who and when.
CREATE TABLE booking_events (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	from_status	TEXT,
	to_status	TEXT NOT NULL,
	actor_id	INTEGER REFERENCES users(id),
	note		TEXT NOT NULL DEFAULT '',
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX booking_events_booking ON booking_events(booking_id, id);

-- A vendor who declined a job no longer sees it on their board.
CREATE TABLE booking_declines (
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	at		INTEGER NOT NULL,
	PRIMARY KEY (vendor_id, booking_id)
) STRICT, WITHOUT ROWID;
