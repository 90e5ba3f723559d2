# 106-signin.t: sign-in that cannot be turned against its users: failures counted per account and address, a per-account ceiling that delays instead of locking, a reset link that always works, common passwords refused with the reason, registration and the forgot form limited per address.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use URI::Escape qw(uri_escape_utf8);
use HomeServe::Test;

# Plain CGI runs of the booking area, so each request can come from its
# own REMOTE_ADDR (behind nginx every test request is 127.0.0.1).
my $box = cgi_sandbox();

my $OWNER = '203.0.113.5';		# customer1 at home
my $CAFE = '203.0.113.77';		# customer1 elsewhere, never failed
my @ATTACKERS = map { "198.51.100.$_" } 1 .. 9;

sub csrf_of { $_[0]{body} =~ /name="csrf_token" value="([0-9a-f]{64})"/ ? $1 : undef }
sub cookie_of {
	my ($r) = @_;
	for ($r->{headers}->header('Set-Cookie')) {
		return $1 if /^hs_session=([^;]*)/;
	}
	return undef;
}

# post(ADDR, FORM_PAGE, PATH, FIELDS...): GET the form page from ADDR for
# a session and its token, then POST the fields to PATH from ADDR.
sub post {
	my ($addr, $page, $path, @fields) = @_;
	my $get = $box->cgi('booking', uri => $page, remote_addr => $addr);
	my $cookie = cookie_of($get) or die "GET $page set no session ($get->{status})";
	my @pairs = ('csrf_token', csrf_of($get), @fields);
	my $body = join '&', map { uri_escape_utf8($pairs[2 * $_]) . '=' . uri_escape_utf8($pairs[2 * $_ + 1]) }
	    0 .. $#pairs / 2;
	return $box->cgi('booking', method => 'POST', uri => $path,
	    cookie => "hs_session=$cookie", remote_addr => $addr, body => $body);
}
sub login {
	my ($addr, $user, $pass) = @_;
	return post($addr, '/login', '/login', username => $user, password => $pass, next => '');
}
sub setting {
	my ($key, $value) = @_;
	$box->sql(q{INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)
	    ON CONFLICT (key) DO UPDATE SET value = excluded.value}, $key, $value);
}
sub retry_after_ok {
	my ($r, $most, $what) = @_;
	my $after = $r->{headers}->header('Retry-After') // '';
	ok($after =~ /^\d+$/ && $after >= 1 && $after <= $most,
	    "$what: Retry-After is 1 to $most seconds") or diag("Retry-After: '$after'");
}

my $uid = $box->sql_value(q{SELECT id FROM users WHERE username = 'customer1'});

# --- an attacker elsewhere does not lock the owner out -----------------------
my $attacker = $ATTACKERS[0];
for my $i (1 .. 5) {
	is(login($attacker, 'customer1', "guess-$i")->{status}, 422,
	    "the attacker's wrong password $i is 422");
}
for my $i (6 .. 10) {
	my $r = login($attacker, 'customer1', "guess-$i");
	is($r->{status}, 429, "the attacker's try $i is 429: the pair's limit");
	retry_after_ok($r, 15 * 60, "the attacker's try $i") if $i == 6;
	like($r->{body}, qr/Too many failed sign-in attempts/, 'and says why') if $i == 6;
}
my $r = login($attacker, 'customer1', 'password123');
is($r->{status}, 429, 'even the right password from that address waits');
is(cookie_of($r), undef, 'and gets no session');
$r = login($OWNER, 'customer1', 'password123');
is($r->{status}, 303, "the owner's right password from home gets in");
is($r->{headers}->header('Location'), '/', 'to the home page');
is(login($attacker, 'vendor1', 'password123')->{status}, 303,
    'the attacking address can still sign in to another account (below its own limit)');
is($box->sql_value(q{SELECT count(*) FROM login_failures WHERE scope = ?}, "user:$uid"), 5,
    'the account counts the five failures');
is($box->sql_value(q{SELECT count(*) FROM login_failures WHERE scope = ?}, "pair:user:$uid\@$attacker"), 5,
    "and so does the attacker's pair");

# Unknown names are counted the same way: the answers never tell.
for my $i (1 .. 5) {
	login($ATTACKERS[1], 'nobody-here', "guess-$i");
}
$r = login($ATTACKERS[1], 'nobody-here', 'guess-6');
is($r->{status}, 429, 'an unknown name is throttled per pair just the same');

# --- past the account's ceiling: delays, not a lock --------------------------
setting('login_failures_account_ceiling', '8');
# Three more addresses fail at the account: 5 + 3 = the ceiling.
for my $addr (@ATTACKERS[2 .. 4]) {
	is(login($addr, 'customer1', 'another-guess')->{status}, 422,
	    "a failure from $addr is 422 below the ceiling");
}
# Four more failures at once (as from a botnet) make the delay 2^4 s.
$box->sql(q{INSERT INTO login_failures (scope, at) VALUES (?, unixepoch()), (?, unixepoch()),
    (?, unixepoch()), (?, unixepoch())}, ("user:$uid") x 4);
$r = login($ATTACKERS[2], 'customer1', 'next-guess');
is($r->{status}, 429, 'an address that failed before now waits, below its pair limit');
retry_after_ok($r, 16, 'the ceiling delay');
like($r->{body}, qr/Too many failed sign-in attempts\. Try again in \d+ seconds?\./,
    'the page says how many seconds');
$r = login($ATTACKERS[3], 'customer1', 'password123');
is($r->{status}, 429, 'even with the right password, from an address that failed');
$r = login($CAFE, 'customer1', 'password123');
is($r->{status}, 303, 'the owner from a clean address gets straight in');
ok(cookie_of($r), 'with a session cookie');
# The delay passes: move the account's failures a minute back.
$box->sql(q{UPDATE login_failures SET at = at - 60 WHERE scope = ?}, "user:$uid");
$r = login($ATTACKERS[2], 'customer1', 'next-guess');
is($r->{status}, 422, 'after the delay, the next guess is just checked (422)');
$r = login($ATTACKERS[2], 'customer1', 'one-more');
is($r->{status}, 429, 'and the one after waits again');
retry_after_ok($r, 60, 'the grown delay');

# --- a fresh reset link clears it all ------------------------------------------
$r = post($OWNER, '/password/forgot', '/password/forgot', email => 'customer1@homeserve.test');
is($r->{status}, 303, 'the owner asks for a reset link');
$box->run_due;
my ($mail) = grep { ($_->{to} // '') eq 'customer1@homeserve.test'
    && $_->{subject} eq 'Reset your HomeServe password' } $box->mails;
my ($path) = ($mail->{text} // '') =~ m{https?://[^/\s]+(/password/reset/[0-9a-f]+)};
ok($path, 'the link arrives by email') or BAIL_OUT('no reset link');

for my $case (['password', qr/This password is too common: it is based on a dictionary word\./],
    ['12345678', qr/This password is too common: it is too simplistic\/systematic\./],
    ['xcustomer1x', qr/This password contains your username/],
    ['homeserve-customer1', qr/This password contains your username/]) {
	my ($weak, $why) = @$case;
	$r = post($OWNER, $path, $path, password => $weak, password_confirm => $weak);
	is($r->{status}, 422, "the reset form refuses '$weak': 422");
	like($r->{body}, $why, '   with the reason');
}
$r = post($OWNER, $path, $path, password => 'Quiet-harbour-31', password_confirm => 'Quiet-harbour-31');
is($r->{status}, 303, 'a strong new password is accepted');
is($box->sql_value(q{SELECT count(*) FROM login_failures WHERE scope = ? OR scope LIKE ?},
    "user:$uid", "pair:user:$uid\@%"), 0, "every failure counted at the account is gone");
$r = login($attacker, 'customer1', 'Quiet-harbour-31');
is($r->{status}, 303, 'the owner signs in at once, even from the address that was held back');
is(login($ATTACKERS[1], 'nobody-here', 'guess-7')->{status}, 429,
    'other pairs keep their counts');

# --- the per-address ceiling still stands ------------------------------------
setting('login_failures_per_address', '6');
my $flood = $ATTACKERS[5];
for my $i (1 .. 6) {
	login($flood, "someone$i", 'wrong-password');
}
$r = login($flood, 'vendor1', 'password123');
is($r->{status}, 429, 'six failures from one address (any accounts) hold it back');
retry_after_ok($r, 15 * 60, 'the address limit');

# --- common passwords refused at registration ------------------------------------
my %new = (username => 'asha_verma', email => 'asha.verma@example.test',
    phone => '98765 11223', address => '12 MG Road, Bengaluru', pincode => '560001');
sub register {
	my ($addr, $pass, %over) = @_;
	my %f = (%new, password => $pass, password_confirm => $pass, %over);
	return post($addr, '/register', '/register', map { $_ => $f{$_} } sort keys %f);
}
for my $case (['password', qr/This password is too common: it is based on a dictionary word\./],
    ['12345678', qr/This password is too common: it is too simplistic\/systematic\./],
    ['asha_verma', qr/This password contains your username/],
    ['Asha_Verma-2026', qr/This password contains your username/],
    ['my-asha.verma-pw', qr/This password contains your email address/]) {
	my ($weak, $why) = @$case;
	$r = register($ATTACKERS[6], $weak);
	is($r->{status}, 422, "registration refuses '$weak': 422");
	like($r->{body}, qr{<p class="error" id="password-error">[^<]*$why}, '   with the reason beside the password');
	like($r->{body}, qr/value="asha\.verma\@example\.test"/, '   keeping the email typed');
	unlike($r->{body}, qr/<input id="password(?:_confirm)?"[^>]* value=/, '   and never the password');
}
is($box->sql_value(q{SELECT count(*) FROM users WHERE username = 'asha_verma'}), 0, 'no account was made');
is($box->sql_value(q{SELECT count(*) FROM throttle_hits WHERE scope LIKE 'register-ip:%'}), 0,
    'refused forms do not count against the address');
$r = register($ATTACKERS[6], 'Saffron-kite-88');
is($r->{status}, 303, 'a strong password is accepted: the account is made');

# --- registration limited per address --------------------------------------------
setting('register_per_ip_hour', '2');
my $farm = $ATTACKERS[7];
$r = register($farm, 'Saffron-kite-88');
is($r->{status}, 422, 'a second try with a taken username still counts (422)');
$r = register($farm, 'Saffron-kite-88', username => 'ravi_k', email => 'ravi.k@example.test');
is($r->{status}, 303, 'the second registration from the address works');
$r = register($farm, 'Saffron-kite-88', username => 'meena_s', email => 'meena.s@example.test');
is($r->{status}, 429, 'the third of the hour from one address is 429');
retry_after_ok($r, 3600, 'the registration limit');
like($r->{body}, qr/Too many new accounts were asked for from your connection\. Try again in \d+ minutes?\./,
    'the page says why');
like($r->{body}, qr/value="meena\.s\@example\.test"/, 'the form keeps the email');
like($r->{body}, qr/value="meena_s"/, 'and the username');
unlike($r->{body}, qr/Saffron-kite-88|<input id="password(?:_confirm)?"[^>]* value=/,
    'but not the passwords');
is($box->sql_value(q{SELECT count(*) FROM users WHERE username = 'meena_s'}), 0, 'no account was made');
is(register($ATTACKERS[8], 'Saffron-kite-88', username => 'meena_s', email => 'meena.s@example.test')->{status},
    303, 'another address registers at once');

# --- the forgot form, per address ------------------------------------------------
setting('reset_requests_per_ip_hour', '2');
my $asker = '192.0.2.99';
for my $i (1 .. 2) {
	is(post($asker, '/password/forgot', '/password/forgot', email => "who$i\@example.test")->{status},
	    303, "forgot request $i from one address: the usual answer");
}
$r = post($asker, '/password/forgot', '/password/forgot', email => 'who3@example.test');
is($r->{status}, 429, 'the third is 429');
retry_after_ok($r, 3600, 'the forgot limit');
like($r->{body}, qr/value="who3\@example\.test"/, 'keeping the address typed');
is(post('192.0.2.100', '/password/forgot', '/password/forgot', email => 'who3@example.test')->{status},
    303, 'another address is not affected');

$box->finish;
done_testing;
