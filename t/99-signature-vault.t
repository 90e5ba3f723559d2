# 99-signature-vault.t: the signature vault: every record with both checks worked out as shown, tampering caught and counted, the filters against SQL, bad ranges refused, 403s, and the CSV export verified offline with the very openssl commands the public explanation page gives.
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
use Text::CSV;
use Time::HiRes ();
use Time::Local qw(timegm);
use HomeServe::Test;

my $stack = start_stack();
my $BUILD = build_dir();

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['onboard_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user,
	    $user eq 'admin' ? 'admin123' : 'password123', $home);
}
$m{anon} = $stack->mech;

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(
    q{SELECT id FROM services WHERE name = 'AC Repair'});
my $NOW = time;

# --- times as the vault shows and files them: India's days -----------------
my $IST = 5 * 3600 + 1800;
my $WIDE = 999_999_999_999_999_999;	# no bound (sql_quote's widest integer)
sub ist_midnight { my ($y, $m, $d) = @_; return timegm(0, 0, 0, $d, $m - 1, $y) - $IST }
sub ist_day { my @g = gmtime($_[0] + $IST); return sprintf('%04d-%02d-%02d', $g[5] + 1900, $g[4] + 1, $g[3]) }
sub day_start { my ($y, $m, $d) = split /-/, $_[0]; return ist_midnight($y, $m, $d) }
sub iso_utc { strftime('%Y-%m-%dT%H:%M:%SZ', gmtime($_[0])) }
sub iso_local {
	my ($t) = @_;
	return '' unless defined $t;
	my @g = gmtime($t + $IST);
	return sprintf('%04d-%02d-%02dT%02d:%02d:%02d+05:30', $g[5] + 1900, $g[4] + 1, @g[3, 2, 1, 0]);
}
# Text from people: a leading ' when a spreadsheet would read a formula.
sub text {
	my ($s) = @_;
	return '' unless defined $s;
	return $s =~ /^[=+\-\@\t\r]/ ? "'$s" : $s;
}

# --- records through the real flow (as t/55 makes them) --------------------

# A completed booking of AC Repair for customer1 by vendor1.
sub booking_in {
	my ($status, $at) = @_;
	$at //= $NOW - 86400;
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id,
	    category, address, pincode, scheduled_at, duration_minutes,
	    price_paise, notes, status, created_at, updated_at) VALUES (?, ?, ?,
	    'ac', '12 Janpath, New Delhi', '110001', ?, 90, 50000, '', ?, ?, ?)},
	    $uid{customer1}, $uid{vendor1}, $service, $at, $status, $at - 3600, $at);
	return $stack->sql_value('SELECT max(id) FROM bookings');
}
sub signature_of {
	return $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $_[0]);
}
# POST with the CSRF token of a page the mech fetches first.
sub post_from {
	my ($who, $page, $path, $fields) = @_;
	$m{$who}->get($stack->url($page));
	return $stack->post_form($m{$who}, $path, $fields // {});
}
# vendor1 asks for the signature of a new completed booking: its id.
sub requested {
	my $b = booking_in('completed');
	my $res = post_from('vendor1', '/vendor/', "/vendor/bookings/$b/request-signature");
	is($res->code, 303, "vendor1 asks for the signature of booking $b");
	return signature_of($b);
}
sub sign_ok {
	my ($rating, $comments) = @_;
	my $s = requested();
	my $res = post_from('customer1', "/signatures/$s/sign", "/signatures/$s/sign",
	    { satisfaction_rating => $rating, comments => $comments });
	is($res->code, 303, "customer1 signs record $s with $rating");
	return $s;
}

my $formula = '=HYPERLINK("http://evil.example/","Click me")';
my %real;
$real{requested} = requested();
$real{expired} = requested();
$real{rejected} = requested();
my $res = post_from('customer1', "/signatures/$real{rejected}/sign",
    "/signatures/$real{rejected}/reject", { reason => 'The AC still drips.' });
is($res->code, 303, 'customer1 rejects one');
$stack->sql('UPDATE signatures SET requested_at = ?, expires_at = ? WHERE id = ?',
    $NOW - 3 * 86400, $NOW - 86400, $real{expired});
my ($rc, $out, $err) = $stack->ctl('expire-signatures');
like($out, qr/^expired 1 signature request$/m, 'one request expires, by the command a timer runs')
    or diag($err);
# Asked for days ago: an unsigned record's time in the vault is its request.
$stack->sql('UPDATE signatures SET requested_at = ?, expires_at = ? WHERE id = ?',
    $NOW - 10 * 86400, $NOW - 8 * 86400, $real{rejected});
$real{tidy} = sign_ok(5, 'Very tidy work — धन्यवाद');
$real{formula} = sign_ok(4, $formula);
$real{plain} = sign_ok(2, '');
is($stack->sql_value(q{SELECT group_concat(status, ' ') FROM (SELECT status FROM signatures ORDER BY id)}),
    'requested expired rejected signed signed signed', 'one record in each state');

# --- older signed records, made here with the platform's own key -----------
# The web workers sign "now"; the filters need records signed on other
# days.  These are signed exactly as signature.h describes, by openssl
# with keys/signing.pem: the vault must find them genuine too.
my $dir = tempdir('hs-vault-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $KEY = $stack->data . '/keys/signing.pem';

sub record_text {
	my ($r) = @_;
	return join('', "homeserve-signature-v1\n", "signature_id=$r->{id}\n",
	    "booking_id=$r->{booking_id}\n", "customer_id=$r->{customer_id}\n",
	    "vendor_id=$r->{vendor_id}\n", "service_id=$r->{service_id}\n",
	    "price_paise=$r->{price_paise}\n", "rating=$r->{rating}\n",
	    'signed_at=' . iso_utc($r->{signed_at}) . "\n",
	    'comments_sha256=' . sha256_hex(Encode::encode('UTF-8', $r->{comments})) . "\n",
	    "sha256=$r->{sha256}\n");
}
sub hash_input {
	my ($r) = @_;
	return "$r->{booking_id}_$r->{customer_id}_" . iso_utc($r->{signed_at}) . "_$r->{rating}";
}
sub openssl_sign {
	my ($text) = @_;
	HomeServe::Test::write_file("$dir/sign.txt", $text);
	my ($rc, undef, $err) = run_command(['openssl', 'pkeyutl', '-sign', '-inkey', $KEY,
	    '-rawin', '-in', "$dir/sign.txt", '-out', "$dir/sign.sig"]);
	die "openssl pkeyutl -sign: $err" if $rc != 0;
	return MIME::Base64::encode_base64(HomeServe::Test::read_file("$dir/sign.sig"), '');
}
# A signed record on booking made for it; with want => qr//, the
# comments grow until the signature's base64 matches it.
sub signed_fixture {
	my (%o) = @_;
	my $b = booking_in('signed', $o{signed_at} - 86400);
	$stack->sql(q{INSERT INTO signatures (booking_id, customer_id, status, requested_at, expires_at)
	    VALUES (?, ?, 'requested', ?, ?)}, $b, $uid{customer1}, $o{signed_at} - 3600,
	    $o{signed_at} + 47 * 3600);
	my %r = (id => signature_of($b), booking_id => $b, customer_id => $uid{customer1},
	    vendor_id => $uid{vendor1}, service_id => $service, price_paise => 50000,
	    rating => $o{rating}, signed_at => $o{signed_at}, comments => $o{comments});
	$r{sha256} = sha256_hex(hash_input(\%r));
	my $sig = openssl_sign(record_text(\%r));
	for (my $n = 1; $o{want} && $sig !~ $o{want}; $n++) {
		die 'no signature matched after 2000 tries' if $n > 2000;
		$r{comments} = "$o{comments} ($n)";
		$sig = openssl_sign(record_text(\%r));
	}
	$stack->sql(q{UPDATE signatures SET status = 'signed', signed_at = ?, rating = ?,
	    comments = ?, sha256 = ?, ed25519 = ? WHERE id = ?}, $r{signed_at}, $r{rating},
	    $r{comments}, $r{sha256}, $sig, $r{id});
	return $r{id};
}
my @fixtures;
for my $i (0 .. 50) {
	# Every fourth day back, at different hours; ratings 1 to 5 in turn.
	push @fixtures, signed_fixture(signed_at => $NOW - ($i + 1) * 4 * 86400 - ($i % 7) * 3600,
	    rating => 1 + $i % 5, comments => $i % 3 ? "Fixture $i" : '');
}
# A signature whose base64 begins with '+', which a CSV neutralises.
my $plus = signed_fixture(signed_at => $NOW - 6 * 3600, rating => 3,
    comments => 'Signed with a plus', want => qr/^\+/);
like($stack->sql_value('SELECT ed25519 FROM signatures WHERE id = ?', $plus), qr/^\+/,
    "record $plus: a signature whose base64 begins with +");
my $total = $stack->sql_value('SELECT count(*) FROM signatures');
is($total, 58, '58 records: 6 through the forms, 52 signed here');

# --- reading the list page ---------------------------------------------------
# Each row of the table: booking, names, rating, status, both checks, record.
sub rows_of {
	my ($html) = @_;
	my ($body) = $html =~ m{<tbody>(.*?)</tbody>}s or return [];
	my @rows;
	for my $tr ($body =~ m{(<tr.*?</tr>)}gs) {
		my @td = $tr =~ m{<td[^>]*>(.*?)</td>}gs;
		my %r = (failing => $tr =~ /^<tr class="check-failing">/ ? 1 : 0);
		($r{booking}) = $td[0] =~ m{href="/ops/bookings/(\d+)">#\1</a>};
		$r{customer} = $td[1];
		$r{vendor} = $td[2];
		($r{rating}) = $td[3] =~ /^(\d|—)/;
		($r{status}) = $td[4] =~ m{<span class="status status-(\w+)">};
		$r{signed} = $td[6] =~ /<time datetime="([^"]+)">/ ? $1 : $td[6];
		for my $c ([sha256 => $td[7]], [ed25519 => $td[8]]) {
			$r{$c->[0]} = $c->[1] =~ m{^<span class="status status-check-ok">✓ passes</span>$} ? 'ok'
			    : $c->[1] =~ m{^<strong class="status status-check-failed">✗ fails</strong>$} ? 'fails'
			    : $c->[1] =~ m{^<span class="muted">Not signed</span>$} ? 'none' : "?? $c->[1]";
		}
		($r{id}) = $td[9] =~ m{^<a href="/signatures/(\d+)">Record #\1</a>$};
		push @rows, \%r;
	}
	return \@rows;
}
sub ids_of { [map { $_->{id} } @{ rows_of($_[0]) }] }

# The ids the vault must list, by SQL written here: newest first by when
# signed, or requested if never signed.
sub expected_ids {
	my (%f) = @_;
	my (@where, @binds) = ('coalesce(signed_at, requested_at) >= ?', 'coalesce(signed_at, requested_at) < ?');
	@binds = ($f{from} // -$WIDE, $f{to} // $WIDE);
	if (defined $f{status}) { push @where, 'status = ?'; push @binds, $f{status} }
	if (defined $f{rating}) { push @where, q{status = 'signed' AND rating = ?}; push @binds, $f{rating} }
	my $limit = $f{all} ? -1 : 50;
	my $offset = (($f{page} // 1) - 1) * 50;
	return [map { $_->{id} } @{ $stack->sql('SELECT id FROM signatures WHERE ' . join(' AND ', @where)
	    . " ORDER BY coalesce(signed_at, requested_at) DESC, id DESC LIMIT $limit OFFSET $offset", @binds) }];
}
sub vault {
	my ($who, $query) = @_;
	return $m{$who}->get($stack->url('/ops/signatures' . (defined $query ? "?$query" : '')));
}

# --- the list, everything genuine -------------------------------------------
$res = vault('ops_mgr');
is($res->code, 200, 'ops_mgr opens /ops/signatures');
my $html = $res->decoded_content;
like($html, qr{<a href="/ops/signatures" aria-current="page">Signatures</a>}, 'the navigation names it, as the current page');
my $rows = rows_of($html);
is(scalar @$rows, 50, '50 records on the first page');
is_deeply(ids_of($html), expected_ids(), 'newest first, by signed time or else requested time');
my %by_id = map { $_->{id} => $_ } @$rows;
my $db = { map { $_->{id} => $_ } @{ $stack->sql(q{SELECT s.*, b.vendor_id, c.username AS customer,
    v.username AS vendor FROM signatures s JOIN bookings b ON b.id = s.booking_id
    JOIN users c ON c.id = s.customer_id JOIN users v ON v.id = b.vendor_id}) } };
my @bad = grep {
	my $r = $_; my $d = $db->{$r->{id}};
	my $signed = $d->{status} eq 'signed';
	$r->{booking} != $d->{booking_id} || $r->{customer} ne $d->{customer} || $r->{vendor} ne $d->{vendor}
	    || $r->{status} ne $d->{status} || $r->{rating} ne ($signed ? $d->{rating} : '—')
	    || $r->{signed} ne ($signed ? iso_utc($d->{signed_at}) : '—')
	    || $r->{sha256} ne ($signed ? 'ok' : 'none') || $r->{ed25519} ne ($signed ? 'ok' : 'none')
	    || $r->{failing}
} @$rows;
ok(!@bad, 'each row: booking, customer, vendor, rating, status, signed time; both checks pass, or none for the unsigned')
    or diag(explain(\@bad));
for my $state (qw(requested expired rejected)) {
	is($by_id{$real{$state}}{sha256} . ' ' . $by_id{$real{$state}}{ed25519}, 'none none',
	    "the $state record has nothing to check");
}
my $signed_shown = grep { $db->{$_}{status} eq 'signed' } @{ expected_ids() };
like($html, qr{<p class="notice">All $signed_shown signed records on this page pass both checks\.</p>},
    "the count: all $signed_shown signed records on the page pass");
unlike($html, qr{fail their checks|✗ fails}, 'nothing fails');
like($html, qr{<a href="/signatures/verify">How to verify a record offline</a>}, 'the page links the offline explanation');
like($html, qr{<a href="/ops/signatures/export">Download these records as CSV</a>}, 'and the CSV');
like($html, qr{<a href="/ops/signatures\?page=2">Older records</a>}, 'a link to the second page');
$res = vault('ops_mgr', 'page=2');
is_deeply(ids_of($res->decoded_content), expected_ids(page => 2), 'the second page: the 8 oldest');
like($res->decoded_content, qr{<a href="/ops/signatures\?page=1">Newer records</a>}, '... with a way back');
unlike($res->decoded_content, qr{Older records}, '... and none further');
$res = vault('ops_mgr', 'page=3');
is($res->code, 200, 'a page past the end: 200');
like($res->decoded_content, qr{No signatures on page 3: there are fewer\. <a href="/ops/signatures\?page=1">Back to the first page</a>},
    '... says so, with a way back');
$res = vault('admin');
is($res->code, 200, 'the super admin opens it too');
like($res->decoded_content, qr{<a href="/ops/signatures" aria-current="page">Signatures</a>}, 'from the admin\'s navigation');

# The checks run for every row shown: the page's time with 50 of them.
my @times;
for (1 .. 7) {
	my $t0 = Time::HiRes::time();
	$res = vault('ops_mgr', 'status=signed');
	push @times, Time::HiRes::time() - $t0;
}
is(scalar @{ rows_of($res->decoded_content) }, 50, 'status=signed: 50 signed records, 100 checks');
@times = sort { $a <=> $b } @times;
diag(sprintf('/ops/signatures?status=signed, 50 records checked: median %.1f ms (min %.1f, max %.1f) over 7',
    1000 * $times[3], 1000 * $times[0], 1000 * $times[-1]));

# --- who may look ------------------------------------------------------------
for my $who (qw(customer1 vendor1 onboard_mgr)) {
	for my $path ('/ops/signatures', '/ops/signatures?status=signed', '/ops/signatures/export') {
		$res = $m{$who}->get($stack->url($path));
		is($res->code, 403, "$who: GET $path is 403");
		unlike($res->decoded_content, qr{Very tidy|Fixture|homeserve-signature}, '... showing nothing of it');
	}
}
unlike($m{onboard_mgr}->get($stack->url('/ops/'))->decoded_content, qr{href="/ops/signatures"},
    'onboarding managers have no Signatures link');
$res = $m{anon}->get($stack->url('/ops/signatures'));
is($res->code, 303, 'a visitor is sent to sign in');
like($res->header('Location') // '', qr{^/login\?next=}, '... at /login');

# --- tampering, caught as the page is shown ----------------------------------
my $fixture_new = $fixtures[0];
$stack->sql('UPDATE signatures SET rating = 1 WHERE id = ?', $real{tidy});
$stack->sql(q{UPDATE signatures SET comments = 'Edited behind the platform''s back' WHERE id = ?}, $fixture_new);
$html = vault('ops_mgr')->decoded_content;
$rows = rows_of($html);
%by_id = map { $_->{id} => $_ } @$rows;
like($html, qr{<p class="error-summary" role="alert"><strong>2 of $signed_shown signed records on this page fail their checks\.</strong>},
    "the count at the top: 2 of $signed_shown fail");
is_deeply([@{ $by_id{$real{tidy}} }{qw(sha256 ed25519 failing)}], ['fails', 'fails', 1],
    'a rating edited in SQL: both checks fail, and the row is marked');
is($by_id{$real{tidy}}{rating}, 1, '... showing the edited rating');
is_deeply([@{ $by_id{$fixture_new} }{qw(sha256 ed25519 failing)}], ['ok', 'fails', 1],
    'comments edited in SQL: the SHA-256 (which covers no comments) passes, the Ed25519 fails');
is(scalar(grep { $_->{failing} } @$rows), 2, 'no other row is marked');
like($html, qr{<tr class="check-failing">\n<td[^>]*><a href="/ops/bookings/\d+">#\d+</a></td>}, 'a failing row has its class');
like($html, qr{<strong class="status status-check-failed">✗ fails</strong>}, 'and says so in words, not colour alone');
$res = $m{ops_mgr}->get($stack->url("/signatures/$real{tidy}"));
like($res->decoded_content, qr{Hash check failed}, 'the record page agrees');
like($res->decoded_content, qr{<pre class="record">homeserve-signature-v1\nsignature_id=$real{tidy}\nbooking_id=\d+\n},
    '... and shows its signed record line by line, as signed');
like($res->decoded_content, qr{<a href="/signatures/verify">How to verify a record offline</a>},
    'and links the offline explanation');

# --- the filters, against SQL ------------------------------------------------
for my $status (qw(requested signed rejected expired)) {
	$res = vault('ops_mgr', "status=$status");
	is($res->code, 200, "status=$status: 200");
	is_deeply(ids_of($res->decoded_content), expected_ids(status => $status), "status=$status: the records SQL finds");
	like($res->decoded_content, qr{<option value="$status" selected>}, "status=$status: chosen in the form");
}
for my $rating (1 .. 5) {
	$res = vault('ops_mgr', "rating=$rating");
	my $ids = ids_of($res->decoded_content);
	is_deeply($ids, expected_ids(rating => $rating), "rating=$rating: the signed records SQL finds");
	ok(@$ids && !grep({ $by_id{$_} && $by_id{$_}{rating} ne $rating } @$ids), "rating=$rating: each shows $rating");
}
my $fixture_at = sub { $stack->sql_value('SELECT signed_at FROM signatures WHERE id = ?', $fixtures[$_[0]]) };
my ($d_from, $d_to) = (ist_day($fixture_at->(20)), ist_day($fixture_at->(5)));
for my $case (["from=$d_from&to=$d_to", from => day_start($d_from), to => day_start($d_to) + 86400],
    ["from=$d_to&to=$d_to", from => day_start($d_to), to => day_start($d_to) + 86400],
    ["from=$d_to", from => day_start($d_to)],
    ["to=$d_from", to => day_start($d_from) + 86400],
    ['from=' . ist_day($NOW - 12 * 86400) . '&to=' . ist_day($NOW - 9 * 86400) . '&status=rejected',
	from => day_start(ist_day($NOW - 12 * 86400)), to => day_start(ist_day($NOW - 9 * 86400)) + 86400,
	status => 'rejected'],
    ["from=$d_from&to=$d_to&status=signed&rating=3", from => day_start($d_from),
	to => day_start($d_to) + 86400, status => 'signed', rating => 3],
    ["from=$d_from&to=$d_to&rating=3", from => day_start($d_from), to => day_start($d_to) + 86400, rating => 3],
    ['status=expired&rating=5', status => 'expired', rating => 5]) {
	my ($query, %f) = @$case;
	$res = vault('ops_mgr', $query);
	is($res->code, 200, "$query: 200");
	is_deeply(ids_of($res->decoded_content), expected_ids(%f), "$query: the records SQL finds");
}
ok(scalar @{ expected_ids(from => day_start($d_to), to => day_start($d_to) + 86400) } >= 1,
    'one day holds a record: the day filter has something to find');
like(vault('ops_mgr', 'status=expired&rating=5')->decoded_content, qr{<p>No signatures match\.</p>},
    'a rating with a status that has none: none match, and it says so');
like(vault('ops_mgr', "from=$d_from&to=$d_to&rating=3")->decoded_content,
    qr{<a href="/ops/signatures/export\?from=$d_from&amp;to=$d_to&amp;rating=3">Download these records as CSV</a>},
    'the CSV link keeps the filters');
$res = vault('ops_mgr', 'from=2024-01-01&to=2024-12-31');
is($res->code, 200, 'a whole leap year, 366 days: 200');
is(vault('ops_mgr', 'from=2025-01-01&to=2026-01-01')->code, 200, '366 days over a new year: 200');

# --- bad filters: 422 with the form and what was wrong -----------------------
for my $bad (['from=2025-06-01&to=2025-05-31', 'to', 'The last day comes before the first: choose a last day on or after it.'],
    ['from=2025-01-01&to=2026-01-02', 'to', 'Choose at most a year: 366 days, both ends included.'],
    ['from=2023-01-01&to=2025-12-31', 'to', 'Choose at most a year: 366 days, both ends included.'],
    ['from=2025-02-30', 'from', '“2025-02-30” is not a day: give the first day as YYYY-MM-DD, such as 2026-05-01, or leave it empty.'],
    ['to=yesterday', 'to', '“yesterday” is not a day: give the last day as YYYY-MM-DD, such as 2026-05-31, or leave it empty.'],
    ['from=%3Cscript%3E', 'from', '“&lt;script&gt;” is not a day: give the first day as YYYY-MM-DD, such as 2026-05-01, or leave it empty.'],
    ['from=2025-06-01&to=2025-06-31', 'to', '“2025-06-31” is not a day: give the last day as YYYY-MM-DD, such as 2026-05-31, or leave it empty.'],
    ['status=lost', 'status', 'Choose a status from the list.'],
    ['status=%27%20OR%201%3D1', 'status', 'Choose a status from the list.'],
    ['rating=6', 'rating', 'Rating must be a whole number from 1 to 5.'],
    ['rating=0', 'rating', 'Rating must be a whole number from 1 to 5.'],
    ['rating=4.5', 'rating', 'Rating must be a whole number from 1 to 5.']) {
	my ($query, $field, $message) = @$bad;
	$res = vault('ops_mgr', $query);
	is($res->code, 422, "$query: 422");
	$html = $res->decoded_content;
	like($html, qr{<p class="error" id="$field-error">\Q$message\E</p>}, "$query: the message on $field");
	like($html, qr{id="$field" name="$field"[^>]*aria-invalid="true"}, "$query: $field is marked invalid");
	unlike($html, qr{<tbody>}, "$query: no records");
}
$html = vault('ops_mgr', 'from=2025-06-01&to=2025-06-31')->decoded_content;
like($html, qr{<input id="from" name="from" type="date" value="2025-06-01">}, 'a good day is kept in its date input');
like($html, qr{<input id="to" name="to" type="date" value=""}, 'a bad one is not (a date input holds only dates): the message quotes it');
$res = vault('ops_mgr', 'page=0');
is($res->code, 422, 'page=0: 422');
like($res->decoded_content, qr{Page must be a whole number from 1 to 100000\.}, '... saying why');
my $exports = sub { $stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'export.signatures'}) };
$res = $m{ops_mgr}->get($stack->url('/ops/signatures/export?from=2025-06-01&to=2025-05-31'));
is($res->code, 422, 'the export with the days the wrong way round: 422');
like($res->header('Content-Type'), qr{^text/html}, '... a page, not a file');
like($res->decoded_content, qr{The last day comes before the first}, '... saying why');
is($exports->(), 0, '... and nothing exported or audited');

# --- the explanation page and the public key ---------------------------------
$res = $m{anon}->get($stack->url('/signatures/verify'));
is($res->code, 200, '/signatures/verify is public');
$html = $res->decoded_content;
my %command;
for my $name (qw(decode hash verify comments)) {
	($command{$name}) = $html =~ m{<pre><code id="command-$name">(.*?)</code></pre>}s;
	ok(defined $command{$name}, "the page gives the $name command");
	$command{$name} = decode_html($command{$name} // '');
}
is($command{verify}, 'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in record.txt -sigfile record.sig',
    'the verify command, as the record page gives it');
like($command{hash}, qr{^printf '%s' '12_2_2025-01-31T09:05:00Z_5' > hash-input.txt\nopenssl dgst -sha256 hash-input.txt$},
    'the hash commands');
$res = $m{anon}->get($stack->url('/signatures/public-key.pem'));
is($res->code, 200, 'the public key is public');
like($res->header('Content-Type'), qr{^text/plain}, '... as text/plain');
is($res->header('Cache-Control'), 'public, max-age=86400', '... cached for a day');
is(set_cookie_of($res, 'hs_session'), undef, '... with no cookie that would keep a cache from sharing it');
my $pem = $res->content;
is($pem, HomeServe::Test::read_file($stack->data . '/keys/signing.pub'), 'it is keys/signing.pub');
like($html, qr{<pre class="record">\Q$pem\E</pre>}, 'the explanation page shows the same key');
HomeServe::Test::write_file("$dir/public-key.pem", $pem);

# --- the export ----------------------------------------------------------------
my @HEADER = ('Signature ID', 'Booking ID', 'Status', 'Customer', 'Vendor', 'Rating', 'Requested', 'Signed',
    'Comments', 'Hash input', 'SHA-256', 'Signed record', 'Ed25519 (base64)', 'SHA-256 check', 'Ed25519 check');

# An export's bytes as records (as t/93 reads them): the BOM, RFC 4180,
# then Text::CSV.
sub parse_csv {
	my ($bytes, $what) = @_;
	ok(substr($bytes, 0, 3) eq "\xEF\xBB\xBF", "$what: starts with the UTF-8 byte order mark")
	    or return undef;
	my $body = substr($bytes, 3);
	my $text = eval { Encode::decode('UTF-8', my $copy = $body, Encode::FB_CROAK) };
	ok(defined $text, "$what: is UTF-8") or return undef;
	my $field = qr/"(?:[^"]|"")*"|[^,"\r\n]*/;
	my $records = 0;
	$records++ while $text =~ /\G(?:$field)(?:,(?:$field))*\r\n/gc;
	is(pos($text) // 0, length $text, "$what: RFC 4180 throughout, every record ending in CR LF")
	    or diag('stops at: ' . substr($text, pos($text) // 0, 80));
	my $csv = Text::CSV->new({ binary => 1 });
	open(my $fh, '<:encoding(UTF-8)', \$body) or die "in-memory file: $!";
	my $rows = $csv->getline_all($fh);
	my ($code, $diag) = $csv->error_diag;
	ok(!$code || $code == 2012, "$what: Text::CSV reads it to the end") or diag("$code $diag");
	is(scalar @$rows, $records, "$what: as many rows as records");
	return $rows;
}

# What each row must hold, from the database, with the checks as they
# stand now (the two edited records fail).
my %failing = ($real{tidy} => ['fail', 'fail'], $fixture_new => ['pass', 'fail']);
sub expected_csv {
	my (%f) = @_;
	my $all = { map { $_->{id} => $_ } @{ $stack->sql(q{SELECT s.*, b.vendor_id, b.service_id,
	    b.price_paise, c.username AS customer, v.username AS vendor FROM signatures s
	    JOIN bookings b ON b.id = s.booking_id JOIN users c ON c.id = s.customer_id
	    JOIN users v ON v.id = b.vendor_id}) } };
	my @rows = (\@HEADER);
	for my $id (@{ expected_ids(%f, all => 1) }) {
		my $r = $all->{$id};
		my @cells = ("$id", "$r->{booking_id}", $r->{status}, text($r->{customer}), text($r->{vendor}));
		if ($r->{status} eq 'signed') {
			push @cells, "$r->{rating}", iso_local($r->{requested_at}), iso_local($r->{signed_at}),
			    text($r->{comments}), hash_input($r), $r->{sha256}, record_text($r), text($r->{ed25519}),
			    @{ $failing{$id} // ['pass', 'pass'] };
		} else {
			push @cells, '', iso_local($r->{requested_at}), ('') x 8;
		}
		push @rows, \@cells;
	}
	return \@rows;
}
sub export_ok {
	my ($query, $what) = @_;
	my $path = '/ops/signatures/export' . (defined $query ? "?$query" : '');
	my $res = $m{ops_mgr}->get($stack->url($path));
	is($res->code, 200, "GET $path is 200") or return ($res, undef);
	is($res->header('Content-Type'), 'text/csv; charset=utf-8', "$path: text/csv in UTF-8");
	is($res->header('Content-Disposition'), 'attachment; filename="signatures.csv"', "$path: saved as signatures.csv");
	is($res->header('Content-Length'), undef, "$path: no Content-Length: streamed");
	is($res->header('Cache-Control'), 'no-store', "$path: Cache-Control: no-store");
	return ($res, parse_csv($res->content, $path));
}

my $before = $exports->();
my ($csv_res, $csv) = export_ok(undef);
is($exports->(), $before + 1, 'the export writes its audit row');
is_deeply($stack->sql(q{SELECT l.new_values, u.username FROM audit_log l JOIN users u ON u.id = l.actor_id
    WHERE l.action = 'export.signatures' ORDER BY l.id DESC LIMIT 1})->[0],
    { new_values => '{}', username => 'ops_mgr' }, '... by ops_mgr, with no filters');
is(scalar @$csv, 1 + $total, 'a header and every record, all pages');
is_deeply($csv->[0], \@HEADER, 'the header row');
is_deeply($csv, expected_csv(), 'every row and cell is the database\'s, the checks as they stand now');
my %row = map { $_->[0] => $_ } @$csv[1 .. $#$csv];
is($row{$real{formula}}[8], "'$formula", 'a comment that begins with = is neutralised with a leading \'');
like($csv_res->content, qr{,"'=HYPERLINK\(""http://evil\.example/"",""Click me""\)",}, '... in the file\'s bytes too');
like($row{$plus}[12], qr{^'\+}, 'a signature that begins with + is neutralised too');
is($row{$real{expired}}[7], '', 'an expired record has no signed time');

# The filtered export: the same records as the filtered page, all pages.
my ($f_res, $f_csv) = export_ok("from=$d_from&to=$d_to&rating=3");
is_deeply($f_csv, expected_csv(from => day_start($d_from), to => day_start($d_to) + 86400, rating => 3),
    'a filtered export: the records of those days with rating 3');
is($stack->sql_value(q{SELECT new_values FROM audit_log WHERE action = 'export.signatures' ORDER BY id DESC LIMIT 1}),
    qq({"from":"$d_from","rating":"3","to":"$d_to"}), '... audited with its filters');
(undef, $f_csv) = export_ok('status=signed');
is(scalar @$f_csv - 1, 55, 'status=signed: the 55 signed records, beyond one page');
$before = $exports->();
$res = $m{ops_mgr}->head($stack->url('/ops/signatures/export'));
is($res->code, 200, 'HEAD of the export: 200');
is($exports->(), $before, '... and no audit row: nothing left');
$res = $m{admin}->get($stack->url('/ops/signatures/export?status=rejected'));
is($res->code, 200, 'the super admin exports too');

# --- every record verified offline, by the page's own commands ---------------
# Files as the page says to save them, then each command exactly as the
# page prints it, run by the shell in that folder.
sub shell {
	my ($command) = @_;
	my ($rc, $out, $err) = run_command(['sh', '-c', "cd '$dir' && $command"]);
	return ($rc >> 8, $out, $err);
}
my ($verified, $refused, $hashes_ok, $comments_ok) = (0, 0, 0, 0);
my @offline_bad;
for my $r (@$csv[1 .. $#$csv]) {
	my ($id, $status, $comments, $input, $sha256, $record, $b64) = @$r[0, 2, 8, 9, 10, 11, 12];
	next if $status ne 'signed';
	HomeServe::Test::write_file("$dir/record.txt", Encode::encode('UTF-8', $record));
	# "leave that ' out": base64 never holds a '.
	(my $sig = $b64) =~ s/^'(?=[=+\-\@])//;
	HomeServe::Test::write_file("$dir/record.sig.b64", $sig);
	unlink "$dir/record.sig";
	my ($rc, $out, $err) = shell($command{decode});
	push @offline_bad, "$id: decode: $err" if $rc != 0 || -s "$dir/record.sig" != 64;
	($rc, $out, $err) = shell($command{verify});
	my $genuine = !$failing{$id};
	if ($genuine && $rc == 0 && $out =~ /^Signature Verified Successfully$/m) {
		$verified++;
	} elsif (!$genuine && $rc == 1 && $out =~ /^Signature Verification Failure$/m) {
		$refused++;
	} else {
		push @offline_bad, "$id: verify exit $rc: $out$err";
	}
	(my $hash_cmd = $command{hash}) =~ s/\Q12_2_2025-01-31T09:05:00Z_5\E/$input/;
	($rc, $out, $err) = shell($hash_cmd);
	my ($hex) = $out =~ /^SHA2-256\(hash-input\.txt\)= ([0-9a-f]{64})$/m;
	my $hash_ok = defined $hex && $hex eq $sha256;
	$hashes_ok++ if $hash_ok;
	push @offline_bad, "$id: the hash check says " . ($hash_ok ? 'pass' : 'fail') . ", the vault $r->[13]"
	    if ($hash_ok ? 'pass' : 'fail') ne $r->[13];
	(my $said = $comments) =~ s/^'(?=[=+\-\@\t\r])//;
	HomeServe::Test::write_file("$dir/comments.txt", Encode::encode('UTF-8', $said));
	($rc, $out, $err) = shell($command{comments});
	($hex) = $out =~ /^SHA2-256\(comments\.txt\)= ([0-9a-f]{64})$/m;
	my ($want) = $record =~ /^comments_sha256=([0-9a-f]{64})$/m;
	if (defined $hex && defined $want && $hex eq $want) {
		$comments_ok++;
	} else {
		push @offline_bad, "$id: comments: $out$err";
	}
}
ok(!@offline_bad, 'offline, every record gives the answer the vault gave') or diag(join("\n", @offline_bad));
is($verified, 53, 'openssl verifies the 53 genuine records, the one whose signature began with + among them');
is($refused, 2, 'and refuses the 2 edited ones: "Signature Verification Failure", exit status 1');
is($hashes_ok, 54, 'openssl dgst gives the stored SHA-256 for all but the record whose rating was edited');
is($comments_ok, 55, 'and each record\'s comments hash to its comments_sha256 line');

# The same file as plain CGI, for hosts without FastCGI.
my $token;
$m{ops_mgr}->cookie_jar->scan(sub { $token = $_[2] if $_[1] eq 'hs_session' });
my $cgi = $stack->cgi('ops', uri => '/ops/signatures/export', cookie => "hs_session=$token");
is($cgi->{status}, 200, 'CGI: the export answers 200');
is($cgi->{body}, $csv_res->content, 'CGI: the same bytes as through nginx');

# --- each shape of the list walks its index, in order ------------------------
$stack->sql('ANALYZE');
my $time = 'coalesce(s.signed_at, s.requested_at)';
for my $shape (['', 'signatures_vault', qr/\Q(<expr>>? AND <expr><?)\E/],
    [q{s.status = 'signed' AND}, 'signatures_vault_status', qr/\Q(status=? AND <expr>>? AND <expr><?)\E/],
    [q{s.status = 'signed' AND s.rating = 1 AND}, 'signatures_vault_rating',
	qr/\Q(status=? AND rating=? AND <expr>>? AND <expr><?)\E/]) {
	my ($where, $index, $how) = @$shape;
	my (undef, $plan) = run_command(['sqlite3', $stack->db], stdin => "EXPLAIN QUERY PLAN SELECT s.id
	    FROM signatures s WHERE $where $time >= 0 AND $time < 1 ORDER BY $time DESC, s.id DESC LIMIT 51 OFFSET 0;");
	like($plan, qr/SEARCH s USING INDEX $index $how/, "$index serves its filter");
	unlike($plan, qr/TEMP B-TREE/, "$index: the rows come in order, unsorted");
}

$stack->finish;
done_testing();
