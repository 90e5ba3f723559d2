-- 026_signin.sql: failed sign-ins are also counted per account and client address pair (scope 'pair:<account>@<addr>', lib/domain/signin.c); a pair's rows name their account, so completing a reset link forgets every one of them through an index.
ALTER TABLE login_failures ADD COLUMN account TEXT;	-- 'user:<id>' or 'name:<login>', pair rows only
CREATE INDEX login_failures_account ON login_failures(account)
	WHERE account IS NOT NULL;
