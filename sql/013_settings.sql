-- 013_settings.sql: every rule the super admin may change at /admin/settings, a counter that tells each worker its copy is stale, and the GST rate each booking keeps.
-- The values are the constants the code held until now; lib/domain/setting.c
-- holds each one's range and checks it on every save.
INSERT INTO settings (key, value, updated_at) VALUES
	('gst_percent', '18', unixepoch()),
	('signature_window_hours', '48', unixepoch()),
	('lead_hours', '2', unixepoch()),
	('horizon_days', '30', unixepoch()),
	('hours_start', '08:00', unixepoch()),
	('hours_end', '20:00', unixepoch()),
	('buffer_minutes', '30', unixepoch()),
	('start_code_tries', '5', unixepoch()),
	('photo_max_mb', '5', unixepoch()),
	('document_max_mb', '10', unixepoch()),
	('staff_2fa_required', '0', unixepoch()),
	('pricing_enabled', '0', unixepoch()),
	('pricing_max_factor', '1.25', unixepoch())
ON CONFLICT (key) DO NOTHING;

-- Moved by every write to settings, whoever writes (the admin page,
-- homeserve-ctl, a benchmark's sqlite3 shell), as catalog_version is.
CREATE TABLE settings_version (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	n		INTEGER NOT NULL
) STRICT;
INSERT INTO settings_version (id, n) VALUES (1, 1);
CREATE TRIGGER settings_version_insert AFTER INSERT ON settings BEGIN
	UPDATE settings_version SET n = n + 1;
END;
CREATE TRIGGER settings_version_update AFTER UPDATE ON settings BEGIN
	UPDATE settings_version SET n = n + 1;
END;
CREATE TRIGGER settings_version_delete AFTER DELETE ON settings BEGIN
	UPDATE settings_version SET n = n + 1;
END;

-- The GST inside a booking's price, in hundredths of a percent, as it
-- was on the day the booking was made: a later change of the setting
-- never alters a receipt.
ALTER TABLE bookings ADD COLUMN gst_rate INTEGER NOT NULL DEFAULT 1800
    CHECK (gst_rate BETWEEN 0 AND 4000);
