-- 016_categories.sql: categories get an id (for the admin's URLs), an active switch and updated_at; the slug stays the key everything refers to.
-- Rebuilt the way SQLite asks (new table, copy, drop, rename): foreign
-- keys to categories(slug) from services, bookings, vendor_categories
-- and others stay valid, because slug stays UNIQUE.  The ids follow the
-- current display order.  Names are unique whatever their case.
CREATE TABLE categories_new (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE CHECK (slug NOT GLOB '*[^a-z0-9-]*'
			    AND length(slug) BETWEEN 1 AND 40),
	name		TEXT NOT NULL COLLATE NOCASE UNIQUE
			    CHECK (length(name) BETWEEN 1 AND 60),
	position	INTEGER NOT NULL DEFAULT 0
			    CHECK (position BETWEEN 0 AND 1000),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	-- 0 for a row no one has edited since this migration (writers
	-- that predate it insert without it).
	updated_at	INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO categories_new (id, slug, name, position, active, updated_at)
    SELECT row_number() OVER (ORDER BY position, name), slug, name,
	position, 1, 0
    FROM categories;

-- The services triggers that read categories name it in their bodies:
-- renaming a table checks every trigger, and these must not point at a
-- dropped one meanwhile.  Recreated below as 001 made them.
DROP TRIGGER services_fts_insert;
DROP TRIGGER services_fts_update;
DROP TABLE categories;
ALTER TABLE categories_new RENAME TO categories;

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
-- A renamed category is searchable by its new name at once.
CREATE TRIGGER categories_fts_rename AFTER UPDATE OF name ON categories BEGIN
	UPDATE services_fts SET category = new.name
	WHERE rowid IN (SELECT id FROM services WHERE category = new.slug);
END;

-- Dropping the table dropped its catalog_version triggers (sql/009).
CREATE TRIGGER catalog_version_category_insert AFTER INSERT ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_category_update AFTER UPDATE ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_category_delete AFTER DELETE ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
UPDATE catalog_version SET n = n + 1;

-- The admin's list and the catalogue, in display order; and each
-- category's services, active or all, counted from an index.
CREATE INDEX categories_order ON categories(position, name);
CREATE INDEX services_category ON services(category, is_active);
