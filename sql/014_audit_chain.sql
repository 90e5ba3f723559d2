-- 014_audit_chain.sql: the audit log becomes a hash chain, and gains the indexes its filters need.
-- Each row's hash is the SHA-256 of the previous row's hash and the row's
-- own content (lib/domain/audit.c says exactly how).  SQL has no SHA-256,
-- so homeserve-ctl migrate chains the rows that exist now right after this
-- file (audit_chain_fill); new rows are written chained.
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR
    (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));

-- Still append-only: the one change allowed is giving an unchained row
-- its hash, once.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
    OR NEW.actor_id IS NOT OLD.actor_id OR NEW.action IS NOT OLD.action
    OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
    OR NEW.old_values IS NOT OLD.old_values
    OR NEW.new_values IS NOT OLD.new_values OR NEW.ip IS NOT OLD.ip
    OR NEW.user_agent IS NOT OLD.user_agent
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- /admin/audit filters by action and by date; the actor and the record
-- have their indexes (sql/001).
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_at ON audit_log(at);
