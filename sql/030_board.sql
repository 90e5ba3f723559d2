-- 030_board.sql: the job board walks one (category, pincode) in time order and stops after a page; the board's customer history reads paid bookings per customer.

-- The board reads one (category, pincode) at a time (lib/domain/board.c):
-- status leads so that its equality outranks bookings_status_time in the
-- planner's eyes; id follows scheduled_at so the index is in the board's
-- order (scheduled_at, id); the offer columns let the filter and the
-- capped count read the index alone (declines are their own table).
DROP INDEX IF EXISTS bookings_board;
CREATE INDEX bookings_board ON bookings(status, category, pincode,
    scheduled_at, id, offered_to, offered_until) WHERE status = 'pending';
-- A customer's paid bookings ("12 past bookings" on the board); status
-- again so the planner prefers it to bookings_customer_list, which would
-- walk every booking the customer ever made.
CREATE INDEX bookings_customer_paid ON bookings(customer_id, status)
    WHERE status = 'paid';
