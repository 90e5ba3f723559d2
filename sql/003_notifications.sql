-- 003_notifications.sql: in-app notifications; delivery says what an email/SMS worker still owes.
CREATE TABLE notifications (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	booking_id	INTEGER REFERENCES bookings(id),
	text		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	read_at		INTEGER,
	delivery	TEXT NOT NULL DEFAULT 'pending'
			    CHECK (delivery IN ('pending', 'sent', 'failed'))
) STRICT;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_delivery ON notifications(id) WHERE delivery = 'pending';
