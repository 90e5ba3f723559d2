# 93-admin-exports.t: the super admin's CSV exports, read back with a CSV parser and compared cell by cell with the database: hostile names neutralised, day ranges, 400s and 403s, an audit row each, HEAD, plain CGI, and 40,000 bookings streamed in constant memory.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Digest::SHA ();
use Encode ();
use Test::More;
use Text::CSV;
use Time::Local qw(timegm);
use URI::Escape qw(uri_unescape);
use HomeServe::Test;

# One worker per area: the streaming check reads the admin worker's memory.
my $stack = start_stack(env => { HOMESERVE_WORKERS => 1 });
my $admin = $stack->mech;
$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
my $admin_id = $stack->sql_value("SELECT id FROM users WHERE username = 'admin'");
my $customer_id = $stack->sql_value("SELECT id FROM users WHERE username = 'customer1'");
my $vendor_id = $stack->sql_value("SELECT id FROM users WHERE username = 'vendor1'");

# --- what a cell must hold, computed here from the database's values ---
my $IST = 5 * 3600 + 1800;
my $WIDE = 999_999_999_999_999_999;	# no bound (sql_quote's widest integer)
sub ist_midnight { my ($y, $m, $d) = @_; return timegm(0, 0, 0, $d, $m - 1, $y) - $IST }
sub iso {
	my ($t) = @_;
	return '' unless defined $t;
	my @g = gmtime($t + $IST);
	return sprintf('%04d-%02d-%02dT%02d:%02d:%02d+05:30', $g[5] + 1900, $g[4] + 1, @g[3, 2, 1, 0]);
}
sub rupees { defined $_[0] ? sprintf('%d.%02d', int($_[0] / 100), $_[0] % 100) : '' }
sub num { defined $_[0] ? "$_[0]" : '' }
# Text from people: a leading ' when a spreadsheet would read a formula.
sub text {
	my ($s) = @_;
	return '' unless defined $s;
	return $s =~ /^[=+\-\@\t\r]/ ? "'$s" : $s;
}

# Each export: its header row, and its rows as SQL written here (joins,
# where the program uses subqueries) with each column's formatting.
my %EXPORT = (
	users => {
		header => ['User ID', 'Username', 'Role', 'Email', 'Phone', 'Pincode', 'Created', 'Blocked'],
		sql => 'SELECT id, username, role, email, phone, pincode, created_at, is_blocked FROM users
		    WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id',
		cells => sub { [num($_->{id}), text($_->{username}), text($_->{role}), text($_->{email}),
		    text($_->{phone}), text($_->{pincode}), iso($_->{created_at}), $_->{is_blocked} ? 'yes' : 'no'] },
	},
	bookings => {
		header => ['Booking ID', 'Created', 'Scheduled', 'Status', 'Customer', 'Vendor', 'Service',
		    'Category', 'Pincode', 'Price (₹)'],
		sql => 'SELECT b.id, b.created_at, b.scheduled_at, b.status, c.username AS customer,
		    v.username AS vendor, s.name AS service, b.category, b.pincode, b.price_paise
		    FROM bookings b JOIN users c ON c.id = b.customer_id LEFT JOIN users v ON v.id = b.vendor_id
		    JOIN services s ON s.id = b.service_id
		    WHERE b.created_at >= ? AND b.created_at < ? ORDER BY b.created_at, b.id',
		cells => sub { [num($_->{id}), iso($_->{created_at}), iso($_->{scheduled_at}), text($_->{status}),
		    text($_->{customer}), text($_->{vendor}), text($_->{service}), text($_->{category}),
		    text($_->{pincode}), rupees($_->{price_paise})] },
	},
	payments => {
		header => ['Payment ID', 'Booking ID', 'Status', 'Amount (₹)', 'Refunded (₹)', 'Gateway', 'Method',
		    'Created', 'Captured'],
		sql => 'SELECT * FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id',
		cells => sub { [num($_->{id}), num($_->{booking_id}), text($_->{status}), rupees($_->{amount_paise}),
		    rupees($_->{refunded_paise}), text($_->{gateway}), text($_->{method}), iso($_->{created_at}),
		    iso($_->{captured_at})] },
	},
	reviews => {
		header => ['Review ID', 'Booking ID', 'Rating', 'Comment', 'Customer', 'Vendor', 'Created'],
		sql => 'SELECT r.*, c.username AS customer, v.username AS vendor FROM reviews r
		    JOIN users c ON c.id = r.customer_id JOIN users v ON v.id = r.vendor_id
		    WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at, r.id',
		cells => sub { [num($_->{id}), num($_->{booking_id}), num($_->{rating}), text($_->{comment}),
		    text($_->{customer}), text($_->{vendor}), iso($_->{created_at})] },
	},
	audit => {
		header => ['Entry ID', 'At', 'Actor ID', 'Actor', 'Action', 'Entity', 'Entity ID', 'Old values',
		    'New values', 'IP address', 'User agent', 'Hash'],
		sql => 'SELECT l.*, u.username AS actor FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
		    WHERE l.at >= ? AND l.at < ? ORDER BY l.at, l.id',
		cells => sub { [num($_->{id}), iso($_->{at}), num($_->{actor_id}), text($_->{actor}), text($_->{action}),
		    text($_->{entity}), num($_->{entity_id}), text($_->{old_values}), text($_->{new_values}),
		    text($_->{ip}), text($_->{user_agent}), text($_->{hash})] },
	},
);
my @NAMES = qw(users bookings payments reviews audit);

# The rows the database holds for an export over [from, to).
sub expected {
	my ($name, $from, $to) = @_;
	my $e = $EXPORT{$name};
	return [$e->{header}, map { $e->{cells}->() } @{ $stack->sql($e->{sql}, $from // -$WIDE, $to // $WIDE) }];
}

# An export's bytes as records: checks the BOM and RFC 4180's grammar
# (quoted or bare fields, CR LF after every record, the last too), then
# reads it with Text::CSV.  Returns the rows, or undef.
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

sub export_count { $stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action GLOB 'export.*'}) }

# GET an export as the admin; checks what every export answer carries.
sub fetch_ok {
	my ($name, $query, $file) = @_;
	my $path = "/admin/export/$name.csv" . (defined $query ? "?$query" : '');
	my $res = $admin->get($stack->url($path));
	is($res->code, 200, "GET $path is 200") or return ($res, undef);
	is($res->header('Content-Type'), 'text/csv; charset=utf-8', "$path: text/csv in UTF-8");
	is($res->header('Content-Disposition'), qq{attachment; filename="$file"}, "$path: saved as $file");
	is($res->header('Content-Length'), undef, "$path: no Content-Length: streamed");
	is($res->header('Client-Transfer-Encoding'), 'chunked', "$path: nginx sends it chunked");
	is($res->header('Cache-Control'), 'no-store', "$path: Cache-Control: no-store");
	return ($res, parse_csv($res->content, $path));
}

# --- hostile names, and a row in every table ---
# The sqlite3 shell reads its input by lines and loses a CR at a line's
# end, so CR and LF reach the database as char(13) and char(10).
sub crlf_sql { "replace(replace($_[0], '<CR>', char(13)), '<LF>', char(10))" }
sub crlf_tokens { (my $s = $_[0]) =~ s/\r/<CR>/g; $s =~ s/\n/<LF>/g; return $s }
my @hostile = ("line\r\nbreak", q{=cmd|'/C calc'!A0}, '+plus', '-minus', '@at', "\tTAB",
    "\r\nat the start", 'comma, and "quotes"');
my $t0 = ist_midnight(2025, 6, 15) + 12 * 3600;
for my $i (0 .. $#hostile) {
	$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, pincode, is_blocked,
	    created_at, updated_at) VALUES (} . crlf_sql('?') . q{, ?, '', 'x', 'customer', '560001', ?, ?, ?)},
	    crlf_tokens($hostile[$i]), "hostile$i\@example.com", $i % 2, $t0 + $i, $t0 + $i);
}
my %hostile_id = map { $_ => $stack->sql_value('SELECT id FROM users WHERE username = ' . crlf_sql('?'),
    crlf_tokens($_)) } @hostile;
is(scalar(grep { defined } values %hostile_id), scalar @hostile, 'the hostile users are in the database');
is($stack->sql_value('SELECT count(*) FROM users WHERE instr(username, char(13) || char(10)) > 0'), 2,
    'two of them with CR LF in their names');

# Bookings either side of 2025-03-10's two midnights in India.
my $d10 = ist_midnight(2025, 3, 10);
my $d11 = ist_midnight(2025, 3, 11);
my %edge = (before => $d10 - 1, first => $d10, last => $d11 - 1, after => $d11);
my %edge_id;
for my $k (sort { $edge{$a} <=> $edge{$b} } keys %edge) {
	my $pending = $k eq 'first';
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
	    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
	    VALUES (?, ?, 2, 'plumbing', '12 MG Road, Bengaluru', '560001', ?, 60, ?, ?, ?, ?)},
	    $customer_id, $pending ? undef : $vendor_id, $edge{$k} + 86400, 49950,
	    $pending ? 'pending' : 'completed', $edge{$k}, $edge{$k});
	$edge_id{$k} = $stack->sql_value('SELECT max(id) FROM bookings');
}
# Payments: captured, partly refunded, waiting (no capture time).
my @pay = ([$edge_id{before}, 'captured', 0, 'test', 'card'],
    [$edge_id{last}, 'partially_refunded', 10050, 'manual', 'upi'],
    [$edge_id{after}, 'requires_authorization', 0, 'test', 'card']);
for my $p (@pay) {
	my ($booking, $status, $refunded, $gateway, $method) = @$p;
	my $created = $stack->sql_value('SELECT created_at FROM bookings WHERE id = ?', $booking) + 3600;
	$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id, amount_paise, refunded_paise,
	    status, gateway, method, card_brand, card_last4, captured_at, created_at, updated_at)
	    VALUES (?, ?, ?, 49950, ?, ?, ?, ?, ?, ?, ?, ?, ?)}, $booking, $customer_id, $vendor_id, $refunded,
	    $status, $gateway, $method, $method eq 'card' ? 'visa' : undef, $method eq 'card' ? '4242' : undef,
	    $status eq 'requires_authorization' ? undef : $created + 60, $created, $created);
}
my @comments = (q{=HYPERLINK("http://evil.example","Click")}, "Quick, \"tidy\" work.\r\nThank you! ₹ well spent",
    '-5 stars? No: 5.');
for my $i (0 .. $#comments) {
	my $booking = (values %edge_id)[$i];
	$stack->sql(q{INSERT INTO reviews (booking_id, service_id, vendor_id, customer_id, rating, comment, created_at)
	    VALUES (?, 2, ?, ?, ?, } . crlf_sql('?') . q{, ?)}, $booking, $vendor_id, $customer_id, 5 - $i,
	    crlf_tokens($comments[$i]), $t0 + 100 + $i);
}

# --- the page ---
my $res = $admin->get($stack->url('/admin/export'));
is($res->code, 200, 'GET /admin/export is 200');
header_has_security($res, 'GET /admin/export');
is(h1_of($res), 'Exports', 'the page is headed Exports');
my $html = $res->decoded_content;
like($html, qr{<a href="/admin/export" aria-current="page">Exports</a>}, 'the navigation has Exports');
like($html, qr{<form class="exports" method="get" action="/admin/export/users.csv">}, 'one GET form');
for my $f (qw(from to)) {
	like($html, qr{<label for="$f">[^<]+</label>\s*<input id="$f" name="$f" type="date"}, "a labelled date input: $f");
}
for my $name (@NAMES) {
	like($html, qr{<button type="submit" formaction="/admin/export/$name.csv" aria-describedby="export-$name">[^<]+</button> <span id="export-$name">Every [^<]+</span>},
	    "a button for $name.csv, and what the file holds");
}
my $ops = $stack->mech;
$stack->login_ok($ops, 'ops_mgr', 'password123', '/ops/');
unlike($ops->get($stack->url('/ops/'))->decoded_content, qr{/admin/export}, 'ops_mgr has no Exports link');

# --- every export, whole, against the database ---
my (%rows, %raw);
for my $name (@NAMES) {
	my $before = export_count();
	my ($r, $rows) = fetch_ok($name, undef, "$name.csv");
	header_has_security($r, "GET /admin/export/$name.csv");
	$rows{$name} = $rows;
	$raw{$name} = $r->content;
	is_deeply($rows, expected($name), "$name.csv: every row and cell is the database's");
	is(export_count(), $before + 1, "$name.csv: one audit row");
	my $row = $stack->sql('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1')->[0];
	is_deeply([@$row{qw(action actor_id entity entity_id new_values old_values ip)}],
	    ["export.$name", $admin_id, 'export', undef, '{"from":null,"to":null}', undef, '127.0.0.1'],
	    "$name.csv: the audit row says who exported what, from where");
}
ok(grep({ $_->[4] eq 'export.audit' && $_->[3] eq 'admin' } @{ $rows{audit} }),
    'the audit export holds its own audit row, written before it started');

# An auditor checks the chain from the spreadsheet alone (README, "The
# audit chain"): the times back to seconds, the neutralising quote off.
{
	my @r = sort { $a->[0] <=> $b->[0] } @{ $rows{audit} }[1 .. $#{ $rows{audit} }];
	my ($prev, $ok) = ('0' x 64, 1);
	for my $row (@r) {
		my ($y, $mo, $d, $h, $mi, $s, $sign, $oh, $om) =
		    $row->[1] =~ /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:Z|([+-])(\d\d):(\d\d))$/ or die $row->[1];
		my $at = timegm($s, $mi, $h, $d, $mo - 1, $y) - ($sign ? ($sign eq '-' ? -1 : 1) * ($oh * 3600 + $om * 60) : 0);
		my @f = map { (my $v = $_ // '') =~ s/^'(?=[=+\-\@\t\r])//; $v } @$row[0, 0, 2, 4, 5, 6, 7, 8, 9, 10];
		$f[1] = $at;
		my $want = Digest::SHA::sha256_hex($prev . join('', map { my $b = $_; utf8::encode($b); length($b) . ":$b," } @f));
		$ok &&= $want eq $row->[11];
		$prev = $row->[11];
	}
	ok($ok && @r > 10, 'the chain recomputed from audit.csv holds, row by row (' . scalar(@r) . ' rows)');
}

# Hostile names: one parsed row each, neutralised.
my %user = map { $_->[0] => $_ } @{ $rows{users} }[1 .. $#{ $rows{users} }];
is(scalar(keys %user), $stack->sql_value('SELECT count(*) FROM users'), 'one row per user, hostile names included');
for my $name (@hostile) {
	my $want = $name =~ /^[=+\-\@\t\r]/ ? "'$name" : $name;
	(my $shown = $name) =~ s/([\r\n\t])/sprintf('\\x%02x', ord $1)/ge;
	is($user{ $hostile_id{$name} }[1], $want, "the username '$shown' comes out as one cell"
	    . ($want ne $name ? ', with a leading quote' : ', as it is'));
}
my @formula = grep { /^[=+\-\@\t\r]/ } map { @$_ } @{ $rows{users} }, @{ $rows{reviews} };
is_deeply(\@formula, [], 'no cell of users.csv or reviews.csv begins like a formula');
my ($hyper) = grep { $_->[3] =~ /HYPERLINK/ } @{ $rows{reviews} };
is($hyper->[3], qq{'$comments[0]}, 'a formula in a review comment is neutralised');
ok((grep { $_->[3] eq $comments[1] } @{ $rows{reviews} }), 'a comment with a comma, quotes, CR LF and ₹ comes back whole');
is($user{$admin_id}[4], '', 'an empty phone is an empty cell');
is($user{$customer_id}[4], "'+919876543210", 'a phone number is text, its + neutralised');

# Amounts and times: what spreadsheets read.
my @amounts = (map({ $_->[9] } @{ $rows{bookings} }[1 .. $#{ $rows{bookings} }]),
    map({ @$_[3, 4] } @{ $rows{payments} }[1 .. $#{ $rows{payments} }]));
ok(@amounts >= 7 && !grep({ !/^\d+\.\d\d$/ } @amounts), 'every amount is rupees with two decimals')
    or diag(explain(\@amounts));
ok((grep { $_ eq '499.50' } @amounts) && (grep { $_ eq '100.50' } @amounts), '49950 paise is 499.50; 10050 is 100.50');
my @times = map { my $r = $_; map { $r->[$_] } 1, 2 } @{ $rows{bookings} }[1 .. $#{ $rows{bookings} }];
ok(@times >= 8 && !grep({ !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/ } @times), 'every time is ISO 8601 with +05:30');
my ($first) = grep { $_->[0] eq $edge_id{first} } @{ $rows{bookings} };
is($first->[1], '2025-03-10T00:00:00+05:30', 'midnight in India is the start of its day');
is($first->[5], '', 'a booking with no vendor has an empty vendor cell');
my ($waiting) = grep { $_->[2] eq 'requires_authorization' } @{ $rows{payments} };
is($waiting->[8], '', 'a payment not captured has an empty captured cell');
unlike($raw{payments}, qr/4242|visa/, 'no card details in payments.csv');

# --- from and to: local days, both inclusive ---
my @ranges = (
	# query                           inside                       file name              audited from, to      bounds
	['from=2025-03-10&to=2025-03-10', [qw(first last)], '2025-03-10-to-2025-03-10', '"2025-03-10"', '"2025-03-10"', $d10, $d11],
	['from=2025-03-10', [qw(first last after)], 'from-2025-03-10', '"2025-03-10"', 'null', $d10, undef],
	['to=2025-03-10', [qw(before first last)], 'to-2025-03-10', 'null', '"2025-03-10"', undef, $d11],
	['from=2025-03-09&to=2025-03-09', [qw(before)], '2025-03-09-to-2025-03-09', '"2025-03-09"', '"2025-03-09"', $d10 - 86400, $d10],
	['from=2025-03-11&to=2025-03-12', [qw(after)], '2025-03-11-to-2025-03-12', '"2025-03-11"', '"2025-03-12"', $d11, $d11 + 2 * 86400],
	['from=&to=', [qw(before first last after)], '', 'null', 'null', undef, undef],
);
my %at_edge = reverse %edge_id;
for my $range (@ranges) {
	my ($query, $want, $file, $af, $at, $from, $to) = @$range;
	my ($r, $rows) = fetch_ok('bookings', $query, $file eq '' ? 'bookings.csv' : "bookings-$file.csv");
	my @got = map { $at_edge{ $_->[0] } // () } @$rows[1 .. $#$rows];
	is_deeply(\@got, $want, "$query: the bookings at the day's edges that fall inside: @$want");
	is_deeply($rows, expected('bookings', $from, $to), "$query: every row and cell is the database's");
	is($stack->sql_value('SELECT new_values FROM audit_log ORDER BY id DESC LIMIT 1'), qq({"from":$af,"to":$at}),
	    "$query: the audit row records the range");
}
my ($r_audit, $audit_today) = fetch_ok('audit', 'from=2026-12-01&to=2026-12-01', 'audit-2026-12-01-to-2026-12-01.csv');
is_deeply($audit_today, expected('audit', ist_midnight(2026, 12, 1), ist_midnight(2026, 12, 2)),
    'the audit log of one day is the database\'s');

# --- malformed dates and an empty range: 400 with a sentence, no audit row ---
my $before = export_count();
for my $bad (['from=2025-13-01', qr/The from date must be a real day/],
    ['from=2025-02-29', qr/The from date must be a real day/],
    ['to=2025-3-1', qr/The to date must be a real day/],
    ['from=20250301', qr/The from date must be a real day/],
    ['from=yesterday', qr/The from date must be a real day/],
    ['from=2025-03-10T00:00', qr/The from date must be a real day/],
    ['to=2025-03-10%00', qr/The to date must be a real day|Bad Request/],
    ['to=%E2%82%B9', qr/The to date must be a real day/],
    ['from=2025-03-11&to=2025-03-10', qr/The from date is after the to date/],
    ['from=2026-01-01&to=2025-12-31', qr/The from date is after the to date/]) {
	my ($query, $message) = @$bad;
	my $r = $admin->get($stack->url("/admin/export/bookings.csv?$query"));
	is($r->code, 400, "$query is 400");
	is(h1_of($r), 'Bad Request', "$query shows the Bad Request page");
	like($r->decoded_content, $message, "$query: the page says what was wrong");
}
is(export_count(), $before, 'refused exports write no audit row');

# --- nobody but the super admin ---
my %mech = (ops_mgr => $ops);
for my $who (['onboard_mgr', '/ops/'], ['customer1', '/'], ['vendor1', '/vendor/']) {
	$mech{ $who->[0] } = $stack->mech;
	$stack->login_ok($mech{ $who->[0] }, $who->[0], 'password123', $who->[1]);
}
$before = export_count();
for my $user (sort keys %mech) {
	for my $path ('/admin/export', map { "/admin/export/$_.csv" } @NAMES) {
		my $r = $mech{$user}->get($stack->url($path));
		is($r->code, 403, "$user: GET $path is 403");
		unlike($r->content, qr/Username|Booking ID/, "$user: $path shows no data");
	}
}
my $anon = $stack->mech;
$res = $anon->get($stack->url('/admin/export/users.csv?from=2025-01-01'));
is($res->code, 303, 'a visitor is sent to sign in');
like($res->header('Location') // '', qr{^/login\?next=}, '... to /login?next=');
is(uri_unescape(($res->header('Location') // '') =~ s{^/login\?next=}{}r), '/admin/export/users.csv?from=2025-01-01',
    '... and back here after');
is(export_count(), $before, 'no audit row for anyone refused');

# --- HEAD: the headers, no body, nothing exported ---
$before = export_count();
$res = $admin->head($stack->url('/admin/export/payments.csv?from=2025-03-01'));
is($res->code, 200, 'HEAD payments.csv is 200');
is($res->header('Content-Type'), 'text/csv; charset=utf-8', 'HEAD: text/csv');
is($res->header('Content-Disposition'), 'attachment; filename="payments-from-2025-03-01.csv"', 'HEAD: the file name');
is($res->header('Content-Length'), undef, 'HEAD: no Content-Length');
is($res->content, '', 'HEAD: no body');
is(export_count(), $before, 'HEAD: nothing exported, no audit row');
$res = $admin->head($stack->url('/admin/export/payments.csv?from=nope'));
is($res->code, 400, 'HEAD with a malformed date is 400 too');

# --- plain CGI: the same bytes on standard output ---
my $token;
$admin->cookie_jar->scan(sub { $token = $_[2] if $_[1] eq 'hs_session' });
my $q = 'from=2025-01-01&to=2025-12-31';
my ($nginx) = fetch_ok('bookings', $q, 'bookings-2025-01-01-to-2025-12-31.csv');
my $cgi = $stack->cgi('admin', uri => "/admin/export/bookings.csv?$q", cookie => "hs_session=$token");
is($cgi->{status}, 200, 'CGI: Status: 200');
is($cgi->{exit}, 0, 'CGI: exits 0');
unlike($cgi->{stderr}, qr/\bfatal\b/, 'CGI: nothing fatal');
is($cgi->{headers}->header('Content-Type'), 'text/csv; charset=utf-8', 'CGI: text/csv');
is($cgi->{headers}->header('Content-Disposition'), 'attachment; filename="bookings-2025-01-01-to-2025-12-31.csv"',
    'CGI: the file name');
is($cgi->{headers}->header('Content-Length'), undef, 'CGI: no Content-Length');
ok($cgi->{body} eq $nginx->content, 'CGI: the same bytes as through nginx (' . length($cgi->{body}) . ')');
is($stack->sql_value('SELECT ip FROM audit_log ORDER BY id DESC LIMIT 1'), '192.0.2.10', 'CGI: audited with REMOTE_ADDR');
$cgi = $stack->cgi('admin', method => 'HEAD', uri => "/admin/export/bookings.csv?$q", cookie => "hs_session=$token");
ok($cgi->{status} == 200 && $cgi->{body} eq '', 'CGI: HEAD has the headers only');
$cgi = $stack->cgi('admin', uri => '/admin/export/bookings.csv?from=2025-02-30', cookie => "hs_session=$token");
is($cgi->{status}, 400, 'CGI: a malformed date is 400');

# --- streaming: 20,000 bookings, then 40,000, in the same memory ---
# The worker's peak (VmHWM) is what an export built in memory would
# raise: after the request it may have given that memory back.  The
# first export of many rows also fills SQLite's page cache (2 MB at
# most, by default), so the check is the second: twice the rows, and
# the peak must not move by 2 MB.
my $supervisor = HomeServe::Test::read_file($stack->data . '/run/admin.pid') + 0;
my (undef, $children) = run_command(['pgrep', '-P', $supervisor]);
my @workers = split ' ', $children;
is(scalar @workers, 1, 'one admin worker');
my $worker = $workers[0];
sub memory {
	my $status = HomeServe::Test::read_file("/proc/$worker/status");
	my %kb = $status =~ /^(VmRSS|VmHWM):\s+(\d+) kB/mg;
	return \%kb;
}
my $y2024 = ist_midnight(2024, 1, 1);
sub fill {
	my ($offset) = @_;
	# 20,000 bookings over 2024, 1,500 s apart, the second lot
	# interleaved with the first: created order is not id order.
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
	    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
	    WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 19999)
	    SELECT ?, CASE WHEN n % 3 = 0 THEN NULL ELSE ? END, s.id, s.category,
	        n || ' Bench Street, New Delhi', '110001', ? + n * 1500 + 86400, s.duration_minutes,
	        s.price_paise + n % 100, CASE WHEN n % 3 = 0 THEN 'pending' ELSE 'accepted' END,
	        ? + n * 1500, ? + n * 1500
	    FROM k JOIN services s ON s.id = 1 + n % 5},
	    $customer_id, $vendor_id, $y2024 + $offset, $y2024 + $offset, $y2024 + $offset);
}
sub big_export {
	my ($n) = @_;
	my $mem0 = memory();
	my ($r, $rows) = fetch_ok('bookings', 'from=2024-01-01&to=2024-12-31', 'bookings-2024-01-01-to-2024-12-31.csv');
	my $mem1 = memory();
	is(scalar(@$rows) - 1, $n, "all $n bookings of 2024 are in the file");
	is_deeply($rows, expected('bookings', $y2024, ist_midnight(2025, 1, 1)), "$n bookings: every row and cell is the database's");
	diag(sprintf('%d bookings, %.1f MB: worker VmRSS %d -> %d kB, peak (VmHWM) %d -> %d kB', $n,
	    length($r->content) / 1e6, $mem0->{VmRSS}, $mem1->{VmRSS}, $mem0->{VmHWM}, $mem1->{VmHWM}));
	return ($r, $mem0, $mem1);
}
fill(0);
my ($r20, $m0, $m1) = big_export(20000);
fill(750);
my ($r40, $m2, $m3) = big_export(40000);
cmp_ok(length $r40->content, '>', 2 * 1024 * 1024, 'the 40,000-row file is several MB');
SKIP: {
	skip('ASan keeps freed memory in quarantine: the worker\'s size says nothing here', 2) if $ENV{HS_SANITIZE};
	cmp_ok($m3->{VmHWM} - $m2->{VmHWM}, '<', 2048, 'twice the rows move the worker\'s peak by less than 2 MB');
	cmp_ok($m3->{VmRSS} - $m2->{VmRSS}, '<', 2048, 'and its size by less than 2 MB');
}
is_deeply([split ' ', (run_command(['pgrep', '-P', $supervisor]))[1]], [$worker], 'the same worker served every export');
# Each export reads its range from an index in the order it writes,
# also once SQLite has statistics on 40,000 bookings: no sort first.
$stack->sql('ANALYZE');
for my $t (['users', 'created_at', 'users_created'], ['bookings', 'created_at', 'bookings_created'],
    ['payments', 'created_at', 'payments_created'], ['reviews', 'created_at', 'reviews_created'],
    ['audit_log', 'at', 'audit_log_at']) {
	my ($table, $column, $index) = @$t;
	my (undef, $plan) = run_command(['sqlite3', $stack->db], stdin => "EXPLAIN QUERY PLAN SELECT * FROM $table
	    WHERE $column >= 0 AND $column < 1 ORDER BY $column, id;");
	like($plan, qr/SEARCH $table USING INDEX $index \($column>\? AND $column<\?\)/, "$table: the range is read from $index");
	unlike($plan, qr/TEMP B-TREE/, "$table: rows come in order, unsorted");
}
# The same 40,000 rows through plain CGI: the same bytes.
$cgi = $stack->cgi('admin', uri => '/admin/export/bookings.csv?from=2024-01-01&to=2024-12-31', cookie => "hs_session=$token");
ok($cgi->{status} == 200 && $cgi->{body} eq $r40->content, 'CGI: 40,000 rows, the same bytes as through nginx');

$stack->finish;
done_testing;
