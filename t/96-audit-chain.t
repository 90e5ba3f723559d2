# 96-audit-chain.t: the audit log's filters and pages, and its hash chain: intact after every kind of write, the rows of an older database chained by the migration, and broken three ways through the sqlite3 shell (an edit, a deletion, an insertion), each found at that row by /admin/audit/verify and homeserve-ctl audit-verify.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Digest::SHA qw(sha256_hex);
use File::Temp qw(tempdir);
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my %m;
for my $who (['customer1', '/'], ['ops_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my $admin = $m{admin};
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };

# The row's content as the chain hashes it (lib/domain/audit.c): netstrings
# of its columns in order, NULL as the empty one.  An auditor's few lines.
sub netstring { my $v = $_[0] // ''; utf8::encode($v); length($v) . ":$v," }
sub row_hash {
	my ($prev, $r) = @_;
	return sha256_hex($prev . join('', map { netstring($r->{$_}) }
	    qw(id at actor_id action entity entity_id old_values new_values ip user_agent)));
}
sub rows { @{ $stack->sql('SELECT * FROM audit_log ORDER BY id') } }

# /admin/audit/verify and homeserve-ctl audit-verify agree: (broken row or 0).
sub verify {
	my ($what) = @_;
	my $html = $admin->get($stack->url('/admin/audit/verify'))->decoded_content;
	my ($rc, $out) = $stack->ctl('audit-verify');
	my ($page) = $html =~ /The chain is broken at entry #(\d+)/;
	my ($cli) = $out =~ /audit log BROKEN at row (\d+)/;
	is($rc >> 8, $cli ? 1 : 0, "$what: audit-verify exits " . ($cli ? 1 : 0));
	is($page // 0, $cli // 0, "$what: the page and the command agree");
	return $page // 0;
}

# --- the chain holds for every row written so far ------------------------------------
$m{customer1}->get($stack->url('/bookings/new?service_id=1'));
$stack->post_form($m{customer1}, '/logout', []);
my @rows = rows();
cmp_ok(scalar @rows, '>', 10, 'the log has rows: ' . scalar @rows);
my $prev = '0' x 64;
my $ok = 1;
for my $r (@rows) {
	$ok &&= is($r->{hash}, row_hash($prev, $r), "row $r->{id}: its hash is recomputed outside HomeServe");
	$prev = $r->{hash};
}
is(verify('fresh'), 0, 'the chain is intact');
my $html = $admin->get($stack->url('/admin/audit/verify'))->decoded_content;
like($html, qr/The chain is intact: all ${\ scalar @rows} entries are as they were written\./, 'the page says so');
like($html, qr{<dt>Latest good hash</dt><dd><code>$rows[-1]{hash}</code></dd>}, '... with the latest hash');
my ($rc, $out) = $stack->ctl('audit-verify');
like($out, qr/audit log intact: ${\ scalar @rows} rows, last hash $rows[-1]{hash}/, 'audit-verify prints the same');
is($m{ops_mgr}->get($stack->url('/admin/audit/verify'))->code, 403, 'an operations manager may not run the check: 403');
is($m{ops_mgr}->get($stack->url('/admin/audit?action=session.login'))->code, 403, '... nor read the log');

# --- filters -------------------------------------------------------------------------
# Entry ids on an /admin/audit page.
sub ids_of { [ $_[0] =~ m{<tr>\s*<td class="num"[^>]*>(\d+)</td>}g ] }
sub listed { ids_of($admin->get($stack->url("/admin/audit?$_[0]"))->decoded_content) }
sub want { [ map { $_->{id} } @{ $stack->sql("SELECT id FROM audit_log WHERE $_[0] ORDER BY id DESC LIMIT 50", @_[1 .. $#_]) } ] }
is_deeply(listed('actor=customer1'), want('actor_id = ?', $uid{customer1}), 'by actor');
is_deeply(listed('actor=CUSTOMER1'), want('actor_id = ?', $uid{customer1}), 'by actor, any case');
is_deeply(listed('actor=nobody'), [], 'an actor who does not exist: none');
is_deeply(listed('action=session.login'), want(q{action = 'session.login'}), 'by action');
is_deeply(listed("entity=user&entity_id=$uid{customer1}"), want(q{entity = 'user' AND entity_id = ?}, $uid{customer1}),
    'by record type and number');
is_deeply(listed("actor=admin&action=session.login"), want(q{actor_id = ? AND action = 'session.login'}, $uid{admin}),
    'by actor and action together');
my $today;
{
	local $ENV{TZ} = 'Asia/Kolkata';
	POSIX::tzset();
	$today = strftime('%Y-%m-%d', localtime);
	POSIX::tzset();
}
cmp_ok(scalar @{ listed("from=$today&to=$today") }, '>', 0, 'today holds entries');
is_deeply(listed('from=2001-01-01&to=2001-01-31'), [], 'January 2001 holds none');
for my $bad ('from=2026-02-30', 'to=31-12-2026', 'from=2026-12-02&to=2026-12-01', 'entity_id=x', 'page=0') {
	my $res = $admin->get($stack->url("/admin/audit?$bad"));
	is($res->code, 400, "$bad: 400");
}
# Paging keeps the filter.
$admin->get($stack->url('/admin/settings'));
my %settings = map { $_->name => $_->value } grep { defined $_->name && defined $_->value
    && $_->name ne 'csrf_token' } $admin->form_with_fields('lead_hours')->inputs;
for my $n (1 .. 55) {
	$admin->get($stack->url('/admin/settings'));
	$stack->post_form($admin, '/admin/settings', { %settings, lead_hours => 2 + $n % 2 });
}
my $res = $admin->get($stack->url('/admin/audit?action=settings.changed'));
is(scalar @{ ids_of($res->decoded_content) }, 50, 'the first page of settings changes holds 50');
my ($next) = $res->decoded_content =~ m{<a href="(/admin/audit\?[^"]+)">Older entries</a>};
ok($next, 'with a link to the next page');
$next =~ s/&amp;/&/g;
like($next, qr/action=settings\.changed&/, '... that keeps the filter');
my $second = ids_of($admin->get($stack->url($next))->decoded_content);
is(scalar @$second, $stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'settings.changed'}) - 50,
    'the second page holds the rest');

# --- three ways to break it ------------------------------------------------------------
# Tampering needs the triggers gone first: an attacker with the shell can do that.
$stack->sql('DROP TRIGGER audit_log_no_update');
$stack->sql('DROP TRIGGER audit_log_no_delete');
@rows = rows();
my ($k) = grep { $_->{action} eq 'session.login' } @rows[5 .. $#rows - 5];
my $kid = $k->{id};
my ($after) = grep { $_->{id} > $kid } @rows;

# 1. An edit.
$stack->sql(q{UPDATE audit_log SET new_values = '{"role":"super_admin"}' WHERE id = ?}, $kid);
is(verify('an edited row'), $kid, 'an edited row breaks the chain at that row');
like($admin->get($stack->url('/admin/audit/verify'))->decoded_content,
    qr/The chain is broken at entry #$kid: its hash does not match its content/, 'the page says which and why');
$stack->sql(q{UPDATE audit_log SET new_values = ? WHERE id = ?}, $k->{new_values}, $kid);
is(verify('restored'), 0, 'put back as it was, the chain holds again');

# An edit that also recomputes the row's own hash moves the break to the next row.
my $before_k = (grep { $_->{id} < $kid } @rows)[-1];
my %forged = (%$k, ip => '203.0.113.9');
$stack->sql('UPDATE audit_log SET ip = ?, hash = ? WHERE id = ?', $forged{ip},
    row_hash($before_k->{hash}, \%forged), $kid);
is(verify('an edit with its own hash recomputed'), $after->{id}, '... the chain breaks at the row after it');
$stack->sql('UPDATE audit_log SET ip = ?, hash = ? WHERE id = ?', $k->{ip}, $k->{hash}, $kid);
is(verify('restored'), 0, 'restored');

# 2. A deletion.
$stack->sql('DELETE FROM audit_log WHERE id = ?', $kid);
is(verify('a deleted row'), $after->{id}, 'a deleted row breaks the chain at the row after it');
$stack->sql(q{INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, old_values, new_values,
    ip, user_agent, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)},
    map { $k->{$_} } qw(id at actor_id action entity entity_id old_values new_values ip user_agent hash));
is(verify('restored'), 0, 'restored');

# 3. An insertion: in place of a row, and at the end.
$stack->sql('DELETE FROM audit_log WHERE id = ?', $kid);
$stack->sql(q{INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, ip, user_agent, hash)
    VALUES (?, ?, ?, 'user.role', 'user', ?, '', '', ?)}, $kid, $k->{at}, $uid{admin}, $uid{customer1}, $k->{hash});
is(verify('a row slipped into the middle'), $kid, 'a row slipped in breaks the chain at that row');
$stack->sql('DELETE FROM audit_log WHERE id = ?', $kid);
$stack->sql(q{INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, old_values, new_values,
    ip, user_agent, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)},
    map { $k->{$_} } qw(id at actor_id action entity entity_id old_values new_values ip user_agent hash));
my $last = $stack->sql_value('SELECT max(id) FROM audit_log');
$stack->sql(q{INSERT INTO audit_log (id, at, action, entity, ip, user_agent, hash)
    VALUES (?, ?, 'settings.changed', 'settings', '', '', ?)}, $last + 1, time, sha256_hex('forged'));
is(verify('a row added at the end'), $last + 1, 'a forged row at the end is found');
$stack->sql(q{INSERT INTO audit_log (id, at, action, entity, ip, user_agent)
    VALUES (?, ?, 'settings.changed', 'settings', '', '')}, $last + 2, time);
like($admin->get($stack->url('/admin/audit/verify'))->decoded_content, qr/broken at entry #${\ ($last + 1)}/,
    'the first break is the one reported');
$stack->sql('DELETE FROM audit_log WHERE id > ?', $last);
is(verify('the end removed'), 0, 'intact once they are gone');

# --- an older database: the migration chains the rows it has ---------------------------
my $share = tempdir('hs-share-XXXXXX', TMPDIR => 1, CLEANUP => 1);
mkdir "$share/sql";
symlink(src_dir() . "/$_", "$share/$_") for qw(templates static);
for my $f (glob(src_dir() . '/sql/*.sql')) {
	my ($n) = $f =~ m{/(\d{3})_[^/]+$};
	symlink($f, "$share/sql/" . (split m{/}, $f)[-1]) if $n <= 13;
}
my $old = HomeServe::Test->new_sandbox;
$old->{extra_env} = { HOMESERVE_SHARE => $share };
($rc, $out) = $old->ctl('migrate');
like($out, qr/schema version 13/, 'a database at version 13');
$old->sql(q{INSERT INTO audit_log (at, action, entity, entity_id, new_values, ip, user_agent) VALUES
    (1700000000, 'user.create', 'user', 1, '{"role":"customer"}', '', ''),
    (1700000100, 'booking.create', 'booking', 7, NULL, '10.0.0.1', 'Firefox'),
    (1700000200, 'session.login', 'user', 1, NULL, '10.0.0.2', 'Lynx')});
for my $f (glob(src_dir() . '/sql/*.sql')) {
	my $name = (split m{/}, $f)[-1];
	symlink($f, "$share/sql/$name") unless -e "$share/sql/$name";
}
($rc, $out) = $old->ctl('migrate');
is($rc, 0, 'migrating to the newest version');
like($out, qr/audit log: 3 earlier rows chained/, '... chains the three rows that were there');
($rc, $out) = $old->ctl('audit-verify');
is($rc, 0, '... and the chain holds') or diag($out);
my @old = @{ $old->sql('SELECT * FROM audit_log ORDER BY id') };
is($old[0]{hash}, row_hash('0' x 64, $old[0]), 'the first row is chained to the start');
is($old[2]{hash}, row_hash($old[1]{hash}, $old[2]), 'and each to the one before');
my $err = eval { $old->sql(q{UPDATE audit_log SET hash = ? WHERE id = 1}, 'f' x 64); '' } // $@;
like($err, qr/append-only/, 'a chained row\'s hash cannot be changed');
($rc, $out) = $old->ctl('migrate');
unlike($out, qr/chained/, 'migrating again chains nothing');

$stack->finish;
done_testing;
