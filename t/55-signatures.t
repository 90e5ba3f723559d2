# 55-signatures.t: the 48-hour satisfaction signature: request, sign, reject, the record's checks with offline openssl verification, tampering, expiry, reviews.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Digest::SHA qw(sha256_hex);
use Encode ();
use File::Temp qw(tempdir);
use MIME::Base64 ();
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my $BUILD = build_dir();

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user,
	    $user eq 'admin' ? 'admin123' : 'password123', $home);
}
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
my $res = $stack->post_form($m{customer2}, '/register', {
    username => 'customer2', email => 'c2@example.com', phone => '9812345678',
    password => 'Plumb-line-42', password_confirm => 'Plumb-line-42',
    address => '7 Park Street, Delhi', pincode => '110002' });
is($res->code, 303, 'customer2 registers');
$m{anon} = $stack->mech;

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(
    q{SELECT id FROM services WHERE name = 'AC Repair'});
# A vendor who is not vendor1, made in SQL (nobody signs in as them).
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
    created_at, updated_at) VALUES ('vendor9', 'v9@example.com', '', 'x',
    'vendor', unixepoch(), unixepoch())});
$uid{vendor9} = $stack->sql_value(
    q{SELECT id FROM users WHERE username = 'vendor9'});
# Onboarded once (a public page), though not serving any pincode now.
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at, status_at,
    updated_at) VALUES (?, 'suspended', unixepoch(), unixepoch(), unixepoch())},
    $uid{vendor9});

# A booking of AC Repair for customer1, done by a vendor, in a state.
sub booking_in {
	my ($status, $vendor) = @_;
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id,
	    category, address, pincode, scheduled_at, duration_minutes,
	    price_paise, notes, status, created_at, updated_at) VALUES (?, ?, ?,
	    'ac', '12 Janpath, New Delhi', '110001', unixepoch() - 86400, 90,
	    50000, '', ?, unixepoch() - 90000, unixepoch())},
	    $uid{customer1}, $uid{$vendor // 'vendor1'}, $service, $status);
	return $stack->sql_value('SELECT max(id) FROM bookings');
}
sub booking_status {
	return $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]);
}
sub signature_of {
	return $stack->sql_value(
	    'SELECT id FROM signatures WHERE booking_id = ?', $_[0]);
}

# POST with the CSRF token of a page the mech fetches first.
sub post_from {
	my ($who, $page, $path, $fields) = @_;
	$m{$who}->get($stack->url($page));
	return $stack->post_form($m{$who}, $path, $fields // {});
}

sub request_signature {
	my ($booking, $who) = @_;
	return post_from($who // 'vendor1', '/vendor/',
	    "/vendor/bookings/$booking/request-signature");
}

my $b1 = booking_in('completed');
my $accepted = booking_in('accepted');
my $theirs = booking_in('completed', 'vendor9');

# --- the vendor asks for the signature ---
$res = request_signature($b1, 'customer1');
is($res->code, 403, 'a customer cannot use the vendor action (403)');
$res = request_signature($theirs);
is($res->code, 404, "another vendor's booking: 404");
$res = request_signature($accepted);
is($res->code, 409, 'a booking that is only accepted: 409');
like($res->decoded_content, qr{A booking that is “Accepted” cannot become “Awaiting customer signature”\.},
    '... with the state machine\'s sentence, in words that do not speak to the vendor as the signer');
is(booking_status($accepted), 'accepted', '... and it stays accepted');
$res = $m{vendor1}->post($stack->url("/vendor/bookings/$b1/request-signature"), {});
is($res->code, 403, 'without the CSRF token: 403');
$res = request_signature($b1);
is($res->code, 303, 'vendor1 requests the signature: 303');
is($res->header('Location'), "/vendor/bookings/$b1?notice=signature-requested",
    '... back to the job with a notice');
is(booking_status($b1), 'signature_requested', 'the booking waits for the signature');
my $s1 = signature_of($b1);
ok($s1, 'a signature row exists');
is($stack->sql_value('SELECT expires_at - requested_at FROM signatures WHERE id = ?', $s1),
    48 * 3600, 'it expires 48 hours after the request');
$res = request_signature($b1);
is($res->code, 409, 'requesting twice: 409');

# --- customer1 signs ---
$res = $m{customer1}->get($stack->url("/signatures/$s1/sign"));
is($res->code, 200, 'the sign page');
my $html = $res->decoded_content;
like($html, qr{<h1>Check the work and pay: booking #$b1, AC Repair</h1>}, 'it names the booking');
like($html, qr{href="/vendors/$uid{vendor1}">vendor1</a>}, 'the vendor');
like($html, qr{₹500}, 'the price');
like($html, qr{Sign by</dt><dd><time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">\d{1,2} \w{3} \d{4}, \d{1,2}:\d\d [ap]m</time> \(India Standard Time\)},
    'the deadline in India Standard Time');
for my $n (1 .. 5) {
	like($html, qr{<input id="rating-$n" name="satisfaction_rating" type="radio" value="$n" required>\s*<label for="rating-$n">$n: },
	    "rating $n is a labelled radio button");
}
like($html, qr{<textarea id="comments" name="comments"}, 'a comments box');
like($html, qr{<textarea id="reason" name="reason"}, 'and a reason box to reject');

for my $bad (['0', 'a rating of 0'], ['6', 'a rating of 6'], ['', 'no rating'],
    ['five', 'a word for a rating'], ['4.5', 'a fraction']) {
	$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/sign",
	    { satisfaction_rating => $bad->[0], comments => 'Kept <b>as typed</b>' });
	is($res->code, 422, "$bad->[1]: 422");
	like($res->decoded_content, qr{<p class="error" id="satisfaction_rating-error">Rating (?:must be a whole number from 1 to 5|is required)\.</p>},
	    "$bad->[1]: the message says why");
	like($res->decoded_content, qr{>Kept &lt;b&gt;as typed&lt;/b&gt;</textarea>},
	    "$bad->[1]: the comments are kept, escaped");
}
$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/sign",
    { satisfaction_rating => 4, comments => 'x' x 1001 });
is($res->code, 422, 'comments of 1001 characters: 422');
like($res->decoded_content, qr{Comments must be at most 1000 characters}, '... saying so');
is(booking_status($b1), 'signature_requested', 'refused forms change nothing');
$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/sign",
    { satisfaction_rating => 3 });
is($res->code, 303, 'rating 3 without comments is valid: it signs');
is(booking_status($b1), 'signed', '... and the booking is signed');

# The main journey, on a second booking.
$b1 = booking_in('completed');
request_signature($b1);
$s1 = signature_of($b1);
is(booking_status($b1), 'signature_requested', 'a second booking waits for its signature');

my $comments = 'Very tidy work & quick — धन्यवाद';
$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/sign",
    { satisfaction_rating => 5, comments => $comments });
is($res->code, 303, 'customer1 signs with 5: 303');
is($res->header('Location'), "/bookings/$b1?notice=signed",
    '... to the booking with the notice');
is(booking_status($b1), 'signed', 'the booking is signed');
my $row = $stack->sql('SELECT * FROM signatures WHERE id = ?', $s1)->[0];
is($row->{status}, 'signed', 'the signature is signed');
is($row->{rating}, 5, 'with rating 5');
is($row->{comments}, $comments, 'and the comments');
ok(abs($row->{signed_at} - time) < 60, 'signed_at is now');
my $iso = strftime('%Y-%m-%dT%H:%M:%SZ', gmtime($row->{signed_at}));
is($row->{sha256}, sha256_hex("${b1}_$uid{customer1}_${iso}_5"),
    'sha256 is of {booking_id}_{customer_id}_{signed_at ISO}_{rating}');
$res = $m{customer1}->get($stack->url("/bookings/$b1?notice=signed"));
like($res->decoded_content, qr{Thank you: your signature is recorded\.},
    'the booking page thanks the customer');

$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/sign",
    { satisfaction_rating => 1, comments => 'again' });
is($res->code, 409, 'signing twice: 409');
like($res->decoded_content, qr{This booking is already signed\.}, '... saying so');
is($stack->sql_value('SELECT rating FROM signatures WHERE id = ?', $s1), 5,
    '... and the rating is unchanged');
$res = post_from('customer1', "/signatures/$s1/sign", "/signatures/$s1/reject",
    { reason => 'changed my mind' });
is($res->code, 409, 'rejecting after signing: 409');

# --- the review ---
$res = $m{anon}->get($stack->url("/services/$service"));
is($res->code, 200, 'the service page');
$html = $res->decoded_content;
like($html, qr{Average rating <strong>4\.0 out of 5</strong> from 2 reviews},
    'the service page shows the average and count');
like($html, qr{<strong>5 out of 5</strong>.*?<p class="comments">Very tidy work &amp; quick — धन्यवाद</p>\s*<p class="meta">customer1 · <time}s,
    'the newest review: rating as text, comment, customer');
like($html, qr{<strong>3 out of 5</strong>}, 'the older review too');
$res = $m{anon}->get($stack->url("/vendors/$uid{vendor1}"));
is($res->code, 200, "vendor1's public profile");
$html = $res->decoded_content;
like($html, qr{<h1>vendor1</h1>}, 'it names the vendor');
like($html, qr{Verified by HomeServe}, 'as verified');
like($html, qr{110001 110002}, 'with the pincodes served');
like($html, qr{<a href="/services\?category=ac">AC &amp; cooling</a>}, 'and the categories');
like($html, qr{Average rating <strong>4\.0 out of 5</strong> from 2 reviews},
    'and the average and count');
like($html, qr{<strong>5 out of 5</strong> for <a href="/services/$service">AC Repair</a>},
    'each review names its service');
is($m{anon}->get($stack->url("/vendors/$uid{customer1}"))->code, 404,
    'a customer has no vendor profile: 404');
is($m{anon}->get($stack->url('/vendors/999999'))->code, 404, 'nor does an unknown id');
is($m{anon}->get($stack->url("/vendors/$uid{vendor1}?before=abc"))->code, 400,
    'a bad page of reviews: 400');
like($m{anon}->get($stack->url("/vendors/$uid{vendor9}"))->decoded_content,
    qr{No reviews yet\.}, 'a vendor without reviews says so');

# --- the record and its checks ---
$res = $m{customer1}->get($stack->url("/signatures/$s1"));
is($res->code, 200, 'the signature page for the customer');
$html = $res->decoded_content;
like($html, qr{Hash verified}, 'the hash check passes');
like($html, qr{Platform signature verified}, 'the Ed25519 check passes');
unlike($html, qr{check failed}, 'nothing fails');
like($html, qr{\Qopenssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in record.txt -sigfile record.sig\E},
    'the page gives the offline command');
for my $who (qw(vendor1 ops_mgr admin)) {
	$res = $m{$who}->get($stack->url("/signatures/$s1"));
	is($res->code, 200, "$who sees the record");
	like($res->decoded_content, qr{Platform signature verified}, "$who sees it verified");
}

my $dir = tempdir('hs-sig-XXXXXX', TMPDIR => 1, CLEANUP => 1);
sub fetch_to {
	my ($who, $path, $file) = @_;
	my $r = $m{$who}->get($stack->url($path));
	open(my $fh, '>:raw', "$dir/$file") or die "$dir/$file: $!";
	print {$fh} $r->content;
	close $fh;
	return $r;
}
sub openssl_verify {
	return run_command(['openssl', 'pkeyutl', '-verify', '-pubin', '-inkey',
	    "$dir/public-key.pem", '-rawin', '-in', "$dir/record.txt", '-sigfile',
	    "$dir/record.sig"]);
}

$res = fetch_to('customer1', "/signatures/$s1/record.txt", 'record.txt');
is($res->code, 200, 'record.txt downloads');
like($res->header('Content-Type'), qr{^text/plain}, '... as text/plain');
header_has_security($res, 'record.txt');
my $record = join('', "homeserve-signature-v1\n", "signature_id=$s1\n",
    "booking_id=$b1\n", "customer_id=$uid{customer1}\n",
    "vendor_id=$uid{vendor1}\n", "service_id=$service\n", "price_paise=50000\n",
    "rating=5\n", "signed_at=$iso\n",
    'comments_sha256=' . sha256_hex(Encode::encode('UTF-8', $comments)) . "\n",
    "sha256=$row->{sha256}\n");
is($res->content, $record, 'record.txt is the canonical text, byte for byte');
$res = fetch_to('customer1', "/signatures/$s1/record.sig", 'record.sig');
is($res->code, 200, 'record.sig downloads');
is($res->header('Content-Type'), 'application/octet-stream', '... as octet-stream');
is(length($res->content), 64, '... 64 raw bytes');
is(MIME::Base64::encode_base64($res->content, ''), $row->{ed25519},
    '... the stored signature');
$res = fetch_to('anon', '/signatures/public-key.pem', 'public-key.pem');
is($res->code, 200, 'the public key is public');
is($res->content, HomeServe::Test::read_file($stack->data . '/keys/signing.pub'),
    'it is keys/signing.pub');

my ($rc, $out, $err) = openssl_verify();
is($rc, 0, 'openssl verifies the record offline (exit 0)');
like($out, qr/Signature Verified Successfully/, '... "Signature Verified Successfully"')
    or diag($err);

# --- tampering with the stored record ---
$stack->sql('UPDATE signatures SET rating = 1 WHERE id = ?', $s1);
$html = $m{customer1}->get($stack->url("/signatures/$s1"))->decoded_content;
like($html, qr{Hash check failed}, 'after editing the rating, the hash check fails');
like($html, qr{Platform signature check failed}, '... and so does the Ed25519 check');
unlike($html, qr{Hash verified|Platform signature verified}, '... and neither is claimed');
$res = fetch_to('customer1', "/signatures/$s1/record.txt", 'record.txt');
like($res->content, qr/^rating=1$/m, 'the rebuilt record.txt says rating=1');
($rc, $out, $err) = openssl_verify();
isnt($rc, 0, 'openssl refuses the edited record (exit status not 0)');
unlike($out, qr/Signature Verified Successfully/, '... and does not say it verified');
$stack->sql('UPDATE signatures SET rating = 5 WHERE id = ?', $s1);
for my $edit (['signed_at', 'signed_at = signed_at + 1', 'signed_at = signed_at - 1'],
    ['comments', q{comments = 'Terrible'}, 'comments = ?', $comments],
    ['booking_id', "booking_id = $accepted", "booking_id = $b1"]) {
	my ($what, $set, $undo, @binds) = @$edit;
	$stack->sql("UPDATE signatures SET $set WHERE id = ?", $s1);
	$res = $m{admin}->get($stack->url("/signatures/$s1"));
	like($res->decoded_content, qr{check failed}, "editing $what is detected");
	$stack->sql("UPDATE signatures SET $undo WHERE id = ?", @binds, $s1);
}
$html = $m{customer1}->get($stack->url("/signatures/$s1"))->decoded_content;
like($html, qr{Hash verified.*Platform signature verified}s, 'restored, both pass again');

# --- who may see what ---
for my $path ("/signatures/$s1/sign", "/signatures/$s1",
    "/signatures/$s1/record.txt", "/signatures/$s1/record.sig") {
	$res = $m{customer2}->get($stack->url($path));
	is($res->code, 404, "another customer: GET $path is 404");
	unlike($res->decoded_content // '', qr{Very tidy|vendor1}, '... showing nothing of it');
}
$res = post_from('customer2', '/', "/signatures/$s1/sign", { satisfaction_rating => 1 });
is($res->code, 404, 'another customer: POST sign is 404');
$res = post_from('customer2', '/', "/signatures/$s1/reject", { reason => 'x' });
is($res->code, 404, 'another customer: POST reject is 404');
is($m{vendor1}->get($stack->url("/signatures/$s1/sign"))->code, 403,
    'the vendor on the sign page: 403');
$res = post_from('vendor1', '/vendor/', "/signatures/$s1/sign", { satisfaction_rating => 1 });
is($res->code, 403, 'the vendor posting a signature: 403');
$res = $m{anon}->get($stack->url("/signatures/$s1"));
is($res->code, 303, 'a visitor is sent to sign in');
like($res->header('Location'), qr{^/login\?next=}, '... to /login');
is($m{customer1}->get($stack->url('/signatures/999999'))->code, 404,
    'an unknown signature: 404');
is($stack->sql_value('SELECT rating FROM signatures WHERE id = ?', $s1), 5,
    'nothing changed the record');

# --- rejecting opens a dispute ---
my $b2 = booking_in('completed');
request_signature($b2);
my $s2 = signature_of($b2);
$res = $m{customer1}->get($stack->url("/signatures/$s2"));
like($res->decoded_content, qr{href="/signatures/$s2/sign"}, 'an open record links to the sign page');
$res = post_from('customer1', "/signatures/$s2/sign", "/signatures/$s2/reject",
    { reason => '  ' });
is($res->code, 422, 'rejecting without a reason: 422');
like($res->decoded_content, qr{<p class="error" id="reason-error">Reason is required\.</p>},
    '... the sign page again with the message');
like($res->decoded_content, qr{name="satisfaction_rating"}, '... and the sign form');
$res = post_from('customer1', "/signatures/$s2/sign", "/signatures/$s2/reject",
    { reason => 'The AC still drips water.' });
is($res->code, 303, 'rejecting with a reason: 303');
is($res->header('Location'), "/bookings/$b2?notice=disputed", '... to the booking with the notice');
is(booking_status($b2), 'disputed', 'the booking is disputed');
is($stack->sql_value('SELECT status FROM signatures WHERE id = ?', $s2), 'rejected',
    'the signature is rejected');
is($stack->sql_value('SELECT reject_reason FROM signatures WHERE id = ?', $s2),
    'The AC still drips water.', 'with the reason');
like($m{customer1}->get($stack->url("/bookings/$b2?notice=disputed"))->decoded_content,
    qr{Your dispute is recorded; our operations team will contact you\.},
    'the booking page confirms the dispute');
$res = post_from('customer1', "/signatures/$s2/sign", "/signatures/$s2/sign",
    { satisfaction_rating => 5 });
is($res->code, 409, 'signing a rejected one: 409');
like($m{ops_mgr}->get($stack->url("/signatures/$s2"))->decoded_content,
    qr{The AC still drips water\.}, 'ops see the reason');

# --- expiry, by the command a timer runs ---
my $b3 = booking_in('completed');
request_signature($b3);
my $s3 = signature_of($b3);
my $b4 = booking_in('completed');
request_signature($b4);
my $s4 = signature_of($b4);
$stack->sql('UPDATE signatures SET requested_at = unixepoch() - 49 * 3600,
    expires_at = unixepoch() - 3600 WHERE id = ?', $s3);
$res = post_from('customer1', "/signatures/$s3/sign", "/signatures/$s3/sign",
    { satisfaction_rating => 5 });
is($res->code, 409, 'past the deadline, signing is refused even before expiry runs');
like($res->decoded_content, qr{The window to sign has closed\.}, '... saying why');
($rc, $out, $err) = run_command(["$BUILD/tools/homeserve-ctl", 'expire-signatures'],
    env => { $stack->env });
is($rc, 0, 'homeserve-ctl expire-signatures runs') or diag($err);
like($out, qr/^expired 1 signature request$/m, '... and expires one');
is(booking_status($b3), 'expired', 'the booking is expired');
is($stack->sql_value('SELECT status FROM signatures WHERE id = ?', $s3), 'expired',
    'the signature is expired');
is(booking_status($b4), 'signature_requested', 'one still within its 48 hours is left alone');
$res = post_from('customer1', "/signatures/$s3/sign", "/signatures/$s3/sign",
    { satisfaction_rating => 5 });
is($res->code, 409, 'signing an expired one: 409');
like($res->decoded_content, qr{The window to sign has closed\.}, '... saying why');
$res = $m{customer1}->get($stack->url("/signatures/$s3/sign"));
is($res->code, 200, 'the sign page of an expired one still shows');
unlike($res->decoded_content, qr{name="satisfaction_rating"}, '... without the form');
($rc, $out) = run_command(["$BUILD/tools/homeserve-ctl", 'expire-signatures'],
    env => { $stack->env });
like($out, qr/^expired 0 signature requests$/m, 'running again expires nothing');

# --- the audit log ---
my %audit = map { $_->{action} => $_->{n} } @{ $stack->sql(
    'SELECT action, count(*) AS n FROM audit_log GROUP BY action') };
is($audit{'signature.request'}, 5, 'five requests audited');
is($audit{'signature.sign'}, 2, 'two signatures audited');
is($audit{'signature.reject'}, 1, 'one rejection audited');
is($audit{'signature.expire'}, 1, 'one expiry audited');
is($audit{'booking.expired'}, 1, 'the booking transition to expired audited');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'signature.expire'
    AND actor_id IS NULL AND entity_id = ?}, $s3), 1, 'the expiry is by the system');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'signature.sign'
    AND actor_id = ? AND entity_id = ?}, $uid{customer1}, $s1), 1,
    'the signature is by customer1');

$stack->finish;
done_testing();
