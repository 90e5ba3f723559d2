-- 005_signatures.sql: satisfaction signatures (hash + Ed25519) and the reviews they become.
CREATE TABLE signatures (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL UNIQUE REFERENCES bookings(id),
	customer_id	INTEGER NOT NULL REFERENCES users(id),
	status		TEXT NOT NULL DEFAULT 'requested' CHECK (status IN
			    ('requested', 'signed', 'rejected', 'expired')),
	requested_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	signed_at	INTEGER,
	rating		INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
	comments	TEXT NOT NULL DEFAULT '',
	reject_reason	TEXT NOT NULL DEFAULT '',
	sha256		TEXT,		-- of {booking_id}_{customer_id}_{signed_at}_{rating}
	ed25519		TEXT,		-- base64 signature over the canonical record
	CHECK (status <> 'signed' OR (signed_at IS NOT NULL AND rating IS NOT NULL
	    AND sha256 IS NOT NULL AND ed25519 IS NOT NULL))
) STRICT;
CREATE INDEX signatures_expiry ON signatures(expires_at) WHERE status = 'requested';
CREATE INDEX signatures_customer ON signatures(customer_id);

CREATE TABLE reviews (
	id		INTEGER PRIMARY KEY,
	booking_id	INTEGER NOT NULL UNIQUE REFERENCES bookings(id),
	service_id	INTEGER NOT NULL REFERENCES services(id),
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	customer_id	INTEGER NOT NULL REFERENCES users(id),
	rating		INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX reviews_service ON reviews(service_id, id);
CREATE INDEX reviews_vendor ON reviews(vendor_id, id);
