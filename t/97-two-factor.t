# 97-two-factor.t: two-factor sign-in: enrolling by the QR code (read back with zbarimg) or the typed secret, the code after the password, one step of clock drift and no more, no code twice, recovery codes once each, the sixth wrong code throttled, the staff requirement, turning it off; the RFC 6238 arithmetic done again here in Perl.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Digest::SHA qw(hmac_sha1);
use File::Temp qw(tempdir);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };

# --- RFC 6238 in a few lines: the test's own authenticator app ------------------------
sub unbase32 {
	my ($s) = @_;
	$s =~ tr/ //d;
	my $bits = join '', map { sprintf '%05b', index('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', $_) } split //, uc $s;
	return pack('B*', substr($bits, 0, length($bits) - length($bits) % 8));
}
sub code_at {
	my ($key, $step) = @_;
	my $mac = hmac_sha1(pack('Q>', $step), $key);
	my $off = ord(substr($mac, -1)) & 15;
	return sprintf '%06d', (unpack('N', substr($mac, $off, 4)) & 0x7fffffff) % 1_000_000;
}
is(code_at('12345678901234567890', int(59 / 30)), '287082', 'the test\'s TOTP gives RFC 6238\'s first vector');
sub step_now { int(time / 30) }

# A code none of the steps the server may accept now would give.
sub wrong_code {
	my ($key) = @_;
	my %near = map { code_at($key, step_now() + $_) => 1 } -2 .. 3;
	my $c = 123456;
	$c++ while $near{sprintf '%06d', $c};
	return sprintf '%06d', $c;
}

sub signed_in {
	my ($user, $pass) = @_;
	my $m = $stack->mech;
	my $res = $stack->login($m, $user, $pass // 'password123');
	return ($m, $res);
}
sub audits { $stack->sql_value('SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ?', @_) }

# --- the sample staff are not enrolled, and the requirement is off --------------------
is($stack->sql_value('SELECT count(*) FROM user_totp'), 0, 'nobody is enrolled in the sample data');
is($stack->sql_value(q{SELECT value FROM settings WHERE key = 'staff_2fa_required'}), '0', 'the staff requirement is off');

# --- enrolling: the QR code holds the secret the page shows ----------------------------
my ($ops, $res) = signed_in('ops_mgr');
is($res->code, 303, 'ops_mgr signs in with the password alone');
$res = $ops->get($stack->url('/account/2fa'));
is($res->code, 200, 'GET /account/2fa');
my $html = $res->decoded_content;
like($html, qr{<img class="qr" src="/account/2fa/qr.svg"[^>]* alt="[^"]+">}, 'a QR code, with a text alternative');
my ($typed) = $html =~ m{<code class="secret">([A-Z2-7 ]+)</code>};
ok($typed, "the secret to type: $typed");
(my $secret = $typed) =~ tr/ //d;
is(length $secret, 32, '160 bits in base32');
like($ops->get($stack->url('/account/2fa'))->decoded_content, qr{\Q$typed\E}, 'the same secret until it is confirmed');

$res = $ops->get($stack->url('/account/2fa/qr.svg'));
is($res->code, 200, 'the QR code');
is($res->header('Content-Type'), 'image/svg+xml', '... as SVG');
like($res->header('Cache-Control') // '', qr/no-store/, '... never cached');
my $dir = tempdir('hs-qr-XXXXXX', TMPDIR => 1, CLEANUP => 1);
HomeServe::Test::write_file("$dir/qr.svg", $res->content);
my ($rc, $png) = run_command(['rsvg-convert', '--format=png', "--output=$dir/qr.png", "$dir/qr.svg"]);
is($rc, 0, 'rsvg-convert draws it');
($rc, my $uri) = run_command(['zbarimg', '--raw', '-q', '--nodbus', "$dir/qr.png"]);
is($rc, 0, 'zbarimg reads it');
chomp $uri;
is($uri, "otpauth://totp/HomeServe:ops_mgr?secret=$secret&issuer=HomeServe&algorithm=SHA1&digits=6&period=30",
    'it is the key URI of the secret shown');
my $anon = $stack->mech;
is($anon->get($stack->url('/account/2fa/qr.svg'))->code, 303, 'a visitor is sent to sign in');

my $stored = $stack->sql_value('SELECT secret FROM user_totp WHERE user_id = ?', $uid{ops_mgr});
my $key = unbase32($secret);
unlike($stored, qr/\Q${\ unpack('H*', $key)}\E/i, 'the database holds the secret sealed, not as it is');

# A wrong code: 422, the setup again, nothing enrolled.
$ops->get($stack->url('/account/2fa'));
$res = $stack->post_form($ops, '/account/2fa', { code => wrong_code($key) });
is($res->code, 422, 'a wrong first code: 422');
like($res->decoded_content, qr/That code is not right/, '... saying so');
like($res->decoded_content, qr{\Q$typed\E}, '... with the same secret');
is($stack->sql_value('SELECT enrolled_at FROM user_totp WHERE user_id = ?', $uid{ops_mgr}), undef, '... not enrolled');

my $s0 = step_now();
$ops->get($stack->url('/account/2fa'));
$res = $stack->post_form($ops, '/account/2fa', { code => code_at($key, $s0) });
is($res->code, 200, 'the code from the app turns it on');
my @recovery = $res->decoded_content =~ m{<li><code>([2-9a-z]{5}-[2-9a-z]{5})</code></li>}g;
is(scalar @recovery, 10, 'ten recovery codes, shown once');
my %distinct = map { $_ => 1 } @recovery;
is(scalar keys %distinct, 10, '... all different');
is($stack->sql_value('SELECT count(*) FROM recovery_codes WHERE user_id = ?', $uid{ops_mgr}), 10, '... stored');
unlike(join(' ', map { $_->{code_hash} } @{ $stack->sql('SELECT code_hash FROM recovery_codes') }),
    qr/\Q$recovery[0]\E/, '... as hashes');
unlike($ops->get($stack->url('/account/2fa'))->decoded_content, qr/\Q$recovery[0]\E/, 'never shown again');
like($ops->get($stack->url('/account/2fa'))->decoded_content, qr/You have 10 unused recovery code/, 'the page counts them');
is($ops->get($stack->url('/account/2fa/qr.svg'))->code, 404, 'once on, no QR code is served');
is(audits('2fa.enrolled', $uid{ops_mgr}), 1, 'an audit row');
$stack->run_due;
ok((grep { $_->{subject} eq 'Two-factor sign-in is on' } $stack->mails), 'and an email says so');

# --- signing in: the password, then the code ------------------------------------------------
sub start_login {
	my $m = $stack->mech;
	my $r = $stack->login($m, 'ops_mgr', 'password123', next => '/ops/bookings');
	return ($m, $r);
}
my ($m, $r) = start_login();
is($r->code, 303, 'the right password');
is($r->header('Location'), '/login/2fa?next=/ops/bookings', '... asks for the code, keeping where to go');
is($m->get($stack->url('/ops/'))->code, 303, 'not signed in yet: /ops/ sends to sign in');
$r = $m->get($stack->url('/login/2fa?next=%2Fops%2Fbookings'));
is($r->code, 200, 'the code page');
like($r->decoded_content, qr{<input id="code" name="code" autocomplete="one-time-code"}, '... a one-time-code field');
$r = $stack->post_form($m, '/login/2fa', { code => code_at($key, $s0), next => '/ops/bookings' });
is($r->code, 422, 'the code already used to enrol: refused');
$r = $stack->post_form($m, '/login/2fa', { code => code_at($key, $s0 + 1), next => '/ops/bookings' });
is($r->code, 303, 'the next step\'s code: signed in (one step of drift)');
is($r->header('Location'), '/ops/bookings', '... to where they were going');
is($m->get($stack->url('/ops/'))->code, 200, '... and signed in');
is(audits('session.code_asked', $uid{ops_mgr}), 1, 'the password step is audited');

# Three steps ago is too old, and the one now is fine (a fresh secret's counter).
$stack->sql('UPDATE user_totp SET last_step = -1 WHERE user_id = ?', $uid{ops_mgr});
($m, $r) = start_login();
$m->get($stack->url('/login/2fa'));
$r = $stack->post_form($m, '/login/2fa', { code => code_at($key, step_now() - 3) });
is($r->code, 422, 'a code from three steps ago: refused');
like($r->decoded_content, qr/That code is not right/, '... saying so');
$r = $stack->post_form($m, '/login/2fa', { code => code_at($key, step_now()) });
is($r->code, 303, 'the code of now: signed in');

# Recovery codes: once each, and the owner is told.
($m, $r) = start_login();
$m->get($stack->url('/login/2fa'));
$r = $stack->post_form($m, '/login/2fa', { code => uc $recovery[3] });
is($r->code, 303, 'a recovery code (typed in capitals) signs in');
is($stack->sql_value('SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL', $uid{ops_mgr}), 9,
    '... and is used up');
($m, $r) = start_login();
$m->get($stack->url('/login/2fa'));
$r = $stack->post_form($m, '/login/2fa', { code => $recovery[3] });
is($r->code, 422, 'the same recovery code again: refused');
$stack->run_due;
ok((grep { $_->{subject} eq 'A recovery code was used' && $_->{text} =~ /9 are left/ } $stack->mails),
    'an email says a recovery code was used, 9 left');

# The sixth wrong code in a row is throttled like passwords, even the right
# one.  The recovery code refused just above was one: start the row afresh.
$stack->sql(q{DELETE FROM login_failures WHERE scope LIKE 'code:user:%'});
($m, $r) = start_login();
$m->get($stack->url('/login/2fa'));
for my $try (1 .. 5) {
	$r = $stack->post_form($m, '/login/2fa', { code => wrong_code($key) });
	is($r->code, 422, "wrong code $try: 422");
}
$r = $stack->post_form($m, '/login/2fa', { code => $recovery[4] });
is($r->code, 429, 'the sixth try is throttled');
ok($r->header('Retry-After') > 0, '... with Retry-After');
is($stack->sql_value('SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL', $uid{ops_mgr}), 9,
    '... and the recovery code it carried is not spent');
cmp_ok(audits('session.code_wrong', $uid{ops_mgr}), '>=', 5, 'wrong codes are audited');
$stack->sql(q{DELETE FROM login_failures WHERE scope LIKE 'code:user:%' OR scope LIKE 'ip:%'});

# The code is due within five minutes of the password.
($m, $r) = start_login();
$stack->sql('UPDATE sessions SET pending_until = ? WHERE pending_user_id = ?', time - 1, $uid{ops_mgr});
$r = $m->get($stack->url('/login/2fa'));
is($r->code, 303, 'after five minutes the code page');
is($r->header('Location'), '/login?notice=code-expired', '... sends back to the password');
$r = $anon->get($stack->url('/login/2fa'));
is($r->header('Location'), '/login?notice=code-expired', 'without a password first, the same');

# --- the staff requirement ------------------------------------------------------------------
my ($admin) = signed_in('admin', 'admin123');
$admin->get($stack->url('/admin/settings'));
my %settings = map { $_->name => $_->value } grep { defined $_->name && defined $_->value
    && $_->name ne 'csrf_token' } $admin->form_with_fields('lead_hours')->inputs;
is($stack->post_form($admin, '/admin/settings', { %settings, staff_2fa_required => '1' })->code, 303,
    'the super admin requires two-factor sign-in for staff');
$r = $admin->get($stack->url('/admin/'));
is($r->code, 303, 'the admin, not enrolled, is sent away from /admin/');
is($r->header('Location'), '/account/2fa?notice=2fa-required', '... to enrol');
my ($onb) = signed_in('onboard_mgr');
is($onb->get($stack->url('/ops/vendors'))->code, 303, 'so is the onboarding manager, from /ops/vendors');
$r = $onb->get($stack->url('/account/2fa?notice=2fa-required'));
is($r->code, 200, 'the setup page opens');
like($r->decoded_content, qr/Staff accounts must use two-factor sign-in/, '... saying why');
$r = $stack->post_form($onb, "/ops/vendors/$uid{vendor1}/flag", { reason => 'A second look.' });
is($r->code, 403, 'a staff POST before enrolling: 403');
my ($cust) = signed_in('customer1');
is($cust->get($stack->url('/bookings'))->code, 200, 'customers are not asked');
my ($vend) = signed_in('vendor1');
is($vend->get($stack->url('/vendor/'))->code, 200, 'nor vendors');
($typed) = $onb->get($stack->url('/account/2fa'))->decoded_content =~ m{<code class="secret">([A-Z2-7 ]+)</code>};
my $okey = unbase32($typed);
is($stack->post_form($onb, '/account/2fa', { code => code_at($okey, step_now()) })->code, 200, 'the onboarding manager enrols');
is($onb->get($stack->url('/ops/vendors'))->code, 200, '... and works again');
like($onb->get($stack->url('/account/2fa'))->decoded_content, qr/Staff accounts must keep it on/, 'staff cannot turn it off');
$r = $stack->post_form($onb, '/account/2fa/disable', { password => 'password123', code => code_at($okey, step_now() + 1) });
is($r->code, 409, '... even by posting: 409');
is($stack->sql_value('SELECT count(*) FROM user_totp WHERE user_id = ? AND enrolled_at IS NOT NULL', $uid{onboard_mgr}), 1,
    '... still on');

# --- turning it off, once the requirement is off --------------------------------------------
$stack->sql(q{UPDATE settings SET value = '0' WHERE key = 'staff_2fa_required'});
($m, $r) = start_login();
$m->get($stack->url('/login/2fa'));
is($stack->post_form($m, '/login/2fa', { code => $recovery[5] })->code, 303, 'ops_mgr signs in');
$m->get($stack->url('/account/2fa'));
$r = $stack->post_form($m, '/account/2fa/disable', { password => 'wrong password', code => $recovery[6] });
is($r->code, 422, 'turning it off with a wrong password: 422');
like($r->decoded_content, qr/The password is wrong/, '... beside the password');
$r = $stack->post_form($m, '/account/2fa/disable', { password => 'password123', code => wrong_code($key) });
is($r->code, 422, 'with a wrong code: 422');
$r = $stack->post_form($m, '/account/2fa/disable', { password => 'password123', code => $recovery[6] });
is($r->code, 303, 'with the password and a recovery code: off');
is($stack->sql_value('SELECT count(*) FROM user_totp WHERE user_id = ?', $uid{ops_mgr}), 0, '... the secret is gone');
is($stack->sql_value('SELECT count(*) FROM recovery_codes WHERE user_id = ?', $uid{ops_mgr}), 0, '... and the codes');
is(audits('2fa.disabled', $uid{ops_mgr}), 1, '... audited');
my ($plain, $pr) = signed_in('ops_mgr');
is($pr->header('Location'), '/ops/', 'signing in asks for the password alone again');

$stack->finish;
done_testing;
