-- fill.sql: the benchmark's data: 2,000 customers, 200 verified vendors, 100,000 bookings with their timeline and 100,000 pending jobs in vendor1's area, in one transaction.
--
-- Run with the sqlite3 shell on a migrated and seeded database (it needs
-- customer1 and the five sample services).  Generated accounts are named
-- bench_c0000.. and bench_v000..; they share customer1's password hash, so
-- nothing is hashed here.  Deterministic: the same rows every time.
--
-- Shape, so the queries see a realistic spread:
--   customers  bench_c<k> lives in pincode 110001 + k % 40
--   vendors    bench_v<k> does one category (k % 5, the sample services'
--              order) in two neighbouring pincodes (k / 5 and the next), so
--              every (category, pincode) pair has two vendors
--   bookings   ~50 per customer, 100 of them customer1's; scheduled every
--              day from a year ago to 30 days ahead, 08:00 to 19:00 IST;
--              past ones mostly paid, the rest signed, completed,
--              cancelled, disputed or expired; future ones pending (no
--              vendor), accepted or cancelled
--   the board  100,000 more, pending, in vendor1's two pincodes and five
--              categories, one every 25 s from an hour ahead (29 days)
--   events     one 'pending' row per booking, and one for its last move
PRAGMA foreign_keys = ON;
-- Room to build the indexes in memory: seconds rather than tens of them.
PRAGMA cache_size = -131072;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;

-- The first free ids and the clock, fixed once.
CREATE TEMP TABLE fill_base AS SELECT
	(SELECT max(id) FROM users) AS user0,
	(SELECT coalesce(max(id), 0) FROM bookings) AS booking0,
	(SELECT id FROM users WHERE username = 'customer1') AS customer1,
	(SELECT password_hash FROM users WHERE username = 'customer1') AS hash,
	-- midnight IST a year ago (IST is UTC+05:30, no daylight saving)
	unixepoch('now', 'start of day', '-365 days') - 19800 AS day0,
	unixepoch() AS now;

-- customers: ids user0+1 .. user0+2000
INSERT INTO users (id, username, email, phone, password_hash, role, address,
    pincode, created_at, updated_at)
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 1999)
SELECT user0 + 1 + n, printf('bench_c%04d', n),
	printf('bench_c%04d@homeserve.test', n),
	printf('+9198%08d', n), hash, 'customer',
	printf('%d Bench Street, New Delhi', n + 1),
	CAST(110001 + n % 40 AS TEXT), day0, day0
FROM k, fill_base;

INSERT INTO addresses (user_id, address, pincode, is_default, created_at)
SELECT id, address, pincode, 1, created_at FROM users
WHERE id > (SELECT user0 FROM fill_base) AND role = 'customer';

-- vendors: ids user0+2001 .. user0+2200
INSERT INTO users (id, username, email, phone, password_hash, role, address,
    pincode, created_at, updated_at)
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 199)
SELECT user0 + 2001 + n, printf('bench_v%03d', n),
	printf('bench_v%03d@homeserve.test', n),
	printf('+9197%08d', n), hash, 'vendor',
	printf('%d Vendor Lane, New Delhi', n + 1),
	CAST(110001 + (n / 5) % 40 AS TEXT), day0, day0
FROM k, fill_base;

INSERT INTO vendor_profiles (user_id, status, phone_verified,
    phone_verified_at, verified_at, status_at, updated_at)
SELECT id, 'verified', phone, created_at, created_at, created_at, created_at
FROM users WHERE id > (SELECT user0 + 2000 FROM fill_base);

-- The sample services in id order are ac, plumbing, electrical,
-- cleaning, appliance: vendor k does service (k % 5) + 1's category.
INSERT INTO vendor_categories (vendor_id, category)
SELECT u.id, s.category FROM users u, fill_base b
JOIN services s ON s.id = (u.id - b.user0 - 2001) % 5 + 1
WHERE u.id > b.user0 + 2000;

INSERT INTO vendor_pincodes (vendor_id, pincode)
SELECT u.id, CAST(110001 + ((u.id - b.user0 - 2001) / 5 + d.n) % 40 AS TEXT)
FROM users u, fill_base b, (SELECT 0 AS n UNION ALL SELECT 1) d
WHERE u.id > b.user0 + 2000;

-- The bookings, first as a plan: customer index (-1: customer1), service
-- index, a status bucket 0..99, the time and, from the time, the status.
CREATE TEMP TABLE fill_plan AS
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100000),
plan AS (SELECT i,
	CASE WHEN i % 1000 = 0 THEN -1 ELSE i % 2000 END AS cust,
	(i / 2000 + i % 7) % 5 AS svc,
	(i * 37 + i / 1000 * 13) % 100 AS bucket,
	day0 + (i * 395 / 100000) * 86400 + (8 + (i * 7) % 12) * 3600 AS at,
	now
    FROM k, fill_base)
SELECT i, cust, svc, bucket, at,
	CASE WHEN at > now THEN
	    CASE WHEN bucket < 50 THEN 'pending'
	    WHEN bucket < 90 THEN 'accepted' ELSE 'cancelled' END
	ELSE
	    CASE WHEN bucket < 70 THEN 'paid'
	    WHEN bucket < 75 THEN 'signed'
	    WHEN bucket < 80 THEN 'completed'
	    WHEN bucket < 95 THEN 'cancelled'
	    WHEN bucket < 97 THEN 'disputed' ELSE 'expired' END
	END AS status
FROM plan;

INSERT INTO bookings (id, customer_id, vendor_id, service_id, service_name,
    category, address, pincode, scheduled_at, duration_minutes, price_paise,
    notes, status, created_at, updated_at)
SELECT b.booking0 + p.i, c.id,
	-- a vendor of this category serving this pincode (k / 5 is the
	-- pincode's index or the one before)
	CASE WHEN p.status = 'pending'
	    OR (p.status = 'cancelled' AND p.bucket % 2 = 0) THEN NULL
	ELSE b.user0 + 2001 + p.svc + 5 * ((CAST(c.pincode AS INTEGER)
	    - 110001 - p.i % 2 + 40) % 40) END,
	s.id, s.name, s.category, c.address, c.pincode, p.at,
	s.duration_minutes, s.price_paise,
	CASE WHEN p.bucket < 10 THEN 'Please call before coming.' ELSE '' END,
	p.status, p.at - 2 * 86400, min(p.at, b.now)
FROM fill_plan p, fill_base b
JOIN users c ON c.id = CASE WHEN p.cust < 0 THEN b.customer1
    ELSE b.user0 + 1 + p.cust END
JOIN services s ON s.id = p.svc + 1
ORDER BY p.i;

-- The job board's flood: 100,000 more pending jobs in vendor1's area
-- (every category, pincodes 110001 and 110002), one every 25 seconds over
-- the next 29 days, for the generated customers, open to every vendor.
INSERT INTO bookings (id, customer_id, service_id, service_name, category,
    address, pincode, scheduled_at, duration_minutes, price_paise, notes,
    status, created_at, updated_at)
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100000)
SELECT b.booking0 + 100000 + k.i, c.id, s.id, s.name, s.category, c.address,
	CAST(110001 + k.i % 2 AS TEXT), b.now + 3600 + k.i * 25,
	s.duration_minutes, s.price_paise, '', 'pending', b.now, b.now
FROM k, fill_base b
JOIN users c ON c.id = b.user0 + 1 + (k.i * 7) % 2000
JOIN services s ON s.id = k.i % 5 + 1
ORDER BY k.i;

-- The timeline: created, then the last move, from the state before it
-- (by the vendor; by the customer for cancelled, signed and disputed
-- bookings; by nobody for expired ones).
INSERT INTO booking_events (booking_id, from_status, to_status, actor_id,
    note, at)
SELECT id, NULL, 'pending', customer_id, '', created_at FROM bookings
WHERE id > (SELECT booking0 FROM fill_base)
UNION ALL
SELECT id, CASE status WHEN 'accepted' THEN 'pending'
	    WHEN 'completed' THEN 'in_progress' WHEN 'paid' THEN 'signed'
	    WHEN 'cancelled' THEN iif(vendor_id IS NULL, 'pending', 'accepted')
	    ELSE 'signature_requested' END,
	status, CASE WHEN status = 'expired' THEN NULL
	    WHEN status IN ('cancelled', 'signed', 'disputed')
	    OR vendor_id IS NULL THEN customer_id ELSE vendor_id END,
	CASE WHEN status = 'cancelled' THEN 'Plans changed.' ELSE '' END,
	updated_at
FROM bookings
WHERE id > (SELECT booking0 FROM fill_base) AND status <> 'pending'
ORDER BY 1;

DROP TABLE fill_plan;
DROP TABLE fill_base;
COMMIT;
ANALYZE;
