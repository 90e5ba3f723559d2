# 107-booking-rules.t: honest history and timing: a booking keeps its service's name and price through catalogue edits, visits fit service hours, jobs start only near their time, the booking form's one-time key, the per-customer caps, and the payment panel's sentence in every state.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;
use HomeServe::Images;

my $stack = start_stack();
my $CARD = '4242 4242 4242 4242';
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));

# An instant as India reads it, with FORMAT.
sub india {
	my ($format, $t) = @_;
	local $ENV{TZ} = 'Asia/Kolkata';
	POSIX::tzset();
	my $s = strftime($format, localtime($t));
	POSIX::tzset();
	return $s;
}

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
is($stack->post_form($m{customer2}, '/register', { username => 'customer2',
    email => 'c2@example.com', phone => '9812345678', password => 'Plumb-line-42',
    password_confirm => 'Plumb-line-42', address => '7 Park Street, Delhi',
    pincode => '110002' })->code, 303, 'customer2 registers');
my ($c, $v, $admin) = @m{qw(customer1 vendor1 admin)};
my $cid = $stack->sql_value(q{SELECT id FROM users WHERE username = 'customer1'});

my %form = (service_id => 1, address => '12 Janpath, New Delhi', pincode => '110001', notes => '');
sub book {
	my ($mech, %f) = @_;
	$mech->get($stack->url('/bookings/new?service_id=' . ($f{service_id} // 1)));
	return $stack->post_form($mech, '/bookings/new', { %form,
	    scheduled_date => local_time(2, '10:00'), %f });
}
sub booked_id { ($_[0]->header('Location') // '') =~ m{^/bookings/(\d+)$} ? $1 : undef }
sub bookings_of { $stack->sql_value('SELECT count(*) FROM bookings WHERE customer_id = ?', $_[0]) }
sub post_from {
	my ($mech, $page, $path, $fields) = @_;
	$mech->get($stack->url($page));
	return $stack->post_form($mech, $path, $fields // {});
}

# --- the one-time form key ----------------------------------------------------------
my $res = $c->get($stack->url('/bookings/new?service_id=1'));
my ($key) = $res->decoded_content =~ /name="form_key" value="([^"]*)"/;
like($key // '', qr/\A[0-9a-f]{32}\z/, 'the booking form carries a 128-bit hex key');
my ($key2) = $c->get($stack->url('/bookings/new?service_id=1'))->decoded_content =~ /name="form_key" value="([^"]*)"/;
isnt($key2, $key, 'each form drawn gets its own key');
$c->get($stack->url('/bookings/new?service_id=1'));
my $csrf = $stack->csrf($c);
my %twice = (%form, scheduled_date => local_time(2, '11:00'), form_key => $key, csrf_token => $csrf);
my $before = bookings_of($cid);
$res = $c->post($stack->url('/bookings/new'), [%twice]);
my $first = booked_id($res);
ok($first, 'the first POST books');
$res = $c->post($stack->url('/bookings/new'), [%twice]);
is($res->code, 303, 'the same form again (a double click): 303');
is($res->header('Location'), "/bookings/$first?notice=already-booked", '... to the booking already made');
is(bookings_of($cid), $before + 1, '... and one booking row, not two');
like($c->get($stack->url("/bookings/$first?notice=already-booked"))->decoded_content,
    qr/This booking was already made\./, 'the booking page says it was already made');
is($stack->sql_value('SELECT booking_id FROM booking_form_keys WHERE customer_id = ? AND form_key = ?', $cid, $key),
    $first, 'the key is stored with the booking it made');

# Another customer's key is just a fresh key for this one.
my $c2 = $m{customer2};
$c2->get($stack->url('/bookings/new?service_id=1'));
$res = $c2->post($stack->url('/bookings/new'), [%{ { %form, pincode => '110002' } },
    scheduled_date => local_time(2, '11:00'), form_key => $key, csrf_token => $stack->csrf($c2)]);
my $other = booked_id($res);
ok($other && $other != $first, "customer2 with customer1's key makes a booking of their own");

# Without a key: 422, the input kept, a fresh key, nothing booked.
$before = bookings_of($cid);
$c->get($stack->url('/bookings/new?service_id=1'));
$res = $c->post($stack->url('/bookings/new'), [%{ { %form, notes => 'Ring twice' } },
    scheduled_date => local_time(2, '12:00'), csrf_token => $stack->csrf($c)]);
is($res->code, 422, 'a POST without a key: 422');
like($res->decoded_content, qr/The form expired, please submit again\./, '... saying so');
like($res->decoded_content, qr{>Ring twice</textarea>}, '... with the input re-shown');
my ($fresh) = $res->decoded_content =~ /name="form_key" value="([0-9a-f]{32})"/;
ok($fresh, '... and a fresh key');
$res = $c->post($stack->url('/bookings/new'), [%form, form_key => 'zz' x 16,
    scheduled_date => local_time(2, '12:00'), csrf_token => $stack->csrf($c)]);
is($res->code, 422, 'a key that is not hex: 422');
is(bookings_of($cid), $before, 'nothing was booked');
ok(booked_id($stack->post_form($c, '/bookings/new', { %form, scheduled_date => local_time(2, '12:00') })),
    'submitting the re-shown form books');

# "Check the price" books nothing and keeps the form's key for the booking.
$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('pricing_enabled', '1', unixepoch())
    ON CONFLICT (key) DO UPDATE SET value = excluded.value});
$res = $c->get($stack->url('/bookings/new?service_id=1'));
my ($qkey) = $res->decoded_content =~ /name="form_key" value="([0-9a-f]{32})"/;
$before = bookings_of($cid);
$res = $c->post($stack->url('/bookings/new'), [%{ { %form, scheduled_date => local_time(2, '13:00') } },
    form_key => $qkey, step => 'quote', csrf_token => $stack->csrf($c)]);
is($res->code, 200, '"Check the price": 200');
like($res->decoded_content, qr/name="form_key" value="$qkey"/, '... the form keeps its key');
is(bookings_of($cid), $before, '... and nothing is booked');
my %quoted = map { ($_->name => $_->value) } grep { defined $_->name && $_->name ne 'step' }
    $c->form_action(qr{/bookings/new\z})->inputs;
my $q1 = booked_id($c->post($stack->url('/bookings/new'), \%quoted));
ok($q1, 'booking after checking the price');
is($c->post($stack->url('/bookings/new'), \%quoted)->header('Location'), "/bookings/$q1?notice=already-booked",
    '... and the same form again is the booking already made');
$stack->sql(q{DELETE FROM settings WHERE key = 'pricing_enabled'});

# --- the whole visit fits service hours -----------------------------------------------
$res = $c->get($stack->url('/bookings/new?service_id=4'));
like($res->decoded_content, qr/Visits start from 08:00 and end by 20:00 \(start this 120-minute visit by 18:00\)/,
    'the form says visits end by 20:00, and when this one must start');
$before = bookings_of($cid);
$res = book($c, service_id => 4, scheduled_date => local_time(2, '19:00'));
is($res->code, 422, 'a 120-minute visit at 19:00, with visits ending at 20:00: 422');
like($res->decoded_content, qr/A 120-minute visit must end by 20:00: choose a start by 18:00\./, '... saying by when');
$res = book($c, service_id => 4, scheduled_date => local_time(2, '18:01'));
is($res->code, 422, '18:01 is a minute too late');
is(bookings_of($cid), $before, 'nothing was booked');
ok(booked_id(book($c, service_id => 4, scheduled_date => local_time(2, '18:00'))), '18:00 ends at 20:00: booked');
my $set = $admin->get($stack->url('/admin/settings'))->decoded_content;
like($set, qr{<label for="hours_end">Visits end by</label>}, 'the setting is called "Visits end by"');
like($set, qr/every visit, its whole duration included, must end by/, '... and its help says so');

# --- caps: 5 waiting, 20 a day -----------------------------------------------------------
my $pending = $stack->sql_value(q{SELECT count(*) FROM bookings WHERE customer_id = ? AND status = 'pending'}, $cid);
ok($pending <= 5, "customer1 has $pending bookings waiting");
for my $n ($pending + 1 .. 5) {
	ok(booked_id(book($c, scheduled_date => local_time(3, sprintf('%02d:00', 8 + $n)))), "pending booking $n of 5");
}
$before = bookings_of($cid);
$res = book($c, scheduled_date => local_time(3, '15:00'), notes => 'The sixth');
is($res->code, 422, 'a sixth pending booking: 422');
like($res->decoded_content, qr/You already have 5 bookings waiting for a professional:/, '... saying why');
like($res->decoded_content, qr{>The sixth</textarea>}, '... with the form re-shown');
is(bookings_of($cid), $before, '... and nothing booked');
ok(booked_id(book($c2, pincode => '110002')), 'another customer still books');

# The daily cap, with the pending one out of the way.
$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('max_pending_per_customer', '100', unixepoch())
    ON CONFLICT (key) DO UPDATE SET value = excluded.value});
my $today = $stack->sql_value('SELECT count(*) FROM bookings WHERE customer_id = ? AND created_at > ?', $cid, time - 86400);
for my $n ($today + 1 .. 20) {
	ok(booked_id(book($c, scheduled_date => local_time(4, sprintf('%02d:%02d', 8 + $n % 10, 10 + $n)))),
	    "booking $n of 20 today");
}
$res = book($c, scheduled_date => local_time(4, '09:00'));
is($res->code, 429, 'the 21st booking in 24 hours: 429');
like($res->decoded_content, qr/You have made 20 bookings in the last 24 hours/, '... saying why');
my $retry = $res->header('Retry-After') // '';
ok($retry =~ /\A\d+\z/ && $retry > 0 && $retry <= 86400, "... with Retry-After ($retry s)");
# A day later the window has moved on.
$stack->sql('UPDATE bookings SET created_at = created_at - 86400 WHERE customer_id = ?', $cid);
ok(booked_id(book($c, scheduled_date => local_time(4, '09:00'))), 'a day later customer1 books again');
$stack->sql(q{DELETE FROM settings WHERE key = 'max_pending_per_customer'});
$stack->sql(q{UPDATE bookings SET status = 'cancelled' WHERE customer_id = ? AND status = 'pending'}, $cid);

# --- the start window --------------------------------------------------------------------
my $job = booked_id(book($c, scheduled_date => local_time(1, '11:00')));
ok($job, 'customer1 books AC Repair tomorrow at 11:00');
$res = $c->get($stack->url("/bookings/$job"));
like($res->decoded_content, qr{<strong>₹500</strong> is due after you sign that you are satisfied: nothing is taken before\.},
    'pending: the payment panel says what will be due, and when');
is(post_from($v, '/vendor/jobs', "/vendor/bookings/$job/accept")->code, 303, 'vendor1 accepts');
my ($code) = $c->get($stack->url("/bookings/$job"))->decoded_content =~ m{<p class="otp">(\d{6})</p>};
my $at = $stack->sql_value('SELECT scheduled_at FROM bookings WHERE id = ?', $job);
my $opens = india('%H:%M on %a ', $at - 3600) . (india('%d', $at - 3600) + 0) . india(' %b', $at - 3600);
$res = $v->get($stack->url("/vendor/bookings/$job"));
like($res->decoded_content, qr/You can start this job from \Q$opens\E\./, "the job page says it can start from $opens");
unlike($res->decoded_content, qr{action="/vendor/bookings/$job/start"}, '... instead of the start form');
$res = $stack->post_form($v, "/vendor/bookings/$job/start", { otp => $code });
is($res->code, 409, 'starting the day before, with the right code: 409');
like($res->decoded_content, qr/You can start this job from \Q$opens\E\./, '... saying from when');
is($stack->sql_value('SELECT start_failures FROM bookings WHERE id = ?', $job), 0, '... and it is no start-code failure');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'booking.start_code_wrong' AND entity_id = ?}, $job),
    0, '... nor audited as one');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job), 'accepted', 'the job is still accepted');
is(post_from($v, "/vendor/bookings/$job", "/vendor/bookings/$job/complete")->code, 409,
    'completing a job never started: 409');
# The visit is now 50 minutes away: inside the hour.
$stack->sql('UPDATE bookings SET scheduled_at = ? WHERE id = ?', time + 50 * 60, $job);
$res = $v->get($stack->url("/vendor/bookings/$job"));
like($res->decoded_content, qr{action="/vendor/bookings/$job/start"}, '50 minutes before: the start form');
is($stack->post_form($v, "/vendor/bookings/$job/start", { otp => $code })->code, 303, '... and the job starts');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job), 'in_progress', 'in progress');

# --- the job done; the payment panel in each state -------------------------------------
$v->get($stack->url("/vendor/bookings/$job"));
my $vcsrf = $stack->csrf($v);
for my $kind (qw(before after)) {
	is($v->post($stack->url("/vendor/bookings/$job/photos"), Content_Type => 'form-data',
	    Content => [csrf_token => $vcsrf, image_type => $kind, image => [undef, "$kind.png",
	    'Content-Type' => 'image/png', Content => test_png()]])->code, 303, "the $kind photo");
}
is(post_from($v, "/vendor/bookings/$job", "/vendor/bookings/$job/complete")->code, 303, 'vendor1 completes the job');
my $pid = $stack->sql_value('SELECT id FROM payments WHERE booking_id = ?', $job);
$res = $c->get($stack->url("/bookings/$job"));
like($res->decoded_content, qr{Due after you sign: pay now and <strong>₹500</strong> is held on your card or through UPI, then taken only when you sign that you are satisfied\.},
    'completed, not paid: due after signing');
ok($c->find_link(url => "/payments/$pid/pay", text => 'Pay now'), '... with the pay link');
is(post_from($v, "/vendor/bookings/$job", "/vendor/bookings/$job/request-signature")->code, 303,
    'vendor1 asks for the signature');
my $sid = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $job);
$res = $c->get($stack->url("/bookings/$job"));
like($res->decoded_content, qr{<strong>₹500</strong> is taken when you check the work and pay, in one step with your signature\.},
    'waiting for the signature: taken with it');
ok(!$c->find_link(url => "/payments/$pid/pay"), '... and no second pay link');
is(post_from($c, "/signatures/$sid/sign", "/signatures/$sid/sign", { satisfaction_rating => 5,
    comments => 'Cool again.' })->code, 402, 'customer1 cannot sign before paying: 402');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job), 'signature_requested', '... nothing signed');
is(post_from($c, "/signatures/$sid/sign", "/signatures/$sid/sign", { satisfaction_rating => 5,
    comments => 'Cool again.', method => 'card', name => 'Asha Rao', card_number => $CARD,
    expiry => $FUTURE, cvv => '918' })->code, 303, 'customer1 checks the work and pays: signed and paid');
my $p = $stack->sql('SELECT * FROM payments WHERE id = ?', $pid)->[0];
is($p->{status}, 'captured', 'taken with the signature');
$res = $c->get($stack->url("/bookings/$job"));
my $taken = india('%-d %b %Y', $p->{captured_at});
like($res->decoded_content, qr{Taken on <strong>\Q$taken\E, }, "captured: taken on $taken");
ok(!$c->find_link(url => "/payments/$pid/pay"), '... and no pay link');

# The other payment states, set in the database.
my @states = (
	['authorized', 'completed', 0, qr{<strong>₹500 held on your Visa ending 4242</strong>\. It is taken only when you sign that you are satisfied\.}],
	['partially_refunded', 'paid', 10000, qr{Taken on <strong>[^<]+</strong>; part of it was refunded to how you paid\.}],
	['refunded', 'paid', 50000, qr{Refunded in full: <strong>₹500</strong> went back to how you paid\.}],
	['requires_authorization', 'signed', 0, qr{<strong>Due now\.</strong> You signed that you are satisfied: pay now and <strong>₹500</strong> is taken at once\.}],
	['requires_authorization', 'expired', 0, qr{<strong>This payment is still due\.</strong> The time to sign has passed}],
	['requires_authorization', 'disputed', 0, qr{You disputed this visit: nothing is taken until HomeServe decides the dispute\.}],
	['cancelled', 'paid', 0, qr{This payment was cancelled\. Our operations team will contact you\.}],
);
for my $s (@states) {
	my ($pay, $booking, $refunded, $says) = @$s;
	$stack->sql('UPDATE payments SET status = ?, refunded_paise = ? WHERE id = ?', $pay, $refunded, $pid);
	$stack->sql('UPDATE bookings SET status = ? WHERE id = ?', $booking, $job);
	like($c->get($stack->url("/bookings/$job"))->decoded_content, $says, "$booking, $pay: says what is true");
}
$stack->sql(q{UPDATE payments SET status = 'captured', refunded_paise = 0 WHERE id = ?}, $pid);
$stack->sql(q{UPDATE bookings SET status = 'paid' WHERE id = ?}, $job);
my $gone = booked_id(book($c, scheduled_date => local_time(5, '10:00')));
is(post_from($c, "/bookings/$gone", "/bookings/$gone/cancel", { reason => 'Plans changed' })->code, 303, 'a booking cancelled');
like($c->get($stack->url("/bookings/$gone"))->decoded_content, qr/Nothing is due: the booking was cancelled\./,
    'cancelled: nothing is due');

# --- a renamed, repriced service leaves history alone -------------------------------------
my %page = (booking => "/bookings/$job", receipt => "/payments/$pid/receipt", signature => "/signatures/$sid");
my %was;
for my $what (sort keys %page) {
	$res = $c->get($stack->url($page{$what}));
	is($res->code, 200, "the $what page");
	$was{$what} = $res->decoded_content;
	like($was{$what}, qr/AC Repair/, "... names AC Repair");
	like($was{$what}, qr/₹500/, "... at ₹500");
}
$res = $v->get($stack->url("/vendor/bookings/$job"));
like($res->decoded_content, qr{<h1>Job #$job: AC Repair</h1>}, 'the vendor job page names AC Repair');
$admin->get($stack->url('/admin/services/1/edit'));
my $f = $admin->form_with_fields('name', 'price');
my %edit = map { ($_->name => $_->value) } grep { defined $_->name && $_->name ne 'csrf_token' } $f->inputs;
$res = $stack->post_form($admin, '/admin/services/1/edit',
    { %edit, name => 'AC Service Deluxe', price => '750', duration_minutes => '120' });
is($res->code, 303, 'the admin renames AC Repair to AC Service Deluxe at ₹750, 120 minutes');
for my $what (sort keys %page) {
	my $html = $c->get($stack->url($page{$what}))->decoded_content;
	like($html, qr/AC Repair/, "the $what page still names AC Repair");
	unlike($html, qr/AC Service Deluxe|₹750/, "... and neither the new name nor the new price");
}
like($c->get($stack->url("/bookings/$job"))->decoded_content, qr/about 90 minutes/, 'the booking keeps its 90 minutes');
like($c->get($stack->url('/bookings'))->decoded_content, qr/AC Repair/, 'the list of bookings keeps the old name');
$res = $v->get($stack->url("/vendor/bookings/$job"));
like($res->decoded_content, qr{<h1>Job #$job: AC Repair</h1>}, 'the vendor job page still names AC Repair');
like($v->get($stack->url('/vendor/earnings'))->decoded_content, qr/AC Repair/, "the vendor's earnings name AC Repair");
my $vid = $stack->sql_value(q{SELECT id FROM users WHERE username = 'vendor1'});
like($c->get($stack->url("/vendors/$vid"))->decoded_content, qr/AC Repair/, "the vendor's reviews name the service as booked");
my $new = booked_id(book($c, scheduled_date => local_time(5, '11:00')));
my $row = $stack->sql('SELECT service_name, price_paise, duration_minutes FROM bookings WHERE id = ?', $new)->[0];
is_deeply($row, { service_name => 'AC Service Deluxe', price_paise => 75000, duration_minutes => 120 },
    'a new booking takes the new name, price and duration');
like($c->get($stack->url("/bookings/$new"))->decoded_content, qr{<h1>Booking #$new: AC Service Deluxe</h1>},
    '... and shows the new name');

$stack->finish;
done_testing();
