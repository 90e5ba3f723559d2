-- 023_booking_notes.sql: the operations bookings monitor: staff notes on a booking, support's messages in its thread, the list's indexes.

-- What staff write down about a booking for each other; never shown to
-- its customer or its vendor.
CREATE TABLE booking_notes (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	author_id	INTEGER NOT NULL REFERENCES users(id),
	body		TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX booking_notes_booking ON booking_notes(booking_id, id);

-- A message staff wrote in a booking's thread, which its customer and
-- vendor read as from "HomeServe support".  Kept on the message, not
-- read from the sender's role, which may change later.
ALTER TABLE messages ADD COLUMN from_support INTEGER NOT NULL DEFAULT 0
    CHECK (from_support IN (0, 1));

-- /ops/bookings reads by scheduled time through the index of its most
-- selective filter (lib/domain/booking.c, search_statement), each with
-- the time second and the id after it, so that a page is a walk in
-- order with nothing sorted.  The pincode's and the service's also hold
-- what the filters after them and the counts per status read, so
-- counting a pincode's or a service's bookings reads the index alone.
-- A vendor's (bookings_vendor) already exists; bookings_service becomes
-- the wider one under its name, for whatever used it.
CREATE INDEX bookings_scheduled ON bookings(scheduled_at);
CREATE INDEX bookings_status_time ON bookings(status, scheduled_at);
CREATE INDEX bookings_customer_time ON bookings(customer_id, scheduled_at);
CREATE INDEX bookings_pincode_time ON bookings(pincode, scheduled_at, id,
    status, service_id);
DROP INDEX IF EXISTS bookings_service;
CREATE INDEX bookings_service ON bookings(service_id, scheduled_at, id,
    status);
