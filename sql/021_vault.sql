-- 021_vault.sql: indexes for the signature vault (/ops/signatures): each filter walks one, newest first.
-- A record's time in the vault is when it was signed, or for one never
-- signed (requested, rejected, expired) when it was requested: the
-- expression below, written the same way in lib/domain/vault.c's
-- queries so that the planner matches them.  The list has three
-- shapes, one index each, each serving its WHERE (equalities, then the
-- range of days) and its ORDER BY (the time, then the id) with no sort:
-- no filter or days only; a status; a rating (which means signed, so
-- the status comes first).  The id is named for databases whose
-- indexes do not end in the row's key, as SQLite's do.
CREATE INDEX signatures_vault ON signatures
    ((coalesce(signed_at, requested_at)), id);
CREATE INDEX signatures_vault_status ON signatures
    (status, (coalesce(signed_at, requested_at)), id);
CREATE INDEX signatures_vault_rating ON signatures
    (status, rating, (coalesce(signed_at, requested_at)), id);
