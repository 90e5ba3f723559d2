-- 030_board.sql: the job board walks one (category, pincode) in time order and stops after a page; the board's customer history reads paid bookings per customer.

-- bookings_board gains the offer columns, so the board's filter and its
-- capped count read the index alone (declines are their own table).
DROP INDEX IF EXISTS bookings_board;
CREATE INDEX bookings_board ON bookings(category, pincode, scheduled_at,
    offered_to, offered_until) WHERE status = 'pending';
CREATE INDEX bookings_customer_paid ON bookings(customer_id)
    WHERE status = 'paid';
