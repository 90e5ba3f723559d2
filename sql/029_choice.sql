-- 029_choice.sql: a booking may be offered to the vendor the customer chose, alone, until a time; the catalogue for a pincode reads vendors by pincode and category.

-- offered_to: the chosen vendor, who alone sees the pending booking on
-- their board until offered_until (or until they decline); NULL: open
-- to every vendor who serves it.  The timed job "offers-expire" clears
-- offers whose time has passed; the board never waits for it.
ALTER TABLE bookings ADD COLUMN offered_to INTEGER REFERENCES users(id);
ALTER TABLE bookings ADD COLUMN offered_until INTEGER;
-- The job's sweep: offers whose time has come, soonest first.
CREATE INDEX bookings_offers_due ON bookings(offered_until, id)
    WHERE offered_to IS NOT NULL;

