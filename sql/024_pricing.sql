-- 024_pricing.sql: demand pricing: the factor per pincode and category (computed daily, or set by operations), the factor each booking was priced with, and booking attempts refused for want of a vendor.

-- Factors are hundredths (125 is 1.25), in steps of 5, never below 1.00;
-- the top of the range is the pricing_max_factor setting, whose own
-- range ends at 2.00.  One row per pincode and category that the daily
-- job found demand or vendors for (lib/domain/pricing.c), or that
-- operations overrode: no row is 1.00.  bookings, refused and vendors
-- are the figures behind the computed factor, over the 14 days before
-- computed_at.  An override, with its reason, wins until removed.
CREATE TABLE price_factors (
	pincode		TEXT NOT NULL
			    CHECK (pincode GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
	category	TEXT NOT NULL REFERENCES categories(slug),
	factor		INTEGER NOT NULL
			    CHECK (factor BETWEEN 100 AND 200 AND factor % 5 = 0),
	bookings	INTEGER NOT NULL CHECK (bookings >= 0),
	refused		INTEGER NOT NULL CHECK (refused >= 0),
	vendors		INTEGER NOT NULL CHECK (vendors >= 0),
	computed_at	INTEGER NOT NULL,
	override_factor	INTEGER CHECK (override_factor BETWEEN 100 AND 200
			    AND override_factor % 5 = 0),
	override_reason	TEXT CHECK (length(override_reason) BETWEEN 3 AND 500),
	override_by	INTEGER REFERENCES users(id),
	override_at	INTEGER,
	CHECK ((override_factor IS NULL) = (override_reason IS NULL) AND
	    (override_factor IS NULL) = (override_by IS NULL) AND
	    (override_factor IS NULL) = (override_at IS NULL)),
	PRIMARY KEY (pincode, category)
) STRICT, WITHOUT ROWID;

-- The factor a booking's price includes (100: none); price_paise is
-- already the final price.  A receipt says "includes a N% busy-area
-- adjustment" from it.
ALTER TABLE bookings ADD COLUMN price_factor INTEGER NOT NULL DEFAULT 100
    CHECK (price_factor BETWEEN 100 AND 200);

-- The refused attempts it counts are 020's booking_refusals.
