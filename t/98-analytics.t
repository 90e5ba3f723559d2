# 98-analytics.t: /ops/analytics and /ops/demand: every figure, in its table and in its chart's bar titles, against numbers computed here from a pattern seeded with SQL; refused attempts made through the booking form; the date range rules; who may look.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(floor);
use Test::More;
use Time::Local qw(timegm);
use HomeServe::Test;

my $stack = start_stack();
my %m;
for my $who (['ops_mgr', '/ops/'], ['admin', '/admin/'], ['customer1', '/'], ['vendor1', '/vendor/'],
    ['onboard_mgr', '/ops/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my $ops = $m{ops_mgr};

# --- days in India time, computed here ----------------------------------------
my $IST = 5 * 3600 + 1800;
my $DAY = 86400;
my @MONTHS = qw(Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec);
sub ist_midnight_of { my ($t) = @_; return floor(($t + $IST) / $DAY) * $DAY - $IST }
sub iso_day { my @g = gmtime($_[0] + $IST); sprintf('%04d-%02d-%02d', $g[5] + 1900, $g[4] + 1, $g[3]) }
sub label_day { my @g = gmtime($_[0] + $IST); sprintf('%d %s %d', $g[3], $MONTHS[$g[4]], $g[5] + 1900) }
# "₹1,23,456.50" as fmt_money writes it: Indian grouping, paise if any.
sub money {
	my ($p) = @_;
	my $sign = $p < 0 ? '-' : '';
	$p = abs $p;
	my ($r, $f) = (int($p / 100), $p % 100);
	my $s = "$r";
	if (length $s > 3) {
		my $last = substr($s, -3);
		my $head = substr($s, 0, -3);
		1 while $head =~ s/^(\d+)(\d\d)/$1,$2/;
		$s = "$head,$last";
	}
	return $sign . '₹' . $s . ($f ? sprintf('.%02d', $f) : '');
}
sub percent {
	my ($part, $whole) = @_;
	return '–' if $whole <= 0;
	my $t = int(($part * 1000 + int($whole / 2)) / $whole);
	return sprintf('%d.%d%%', int($t / 10), $t % 10);
}

# The seeded fortnight: 14 days ending 60 days ago, far from today's
# bookings, so that the default range never sees them.
my $TODAY = ist_midnight_of(time);
my $D0 = $TODAY - 73 * $DAY;
my $DAYS = 14;
my $END = $D0 + $DAYS * $DAY;
my ($FROM, $TO) = (iso_day($D0), iso_day($END - $DAY));

# --- the pattern ------------------------------------------------------------------
my $customer1 = $stack->sql_value("SELECT id FROM users WHERE username = 'customer1'");
my $vendor1 = $stack->sql_value("SELECT id FROM users WHERE username = 'vendor1'");
my %service = map { $_->{id} => $_ } @{ $stack->sql('SELECT id, name, category, price_paise, duration_minutes FROM services') };

# Two more verified vendors serving AC in 110001: one idle, one blocked
# (not active, so neither utilisation nor demand counts it).
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, is_blocked, created_at, updated_at)
    VALUES ('vendor2', 'v2@homeserve.test', '', 'x', 'vendor', 0, 0, 0),
	('vendor3', 'v3@homeserve.test', '', 'x', 'vendor', 1, 0, 0)});
for my $v (qw(vendor2 vendor3)) {
	my $id = $stack->sql_value('SELECT id FROM users WHERE username = ?', $v);
	$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, business_name, verified_at, status_at, updated_at)
	    VALUES (?, 'verified', ?, 0, 0, 0)}, $id, "$v & Sons");
	$stack->sql(q{INSERT INTO vendor_categories (vendor_id, category) VALUES (?, 'ac')}, $id);
	$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, '110001')}, $id);
}

# Each booking follows a path through the state machine; the events are
# $step apart, so some cancellations and disputes land in a later week
# or after the range.
my @PATHS = (
	[qw(pending)],
	[qw(pending accepted)],
	[qw(pending cancelled)],
	[qw(pending accepted cancelled)],
	[qw(pending accepted in_progress completed)],
	[qw(pending accepted in_progress completed signature_requested signed)],
	[qw(pending accepted in_progress completed signature_requested signed paid)],
	[qw(pending accepted in_progress completed signature_requested disputed)],
	[qw(pending accepted in_progress completed signature_requested disputed resolved)],	# settled
	[qw(pending expired)],
	[qw(pending accepted pending accepted)],	# released, accepted again
);
my (@bookings, @payments, @refunds, @reviews);
my $id = 1000;
sub seed_booking {
	my ($created, $svc, $pincode, $path, $step, $n) = @_;
	my $b = { id => ++$id, created => $created, service => $svc, pincode => $pincode, path => $path,
	    status => $path->[-1], scheduled => $created + 2 * $DAY,
	    vendor => (grep { $_ eq 'accepted' } @$path) && $path->[-1] ne 'pending' ? $vendor1 : undef };
	$b->{at}{$path->[$_]} = $created + $_ * $step for 0 .. $#$path;
	push @bookings, $b;
	if (defined $b->{at}{paid}) {
		my $refund = $n % 3 == 0 ? 10000 : 0;
		push @payments, { booking => $b, captured => $b->{at}{paid}, amount => $service{$svc}{price_paise},
		    refunded => $refund };
		push @refunds, { payment => $#payments + 1, amount => $refund, at => $b->{at}{paid} + 3 * $DAY } if $refund;
	}
	push @reviews, { booking => $b, rating => 1 + $n % 5, at => $b->{at}{signed} } if defined $b->{at}{signed};
}
for my $n (0 .. 89) {
	my $day = ($n * 7) % ($DAYS + 4) - 2;		# two days either side
	my $hour = 8 + ($n * 5) % 14;
	seed_booking($D0 + $day * $DAY + $hour * 3600, 1 + $n % 5, $n % 4 ? '110001' : '110002',
	    $PATHS[$n % @PATHS], 3600 * (1 + ($n % 3) * 20), $n);
}
# The edges of the range: a second before it, its first second, its
# last second, and the second after it.
seed_booking($_, 1, '110001', [qw(pending)], 3600, 0) for $D0 - 1, $D0, $END - 1, $END;

my @sql;
for my $b (@bookings) {
	my $s = $service{$b->{service}};
	push @sql, sprintf(q{INSERT INTO bookings (id, customer_id, vendor_id, service_id, category, address, pincode,
	    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at) VALUES
	    (%d, %d, %s, %d, '%s', '1 Test Road, Delhi', '%s', %d, %d, %d, '%s', %d, %d)},
	    $b->{id}, $customer1, $b->{vendor} // 'NULL', $s->{id}, $s->{category}, $b->{pincode}, $b->{scheduled},
	    $s->{duration_minutes}, $s->{price_paise}, $b->{status}, $b->{created}, $b->{created});
	my @p = @{ $b->{path} };
	for my $k (0 .. $#p) {
		push @sql, sprintf(q{INSERT INTO booking_events (booking_id, from_status, to_status, at)
		    VALUES (%d, %s, '%s', %d)}, $b->{id}, $k ? "'$p[$k - 1]'" : 'NULL', $p[$k],
		    $b->{created} + $k * ($b->{at}{$p[-1]} - $b->{created}) / ($#p || 1));
	}
}
for my $i (0 .. $#payments) {
	my $p = $payments[$i];
	push @sql, sprintf(q{INSERT INTO payments (id, booking_id, customer_id, vendor_id, amount_paise, refunded_paise,
	    status, gateway, captured_at, created_at, updated_at) VALUES (%d, %d, %d, %d, %d, %d, '%s', 'test', %d, %d, %d)},
	    $i + 1, $p->{booking}{id}, $customer1, $vendor1, $p->{amount}, $p->{refunded},
	    $p->{refunded} ? 'partially_refunded' : 'captured', $p->{captured}, $p->{captured}, $p->{captured});
}
push @sql, sprintf(q{INSERT INTO payment_refunds (payment_id, seq, amount_paise, reason, created_at)
    VALUES (%d, 1, %d, 'Part of the job was not done.', %d)}, $_->{payment}, $_->{amount}, $_->{at}) for @refunds;
push @sql, sprintf(q{INSERT INTO reviews (booking_id, service_id, vendor_id, customer_id, rating, created_at)
    VALUES (%d, %d, %d, %d, %d, %d)}, $_->{booking}{id}, $_->{booking}{service}, $vendor1, $customer1, $_->{rating},
    $_->{at}) for @reviews;
$stack->sql(join(";\n", 'BEGIN', @sql, 'COMMIT'));
is($stack->sql_value('SELECT count(*) FROM bookings'), scalar @bookings, scalar(@bookings) . ' bookings seeded');

# The events as written (the path's statuses evenly spaced up to its last).
my @events = map { my $b = $_; my @p = @{ $b->{path} };
    map { { booking => $b, status => $p[$_], at => $b->{created} + $_ * ($b->{at}{$p[-1]} - $b->{created}) / ($#p || 1) } } 0 .. $#p
} @bookings;

# --- the figures, computed here -------------------------------------------------------
sub in_range { my ($t) = @_; return $t >= $D0 && $t < $END }
sub week_of { int(($_[0] - $D0) / (7 * $DAY)) }
my $WEEKS = int(($DAYS + 6) / 7);
my @made = grep { in_range($_->{created}) } @bookings;
my @per_day = (0) x $DAYS;
$per_day[int(($_->{created} - $D0) / $DAY)]++ for @made;
my (@captured, @refunded, @cancelled, @disputed);
@captured = (0) x $WEEKS; @refunded = (0) x $WEEKS; @cancelled = (0) x $WEEKS; @disputed = (0) x $WEEKS;
$captured[week_of($_->{captured})] += $_->{amount} for grep { in_range($_->{captured}) } @payments;
$refunded[week_of($_->{at})] += $_->{amount} for grep { in_range($_->{at}) } @refunds;
for my $e (grep { in_range($_->{at}) } @events) {
	$cancelled[week_of($e->{at})]++ if $e->{status} eq 'cancelled';
	# A dispute counts in the week it was raised, open or settled.
	$disputed[week_of($e->{at})]++ if $e->{status} eq 'disputed' && $e->{booking}{status} =~ /^(?:disputed|resolved)$/;
}
my %reached;
for my $b (@made) {
	my %seen = map { $_ => 1 } @{ $b->{path} };
	$reached{$_}++ for keys %seen;
}
my @funnel = (['Booked', scalar @made], ['Accepted by a vendor', $reached{accepted} // 0],
    ['Completed', $reached{completed} // 0], ['Signed by the customer', $reached{signed} // 0],
    ['Paid', $reached{paid} // 0]);
my @ratings = (0) x 6;
$ratings[$_->{rating}]++ for grep { in_range($_->{at}) } @reviews;
my %per_service;
$per_service{ $service{ $_->{service} }{name} }++ for @made;
my @top = sort { $per_service{$b} <=> $per_service{$a} || $a cmp $b } keys %per_service;
my ($jobs, $minutes) = (0, 0);
for my $b (grep { defined $_->{vendor} && in_range($_->{scheduled}) && $_->{status} !~ /^(?:pending|cancelled)$/ } @bookings) {
	$jobs++;
	$minutes += $service{ $b->{service} }{duration_minutes};
}
my $OPEN = 12 * 60 * $DAYS;	# 08:00 to 20:00, every day
ok(scalar(@made) > 40 && $reached{paid} && $refunded[1] + $refunded[0] && $cancelled[0] && $disputed[1] && $jobs,
    'the pattern has something of every figure');

# --- reading a page: a figure's table and its chart -----------------------------------
sub section_of {
	my ($html, $id) = @_;
	my ($s) = $html =~ m{<section class="figure" id="\Q$id\E"(.*?)</section>}s;
	return $s // '';
}
# The table's body rows: [header, cells...], and its total row.
sub table_rows {
	my ($s) = @_;
	my ($body) = $s =~ m{<tbody>(.*?)</tbody>}s;
	my @rows;
	for my $tr (($body // '') =~ m{<tr>(.*?)</tr>}gs) {
		my ($head) = $tr =~ m{<th scope="row">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</th>};
		push @rows, [decode_html($head), map { decode_html($_) } $tr =~ m{<td class="num">(.*?)</td>}g];
	}
	return @rows;
}
sub total_row {
	my ($s) = @_;
	my ($tr) = $s =~ m{<tfoot><tr>(.*?)</tr></tfoot>}s;
	return [map { decode_html($_) } ($tr // '') =~ m{<td class="num">(.*?)</td>}g];
}
sub bar_titles {
	my ($s) = @_;
	return map { decode_html($_) } $s =~ m{<rect class="series-\d+"[^>]*><title>(.*?)</title></rect>}g;
}

my $res = $ops->get($stack->url("/ops/analytics?from=$FROM&to=$TO"));
is($res->code, 200, "GET /ops/analytics?from=$FROM&to=$TO");
my $html = $res->decoded_content;
like($html, qr{<p class="lead">From \Q${\ label_day($D0)}\E to \Q${\ label_day($END - $DAY)}\E: 14 days\.},
    'the page says which days it shows');
like($html, qr{<input id="from" name="from" type="date" value="$FROM"}, 'the form keeps the first day');
like($html, qr{<input id="to" name="to" type="date" value="$TO"}, 'and the last');

my @day_labels = map { label_day($D0 + $_ * $DAY) } 0 .. $DAYS - 1;
my @week_labels = map { label_day($D0 + $_ * 7 * $DAY) . ' – ' . label_day($D0 + ($_ * 7 + 6) * $DAY) } 0 .. $WEEKS - 1;

# Bookings per day.
my $s = section_of($html, 'per-day');
is_deeply([table_rows($s)], [map { [$day_labels[$_], $per_day[$_]] } 0 .. $DAYS - 1],
    'bookings per day: the table, day by day (the edges of the range included, not the seconds outside)');
is_deeply(total_row($s), [scalar @made], 'bookings per day: the total');
is_deeply([bar_titles($s)], [map { "$day_labels[$_]: $per_day[$_]" } 0 .. $DAYS - 1],
    'bookings per day: a bar per day, titled with its number');

# Revenue per week.
$s = section_of($html, 'revenue');
is_deeply([table_rows($s)], [map { [$week_labels[$_], money($captured[$_]), money($refunded[$_]),
    money($captured[$_] - $refunded[$_])] } 0 .. $WEEKS - 1],
    'revenue per week: captured, refunded in that week, and the difference');
my ($all_captured, $all_refunded) = (0, 0);
$all_captured += $_ for @captured;
$all_refunded += $_ for @refunded;
is_deeply(total_row($s), [money($all_captured), money($all_refunded), money($all_captured - $all_refunded)],
    'revenue per week: the totals');
is_deeply([bar_titles($s)], [map { "$week_labels[$_]: " . money($captured[$_] - $refunded[$_]) } 0 .. $WEEKS - 1],
    'revenue per week: a bar per week');

# The funnel.
$s = section_of($html, 'funnel');
is_deeply([table_rows($s)], [map { [$_->[0], $_->[1], percent($_->[1], $funnel[0][1])] } @funnel],
    'funnel: each stage reached, a booking accepted twice counted once');
is_deeply([bar_titles($s)], [map { "$_->[0]: $_->[1]" } @funnel], 'funnel: a bar per stage');

# Ratings.
$s = section_of($html, 'ratings');
my $reviews = 0;
$reviews += $_ for @ratings;
is_deeply([table_rows($s)], [map { [$_ == 1 ? '1 star' : "$_ stars", $ratings[$_], percent($ratings[$_], $reviews)] }
    reverse 1 .. 5], 'ratings: reviews written in the range by stars');
is_deeply([bar_titles($s)], [map { ($_ == 1 ? '1 star' : "$_ stars") . ": $ratings[$_]" } reverse 1 .. 5],
    'ratings: a bar per rating');
my $stars = 0;
$stars += $_ * $ratings[$_] for 1 .. 5;
my $avg = int(($stars * 10 + int($reviews / 2)) / $reviews);
like($s, qr{<p>$reviews reviews, ${\ int($avg / 10)}\.${\ ($avg % 10)} stars on average\.</p>}, 'ratings: the average');

# Top services.
$s = section_of($html, 'services');
is_deeply([table_rows($s)], [map { [$_, $per_service{$_}, percent($per_service{$_}, scalar @made)] } @top],
    'top services: the most booked first, ties by name');
is_deeply([bar_titles($s)], [map { "$_: $per_service{$_}" } @top], 'top services: a bar each');

# Cancellations and disputes.
$s = section_of($html, 'trouble');
is_deeply([table_rows($s)], [map { [$week_labels[$_], $cancelled[$_], $disputed[$_]] } 0 .. $WEEKS - 1],
    'cancellations and disputes per week, by when they happened');
is_deeply([bar_titles($s)], [map { ("Cancellations, $week_labels[$_]: $cancelled[$_]",
    "Disputes, $week_labels[$_]: $disputed[$_]") } 0 .. $WEEKS - 1], 'cancellations and disputes: two bars a week');

# Vendor utilisation.
$s = section_of($html, 'utilisation');
my $vendor1_name = $stack->sql_value('SELECT business_name FROM vendor_profiles WHERE user_id = ?', $vendor1);
my $label1 = $vendor1_name ne '' ? "$vendor1_name (vendor1)" : 'vendor1';
my $hours = int(($minutes + 3) / 6);
is_deeply([table_rows($s)], [[$label1, $jobs, sprintf('%d.%d', int($hours / 10), $hours % 10),
    percent($minutes, $OPEN)], ['vendor2 &amp; Sons (vendor2)' =~ s/&amp;/&/r, 0, '0.0', '0.0%']],
    'utilisation: vendor1\'s jobs in the range over 12 hours a day, the idle vendor2; not the blocked vendor3');
like($s, qr{href="/ops/vendors/$vendor1"}, 'utilisation: each vendor links to their page');
is_deeply([bar_titles($s)], ["$label1: " . percent($minutes, $OPEN), 'vendor2 & Sons (vendor2): 0.0%'],
    'utilisation: a bar each');
like($s, qr{<p>2 active vendors, 1 of them with no job in these days; together \Q${\ percent($minutes, 2 * $OPEN)}\E of their hours \(12\.0 a day, from 08:00 to 20:00, over 14 days\)\.</p>},
    'utilisation: the whole team in a sentence');

# Each chart is an accessible image with a title and a description.
my @svgs = $html =~ m{(<svg .*?</svg>)}gs;
is(scalar @svgs, 7, 'seven charts');
for my $svg (@svgs) {
	my ($id) = $svg =~ m{aria-labelledby="(\S+)-title \1-desc"};
	ok($id && $svg =~ m{role="img"} && $svg =~ m{viewBox="0 0 640 \d+(?:\.\d)?"}
	    && $svg =~ m{<title id="\Q$id\E-title">[^<]+</title>} && $svg =~ m{<desc id="\Q$id\E-desc">[^<]+</desc>},
	    'chart ' . ($id // '?') . ': role img, a viewBox, a title and a description');
}
my @captions = $html =~ m{<caption id="[^"]+">([^<]+)</caption>}g;
is(scalar @captions, 7, 'and a table with a caption beside each');

# --- demand ---------------------------------------------------------------------
# Refused attempts seeded over the fortnight (and one either side),
# then the demand computed here from the seeded bookings, refusals and
# the vendors' rows.
my @refusals;
for my $n (0 .. 29) {
	my $at = $D0 + (($n * 5) % ($DAYS + 2) - 1) * $DAY + (9 + $n % 10) * 3600;
	# None in 110001: its pairs have bookings and no refusal.
	push @refusals, { pincode => (qw(560001 110002 400001))[$n % 3], service => 1 + ($n * 3) % 5, at => $at };
}
$stack->sql(join(";\n", 'BEGIN', (map { sprintf(q{INSERT INTO booking_refusals (pincode, service_id, created_at)
    VALUES ('%s', %d, %d)}, $_->{pincode}, $_->{service}, $_->{at}) } @refusals), 'COMMIT'));
my %category_name = map { $_->{slug} => $_->{name} } @{ $stack->sql('SELECT slug, name FROM categories') };
my %serves;	# "pincode category" => active vendors
for my $r (@{ $stack->sql(q{SELECT z.pincode, c.category, p.status, u.is_blocked FROM vendor_pincodes z
    JOIN vendor_categories c ON c.vendor_id = z.vendor_id JOIN vendor_profiles p ON p.user_id = z.vendor_id
    JOIN users u ON u.id = z.vendor_id}) }) {
	$serves{"$r->{pincode} $r->{category}"}++ if $r->{status} eq 'verified' && !$r->{is_blocked};
}
my %demand;
$demand{"$_->{pincode} $service{ $_->{service} }{category}"}{booked}++ for @made;
$demand{"$_->{pincode} $service{ $_->{service} }{category}"}{refused}++ for grep { in_range($_->{at}) } @refusals;
sub share_of { my ($d) = @_; ($d->{refused} // 0) / (($d->{booked} // 0) + ($d->{refused} // 0)) }
my @demand = map { my ($pin, $cat) = split / /; my $d = $demand{$_};
    [$pin, $category_name{$cat}, $d->{booked} // 0, $d->{refused} // 0, $serves{$_} // 0,
     percent($d->{refused} // 0, ($d->{booked} // 0) + ($d->{refused} // 0))] }
    sort { share_of($demand{$b}) <=> share_of($demand{$a}) || ($demand{$b}{refused} // 0) <=> ($demand{$a}{refused} // 0)
	|| $a cmp $b } keys %demand;
ok((grep { $_->[3] > 0 && $_->[4] == 0 } @demand) && (grep { $_->[3] > 0 && $_->[4] > 0 } @demand)
    && (grep { $_->[3] == 0 } @demand), 'the demand pattern has pairs with and without vendors, with and without refusals');
sub demand_rows {
	my ($html) = @_;
	my ($body) = $html =~ m{<tbody>(.*?)</tbody>}s;
	return map { [map { decode_html($_) } m{<t[hd][^>]*>(.*?)</t[hd]>}g] } ($body // '') =~ m{<tr>(.*?)</tr>}gs;
}
$res = $ops->get($stack->url("/ops/demand?from=$FROM&to=$TO"));
is($res->code, 200, "GET /ops/demand?from=$FROM&to=$TO");
$html = $res->decoded_content;
is_deeply([demand_rows($html)], \@demand,
    'demand: each pincode and category, its bookings, refused attempts, active vendors and refused share, worst first');
my ($booked_all, $refused_all) = (scalar @made, scalar grep { in_range($_->{at}) } @refusals);
like($html, qr{\Q$booked_all\E bookings made and \Q$refused_all\E attempts refused \(\Q${\ percent($refused_all, $booked_all + $refused_all)}\E of all attempts\), in ${\ scalar @demand} pincode and category pairs},
    'demand: the totals in a sentence');

# A booking refused for want of a vendor is recorded, with its audit
# row, and shows in the default range (the last 30 days).
my $c = $m{customer1};
my @when = gmtime(time + $IST + 2 * $DAY);
my $when = sprintf('%04d-%02d-%02dT11:00', $when[5] + 1900, $when[4] + 1, $when[3]);
my $refusals_before = $stack->sql_value('SELECT count(*) FROM booking_refusals');
$c->get($stack->url('/bookings/new?service_id=1'));
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '1 Marine Drive, Mumbai',
    pincode => '400021', scheduled_date => $when, notes => '' });
is($res->code, 422, 'a booking where no vendor serves is refused');
like($res->decoded_content, qr/No verified vendor offers/, '... saying why');
my $row = $stack->sql('SELECT pincode, service_id, created_at FROM booking_refusals ORDER BY id DESC LIMIT 1')->[0];
is($stack->sql_value('SELECT count(*) FROM booking_refusals'), $refusals_before + 1, 'the refused attempt is recorded once');
ok($row->{pincode} eq '400021' && $row->{service_id} == 1 && abs($row->{created_at} - time) < 60,
    '... with its pincode, service and time');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'booking.refused' AND actor_id = ?}, $customer1), 1,
    '... and an audit row naming the customer');
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '1 Marine Drive, Mumbai',
    pincode => '99', scheduled_date => $when, notes => '' });
is($res->code, 422, 'a malformed pincode is refused');
is($stack->sql_value('SELECT count(*) FROM booking_refusals'), $refusals_before + 1, '... and is no refused attempt');
$res = $ops->get($stack->url('/ops/demand'));
is($res->code, 200, 'GET /ops/demand: the last 30 days');
is_deeply([demand_rows($res->decoded_content)], [['400021', $category_name{ $service{1}{category} }, 0, 1, 0, '100.0%']],
    'demand: today\'s refused attempt, and nothing from two months ago');
like($res->decoded_content, qr{<input id="to" name="to" type="date" value="\Q${\ iso_day($TODAY)}\E"},
    'the default range ends today');
like($res->decoded_content, qr{<input id="from" name="from" type="date" value="\Q${\ iso_day($TODAY - 29 * $DAY)}\E"},
    '... and starts 29 days before');

# --- the range's rules -----------------------------------------------------------
for my $page (qw(analytics demand)) {
	$res = $ops->get($stack->url("/ops/$page?from=$TO&to=$FROM"));
	is($res->code, 422, "/ops/$page: a last day before the first is 422");
	like($res->decoded_content, qr{The last day is before the first day}, '... saying so');
	like($res->decoded_content, qr{name="from" type="date" value="$TO"}, '... with the form as sent');
	unlike($res->decoded_content, qr{<svg|<tbody>}, '... and no figures');
	$res = $ops->get($stack->url("/ops/$page?from=2026-02-30&to=yesterday"));
	is($res->code, 422, "/ops/$page: days that are not days are 422");
	like($res->decoded_content, qr{Enter the first day as YYYY-MM-DD.*Enter the last day as YYYY-MM-DD}s, '... each saying so');
	like($res->decoded_content, qr{name="to" type="text" value="yesterday"}, '... with what was typed');
	my $first = iso_day($END - $DAY - 400 * $DAY);
	$res = $ops->get($stack->url("/ops/$page?from=$first&to=$TO"));
	is($res->code, 200, "/ops/$page: more than a year is shown, clamped");
	my $clamped = iso_day($END - 366 * $DAY);
	like($res->decoded_content, qr{At most 366 days at a time: showing the 366 days that end on $TO, from $clamped\.},
	    '... with a message that says so');
	like($res->decoded_content, qr{name="from" type="date" value="$clamped"}, '... and the first day moved');
	like($res->decoded_content, qr{\(?366 days}, '... 366 days shown');
}

# --- who may look ----------------------------------------------------------------
for my $path ("/ops/analytics", "/ops/demand", "/ops/analytics?from=$FROM&to=$TO") {
	is($m{$_}->get($stack->url($path))->code, 403, "$_ on $path: 403") for qw(customer1 vendor1 onboard_mgr);
	is($m{admin}->get($stack->url($path))->code, 200, "admin on $path: 200");
}
my $anon = $stack->mech;
$res = $anon->get($stack->url('/ops/analytics'));
ok($res->code == 303 && ($res->header('Location') // '') =~ m{^/login\?next=}, 'anonymous: sent to sign in');
like($ops->get($stack->url('/ops/'))->decoded_content, qr{href="/ops/analytics".*href="/ops/demand"}s,
    'the operations menu links to both');

$stack->finish;

done_testing;
