# 90-onboarding.t: a newcomer becomes a working vendor through the forms and the SMS log: applying (hostile input refused), the phone code (wrong, expired, reused, too many, too soon), documents by content, submitting, the onboarding queue and its decisions, suspension, expiry and re-verification, and who may see what.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Images;
use HomeServe::Test;

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['onboard_mgr', '/ops/'],
    ['ops_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my $PDF = "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
my $PDF_JS = "%PDF-1.7\n1 0 obj <</Type /Catalog /OpenAction 2 0 R>> endobj\n"
    . "2 0 obj <</S /JavaScript /JS (app.alert\\('hi'\\))>> endobj\n"
    . "trailer <</Root 1 0 R>>\n%%EOF\r\n";

# --- helpers -------------------------------------------------------------------

sub post_from {
	my ($mech, $page, $path, $fields, %opt) = @_;
	$mech->get($stack->url($page));
	return $stack->post_form($mech, $path, $fields, %opt);
}

my %good = (username => 'plumber1', email => 'plumber1@example.test',
    phone => '98123 45678', password => 'secret-pass-1', password_confirm => 'secret-pass-1',
    business_name => 'Quick Fix Plumbing & Sons', experience_years => 7,
    categories => ['plumbing', 'electrical'], pincodes => '110001, 110005',
    address => '5 Lodhi Estate, New Delhi', pincode => '110003');

sub apply_form {
	my ($mech, %f) = @_;
	my @pairs;
	for my $k (sort keys %f) {
		push @pairs, map { ($k => $_) } ref $f{$k} ? @{ $f{$k} } : ($f{$k});
	}
	return post_from($mech, '/vendor/apply', '/vendor/apply', \@pairs);
}

# The links in a page's header navigation, in order, but for notifications.
sub nav_links {
	my ($res) = @_;
	my ($nav) = $res->decoded_content =~ m{<nav aria-label="Main">(.*?)</nav>}s;
	return [ grep { $_ ne '/notifications' } ($nav // '') =~ m{<a href="([^"]+)"}g ];
}

# The newest code the SMS log holds for a number (run-due delivers first).
sub sms_code {
	my ($phone) = @_;
	$stack->run_due;
	my @mine = grep { $_->{to} eq $phone && $_->{text} =~ /code is (\d{6})/ } $stack->sms;
	return @mine ? ($mine[-1]{text} =~ /code is (\d{6})/)[0] : undef;
}

sub upload {
	my ($mech, %f) = @_;
	$mech->get($stack->url('/vendor/documents'));
	my @content = (csrf_token => $stack->csrf($mech) // '', doc_type => $f{type});
	push @content, expires_on => $f{expires_on} if defined $f{expires_on};
	push @content, document => [undef, $f{filename}, 'Content-Type' => $f{ctype}
	    // 'application/pdf', Content => $f{data}];
	return $mech->post($stack->url('/vendor/documents'), Content_Type => 'form-data',
	    Content => \@content);
}

sub uploads { opendir(my $d, $stack->data . '/uploads') or return 0;
	return scalar grep { !/^\./ } readdir $d }
sub status_of { $stack->sql_value('SELECT status FROM vendor_profiles WHERE user_id = ?', $_[0]) }
sub users { $stack->sql_value('SELECT count(*) FROM users') }

# --- applying: hostile input first, nothing created -------------------------------
my $anon = $stack->mech;
my $res = $anon->get($stack->url('/vendor/apply'));
is($res->code, 200, '/vendor/apply is open to anyone');
my $before = users();
for my $bad (
    [{ username => 'vendor1' }, qr/This username is taken/, 'a taken username'],
    [{ email => 'VENDOR1@homeserve.test' }, qr/An account with this email exists/, 'a taken email'],
    [{ phone => '+91 98765 43210' }, qr/An account with this mobile number exists/, 'a taken mobile number'],
    [{ phone => '011 2345 6789' }, qr/Mobile number/, 'a landline'],
    [{ phone => '981234567' }, qr/Mobile number/, 'a 9-digit number'],
    [{ pincodes => '110001, 11005' }, qr/“11005” is not a 6-digit pincode/, 'a 5-digit pincode in the list'],
    [{ categories => [] }, qr/Services you offer/, 'no category'],
    [{ categories => ['plumbing', 'nonsense'] }, qr/Choose services from the list/, 'an unknown category'],
    [{ password_confirm => 'other-pass-1' }, qr/The two passwords differ/, 'two different passwords'],
    [{ experience_years => 'many' }, qr/Years of experience/, 'years that are not a number']) {
	my ($over, $why, $what) = @$bad;
	my %f = (%good, %$over);
	delete $f{categories} if ref $f{categories} && !@{ $f{categories} };
	$res = apply_form($stack->mech, %f);
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, $why, "$what: says why");
	like($res->decoded_content, qr/value="Quick Fix Plumbing &amp; Sons"/, "$what: the form is kept");
}
is(users(), $before, 'no account was made by a refused application');

$res = apply_form($anon, %good);
is($res->code, 303, 'a good application is accepted');
is($res->header('Location'), '/vendor/phone?notice=applied', 'and goes on to the phone');
my $v = $stack->sql('SELECT * FROM users WHERE username = ?', 'plumber1')->[0];
is($v->{role}, 'vendor', 'a vendor account');
is($v->{phone}, '+919812345678', 'the number stored in E.164');
my $vid = $v->{id};
is(status_of($vid), 'applied', 'in status applied');
is_deeply([map { $_->{pincode} } @{ $stack->sql('SELECT pincode FROM vendor_pincodes
    WHERE vendor_id = ? ORDER BY 1', $vid) }], ['110001', '110005'], 'with its pincodes');
my $me = $anon;	# signed in as plumber1 now

# --- not verified: the application's pages only ---------------------------------------
$stack->sql(q{INSERT INTO bookings (customer_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, created_at, updated_at) VALUES (?,
    (SELECT id FROM services WHERE category = 'plumbing'), 'plumbing', '9 Jor Bagh',
    '110005', unixepoch() + 3 * 86400, 60, 40000, unixepoch(), unixepoch())}, $uid{customer1});
my $job = $stack->sql_value('SELECT max(id) FROM bookings');
is($me->get($stack->url('/vendor/jobs'))->code, 403, 'an unverified vendor: the job board is 403');
is(post_from($me, '/vendor/application', "/vendor/bookings/$job/accept", {})->code, 403,
    'accepting is 403');
$res = $me->get($stack->url('/vendor/'));
is($res->code, 303, 'the dashboard sends an applicant');
is($res->header('Location'), '/vendor/application', 'to the application');
is($me->get($stack->url('/vendor/earnings'))->code, 403, 'earnings are 403');
# The header offers only what opens.
my $nav = nav_links($me->get($stack->url('/vendor/application')));
is_deeply($nav, ['/vendor/application', '/account'], "an applicant's header links only the application");

# --- the phone code ------------------------------------------------------------------
$res = $me->get($stack->url('/vendor/phone'));
like($res->decoded_content, qr/We sent a 6-digit code by SMS to \+919812345678/, 'the code page');
my $code = sms_code('+919812345678');
like($code // '', qr/^\d{6}$/, 'the SMS log has the code');
is($stack->sql_value('SELECT count(*) FROM phone_codes WHERE code_hash = ?', $code), 0,
    'the code itself is not stored');
$res = post_from($me, '/vendor/phone', '/vendor/phone/resend', {});
is($res->code, 429, 'a new code within a minute is refused');
like($res->header('Retry-After') // '', qr/^\d+$/, 'with Retry-After');
like($res->decoded_content, qr/A code was sent less than a minute ago/, 'saying why');
my $wrong = $code eq '000000' ? '111111' : '000000';
$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $wrong });
is($res->code, 422, 'a wrong code is 422');
like($res->decoded_content, qr/That code is wrong\. You have 4 tries left\./, 'with the tries left');
$stack->sql('UPDATE phone_codes SET expires_at = unixepoch() - 1 WHERE user_id = ?', $vid);
$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $code });
is($res->code, 422, 'an expired code is refused');
like($res->decoded_content, qr/This code has expired/, 'saying so');
$stack->sql('UPDATE phone_codes SET created_at = created_at - 61 WHERE user_id = ?', $vid);
$res = post_from($me, '/vendor/phone', '/vendor/phone/resend', {});
is($res->code, 303, 'a minute later a new code is sent');
my $code2 = sms_code('+919812345678');
isnt($code2, undef, 'it arrives');
for my $try (1 .. 5) {
	$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $code2 eq '999999' ? '888888' : '999999' });
}
is($res->code, 429, 'the fifth wrong try ends the code');
like($res->decoded_content, qr/Five wrong tries/, 'saying so');
$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $code2 });
is($res->code, 429, 'a sixth try, even right, is refused');
# Codes this hour: 2 real ones; 3 more make five, the most an hour.
$stack->sql(q{INSERT INTO phone_codes (user_id, phone, code_hash, created_at, expires_at)
    SELECT ?, '+919812345678', 'x', unixepoch() - 600 - n, unixepoch() FROM
    (SELECT 1 AS n UNION SELECT 2 UNION SELECT 3)}, $vid);
$stack->sql('UPDATE phone_codes SET created_at = created_at - 120 WHERE user_id = ?', $vid);
$res = post_from($me, '/vendor/phone', '/vendor/phone/resend', {});
is($res->code, 429, 'a sixth code within the hour is refused');
like($res->decoded_content, qr/Five codes were sent to this number in the last hour/, 'saying why');
$stack->sql('UPDATE phone_codes SET created_at = created_at - 3600 WHERE user_id = ?', $vid);
is(post_from($me, '/vendor/phone', '/vendor/phone/resend', {})->code, 303, 'an hour later: sent');
my $code3 = sms_code('+919812345678');
$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $code3 });
is($res->code, 303, 'the right code verifies the number');
is($res->header('Location'), '/vendor/application?notice=phone-verified', 'back to the application');
$res = $me->get($stack->url('/vendor/phone'));
like($res->decoded_content, qr/is <strong>verified<\/strong> \(since \d+ \w+ \d{4}, /, 'shown verified, with the time');
# The number changes: the old code was used, and cannot prove the new one.
$stack->sql(q{UPDATE users SET phone = '+919812345679' WHERE id = ?}, $vid);
$res = post_from($me, '/vendor/phone', '/vendor/phone', { otp => $code3 });
is($res->code, 422, 'a code used already is refused');
like($res->decoded_content, qr/There is no code waiting: it was used or replaced/, 'saying so');
$stack->sql(q{UPDATE users SET phone = '+919812345678' WHERE id = ?}, $vid);

# --- documents ----------------------------------------------------------------------
my $files = uploads();
for my $bad (
    ["MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode", 'setup.pdf', 'an .exe renamed .pdf'],
    ["<!DOCTYPE html><html><script>alert(1)</script></html>\n%%EOF\n", 'page.pdf', 'an HTML file renamed .pdf'],
    ['', 'empty.pdf', 'an empty file']) {
	my ($data, $name, $what) = @$bad;
	$res = upload($me, type => 'id_proof', filename => $name, data => $data);
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, $data eq '' ? qr/the file sent is empty/
	    : qr/This file is not a PDF, JPEG or PNG document/, "$what: says why");
}
$res = upload($me, type => 'id_proof', filename => 'big.pdf',
    data => $PDF . ('%' . ('x' x 1023) . "\n") x (11 * 1024) . "%%EOF\n");
is($res->code, 422, 'an 11 MB PDF: 422');
like($res->decoded_content, qr/too large: at most 10 MB/, 'says the limit');
$res = upload($me, type => 'id_proof', filename => 'id.pdf', data => $PDF,
    expires_on => '2020-01-01');
is($res->code, 422, 'a document that expired already: 422');
is(uploads(), $files, 'nothing was stored on refusal');
is($stack->sql_value('SELECT count(*) FROM vendor_documents'), 0, 'no document rows');

$res = upload($me, type => 'id_proof', filename => 'aadhaar.pdf', data => $PDF_JS);
is($res->code, 303, 'a PDF with JavaScript is still a PDF: stored');
my $doc1 = $stack->sql_value('SELECT max(id) FROM vendor_documents');
$res = $me->get($stack->url("/vendor/documents/$doc1"));
is($res->code, 200, 'the vendor can open it');
is($res->header('Content-Type'), 'application/pdf', 'as application/pdf');
like($res->header('Content-Disposition') // '', qr/^attachment; filename="id_proof-$doc1\.pdf"$/,
    'as an attachment, never shown inline');
is($res->header('X-Content-Type-Options'), 'nosniff', 'with nosniff');
is($res->content, $PDF_JS, 'its bytes as uploaded');
$res = upload($me, type => 'id_proof', filename => 'aadhaar2.pdf', data => $PDF);
is($res->code, 303, 'a pending ID proof can be replaced');
is($stack->sql_value('SELECT status FROM vendor_documents WHERE id = ?', $doc1), 'replaced',
    'the first is replaced');
is(uploads(), $files + 1, 'and its file removed');
is($me->get($stack->url("/vendor/documents/$doc1"))->code, 404, 'a replaced document is gone');
my $id_doc = $stack->sql_value('SELECT max(id) FROM vendor_documents');
$res = upload($me, type => 'address_proof', filename => 'bill.png', ctype => 'image/png',
    data => test_png());
is($res->code, 303, 'an address proof as a PNG');
my $addr_doc = $stack->sql_value('SELECT max(id) FROM vendor_documents');
like($me->get($stack->url("/vendor/documents/$addr_doc"))->header('Content-Disposition') // '',
    qr/^inline/, 'an image is shown inline');
is($m{vendor1}->get($stack->url("/vendor/documents/$id_doc"))->code, 404,
    'another vendor\'s document URL is 404');
is($m{customer1}->get($stack->url("/vendor/documents/$id_doc"))->code, 403,
    'a customer is refused');

# --- submitting ------------------------------------------------------------------------
$res = post_from($me, '/vendor/application', '/vendor/application/submit', {});
is($res->code, 303, 'the application is submitted');
is(status_of($vid), 'submitted', 'status submitted');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ?
    AND text LIKE 'Vendor plumber1 %submitted an application.'}, $uid{onboard_mgr}),
    'the onboarding manager is told');

# --- the queue: who may look, who may act ---------------------------------------------
is($m{customer1}->get($stack->url('/ops/vendors'))->code, 403, 'a customer cannot see the queue');
is(post_from($m{vendor1}, '/vendor/', "/ops/vendors/$vid/approve", {})->code, 403,
    'a vendor cannot approve anyone');
is(post_from($m{customer1}, '/', "/ops/vendors/$vid/reject", { reason => 'x' x 5 })->code, 403,
    'a customer cannot reject');
is($m{ops_mgr}->get($stack->url('/ops/vendors'))->code, 200, 'ops managers may look');
is($m{admin}->get($stack->url("/ops/vendors/$vid"))->code, 200, 'the super admin may look');
is(post_from($m{ops_mgr}, "/ops/vendors/$vid", "/ops/vendors/$vid/approve", {})->code, 403,
    'but only onboarding managers decide');
my $om = $m{onboard_mgr};
$res = $om->get($stack->url('/ops/vendors?status=submitted'));
like($res->decoded_content, qr{<a href="/ops/vendors/$vid">plumber1</a>}, 'the queue lists the application');
for my $q ('plumb', '98123', '110005') {
	like($om->get($stack->url("/ops/vendors?q=$q"))->decoded_content,
	    qr{/ops/vendors/$vid"}, "searching for $q finds it");
}
like($om->get($stack->url('/ops/vendors?q=nobody'))->decoded_content, qr/No vendors/,
    'a search for nobody finds nothing');
is($om->get($stack->url('/ops/vendors?status=bogus'))->code, 400, 'an unknown status is 400');
$res = $om->get($stack->url("/ops/vendors/$vid"));
my $page = $res->decoded_content;
like($page, qr{<img class="document" src="/ops/vendors/$vid/documents/$addr_doc"}, 'the address proof shows inline');
like($page, qr{<a href="/ops/vendors/$vid/documents/$id_doc">Download the ID proof \(PDF\)</a>},
    'the ID proof is a download');
like($page, qr/\+919812345678: verified/, 'the phone check shows');
like($page, qr/Plumbing/, 'the categories show');
is($om->get($stack->url("/ops/vendors/$vid/documents/$id_doc"))->header('Content-Type'),
    'application/pdf', 'staff can open a document');
is($om->get($stack->url("/ops/vendors/$uid{vendor1}/documents/$id_doc"))->code, 404,
    'through another vendor\'s address: 404');
is($om->get($stack->url("/ops/vendors/$uid{onboard_mgr}"))->code, 404,
    'a staff account is no vendor here');
is(post_from($om, '/ops/', "/ops/vendors/$uid{onboard_mgr}/suspend", { reason => 'Trying it.' })->code,
    404, 'and cannot be changed from here');

# Decisions.
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/approve", {});
is($res->code, 409, 'approving before the documents are accepted: 409');
like($res->decoded_content, qr/Accept a current ID proof and address proof first/, 'says what is missing');
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/reject", { reason => '' });
is($res->code, 422, 'rejecting without a reason: 422');
like($res->decoded_content, qr/Reason is required/, 'beside the form');
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/flag", { reason => 'GS' });
is($res->code, 422, 'a flag with too short a reason: 422');
like($res->decoded_content, qr{<textarea id="flag-reason"[^>]*aria-invalid="true"[^>]*>GS</textarea>},
    'the reason is shown again, marked');
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/flag", { reason => 'Check the GST number.' });
is($res->code, 303, 'flagged for a second look');
like($om->get($stack->url('/ops/vendors'))->decoded_content, qr/Flagged: Check the GST number\./,
    'the queue shows the flag');
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/request-info",
    { reason => 'The ID proof is unreadable: upload a clearer scan.' });
is($res->code, 303, 'more information is asked for');
is(status_of($vid), 'needs_info', 'status needs_info');
$res = $me->get($stack->url('/vendor/application'));
like($res->decoded_content, qr/The ID proof is unreadable: upload a clearer scan\./,
    'the vendor reads the request');
$stack->run_due;
ok((grep { $_->{to} eq 'plumber1@example.test' && $_->{text} =~ /needs more information/ } $stack->mails),
    'and gets it by email');
ok((grep { $_->{to} eq '+919812345678' && $_->{text} =~ /needs more information/ } $stack->sms),
    'and by SMS');

$res = upload($me, type => 'id_proof', filename => 'clear.jpg', ctype => 'image/jpeg', data => test_jpeg());
is($res->code, 303, 'the vendor uploads a clearer ID proof');
$id_doc = $stack->sql_value('SELECT max(id) FROM vendor_documents');
is(post_from($me, '/vendor/application', '/vendor/application/submit', {})->code, 303, 'and resubmits');
is(status_of($vid), 'submitted', 'submitted again');
for my $doc ($id_doc, $addr_doc) {
	is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/documents/$doc/accept", {})->code,
	    303, "document $doc accepted");
}
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/documents/$addr_doc/reject",
    { reason => 'Too late.' })->code, 409, 'a reviewed document cannot be reviewed again');
$res = upload($me, type => 'id_proof', filename => 'another.pdf', data => $PDF);
is($res->code, 409, 'an accepted ID proof cannot be replaced');
like($res->decoded_content, qr/accepted already: it can no longer be replaced/, 'says so');
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/approve", {});
is($res->code, 303, 'the application is approved');
my $p = $stack->sql('SELECT * FROM vendor_profiles WHERE user_id = ?', $vid)->[0];
is($p->{status}, 'verified', 'verified');
is($p->{verified_by}, $uid{onboard_mgr}, 'by whom');
ok($p->{verified_at}, 'and when');
is($p->{flag_reason}, undef, 'the flag is cleared by the decision');
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/approve", {})->code, 409,
    'approving one that is not submitted: 409');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?
    AND action IN ('vendor.submitted', 'vendor.needs_info', 'vendor.verified', 'vendor.flag')}, $vid),
    5, 'each decision audited');

# --- a working vendor ------------------------------------------------------------------
$res = $me->get($stack->url('/vendor/jobs'));
is($res->code, 200, 'the new vendor sees the job board');
is_deeply(nav_links($res), ['/vendor/', '/vendor/jobs', '/vendor/calendar', '/vendor/profile',
    '/vendor/earnings', '/vendor/application', '/account'], 'and every link in the header');
like($res->decoded_content, qr{/vendor/bookings/$job/accept}, 'with the job in their pincode');
$res = post_from($me, '/vendor/jobs', "/vendor/bookings/$job/accept", {});
is($res->code, 303, 'and accepts it');
$res = $stack->mech->get($stack->url("/vendors/$vid"));
is($res->code, 200, 'the public profile exists now');
like($res->decoded_content, qr/Verified by HomeServe since/, 'with "Verified since"');
like($res->decoded_content, qr/<dd>7 years<\/dd>/, 'and the experience');
unlike($res->decoded_content, qr/9812345678|plumber1\@example|documents/, 'never the phone, email or documents');

# --- suspension sends the accepted job back to the board -------------------------------
$res = post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/suspend", { reason => 'Complaints under review.' });
is($res->code, 303, 'the vendor is suspended');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job), 'pending',
    'their accepted job is back on the board');
is($stack->sql_value('SELECT vendor_id FROM bookings WHERE id = ?', $job), undef, 'with no vendor');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%back on the job board%'}, $uid{customer1}, $job), 'and the customer is told');
is($me->get($stack->url('/vendor/jobs'))->code, 403, 'a suspended vendor has no job board');
is(post_from($me, '/vendor/', "/vendor/bookings/$job/accept", {})->code, 403, 'and cannot accept');
is($me->get($stack->url('/vendor/'))->code, 200, 'but still has a dashboard');
is_deeply(nav_links($me->get($stack->url('/vendor/'))), ['/vendor/', '/vendor/calendar',
    '/vendor/profile', '/vendor/earnings', '/vendor/application', '/account'],
    'whose header links everything but the job board');
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/reinstate", {})->code, 303, 'reinstated');
is(status_of($vid), 'verified', 'verified again');

# --- a document expires: re-verification ----------------------------------------------
my $valid = strftime('%Y-%m-%d', localtime(time + 40 * 86400));
$res = upload($me, type => 'certificate', filename => 'licence.pdf', data => $PDF, expires_on => $valid);
is($res->code, 303, 'a trade certificate valid 40 days');
my $cert = $stack->sql_value('SELECT max(id) FROM vendor_documents');
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/documents/$cert/accept", {})->code, 303,
    'accepted');
my $ran = $stack->run_due(now => time + 5 * 86400);
is($ran->{'document-reminders'}, 0, '35 days ahead: no reminder yet');
$ran = $stack->run_due(now => time + 12 * 86400);
is($ran->{'document-reminders'}, 1, '28 days ahead: a reminder');
ok((grep { $_->{to} eq 'plumber1@example.test' && $_->{text} =~ /Trade certificate is valid until \Q$valid\E/ }
    $stack->mails), 'by email');
is($stack->run_due(now => time + 13 * 86400)->{'document-reminders'}, 0, 'once');
$ran = $stack->run_due(now => time + 42 * 86400);
is($ran->{'document-expiry'}, 1, 'after its date it expires');
is(status_of($vid), 'reverify', 'the vendor must re-verify');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ?
    AND text LIKE 'The Trade certificate of vendor plumber1 expired%'}, $uid{onboard_mgr}),
    'the onboarding managers hear of it');
is($me->get($stack->url('/vendor/jobs'))->code, 403, 're-verifying: no new jobs');
is($stack->run_due(now => time + 43 * 86400)->{'document-expiry'}, 0, 'once');
$res = upload($me, type => 'certificate', filename => 'licence-2027.pdf', data => $PDF,
    expires_on => strftime('%Y-%m-%d', localtime(time + 400 * 86400)));
my $cert2 = $stack->sql_value('SELECT max(id) FROM vendor_documents');
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/documents/$cert2/accept", {})->code, 303,
    'the new certificate is accepted');
is(status_of($vid), 'verified', 'and the vendor is verified again');
is(post_from($om, "/ops/vendors/$vid", "/ops/vendors/$vid/reverify", { reason => 'Yearly check.' })->code,
    303, 'a manager can ask for re-verification at any time');
is(status_of($vid), 'reverify', 'status reverify');

# --- onboarding staff see vendors, not customers ----------------------------------------
is($om->get($stack->url('/ops/bookings'))->code, 403, 'onboarding: the bookings list is 403');
is($om->get($stack->url("/ops/bookings/$job"))->code, 403, 'a booking is 403');
$stack->sql(q{INSERT INTO photos (booking_id, kind, file, content_type, size, uploaded_by, created_at)
    VALUES (?, 'before', 'abcdef0123456789abcdef0123456789.jpg', 'image/jpeg', 10, ?, unixepoch())},
    $job, $uid{vendor1});
my $photo = $stack->sql_value('SELECT max(id) FROM photos');
is($om->get($stack->url("/photos/$photo"))->code, 404, 'a customer\'s photo is 404');
is($m{ops_mgr}->get($stack->url("/ops/bookings/$job"))->code, 200, 'ops managers still see bookings');
unlike($om->get($stack->url('/ops/'))->decoded_content, qr{href="/ops/bookings"}, 'and no link to them');

# --- the queue in pages ------------------------------------------------------------------
# 60 more applications waiting, some at the same second: the pages walk
# them longest waiting first, ties by id, none twice and none skipped.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, address, pincode,
    created_at, updated_at) WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 59)
    SELECT printf('queued%02d', n), printf('queued%02d@example.test', n), printf('+9195%08d', n),
    'x', 'vendor', 'x', '110001', 1700000000, 1700000000 FROM k});
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, status_at, submitted_at, updated_at)
    SELECT id, 'submitted', 1700000000 + (id % 7) * 60, 1700000000, 1700000000
    FROM users WHERE username LIKE 'queued%'});
for my $filter ('status=submitted', 'status=', 'status=submitted&q=queued') {
	my $want = $stack->sql(q{SELECT user_id FROM vendor_profiles p JOIN users u ON u.id = p.user_id
	    WHERE (? = '' OR status = ?) AND (? = 0 OR u.username LIKE 'queued%')
	    ORDER BY status_at, user_id},
	    ($filter =~ /status=submitted/ ? ('submitted') x 2 : ('') x 2), $filter =~ /q=/ ? 1 : 0);
	my (@seen, $pages);
	my $url = "/ops/vendors?$filter";
	while (defined $url && ++$pages <= 10) {
		my $html = $om->get($stack->url($url))->decoded_content;
		push @seen, $html =~ m{<td[^>]*><a href="/ops/vendors/(\d+)">}g;
		($url) = $html =~ m{<a href="(/ops/vendors\?[^"]*after_id=[^"]*)">More vendors</a>};
		$url = HomeServe::Test::decode_html($url) if defined $url;
	}
	is_deeply(\@seen, [ map { $_->{user_id} } @$want ],
	    "/ops/vendors?$filter: all " . @$want . " in order over $pages pages");
}

$stack->finish;
done_testing;
