-- 031_notifications.sql: a notification remembers where it leads when that is not its booking's page (an account page, a document, a signature), so opening it from the list goes there.

-- link: a path on the site, or NULL for the booking's page for the
-- reader's role (or the list itself when there is no booking).
ALTER TABLE notifications ADD COLUMN link TEXT;
