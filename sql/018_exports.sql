-- 018_exports.sql: indexes for the super admin's CSV exports, one per exported table's date column.
-- Each export is one SELECT over a range of days, ordered by the date
-- and then the id, so the index gives the rows in order and nothing is
-- sorted (a sort would hold the whole range in memory before the first
-- byte goes out).  payments already has payments_created(created_at, id),
-- and audit_log has audit_log_at(at) from 014 (its rowid is the id).
CREATE INDEX users_created ON users(created_at, id);
CREATE INDEX bookings_created ON bookings(created_at, id);
CREATE INDEX reviews_created ON reviews(created_at, id);
