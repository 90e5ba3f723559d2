-- 008_webhooks.sql: the gateway events already handled, so a webhook delivered twice changes nothing the second time.
-- A row is written in the same transaction as the change the event makes
-- (or alone, for an event that changes nothing), so an event is either
-- handled and recorded, or neither.
CREATE TABLE webhook_events (
	event_id	TEXT PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
	type		TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
	received_at	INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
