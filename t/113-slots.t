# 113-slots.t: booking by slots: the next 7 days offered (India time), a day's start times by the hours, the visit's length, the lead time, the slot step and the vendors free in the pincode (a vendor with an accepted job is not), booking by a slot end to end, a slot that filled up refused with 409 and the nearest free ones, forged and out-of-range slots and days refused with 422 and the input kept, every error of the form at once with a linked summary, and the pincode asked for before times are shown.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;
my $T = time;

# India has no daylight saving: local = UTC + 5:30.
my $IST = 19800;
sub india { my ($fmt, $t) = @_; return strftime($fmt, gmtime($t + $IST)) }
# The local midnight of today + DAYS, as UTC seconds, read from one clock.
my $midnight = int(($T + $IST) / 86400) * 86400 - $IST;
sub day_start { $midnight + $_[0] * 86400 }
sub day_iso { india('%Y-%m-%d', day_start($_[0])) }
sub at { my ($days, $hhmm) = @_; my ($h, $m) = split /:/, $hhmm; day_start($days) + $h * 3600 + $m * 60 }

# The test must not straddle an India midnight: the server reads its own clock.
if (india('%H:%M', $T) ge '23:50') {
	plan skip_all => 'too close to midnight in India for a stable day list';
}

sub setting_set {
	my ($key, $value) = @_;
	$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES (?, ?, unixepoch())
	    ON CONFLICT (key) DO UPDATE SET value = excluded.value}, $key, $value);
}
sub setting_clear { $stack->sql('DELETE FROM settings WHERE key = ?', $_[0]) }

my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };

# A customer with no saved address, signing in with customer1's password.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    SELECT 'nomad', 'nomad@homeserve.test', '', password_hash, 'customer', ?, ? FROM users
    WHERE username = 'customer1'}, $T, $T);

my $c = $stack->mech;
$stack->login_ok($c, 'customer1', 'password123', '/');

# The starts a service of MINUTES offers on day DAYS, with BUSY [start, end) jobs of the only vendor.
sub expected {
	my ($days, $minutes, $step, @busy) = @_;
	my @out;
	for (my $m = 8 * 60; $m + $minutes <= 20 * 60; $m += $step) {
		my $t = day_start($days) + $m * 60;
		next if grep { $_->[0] < $t + $minutes * 60 + 1800 && $_->[1] + 1800 > $t } @busy;
		push @out, sprintf('%02d:%02d', int($m / 60), $m % 60);
	}
	return @out;
}
sub offered {
	my ($html) = @_;
	return $html =~ m{<input type="radio" id="slot-\d{4}" name="slot" value="(\d\d:\d\d)"}g;
}

# --- the days ------------------------------------------------------------------------------
my $res = $c->get($stack->url('/bookings/new?service_id=1'));
is($res->code, 200, 'the booking form');
my $html = $res->decoded_content;
my @days = $html =~ m{<li><a href="/bookings/new\?service_id=1&amp;day=(\d{4}-\d\d-\d\d)[^"]*"}g;
is_deeply(\@days, [map { day_iso($_) } 0 .. 6], 'the next 7 days are offered, today first (India time)');
like($html, qr{>Today, \w{3} \d+ \w{3}</a>}, '... today named');
like($html, qr{>Tomorrow, \w{3} \d+ \w{3}</a>}, '... and tomorrow');
like($html, qr{day=\Q@{[day_iso(1)]}\E&amp;pincode=110001&amp;address=12(?:%20|\+)Janpath}, '... each link keeps the pincode and address');
like($html, qr{<legend>Day and time</legend>}, 'the day and time are one labelled group');
like($html, qr{<details class="typed-time">\s*<summary>Type a date and time instead</summary>.*?name="scheduled_date"}s,
    'the typed date and time stays, behind a details element');

# --- a day's times -------------------------------------------------------------------------
my $d2 = day_iso(2);
$res = $c->get($stack->url("/bookings/new?service_id=1&day=$d2&notes=Ring%20twice"));
$html = $res->decoded_content;
like($html, qr{<a href="[^"]*day=$d2[^"]*" aria-current="date">}, 'the chosen day is current');
like($html, qr{>Ring twice</textarea>}, 'a day link keeps the notes');
is_deeply([offered($html)], [expected(2, 90, 30)],
    'AC Repair (90 minutes): every half hour from 08:00, the last ending by 20:00');
is((offered($html))[-1], '18:30', '... the last at 18:30');
$res = $c->get($stack->url("/bookings/new?service_id=4&day=$d2"));
is((offered($res->decoded_content))[-1], '18:00', 'House Cleaning (120 minutes): the last at 18:00');

setting_set('slot_minutes', '60');
is_deeply([offered($c->get($stack->url("/bookings/new?service_id=1&day=$d2"))->decoded_content)],
    [expected(2, 90, 60)], 'the slot step is a setting: hourly');
setting_clear('slot_minutes');

# The lead time: from now, so tomorrow before 10:00 is too soon and from 11:00 is not.
my $lead = int((at(1, '10:00') - time) / 3600) + 1;
setting_set('lead_hours', $lead);
my @tomorrow = offered($c->get($stack->url('/bookings/new?service_id=1&day=' . day_iso(1)))->decoded_content);
ok(!grep({ $_ le '10:00' } @tomorrow), "a lead time of $lead hours: nothing tomorrow until after 10:00");
ok((grep { $_ eq '11:30' } @tomorrow) && $tomorrow[-1] eq '18:30', '... and 11:30 to 18:30 offered');
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '12 Janpath, New Delhi',
    pincode => '110001', day => day_iso(1), slot => '08:00', notes => 'Too soon' });
is($res->code, 422, 'booking 08:00 tomorrow anyway: 422');
like($res->decoded_content, qr/Choose a time at least $lead hours from now\./, '... saying why');
setting_clear('lead_hours');

# Vendor availability: vendor1 is the only AC vendor in 110001; a job of theirs takes its time and the buffer.
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', '9 Old Road, Delhi', '110002', ?, 60, 50000, 'accepted', ?, ?)},
    $uid{customer1}, $uid{vendor1}, at(2, '12:00'), $T, $T);
my $busy = $stack->sql_value('SELECT max(id) FROM bookings');
$html = $c->get($stack->url("/bookings/new?service_id=1&day=$d2"))->decoded_content;
my @free = offered($html);
is_deeply(\@free, [expected(2, 90, 30, [at(2, '12:00'), at(2, '13:00')])],
    'vendor1 accepted a job 12:00-13:00: the slots overlapping it (with the 30-minute buffer) are gone');
ok(!grep({ $_ eq '12:00' || $_ eq '10:30' } @free) && (grep { $_ eq '10:00' } @free) && (grep { $_ eq '13:30' } @free),
    '... 10:30 to 13:00 gone, 10:00 and 13:30 still offered');
$stack->sql(q{UPDATE bookings SET status = 'pending', vendor_id = NULL WHERE id = ?}, $busy);
is_deeply([offered($c->get($stack->url("/bookings/new?service_id=1&day=$d2"))->decoded_content)],
    [expected(2, 90, 30)], 'a pending job holds nobody: every slot is back');
$stack->sql(q{UPDATE bookings SET status = 'accepted', vendor_id = ? WHERE id = ?}, $uid{vendor1}, $busy);

# --- booking by a slot ---------------------------------------------------------------------
my %form = (service_id => 1, address => '12 Janpath, New Delhi', pincode => '110001', notes => '');
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { %form, day => $d2, slot => '09:00' });
is($res->code, 303, 'booking at 09:00 on the day after tomorrow: 303');
my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
ok($id, '... to the booking');
is($stack->sql_value('SELECT scheduled_at FROM bookings WHERE id = ?', $id), at(2, '09:00'),
    '... stored at 09:00 India time that day');

# A slot chosen wins over a typed time.
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { %form, day => $d2, slot => '15:00',
    scheduled_date => india('%Y-%m-%dT16:00', day_start(3)) });
my ($id2) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
is($id2 && $stack->sql_value('SELECT scheduled_at FROM bookings WHERE id = ?', $id2), at(2, '15:00'),
    'with a slot and a typed time, the slot is booked');

# --- a slot that filled up -----------------------------------------------------------------
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { %form, day => $d2, slot => '12:00', notes => 'Gate 2' });
is($res->code, 409, 'a slot nobody is free for any more: 409');
$html = $res->decoded_content;
like($html, qr/No professional is free at 12:00 on \w{3} \d+ \w{3} any more: choose another time\./, '... saying so');
like($html, qr{>Gate 2</textarea>}, '... the input kept');
my @instead = $html =~ m{<ul class="instead">(.*?)</ul>}s ? $1 =~ m{<a href="([^"]+)">}g : ();
is(scalar @instead, 6, '... six free times offered instead');
my @labels = $html =~ m{<ul class="instead">(.*?)</ul>}s ? $1 =~ m{">([^<]+)</a>}g : ();
is_deeply([map { /at (\d\d:\d\d)$/ ? $1 : '' } @labels], ['13:30', '10:00', '14:00', '09:30', '14:30', '09:00'],
    '... the same day, nearest first');
like($instead[1], qr{day=$d2&amp;.*slot=10:00}, '... each a link to the form with it chosen');
$res = $c->get($stack->url("/bookings/new?service_id=1&day=$d2&slot=10:00"));
like($res->decoded_content, qr{value="10:00" checked>}, 'following it, 10:00 is checked');
# A day filled up: the following days.
$stack->sql(q{UPDATE bookings SET scheduled_at = ?, duration_minutes = 720 WHERE id = ?}, at(2, '08:00'), $busy);
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { %form, day => $d2, slot => '12:00' });
is($res->code, 409, 'a day vendor1 is busy all of: 409');
like($res->decoded_content, qr{No times can be booked on \w+ \d+ \w+ for this pincode: choose another day\.},
    '... the day shows no times');
@labels = $res->decoded_content =~ m{<ul class="instead">(.*?)</ul>}s ? $1 =~ m{">([^<]+)</a>}g : ();
is($labels[0], india('%a ', day_start(3)) . (india('%d', day_start(3)) + 0) . india(' %b at 08:00', day_start(3)),
    '... the next day\'s first time offered first');
# Another vendor free: the slot is back.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    SELECT 'vendor2', 'vendor2@homeserve.test', '', password_hash, 'vendor', ?, ? FROM users WHERE username = 'vendor1'}, $T, $T);
my $v2 = $stack->sql_value(q{SELECT id FROM users WHERE username = 'vendor2'});
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at, status_at, updated_at) VALUES (?, 'verified', ?, ?, ?)},
    $v2, $T, $T, $T);
$stack->sql(q{INSERT INTO vendor_categories (vendor_id, category) VALUES (?, 'ac')}, $v2);
$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, '110001')}, $v2);
is_deeply([offered($c->get($stack->url("/bookings/new?service_id=1&day=$d2"))->decoded_content)],
    [expected(2, 90, 30)], 'with a second vendor free, every slot is offered again');
$stack->sql(q{UPDATE bookings SET status = 'cancelled' WHERE id = ?}, $busy);

# --- slots that are not offered: 422, the input kept ---------------------------------------
my $d8 = day_iso(8);
for my $case (['21:00', $d2, qr/Vendors visit between 08:00 and 20:00\./, 'a slot outside the hours'],
    ['19:00', $d2, qr/A 90-minute visit must end by 20:00: choose a start by 18:30\./, 'a slot whose visit ends after the close'],
    ['09:10', $d2, qr/Choose one of the times offered\./, 'a forged slot off the step'],
    ['09:00', $d8, qr/Choose one of the next 7 days\./, 'a day beyond the 7'],
    ['09:00', '2026-13-45', qr/Choose one of the next 7 days\./, 'a day that does not exist'],
    ['<b>nine</b>', $d2, qr/Choose one of the times offered\./, 'garbage for a slot'],
    ['09:00', 'x' x 300, qr/Choose one of the next 7 days\./, 'a day far too long'],
    ['9:00', $d2, qr/Choose one of the times offered\./, 'a slot not as HH:MM']) {
	my ($slot, $day, $why, $what) = @$case;
	$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
	$res = $stack->post_form($c, '/bookings/new', { %form, day => $day, slot => $slot, notes => 'Keep me' });
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, $why, '... saying why');
	like($res->decoded_content, qr{>Keep me</textarea>}, '... the input kept');
	unlike($res->decoded_content, qr{<b>nine}, '... nothing unescaped');
}
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { %form });
is($res->code, 422, 'neither a slot nor a typed time: 422');
like($res->decoded_content, qr{<p class="error" id="slot-error">Choose a day and a time\.</p>}, '... saying so beside the times');

# --- every error at once -------------------------------------------------------------------
$c->get($stack->url("/bookings/new?service_id=1&day=$d2"));
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '', pincode => '12',
    day => $d2, slot => '25:99', notes => 'All at once' });
is($res->code, 422, 'a missing address, a bad pincode and a bad slot: 422');
$html = $res->decoded_content;
like($html, qr{<p class="error" id="address-error">[^<]+</p>}, '... the address message beside it');
like($html, qr{<p class="error" id="pincode-error">[^<]+</p>}, '... the pincode message beside it');
like($html, qr{<p class="error" id="slot-error">Choose one of the times offered\.</p>}, '... the slot message beside it');
my ($summary) = $html =~ m{<div class="error-summary" role="alert">(.*?)</div>}s;
ok($summary, '... a summary at the top');
is_deeply([($summary // '') =~ m{<a href="#(\w+)">}g], [qw(address pincode slot)], '... linking to each field');
like($html, qr{id="address"}, '... whose ids exist') and like($html, qr{id="slot"}, '... the times too');
like($html, qr{>All at once</textarea>}, '... the input kept');

# A pincode nobody serves, a professional who does not serve it and a time out of hours, together.
$c->get($stack->url("/bookings/new?service_id=1"));
$res = $stack->post_form($c, '/bookings/new', { %form, pincode => '560099', vendor_id => $uid{vendor1},
    scheduled_date => india('%Y-%m-%dT22:00', day_start(2)) });
is($res->code, 422, 'an uncovered pincode and a time out of hours: 422');
like($res->decoded_content, qr{id="pincode-error">No verified vendor offers [^<]+ in pincode 560099 yet\.}, '... the coverage');
like($res->decoded_content, qr{id="scheduled_date-error">Vendors visit between 08:00 and 20:00\.}, '... and the hours, at once');
like($res->decoded_content, qr{<details class="typed-time" open>}, '... the typed time shown open');

# --- no pincode yet ------------------------------------------------------------------------
my $n = $stack->mech;
$stack->login_ok($n, 'nomad', 'password123', '/');
$res = $n->get($stack->url('/bookings/new?service_id=1'));
is($res->code, 200, 'a customer with no address: the form');
$html = $res->decoded_content;
is(scalar(() = $html =~ m{<li><a href="/bookings/new\?service_id=1&amp;day=}g), 7, '... the 7 days still offered');
unlike($html, qr{name="slot"}, '... but no times');
like($html, qr{The times appear once the pincode is entered}, '... saying they appear with the pincode');
like($html, qr{<form class="panel stack" method="get" action="/bookings/new"[^>]*>.*?name="pincode".*?<button type="submit" class="secondary">Show times</button>}s,
    '... with a GET form "Show times" asking for it');
$res = $n->get($stack->url("/bookings/new?service_id=1&day=$d2&pincode=110001"));
is_deeply([offered($res->decoded_content)], [expected(2, 90, 30)], '"Show times" with 110001: the times');

$stack->finish;
done_testing;
