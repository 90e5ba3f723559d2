# 20-register.t: creating a customer account: validation per field, kept input, taken names, the session it starts.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Encode ();
use URI::Escape ();
use HomeServe::Test;

my $stack = start_stack();
my $n = 0;

my $PASSWORD = 'Sekr1t-pass-xyz';

# A complete, valid registration for a new name.
sub valid {
	$n++;
	return (
		username => "newbie$n",
		email => "newbie$n\@example.com",
		phone => '98765 43210',
		password => $PASSWORD,
		password_confirm => $PASSWORD,
		address => "Flat $n, 7 MG Road, Bengaluru",
		pincode => '560001',
	);
}

# GET /register, then POST the fields with the form's token.
sub register {
	my ($mech, %fields) = @_;
	my $res = $mech->get($stack->url('/register'));
	die 'GET /register: ' . $res->status_line unless $res->code == 200;
	return $stack->post_form($mech, '/register', [%fields]);
}

sub user_row {
	my ($name) = @_;
	return $stack->sql('SELECT * FROM users WHERE username = ?', $name)->[0];
}

# --- the form ---
my $mech = $stack->mech;
my $res = $mech->get($stack->url('/register'));
is($res->code, 200, 'GET /register is 200');
header_has_security($res, 'GET /register');
is(h1_of($res), 'Create your account', 'the page is the registration form');
my $anon_cookie = set_cookie_of($res, 'hs_session');
ok(defined $anon_cookie, 'a visitor gets a session cookie with the form');
like($anon_cookie // '', qr/; HttpOnly/i, 'the cookie is HttpOnly');
like($anon_cookie // '', qr/; SameSite=Lax/i, 'the cookie is SameSite=Lax');
like($anon_cookie // '', qr/; Path=\//i, 'the cookie is for the whole site');
unlike($anon_cookie // '', qr/; Secure/i, 'over plain HTTP the cookie is not Secure');
like(cookie_value($res, 'hs_session') // '', qr/^[0-9a-f]{64}$/,
    'the session token is 256 random bits in hex');
my $token = $stack->csrf($mech);
like($token // '', qr/^[0-9a-f]{64}$/, 'the form carries a CSRF token');
my $form = $mech->form_with_fields('username');
is_deeply([sort grep { defined } map { $_->name } $form->inputs],
    [sort qw(csrf_token username email phone password password_confirm address pincode)],
    'the form asks for the seven fields and the token');

# --- a successful registration ---
my %ok = valid();
my $before = cookie_value($res, 'hs_session');
$res = $stack->post_form($mech, '/register', [%ok, role => 'super_admin',
    is_blocked => 1, id => 1]);
is($res->code, 303, 'a valid registration answers 303');
is($res->header('Location'), '/?notice=registered', '... to the home page with a notice');
header_has_security($res, 'POST /register (303)');
my $after = cookie_value($res, 'hs_session');
ok(defined $after && $after ne $before, 'registering gives a new session cookie');
my $row = user_row($ok{username});
ok($row, 'the account exists');
is($row->{role}, 'customer', 'role=super_admin in the form is ignored: a customer');
is($row->{is_blocked}, 0, 'is_blocked in the form is ignored');
isnt($row->{id}, 1, 'id in the form is ignored');
is($row->{email}, $ok{email}, 'the email is stored');
is($row->{phone}, '+919876543210', 'the phone is stored as +91 and ten digits');
is($row->{address}, $ok{address}, 'the address is stored');
is($row->{pincode}, '560001', 'the pincode is stored');
ok(index($row->{password_hash}, $PASSWORD) < 0, 'the password is not stored in clear');
isnt($row->{password_hash}, '', 'a password hash is stored');

$res = $mech->get($stack->url('/?notice=registered'));
is($res->code, 200, 'the home page after registering is 200');
like($res->decoded_content, qr{<p class="notice" role="status">Welcome to HomeServe\. Your account is ready\.</p>},
    'it welcomes the new customer');
like($res->decoded_content, qr{<span class="who">\Q$ok{username}\E <small>Customer</small></span>},
    'the header shows who is signed in, as a customer');
like($res->decoded_content, qr{<form class="account" method="post" action="/logout">},
    'the header has the sign-out form');

my $audit = $stack->sql("SELECT action, actor_id, entity, entity_id, ip, new_values
    FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id", $row->{id});
is_deeply([map { $_->{action} } @$audit], ['user.create', 'session.login'],
    'registering writes user.create and session.login to the audit log');
is($audit->[0]{actor_id}, undef, 'user.create has no actor: a visitor did it');
is($audit->[1]{actor_id}, $row->{id}, 'session.login is by the new user');
is($audit->[0]{ip}, '127.0.0.1', 'the audit row has the client address');
like($audit->[0]{new_values} // '', qr/"role":"customer"/, 'the audit row records the role');
unlike($audit->[0]{new_values} // '', qr/\Q$PASSWORD\E/, 'the audit row holds no password');

# Signed in, /register sends the customer home.
$res = $mech->get($stack->url('/register'));
is($res->code, 303, 'a signed-in customer asking for /register is redirected');
is($res->header('Location'), '/', '... to their home page');

# The new account can sign out and in again.
$res = $mech->get($stack->url('/'));
$res = $stack->post_form($mech, '/logout', []);
is($res->code, 303, 'the new customer signs out');
$stack->login_ok($mech, $ok{username}, $PASSWORD, '/');
$stack->login_ok($stack->mech, uc $ok{email}, $PASSWORD, '/');

# Accepted ways of writing a mobile number, all stored the same way.
for my $phone ('9876543210', '098765-43210', '+91 98765 43210') {
	my %f = valid();
	$res = register($stack->mech, %f, phone => $phone);
	is($res->code, 303, "phone '$phone' is accepted");
	is(user_row($f{username})->{phone} // '', '+919876543210', "phone '$phone' is stored as +919876543210");
}
{
	my %f = valid();
	$res = register($stack->mech, %f, email => 'MiXeD.Case@Example.COM');
	is($res->code, 303, 'an email in mixed case is accepted');
	is(user_row($f{username})->{email} // '', 'mixed.case@example.com', 'and stored in lower case');
}

# --- invalid input: 422, the form again, a message on the field ---
my @bad = (
	[username => '', 'an empty username'],
	[username => 'ab', 'a two-letter username'],
	[username => 'x' x 31, 'a 31-letter username'],
	[username => 'bad name', 'a username with a space'],
	[username => 'ünï', 'a username with accents'],
	[username => '<b>x</b>', 'a username with markup'],
	[email => '', 'an empty email'],
	[email => 'nope', 'an email without @'],
	[email => 'a@b', 'an email without a dot in the domain'],
	[email => 'a b@example.com', 'an email with a space'],
	[email => 'a@@example.com', 'an email with two @'],
	[phone => '', 'an empty phone'],
	[phone => '12345', 'a five-digit phone'],
	[phone => '5876543210', 'a phone starting with 5'],
	[phone => '+1 987 654 3210', 'a phone from another country'],
	[phone => '98765432101', 'an eleven-digit phone'],
	[phone => '98765abcde', 'a phone with letters'],
	[password => '', 'an empty password', 2],
	[password => 'short12', 'a seven-character password'],
	[password => 'p' x 129, 'a 129-character password', 2],
	[address => '', 'an empty address'],
	[address => 'abc', 'a three-letter address'],
	[address => 'a' x 301, 'a 301-character address'],
	[address => "12 Road\x{1}Town", 'an address with a control character'],
	[pincode => '', 'an empty pincode'],
	[pincode => '12345', 'a five-digit pincode'],
	[pincode => '1234567', 'a seven-digit pincode'],
	[pincode => '012345', 'a pincode starting with 0'],
	[pincode => 'abcdef', 'a pincode of letters'],
);
for my $case (@bad) {
	my ($field, $value, $what, $errors) = @$case;
	$errors //= 1;
	my %f = valid();
	$f{$field} = $value;
	$f{password_confirm} = $value if $field eq 'password';
	$res = register($stack->mech, %f);
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">[^<]+</p>},
	    "$what: the $field field has a message");
	like($res->decoded_content, qr{id="$field"[^>]* aria-invalid="true"},
	    "$what: the $field field is marked invalid");
	like($res->decoded_content, qr{Please correct the $errors field\(s\) marked below\.},
	    "$what: the summary counts $errors field(s)");
	unlike($res->content, qr/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/,
	    "$what: the page holds no control characters");
	ok(!user_row($f{username}), "$what: no account is made");
}

{
	my %f = valid();
	$f{password_confirm} = 'something-else';
	$res = register($stack->mech, %f);
	is($res->code, 422, 'passwords that differ: 422');
	like($res->decoded_content, qr{<p class="error" id="password_confirm-error">The two passwords differ\.</p>},
	    'passwords that differ: said on the second password');
}

# Bytes that are not UTF-8 are refused, and not echoed back as they came.
{
	my %f = valid();
	my $m = $stack->mech;
	$m->get($stack->url('/register'));
	my $body = join '&', map { "$_=" . URI::Escape::uri_escape($f{$_}) }
	    grep { $_ ne 'address' } sort keys %f;
	$body .= '&address=12+MG+Road+%FF%FE+Town&csrf_token=' . $stack->csrf($m);
	$res = $m->post($stack->url('/register'),
	    Content_Type => 'application/x-www-form-urlencoded', Content => $body);
	is($res->code, 422, 'an address that is not UTF-8: 422');
	like($res->decoded_content, qr{<p class="error" id="address-error">Address is not valid text\.</p>},
	    'an address that is not UTF-8: said on the field');
	ok(defined eval { Encode::decode('UTF-8', $res->content, Encode::FB_CROAK); 1 },
	    'an address that is not UTF-8: the page shown again is valid UTF-8');
	ok(!user_row($f{username}), 'an address that is not UTF-8: no account is made');
}

# Input is kept, passwords never are.
{
	my %f = valid();
	$f{pincode} = '99';
	$f{address} = "Line one\nLine two";
	my $m = $stack->mech;
	$res = register($m, %f);
	is($res->code, 422, 'a bad pincode is 422');
	my $again = $m->form_with_fields('username');
	is($again->value('username'), $f{username}, 'the username is kept');
	is($again->value('email'), $f{email}, 'the email is kept');
	is($again->value('phone'), $f{phone}, 'the phone is kept as typed');
	like($res->decoded_content, qr{<textarea id="address"[^>]*>Line one\r?\nLine two</textarea>},
	    'the address is kept, lines and all');
	is($again->value('pincode'), '99', 'the bad pincode is kept to correct');
	is($again->value('password'), '', 'the password is not sent back');
	is($again->value('password_confirm'), '', 'the second password is not sent back');
	unlike($res->content, qr/\Q$PASSWORD\E/, 'the password appears nowhere in the page');
	like($again->value('csrf_token') // '', qr/^[0-9a-f]{64}$/,
	    'the form shown again has a token to resubmit');
}

# Everything missing: every field explained.
$res = register($stack->mech);
is($res->code, 422, 'an empty form is 422');
for my $field (qw(username email phone password address pincode)) {
	like($res->decoded_content, qr{id="$field-error"}, "an empty form explains $field");
}
like($res->decoded_content, qr{Please correct the (\d+) field\(s\)}, 'an empty form has a summary');

# Taken usernames and emails, in any case.
for my $case ([username => 'customer1'], [username => 'CUSTOMER1'],
    [username => $ok{username}], [email => 'customer1@homeserve.test'],
    [email => 'Customer1@HomeServe.TEST']) {
	my ($field, $value) = @$case;
	my %f = valid();
	$f{$field} = $value;
	my $count = $stack->sql_value('SELECT count(*) FROM users');
	$res = register($stack->mech, %f);
	is($res->code, 422, "$field '$value' is taken: 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">(This username is taken\.|An account with this email exists\. Sign in instead\.)</p>},
	    "$field '$value' is taken: said on the field");
	is($stack->sql_value('SELECT count(*) FROM users'), $count, "$field '$value': no account is made");
}

# Both taken, by two different accounts or by one: both said at once.
# (More valid forms than register_per_ip_hour lets one address send:
# t/106-signin.t tests that limit.)
$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('register_per_ip_hour', '1000', unixepoch())
    ON CONFLICT (key) DO UPDATE SET value = excluded.value});
for my $case (['customer1', 'CUSTOMER1@homeserve.test', 'the same account'],
    ['vendor1', 'customer1@homeserve.test', 'two accounts']) {
	my ($user, $email, $what) = @$case;
	my $count = $stack->sql_value('SELECT count(*) FROM users');
	$res = register($stack->mech, valid(), username => $user, email => $email);
	is($res->code, 422, "username and email both taken ($what): 422");
	like($res->decoded_content, qr{<p class="error" id="username-error">This username is taken\.</p>},
	    "... the username's message");
	like($res->decoded_content, qr{<p class="error" id="email-error">An account with this email exists\. Sign in instead\.</p>},
	    "... and the email's, in the same answer");
	is($stack->sql_value('SELECT count(*) FROM users'), $count, '... and no account is made');
}

# Forms that did not come from this site.
{
	my %f = valid();
	my $m = $stack->mech;
	$m->get($stack->url('/register'));
	$res = $stack->post_form($m, '/register', [%f], csrf => undef);
	is($res->code, 403, 'a registration without a token is 403');
	$res = $stack->post_form($m, '/register', [%f], csrf => 'f' x 64);
	is($res->code, 403, 'a registration with a wrong token is 403');
	$res = $stack->post_form($stack->mech, '/register', [%f], csrf => $token);
	is($res->code, 403, 'a token without its session cookie is 403');
	is(h1_of($res), 'Forbidden', 'the 403 is the Forbidden page');
	ok(!user_row($f{username}), 'no account is made by a forged form');
}

$stack->finish;
done_testing;
