-- 029_choice.sql: a booking may be offered to the vendor the customer chose, alone, until a time; the catalogue for a pincode reads vendors by pincode and category.

-- offered_to: the chosen vendor, who alone sees the pending booking on
-- their board until offered_until (or until they decline); NULL: open
-- to every vendor who serves it.  The timed job "offers-expire" clears
-- offers whose time has passed; the board never waits for it.
ALTER TABLE bookings ADD COLUMN offered_to INTEGER REFERENCES users(id);
ALTER TABLE bookings ADD COLUMN offered_until INTEGER;
-- The job's sweep: the offers standing, by id after a cursor (only
-- they are in it: an offer ends when it is taken, declined or cleared).
CREATE INDEX bookings_offers_due ON bookings(id, offered_until)
    WHERE offered_to IS NOT NULL;

