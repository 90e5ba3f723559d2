# 101-ops-bookings.t: the operations bookings monitor: who may use it, each filter, the counts per status and the pages against seeded bookings, day ranges, the CSV, and cancel (with a refund), release, staff notes and support messages as the customer and the vendor see them.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Encode ();
use POSIX qw(strftime);
use Test::More;
use Text::CSV;
use Time::Local qw(timegm);
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['onboard_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my $ops = $m{ops_mgr};

# A second customer, registered through the form.
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
is($stack->post_form($m{customer2}, '/register', { username => 'customer2',
    email => 'c2@example.com', phone => '9812345678', password => 'Plumb-line-42',
    password_confirm => 'Plumb-line-42', address => '7 Park Street, Delhi',
    pincode => '110002' })->code, 303, 'customer2 registers');

my %uid = map { $_ => $stack->sql_value('SELECT id FROM users WHERE username = ?', $_) }
    qw(customer1 customer2 vendor1 ops_mgr);

# --- seeded bookings: 120 over 2025, every status, two customers, two
# pincodes, six services (one named like a spreadsheet formula) ---
my $IST = 5 * 3600 + 1800;
sub ist_midnight { my ($y, $mo, $d) = @_; return timegm(0, 0, 0, $d, $mo - 1, $y) - $IST }
sub iso {
	my ($t) = @_;
	my @g = gmtime($t + $IST);
	return sprintf('%04d-%02d-%02dT%02d:%02d:%02d+05:30', $g[5] + 1900, $g[4] + 1, @g[3, 2, 1, 0]);
}
$stack->sql("INSERT INTO services (name, category, description, price_paise, duration_minutes,
    is_active, created_at, updated_at) VALUES ('=HYPERLINK(\"http://evil.example\")', 'cleaning', '', 12300, 60, 0, 1, 1)");
my $evil = $stack->sql_value("SELECT id FROM services WHERE name LIKE '=HYPER%'");
my %service = map { $_->{id} => $_ } @{ $stack->sql('SELECT id, name, category FROM services') };
my @STATUSES = qw(pending accepted in_progress completed signature_requested signed paid cancelled disputed expired);
my $BASE = ist_midnight(2025, 1, 1);
my @seed;
for my $i (0 .. 119) {
	my $status = $STATUSES[$i % 10];
	my $sid = $i % 13 == 0 ? $evil : 1 + $i % 5;
	push @seed, {
		id => 1000 + $i,
		customer => $i % 3 == 0 ? 'customer2' : 'customer1',
		vendor => ($status eq 'pending' || ($status eq 'cancelled' && $i % 20 == 7)) ? undef : 'vendor1',
		service_id => $sid, status => $status,
		pincode => $i % 2 ? '110002' : '110001',
		scheduled_at => $BASE + $i * 3 * 86400 + 10 * 3600,
		created_at => $BASE - 86400 + $i * 60,
		price_paise => 10000 + $i * 100,
	};
}
$stack->sql('INSERT INTO bookings (id, customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at) VALUES '
    . join(', ', map { '(?, ?, ?, ?, ?, ?, ?, ?, 60, ?, ?, ?, ?)' } @seed),
    map { ($_->{id}, $uid{ $_->{customer} }, $_->{vendor} ? $uid{vendor1} : undef, $_->{service_id},
	$service{ $_->{service_id} }{category}, '1 Test Road', $_->{pincode}, $_->{scheduled_at},
	$_->{price_paise}, $_->{status}, $_->{created_at}, $_->{created_at}) } @seed);
is($stack->sql_value('SELECT count(*) FROM bookings'), 120, '120 bookings seeded');

# --- who may look ---
for my $who (qw(customer1 vendor1 onboard_mgr)) {
	for my $path ('/ops/bookings', '/ops/bookings.csv', '/ops/bookings?status=paid', '/ops/bookings/1000') {
		is($m{$who}->get($stack->url($path))->code, 403, "$who: GET $path is 403");
	}
}
$m{onboard_mgr}->get($stack->url('/ops/'));
for my $action (qw(cancel release notes messages)) {
	is($stack->post_form($m{onboard_mgr}, "/ops/bookings/1001/$action", { reason => 'Vendor is ill', body => 'x' })->code,
	    403, "onboarding: POST $action is 403 (money and customers' bookings are not theirs)");
}
$m{customer1}->get($stack->url('/bookings'));
is($stack->post_form($m{customer1}, '/ops/bookings/1001/cancel', { reason => 'Not me' })->code, 403,
    'a customer cancelling through /ops/ is 403');
is($m{admin}->get($stack->url('/ops/bookings'))->code, 200, 'the super admin reads the monitor');
is($stack->post_form($m{admin}, '/ops/bookings/1001/cancel', { reason => 'Refund them' })->code, 403,
    'but cancelling (a money action) is operations\' own: 403');
is($stack->sql_value('SELECT status FROM bookings WHERE id = 1001'), 'accepted', 'nothing was cancelled');

# --- the list against the seed ---
# What a filter selects from the seed, newest first (or oldest).
sub expect {
	my (%f) = @_;
	my @rows = grep {
		(!defined $f{status} || $_->{status} eq $f{status})
		&& (!defined $f{pincode} || $_->{pincode} eq $f{pincode})
		&& (!defined $f{service_id} || $_->{service_id} == $f{service_id})
		&& (!defined $f{vendor} || ($_->{vendor} // '') eq $f{vendor})
		&& (!defined $f{customer} || $_->{customer} eq $f{customer})
		&& (!defined $f{id} || $_->{id} == $f{id})
		&& (!defined $f{from} || $_->{scheduled_at} >= $f{from})
		&& (!defined $f{to} || $_->{scheduled_at} < $f{to})
	} @seed;
	@rows = sort { $b->{scheduled_at} <=> $a->{scheduled_at} || $b->{id} <=> $a->{id} } @rows;
	@rows = reverse @rows if $f{asc};
	return @rows;
}
sub counts_of {
	my ($html) = @_;
	my %n;
	while ($html =~ m{<li><a href="([^"]*)"(?: aria-current="true")?>[^<]*: (\d+)</a></li>}g) {
		my ($href, $n) = ($1, $2);
		$href =~ s/&amp;/&/g;
		$n{ $href =~ /[?&]status=(\w+)/ ? $1 : 'all' } = $n;
	}
	return \%n;
}
sub ids_of { my ($html) = @_; return [$html =~ m{<td[^>]*><a href="/ops/bookings/(\d+)">#\d+</a></td>}g] }
sub monitor {
	my ($query, $what) = @_;
	my $res = $ops->get($stack->url("/ops/bookings$query"));
	is($res->code, 200, "$what: 200");
	return $res->decoded_content;
}

my $html = monitor('', 'no filter');
my $counts = counts_of($html);
is($counts->{all}, 120, 'All: 120');
for my $s (@STATUSES) {
	is($counts->{$s}, scalar(grep { $_->{status} eq $s } @seed), "the count for $s matches the seed");
	is($counts->{$s}, $stack->sql_value('SELECT count(*) FROM bookings WHERE status = ?', $s), '... and the database');
}
my @all = expect();
is_deeply(ids_of($html), [map { $_->{id} } @all[0 .. 49]], 'page 1: the 50 latest by scheduled time');
like($html, qr{Page 1 of 3, 120 bookings}, 'page 1 of 3');
like($html, qr{<a href="/ops/bookings\?page=2">Next page</a>}, 'links to page 2');
unlike($html, qr{Previous page}, 'and to no page before');
$html = monitor('?page=3', 'page 3');
is_deeply(ids_of($html), [map { $_->{id} } @all[100 .. 119]], 'page 3: the last 20');
like($html, qr{<a href="/ops/bookings\?page=2">Previous page</a>}, 'links back to page 2');
unlike($html, qr{Next page}, 'and to no page after');
$html = monitor('?page=4', 'a page past the end');
like($html, qr{No bookings on this page}, 'says there are fewer');
is($ops->get($stack->url('/ops/bookings?page=0'))->code, 400, 'page=0 is 400');
is($ops->get($stack->url('/ops/bookings?page=x'))->code, 400, 'page=x is 400');
is($ops->get($stack->url('/ops/bookings?status=bogus'))->code, 400, 'an unknown status is 400');
is($ops->get($stack->url('/ops/bookings?service_id=99999'))->code, 400, 'an unknown service is 400');
$html = monitor('?order=asc', 'oldest first');
is_deeply(ids_of($html), [map { $_->{id} } (expect(asc => 1))[0 .. 49]], 'order=asc: the 50 earliest');

# Each filter, and some together: the rows and the counts under the other filters.
my $jan = ist_midnight(2025, 1, 1);
my $mar = ist_midnight(2025, 3, 1);
my @filters = (
	['status=accepted', { status => 'accepted' }],
	['from=2025-01-01&to=2025-02-28', { from => $jan, to => $mar }],
	['pincode=110002', { pincode => '110002' }],
	["service_id=$evil", { service_id => $evil }],
	['service_id=2', { service_id => 2 }],
	['vendor=vendor1', { vendor => 'vendor1' }],
	['customer=customer2', { customer => 'customer2' }],
	['customer=CUSTOMER2', { customer => 'customer2' }],
	['q=1013', { id => 1013 }],
	['q=%231013', { id => 1013 }],
	['pincode=110001&status=completed', { pincode => '110001', status => 'completed' }],
	['customer=customer1&vendor=vendor1&from=2025-03-01&to=2025-06-30',
	    { customer => 'customer1', vendor => 'vendor1', from => $mar, to => ist_midnight(2025, 7, 1) }],
	['service_id=3&pincode=110002', { service_id => 3, pincode => '110002' }],
	['status=pending&customer=customer2', { status => 'pending', customer => 'customer2' }],
);
for my $case (@filters) {
	my ($query, $f) = @$case;
	my @want = expect(%$f);
	$html = monitor("?$query", $query);
	my @page = @want > 50 ? @want[0 .. 49] : @want;
	is_deeply(ids_of($html), [map { $_->{id} } @page], "$query: its bookings, newest first");
	my %others = %$f;
	delete $others{status};
	my @under = expect(%others);
	my $n = counts_of($html);
	is($n->{all}, scalar @under, "$query: All counts the other filters");
	is_deeply({ map { $_ => $n->{$_} } @STATUSES },
	    { map { my $s = $_; ($s => scalar(grep { $_->{status} eq $s } @under)) } @STATUSES },
	    "$query: the counts per status under the other filters");
	if (@want == 0) {
		like($html, qr{No bookings match}, "$query: says none match");
	} else {
		like($html, qr{Page 1 of \d+, ${\ scalar @want} bookings}, "$query: the total");
	}
}
# Links keep the filters.
$html = monitor('?pincode=110002&customer=customer1', 'two filters');
like($html, qr{href="/ops/bookings\?status=paid&amp;pincode=110002&amp;customer=customer1"},
    'the count links keep the other filters');
like($html, qr{href="/ops/bookings\.csv\?pincode=110002&amp;customer=customer1"}, 'so does the CSV link');

# --- bad filters: the form again, with what was typed ---
for my $case (
	['from=2025-03-01&to=2025-02-01', 'to', qr/comes before the from day/, 'to before from'],
	['from=2025-02-30', 'from', qr/YYYY-MM-DD/, 'a day that does not exist'],
	['pincode=12345', 'pincode', qr/pincode/i, 'a 5-digit pincode'],
	['customer=nobody_here', 'customer', qr/No account is called “nobody_here”/, 'a customer nobody is'],
	['vendor=%3Cb%3E', 'vendor', qr/No account is called “&lt;b&gt;”/, 'a vendor nobody is, escaped'],
	['q=abc', 'q', qr/Enter a booking number/, 'a booking number that is not one'],
) {
	my ($query, $field, $message, $what) = @$case;
	my $res = $ops->get($stack->url("/ops/bookings?$query"));
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, qr{id="$field-error"[^>]*>[^<]*$message}, "$what: the field says why");
	like($res->decoded_content, qr{<form class="search"}, "$what: the form is shown again");
	unlike($res->decoded_content, qr{<table\b}, "$what: and no list");
}
my $res = $ops->get($stack->url('/ops/bookings?from=2025-03-01&to=2025-02-01'));
like($res->decoded_content, qr{id="from" name="from" type="date" value="2025-03-01"}, 'the days typed are kept');
is($ops->get($stack->url('/ops/bookings.csv?from=2025-03-01&to=2025-02-01'))->code, 422, 'the CSV: to before from is 422');
# A range wider than a year is cut to 366 days from its start, and says so.
$html = monitor('?from=2025-01-01&to=2026-12-31', 'two years');
like($html, qr{A range is at most 366 days.*from 2025-01-01 to 2026-01-01}s, 'the page says the range was cut');
like($html, qr{id="to" name="to" type="date" value="2026-01-01"}, 'and shows the day it ends');
is(counts_of($html)->{all}, scalar(expect(from => $jan, to => ist_midnight(2026, 1, 2))), 'counting the bookings in it');
$html = monitor('?from=2025-06-01', 'a range open at its end');
like($html, qr{from 2025-06-01 to 2026-06-01}, 'is a year from its start');

# --- the CSV ---
sub csv_rows {
	my ($bytes) = @_;
	ok(substr($bytes, 0, 3) eq "\xEF\xBB\xBF", 'the CSV starts with the byte order mark');
	my $body = substr($bytes, 3);
	open(my $fh, '<:encoding(UTF-8)', \$body) or die "in-memory file: $!";
	return Text::CSV->new({ binary => 1 })->getline_all($fh);
}
sub text { my ($s) = @_; return '' unless defined $s; return $s =~ /^[=+\-\@\t\r]/ ? "'$s" : $s }
sub cells {
	my ($r) = @_;
	return ["$r->{id}", iso($r->{created_at}), iso($r->{scheduled_at}), $r->{status}, $r->{customer},
	    $r->{vendor} // '', text($service{ $r->{service_id} }{name}), $service{ $r->{service_id} }{category},
	    $r->{pincode}, sprintf('%d.%02d', int($r->{price_paise} / 100), $r->{price_paise} % 100)];
}
my $audits = $stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'export.ops_bookings'");
$res = $ops->get($stack->url('/ops/bookings.csv'));
is($res->code, 200, 'the CSV of every booking');
like($res->header('Content-Type'), qr{^text/csv}, 'is text/csv');
like($res->header('Content-Disposition') // '', qr{attachment; filename="bookings\.csv"}, 'an attachment');
my $rows = csv_rows($res->content);
is_deeply($rows->[0], ['Booking ID', 'Created', 'Scheduled', 'Status', 'Customer', 'Vendor', 'Service',
    'Category', 'Pincode', 'Price (₹)'], 'its header row');
is_deeply([@$rows[1 .. $#$rows]], [map { cells($_) } @all], 'every booking, newest first, cell by cell');
my @evil = grep { $_->[0] eq '1000' } @$rows;
is($evil[0][6], "'=HYPERLINK(\"http://evil.example\")", 'a service name that is a formula is neutralised');
$res = $ops->get($stack->url("/ops/bookings.csv?status=completed&pincode=110001&from=2025-01-01&to=2025-06-30"));
$rows = csv_rows($res->content);
is_deeply([@$rows[1 .. $#$rows]], [map { cells($_) } expect(status => 'completed', pincode => '110001',
    from => $jan, to => ist_midnight(2025, 7, 1))], 'the CSV under filters holds what the list does');
like($res->header('Content-Disposition') // '', qr{bookings-2025-01-01-to-2025-06-30\.csv}, 'named by its days');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'export.ops_bookings'"), $audits + 2,
    'each export is audited');

# --- the actions, on bookings made through the site ---
sub book {
	my ($hhmm) = @_;
	my $c = $m{customer1};
	$c->get($stack->url('/bookings/new?service_id=1'));
	my $res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '12 Janpath, New Delhi',
	    pincode => '110001', scheduled_date => local_time(2, $hhmm), notes => '' });
	my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
	die 'booking failed: ' . $res->code unless $id;
	return $id;
}
sub vendor_accepts {
	my ($id) = @_;
	$m{vendor1}->get($stack->url("/vendor/bookings/$id"));
	is($stack->post_form($m{vendor1}, "/vendor/bookings/$id/accept", {})->code, 303, "vendor1 accepts #$id");
}
# POST from the booking's own page, with its token.
sub act {
	my ($id, $action, $fields, $who) = @_;
	my $mech = $m{ $who // 'ops_mgr' };
	$mech->get($stack->url("/ops/bookings/$id"));
	return $stack->post_form($mech, "/ops/bookings/$id/$action", $fields);
}
sub outbox_for { my ($user) = @_; return $stack->sql_value('SELECT count(*) FROM outbox WHERE user_id = ?', $uid{$user}) }
sub audited {
	my ($action, $id) = @_;
	return $stack->sql_value('SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ? AND actor_id = ?',
	    $action, $id, $uid{ops_mgr});
}

my $pending = book('08:00');
my $accepted = book('10:00');
my $paid = book('13:00');
my $talk = book('16:00');
vendor_accepts($_) for $accepted, $paid, $talk;

# Cancel: a reason is needed.
$res = act($pending, 'cancel', { reason => '' });
is($res->code, 422, 'cancelling with no reason is 422');
like($res->decoded_content, qr{id="reason-error"}, 'the reason field says why');
like($res->decoded_content, qr{action="/ops/bookings/$pending/cancel"}, 'with the form again');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $pending), 'pending', 'nothing changed');
$res = $stack->post_form($ops, "/ops/bookings/$pending/cancel", { reason => 'Duplicate booking' }, csrf => undef);
is($res->code, 403, 'a cancel without the CSRF token is 403');
my %before = map { $_ => outbox_for($_) } qw(customer1 vendor1);
$res = act($pending, 'cancel', { reason => 'Duplicate booking' });
is($res->code, 303, 'ops cancel a pending booking');
is($res->header('Location'), "/ops/bookings/$pending?notice=cancelled", 'back to it, with a notice');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $pending), 'cancelled', 'it is cancelled');
is(audited('booking.cancelled', $pending), 1, 'audited');
cmp_ok(outbox_for('customer1'), '>', $before{customer1}, 'the customer is told through the outbox');
like($m{customer1}->get($stack->url("/bookings/$pending"))->decoded_content, qr/Cancelled/, 'the customer sees it cancelled');
$res = act($pending, 'cancel', { reason => 'Again' });
is($res->code, 409, 'cancelling a cancelled booking is 409');
like($res->decoded_content, qr/A booking that is “Cancelled” cannot become “Cancelled”\./, 'with a page that says why');
$res = act($pending, 'release', { reason => 'Vendor is ill' });
is($res->code, 409, 'releasing a booking that is not accepted is 409');
like($res->decoded_content, qr/Only an accepted booking can go back to the job board\. This one is “Cancelled”\./,
    'with a page that says why');
$res = act(1002, 'cancel', { reason => 'Too late' });
is($res->code, 409, 'cancelling a booking in progress is 409');
like($res->decoded_content, qr/A booking that is “In progress” cannot become “Cancelled”\./, 'and says why');
is($stack->sql_value('SELECT status FROM bookings WHERE id = 1002'), 'in_progress', 'it is unchanged');
is(act(999999, 'cancel', { reason => 'Nobody' })->code, 404, 'an unknown booking is 404');

# Release: back on the board, both told.
$res = act($accepted, 'release', { reason => '' });
is($res->code, 422, 'releasing with no reason is 422');
like($res->decoded_content, qr{id="release-reason-error"}, 'the reason field says why, the form shown again');
%before = map { $_ => outbox_for($_) } qw(customer1 vendor1);
$res = act($accepted, 'release', { reason => 'Vendor is unwell today' });
is($res->code, 303, 'ops put an accepted booking back on the board');
is($res->header('Location'), "/ops/bookings/$accepted?notice=released", 'back to it, with a notice');
my $row = $stack->sql('SELECT status, vendor_id, start_code_hash FROM bookings WHERE id = ?', $accepted)->[0];
is($row->{status}, 'pending', 'it is pending again');
ok(!defined $row->{vendor_id} && !defined $row->{start_code_hash}, 'with no vendor and no start code');
is(audited('booking.pending', $accepted), 1, 'audited');
cmp_ok(outbox_for('customer1'), '>', $before{customer1}, 'the customer is told through the outbox');
cmp_ok(outbox_for('vendor1'), '>', $before{vendor1}, 'the vendor is told through the outbox');
like($m{customer1}->get($stack->url("/bookings/$accepted"))->decoded_content, qr/Waiting for a vendor/,
    'the customer sees it waiting for a vendor');
like($m{vendor1}->get($stack->url('/notifications'))->decoded_content,
    qr/Booking #$accepted \(AC Repair\) is no longer yours.*Vendor is unwell today/s, 'the vendor reads why');
like($m{vendor1}->get($stack->url('/vendor/jobs'))->decoded_content, qr{href="/vendor/bookings/$accepted"},
    'and it is on the job board again');

# Cancel with a captured payment: refunded in full.
$stack->sql("INSERT INTO payments (booking_id, customer_id, vendor_id, amount_paise, status, gateway,
    card_brand, card_last4, captured_at, created_at, updated_at) VALUES (?, ?, ?, 50000, 'captured', 'test',
    'visa', '4242', 1, 1, 1)", $paid, $uid{customer1}, $uid{vendor1});
like($ops->get($stack->url("/ops/bookings/$paid"))->decoded_content, qr/cancelling refunds ₹500/,
    'the cancel form says what it refunds');
is(act($paid, 'cancel', { reason => 'Refund please' }, 'onboard_mgr')->code, 403, 'onboarding: cancel with refund is 403');
is(act($paid, 'cancel', { reason => 'Refund please' }, 'admin')->code, 403, 'the super admin: 403 too');
%before = map { $_ => outbox_for($_) } qw(customer1 vendor1);
$res = act($paid, 'cancel', { reason => 'Customer moved house' });
is($res->code, 303, 'ops cancel a paid booking');
is($res->header('Location'), "/ops/bookings/$paid?notice=cancelled-refunded", 'the notice says refunded');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $paid), 'cancelled', 'it is cancelled');
$row = $stack->sql('SELECT status, refunded_paise FROM payments WHERE booking_id = ?', $paid)->[0];
is($row->{status}, 'refunded', 'its payment is refunded');
is($row->{refunded_paise}, 50000, 'in full');
cmp_ok(outbox_for('customer1'), '>=', $before{customer1} + 2, 'the customer is told of both');
cmp_ok(outbox_for('vendor1'), '>', $before{vendor1}, 'the vendor is told');
like($m{customer1}->get($stack->url('/notifications'))->decoded_content, qr/₹500 of your payment is refunded/,
    'the customer reads of the refund');

# A staff note: staff only.
my $note = 'Customer asked us not to ring the bell <b>';
%before = map { $_ => outbox_for($_) } qw(customer1 vendor1);
$res = act($talk, 'notes', { body => '' });
is($res->code, 422, 'an empty note is 422');
like($res->decoded_content, qr{id="note-body-error"}, 'the note form again, saying why');
is($stack->sql_value('SELECT count(*) FROM booking_notes'), 0, 'nothing saved');
$res = act($talk, 'notes', { body => $note });
is($res->code, 303, 'ops write a note');
is($res->header('Location'), "/ops/bookings/$talk?notice=note-added#notes-heading", 'back to the notes');
is(audited('booking.note', $talk), 1, 'audited');
like($ops->get($stack->url("/ops/bookings/$talk"))->decoded_content,
    qr{<strong>ops_mgr</strong>.*Customer asked us not to ring the bell &lt;b&gt;}s, 'staff read it, escaped');
for my $who (['customer1', "/bookings/$talk"], ['vendor1', "/vendor/bookings/$talk"]) {
	my ($user, $path) = @$who;
	my $page = $m{$user}->get($stack->url($path));
	is($page->code, 200, "$user reads the booking");
	unlike($page->decoded_content, qr/ring the bell|Staff notes/, "$user never sees the note");
	unlike($m{$user}->get($stack->url('/notifications'))->decoded_content, qr/ring the bell/,
	    "$user is not told of it");
}
is(outbox_for('customer1') + outbox_for('vendor1'), $before{customer1} + $before{vendor1}, 'a note sends nothing');

# A message as HomeServe support.
$res = act($talk, 'messages', { body => '' });
is($res->code, 422, 'an empty message is 422');
like($res->decoded_content, qr{id="body-error"}, 'the message form again, saying why');
$res = act($talk, 'messages', { body => 'Your visit is confirmed for tomorrow.' });
is($res->code, 303, 'ops write in the thread');
is($res->header('Location'), "/ops/bookings/$talk?notice=support-message#messages", 'back to the thread');
is(audited('message.support', $talk), 1, 'audited');
cmp_ok(outbox_for('customer1'), '>', $before{customer1}, 'the customer is told through the outbox');
cmp_ok(outbox_for('vendor1'), '>', $before{vendor1}, 'the vendor is told through the outbox');
for my $who (['customer1', "/bookings/$talk"], ['vendor1', "/vendor/bookings/$talk"]) {
	my ($user, $path) = @$who;
	my $page = $m{$user}->get($stack->url($path))->decoded_content;
	like($page, qr{HomeServe support.*Your visit is confirmed for tomorrow\.}s, "$user reads it from HomeServe support");
	unlike($page, qr/ops_mgr/, "$user is not told who wrote it");
}
like($ops->get($stack->url("/ops/bookings/$talk"))->decoded_content, qr{HomeServe support \(ops_mgr\)},
    'staff see who wrote it');
$m{customer1}->get($stack->url("/bookings/$talk"));
is($stack->post_form($m{customer1}, "/bookings/$talk/messages", { body => 'Thank you' })->code, 303,
    'the customer answers in the same thread');
like($ops->get($stack->url("/ops/bookings/$talk"))->decoded_content,
    qr{Your visit is confirmed.*Thank you}s, 'which staff read after it');

$stack->finish;
done_testing;
