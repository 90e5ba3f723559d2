-- 025_account.sql: a customer's own account: a full name, erasure at their request (DPDP), and sessions that say where they are (device, address, last seen) so idle ones can end.

-- The name a person goes by (may be empty); the username stays for signing in.
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT ''
    CHECK (length(full_name) <= 100);
-- Set when the account was erased at its owner's request: its personal
-- data is gone, its bookings and payments stay under an anonymous label.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- Where a session is: the browser's User-Agent (cut to 200 characters)
-- and address at sign-in, and when it was last used (moved at most once
-- a minute, for the idle timeout and the sessions page).
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT ''
    CHECK (length(user_agent) <= 200);
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT ''
    CHECK (length(ip) <= 64);
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
UPDATE sessions SET last_seen_at = created_at;
