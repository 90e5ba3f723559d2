-- 020_analytics.sql: booking attempts refused for want of a vendor (for /ops/demand), and the indexes /ops/analytics and /ops/demand read their figures from.

-- One row per booking form sent for a pincode and service whose
-- category no verified vendor serves there (booking_create's
-- BOOKING_NO_VENDOR), written by the booking page after the refusal,
-- in its own transaction; the audit row says who.  Kept to four
-- columns, and IF NOT EXISTS, because the pricing work reads the same
-- table and may create it first: the category is the service's.
CREATE TABLE IF NOT EXISTS booking_refusals (
	id		INTEGER PRIMARY KEY,
	pincode		TEXT NOT NULL,
	service_id	INTEGER NOT NULL REFERENCES services(id),
	created_at	INTEGER NOT NULL
) STRICT;
-- /ops/demand: refusals in a range of days by pincode and service,
-- from the index alone.
CREATE INDEX IF NOT EXISTS booking_refusals_demand ON booking_refusals(
    created_at, pincode, service_id);

-- Bookings made in a range of days: per service (top services) and per
-- pincode and category (demand), from the index alone.  bookings_created
-- (018) stays for the export, which reads in (created_at, id) order, and
-- for the count per day, which it serves with less to read.
CREATE INDEX bookings_created_facts ON bookings(created_at, service_id,
    category, pincode);

-- Vendor utilisation: each active vendor's jobs in a range of start
-- times, with their status and length, from the index alone.
-- bookings_vendor(vendor_id, scheduled_at) is its prefix, kept for the
-- vendor's calendar, which reads whole rows anyway.
CREATE INDEX bookings_vendor_work ON bookings(vendor_id, scheduled_at,
    status, duration_minutes);

-- The funnel: whether a booking ever reached a status, one probe each.
CREATE INDEX booking_events_reached ON booking_events(booking_id, to_status);
-- Cancellations and disputes per week: events of one status in a range.
CREATE INDEX booking_events_status_at ON booking_events(to_status, at);

-- Revenue per week: amounts captured, and refunds made, in a range.
CREATE INDEX payments_captured ON payments(captured_at, amount_paise)
    WHERE captured_at IS NOT NULL;
CREATE INDEX payment_refunds_created ON payment_refunds(created_at,
    amount_paise);

-- Ratings written in a range.
CREATE INDEX reviews_created_rating ON reviews(created_at, rating);
