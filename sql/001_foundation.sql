-- 001_foundation.sql: users, sessions, login throttling, the service catalogue and the audit log.
-- Money is integer paise (INR); times are UTC seconds since the epoch.

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL COLLATE NOCASE UNIQUE
			    CHECK (length(username) BETWEEN 3 AND 30),
	email		TEXT NOT NULL COLLATE NOCASE UNIQUE
			    CHECK (length(email) BETWEEN 3 AND 254),
	phone		TEXT NOT NULL CHECK (phone = '' OR phone GLOB
			    '+91[6-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	password_hash	TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('customer', 'vendor',
			    'onboard_manager', 'ops_manager', 'super_admin')),
	address		TEXT NOT NULL DEFAULT '',
	pincode		TEXT NOT NULL DEFAULT '' CHECK (pincode = '' OR
			    pincode GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
	is_blocked	INTEGER NOT NULL DEFAULT 0 CHECK (is_blocked IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX users_role ON users(role, username);

-- The cookie holds a random token; only its SHA-256 is stored.  A row
-- with no user is an anonymous visitor's, made to carry a CSRF token.
CREATE TABLE sessions (
	token_hash	TEXT PRIMARY KEY,
	user_id		INTEGER REFERENCES users(id) ON DELETE CASCADE,
	csrf_token	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Failed sign-ins, by account and by client address, for throttling.
CREATE TABLE login_failures (
	id		INTEGER PRIMARY KEY,
	scope		TEXT NOT NULL,	-- 'user:<id>', 'name:<login>' or 'ip:<addr>'
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_scope ON login_failures(scope, at);

CREATE TABLE categories (
	slug		TEXT PRIMARY KEY CHECK (slug NOT GLOB '*[^a-z0-9-]*'
			    AND length(slug) BETWEEN 1 AND 40),
	name		TEXT NOT NULL UNIQUE,
	position	INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

CREATE TABLE services (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	category	TEXT NOT NULL REFERENCES categories(slug),
	description	TEXT NOT NULL DEFAULT '',
	price_paise	INTEGER NOT NULL CHECK (price_paise > 0),
	duration_minutes INTEGER NOT NULL
			    CHECK (duration_minutes BETWEEN 15 AND 720),
	is_active	INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX services_listing ON services(is_active, category, name);

-- Full-text search over name, category name and description, kept in
-- step with services by triggers.  rowid is the service id.
CREATE VIRTUAL TABLE services_fts USING fts5(name, category, description,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER services_fts_insert AFTER INSERT ON services BEGIN
	INSERT INTO services_fts(rowid, name, category, description)
	VALUES (new.id, new.name,
	    (SELECT name FROM categories WHERE slug = new.category),
	    new.description);
END;
CREATE TRIGGER services_fts_update AFTER UPDATE ON services BEGIN
	DELETE FROM services_fts WHERE rowid = old.id;
	INSERT INTO services_fts(rowid, name, category, description)
	VALUES (new.id, new.name,
	    (SELECT name FROM categories WHERE slug = new.category),
	    new.description);
END;
-- Services are never hard-deleted (bookings keep pointing at them).
CREATE TRIGGER services_no_delete BEFORE DELETE ON services BEGIN
	SELECT RAISE(ABORT, 'services are deactivated, never deleted');
END;

-- Append-only: triggers refuse any change to a written row.
CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id),
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	INTEGER,
	old_values	TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
	new_values	TEXT CHECK (new_values IS NULL OR json_valid(new_values)),
	ip		TEXT NOT NULL DEFAULT '',
	user_agent	TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

INSERT INTO categories(slug, name, position) VALUES
	('ac', 'AC & cooling', 1),
	('plumbing', 'Plumbing', 2),
	('electrical', 'Electrical', 3),
	('cleaning', 'Cleaning', 4),
	('appliance', 'Appliances', 5);
