-- 017_two_factor.sql: two-factor sign-in: a TOTP secret per account, its one-time recovery codes, and sessions that wait for the code.
-- The secret is sealed with the server key (AES-256-GCM, keyed from
-- keys/app.key: lib/domain/twofactor.c), so a copy of the database alone
-- cannot make codes.  enrolled_at is NULL while the first code is awaited;
-- last_step is the newest 30-second step used, so no code works twice.
CREATE TABLE user_totp (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id),
	secret		TEXT NOT NULL CHECK (length(secret) BETWEEN 2 AND 200
			    AND secret NOT GLOB '*[^0-9a-f]*'),
	enrolled_at	INTEGER,
	last_step	INTEGER NOT NULL DEFAULT -1,
	created_at	INTEGER NOT NULL
) STRICT;

-- Ten per account, shown once, stored as keyed hashes.
CREATE TABLE recovery_codes (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	code_hash	TEXT NOT NULL UNIQUE,
	used_at		INTEGER,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX recovery_codes_user ON recovery_codes(user_id, used_at);

-- A visitor whose password was right and whose code is still due: the
-- session stays anonymous until the code is given, before pending_until.
ALTER TABLE sessions ADD COLUMN pending_user_id INTEGER REFERENCES users(id);
ALTER TABLE sessions ADD COLUMN pending_until INTEGER;
