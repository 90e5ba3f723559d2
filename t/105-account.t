# 105-account.t: a person's own account: name, email and mobile number (the password asked for the last two), a new password that signs out every other session, the sessions page and "sign out everywhere else", idle timeouts for customers and staff, and deleting the account as the DPDP Act expects while the other party's records stay readable.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;
use HomeServe::Jobs;

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
my $FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
my $CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) '
    . 'Chrome/131.0.0.0 Safari/537.36';

# signed_in(USER, PASSWORD, HOME, AGENT): a new browser, signed in.
sub signed_in {
	my ($user, $pass, $home, $agent) = @_;
	my $m = $stack->mech(agent => $agent // 'HomeServe-tests/1');
	$stack->login_ok($m, $user, $pass, $home);
	return $m;
}
sub user_row { $stack->sql('SELECT * FROM users WHERE id = ?', $_[0])->[0] }
sub audits { $stack->sql_value('SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ?', @_) }
# A page that needs the customer's session: 200 while signed in, 303 to sign in after.
sub still_in { $_[0]->get($stack->url($_[1] // '/bookings'))->code == 200 }
sub post_on {
	my ($m, $path, $fields, %o) = @_;
	$m->get($stack->url($o{from} // $path));
	return $stack->post_form($m, $path, $fields, %o);
}

my $c = signed_in('customer1', 'password123', '/', $FIREFOX_ANDROID);
my $v = signed_in('vendor1', 'password123', '/vendor/');
my $ops = signed_in('ops_mgr', 'password123', '/ops/');
jobs_setup($stack, customer => [$c, $uid{customer1}], vendor => [$v, $uid{vendor1}]);
my $me = user_row($uid{customer1});

# --- /account: the name changes freely -------------------------------------------------
my $res = $c->get($stack->url('/account'));
is($res->code, 200, 'GET /account');
like($res->decoded_content, qr{<a href="/account"[^>]*>Account</a>}, 'the header links to it');
like($res->decoded_content, qr{value="customer1\@homeserve\.test"}, 'the form shows the email');
like($res->decoded_content, qr{value="\+919876543210"}, '... and the mobile number');
for my $link ('/addresses', '/account/password', '/account/sessions', '/account/2fa', '/account/notifications',
    '/account/delete') {
	like($res->decoded_content, qr{<a href="\Q$link\E">}, "it links to $link");
}
$res = $stack->post_form($c, '/account', { name => 'Asha Rao', email => $me->{email}, phone => $me->{phone} });
is($res->code, 303, 'a new name alone needs no password');
is(user_row($uid{customer1})->{full_name}, 'Asha Rao', '... stored');
like($c->get($stack->url('/account?notice=saved'))->decoded_content, qr{<span class="who">Asha Rao }, '... and the header greets by it');
is(audits('account.update', $uid{customer1}), 1, '... audited');
is($stack->post_form($c, '/account', { name => 'X', email => $me->{email}, phone => $me->{phone} }, csrf => undef)->code,
    403, 'POST /account without the CSRF token: 403');
is(user_row($uid{customer1})->{full_name}, 'Asha Rao', '... nothing changed');

# --- the email and the number need the current password ---------------------------------
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => $me->{phone} });
is($res->code, 422, 'a new email without the password: 422');
like($res->decoded_content, qr{Your current password is needed}, '... saying so');
like($res->decoded_content, qr{value="asha\@example\.in"}, '... the input kept');
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => $me->{phone},
    current_password => 'wrong-password' });
is($res->code, 422, 'with a wrong password: 422');
is(user_row($uid{customer1})->{email}, $me->{email}, '... the email unchanged');
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'vendor1@homeserve.test', phone => $me->{phone},
    current_password => 'password123' });
is($res->code, 422, 'the email of another account: 422');
like($res->decoded_content, qr{That email belongs to another account\.}, '... saying so');
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => $me->{phone},
    current_password => 'password123' });
is($res->code, 303, 'with the right password the email changes');
is(user_row($uid{customer1})->{email}, 'asha@example.in', '... stored');
my $audit = $stack->sql(q{SELECT old_values, new_values FROM audit_log WHERE action = 'account.update'
    ORDER BY id DESC LIMIT 1})->[0];
like($audit->{new_values}, qr{asha\@example\.in}, '... audited with the new address');
unlike($audit->{old_values} . $audit->{new_values}, qr{password}, '... and no secret in the audit row');

$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => '12345',
    current_password => 'password123' });
is($res->code, 422, 'a mobile number that is not an Indian mobile: 422');
like($res->decoded_content, qr{id="phone-error"}, '... the field marked');
like($res->decoded_content, qr{value="12345"}, '... the input kept');
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => '98765 43219' });
is($res->code, 422, 'a new number without the password: 422');
$res = post_on($c, '/account', { name => 'Asha Rao', email => 'asha@example.in', phone => '98765 43219',
    current_password => 'password123' });
is($res->code, 303, 'with it, the number changes');
is(user_row($uid{customer1})->{phone}, '+919876543219', '... stored as registration stores it');

# --- sessions: where you are signed in, and signing out the others ---------------------------
my $c2 = signed_in('customer1', 'password123', '/', $CHROME_WINDOWS);
$res = $c->get($stack->url('/account/sessions'));
is($res->code, 200, 'GET /account/sessions');
my $html = $res->decoded_content;
like($html, qr{Firefox on Android <strong>\(this device\)</strong>}, 'this device, named from its browser');
like($html, qr{Chrome on Windows</td>}, 'the other session, named too');
like($html, qr{<td[^>]*>127\.0\.0\.1</td>}, 'with the address');
is(() = $html =~ /<tr>\n<td[^>]*>/g, 2, 'two sessions listed');
my $long = signed_in('customer1', 'password123', '/', 'Firefox/133.0 (Android) ' . ('x' x 300));
is(length $stack->sql_value(q{SELECT user_agent FROM sessions WHERE user_agent LIKE 'Firefox/133.0 (Android) x%'}), 200,
    'a long User-Agent is kept to 200 characters');
like($long->get($stack->url('/account/sessions'))->decoded_content, qr{Firefox on Android <strong>\(this device\)},
    '... and still names the device');
unlike($stack->mech->get($stack->url('/'))->decoded_content, qr{href="/account"}, 'a visitor has no Account link');
$c->get($stack->url('/account/sessions'));
is($stack->post_form($c, '/account/sessions/revoke-others', {}, csrf => undef)->code, 403,
    'signing out the others without the CSRF token: 403');
ok(still_in($c2), '... the other session lives');
$c->get($stack->url('/account/sessions'));
$res = $stack->post_form($c, '/account/sessions/revoke-others', {});
is($res->code, 303, 'sign out everywhere else');
is($res->header('Location'), '/account/sessions?ended=2', '... back, with the count');
like($c->get($stack->url($res->header('Location')))->decoded_content, qr{Signed out of 2 other sessions\.},
    '... which the page says');
ok(!still_in($c2), 'the other browsers are signed out');
ok(!still_in($long), '... all of them');
ok(still_in($c), 'this one is not');
is(audits('session.revoke_others', $uid{customer1}), 1, 'audited');

# --- a new password ends every other session --------------------------------------------------
my $c3 = signed_in('customer1', 'password123', '/');
$res = post_on($c, '/account/password', { current_password => 'nope-nope', password => 'new-secret-42',
    password_confirm => 'new-secret-42' });
is($res->code, 422, 'a wrong current password: 422');
like($res->decoded_content, qr{That is not your current password\.}, '... saying so');
$res = post_on($c, '/account/password', { current_password => 'password123', password => 'new-secret-42',
    password_confirm => 'new-secret-43' });
is($res->code, 422, 'two new passwords that differ: 422');
like($res->decoded_content, qr{The two passwords differ\.}, '... saying so');
$res = post_on($c, '/account/password', { current_password => 'password123', password => 'short',
    password_confirm => 'short' });
is($res->code, 422, 'a new password too short: 422');
# The rules registration's new passwords follow (libpwquality, t/106).
for my $weak (['password', 'a common one'], ['12345678', 'a run of digits'],
    ['customer1-home', 'one naming the account']) {
	$res = post_on($c, '/account/password', { current_password => 'password123', password => $weak->[0],
	    password_confirm => $weak->[0] });
	is($res->code, 422, "$weak->[1] refused: 422");
	like($res->decoded_content, qr{<p class="error" id="password-error">[^<]+</p>}, "... with the reason");
}
ok(still_in($c3), 'nothing ended yet');
is($stack->post_form($c, '/account/password', { current_password => 'password123', password => 'new-secret-42',
    password_confirm => 'new-secret-42' }, csrf => undef)->code, 403, 'without the CSRF token: 403');
$res = post_on($c, '/account/password', { current_password => 'password123', password => 'new-secret-42',
    password_confirm => 'new-secret-42' });
is($res->code, 303, 'the right current password and two equal new ones: the password changes');
like($c->get($stack->url($res->header('Location')))->decoded_content, qr{Your password is changed},
    '... and the page says so');
ok(!still_in($c3), 'the other session is signed out');
ok(still_in($c), 'this one stays');
isnt($stack->login($stack->mech, 'customer1', 'password123')->code, 303, 'the old password no longer signs in');
my $c4 = $stack->mech;
is($stack->login($c4, 'customer1', 'new-secret-42')->code, 303, 'the new one does');
is(audits('password.change', $uid{customer1}), 1, 'audited');
is($stack->sql_value(q{SELECT count(*) FROM outbox WHERE user_id = ? AND kind = 'security'
    AND subject = 'Your HomeServe password was changed'}, $uid{customer1}), 1, 'and an email tells the owner');

# --- idle sessions end -----------------------------------------------------------------------------
sub session_back {
	my ($agent, $seconds) = @_;
	$stack->sql('UPDATE sessions SET last_seen_at = unixepoch() - ? WHERE user_agent = ?', $seconds, $agent);
}
my $idle = signed_in('customer1', 'new-secret-42', '/', 'idle-customer');
session_back('idle-customer', 29 * 86400);
ok(still_in($idle), 'a customer idle 29 days is still signed in');
session_back('idle-customer', 31 * 86400);
ok(!still_in($idle), 'idle 31 days: signed out');
is($stack->sql_value(q{SELECT count(*) FROM sessions WHERE user_agent = 'idle-customer'}), 0, '... the session deleted');
my $staff = signed_in('ops_mgr', 'password123', '/ops/', 'idle-staff');
session_back('idle-staff', 10 * 60);
ok(still_in($staff, '/ops/'), 'staff idle 10 minutes: still signed in');
my $seen = $stack->sql_value(q{SELECT last_seen_at FROM sessions WHERE user_agent = 'idle-staff'});
cmp_ok(time - $seen, '<', 60, '... and last seen moved to now');
ok(still_in($staff, '/ops/'), 'another page at once');
is($stack->sql_value(q{SELECT last_seen_at FROM sessions WHERE user_agent = 'idle-staff'}), $seen,
    '... writes nothing (at most once a minute)');
session_back('idle-staff', 31 * 60);
ok(!still_in($staff, '/ops/'), 'staff idle 31 minutes: signed out');
# The limit is a setting the super admin changes.
my $admin = signed_in('admin', 'admin123', '/admin/');
$admin->get($stack->url('/admin/settings'));
my %settings = map { $_->name => $_->value } grep { defined $_->name && defined $_->value
    && $_->name ne 'csrf_token' } $admin->form_with_fields('idle_minutes_staff')->inputs;
is($settings{idle_days_customer}, '30', 'the settings page shows idle_days_customer, 30');
is($stack->post_form($admin, '/admin/settings', { %settings, idle_minutes_staff => '60' })->code, 303,
    'the super admin allows staff an idle hour');
$staff = signed_in('ops_mgr', 'password123', '/ops/', 'idle-staff');
session_back('idle-staff', 31 * 60);
ok(still_in($staff, '/ops/'), 'staff idle 31 minutes are still signed in now');
session_back('idle-staff', 61 * 60);
ok(!still_in($staff, '/ops/'), '... but not after 61');

# --- deleting the account: refused while anything is open --------------------------------------------
my ($b, $pid) = completed_job(50_000);
$res = $c->get($stack->url('/account/delete'));
is($res->code, 200, 'GET /account/delete');
like($res->decoded_content, qr{Booking #$b \(AC Repair on \d+ \w+\) is still open\.}, 'it names the open booking');
$res = $stack->post_form($c, '/account/delete', { password => 'new-secret-42', confirm => 'DELETE' });
is($res->code, 409, 'deleting with an open booking: 409');
like($res->decoded_content, qr{Booking #$b \(AC Repair}, '... naming it');
is(user_row($uid{customer1})->{username}, 'customer1', '... nothing erased');
is(pay($pid)->code, 303, 'the customer pays (held on the card)');
my $sid = ask_to_sign($b)->{id};
is(sign($sid)->code, 303, 'and signs: the payment is taken');
is(status_of($b), 'paid', "booking $b is paid");
is(post_on($c, "/bookings/$b/messages", { body => 'Thanks, the AC is cold again.' }, from => "/bookings/$b")->code, 303,
    'the customer writes in the thread');

$res = post_on($ops, '/account/delete', { password => 'password123', confirm => 'DELETE' });
is($res->code, 409, 'a staff account cannot delete itself');
like($res->decoded_content, qr{Staff accounts are removed by the super admin}, '... saying who does');

$res = post_on($c, '/account/delete', { password => 'wrong-password', confirm => 'DELETE' });
is($res->code, 422, 'a wrong password: 422');
like($res->decoded_content, qr{That is not your password\.}, '... saying so');
$res = post_on($c, '/account/delete', { password => 'new-secret-42', confirm => 'delete' });
is($res->code, 422, 'confirm not DELETE: 422');
like($res->decoded_content, qr{Type the word DELETE}, '... saying so');
like($res->decoded_content, qr{value="delete"}, '... the input kept');
is($stack->post_form($c, '/account/delete', { password => 'new-secret-42', confirm => 'DELETE' }, csrf => undef)->code,
    403, 'without the CSRF token: 403');
is(user_row($uid{customer1})->{username}, 'customer1', 'nothing erased yet');

# --- the deletion -------------------------------------------------------------------------------------
# One message already went out to them (the outbox worker does not run here).
my $sent = $stack->sql_value(q{SELECT min(id) FROM outbox WHERE user_id = ?}, $uid{customer1});
ok($sent, 'a message to customer1 is in the outbox');
$stack->sql(q{UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?}, time, $sent);
$res = post_on($c, '/account/delete', { password => 'new-secret-42', confirm => 'DELETE' });
is($res->code, 303, 'with the password and DELETE the account is deleted');
is($res->header('Location'), '/account/deleted', '... to the goodbye page');
$res = $c->get($stack->url('/account/deleted'));
like($res->decoded_content, qr{Your account is deleted}, 'which says goodbye');
like($res->decoded_content, qr{href="/login">Sign in</a>}, '... to a signed-out visitor');
ok(!still_in($c), 'the browser is signed out');
ok(!still_in($c4), 'so is every other session');
isnt($stack->login($stack->mech, 'customer1', 'new-secret-42')->code, 303, 'the old username cannot sign in');
isnt($stack->login($stack->mech, 'asha@example.in', 'new-secret-42')->code, 303, 'nor the old email');
my $gone = user_row($uid{customer1});
is($gone->{username}, "deleted-$uid{customer1}", 'the username is anonymous');
is($gone->{email}, "deleted-$uid{customer1}\@invalid", '... the email too');
is_deeply([ @$gone{qw(full_name phone address pincode password_hash)} ], [ ('') x 5 ],
    'name, number, address and password are erased');
ok($gone->{deleted_at}, '... and the account marked deleted');
isnt($stack->login($stack->mech, $gone->{username}, 'new-secret-42')->code, 303, 'the anonymous name signs in nobody');
is($stack->sql_value('SELECT count(*) FROM addresses WHERE user_id = ?', $uid{customer1}), 0, 'saved addresses deleted');
is($stack->sql_value('SELECT count(*) FROM sessions WHERE user_id = ?', $uid{customer1}), 0, 'sessions deleted');
is($stack->sql_value(q{SELECT count(*) FROM outbox WHERE user_id = ? AND status IN ('pending', 'failed')},
    $uid{customer1}), 0, 'messages not yet sent to them are dropped');
my $kept = $stack->sql('SELECT * FROM outbox WHERE id = ?', $sent)->[0];
is($kept->{status}, 'sent', 'a message sent to them stays as a record of the sending');
unlike(join(' ', map { $_ // '' } @$kept{qw(recipient subject body_text body_html)}), qr{asha|customer1|\@example}i,
    '... with no address, name or text left in it');
is($stack->sql_value('SELECT address FROM bookings WHERE id = ?', $b), 'Address erased at the request of the customer',
    'the booking keeps no street address');
is($stack->sql_value('SELECT pincode FROM bookings WHERE id = ?', $b), '110001', '... but keeps its pincode');
is(status_of($b), 'paid', '... and its state');
is($stack->sql_value('SELECT status FROM payments WHERE id = ?', $pid), 'captured', 'the payment is kept');
is($stack->sql_value('SELECT count(*) FROM signatures WHERE booking_id = ?', $b), 1, 'the signature is kept');
is(audits('account.delete', $uid{customer1}), 1, 'audited');

$res = $v->get($stack->url("/vendor/bookings/$b"));
is($res->code, 200, "the vendor's page of the paid booking still opens");
$html = $res->decoded_content;
like($html, qr{<dt>Customer</dt><dd>Deleted customer</dd>}, '... under the anonymous label');
like($html, qr{Thanks, the AC is cold again\.}, "... with the customer's message kept");
unlike($html, qr{customer1|Asha Rao}, '... and nothing naming the person');
$res = $ops->get($stack->url("/payments/$pid/receipt"));
$ops = signed_in('ops_mgr', 'password123', '/ops/') if $res->code == 303;
$res = $ops->get($stack->url("/payments/$pid/receipt"));
is($res->code, 200, 'the receipt still opens for operations');
like($res->decoded_content, qr{<dd>Deleted customer</dd>}, '... under the label');
like($ops->get($stack->url('/ops/bookings'))->decoded_content, qr{Deleted customer}, 'the bookings monitor shows the label');
if ($stack->sql_value('SELECT count(*) FROM reviews WHERE customer_id = ?', $uid{customer1})) {
	like($stack->mech->get($stack->url("/vendors/$uid{vendor1}"))->decoded_content, qr{Deleted customer},
	    "the vendor's public reviews show the label");
}

# --- the pages work for a vendor too ---------------------------------------------------------------
for my $page (['/account', 'Your account'], ['/account/password', 'Change your password'],
    ['/account/sessions', 'Where you are signed in']) {
	$res = $v->get($stack->url($page->[0]));
	is($res->code, 200, "vendor1 GET $page->[0]");
	is(h1_of($res), $page->[1], '... its page');
}
unlike($v->get($stack->url('/account'))->decoded_content, qr{href="/addresses"}, 'no saved addresses for a vendor');
$res = post_on($v, '/account', { name => 'Ravi Kumar', email => 'vendor1@homeserve.test', phone => '+919876543212' });
is($res->code, 303, 'a vendor names themselves');
$res = post_on($v, '/account', { name => 'Ravi Kumar', email => 'vendor1@homeserve.test', phone => '+919876543299',
    current_password => 'password123' });
is($res->code, 422, "a vendor's verified number is not changed here");
like($res->decoded_content, qr{verified by HomeServe}, '... saying why');
$res = $v->get($stack->url('/account/delete'));
is($res->code, 200, 'a vendor may open /account/delete');
my $v2 = signed_in('vendor1', 'password123', '/vendor/');
$res = post_on($v, '/account/password', { current_password => 'password123', password => 'vendor-secret-1',
    password_confirm => 'vendor-secret-1' });
is($res->code, 303, 'a vendor changes their password');
ok(!still_in($v2, '/vendor/'), "... and the vendor's other session ends");
ok(still_in($v, '/vendor/'), '... this one stays');

# A stolen session cannot guess the password on these pages: five wrong ones hold them all.
my $vendor_email = user_row($uid{vendor1})->{email};
my $vendor_phone = substr(user_row($uid{vendor1})->{phone}, 3);
for my $try (1 .. 5) {
	$res = post_on($v, '/account', { name => '', email => "thief$try\@example.com", phone => $vendor_phone,
	    current_password => "guess-$try" });
	is($res->code, 422, "wrong current password $try: 422");
	like($res->decoded_content, qr{and this is not it\.}, '... the password is what is wrong');
}
$res = post_on($v, '/account/password', { current_password => 'vendor-secret-1', password => 'Thief-owns-it-9',
    password_confirm => 'Thief-owns-it-9' });
is($res->code, 429, 'then even the right one is held back: 429');
like($res->decoded_content, qr{Too many wrong passwords: try again in 15 minutes\.}, '... saying so');
$res = post_on($v, '/account/delete', { password => 'vendor-secret-1', confirm => 'DELETE' });
is($res->code, 429, '... on /account/delete too');
is(user_row($uid{vendor1})->{email}, $vendor_email, 'nothing changed');
ok(still_in($v, '/vendor/'), 'the owner is not signed out by it');
$stack->sql(q{DELETE FROM throttle_hits WHERE scope = ?}, "reauth:$uid{vendor1}");	# 15 minutes on

# A vendor whose jobs are all paid may go too; the bookings keep an anonymous vendor.
$res = post_on($v, '/account/delete', { password => 'vendor-secret-1', confirm => 'DELETE' });
is($res->code, 303, 'the vendor, with no open job, deletes the account');
my $vp = $stack->sql('SELECT * FROM vendor_profiles WHERE user_id = ?', $uid{vendor1})->[0];
is($vp->{status}, 'suspended', '... off the job board for good');
is($vp->{business_name}, '', '... the business name erased');
is($stack->sql_value('SELECT count(*) FROM vendor_pincodes WHERE vendor_id = ?', $uid{vendor1}), 0, '... and its areas');
$res = $ops->get($stack->url("/ops/bookings/$b"));
is($res->code, 200, 'operations still open the booking');
like($res->decoded_content, qr{Deleted vendor}, '... showing the vendor as deleted');

$stack->finish;
done_testing;
