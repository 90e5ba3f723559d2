# 94-admin-users.t: the super admin's users: search, filters and pages; one account's page (sign-ins, bookings, payments, audit rows); block and unblock end to end (sessions end, a vendor's jobs back on the board); the role rules; a forced reset; a staff invitation to its first sign-in; and everyone else refused.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use POSIX ();
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my %home = (admin => '/admin/', customer1 => '/', vendor1 => '/vendor/',
    onboard_mgr => '/ops/', ops_mgr => '/ops/');
my %m;
for my $user (sort keys %home) {
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123',
	    $home{$user});
}
my $admin = $m{admin};

# Everything the admin's browser is sent, headers included: no secret may
# ever be in it.
my @admin_saw;
$admin->add_handler(response_done => sub { push @admin_saw, $_[0]->as_string; return });

# --- helpers -------------------------------------------------------------------

sub post_from {
	my ($mech, $page, $path, $fields, %opt) = @_;
	$mech->get($stack->url($page));
	return $stack->post_form($mech, $path, $fields, %opt);
}

# The admin posts an action from the account's page.
sub act {
	my ($id, $action, $fields, %opt) = @_;
	return post_from($admin, "/admin/users/$id", "/admin/users/$id/$action", $fields, %opt);
}

sub list_names {
	my ($query) = @_;
	my $res = $admin->get($stack->url("/admin/users?$query"));
	return [map { decode_html($_) }
	    $res->decoded_content =~ m{<td[^>]*><a href="/admin/users/\d+">([^<]+)</a>}g];
}

sub audits {
	my ($action, $id) = @_;
	return $stack->sql(q{SELECT * FROM audit_log WHERE action = ? AND entity = 'user'
	    AND entity_id = ? ORDER BY id}, $action, $id);
}

sub reason_of {
	my ($row) = @_;
	return JSON::PP->new->decode(Encode::encode('UTF-8', $row->{new_values} // '{}'))->{reason};
}

sub sessions_of {
	return $stack->sql_value('SELECT count(*) FROM sessions WHERE user_id = ?', $_[0]);
}

sub blocked {
	return $stack->sql_value('SELECT is_blocked FROM users WHERE id = ?', $_[0]);
}

# The mails to ADDRESS whose subject is SUBJECT, after a pass of the worker.
sub mails_to {
	my ($address, $subject) = @_;
	$stack->run_due;
	return grep { ($_->{to} // '') eq $address && $_->{subject} eq $subject } $stack->mails;
}

# The link's path in the newest mail to ADDRESS with SUBJECT.
sub link_in {
	my ($address, $subject) = @_;
	my @mine = mails_to($address, $subject);
	return undef unless @mine;
	my ($path) = $mine[-1]{text} =~ m{https://[^/\s]+(/password/reset/[0-9a-f]{64})};
	return $path;
}

my $cid = $uid{customer1};
my $vid = $uid{vendor1};
my $aid = $uid{admin};

# --- nobody but the super admin ------------------------------------------------
my @actions = qw(block unblock role reset-password);
for my $who (qw(ops_mgr onboard_mgr customer1 vendor1)) {
	for my $path ('/admin/users', '/admin/users?role=customer', '/admin/users/new',
	    "/admin/users/$cid") {
		is($m{$who}->get($stack->url($path))->code, 403, "$who: GET $path is 403");
	}
	for my $action (@actions) {
		my $res = post_from($m{$who}, $home{$who}, "/admin/users/$cid/$action",
		    { reason => 'Trying my luck.', role => 'super_admin' });
		is($res->code, 403, "$who: POST /admin/users/$cid/$action is 403");
	}
	is(post_from($m{$who}, $home{$who}, '/admin/users/new', { username => 'sneaky',
	    email => 'sneaky@example.test', role => 'super_admin' })->code, 403,
	    "$who: POST /admin/users/new is 403");
}
my $anon = $stack->mech;
my $res = $anon->get($stack->url('/admin/users?role=vendor'));
is($res->code, 303, 'a visitor is sent to sign in');
is($res->header('Location'), '/login?next=/admin/users%3Frole%3Dvendor',
    'and back here after');
$res = act($cid, 'block', { reason => 'No token.' }, csrf => undef);
is($res->code, 403, 'the admin without the CSRF token: 403');
$res = act($cid, 'block', { reason => 'Wrong token.' }, csrf => 'a' x 64);
is($res->code, 403, 'with a wrong token: 403');
is(blocked($cid), 0, 'nobody blocked anyone');
is($stack->sql_value(q{SELECT count(*) FROM users WHERE role = 'super_admin'}), 1,
    'nobody made themselves a super admin');
is($stack->sql_value(q{SELECT count(*) FROM users WHERE username = 'sneaky'}), 0,
    'nobody invited anyone');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action LIKE 'user.%'
    AND action <> 'user.create'}), 0, 'and the audit log holds no action');

# --- the way in ----------------------------------------------------------------
$res = $admin->get($stack->url('/admin/'));
my ($nav) = $res->decoded_content =~ m{<nav aria-label="Main">(.*?)</nav>}s;
my @links = ($nav // '') =~ m{href="(/admin/[^"]*)"}g;
is_deeply([@links[0, 1]], ['/admin/', '/admin/users'], 'the header links Users after Overview');
for my $role (['customer', 'Customer'], ['vendor', 'Vendor'], ['onboard_manager',
    'Onboarding manager'], ['ops_manager', 'Operations manager'], ['super_admin', 'Super admin']) {
	like($res->decoded_content, qr{<a href="/admin/users\?role=$role->[0]">$role->[1]</a>},
	    "the overview's count of $role->[1] accounts links their list");
}

# --- the list: search, filters, pages ------------------------------------------
$stack->sql(q{
	INSERT INTO users (username, email, phone, password_hash, role, is_blocked,
	    created_at, updated_at)
	WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 120)
	SELECT printf('bulk%03d', n), printf('bulk%03d@example.test', n), '', 'x',
	    'customer', n % 10 = 0, unixepoch() - n, unixepoch() FROM k});
$stack->sql(q{UPDATE vendor_profiles SET business_name = 'Sharma Cooling Works'
    WHERE user_id = ?}, $vid);

$res = $admin->get($stack->url('/admin/users'));
is($res->code, 200, 'GET /admin/users is 200');
header_has_security($res, 'GET /admin/users');
is(h1_of($res), 'Users', 'headed Users');
is(scalar @{ list_names('') }, 50, 'a page holds 50 accounts');
is_deeply(list_names(''), [sort { lc $a cmp lc $b } @{ list_names('') }], 'by username');
is_deeply(list_names('q=customer1'), ['customer1'], 'search by username');
is_deeply(list_names('q=CUSTOMER1'), ['customer1'], 'in any letters');
is_deeply(list_names('q=onboard%40homeserve'), ['onboard_mgr'], 'search by email');
is_deeply(list_names('q=98765+43210'), ['customer1'], 'search by a mobile number as typed');
is_deeply(list_names('q=%2B91+98765-43212'), ['vendor1'], '... with +91 and a dash');
is_deeply(list_names('q=sharma+cooling'), ['vendor1'], 'search by a vendor\'s business name');
like($admin->content, qr{vendor1</a><br><small>Sharma Cooling Works</small>},
    'which the list shows');
is_deeply(list_names('q=%25'), [], 'a % is a character, not a wildcard');
like($admin->content, qr{No users match\.}, 'and nothing matching says so');
is_deeply(list_names('role=ops_manager'), ['ops_mgr'], 'the role filter');
is_deeply(list_names('role=vendor'), ['vendor1'], 'vendors');
is_deeply(list_names('role=super_admin&status=active'), ['admin'], 'role and status together');
is_deeply(list_names('status=blocked'), [map { sprintf('bulk%03d', $_ * 10) } 1 .. 12],
    'the status filter: the blocked accounts');
is_deeply(list_names('status=blocked&role=customer&q=bulk01'), ['bulk010'], 'all three filters');
like($admin->content, qr{<option value="customer" selected>Customer</option>}, 'the role stays chosen');
like($admin->content, qr{<option value="blocked" selected>Blocked</option>}, 'the status too');
like($admin->content, qr{<input id="q" name="q" value="bulk01"}, 'and the search');

my @all;
for my $page (1 .. 3) {
	my $names = list_names("q=bulk&page=$page");
	push @all, @$names;
	like($admin->content, qr{<span>Page $page</span>}, "page $page says so");
	if ($page < 3) {
		like($admin->content, qr{href="/admin/users\?q=bulk&amp;role=&amp;status=&amp;page=@{[$page + 1]}">Next page</a>},
		    "page $page links the next");
	} else {
		unlike($admin->content, qr{Next page}, 'the last page links no next one');
	}
	if ($page > 1) {
		like($admin->content, qr{href="/admin/users\?q=bulk&amp;role=&amp;status=&amp;page=@{[$page - 1]}">Previous page</a>},
		    "page $page links the previous");
	}
}
is_deeply(\@all, [map { sprintf('bulk%03d', $_) } 1 .. 120],
    '120 accounts over three pages, each once, in order');
is_deeply(list_names('q=bulk&status=active&page=3'), [map { sprintf('bulk%03d', $_) }
    (grep { $_ % 10 } 1 .. 120)[100 .. 107]], 'the filters hold across pages');
$res = $admin->get($stack->url('/admin/users?q=bulk&page=4'));
is($res->code, 200, 'a page past the end is 200');
like($res->decoded_content, qr{No users on page 4}, 'saying there are no users there');
like($res->decoded_content, qr{<a href="/admin/users\?q=bulk&amp;role=&amp;status=&amp;page=1">Back to the first page</a>},
    'with a link back');
for my $bad ('page=0', 'page=x', 'page=-1', 'page=1.5', 'page=100001', 'role=wizard',
    'role=Customer', 'status=gone') {
	$res = $admin->get($stack->url("/admin/users?$bad"));
	is($res->code, 400, "?$bad is 400");
}
like($res->decoded_content, qr{Those filters are not valid}, 'saying what is wrong');

# --- one account's page --------------------------------------------------------
$stack->login_ok($stack->mech, 'customer1', 'password123', '/');
my $c1 = $stack->mech;
$stack->login_ok($c1, 'customer1', 'password123', '/');
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address,
    pincode, scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', '12 Janpath', '110001', unixepoch() - 86400, 90, 50000, 'paid',
    unixepoch() - 90000, unixepoch())}, $cid, $vid);
my $paid = $stack->sql_value('SELECT max(id) FROM bookings');
$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id, amount_paise, status,
    gateway, method, card_brand, card_last4, captured_at, created_at, updated_at)
    VALUES (?, ?, ?, 50000, 'captured', 'test', 'card', 'Visa', '4242', unixepoch(),
    unixepoch(), unixepoch())}, $paid, $cid, $vid);
my $pid = $stack->sql_value('SELECT max(id) FROM payments');

$res = $admin->get($stack->url("/admin/users/$cid"));
is($res->code, 200, 'an account\'s page is 200');
header_has_security($res, "GET /admin/users/$cid");
my $html = $res->decoded_content;
is(h1_of($res), 'customer1', 'headed with the username');
like($html, qr{<dt>Email</dt><dd>customer1\@homeserve\.test</dd>}, 'the profile: email');
like($html, qr{<dt>Mobile</dt><dd>\+919876543210</dd>}, 'mobile');
like($html, qr{<dt>Role</dt><dd>Customer</dd>}, 'role');
like($html, qr{<dt>Member since</dt><dd><time datetime="[^"]+">}, 'since when');
like($html, qr{<span class="status status-active">Active</span>}, 'and active');
my @signins = $html =~ m{<tr><td[^>]*><time datetime="[^"]+">[^<]+</time></td><td[^>]*>(127\.0\.0\.1)</td>}g;
ok(@signins >= 3, 'the sign-ins, each with its address (' . scalar(@signins) . ')');
like($html, qr{<td[^>]*>127\.0\.0\.1</td><td[^>]*><small>HomeServe-tests/1</small></td>}, 'and browser');
like($html, qr{<a href="/ops/bookings/$paid">#$paid</a></td><td[^>]*>AC Repair</td>}, 'the bookings, linked');
is($admin->get($stack->url("/ops/bookings/$paid"))->code, 200, 'which the super admin may open');
$admin->get($stack->url("/admin/users/$cid"));
like($admin->content, qr{<td[^>]*>#$pid</td><td[^>]*>Paid <a href="/ops/bookings/$paid">booking #$paid</a> \(AC Repair\)</td><td[^>]*>[^<]+</td><td[^>]*><span class="status status-captured">},
    'the payments');
like($admin->content, qr{<td class="num"[^>]*>₹500</td></tr>}, 'with their amounts');
like($admin->content, qr{<td[^>]*>session\.login</td>}, 'and the audit rows about the account');
$html = $admin->get($stack->url("/admin/users/$vid"))->decoded_content;
like($html, qr{<h3>As the vendor</h3>.*href="/ops/bookings/$paid"}s, 'a vendor\'s page: their jobs');
like($html, qr{<td[^>]*>Earned from <a href="/ops/bookings/$paid">}, 'their payments');
like($html, qr{<p class="lead">Vendor: Sharma Cooling Works}, 'their business');
like($html, qr{A vendor's role cannot change}, 'and no role change');
unlike($html, qr{action="/admin/users/$vid/role"}, 'so no form for one');
$html = $admin->get($stack->url("/admin/users/$aid"))->decoded_content;
like($html, qr{This is your own account}, 'one\'s own page says so');
unlike($html, qr{action="/admin/users/$aid/}, 'and offers no action');
for my $path ('/admin/users/999999', '/admin/users/0', '/admin/users/abc') {
	is($admin->get($stack->url($path))->code, 404, "GET $path is 404");
}
is(act(999999, 'block', { reason => 'Nobody.' })->code, 404, 'an action on nobody is 404');

# --- reasons -------------------------------------------------------------------
for my $case (['', qr/Reason is required/], ['ab', qr/at least 3 characters/],
    ['x' x 501, qr/at most 500 characters/]) {
	my ($reason, $why) = @$case;
	for my $action (qw(block reset-password)) {
		$res = act($cid, $action, { reason => $reason });
		my $shown = length($reason) > 10 ? '501 characters' : "'$reason'";
		is($res->code, 422, "$action with the reason $shown: 422");
		like($res->decoded_content, qr{<p class="error" id="reason-$action-error">[^<]*$why},
		    "$action: the error is beside its form");
		like($res->decoded_content, qr{<textarea id="reason-$action"[^>]*>\Q$reason\E</textarea>},
		    "$action: the reason typed is kept");
	}
}
$res = act($cid, 'role', { role => 'ops_manager', reason => '' });
is($res->code, 422, 'a role change without a reason: 422');
like($res->decoded_content, qr{<option value="ops_manager" selected>}, 'the role chosen is kept');
is(blocked($cid), 0, 'none of it blocked anyone');
like($stack->sql_value('SELECT password_hash FROM users WHERE id = ?', $cid), qr/^scrypt\$/,
    'nor reset a password');
is(scalar @{ $stack->sql(q{SELECT id FROM audit_log WHERE action IN ('user.block',
    'user.reset_password', 'user.role')}) }, 0, 'nor wrote an audit row');

# --- block and unblock, end to end ----------------------------------------------
is($c1->get($stack->url('/bookings'))->code, 200, 'customer1 is signed in in another browser');
my $reason = 'Chargebacks on three bookings & a fake address.';
$res = act($cid, 'block', { reason => $reason });
is($res->code, 303, 'the admin blocks customer1');
is($res->header('Location'), "/admin/users/$cid?notice=user-blocked", 'back to the account');
$html = $admin->get($stack->url($res->header('Location')))->decoded_content;
like($html, qr{<p class="notice" role="status">The account is blocked}, 'with a notice');
like($html, qr{Blocked <time datetime="[^"]+">[^<]+</time> by admin: Chargebacks on three bookings &amp; a fake address\.},
    'the page says when, by whom and why');
like($html, qr{action="/admin/users/$cid/unblock"}, 'and offers to unblock');
unlike($html, qr{action="/admin/users/$cid/block"}, 'not to block again');
is(sessions_of($cid), 0, 'every session of customer1 ended at once');
$res = $c1->get($stack->url('/bookings'));
is($res->code, 303, 'the other browser is signed out on its next request');
like($res->header('Location'), qr{^/login}, 'and sent to sign in');
$res = $stack->login($stack->mech, 'customer1', 'password123');
is($res->code, 403, 'customer1 cannot sign in again');
like($res->decoded_content, qr/This account is blocked/, 'being told the account is blocked');
my @mail = mails_to('customer1@homeserve.test', 'Your HomeServe account is blocked');
is(scalar @mail, 1, 'an email tells customer1, blocked as they are');
like($mail[0]{text}, qr/\Q$reason\E/, 'with the reason');
ok((grep { $_->{to} eq '+919876543210' && $_->{text} =~ /account is blocked/ } $stack->sms),
    'and an SMS');
my $rows = audits('user.block', $cid);
is(scalar @$rows, 1, 'one audit row');
is(reason_of($rows->[0]), $reason, 'with the reason');
is($rows->[0]{actor_id}, $aid, 'by the admin');
is_deeply(list_names('status=blocked&q=customer'), ['customer1'], 'the list shows customer1 blocked');

$res = act($cid, 'block', { reason => 'Once more.' });
is($res->code, 409, 'blocking a blocked account: 409');
like($res->decoded_content, qr{<p class="error-summary" role="alert">This account is blocked already\.</p>},
    'saying why');
is(scalar @{ audits('user.block', $cid) }, 1, 'and writing nothing');

$res = act($cid, 'unblock', { reason => 'x' });
is($res->code, 422, 'an unblock with a short reason: 422');
$res = act($cid, 'unblock', { reason => 'The bank confirmed the payments.' });
is($res->code, 303, 'the admin unblocks customer1');
is($res->header('Location'), "/admin/users/$cid?notice=user-unblocked", 'with a notice');
like($admin->get($stack->url($res->header('Location')))->decoded_content,
    qr{The account is unblocked}, 'which says so');
$stack->login_ok($c1, 'customer1', 'password123', '/');
is(scalar(mails_to('customer1@homeserve.test', 'Your HomeServe account is unblocked')), 1,
    'an email tells them');
$rows = audits('user.unblock', $cid);
is(scalar @$rows, 1, 'one audit row');
is(reason_of($rows->[0]), 'The bank confirmed the payments.', 'with the reason');
$res = act($cid, 'unblock', { reason => 'Again.' });
is($res->code, 409, 'unblocking an active account: 409');
like($res->decoded_content, qr{This account is not blocked\.}, 'saying why');

# --- a blocked vendor's jobs go back to the board --------------------------------
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address,
    pincode, scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', '12 Janpath', '110001', unixepoch() + 3 * 86400, 90, 50000,
    'accepted', unixepoch(), unixepoch())}, $cid, $vid);
my $job = $stack->sql_value('SELECT max(id) FROM bookings');
is($m{vendor1}->get($stack->url("/vendor/bookings/$job"))->code, 200, 'vendor1 holds a job');
$res = act($vid, 'block', { reason => 'Three no-shows this month.' });
is($res->code, 303, 'the admin blocks vendor1');
my $b = $stack->sql('SELECT status, vendor_id FROM bookings WHERE id = ?', $job)->[0];
is($b->{status}, 'pending', 'the accepted job is pending again');
is($b->{vendor_id}, undef, 'with no vendor');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%back on the job board%'}, $cid, $job), 'the customer is told in the app');
$stack->run_due;
ok((grep { $_->{to} eq 'customer1@homeserve.test'
    && $_->{subject} =~ /^Booking #$job \(AC Repair\) is back on the job board/ } $stack->mails),
    'and by email');
is($stack->sql_value(q{SELECT count(*) FROM booking_events WHERE booking_id = ?
    AND note = 'Its professional can no longer work on HomeServe.'}, $job), 1,
    'the timeline says why');
$res = $m{vendor1}->get($stack->url('/vendor/'));
is($res->code, 303, 'vendor1 is signed out');
is(scalar @{ audits('user.block', $vid) }, 1, 'one audit row about vendor1');
is(act($vid, 'unblock', { reason => 'Explained and apologised.' })->code, 303, 'unblocked');
$stack->login_ok($m{vendor1}, 'vendor1', 'password123', '/vendor/');

# --- the role rules ---------------------------------------------------------------
$res = act($aid, 'role', { role => 'customer', reason => 'Stepping down.' });
is($res->code, 409, 'the admin demoting themselves: 409');
like($res->decoded_content, qr{You cannot change your own role}, 'saying why');
is(act($aid, 'block', { reason => 'Testing.' })->code, 409, 'blocking themselves: 409');
is(act($aid, 'reset-password', { reason => 'Testing.' })->code, 409,
    'forcing their own reset: 409');
$res = act($cid, 'role', { role => 'vendor', reason => 'Wants to work.' });
is($res->code, 422, 'making someone a vendor: 422');
like($res->decoded_content, qr{<p class="error" id="new-role-error">Nobody is made a vendor here: vendors join through the application at /vendor/apply},
    'saying vendors join through the application');
$res = act($cid, 'role', { role => 'wizard', reason => 'Magic.' });
is($res->code, 422, 'a role that is none: 422');
like($res->decoded_content, qr{Choose a role from the list\.}, 'saying so');
like($res->decoded_content, qr{<textarea id="reason-role"[^>]*>Magic\.</textarea>}, 'the reason kept');
$res = act($vid, 'role', { role => 'ops_manager', reason => 'Joins the staff.' });
is($res->code, 409, 'a vendor\'s role: 409');
like($res->decoded_content, qr{Block the vendor instead\.}, 'saying to block them instead');
is(act($cid, 'role', { role => 'customer', reason => 'Same again.' })->code, 409,
    'the role they have: 409');
is_deeply($stack->sql(q{SELECT role FROM users WHERE id IN (?, ?, ?) ORDER BY id}, $aid, $cid, $vid),
    [{ role => 'super_admin' }, { role => 'customer' }, { role => 'vendor' }], 'no role changed');
is(scalar @{ audits('user.role', $aid) } + @{ audits('user.role', $cid) }
    + @{ audits('user.role', $vid) }, 0, 'and no audit row was written');

# A role change ends the person's sessions; they sign in again with it.
my $ops = $m{ops_mgr};
is($ops->get($stack->url('/ops/bookings'))->code, 200, 'ops_mgr sees the bookings');
$res = act($uid{ops_mgr}, 'role', { role => 'onboard_manager', reason => 'Moves to onboarding.' });
is($res->code, 303, 'the admin makes ops_mgr an onboarding manager');
is($res->header('Location'), "/admin/users/$uid{ops_mgr}?notice=role-changed", 'with a notice');
is(sessions_of($uid{ops_mgr}), 0, 'every session of ops_mgr ended');
is($ops->get($stack->url('/ops/bookings'))->code, 303, 'their browser is signed out');
$stack->login_ok($ops, 'ops_mgr', 'password123', '/ops/');
is($ops->get($stack->url('/ops/bookings'))->code, 403, 'and signs in as an onboarding manager');
is(scalar(mails_to('ops@homeserve.test', 'Your HomeServe role has changed')), 1, 'told by email');
$rows = audits('user.role', $uid{ops_mgr});
is(scalar @$rows, 1, 'one audit row');
is(reason_of($rows->[0]), 'Moves to onboarding.', 'with the reason');
like($rows->[0]{old_values}, qr/"role":"ops_manager"/, 'and the old role');
is(act($uid{ops_mgr}, 'role', { role => 'ops_manager', reason => 'Back to operations.' })->code,
    303, 'and back');
$stack->login_ok($ops, 'ops_mgr', 'password123', '/ops/');

# A second super admin: either may demote the other, never themselves.
$uid{bulk001} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'bulk001'});
$res = act($uid{bulk001}, 'role', { role => 'super_admin', reason => 'A second pair of hands.' });
is($res->code, 303, 'the admin makes bulk001 a super admin');
$stack->sql(q{UPDATE users SET password_hash = (SELECT password_hash FROM users
    WHERE username = 'admin') WHERE username = 'bulk001'});
my $admin2 = $stack->mech;
$stack->login_ok($admin2, 'bulk001', 'admin123', '/admin/');
$res = post_from($admin2, "/admin/users/$aid", "/admin/users/$uid{bulk001}/role",
    { role => 'customer', reason => 'Trying.' });
is($res->code, 409, 'the second super admin cannot demote themselves either');
$res = act($uid{bulk001}, 'role', { role => 'customer', reason => 'One is enough.' });
is($res->code, 303, 'the admin demotes the second super admin: allowed, one remains');
is($admin2->get($stack->url('/admin/'))->code, 303, 'whose session ended');
is(act($aid, 'role', { role => 'customer', reason => 'Now me.' })->code, 409,
    'the one left still cannot demote themselves');

# The last super admin when two demote each other at the same instant: the
# pages let both in; whichever transaction comes second finds its target
# the last super admin (409), or its own session already gone (to sign in).
# (t/unit/admin_user.t refuses that second move deterministically.)
is(act($uid{bulk001}, 'role', { role => 'super_admin', reason => 'Back for the race.' })->code,
    303, 'bulk001 is a super admin again');
$stack->login_ok($admin2, 'bulk001', 'admin123', '/admin/');
sub at_once {
	my @jobs = @_;
	pipe(my $go_r, my $go_w) or die "pipe: $!";
	my @kids;
	for my $job (@jobs) {
		pipe(my $r, my $w) or die "pipe: $!";
		my $pid = fork() // die "fork: $!";
		if ($pid == 0) {
			close $go_w;
			close $r;
			sysread($go_r, my $byte, 1);	# returns at the parent's close
			my $res = $stack->post_form(@$job);
			syswrite($w, $res->code . ' ' . ($res->header('Location') // ''));
			POSIX::_exit(0);
		}
		close $w;
		push @kids, [$pid, $r];
	}
	close $go_r;
	close $go_w;		# both go
	my @out;
	for my $kid (@kids) {
		my $r = $kid->[1];
		local $/;
		push @out, scalar(<$r>) // '';
		waitpid($kid->[0], 0);
	}
	return @out;
}
$admin->get($stack->url("/admin/users/$uid{bulk001}"));
$admin2->get($stack->url("/admin/users/$aid"));
my @race = at_once([$admin, "/admin/users/$uid{bulk001}/role", { role => 'customer', reason => 'Race.' }],
    [$admin2, "/admin/users/$aid/role", { role => 'customer', reason => 'Race.' }]);
is(scalar(grep { /^303 .*notice=role-changed$/ } @race), 1, 'of two demoting each other at once, one wins')
    or diag("answers: @race");
is(scalar(grep { /^409 |^303 \/login/ } @race), 1, 'the other is refused')
    or diag("answers: @race");
note('the loser: ' . join(', ', grep { !/notice=role-changed/ } @race));
is($stack->sql_value(q{SELECT count(*) FROM users WHERE role = 'super_admin' AND is_blocked = 0}),
    1, 'one super admin remains');
if ($stack->sql_value('SELECT role FROM users WHERE id = ?', $aid) ne 'super_admin') {
	# bulk001 won: it restores the admin, who signs in again.
	is(post_from($admin2, "/admin/users/$aid", "/admin/users/$aid/role",
	    { role => 'super_admin', reason => 'After the race.' })->code, 303,
	    'the winner restores the other');
	$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
	is(act($uid{bulk001}, 'role', { role => 'customer', reason => 'Race over.' })->code, 303,
	    'who demotes the winner');
} else {
	pass('the admin won the race');
	pass('and needs no restoring');
}

# --- a forced password reset -----------------------------------------------------
is($c1->get($stack->url('/bookings'))->code, 200, 'customer1 is signed in');
$reason = 'Your password was in a phishing report.';
$res = act($cid, 'reset-password', { reason => $reason });
is($res->code, 303, 'the admin forces a password reset');
is($res->header('Location'), "/admin/users/$cid?notice=password-reset", 'with a notice');
like($admin->get($stack->url($res->header('Location')))->decoded_content,
    qr{The password no longer works}, 'which says what happened');
is($c1->get($stack->url('/bookings'))->code, 303, 'customer1\'s browser is signed out');
is($stack->login($stack->mech, 'customer1', 'password123')->code, 422,
    'the old password fails at once');
my $path = link_in('customer1@homeserve.test', 'Choose a new HomeServe password');
like($path // '', qr{^/password/reset/[0-9a-f]{64}$}, 'the reset email holds the link');
my ($token) = ($path // '') =~ m{([0-9a-f]{64})$};
($mail[0]) = mails_to('customer1@homeserve.test', 'Choose a new HomeServe password');
like($mail[0]{text}, qr/\Q$reason\E/, 'and the reason');
ok(!defined $mail[0]{list_unsubscribe}, 'a security message, with no unsubscribe link');
my @sms = grep { $_->{to} eq '+919876543210' && $_->{text} =~ /reset your password/ } $stack->sms;
is(scalar @sms, 1, 'an SMS tells them to look in their email');
unlike($sms[0]{text} // '', qr{/password/reset/}, 'without the link');
$res = $anon->get($stack->url($path));
is(h1_of($res), 'Choose a new password', 'the link opens the reset form');
$res = post_from($anon, $path, $path, { password => 'a-new-start-1',
    password_confirm => 'a-new-start-1' });
is($res->code, 303, 'and sets a new password');
is($res->header('Location'), '/login?notice=password-changed', 'then to sign in');
$stack->login_ok($c1, 'customer1', 'a-new-start-1', '/');
$rows = audits('user.reset_password', $cid);
is(scalar @$rows, 1, 'one audit row');
is(reason_of($rows->[0]), $reason, 'with the reason');
is($anon->get($stack->url($path))->code, 410, 'the link works once');
$stack->sql(q{UPDATE users SET password_hash = (SELECT password_hash FROM users
    WHERE username = 'vendor1') WHERE username = 'customer1'});

# --- inviting staff ----------------------------------------------------------------
$res = $admin->get($stack->url('/admin/users/new'));
is($res->code, 200, 'GET /admin/users/new is 200');
is(h1_of($res), 'Invite a staff member', 'the invitation form');
is_deeply([grep { $_ ne '' } $admin->form_with_fields('role')->find_input('role')->possible_values],
    [qw(onboard_manager ops_manager super_admin)], 'offering the staff roles only');
my %good = (username => 'ops_new', email => 'Ops.New@Example.test', phone => '',
    role => 'ops_manager');
my $users = $stack->sql_value('SELECT count(*) FROM users');
for my $bad ([{ username => 'ops_mgr' }, 'username', qr/This username is taken/],
    [{ username => 'OPS_MGR' }, 'username', qr/This username is taken/],
    [{ username => 'a b' }, 'username', qr/letters, digits/],
    [{ email => 'ops@homeserve.test' }, 'email', qr/An account with this email exists/],
    [{ email => 'not-an-address' }, 'email', qr/email address like/],
    [{ phone => '+91 98765 43210' }, 'phone', qr/An account with this mobile number exists/],
    [{ phone => '12345' }, 'phone', qr/10-digit Indian mobile/],
    [{ role => 'vendor' }, 'role', qr/Choose a staff role/],
    [{ role => 'customer' }, 'role', qr/Choose a staff role/],
    [{ role => '' }, 'role', qr/Role is required/]) {
	my ($over, $field, $why) = @$bad;
	my %f = (%good, %$over);
	$res = post_from($admin, '/admin/users/new', '/admin/users/new', \%f);
	my $what = "$field '" . (values %$over)[0] . "'";
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">[^<]*$why}, "$what: says why");
	my $kept = $admin->form_with_fields('username', 'email');
	is($kept && $kept->value('username'), $f{username}, "$what: the form is kept");
}
is($stack->sql_value('SELECT count(*) FROM users'), $users, 'no account was made');
$res = post_from($admin, '/admin/users/new', '/admin/users/new', \%good, csrf => undef);
is($res->code, 403, 'an invitation without the CSRF token: 403');

$res = post_from($admin, '/admin/users/new', '/admin/users/new', \%good);
is($res->code, 303, 'the admin invites an operations manager');
my $nid = $stack->sql_value(q{SELECT id FROM users WHERE username = 'ops_new'});
is($res->header('Location'), "/admin/users/$nid?notice=invited", 'to the new account');
$html = $admin->get($stack->url($res->header('Location')))->decoded_content;
like($html, qr{The invitation is on its way}, 'with a notice');
like($html, qr{<dt>Role</dt><dd>Operations manager</dd>}, 'an operations manager');
like($html, qr{<dt>Email</dt><dd>ops\.new\@example\.test</dd>}, 'the address stored in lower case');
like($html, qr{<dt>Mobile</dt><dd>None</dd>}, 'with no mobile number');
is($stack->sql_value('SELECT password_hash FROM users WHERE id = ?', $nid), '!',
    'and no password: nothing can match it');
is($stack->login($stack->mech, 'ops_new', '!')->code, 422, 'so nobody signs in as them');
is(scalar @{ audits('user.create', $nid) }, 1, 'one audit row');
$path = link_in('ops.new@example.test', 'You are invited to HomeServe as an operations manager');
like($path // '', qr{^/password/reset/[0-9a-f]{64}$}, 'the invitation email holds a link');
($token) = ($path // '') =~ m{([0-9a-f]{64})$};
($mail[0]) = mails_to('ops.new@example.test', 'You are invited to HomeServe as an operations manager');
like($mail[0]{text}, qr/admin invited you to work on HomeServe as an operations manager\. Your username is ops_new\./,
    'saying who invited them, to do what, and their username');
like($mail[0]{text}, qr/for 72 hours/, 'and that it works for 72 hours');
is($stack->sql_value(q{SELECT expires_at - created_at FROM password_resets
    WHERE user_id = ? AND purpose = 'invited'}, $nid), 72 * 3600, 'as it does');
my $invitee = $stack->mech;
$res = $invitee->get($stack->url($path));
is($res->code, 200, 'the link opens a form');
is(h1_of($res), 'Choose your password', 'for a first password');
like($res->decoded_content, qr{Welcome to HomeServe}, 'with a welcome');
unlike($res->decoded_content, qr{will be signed out}, 'not a reset\'s words');
$res = post_from($invitee, $path, $path, { password => 'my-own-secret-9',
    password_confirm => 'my-own-secret-9' });
is($res->code, 303, 'the invitee chooses a password');
is($res->header('Location'), '/login?notice=password-set', 'and goes to sign in');
like($invitee->get($stack->url('/login?notice=password-set'))->decoded_content,
    qr{Your password is saved\. Sign in with it now\.}, 'told the password is saved');
$stack->login_ok($invitee, 'ops_new', 'my-own-secret-9', '/ops/');
is($invitee->get($stack->url('/ops/bookings'))->code, 200, 'an operations manager at work');
$res = $stack->mech->get($stack->url($path));
is($res->code, 410, 'the link cannot be used twice');
like($res->decoded_content, qr{This invitation was already used}, 'saying so');
is(scalar(mails_to('ops.new@example.test', 'Your HomeServe password was changed')), 0,
    'a first password is not news to be warned of');
my $outbox = $stack->sql_value(q{SELECT min(id) FROM outbox WHERE subject LIKE 'You are invited%'});
$res = $admin->get($stack->url("/ops/outbox/$outbox"));
is($res->code, 200, 'the admin may look at the invitation in the outbox');
unlike($res->decoded_content, qr{/password/reset/}, 'which never shows its link');
ok(scalar @admin_saw > 50, 'the admin fetched ' . scalar(@admin_saw) . ' pages');
is(scalar(grep { index($_, $token) >= 0 } @admin_saw), 0,
    'none of which ever held the invitation\'s token');
is(scalar(grep { m{/password/reset/[0-9a-f]} } @admin_saw), 0, 'nor any reset link');

# --- every action: exactly one audit row, with its reason --------------------------
for my $a (['user.block', $cid, 1], ['user.unblock', $cid, 1], ['user.block', $vid, 1],
    ['user.unblock', $vid, 1], ['user.reset_password', $cid, 1]) {
	is(scalar @{ audits($a->[0], $a->[1]) }, $a->[2], "$a->[0] of user $a->[1]: one row");
}
ok(!(grep { !defined reason_of($_) || length(reason_of($_)) < 3 }
    @{ $stack->sql(q{SELECT * FROM audit_log WHERE action IN ('user.block', 'user.unblock',
    'user.role', 'user.reset_password')}) }), 'each with its reason');

$stack->finish;
done_testing;
