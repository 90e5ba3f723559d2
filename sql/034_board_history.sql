-- 034_board_history.sql: each customer's number of paid bookings kept by triggers, and pending jobs indexed in time order with what the job board filters on.

-- The board shows each job's customer as "12 past bookings" (board.c).
-- Counting them, even capped, walked up to eleven index entries for each
-- of a page's twenty rows: a quarter of the page's time.  The triggers
-- keep the number exact through every way a booking reaches or leaves
-- 'paid'; bookings are never moved between customers.
ALTER TABLE users ADD COLUMN paid_bookings INTEGER NOT NULL DEFAULT 0
    CHECK (paid_bookings >= 0);
UPDATE users SET paid_bookings = (SELECT count(*) FROM bookings b
    WHERE b.customer_id = users.id AND b.status = 'paid');

CREATE TRIGGER bookings_paid_insert AFTER INSERT ON bookings
WHEN new.status = 'paid' BEGIN
	UPDATE users SET paid_bookings = paid_bookings + 1
	    WHERE id = new.customer_id;
END;
CREATE TRIGGER bookings_paid_update AFTER UPDATE OF status ON bookings
WHEN (old.status = 'paid') <> (new.status = 'paid') BEGIN
	UPDATE users SET paid_bookings = paid_bookings +
	    CASE WHEN new.status = 'paid' THEN 1 ELSE -1 END
	    WHERE id = new.customer_id;
END;
CREATE TRIGGER bookings_paid_delete AFTER DELETE ON bookings
WHEN old.status = 'paid' BEGIN
	UPDATE users SET paid_bookings = paid_bookings - 1
	    WHERE id = old.customer_id;
END;

-- The count replaces this index's only use.
DROP INDEX bookings_customer_paid;

-- The board's walk over every pending job in time order (board_scan in
-- board.c) reads this index alone: it holds all a board row shows, in
-- the board's order.  status leads so that the planner prefers it to
-- bookings_status_time (as with bookings_board, sql/030).  Its old uses
-- (pending jobs by time) read the same prefix.  Only pending jobs are
-- in it, so its width costs little.
DROP INDEX bookings_pending_time;
CREATE INDEX bookings_pending_time ON bookings(status, scheduled_at, id,
    category, pincode, offered_to, offered_until, customer_id, service_id,
    service_name, duration_minutes, price_paise, created_at)
    WHERE status = 'pending';

-- With status leading bookings_pending_time, the planner took it for
-- the cap's count of one customer's waiting bookings (booking_rules.c)
-- and walked every pending job: a second equality on
-- bookings_customer_pending keeps that count on the customer's own.
DROP INDEX bookings_customer_pending;
CREATE INDEX bookings_customer_pending ON bookings(customer_id, status)
    WHERE status = 'pending';
