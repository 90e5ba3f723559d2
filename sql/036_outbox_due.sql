-- 036_outbox_due.sql: the background worker finds the next message to send from an index in time order, however long the queue.

-- claimable (lib/domain/outbox.c) asks, per waiting status, for the
-- earliest due row, then for the earliest lapsed lease.  The partial
-- indexes of 011 were passed over for outbox_status (status, id), which
-- then sorted every waiting row for each claim: under bench/soak the
-- queue reached 22,000 rows and the deliverers' CPU grew with it.  With
-- the status first, then the time, each question is one index entry.
DROP INDEX outbox_due;
DROP INDEX outbox_leased;
CREATE INDEX outbox_wait ON outbox(status, next_attempt_at, id);
CREATE INDEX outbox_lease ON outbox(status, lease_until, id);
