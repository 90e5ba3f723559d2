-- 006_audit_no_replace.sql: INSERT OR REPLACE must not rewrite an audit row.
-- REPLACE deletes the old row without firing DELETE triggers unless
-- recursive triggers are on; refuse reusing an id before that can happen.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
