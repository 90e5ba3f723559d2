# 116-phone-browser.t: every GET page of every role fits a phone: the pages come from the areas' route tables (cgi-bin/booking.c, vendor.c, ops.c, admin.c) with ids from sample data that fills every list, and t/browser/phone.mjs loads each at 375 and 1280 px in headless Chromium with JavaScript off, failing on sideways scrolling, a tall header, small touch targets or a broken menu, then runs axe-core on each and fails on any violation.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use Test::More;
use HomeServe::Test;

not_in_release_check('what Chromium shows does not depend on how the programs are linked');
use HomeServe::Browser;
use HomeServe::Jobs;
use HomeServe::Images;

my $SCRIPT = 't/browser/phone.mjs';
my $DEADLINE = 420;	# seconds for the whole browser run, start to end
my @AREAS = qw(booking vendor ops admin);

HomeServe::Browser::check_tools($SCRIPT);
my $stack = start_stack();
$stack->relax_booking_rules;

# --- who signs in, and which roles they stand for ------------------------------

my @USERS = (
	{ name => 'visitor', roles => ['WEB_PUBLIC'] },
	{ name => 'customer1', username => 'customer1', password => 'password123', home => '/',
	    roles => [qw(ROLE_CUSTOMER ROLE_ANY)] },
	{ name => 'vendor1', username => 'vendor1', password => 'password123', home => '/vendor/',
	    roles => [qw(ROLE_VENDOR ROLE_ANY)] },
	{ name => 'onboard_mgr', username => 'onboard_mgr', password => 'password123', home => '/ops/',
	    roles => [qw(ROLE_ONBOARD ROLE_STAFF ROLE_ANY)] },
	{ name => 'ops_mgr', username => 'ops_mgr', password => 'password123', home => '/ops/',
	    roles => [qw(ROLE_OPS ROLE_STAFF ROLE_ANY)] },
	{ name => 'admin', username => 'admin', password => 'admin123', home => '/admin/',
	    roles => [qw(ROLE_ADMIN ROLE_ANY)] },
);

# --- sample data: every list and table of every role has rows -------------------

my %m;
for my $who (grep { $_->{username} } @USERS) {
	$m{ $who->{name} } = $stack->mech;
	$stack->login_ok($m{ $who->{name} }, $who->{username}, $who->{password}, $who->{home});
}
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
jobs_setup($stack, customer => [$m{customer1}, $uid{customer1}], vendor => [$m{vendor1}, $uid{vendor1}]);

# Signed and paid, with photos and a rating: receipts, earnings, a payout due.
my ($signed, $signed_payment) = completed_job(123_457);
is(pay($signed_payment)->code, 303, 'a job is paid');
is(sign(ask_to_sign($signed)->{id}, 4)->code, 303, '... and signed');
# Waiting for the customer's signature, not paid: the sign and pay pages.
my ($to_sign) = completed_job(50_000);
ask_to_sign($to_sign);
# Rejected: a dispute.
my ($disputed, $disputed_payment) = completed_job(80_000);
is(pay($disputed_payment)->code, 303, 'another job is paid');
is(reject(ask_to_sign($disputed)->{id}, 'The tap still leaks under the sink, every few seconds.')->code, 303,
    '... and disputed');
# The photos' files (HomeServe::Jobs writes only their rows), so the pages show real images.
for my $file (map { $_->{file} } @{ $stack->sql('SELECT file FROM photos') }) {
	HomeServe::Test::write_file($stack->data . "/uploads/$file", test_png());
}
# On the job board, and accepted for tomorrow (the calendar).
my $tomorrow = time + 86400;
my $pending = $stack->sql_value(q{INSERT INTO bookings (customer_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, notes, status, created_at, updated_at)
    VALUES (?, 2, 'plumbing', '12 Janpath, Connaught Place, New Delhi', '110001', ?, 60, 40000,
    'The kitchen tap drips; please bring a washer.', 'pending', ?, ?); SELECT last_insert_rowid()},
    $uid{customer1}, $tomorrow, time, time);
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, notes, status, created_at, updated_at)
    VALUES (?, ?, 4, 'cleaning', '12 Janpath, Connaught Place, New Delhi', '110001', ?, 120, 30000,
    '', 'accepted', ?, ?)}, $uid{customer1}, $uid{vendor1}, time + 3600, time, time);
# A vendor document, an open alert, a paid payout.
{
	my $v = $m{vendor1};
	$v->get($stack->url('/vendor/documents'));
	my $res = $v->post($stack->url('/vendor/documents'), Content_Type => 'form-data',
	    Content => [csrf_token => $stack->csrf($v) // '', doc_type => 'certificate',
	    document => [undef, 'certificate.pdf', 'Content-Type' => 'application/pdf',
	    Content => "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"]]);
	is($res->code, 303, 'vendor1 uploads a certificate');
}
$stack->sql(q{INSERT INTO alerts (kind, scope, subject, evidence_id, vendor_id, booking_id, summary, figures,
    link, raised_at) VALUES ('low_rating', 'vendor', 'vendor1', ?, ?, ?,
    'Ten ratings averaging 2.9 of 5 over the last 30 days, three of them below 3.',
    '{"ratings": 10, "rating_sum": 29, "below": 3}', ?, ?)},
    $signed, $uid{vendor1}, $signed, "/ops/vendors/$uid{vendor1}", time);
$stack->sql(q{INSERT INTO payouts (vendor_id, month, amount_paise, status, reference, paid_at, paid_by,
    created_at, updated_at) VALUES (?, '2020-01', 425000, 'paid', 'HDFC-NEFT-2020-0001234567', ?, ?, ?, ?)},
    $uid{vendor1}, time - 86400, $uid{ops_mgr}, time - 86400 * 30, time - 86400);

# --- the pages: every GET route, its {id}s filled ----------------------------------

# The ids each {id} of a route takes, in order: one query a placeholder,
# each giving one or more ids (a page per row).  A route with an {id}
# missing here fails the test: add it, so no page goes unchecked.
my %IDS = (
	'/services/{id}' => ['SELECT id FROM services ORDER BY id LIMIT 1'],
	'/bookings/{id}' => ["SELECT id FROM bookings WHERE id IN ($signed, $to_sign, $disputed, $pending)"],
	'/bookings/{id}/cancel' => ["SELECT $pending"],
	'/bookings/{id}/reschedule' => ["SELECT $pending"],
	'/notifications/{id}' => ["SELECT id FROM notifications WHERE user_id = $uid{customer1} ORDER BY id LIMIT 1"],
	'/signatures/{id}/sign' => ["SELECT id FROM signatures WHERE booking_id = $to_sign"],
	'/signatures/{id}' => ["SELECT id FROM signatures WHERE booking_id = $signed"],
	'/vendors/{id}' => ["SELECT $uid{vendor1}"],
	'/payments/{id}/pay' => ["SELECT id FROM payments WHERE booking_id = $to_sign"],
	'/payments/{id}/receipt' => ["SELECT $signed_payment"],
	'/vendor/bookings/{id}' => ["SELECT id FROM bookings WHERE id IN ($signed, $to_sign, $disputed, $pending)"],
	'/ops/bookings/{id}' => ["SELECT id FROM bookings WHERE id IN ($signed, $disputed, $pending)"],
	'/ops/disputes/{id}' => ['SELECT booking_id FROM disputes ORDER BY booking_id LIMIT 1'],
	'/ops/vendors/{id}' => ["SELECT $uid{vendor1}"],
	'/ops/outbox/{id}' => ['SELECT max(id) FROM outbox'],
	'/ops/alerts/{id}' => ['SELECT max(id) FROM alerts'],
	'/admin/services/{id}/edit' => ['SELECT id FROM services ORDER BY id LIMIT 1'],
	'/admin/categories/{id}/edit' => ['SELECT id FROM categories ORDER BY id LIMIT 1'],
	'/admin/users/{id}' => ["SELECT id FROM users WHERE id IN ($uid{customer1}, $uid{vendor1})"],
);
# GET routes that are no page to lay out, and why.
my %NOT_A_PAGE = (
	'/photos/{id}' => 'an image',
	'/vendor/documents/{id}' => 'the document itself (PDF or image)',
	'/ops/vendors/{id}/documents/{id}' => 'the document itself (PDF or image)',
	'/signatures/{id}/record.txt' => 'plain text',
	'/signatures/{id}/record.sig' => 'a signature file',
	'/signatures/public-key.pem' => 'a key file',
	'/account/2fa/qr.svg' => 'an image',
	'/ops/signatures/export' => 'a download',
	'/password/reset/{token}' => 'needs a mailed token; its form is password_forgot\'s twin',
	'/unsubscribe/{token}' => 'needs a mailed token',
);

# The GET routes of an area's table: [methods, path, roles].
sub routes_of {
	my ($area) = @_;
	my $src = HomeServe::Test::read_file(src_dir() . "/cgi-bin/$area.c");
	my @routes;
	while ($src =~ m{\{\s*(WEB_(?:GET|POST)[^,]*),\s*"([^"]+)",\s*([^,]+),\s*\w+\s*\}}g) {
		my @route = ($1, $2, $3);
		push @routes, \@route if $route[0] =~ /WEB_GET/;
	}
	return @routes;
}

# The paths ROUTE stands for, with each {id} (or {token}) filled.
sub paths_of {
	my ($path) = @_;
	my $queries = $IDS{$path} // return ();
	my @paths = ($path);
	for my $q (@$queries) {
		my @ids = map { (values %$_)[0] } @{ $stack->sql($q) };
		@paths = map { my $p = $_; map { (my $x = $p) =~ s/\{\w+\}/$_/; $x } @ids } @paths;
	}
	return grep { !/\{/ } @paths;
}

my (@pages, @missing, %routes);
for my $area (@AREAS) {
	for my $route (routes_of($area)) {
		my ($methods, $path, $roles) = @$route;
		next if $NOT_A_PAGE{$path} || $path =~ /\.csv$/;	# downloads
		$routes{$path}++;
		my @paths = $path =~ /\{/ ? paths_of($path) : ($path);
		push @missing, $path unless @paths;
		my %role = map { s/^\s+|\s+$//gr => 1 } split /\|/, $roles;
		for my $who (grep { my $u = $_; grep { $role{$_} } @{ $u->{roles} } } @USERS) {
			push @pages, map { { user => $who->{name}, path => $_, route => $path } } @paths;
		}
	}
}
cmp_ok(scalar keys %routes, '>=', 60, scalar(keys %routes) . ' GET pages in the route tables of ' . join(', ', @AREAS));
is_deeply(\@missing, [], 'every {id} of every GET route has sample ids (%IDS)')
    or diag("add these routes to %IDS: @missing");
note(scalar(@pages) . ' page loads a width');

# --- the browser run ----------------------------------------------------------

my $ARTEFACTS = HomeServe::Browser::prepare_artefacts(HomeServe::Browser::default_artefact_dir('116-phone-browser'),
    'pages.json');
unlink glob("$ARTEFACTS/*.png"), glob("$ARTEFACTS/shots/*.png");
HomeServe::Test::write_file("$ARTEFACTS/pages.json", JSON::PP->new->canonical->encode({
	users => [map { { name => $_->{name}, username => $_->{username}, password => $_->{password},
	    home => $_->{home} } } @USERS],
	pages => \@pages,
}));
HomeServe::Browser::run($stack, script => $SCRIPT, artefacts => $ARTEFACTS, deadline => $DEADLINE,
    args => ["$ARTEFACTS/pages.json"]);

$stack->finish;
done_testing();
