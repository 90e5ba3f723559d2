-- 012_onboarding.sql: vendors apply, verify their phone by SMS code, upload documents, and onboarding managers decide: the vendor's status (with its timeline) replaces is_verified.

-- A vendor's application and standing.  Only 'verified' vendors take new
-- jobs; 'suspended' and 'reverify' ones may finish those they hold.
CREATE TABLE vendor_profiles_new (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id),
	status		TEXT NOT NULL DEFAULT 'applied' CHECK (status IN
			    ('applied', 'submitted', 'needs_info', 'verified',
			    'rejected', 'suspended', 'reverify')),
	business_name	TEXT NOT NULL DEFAULT ''
			    CHECK (length(business_name) <= 100),
	experience_years INTEGER NOT NULL DEFAULT 0
			    CHECK (experience_years BETWEEN 0 AND 70),
	phone_verified	TEXT,		-- the number a code proved, E.164
	phone_verified_at INTEGER,
	status_reason	TEXT NOT NULL DEFAULT '' CHECK (length(status_reason) <= 1000),
	flag_reason	TEXT CHECK (flag_reason IS NULL OR
			    length(flag_reason) BETWEEN 1 AND 1000),
	flagged_by	INTEGER REFERENCES users(id),
	flagged_at	INTEGER,
	submitted_at	INTEGER,
	verified_at	INTEGER,	-- first verified: "Verified since"
	verified_by	INTEGER REFERENCES users(id),
	status_at	INTEGER NOT NULL,	-- the last change: the queue's order
	updated_at	INTEGER NOT NULL,
	CHECK (status NOT IN ('verified', 'suspended', 'reverify')
	    OR verified_at IS NOT NULL)
) STRICT;
INSERT INTO vendor_profiles_new (user_id, status, phone_verified,
    phone_verified_at, verified_at, status_at, updated_at)
    SELECT p.user_id, CASE p.is_verified WHEN 1 THEN 'verified'
	ELSE 'applied' END,
	CASE WHEN p.is_verified = 1 AND u.phone <> '' THEN u.phone END,
	CASE WHEN p.is_verified = 1 AND u.phone <> '' THEN p.verified_at END,
	CASE WHEN p.is_verified = 1 THEN coalesce(p.verified_at, p.updated_at) END,
	p.updated_at, p.updated_at
    FROM vendor_profiles p JOIN users u ON u.id = p.user_id;
DROP TABLE vendor_profiles;
ALTER TABLE vendor_profiles_new RENAME TO vendor_profiles;
-- The onboarding queue, longest waiting first: in one status, and in all.
CREATE INDEX vendor_profiles_queue ON vendor_profiles(status, status_at, user_id);
CREATE INDEX vendor_profiles_waiting ON vendor_profiles(status_at, user_id);

-- The application's timeline: every change of status, who and why.
CREATE TABLE vendor_events (
	id		INTEGER PRIMARY KEY,
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	from_status	TEXT,
	to_status	TEXT NOT NULL,
	actor_id	INTEGER REFERENCES users(id),
	reason		TEXT NOT NULL DEFAULT '',
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX vendor_events_vendor ON vendor_events(vendor_id, id);

-- Codes sent by SMS to prove a phone number: only a keyed hash is kept.
CREATE TABLE phone_codes (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	phone		TEXT NOT NULL,
	code_hash	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	failures	INTEGER NOT NULL DEFAULT 0,
	used_at		INTEGER
) STRICT;
CREATE INDEX phone_codes_user ON phone_codes(user_id, id);
CREATE INDEX phone_codes_phone ON phone_codes(phone, created_at);

-- A vendor's documents: files outside the web root under random names,
-- recognised by their bytes.  An ID or address proof replaced before it
-- is accepted keeps its row ('replaced') but not its file.
CREATE TABLE vendor_documents (
	id		INTEGER PRIMARY KEY,
	vendor_id	INTEGER NOT NULL REFERENCES users(id),
	doc_type	TEXT NOT NULL CHECK (doc_type IN ('id_proof',
			    'address_proof', 'certificate')),
	file		TEXT NOT NULL UNIQUE
			    CHECK (file GLOB '[0-9a-f]*.[a-z]*' AND
			    file NOT GLOB '*[^0-9a-z.]*' AND file NOT LIKE '%..%'),
	content_type	TEXT NOT NULL CHECK (content_type IN
			    ('application/pdf', 'image/jpeg', 'image/png')),
	size		INTEGER NOT NULL CHECK (size > 0),
	expires_on	TEXT CHECK (expires_on IS NULL OR expires_on GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	expires_at	INTEGER,	-- the end of expires_on, India time
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
			    ('pending', 'accepted', 'rejected', 'replaced')),
	review_reason	TEXT NOT NULL DEFAULT '',
	reviewed_by	INTEGER REFERENCES users(id),
	reviewed_at	INTEGER,
	uploaded_at	INTEGER NOT NULL,
	CHECK ((expires_on IS NULL) = (expires_at IS NULL))
) STRICT;
CREATE INDEX vendor_documents_vendor ON vendor_documents(vendor_id, id);
CREATE INDEX vendor_documents_expiry ON vendor_documents(expires_at)
    WHERE status = 'accepted' AND expires_at IS NOT NULL;
