# 35-bookings.t: booking rules, who may see and move a booking, start codes, cancelling, threads, notifications, vendor profile and staff views.
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

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}

# A second customer, registered through the form.
$m{other} = $stack->mech;
$m{other}->get($stack->url('/register'));
my $res = $stack->post_form($m{other}, '/register', { username => 'customer2',
    email => 'c2@example.com', phone => '9812345678', password => 'Plumb-line-42',
    password_confirm => 'Plumb-line-42', address => '7 Park Street, Delhi',
    pincode => '110002' });
is($res->code, 303, 'customer2 registers');

my $c = $m{customer1};
my $when = local_time(1, '11:00');

# --- the booking form and its rules ---
$res = $c->get($stack->url('/bookings/new?service_id=1'));
is($res->code, 200, 'the booking form for AC Repair');
like($res->decoded_content, qr{>12 Janpath, Connaught Place, New Delhi</textarea>},
    'the address is pre-filled from the default saved address');
like($res->decoded_content, qr{name="pincode" value="110001"}, 'and so is the pincode');
is($c->get($stack->url('/bookings/new?service_id=999'))->code, 404, 'an unknown service has no booking form');

sub book {
	my ($mech, %f) = @_;
	$mech->get($stack->url('/bookings/new?service_id=' . ($f{service_id} // 1)));
	return $stack->post_form($mech, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => $when, notes => '', %f });
}

my @bad = (
	[{ scheduled_date => local_time(-1, '11:00') }, 'scheduled_date', qr/at least 2 hours from now/, 'a past date'],
	[{ scheduled_date => '2026-13-45T99:99' }, 'scheduled_date', qr/like 2026-12-05T10:30/, 'a malformed date'],
	[{ scheduled_date => 'tomorrow' }, 'scheduled_date', qr/at least 16 characters|like 2026/, 'words for a date'],
	[{ scheduled_date => local_time(40, '11:00') }, 'scheduled_date', qr/within the next 30 days/, 'more than 30 days ahead'],
	[{ scheduled_date => local_time(1, '21:30') }, 'scheduled_date', qr/between 08:00 and 20:00/, 'after 20:00'],
	[{ scheduled_date => local_time(1, '07:00') }, 'scheduled_date', qr/between 08:00 and 20:00/, 'before 08:00'],
	[{ pincode => '11000' }, 'pincode', qr/6-digit pincode/, 'a 5-digit pincode'],
	[{ pincode => '560001' }, 'pincode', qr/No verified vendor offers AC &amp; cooling in pincode 560001/, 'a pincode no vendor serves (named)'],
	[{ service_id => 999 }, 'service_id', qr/This service is not offered/, 'an unknown service'],
	[{ address => '' }, 'address', qr/Address is required/, 'no address'],
);
for my $case (@bad) {
	my ($fields, $field, $message, $what) = @$case;
	my $before = $stack->sql_value('SELECT count(*) FROM bookings');
	$res = book($c, %$fields);
	is($res->code, 422, "$what is 422");
	like($res->decoded_content, $message, "$what: the message says why");
	like($res->decoded_content, qr{12 Janpath, New Delhi|<textarea id="address"}, "$what: the form is shown again");
	is($stack->sql_value('SELECT count(*) FROM bookings'), $before, "$what: nothing is booked");
}
# The input is kept on a 422.
$res = book($c, pincode => '11000', notes => 'Bring a ladder & <b>tape</b>');
like($res->decoded_content, qr{>Bring a ladder &amp; &lt;b&gt;tape&lt;/b&gt;</textarea>}, 'notes are kept, escaped');
like($res->decoded_content, qr{name="pincode" value="11000"}, 'the wrong pincode is kept to correct');
# The date and time comes back in the picker when the picker can hold it,
# else in a text box, kept as typed (the page stays valid HTML).
$res = book($c, pincode => '11000');
like($res->decoded_content, qr{name="scheduled_date" type="datetime-local" min="[^"]+" value="\Q$when\E"},
    'a good date and time comes back in the picker');
$res = book($c, scheduled_date => local_time(-1, '11:00'));
like($res->decoded_content, qr{name="scheduled_date" type="datetime-local" min="[^"]+" value="\d{4}-},
    'so does one the rules refuse');
$res = book($c, scheduled_date => '2026-02-30T10:00');
like($res->decoded_content, qr{name="scheduled_date" type="text" value="2026-02-30T10:00"},
    'a day that does not exist comes back in a text box');
like($res->decoded_content, qr/Enter a date and time like 2026-12-05T10:30\./, 'with the message');

# An inactive service cannot be booked.
$stack->sql("UPDATE services SET is_active = 0 WHERE id = 5");
$res = book($c, service_id => 5);
is($res->code, 422, 'an inactive service is 422');
like($res->decoded_content, qr/This service is not offered/, 'and says so');
$stack->sql("UPDATE services SET is_active = 1 WHERE id = 5");

# --- a good booking: the price comes from the catalogue, never the form ---
$res = book($c, price => '1', price_paise => '100', notes => 'Gate code 42');
is($res->code, 303, 'a good booking is 303');
my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
ok($id, 'to /bookings/{id}');
my $row = $stack->sql('SELECT * FROM bookings WHERE id = ?', $id)->[0];
is($row->{price_paise}, 50000, 'the price is the catalogue price, ₹500');
is($row->{status}, 'pending', 'a new booking is pending');
is($row->{customer_id}, 2, 'it belongs to customer1');
$res = $c->get($stack->url("/bookings/$id"));
is($res->code, 200, 'the booking page');
like($res->decoded_content, qr/Waiting for a vendor/, 'shows its status');
like($res->decoded_content, qr/₹500/, 'and the price');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'booking.create' AND entity_id = ?", $id), 1,
    'the booking wrote its audit row');

# The customer's list.
$res = $c->get($stack->url('/bookings'));
like($res->decoded_content, qr{href="/bookings/$id"}, '/bookings lists it');
is($c->get($stack->url('/bookings?before=abc'))->code, 400, '/bookings?before=abc is 400');

# --- nobody else sees it ---
for my $who (['other', 404], ['vendor1', 403], ['ops_mgr', 403]) {
	my ($user, $code) = @$who;
	$res = $m{$user}->get($stack->url("/bookings/$id"));
	is($res->code, $code, "$user: GET /bookings/$id is $code");
	unlike($res->decoded_content, qr/Gate code 42/, "$user does not see its content");
}
$m{other}->get($stack->url('/bookings'));
$res = $stack->post_form($m{other}, "/bookings/$id/messages", { body => 'hi' });
is($res->code, 404, "another customer cannot write to the thread");
$res = $stack->post_form($m{other}, "/bookings/$id/cancel", { reason => 'mine now' });
is($res->code, 404, 'another customer cannot cancel it');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'pending', 'it is still pending');

# Customers cannot call vendor actions, and the reverse.
$res = $stack->post_form($c, "/vendor/bookings/$id/accept", {});
is($res->code, 403, 'a customer accepting is 403');
$m{vendor1}->get($stack->url('/vendor/jobs'));
$res = $stack->post_form($m{vendor1}, "/bookings/$id/cancel", { reason => 'nope' });
is($res->code, 403, 'a vendor cancelling as a customer is 403');

# --- the vendor's board and taking the job ---
my $v = $m{vendor1};
$res = $v->get($stack->url('/vendor/jobs'));
like($res->decoded_content, qr{href="/vendor/bookings/$id"}, 'the job is on vendor1\'s board');
$res = $v->get($stack->url("/vendor/bookings/$id"));
is($res->code, 200, 'vendor1 may look at the pending job');
unlike($res->decoded_content, qr/Gate code 42.*id="messages"/s, 'no thread before accepting');
$res = $stack->post_form($v, "/vendor/bookings/$id/accept", {});
is($res->code, 303, 'vendor1 accepts');
is($res->header('Location'), "/vendor/bookings/$id?notice=accepted", 'and sees the job');
$v->get($stack->url("/vendor/bookings/$id"));
$res = $stack->post_form($v, "/vendor/bookings/$id/accept", {});
is($res->code, 409, 'accepting twice is 409');

# The customer sees the start code and a notification.
$res = $c->get($stack->url("/bookings/$id"));
my ($code) = $res->decoded_content =~ m{<p class="otp">(\d{6})</p>};
ok($code, 'the customer sees a 6-digit start code');
like($res->decoded_content, qr{<span class="badge">1<}, 'and one unread notification');
my $hash = $stack->sql_value('SELECT start_code_hash FROM bookings WHERE id = ?', $id);
ok($hash && $hash !~ /$code/, 'only a keyed hash of the code is stored');
$res = $c->get($stack->url('/notifications'));
like($res->decoded_content, qr/Booking #$id \(AC Repair\) was accepted by a vendor\./, 'the notification says what happened');
$res = $stack->post_form($c, '/notifications/read', {});
is($res->code, 303, 'marking them read');
unlike($c->get($stack->url('/bookings'))->decoded_content, qr{class="badge"}, 'leaves no unread count');

# --- messages ---
$res = $stack->post_form($c, "/bookings/$id/messages", { body => '' });
is($res->code, 422, 'an empty message is 422');
$res = $stack->post_form($c, "/bookings/$id/messages", { body => "Please call first.\n<script>x</script>" });
is($res->code, 303, 'the customer writes');
$v->get($stack->url("/vendor/bookings/$id"));
$res = $stack->post_form($v, "/vendor/bookings/$id/messages", { body => 'On my way' });
is($res->code, 303, 'the vendor answers');
$res = $c->get($stack->url("/bookings/$id"));
like($res->decoded_content, qr{Please call first\.\r?\n&lt;script&gt;x&lt;/script&gt;.*On my way}s,
    'the thread reads oldest first, escaped') or diag(($res->decoded_content =~ m{(<section aria-labelledby="messages".*?</section>)}s)[0]);
$res = $m{ops_mgr}->get($stack->url("/ops/bookings/$id"));
is($res->code, 200, 'ops read the booking');
like($res->decoded_content, qr/On my way/, 'and its thread');
unlike($res->decoded_content, qr{action="/bookings/$id/messages"}, 'but cannot write in it');
is($m{admin}->get($stack->url("/ops/bookings/$id"))->code, 200, 'the super admin reads it too');

# --- start codes: wrong five times locks starting and tells ops ---
my $wrong = $code eq '000000' ? '111111' : '000000';
$v->get($stack->url("/vendor/bookings/$id"));
$res = $stack->post_form($v, "/vendor/bookings/$id/start", { otp => 'abc' });
is($res->code, 422, 'a start code that is not 6 digits is 422');
for my $try (1 .. 4) {
	$res = $stack->post_form($v, "/vendor/bookings/$id/start", { otp => $wrong });
	is($res->code, 422, "wrong start code $try is 422");
	like($res->decoded_content, qr/That start code is wrong\. ${\ (5 - $try)} tr/, "and says how many tries are left");
}
$res = $stack->post_form($v, "/vendor/bookings/$id/start", { otp => $wrong });
is($res->code, 423, 'the fifth wrong code locks starting (423)');
$res = $stack->post_form($v, "/vendor/bookings/$id/start", { otp => $code });
is($res->code, 423, 'after that even the right code is refused');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'accepted', 'the job did not start');
like($m{ops_mgr}->get($stack->url('/notifications'))->decoded_content,
    qr/Starting booking #$id \(AC Repair\) is locked after 5 wrong start codes/, 'the ops manager is told');

# --- cancelling: with a reason, only while pending or accepted ---
$res = $stack->post_form($c, "/bookings/$id/cancel", { reason => '' });
is($res->code, 422, 'cancelling without a reason is 422');
like($res->decoded_content, qr/Reason is required/, 'and asks for one');
$res = $stack->post_form($c, "/bookings/$id/cancel", { reason => 'Vendor could not start' });
is($res->code, 303, 'the customer cancels with a reason');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'cancelled', 'the booking is cancelled');
$res = $c->get($stack->url("/bookings/$id"));
like($res->decoded_content, qr/Cancelled.*Vendor could not start/s, 'the timeline shows who, when and why');
$res = $stack->post_form($c, "/bookings/$id/cancel", { reason => 'again' });
is($res->code, 409, 'cancelling a cancelled booking is 409');
like($res->decoded_content, qr/A booking that is “Cancelled” cannot become “Cancelled”/, 'with a sentence saying why');
like($m{vendor1}->get($stack->url('/notifications'))->decoded_content, qr/Booking #$id \(AC Repair\) was cancelled/,
    'the vendor is told of the cancellation');

# --- a second booking: right code starts it; completing needs photos ---
$res = book($c, scheduled_date => local_time(2, '10:00'));
my ($id2) = ($res->header('Location') // '') =~ m{/bookings/(\d+)$};
$v->get($stack->url('/vendor/jobs'));
is($stack->post_form($v, "/vendor/bookings/$id2/accept", {})->code, 303, 'vendor1 accepts a second job');
($code) = $c->get($stack->url("/bookings/$id2"))->decoded_content =~ m{<p class="otp">(\d{6})</p>};
$v->get($stack->url("/vendor/bookings/$id2"));
$res = $stack->post_form($v, "/vendor/bookings/$id2/start", { otp => $code });
is($res->code, 303, 'the right start code starts the job');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id2), 'in_progress', 'it is in progress');
$v->get($stack->url("/vendor/bookings/$id2"));
$res = $stack->post_form($v, "/vendor/bookings/$id2/complete", {});
is($res->code, 409, 'completing without photos is 409');
like($res->decoded_content, qr/before photo and one after photo/, 'and says photos are needed');
$res = $stack->post_form($c, "/bookings/$id2/cancel", { reason => 'too late' });
is($res->code, 409, 'a started job cannot be cancelled');
like($res->decoded_content, qr/“In progress” cannot become “Cancelled”/, 'and the page says why');
$res = $m{other}->get($stack->url("/bookings/$id2"));
is($res->code, 404, 'another customer cannot see the second booking');

# A vendor acting on a job that is not theirs is refused.
$stack->sql("INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    SELECT 'vendor2', 'v2\@example.com', '+919800000002', password_hash, 'vendor', 0, 0 FROM users WHERE username = 'vendor1'");
my $v2 = $stack->mech;
$stack->login_ok($v2, 'vendor2', 'password123', '/vendor/');
is($v2->get($stack->url("/vendor/bookings/$id2"))->code, 403, 'vendor2, not verified, cannot open jobs at all');
$v2->get($stack->url('/vendor/jobs'));
for my $action (qw(start complete accept decline)) {
	$res = $stack->post_form($v2, "/vendor/bookings/$id2/$action", { otp => $code });
	ok($res->code == 404 || $res->code == 403 || $res->code == 409, "vendor2 cannot $action it (" . $res->code . ')');
}
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id2), 'in_progress', 'the job is unchanged');
$res = $v2->get($stack->url('/vendor/'));
is($res->header('Location'), '/vendor/application', 'an unverified vendor is sent to their application');
like($v2->get($stack->url('/vendor/application'))->decoded_content, qr/Status: <span class="status status-applied">Applying/,
    'which says where it stands');

# --- ops cancel; decline; the calendar ---
$res = book($c, scheduled_date => local_time(3, '12:00'));
my ($id3) = ($res->header('Location') // '') =~ m{/bookings/(\d+)$};
$m{ops_mgr}->get($stack->url("/ops/bookings/$id3"));
$res = $stack->post_form($m{ops_mgr}, "/ops/bookings/$id3/cancel", { reason => '' });
is($res->code, 422, 'ops cancelling without a reason is 422');
$res = $stack->post_form($m{ops_mgr}, "/ops/bookings/$id3/cancel", { reason => 'Duplicate booking' });
is($res->code, 303, 'ops cancel a pending booking');
$m{admin}->get($stack->url("/ops/bookings/$id3"));
is($stack->post_form($m{admin}, "/ops/bookings/$id3/cancel", { reason => 'x' })->code, 403,
    'the super admin reads bookings but cancelling is for ops');
$res = $m{ops_mgr}->get($stack->url('/ops/bookings?status=cancelled'));
like($res->decoded_content, qr{href="/ops/bookings/$id3"}, 'the ops list filters by status');
is($m{ops_mgr}->get($stack->url('/ops/bookings?status=bogus'))->code, 400, 'an unknown status is 400');

$res = book($c, scheduled_date => local_time(4, '12:00'));
my ($id4) = ($res->header('Location') // '') =~ m{/bookings/(\d+)$};
$v->get($stack->url('/vendor/jobs'));
$res = $stack->post_form($v, "/vendor/bookings/$id4/decline", {});
is($res->code, 303, 'vendor1 declines a job');
unlike($v->get($stack->url('/vendor/jobs'))->decoded_content, qr{/vendor/bookings/$id4"}, 'it leaves the board');

$res = $v->get($stack->url('/vendor/calendar?month=' . substr(local_time(2, '10:00'), 0, 7)));
is($res->code, 200, 'the calendar');
like($res->decoded_content, qr{href="/vendor/bookings/$id2">10:00 AC Repair}, 'shows the job at its local time');
is($v->get($stack->url('/vendor/calendar?month=2026-13'))->code, 400, 'a bad month is 400');

# --- the vendor profile ---
$res = $v->get($stack->url('/vendor/profile'));
like($res->decoded_content, qr/110001, 110002/, 'the profile lists the pincodes');
$res = $stack->post_form($v, '/vendor/profile', [categories => 'ac', categories => 'plumbing', pincodes => '110001, 1100']);
is($res->code, 422, 'a bad pincode in the list is 422');
like($res->decoded_content, qr/“1100” is not a 6-digit pincode/, 'naming it');
like($res->decoded_content, qr/110001, 1100/, 'the input is kept');
$res = $stack->post_form($v, '/vendor/profile', [categories => 'ac', categories => 'bogus', pincodes => '110001']);
is($res->code, 422, 'an unknown category is 422');
$res = $stack->post_form($v, '/vendor/profile', [categories => 'ac', categories => 'plumbing', pincodes => '110001 110003']);
is($res->code, 303, 'the profile is saved');
is_deeply([map { $_->{pincode} } @{ $stack->sql("SELECT pincode FROM vendor_pincodes WHERE vendor_id = 3 ORDER BY 1") }],
    ['110001', '110003'], 'with the new pincodes');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'vendor.areas' AND entity_id = 3"), 2,
    'and an audit row (the seed wrote the first)');

# --- addresses ---
$c->get($stack->url('/addresses'));
$res = $stack->post_form($c, '/addresses', { address => '9 Lodhi Road, Delhi', pincode => '110003', make_default => 1 });
is($res->code, 303, 'a second address, made default');
$res = $c->get($stack->url('/bookings/new?service_id=2'));
like($res->decoded_content, qr/>9 Lodhi Road, Delhi</, 'the booking form now uses it');
my $other_addr = $stack->sql_value("SELECT id FROM addresses WHERE user_id = (SELECT id FROM users WHERE username = 'customer2')");
$res = $stack->post_form($c, "/addresses/$other_addr/delete", {});
is($res->code, 404, "deleting another customer's address is 404");

# --- seconds, as some browsers send them ---
my $at = local_time(6, '15:00');
$res = book($c, scheduled_date => "$at:30");
is($res->code, 303, 'a date and time with seconds is booked');
my ($id_s) = ($res->header('Location') // '') =~ m{/bookings/(\d+)$};
{
	local $ENV{TZ} = 'Asia/Kolkata';
	POSIX::tzset();
	my ($y, $mo, $d, $h, $mi) = $at =~ /^(\d+)-(\d+)-(\d+)T(\d+):(\d+)$/;
	is($stack->sql_value('SELECT scheduled_at FROM bookings WHERE id = ?', $id_s),
	    POSIX::mktime(30, $mi, $h, $d, $mo - 1, $y - 1900), 'at that second, India time');
}
POSIX::tzset();

$stack->finish;
done_testing;
