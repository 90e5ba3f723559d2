-- 004_photos_messages.sql: before/after photos (files outside the web root) and booking threads.
CREATE TABLE photos (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	kind		TEXT NOT NULL CHECK (kind IN ('before', 'after')),
	-- hex name and a lower-case extension: "<32 hex>.jpg"
	file		TEXT NOT NULL UNIQUE
			    CHECK (file GLOB '[0-9a-f]*.[a-z]*' AND
			    file NOT GLOB '*[^0-9a-z.]*' AND file NOT LIKE '%..%'),
	content_type	TEXT NOT NULL CHECK (content_type IN
			    ('image/jpeg', 'image/png', 'image/webp')),
	size		INTEGER NOT NULL CHECK (size > 0),
	description	TEXT NOT NULL DEFAULT '',
	uploaded_by	INTEGER NOT NULL REFERENCES users(id),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX photos_booking ON photos(booking_id, kind, id);

CREATE TABLE messages (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL REFERENCES bookings(id),
	sender_id	INTEGER NOT NULL REFERENCES users(id),
	body		TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_booking ON messages(booking_id, id);
