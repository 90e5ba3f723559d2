# 50-audit.t: the audit log: one row per state change, newest first, 50 a page, and append-only in the database.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my $admin = $stack->mech;
$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
my $admin_id = $stack->sql_value("SELECT id FROM users WHERE username = 'admin'");

# Ids of the audit rows on the admin's current page, in page order.
sub page_ids {
	my ($html) = @_;
	return $html =~ m{<tr>\s*<td class="num"[^>]*>(\d+)</td>}g;
}

# --- every kind of change leaves a row ---
# session.login_failed and session.logout, by a customer.
my $customer = $stack->mech;
my $res = $stack->login($customer, 'customer1', 'not-the-password');
is($res->code, 422, 'a failed sign-in for customer1');
$stack->login_ok($customer, 'customer1', 'password123', '/');
$customer->get($stack->url('/'));
$res = $stack->post_form($customer, '/logout', []);
is($res->code, 303, 'customer1 signs out');

# user.create and session.login, by registering.
my $visitor = $stack->mech;
$visitor->get($stack->url('/register'));
$res = $stack->post_form($visitor, '/register', { username => 'auditee',
    email => 'auditee@example.com', phone => '9876501234', password => 'long-enough-1',
    password_confirm => 'long-enough-1', address => '1 Park Street, Kolkata', pincode => '700016' });
is($res->code, 303, 'a visitor registers as auditee');

# service.create and service.update, by the admin: one service, edited
# often enough that the log needs two pages.
$admin->get($stack->url('/admin/services/new'));
my %svc = (name => 'Audit Me', category => 'electrical', description => '',
    price => '100', duration_minutes => '30', active => '1');
$res = $stack->post_form($admin, '/admin/services/new', \%svc);
is($res->code, 303, 'the admin creates a service');
my $sid = $stack->sql_value("SELECT id FROM services WHERE name = 'Audit Me'");
my $edits_ok = 1;
for my $minutes (31 .. 75) {
	$admin->get($stack->url("/admin/services/$sid/edit"));
	$res = $stack->post_form($admin, "/admin/services/$sid/edit",
	    { %svc, duration_minutes => $minutes });
	$edits_ok &&= $res->code == 303;
}
ok($edits_ok, 'the admin saves 45 edits');

my $customer_id = $stack->sql_value("SELECT id FROM users WHERE username = 'customer1'");
my $auditee_id = $stack->sql_value("SELECT id FROM users WHERE username = 'auditee'");
my @expect = (
	['session.login_failed', undef, 'user', $customer_id, 1],
	['session.login', $customer_id, 'user', $customer_id, 1],
	['session.logout', $customer_id, 'user', $customer_id, 1],
	['user.create', undef, 'user', $auditee_id, 1],
	['session.login', $auditee_id, 'user', $auditee_id, 1],
	['service.create', $admin_id, 'service', $sid, 1],
	['service.update', $admin_id, 'service', $sid, 45],
);
for my $e (@expect) {
	my ($action, $actor, $entity, $eid, $n) = @$e;
	my $rows = $stack->sql('SELECT * FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?
	    AND actor_id IS ? ORDER BY id', $action, $entity, $eid, $actor);
	is(scalar @$rows, $n, "$n $action row(s) for $entity $eid by " . ($actor // 'nobody'));
	is($rows->[0]{ip}, '127.0.0.1', "$action records the client address");
	like($rows->[0]{user_agent}, qr/^HomeServe-tests/, "$action records the user agent");
	ok($rows->[0]{at} > time - 600 && $rows->[0]{at} <= time + 5, "$action has the time it happened");
}
my $update = $stack->sql("SELECT old_values, new_values FROM audit_log WHERE action = 'service.update' ORDER BY id DESC LIMIT 1")->[0];
like($update->{old_values}, qr/"duration_minutes":74/, 'the last update records the old duration');
like($update->{new_values}, qr/"duration_minutes":75/, 'and the new one');
# Every row names a real action (entity.verb), an entity, a time.
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action NOT GLOB '[a-z]*.[a-z]*'
    OR entity = '' OR at <= 0"), 0, 'every audit row has an action, an entity and a time');

# --- the pages ---
my $total = $stack->sql_value('SELECT count(*) FROM audit_log');
cmp_ok($total, '>', 50, "the log has more than one page ($total rows)");
my $max = $stack->sql_value('SELECT max(id) FROM audit_log');

$res = $admin->get($stack->url('/admin/audit'));
is($res->code, 200, 'GET /admin/audit is 200');
header_has_security($res, 'GET /admin/audit');
my $html = $res->decoded_content;
my @ids = page_ids($html);
is(scalar @ids, 50, 'the first page has 50 entries');
is($ids[0], $max, 'the first entry is the newest');
is_deeply(\@ids, [sort { $b <=> $a } @ids], 'entries are newest first');
like($html, qr{<td[^>]*>admin</td>\s*<td[^>]*>service\.update</td>\s*<td[^>]*>service $sid</td>}, 'an entry shows who, what and which record');
like($html, qr{<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">}, 'entries carry a machine-readable time');
like($html, qr{<a href="/admin/audit\?actor=&amp;action=&amp;entity=&amp;entity_id=&amp;from=&amp;to=&amp;page=2">Older entries</a>},
    'an Older entries link goes to page 2');
unlike($html, qr{Newer entries}, 'the first page has no link to a newer one');

$res = $admin->get($stack->url("/admin/audit?page=2"));
is($res->code, 200, 'the second page is 200');
my @older = page_ids($res->decoded_content);
is(scalar @older, $total - 50, 'the second page has the rest');
ok(@older && $older[0] < $ids[-1], 'the second page starts below the first');
is_deeply([sort { $a <=> $b } @ids, @older],
    [map { $_->{id} } @{ $stack->sql('SELECT id FROM audit_log ORDER BY id') }],
    'the two pages hold every entry exactly once');
like($res->decoded_content, qr{<a href="/admin/audit\?[^"]*page=1">Newer entries</a>}, 'the second page links back to the first');
unlike($res->decoded_content, qr{Older entries}, 'the last page has no Older entries link');
like($res->decoded_content, qr{<td[^>]*>—</td>\s*<td[^>]*>user\.create</td>}, 'entries with no actor show a dash');

$res = $admin->get($stack->url('/admin/audit?page=99'));
is($res->code, 200, 'page=99 is 200');
like($res->decoded_content, qr{<p>No entries\.</p>}, 'page=99 says there are no entries');
like($res->decoded_content, qr{page=98">Newer entries</a>}, '... and links to the page before');

for my $bad ('abc', '0', '-1', '1.5', '99999999999999999999', '0x10', '1e3', '%00') {
	$res = $admin->get($stack->url("/admin/audit?page=$bad"));
	is($res->code, 400, "page=$bad is 400");
	is(h1_of($res), 'Bad Request', "page=$bad shows the Bad Request page");
}

# The overview shows the five latest.
$res = $admin->get($stack->url('/admin/'));
my $latest = () = $res->decoded_content =~ m{<li><time [^>]*>[^<]*</time>: <strong>[^<]*</strong> }g;
is($latest, 5, 'the admin overview lists the five latest entries');

# --- append-only, whatever the client ---
my $row = $stack->sql('SELECT * FROM audit_log WHERE id = 1')->[0];
my $err = eval { $stack->sql("UPDATE audit_log SET action = 'tampered' WHERE id = 1"); '' } // $@;
like($err, qr/audit_log is append-only/, 'UPDATE on audit_log fails: append-only');
$err = eval { $stack->sql('UPDATE audit_log SET ip = ? WHERE id = ?', '10.0.0.1', $max); '' } // $@;
like($err, qr/audit_log is append-only/, 'UPDATE of the newest row fails too');
$err = eval { $stack->sql('DELETE FROM audit_log WHERE id = 1'); '' } // $@;
like($err, qr/audit_log is append-only/, 'DELETE on audit_log fails: append-only');
$err = eval { $stack->sql('DELETE FROM audit_log'); '' } // $@;
like($err, qr/audit_log is append-only/, 'DELETE of every row fails');
is_deeply($stack->sql('SELECT * FROM audit_log WHERE id = 1')->[0], $row, 'row 1 is unchanged');
is($stack->sql_value('SELECT count(*) FROM audit_log'), $total, 'no row was removed');

# REPLACE deletes the old row without firing the DELETE trigger (unless
# recursive_triggers is on): it must be refused some other way.
$err = eval { $stack->sql('INSERT OR REPLACE INTO audit_log (id, at, action, entity) VALUES (1, 0, ?, ?)', 'forged', 'user'); '' } // $@;
like($err, qr/append-only|constraint/i, 'INSERT OR REPLACE over an old row fails');
is_deeply($stack->sql('SELECT * FROM audit_log WHERE id = 1')->[0], $row, 'row 1 is still unchanged after INSERT OR REPLACE');

$stack->finish;
done_testing;
