# 86-password-reset.t: a forgotten password, through the forms and the link found in mail.mbox: no account discovery, links that work once for an hour, every session ended, throttles per address and per client.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Digest::SHA qw(sha256_hex);
use Test::More;
use HomeServe::Test;

# No background worker runs (the harness's default): each pass is
# run_due, so what was sent is known.
my $stack = start_stack();

sub outbox_count {
	return $stack->sql_value('SELECT count(*) FROM outbox');
}

# The reset link of the newest reset email to ADDRESS, as a path.
sub reset_path_from_mbox {
	my ($address) = @_;
	my @mine = grep { ($_->{to} // '') eq $address
	    && $_->{subject} eq 'Reset your HomeServe password' } $stack->mails;
	return undef unless @mine;
	my ($url) = $mine[-1]{text} =~ m{(https://\S+/password/reset/[0-9a-f]+)};
	return undef unless $url;
	(my $path = $url) =~ s{^https://[^/]+}{};
	return $path;
}

# POST with the CSRF token of a page the mech fetches first.
sub post_from {
	my ($mech, $page, $path, $fields, %opt) = @_;
	$mech->get($stack->url($page));
	return $stack->post_form($mech, $path, $fields, %opt);
}

sub forgot {
	my ($mech, $email) = @_;
	$mech->get($stack->url('/password/forgot'));
	return $stack->post_form($mech, '/password/forgot', { email => $email });
}

# --- a new user, signed in in two places ------------------------------------
my $newbie = $stack->mech;
$newbie->get($stack->url('/register'));
my $res = $stack->post_form($newbie, '/register', { username => 'newbie',
    email => 'Newbie@Example.test', phone => '98765 00001',
    password => 'first-password', password_confirm => 'first-password',
    address => '7 Lodhi Road, New Delhi', pincode => '110003' });
is($res->code, 303, 'a new customer registers');
my $elsewhere = $stack->mech;
$stack->login_ok($elsewhere, 'newbie', 'first-password', '/');
my $uid = $stack->sql_value(q{SELECT id FROM users WHERE username = 'newbie'});

# --- the way there, and the form ---------------------------------------------
my $anon = $stack->mech;
$res = $anon->get($stack->url('/login'));
like($res->decoded_content, qr{<a href="/password/forgot">Forgot your password\?</a>},
    'the sign-in page links to the forgot form');
$res = $anon->get($stack->url('/password/forgot'));
is($res->code, 200, 'GET /password/forgot is 200');
is(h1_of($res), 'Forgot your password?', 'it asks for the address');

$res = $stack->post_form($anon, '/password/forgot', { email => 'not an address' });
is($res->code, 422, 'a malformed address is 422');
like($res->decoded_content, qr/must be an email address/, 'and says so');
like($res->decoded_content, qr/value="not an address"/, 'the form keeps what was typed');
$res = $stack->post_form($anon, '/password/forgot', { email => 'x@example.test' },
    csrf => undef);
is($res->code, 403, 'a POST without the CSRF token is 403');

# --- an unknown address: the same answer, nothing sent --------------------------
$res = forgot($anon, 'nobody@example.test');
is($res->code, 303, 'an unknown address: 303');
my $same_answer = $res->header('Location');
is($same_answer, '/password/forgot?notice=reset-sent', 'to the notice page');
is(outbox_count(), 0, 'nothing is queued for an unknown address');
is($stack->sql_value('SELECT count(*) FROM password_resets'), 0, 'and no link exists');

# --- the account's address, in other letters ---------------------------------------
$res = forgot($anon, 'NEWBIE@example.TEST');
is($res->code, 303, 'the account\'s address: 303');
is($res->header('Location'), $same_answer, 'exactly the same answer as for nobody');
$res = $anon->get($stack->url($same_answer));
like($res->decoded_content, qr/If an account uses that address, a link/,
    'the notice says a link may be on its way');
my $row = $stack->sql('SELECT * FROM outbox')->[0];
is($row->{channel}, 'email', 'one email is queued');
is($row->{kind}, 'security', 'a security message');
is($row->{recipient}, 'newbie@example.test', 'to the account\'s address');
is($stack->sql_value(q{SELECT count(*) FROM outbox WHERE channel = 'sms'}), 0,
    'a reset link never goes by SMS');

my $ran = $stack->run_due;
is($ran->{delivered}, 1, 'run-due delivers it');
my $path = reset_path_from_mbox('newbie@example.test');
like($path // '', qr{^/password/reset/[0-9a-f]{64}$}, 'mail.mbox holds the link');
my ($token) = ($path // '') =~ m{([0-9a-f]{64})$};
my ($mail) = grep { $_->{subject} eq 'Reset your HomeServe password' } $stack->mails;
like($mail->{raw}, qr{\Q$path\E}, 'the link is whole in the raw mbox too');
like($mail->{header}->('Date') // '', qr/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0530$/,
    'the email has a Date in India time');
like($mail->{message_id} // '', qr/^<[0-9a-f]{32}\@[\w.-]+>$/, 'and a Message-ID');
like($mail->{from} // '', qr/^HomeServe <no-reply\@/, 'and is from HomeServe');
ok(!defined $mail->{list_unsubscribe}, 'no unsubscribe link on a security message');
like($mail->{html} // '', qr{<a href="https://[^"]+/password/reset/$token">},
    'the HTML part links to it too');
is($stack->sql_value('SELECT token_hash FROM password_resets'), sha256_hex($token),
    'only the SHA-256 of the token is stored');
$row = $stack->sql('SELECT * FROM outbox')->[0];
is($row->{status}, 'sent', 'the message is sent');
unlike($row->{body_text}, qr/$token/, 'and its stored text no longer holds the link');
ok(!defined $row->{body_html}, 'nor its HTML');

# --- the link ------------------------------------------------------------------------
$res = $anon->get($stack->url($path));
is($res->code, 200, 'the link opens the form');
is(h1_of($res), 'Choose a new password', 'to choose a new password');
$res = post_from($anon, $path, $path, { password => 'second-password',
    password_confirm => 'second-passwort' });
is($res->code, 422, 'two different passwords: 422');
like($res->decoded_content, qr/The two passwords differ/, 'it says so');
$res = post_from($anon, $path, $path, { password => 'short', password_confirm => 'short' });
is($res->code, 422, 'a short password: 422');
like($res->decoded_content, qr/at least 8 characters/, 'it says so');
$res = post_from($anon, $path, $path, { password => 'second-password',
    password_confirm => 'second-password' }, csrf => undef);
is($res->code, 403, 'without the CSRF token: 403');
$res = post_from($anon, $path, $path, { password => 'second-password',
    password_confirm => 'second-password' });
is($res->code, 303, 'the new password is saved');
is($res->header('Location'), '/login?notice=password-changed', 'and the way is to sign in');
$res = $anon->get($stack->url('/login?notice=password-changed'));
like($res->decoded_content, qr/Your new password is saved/, 'with a notice');

$res = $elsewhere->get($stack->url('/bookings'));
is($res->code, 303, 'the other session of the account has ended');
like($res->header('Location'), qr{^/login}, 'it is sent to sign in');
is($stack->sql_value('SELECT count(*) FROM sessions WHERE user_id = ?', $uid), 0,
    'no session of the account is left');
is($stack->login($stack->mech, 'newbie', 'first-password')->code, 422,
    'the old password no longer works');
$stack->login_ok($stack->mech, 'newbie', 'second-password', '/');
$stack->run_due;
ok((grep { $_->{subject} eq 'Your HomeServe password was changed'
    && $_->{to} eq 'newbie@example.test' } $stack->mails),
    'an email tells the account its password was changed');

# --- a link that does not work ----------------------------------------------------
$res = $anon->get($stack->url($path));
is($res->code, 410, 'a used link is 410');
like($res->decoded_content, qr/already used/, 'it says it was used');
like($res->decoded_content, qr{href="/password/forgot"}, 'and offers a new one');
$res = post_from($anon, '/password/forgot', $path, { password => 'third-password',
    password_confirm => 'third-password' });
is($res->code, 410, 'a POST with a used link is 410');
(my $altered = $path) =~ s/(.)$/$1 eq 'a' ? 'b' : 'a'/e;
$res = $anon->get($stack->url($altered));
is($res->code, 404, 'an altered link is 404');
like($res->decoded_content, qr/not valid/, 'it says the link is not valid');
is($anon->get($stack->url('/password/reset/abc'))->code, 404, 'a short token is 404');
is($anon->get($stack->url('/password/reset/' . ('Z' x 64)))->code, 404,
    'a token that is not hex is 404');
is($anon->get($stack->url('/password/reset/..%2F..%2Fetc'))->code, 404,
    'a path for a token is 404');
$stack->login_ok($stack->mech, 'newbie', 'second-password', '/');

# An hour later the link has expired (its expiry moved back an hour).
forgot($anon, 'newbie@example.test');
$stack->run_due;
my $late = reset_path_from_mbox('newbie@example.test');
isnt($late, $path, 'a second link is different');
$stack->sql('UPDATE password_resets SET expires_at = expires_at - 3601 '
    . 'WHERE used_at IS NULL');
$res = $anon->get($stack->url($late));
is($res->code, 410, 'an expired link is 410');
like($res->decoded_content, qr/expired/, 'it says the link expired');
$res = post_from($anon, '/password/forgot', $late, { password => 'third-password',
    password_confirm => 'third-password' });
is($res->code, 410, 'and cannot set a password');
$stack->login_ok($stack->mech, 'newbie', 'second-password', '/');

# --- a blocked account gets no link --------------------------------------------------
$stack->sql(q{UPDATE users SET is_blocked = 1 WHERE username = 'customer1'});
my $before = outbox_count();
is(forgot($anon, 'customer1@homeserve.test')->header('Location'), $same_answer,
    'a blocked account\'s address: the same answer');
is(outbox_count(), $before, 'and nothing is sent to it');
$stack->sql(q{UPDATE users SET is_blocked = 0 WHERE username = 'customer1'});

# --- throttles ---------------------------------------------------------------------
# An address gets 3 links an hour, then silently no more.
$before = $stack->sql_value('SELECT count(*) FROM password_resets WHERE user_id = ?', $uid);
my $other_ip = $stack->mech;
for my $i (1 .. 2) {
	is(forgot($other_ip, 'newbie@example.test')->header('Location'), $same_answer,
	    "request $i more for the address: the same answer");
}
is($stack->sql_value('SELECT count(*) FROM password_resets WHERE user_id = ?', $uid),
    $before + 1, 'only the third of the hour made a link');
is($stack->sql_value(q{SELECT count(*) FROM throttle_hits
    WHERE scope = 'reset-email:newbie@example.test'}), 3,
    'three requests for the address count');

# A client gets 10 requests an hour, then 429.
my $hits = $stack->sql_value(q{SELECT count(*) FROM throttle_hits
    WHERE scope = 'reset-ip:127.0.0.1'});
for my $i ($hits + 1 .. 10) {
	is(forgot($anon, "someone$i\@example.test")->code, 303, "request $i from this client");
}
$res = forgot($anon, 'someone11@example.test');
is($res->code, 429, 'the eleventh request of the hour is 429');
like($res->header('Retry-After') // '', qr/^\d+$/, 'with Retry-After');
like($res->decoded_content, qr/Too many requests from your connection/, 'and says why');
like($res->decoded_content, qr/value="someone11\@example.test"/, 'keeping the address');

# --- what ops see of a reset email ---------------------------------------------------
my $ops = $stack->mech;
$stack->login_ok($ops, 'ops_mgr', 'password123', '/ops/');
my $id = $stack->sql_value(q{SELECT min(id) FROM outbox WHERE kind = 'security'});
$res = $ops->get($stack->url('/ops/outbox'));
is($res->code, 200, '/ops/outbox lists the messages');
like($res->decoded_content, qr{href="/ops/outbox/$id"}, 'the reset email among them');
$res = $ops->get($stack->url("/ops/outbox/$id"));
is($res->code, 200, 'its page is 200');
like($res->decoded_content, qr/account security message .* only its recipient may read it/,
    'says its text is private');
unlike($res->decoded_content, qr{/password/reset/}, 'and never shows a reset link');

$stack->finish;
done_testing;
