-- 009_catalog_version.sql: a counter every change to the catalogue moves, so a worker knows when its copy of the catalogue is stale.
-- Triggers move it, so no writer (the admin pages, homeserve-ctl, a
-- sqlite3 shell) can change services or categories without it.
CREATE TABLE catalog_version (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	n		INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_version (id, n) VALUES (1, 1);

CREATE TRIGGER catalog_version_service_insert AFTER INSERT ON services BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_service_update AFTER UPDATE ON services BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_service_delete AFTER DELETE ON services BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_category_insert AFTER INSERT ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_category_update AFTER UPDATE ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
CREATE TRIGGER catalog_version_category_delete AFTER DELETE ON categories BEGIN
	UPDATE catalog_version SET n = n + 1;
END;
