# 110-job-board.t: the vendor's job board among 1,100 pending jobs: one page of 20 soonest first, a count reading "1,000+", filters by pincode, category and day (only the vendor's own; wrong ones 422 with the form), pages keeping the filters, an index walk with no sort; the customer's name, house address and notes hidden until the job is the vendor's, and hidden again once it goes back; the dashboard's jobs today and capped count.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my $T = time;
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
my %svc = map { $_->{category} => $_->{id} } @{ $stack->sql('SELECT id, category FROM services') };

# Local (Asia/Kolkata) midnight of today, and a day's YYYY-MM-DD.
my $midnight = do { my $ist = $T + 19800; $ist - $ist % 86400 - 19800 };
sub day_of { strftime('%Y-%m-%d', gmtime($_[0] + 19800)) }

# A customer with a name to look for; vendor1 does ac and plumbing in
# 110001 and 110002; vendor2 does ac in 110001 and 110003.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    SELECT 'sunita_kapoor', 'sunita@homeserve.test', '', password_hash, 'customer', ?, ? FROM users
    WHERE username = 'customer1'}, $T, $T);
my $cust = $stack->sql_value(q{SELECT id FROM users WHERE username = 'sunita_kapoor'});
$stack->sql('DELETE FROM vendor_categories WHERE vendor_id IN (?, ?)', $uid{vendor1}, $uid{vendor2} // 0);
$stack->sql('DELETE FROM vendor_pincodes WHERE vendor_id IN (?, ?)', $uid{vendor1}, $uid{vendor2} // 0);
$stack->sql(q{INSERT INTO vendor_categories VALUES (?, 'ac'), (?, 'plumbing')}, $uid{vendor1}, $uid{vendor1});
$stack->sql(q{INSERT INTO vendor_pincodes VALUES (?, '110001'), (?, '110002')}, $uid{vendor1}, $uid{vendor1});
unless ($uid{vendor2}) {
	$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
	    SELECT 'vendor2', 'vendor2@homeserve.test', '', password_hash, 'vendor', ?, ? FROM users
	    WHERE username = 'vendor1'}, $T, $T);
	$uid{vendor2} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'vendor2'});
	$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at, status_at, updated_at)
	    VALUES (?, 'verified', ?, ?, ?)}, $uid{vendor2}, $T, $T, $T);
}
$stack->sql(q{INSERT INTO vendor_categories VALUES (?, 'ac')}, $uid{vendor2});
$stack->sql(q{INSERT INTO vendor_pincodes VALUES (?, '110001'), (?, '110003')}, $uid{vendor2}, $uid{vendor2});

# bulk(N, CATEGORY, PINCODE, FIRST, STEP, STATUS, VENDOR): N bookings by SQL.
sub bulk {
	my ($n, $cat, $pin, $first, $step, $status, $vendor) = @_;
	$stack->sql(q{WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ? - 1)
	    INSERT INTO bookings (customer_id, vendor_id, service_id, service_name, category, address, pincode, scheduled_at,
	    duration_minutes, price_paise, notes, status, created_at, updated_at)
	    SELECT ?, ?, s.id, s.name, s.category, '4 Hidden Lane, Delhi', ?, ? + i * ?, 60, 50000,
	    'Secret gate code 9911', ?, ?, ? FROM k, services s WHERE s.id = ?},
	    $n, $cust, $vendor, $pin, $first, $step, $status, $T, $T, $svc{$cat});
}
# 1,100 AC jobs from tomorrow 00:00 every 3 minutes in 110001; 30
# plumbing jobs in 110002 on day 5; one AC job in vendor2's 110003;
# three paid bookings in the customer's past.
bulk(1100, 'ac', '110001', $midnight + 86400, 180, 'pending');
bulk(30, 'plumbing', '110002', $midnight + 5 * 86400 + 9 * 3600, 600, 'pending');
bulk(1, 'ac', '110003', $midnight + 86400 + 60, 60, 'pending');
bulk(3, 'ac', '110001', $T - 30 * 86400, 86400, 'paid', $uid{vendor2});
my $elsewhere = $stack->sql_value(q{SELECT id FROM bookings WHERE pincode = '110003'});

my $v = $stack->mech;
$stack->login_ok($v, 'vendor1', 'password123', '/vendor/');

# ids(HTML): the job ids of the board's rows, in order.
sub ids { my @ids = $_[0] =~ m{<h2><a href="/vendor/bookings/(\d+)">}g; return @ids }
sub first_ids {
	my ($where, $offset, @binds) = @_;
	return map { $_->{id} } @{ $stack->sql("SELECT id FROM bookings WHERE status = 'pending' AND $where
	    ORDER BY scheduled_at, id LIMIT 20 OFFSET $offset", @binds) };
}

# --- one page among thousands ------------------------------------------------
my $res = $v->get($stack->url('/vendor/jobs'));
is($res->code, 200, 'the job board');
my $html = $res->decoded_content;
is_deeply([ ids($html) ], [ first_ids(q{pincode IN ('110001', '110002')}, 0) ], 'one page of 20, soonest first');
like($html, qr{<strong>1,000\+</strong> jobs waiting}, 'the count reads 1,000+');
like($html, qr{Pincode 110001 · <span class="price">[^<]+</span> · 3 past bookings}, 'each row: area, price, and the customer has 3 past bookings');
unlike($html, qr{Hidden Lane|Secret gate|sunita_kapoor}, 'no customer name, address or notes on the board');
unlike($html, qr{/vendor/bookings/$elsewhere"}, "vendor2's pincode is not on vendor1's board");
like($html, qr{<a href="/vendor/jobs\?pincode=&amp;category=&amp;day=&amp;page=2" rel="next">}, 'a link to the next page');
cmp_ok(length($html), '<', 30_000, 'the page stays small: ' . length($html) . ' bytes');

# --- filters -------------------------------------------------------------------
$html = $v->get($stack->url('/vendor/jobs?category=plumbing'))->decoded_content;
like($html, qr{<strong>30</strong> jobs waiting}, 'plumbing: 30 jobs');
is_deeply([ ids($html) ], [ first_ids(q{category = 'plumbing'}, 0) ], 'plumbing: its first 20');
like($html, qr{<option value="plumbing" selected>}, 'the filter stays chosen');
$html = $v->get($stack->url('/vendor/jobs?pincode=110002'))->decoded_content;
like($html, qr{<strong>30</strong> jobs waiting}, 'pincode 110002: 30 jobs');
my $day5 = day_of($midnight + 5 * 86400);
$html = $v->get($stack->url("/vendor/jobs?day=$day5"))->decoded_content;
like($html, qr{<strong>30</strong> jobs waiting}, "day $day5: the 30 plumbing jobs");
my $day1 = day_of($midnight + 86400);
$html = $v->get($stack->url("/vendor/jobs?day=$day1&category=ac&pincode=110001"))->decoded_content;
like($html, qr{<strong>480</strong> jobs waiting}, "day $day1, AC, 110001: 480 jobs (one every 3 minutes)");
$html = $v->get($stack->url("/vendor/jobs?day=$day5&category=ac"))->decoded_content;
like($html, qr{<strong>0</strong> jobs waiting}, 'AC on day 5: none');
like($html, qr{No open jobs match these filters}, '... and the page says so');

# --- pages keep the filters ------------------------------------------------------------
$res = $v->get($stack->url("/vendor/jobs?category=ac&pincode=110001&day=$day1&page=2"));
$html = $res->decoded_content;
is_deeply([ ids($html) ], [ first_ids(q{category = 'ac' AND pincode = '110001' AND scheduled_at >= ? AND scheduled_at < ?}, 20,
    $midnight + 86400, $midnight + 2 * 86400) ], 'page 2: jobs 21 to 40');
like($html, qr{href="/vendor/jobs\?pincode=110001&amp;category=ac&amp;day=$day1&amp;page=3" rel="next"}, 'the next page keeps the filters');
like($html, qr{href="/vendor/jobs\?pincode=110001&amp;category=ac&amp;day=$day1&amp;page=1" rel="prev"}, 'and the previous one');
$html = $v->get($stack->url('/vendor/jobs?page=50'))->decoded_content;
is(scalar(ids($html)), 20, 'page 50 is the last reachable');
unlike($html, qr{rel="next"}, '... with no next link');

# --- wrong filters: 422 with the form ------------------------------------------------------
for my $case (['pincode=110003', qr{Choose one of the pincodes you serve}, "vendor2's pincode"],
    ['pincode=abc', qr{Choose one of the pincodes you serve}, 'a malformed pincode'],
    ['category=cleaning', qr{Choose one of the categories you do}, 'a category not theirs'],
    ['day=2026-13-45', qr{Give the day as YYYY-MM-DD}, 'a day that does not exist'],
    ['day=tomorrow', qr{Give the day as YYYY-MM-DD}, 'a day in words'],
    ['page=51', qr{Pages go from 1 to 50}, 'a page past the last'],
    ['page=-1', qr{Pages go from 1 to 50}, 'a negative page']) {
	my ($q, $re, $what) = @$case;
	$res = $v->get($stack->url("/vendor/jobs?$q"));
	is($res->code, 422, "$what: 422");
	$html = $res->decoded_content;
	like($html, $re, "$what: says what is wrong");
	like($html, qr{<form class="filters" method="get" action="/vendor/jobs">}, "$what: the form again");
	is(scalar(ids($html)), 0, "$what: no jobs shown");
}
like($v->get($stack->url('/vendor/jobs?pincode=110003&day=tomorrow'))->decoded_content,
    qr{pincodes you serve.*YYYY-MM-DD}s, 'every wrong filter is reported at once');
is($v->get($stack->url("/vendor/bookings/$elsewhere"))->code, 404, "the job in vendor2's pincode is 404 for vendor1");

# --- the plan: an index walk, no sort ------------------------------------------------------
# The per-(category, pincode) query of lib/domain/board.c, with its
# parameters as the worker binds them (the planner sees no values).
my $board_sql = q{SELECT b.id, b.scheduled_at FROM bookings b WHERE b.category = :c AND b.pincode = :p
    AND b.status = 'pending' AND b.scheduled_at >= :from AND b.scheduled_at < :to
    AND (b.offered_to IS NULL OR b.offered_to = :v OR b.offered_until <= :now)
    AND NOT EXISTS (SELECT 1 FROM booking_declines d WHERE d.vendor_id = :v AND d.booking_id = b.id)};
my $params = ".parameter init\n.parameter set :c 'ac'\n.parameter set :p '110001'\n.parameter set :v 2\n"
    . ".parameter set :now 1\n.parameter set :from 2\n.parameter set :to 3\n.parameter set :n 21\n";
my (undef, $plan) = HomeServe::Test::run_command(['sqlite3', $stack->db],
    stdin => "${params}EXPLAIN QUERY PLAN $board_sql ORDER BY b.scheduled_at, b.id LIMIT :n;\n");
my (undef, $count_plan) = HomeServe::Test::run_command(['sqlite3', $stack->db],
    stdin => "${params}EXPLAIN QUERY PLAN SELECT count(*) FROM ($board_sql LIMIT :n) AS t;\n");
like($count_plan, qr{USING COVERING INDEX bookings_board}, 'the capped count reads bookings_board alone');
like($plan, qr{USING COVERING INDEX bookings_board \(status=\? AND category=\? AND pincode=\? AND scheduled_at>\? AND scheduled_at<\?\)}, 'the board walks bookings_board from the first time');
unlike($plan, qr{TEMP B-TREE}, 'with no sort: ' . ($plan =~ s/\n/; /gr));
# Where most pending jobs are the vendor's, the board walks every
# pending job in time order instead (board_scan), reading one index.
my $walk_sql = q{SELECT b.id, u.paid_bookings, EXISTS (SELECT 1 FROM booking_declines d WHERE d.vendor_id = :v
    AND d.booking_id = b.id) FROM bookings b CROSS JOIN users u WHERE b.status = 'pending'
    AND b.scheduled_at >= :from AND b.scheduled_at < :to AND u.id = b.customer_id ORDER BY b.scheduled_at, b.id};
my (undef, $walk_plan) = HomeServe::Test::run_command(['sqlite3', $stack->db],
    stdin => "${params}EXPLAIN QUERY PLAN $walk_sql;\n");
like($walk_plan, qr{SEARCH b USING COVERING INDEX bookings_pending_time \(status=\? AND scheduled_at>\? AND scheduled_at<\?\)},
    'the walk reads bookings_pending_time alone');
unlike($walk_plan, qr{TEMP B-TREE}, '... with no sort: ' . ($walk_plan =~ s/\n/; /gr));

# --- offers and declines, on the walk and on the per-pair merge ----------------------
# The unfiltered board is mostly vendor1's AC jobs (the walk answers);
# 110002's plumbing jobs lie behind 1,100 of them (the walk gives up
# and the per-pair merge answers).  Both must hide a job offered to
# another vendor whose window is open and one vendor1 declined, and
# show one offered to vendor1 or whose offer to another has lapsed.
for my $case (['', q{category = 'ac' AND pincode = '110001'}, 'the walk'],
    ['?pincode=110002', q{pincode = '110002'}, 'the per-pair merge']) {
	my ($query, $where, $path) = @$case;
	my ($other, $declined, $mine, $lapsed) = first_ids($where, 0);
	$stack->sql('UPDATE bookings SET offered_to = ?, offered_until = ? WHERE id = ?', $uid{vendor2}, $T + 3600, $other);
	$stack->sql('INSERT INTO booking_declines (booking_id, vendor_id, at) VALUES (?, ?, ?)', $declined, $uid{vendor1}, $T);
	$stack->sql('UPDATE bookings SET offered_to = ?, offered_until = ? WHERE id = ?', $uid{vendor1}, $T + 3600, $mine);
	$stack->sql('UPDATE bookings SET offered_to = ?, offered_until = ? WHERE id = ?', $uid{vendor2}, $T - 60, $lapsed);
	for my $round (1, 2) {	# the second one after the walk's verdict is remembered
		$html = $v->get($stack->url("/vendor/jobs$query"))->decoded_content;
		is_deeply([ ids($html) ], [ first_ids("$where AND id NOT IN ($other, $declined)", 0) ],
		    "$path, view $round: no job offered to vendor2 and none declined; the rest soonest first");
	}
	like($html, qr{<a href="/vendor/bookings/$mine">.*?Requested for you}s, "$path: the job offered to vendor1 says so");
	like($html, qr{/vendor/bookings/$lapsed"}, "$path: a lapsed offer to another vendor is open to all");
	$stack->sql('UPDATE bookings SET offered_to = NULL, offered_until = NULL WHERE id IN (?, ?, ?)', $other, $mine, $lapsed);
	$stack->sql('DELETE FROM booking_declines WHERE booking_id = ?', $declined);
}

# "3 past bookings" is users.paid_bookings, kept by triggers (sql/034):
# a booking that becomes paid, stops being paid, or is inserted or
# deleted as paid moves it, and nothing else does.
sub paid_drift {
	return $stack->sql(q{SELECT count(*) AS n FROM users u WHERE u.paid_bookings
	    <> (SELECT count(*) FROM bookings b WHERE b.customer_id = u.id AND b.status = 'paid')})->[0]{n};
}
is(paid_drift(), 0, "every customer's paid_bookings matches their paid bookings");
my ($payer) = map { $_->{customer_id} } @{ $stack->sql(q{SELECT customer_id FROM bookings WHERE status = 'paid' LIMIT 1}) };
my $paid_now = sub { $stack->sql('SELECT paid_bookings AS n FROM users WHERE id = ?', $payer)->[0]{n} };
my $before = $paid_now->();
my ($moved) = map { $_->{id} } @{ $stack->sql(q{SELECT id FROM bookings WHERE customer_id = ? AND status = 'paid' LIMIT 1}, $payer) };
$stack->sql(q{UPDATE bookings SET status = 'disputed' WHERE id = ?}, $moved);
is($paid_now->(), $before - 1, 'a paid booking disputed: one fewer');
$stack->sql(q{UPDATE bookings SET notes = notes WHERE id = ?}, $moved);
is($paid_now->(), $before - 1, 'another column changed: no change');
$stack->sql(q{UPDATE bookings SET status = 'paid' WHERE id = ?}, $moved);
is($paid_now->(), $before, 'paid again: back');
is(paid_drift(), 0, '... and every count still matches');

# --- privacy: hidden until the job is yours, hidden again when it goes back ---------------------
my ($job) = first_ids(q{category = 'ac'}, 0);
$html = $v->get($stack->url("/vendor/bookings/$job"))->decoded_content;
like($html, qr{<dd>Pincode 110001</dd>}, 'a pending job shows its pincode');
unlike($html, qr{Hidden Lane|Secret gate|sunita_kapoor}, '... but no name, address or notes');
like($html, qr{shown once you accept the job}, '... and says when they will be');
$stack->relax_booking_rules;
$res = $stack->post_form($v, "/vendor/bookings/$job/accept", {});
is($res->code, 303, 'vendor1 accepts it');
$html = $v->get($stack->url("/vendor/bookings/$job"))->decoded_content;
like($html, qr{4 Hidden Lane, Delhi, 110001}, 'now the address shows');
like($html, qr{sunita_kapoor}, '... the name');
like($html, qr{Secret gate code 9911}, '... and the notes');
$res = $stack->post_form($v, "/vendor/bookings/$job/release", { reason => 'My van broke down.' });
is($res->code, 303, 'vendor1 gives it back');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job), 'pending', 'it is pending again');
my $v2 = $stack->mech;
$stack->login_ok($v2, 'vendor2', 'password123', '/vendor/');
$html = $v2->get($stack->url("/vendor/bookings/$job"))->decoded_content;
like($html, qr{<dd>Pincode 110001</dd>}, "vendor2 sees the job back on the board");
unlike($html, qr{Hidden Lane|Secret gate|sunita_kapoor}, '... without name, address or notes');
$html = $v2->get($stack->url('/vendor/jobs'))->decoded_content;
like($html, qr{/vendor/bookings/$job"}, "it is on vendor2's board");
unlike($html, qr{Hidden Lane|Secret gate|sunita_kapoor}, '... without them either');

# --- the dashboard -------------------------------------------------------------------
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, service_name, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    SELECT ?, ?, s.id, s.name, s.category, '8 Today Road, Delhi', '110001', ?, 60, 50000, 'accepted', ?, ?
    FROM services s WHERE s.id = ?}, $cust, $uid{vendor1}, $midnight + 60, $T, $T, $svc{ac});
my $today = $stack->sql_value('SELECT max(id) FROM bookings');
$html = $v->get($stack->url('/vendor/'))->decoded_content;
like($html, qr{Job board</a>: 1,000\+ jobs waiting}, 'the dashboard: 1,000+ jobs waiting');
like($html, qr{id="today-heading">Today</h2>.*?/vendor/bookings/$today".*?8 Today Road}s, "today's job, with its address (it is theirs)");

$stack->check_html;
done_testing;
