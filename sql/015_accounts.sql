-- 015_accounts.sql: the super admin's users: who blocked an account, when and why; what a reset link is for; the indexes of the users list and of one account's page.

-- A blocked account says who blocked it, when and why (cleared when it is
-- unblocked; the audit log keeps every block and unblock).
ALTER TABLE users ADD COLUMN blocked_at INTEGER;
ALTER TABLE users ADD COLUMN blocked_by INTEGER REFERENCES users(id);
ALTER TABLE users ADD COLUMN blocked_reason TEXT NOT NULL DEFAULT ''
    CHECK (length(blocked_reason) <= 500);

-- A link to choose a password: asked for at /password/forgot, forced by a
-- super admin, or a staff invitation (a first password, valid longer).
ALTER TABLE password_resets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'forgot'
    CHECK (purpose IN ('forgot', 'forced', 'invited'));

-- /admin/users, by username: in a status, and in a role and a status
-- (users_role serves a role alone, the username's own index no filter).
CREATE INDEX users_blocked ON users(is_blocked, username);
CREATE INDEX users_role_blocked ON users(role, is_blocked, username);

-- An account's page: its last sign-ins (audit rows of one action about
-- it, newest first) and its payments as a customer and as a vendor.
CREATE INDEX audit_log_entity_action ON audit_log(entity, entity_id, action);
CREATE INDEX payments_customer ON payments(customer_id, id);
CREATE INDEX payments_vendor ON payments(vendor_id, id);
