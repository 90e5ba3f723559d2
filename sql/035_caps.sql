-- 035_caps.sql: the daily booking cap counts from an index alone.

-- booking_rules_cap counts a customer's bookings made in the last 24
-- hours that are not redos, inside booking_create's write lock; without
-- redo_of in the index each one was a read of its row.
DROP INDEX bookings_customer_created;
CREATE INDEX bookings_customer_created ON bookings(customer_id, created_at,
    redo_of);
