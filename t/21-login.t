# 21-login.t: signing in and out: CSRF, cookie rotation, landing pages, next=, wrong passwords, blocked accounts.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use URI::Escape qw(uri_escape);
use HomeServe::Test;

my $stack = start_stack();

# --- the form and its session ---
my $mech = $stack->mech;
my $res = $mech->get($stack->url('/login'));
is($res->code, 200, 'GET /login is 200');
header_has_security($res, 'GET /login');
is(h1_of($res), 'Sign in', 'the page is the sign-in form');
my $cookie = set_cookie_of($res, 'hs_session') // '';
like($cookie, qr/^hs_session=[0-9a-f]{64}; /, 'a visitor gets a session cookie');
like($cookie, qr/; HttpOnly(;|$)/i, 'the cookie is HttpOnly');
like($cookie, qr/; SameSite=Lax(;|$)/i, 'the cookie is SameSite=Lax');
unlike($cookie, qr/; Secure/i, 'over plain HTTP the cookie is not Secure');
my $anon = cookie_value($res, 'hs_session');
my $csrf = $stack->csrf($mech);
like($csrf // '', qr/^[0-9a-f]{64}$/, 'the form carries a CSRF token');
isnt($csrf, $anon, 'the CSRF token is not the session token');
unlike($res->decoded_content, qr{<p class="account">}, 'the sign-in page has no sign-in link in its header');

# A second GET keeps the same session.
$res = $mech->get($stack->url('/login'));
is(cookie_value($res, 'hs_session'), undef, 'a visitor with a session is not given another');
is($stack->csrf($mech), $csrf, 'and keeps the same CSRF token');

# --- forged forms ---
$res = $stack->post_form($mech, '/login', { username => 'admin', password => 'admin123' }, csrf => undef);
is($res->code, 403, 'a sign-in without a token is 403');
is(h1_of($res), 'Forbidden', 'it shows the Forbidden page');
is(set_cookie_of($res, 'hs_session'), undef, 'and sets no cookie');
$res = $stack->post_form($mech, '/login', { username => 'admin', password => 'admin123' }, csrf => 'a' x 64);
is($res->code, 403, 'a sign-in with a wrong token is 403');
$res = $stack->post_form($stack->mech, '/login', { username => 'admin', password => 'admin123' }, csrf => $csrf);
is($res->code, 403, 'a token without its session cookie is 403');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'session.login'"), 0,
    'no forged sign-in got through');

# --- wrong credentials ---
$res = $stack->login($mech, 'admin', 'wrong-password');
is($res->code, 422, 'a wrong password is 422');
like($res->decoded_content, qr{<p class="error-summary" role="alert">The username or password is wrong\.</p>},
    'a wrong password says the username or password is wrong');
is(set_cookie_of($res, 'hs_session'), undef, 'a wrong password sets no cookie');
my $form = $mech->form_with_fields('username', 'password');
is($form->value('username'), 'admin', 'the username is kept');
is($form->value('password'), '', 'the password is not sent back');
unlike($res->content, qr/wrong-password/, 'the password appears nowhere in the page');

$res = $stack->login($mech, 'no-such-user', 'whatever1');
is($res->code, 422, 'an unknown username is 422');
like($res->decoded_content, qr{The username or password is wrong\.},
    'an unknown username gets the same message as a wrong password');
$res = $stack->login($mech, '', '');
is($res->code, 422, 'an empty form is 422');
like($res->decoded_content, qr{id="username-error"}, 'an empty form explains the username');
like($res->decoded_content, qr{id="password-error"}, 'an empty form explains the password');

my $failed = $stack->sql("SELECT actor_id, entity_id, ip FROM audit_log WHERE action = 'session.login_failed' ORDER BY id");
is(scalar @$failed, 2, 'two failed sign-ins are in the audit log');
my $admin_id = $stack->sql_value("SELECT id FROM users WHERE username = 'admin'");
is($failed->[0]{entity_id}, $admin_id, 'the failure names the account tried');
is($failed->[0]{ip}, '127.0.0.1', 'the failure records the address');

# --- signing in: new cookie, the old one dead ---
$res = $stack->login_ok($mech, 'admin', 'admin123', '/admin/');
header_has_security($res, 'POST /login (303)');
my $signed = cookie_value($res, 'hs_session');
like($signed // '', qr/^[0-9a-f]{64}$/, 'signing in sets a session cookie');
isnt($signed, $anon, 'the cookie after sign-in is new (no session fixation)');
like(set_cookie_of($res, 'hs_session') // '', qr/; HttpOnly;.*SameSite=Lax/i,
    'the signed-in cookie is HttpOnly and SameSite=Lax');
$res = $mech->get($stack->url('/admin/'));
is($res->code, 200, 'the admin reaches /admin/ with the new cookie');
like($res->decoded_content, qr{<span class="who">admin <small>Super admin</small></span>},
    'the header shows who is signed in');
my $new_csrf = $stack->csrf($mech);
isnt($new_csrf, $csrf, 'signing in gives a new CSRF token');

my $old = $stack->mech;
$old->add_header(Cookie => "hs_session=$anon");
$res = $old->get($stack->url('/admin/'));
is($res->code, 303, 'the visitor\'s old cookie is not signed in');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'session.login' AND actor_id = ?", $admin_id), 1,
    'session.login is in the audit log, by the admin');

# --- each role lands in its own area ---
$stack->login_ok($stack->mech, 'customer1', 'password123', '/');
$stack->login_ok($stack->mech, 'vendor1', 'password123', '/vendor/');
$stack->login_ok($stack->mech, 'onboard_mgr', 'password123', '/ops/');
$stack->login_ok($stack->mech, 'ops_mgr', 'password123', '/ops/');
$stack->login_ok($stack->mech, 'vendor1@homeserve.test', 'password123', '/vendor/');
$stack->login_ok($stack->mech, 'CUSTOMER1', 'password123', '/');

# --- next= ---
{
	my $m = $stack->mech;
	$res = $m->get($stack->url('/admin/audit?before=5'));
	is($res->code, 303, 'an anonymous GET of /admin/audit?before=5 is 303');
	my $loc = $res->header('Location') // '';
	like($loc, qr{^/login\?next=}, 'it sends the visitor to /login with next=');
	my ($next) = $loc =~ /next=(.*)$/;
	is(URI::Escape::uri_unescape($next // ''), '/admin/audit?before=5',
	    'next= holds the path and query asked for');
	$res = $m->get($stack->url($loc));
	is($res->code, 200, 'the sign-in page with next= is 200');
	is($m->form_with_fields('username')->value('next'), '/admin/audit?before=5',
	    'the form carries next= in a hidden field');
	$res = $stack->post_form($m, '/login', { username => 'admin', password => 'admin123',
	    next => '/admin/audit?before=5' });
	is($res->code, 303, 'signing in with next= is 303');
	is($res->header('Location'), '/admin/audit?before=5', 'and goes back to the page asked for');
}
for my $evil ('//evil.example', '//evil.example/admin/', 'http://evil.example',
    '/\\evil.example', "/\t/evil.example", 'javascript:alert(1)') {
	my $m = $stack->mech;
	$res = $m->get($stack->url('/login?next=' . uri_escape($evil)));
	is($m->form_with_fields('username')->value('next') // '', '',
	    "GET /login drops next=$evil");
	$res = $stack->post_form($m, '/login', { username => 'admin', password => 'admin123',
	    next => $evil });
	is($res->code, 303, "signing in with next=$evil is 303");
	is($res->header('Location'), '/admin/', "next=$evil is ignored: the admin lands on /admin/");
}

# --- blocked accounts ---
{
	my $m = $stack->mech;
	$stack->login_ok($m, 'vendor1', 'password123', '/vendor/');
	is($m->get($stack->url('/vendor/'))->code, 200, 'vendor1 uses the dashboard');
	$stack->sql("UPDATE users SET is_blocked = 1 WHERE username = 'vendor1'");
	$res = $m->get($stack->url('/vendor/'));
	is($res->code, 303, 'once blocked, vendor1\'s open session no longer works');
	$res = $stack->login($stack->mech, 'vendor1', 'password123');
	is($res->code, 403, 'a blocked account signing in with the right password is 403');
	like($res->decoded_content, qr{This account is blocked}, 'it says the account is blocked');
	is(set_cookie_of($res, 'hs_session'), undef, 'a blocked account gets no cookie');
	$stack->sql("UPDATE users SET is_blocked = 0 WHERE username = 'vendor1'");
}

# --- signing out ---
{
	my $m = $stack->mech;
	$stack->login_ok($m, 'customer1', 'password123', '/');
	$res = $m->get($stack->url('/'));
	my ($session) = map { /hs_session=([0-9a-f]+)/ ? $1 : () }
	    $m->cookie_jar->as_string;
	like($session // '', qr/^[0-9a-f]{64}$/, 'the signed-in session cookie is in the jar');
	like($res->decoded_content, qr{<form class="account" method="post" action="/logout">},
	    'a signed-in page has the sign-out form');

	$res = $m->get($stack->url('/logout'));
	is($res->code, 405, 'GET /logout is 405');
	is($res->header('Allow'), 'POST', 'GET /logout says Allow: POST');
	is(h1_of($res), 'Method Not Allowed', 'GET /logout shows the 405 page');

	$m->get($stack->url('/'));
	$res = $stack->post_form($m, '/logout', [], csrf => undef);
	is($res->code, 403, 'POST /logout without a token is 403');
	$res = $m->get($stack->url('/'));
	like($res->decoded_content, qr{<span class="who">customer1 }, 'and the customer is still signed in');

	$res = $stack->post_form($m, '/logout', []);
	is($res->code, 303, 'POST /logout is 303');
	is($res->header('Location'), '/?notice=signed-out', 'to the home page with a notice');
	my $clear = set_cookie_of($res, 'hs_session') // '';
	like($clear, qr/^hs_session=;/, 'the cookie is emptied');
	like($clear, qr/Max-Age=0/i, 'and expires now');
	$res = $m->get($stack->url('/?notice=signed-out'));
	like($res->decoded_content, qr{<p class="notice" role="status">You have signed out\.</p>},
	    'the home page says the customer signed out');
	like($res->decoded_content, qr{<a href="/login">Sign in</a>}, 'and offers to sign in again');

	my $replay = $stack->mech;
	$replay->add_header(Cookie => "hs_session=$session");
	$res = $replay->get($stack->url('/vendor/'));
	is($res->code, 303, 'the signed-out cookie, replayed, is not signed in');
	my $customer = $stack->sql_value("SELECT id FROM users WHERE username = 'customer1'");
	is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'session.logout' AND actor_id = ?", $customer), 1,
	    'session.logout is in the audit log');
}

$stack->finish;
done_testing;
