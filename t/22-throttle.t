# 22-throttle.t: sign-in throttling from one address: 5 failures per account and address, 20 per address (the app), then nginx's own limit on POST /login (other addresses and the per-account ceiling: t/106-signin.t).
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my $posts = 0;	# POST /login so far: nginx allows a burst of 30

sub attempt {
	my ($user, $pass) = @_;
	$posts++;
	return $stack->login($stack->mech, $user, $pass);
}

sub retry_after_ok {
	my ($res, $what) = @_;
	my $after = $res->header('Retry-After') // '';
	ok($after =~ /^\d+$/ && $after > 0 && $after <= 15 * 60,
	    "$what: Retry-After is a number of seconds within the 15-minute window")
	    or diag("Retry-After: '$after'");
}

# Five failures for one account from this address, by username and by
# email alike.
my $customer = $stack->sql_value("SELECT id FROM users WHERE username = 'customer1'");
for my $i (1 .. 5) {
	my $login = $i % 2 ? 'customer1' : 'customer1@homeserve.test';
	my $res = attempt($login, "wrong-$i");
	is($res->code, 422, "failure $i for customer1 (as $login) is 422");
}
my $res = attempt('customer1', 'password123');
is($res->code, 429, 'the sixth attempt from the address, with the right password, is 429');
retry_after_ok($res, 'account throttle');
like($res->decoded_content, qr{Too many failed sign-in attempts\. Try again in \d+ minutes?\.},
    'the page says to try again later');
is(set_cookie_of($res, 'hs_session'), undef, 'a throttled sign-in sets no session cookie');
is(h1_of($res), 'Sign in', 'the 429 shows the sign-in form again');
header_has_security($res, 'POST /login (429)');
$res = attempt('CUSTOMER1@HOMESERVE.TEST', 'password123');
is($res->code, 429, 'the account stays throttled whatever login names it');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'session.login' AND actor_id = ?", $customer), 0,
    'customer1 never signed in');

# Other accounts from the same address still work below 20 failures.
$stack->login_ok($stack->mech, 'vendor1', 'password123', '/vendor/');
$posts++;
$res = attempt('vendor1', 'wrong');
is($res->code, 422, 'one failure for vendor1 is just 422');

# 20 failures from one address: everyone is throttled, right password or not.
my $failures = $stack->sql_value("SELECT count(*) FROM login_failures WHERE scope LIKE 'ip:%'");
is($failures, 6, 'the address has six failures so far');
for my $i ($failures + 1 .. 20) {
	$res = attempt("nobody$i", 'wrong-password');
	is($res->code, 422, "failure $i from the address (unknown user nobody$i) is 422");
}
$res = attempt('ops_mgr', 'password123');
is($res->code, 429, 'after 20 failures from the address, ops_mgr with the right password is 429');
retry_after_ok($res, 'address throttle');
$res = attempt('admin', 'admin123');
is($res->code, 429, 'and so is the admin');
cmp_ok($posts, '<=', 30, "this file stayed within nginx's burst ($posts POSTs)");

# Past the app's limit, nginx's limit on POST /login (30 a minute, burst
# 30) answers on its own with its static 429 page.
my $nginx;
for (1 .. 60) {
	my $m = $stack->mech;
	$res = $m->post($stack->url('/login'), { username => 'x', password => 'y' });
	if ($res->code == 429 && !defined $res->header('Content-Security-Policy')) {
		$nginx = $res;
		last;
	}
	is($res->code, 403, 'a POST /login without a session is refused by the app (403) until nginx steps in')
	    or last;
}
ok($nginx, 'nginx itself limits POST /login');
is($nginx && $nginx->code, 429, "nginx's answer is 429");
is($nginx && h1_of($nginx), 'Too many requests', "nginx's answer is its 429 page")
    or diag($nginx ? $nginx->decoded_content : 'no answer');
$res = $stack->mech->get($stack->url('/login'));
is($res->code, 200, 'GET /login is never limited');

$stack->finish;
done_testing;
