-- 027_booking_rules.sql: a booking keeps the service name it was made with, the booking form's one-time keys, and the indexes the per-customer booking caps count with.

-- The name joins the price, duration and category a booking already
-- copies from the catalogue: renaming a service never renames past
-- bookings, receipts or signatures.  Existing rows take today's name,
-- the best there is.
ALTER TABLE bookings ADD COLUMN service_name TEXT NOT NULL DEFAULT '';
UPDATE bookings SET service_name = (SELECT name FROM services
    WHERE services.id = bookings.service_id);

-- /bookings reads a page from the index alone (010): the name joins it.
DROP INDEX IF EXISTS bookings_customer_list;
CREATE INDEX bookings_customer_list ON bookings(customer_id, id, service_id,
    service_name, scheduled_at, price_paise, status);

-- The caps (booking_rules.c): bookings waiting for a vendor, and
-- bookings made in the last 24 hours, per customer.
CREATE INDEX bookings_customer_pending ON bookings(customer_id)
    WHERE status = 'pending';
CREATE INDEX bookings_customer_created ON bookings(customer_id, created_at);

-- One row per booking form submitted: the key the form carried (128
-- random bits, hex) and the booking it made, written in the booking's
-- own transaction, so a repeat finds the booking instead of making a
-- second.  Keys are the customer's own: another customer's key is just
-- a fresh one for them.  The daily cleanup forgets keys after a day.
CREATE TABLE booking_form_keys (
	customer_id	INTEGER NOT NULL REFERENCES users(id),
	form_key	TEXT NOT NULL CHECK (length(form_key) = 32 AND
			    form_key NOT GLOB '*[^0-9a-f]*'),
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (customer_id, form_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX booking_form_keys_created ON booking_form_keys(created_at);

-- A row written by hand (the sqlite3 shell, a seed, a test) without a
-- name takes the catalogue's name of that moment, as booking_create
-- would have: no booking is ever nameless.
CREATE TRIGGER bookings_service_name AFTER INSERT ON bookings
    WHEN NEW.service_name = '' BEGIN
	UPDATE bookings SET service_name = (SELECT name FROM services
	    WHERE id = NEW.service_id) WHERE id = NEW.id;
END;
