# 108-reschedule-cancel.t: rescheduling (kept by its vendor or back on the board, each rule refused with its reason) and the cancellation policy: free cancels, the late fee from the confirm form to paid to the vendor's earning, new bookings held back while it is unpaid, and vendors' late releases counted for ops.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;	# starts a job a day ahead (t/107 owns the start window)
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, 'password123', $home);
}
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
is($stack->post_form($m{customer2}, '/register', { username => 'customer2',
    email => 'c2@example.com', phone => '9812345678',
    password => 'Plumb-line-42', password_confirm => 'Plumb-line-42',
    address => '7 Park Street, Delhi', pincode => '110002' })->code, 303,
    'customer2 registers');
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my ($c, $v, $ops) = @m{qw(customer1 vendor1 ops_mgr)};

# POST with the CSRF token of the current page, or of the last that had one.
my %token;
sub post {
	my ($mech, $path, $fields) = @_;
	my $t = $stack->csrf($mech) // $token{$mech};
	$token{$mech} = $t if defined $t;
	return $stack->post_form($mech, $path, $fields, csrf => $t);
}

# customer1 books AC Repair (₹500) through the form; the new id.
sub book {
	my ($days, $hhmm) = @_;
	$c->get($stack->url('/bookings/new?service_id=1'));
	my $res = post($c, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => local_time($days, $hhmm), notes => '' });
	my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
	return $id;
}
sub accept_job {
	my ($id) = @_;
	$v->get($stack->url('/vendor/jobs'));
	return post($v, "/vendor/bookings/$id/accept", {})->code;
}
sub booking { $stack->sql('SELECT * FROM bookings WHERE id = ?', $_[0])->[0] }
# Inside the cut-off: the visit an hour from now (bookings are made ahead
# through the form, then moved here; the workers use the real clock).
sub soon { $stack->sql('UPDATE bookings SET scheduled_at = ? WHERE id = ?', time + 3600, $_[0]) }
sub payments_of { $stack->sql_value('SELECT count(*) FROM payments WHERE booking_id = ?', $_[0]) }
sub notices_of { $_[0]->get($stack->url('/notifications'))->decoded_content }
sub reschedule {
	my ($mech, $id, $when) = @_;
	$mech->get($stack->url("/bookings/$id/reschedule"));
	return post($mech, "/bookings/$id/reschedule", { scheduled_date => $when });
}
sub cancel {
	my ($mech, $id, %f) = @_;
	$mech->get($stack->url("/bookings/$id/cancel"));
	return post($mech, "/bookings/$id/cancel", { reason => 'Plans changed', %f });
}

# --- free cancels: while pending, and while accepted before the cut-off ------

my $pending = book(1, '10:00');
ok($pending, 'customer1 books');
my $res = $c->get($stack->url("/bookings/$pending/cancel"));
is($res->code, 200, 'the cancel confirm form');
like($res->decoded_content, qr{Cancelling this booking is free\.}, '... says it is free while pending');
like($res->decoded_content, qr{name="fee_paise" value="0"}, '... and carries no fee');
$res = post($c, "/bookings/$pending/cancel", { reason => 'Plans changed', fee_paise => 0 });
is($res->code, 303, 'confirming cancels: 303');
is($res->header('Location'), "/bookings/$pending?notice=cancelled", '... back to the booking');
is(booking($pending)->{status}, 'cancelled', '... cancelled');
is(payments_of($pending), 0, '... with no payment');

my $early = book(1, '12:00');
is(accept_job($early), 303, 'vendor1 accepts a job a day ahead');
like($c->get($stack->url("/bookings/$early"))->decoded_content, qr{Cancelling is free\.},
    'the booking page says cancelling is free');
like($c->get($stack->url("/bookings/$early/cancel"))->decoded_content,
    qr{Cancelling this booking is free\.}, 'so does the confirm form, before the cut-off');
is(cancel($c, $early)->code, 303, 'accepted, outside the cut-off: cancelled');
is(booking($early)->{status}, 'cancelled', '... cancelled');
is(payments_of($early), 0, '... free: no payment');
like(notices_of($v), qr{Booking #$early \(AC Repair\) was cancelled}, 'the vendor is told');

# --- another customer's booking: 404 for reschedule and cancel ---------------

my $kept = book(2, '10:00');
is(accept_job($kept), 303, 'vendor1 accepts another job');
my $o = $m{customer2};
$o->get($stack->url('/bookings'));
is($o->get($stack->url("/bookings/$kept/reschedule"))->code, 404, 'customer2 GET reschedule of customer1\'s booking: 404');
is(post($o, "/bookings/$kept/reschedule", { scheduled_date => local_time(3, '10:00') })->code, 404,
    '... POST: 404');
is($o->get($stack->url("/bookings/$kept/cancel"))->code, 404, 'customer2 GET cancel: 404');
is(post($o, "/bookings/$kept/cancel", { reason => 'not mine', fee_paise => 0 })->code, 404, '... POST: 404');
is(booking($kept)->{status}, 'accepted', 'the booking is untouched');
is(booking($kept)->{reschedules}, 0, '... and not moved');

# --- rescheduling: kept by its vendor when free --------------------------------

$res = $c->get($stack->url("/bookings/$kept"));
ok($c->find_link(url => "/bookings/$kept/reschedule", text => 'Reschedule'), 'the booking page links to Reschedule');
like($res->decoded_content, qr{move it 2 more times}, '... saying how many moves remain');
$res = $c->get($stack->url("/bookings/$kept/reschedule"));
is($res->code, 200, 'the reschedule form');
like($res->decoded_content, qr{<label for="scheduled_date">New date and time</label>}, '... with a labelled time');
my $code_before = $stack->sql_value('SELECT start_code_hash FROM bookings WHERE id = ?', $kept);
$res = reschedule($c, $kept, local_time(3, '14:00'));
is($res->code, 303, 'moving it to a time the vendor is free: 303');
is($res->header('Location'), "/bookings/$kept?notice=rescheduled-kept", '... kept by the vendor');
my $b = booking($kept);
is($b->{status}, 'accepted', '... still accepted');
is($b->{vendor_id}, $uid{vendor1}, '... by vendor1');
is($b->{reschedules}, 1, '... counted');
is($b->{start_code_hash}, $code_before, '... the start code unchanged');
like(notices_of($v), qr{Booking #$kept \(AC Repair\) was moved by the customer to .*It is still yours\.},
    'the vendor is told it is still theirs');
like($c->get($stack->url("/bookings/$kept"))->decoded_content, qr{<strong>Rescheduled</strong> .*Moved from .* to }, 'the timeline shows the move');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'booking.reschedule' AND entity_id = ?}, $kept), 1,
    '... with its audit row');

# --- rescheduling: back on the board when the vendor is busy then ------------

my $moved = book(4, '10:00');
is(accept_job($moved), 303, 'vendor1 accepts a job four days ahead');
$res = reschedule($c, $moved, local_time(3, '14:00'));
is($res->code, 303, 'moving it onto the vendor\'s other job: 303');
is($res->header('Location'), "/bookings/$moved?notice=rescheduled-released", '... released');
$b = booking($moved);
is($b->{status}, 'pending', '... back on the board');
ok(!defined $b->{vendor_id}, '... with no vendor');
ok(!defined $b->{start_code_hash}, '... and no start code');
like(notices_of($v), qr{Booking #$moved \(AC Repair\) was moved by the customer to .*no longer yours: it is back on the job board\.},
    'the vendor is told it was released');
like($v->get($stack->url('/vendor/jobs'))->decoded_content, qr{/vendor/bookings/$moved\b}, 'it is on the job board again');

# --- bad times: 422 with the reason, the form shown again ----------------------

for my $case ([local_time(-1, '11:00'), qr/at least 2 hours from now/, 'into the past'],
    [local_time(5, '22:00'), qr/Vendors visit between 08:00 and 20:00/, 'outside hours'],
    [local_time(40, '11:00'), qr/within the next 30 days/, 'beyond 30 days'],
    ['soon', qr/scheduled_date-error/, 'words for a time']) {
	my ($when, $why, $what) = @$case;
	$res = reschedule($c, $kept, $when);
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, $why, "$what: says why");
	like($res->decoded_content, qr{name="scheduled_date"[^>]*value="\Q$when\E"}, "$what: the input is kept");
}
is(booking($kept)->{reschedules}, 1, 'none of them moved it');

# --- at most 2 moves ---------------------------------------------------------

is(reschedule($c, $kept, local_time(5, '11:00'))->code, 303, 'the second move: 303');
is(booking($kept)->{reschedules}, 2, '... counted');
unlike($c->get($stack->url("/bookings/$kept"))->decoded_content, qr{/bookings/$kept/reschedule},
    'no Reschedule link once none remain');
$res = $c->get($stack->url("/bookings/$kept/reschedule"));
is($res->code, 409, 'a third move: 409');
like($res->decoded_content, qr{already moved 2 times, the most allowed}, '... saying why');
$res = post($c, "/bookings/$kept/reschedule", { scheduled_date => local_time(6, '11:00') });
is($res->code, 409, '... POST too');
is(booking($kept)->{reschedules}, 2, '... nothing moved');

# --- started or completed bookings cannot move --------------------------------

my $started = book(1, '15:00');
is(accept_job($started), 303, 'vendor1 accepts a job');
my ($code) = $c->get($stack->url("/bookings/$started"))->decoded_content =~ m{<p class="otp">(\d{6})</p>};
$v->get($stack->url("/vendor/bookings/$started"));
is(post($v, "/vendor/bookings/$started/start", { otp => $code })->code, 303, 'vendor1 starts it');
$res = reschedule($c, $started, local_time(2, '15:00'));
is($res->code, 409, 'moving a job in progress: 409');
like($res->decoded_content, qr{“In progress” cannot be rescheduled}, '... saying why');
# Completing needs photos; the state is set directly for this rule.
$stack->sql(q{UPDATE bookings SET status = 'completed' WHERE id = ?}, $started);
$res = $c->get($stack->url("/bookings/$started/reschedule"));
is($res->code, 409, 'moving a completed booking: 409');
like($res->decoded_content, qr{“Completed” cannot be rescheduled}, '... saying why');

# --- inside the cut-off: no move ----------------------------------------------

my $late = book(1, '16:00');
is(accept_job($late), 303, 'vendor1 accepts a job');
soon($late);
$res = $c->get($stack->url("/bookings/$late/reschedule"));
is($res->code, 409, 'moving a visit an hour away: 409');
like($res->decoded_content, qr{can be moved until 3 hours before it starts.*late-cancellation fee of ₹100 applies}s,
    '... saying why, and what cancelling costs');
is(post($c, "/bookings/$late/reschedule", { scheduled_date => local_time(2, '16:00') })->code, 409, '... POST too');

# --- the late fee: shown, confirmed, due, paid, earned -------------------------

$res = $c->get($stack->url("/bookings/$late"));
like($res->decoded_content, qr{A late-cancellation fee of ₹100 applies}, 'the booking page warns of the fee');
$res = $c->get($stack->url("/bookings/$late/cancel"));
is($res->code, 200, 'the confirm form');
like($res->decoded_content, qr{costs a late-cancellation fee of <span class="price">₹100</span>}, '... shows the fee');
like($res->decoded_content, qr{name="fee_paise" value="10000"}, '... and carries it');
$res = post($c, "/bookings/$late/cancel", { reason => 'Stuck at work', fee_paise => 0 });
is($res->code, 409, 'confirming a free cancel that now costs a fee: 409');
like($res->decoded_content, qr{late-cancellation fee of ₹100\. Nothing was cancelled}, '... saying so');
like($res->decoded_content, qr{name="fee_paise" value="10000"}, '... the form shows the fee now');
like($res->decoded_content, qr{>Stuck at work</textarea>}, '... the reason kept');
is(booking($late)->{status}, 'accepted', '... nothing cancelled');
$res = post($c, "/bookings/$late/cancel", { reason => 'Stuck at work', fee_paise => 10000 });
is($res->code, 303, 'confirming with the fee shown: 303');
is($res->header('Location'), "/bookings/$late?notice=cancelled-fee", '... back to the booking');
is(booking($late)->{status}, 'cancelled', '... cancelled');
my $fee = $stack->sql('SELECT * FROM payments WHERE booking_id = ?', $late)->[0];
is($fee->{kind}, 'fee', 'a fee payment is due');
is($fee->{amount_paise}, 10000, '... of ₹100');
is($fee->{status}, 'requires_authorization', '... waiting for the customer');
is($fee->{vendor_id}, $uid{vendor1}, '... for the vendor who had the job');
$res = $c->get($stack->url("/bookings/$late"));
like($res->decoded_content, qr{Late-cancellation fee due: ₹100</strong> — <a href="/payments/$fee->{id}/pay">pay</a>},
    'the payment panel says the fee is due, with a pay link');

# New bookings wait for it.
$res = $c->get($stack->url('/bookings/new?service_id=1'));
like($res->decoded_content, qr{A late-cancellation fee of ₹100 for booking #$late is still due\. <a href="/payments/$fee->{id}/pay">Pay the fee</a>},
    'the booking form says the fee is due, with a link to pay');
my $count = $stack->sql_value('SELECT count(*) FROM bookings');
$res = post($c, '/bookings/new', { service_id => 1, address => '12 Janpath, New Delhi',
    pincode => '110001', scheduled_date => local_time(2, '11:00'), notes => '' });
is($res->code, 409, 'booking while the fee is unpaid: 409');
like($res->decoded_content, qr{late-cancellation fee is still due: pay it first}, '... saying why');
like($res->decoded_content, qr{>12 Janpath, New Delhi</textarea>}, '... the input kept');
is($stack->sql_value('SELECT count(*) FROM bookings'), $count, '... nothing booked');
# Nor can the account be deleted while the fee is due (t/105 owns deletion).
$c->get($stack->url('/account/delete'));
$res = post($c, '/account/delete', { password => 'password123', confirm => 'DELETE' });
is($res->code, 409, 'deleting the account while the fee is due: 409');
like($res->decoded_content, qr{The payment for booking #$late is still due}, '... naming it');

# Paid through the normal pay page.
$res = $c->get($stack->url("/payments/$fee->{id}/pay"));
is($res->code, 200, 'the pay page for the fee');
like($res->decoded_content, qr{Late-cancellation fee: <span class="price">₹100</span>}, '... says what it is for');
$res = post($c, "/payments/$fee->{id}/pay", { name => 'Asha Rao',
    card_number => '4242 4242 4242 4242', expiry => $FUTURE, cvv => '918' });
is($res->code, 303, 'paying the fee: 303');
$fee = $stack->sql('SELECT * FROM payments WHERE id = ?', $fee->{id})->[0];
is($fee->{status}, 'captured', 'the fee is taken at once');
is(booking($late)->{status}, 'cancelled', 'the booking stays cancelled');
my $number = $stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?', $fee->{id});
ok($number, 'a receipt is issued');
$res = $c->get($stack->url("/payments/$fee->{id}/receipt"));
is($res->code, 200, 'the receipt');
like($res->decoded_content, qr{A late-cancellation fee}, '... says it is a late-cancellation fee');
my $earning = $stack->sql(q{SELECT * FROM earnings WHERE payment_id = ? AND kind = 'earning'}, $fee->{id})->[0];
is($earning->{vendor_id}, $uid{vendor1}, 'vendor1 earns it');
is($earning->{gross_paise}, 10000, '... ₹100 gross');
is($earning->{commission_paise}, 1500, '... less the usual 15% commission');
$res = $v->get($stack->url('/vendor/earnings'));
like($res->decoded_content, qr{#$late</a> AC Repair<br><small>Late-cancellation fee</small>},
    'the vendor\'s earnings show the fee line');
like(notices_of($v), qr{Booking #$late \(AC Repair\): the customer(?:'|&#39;)s late-cancellation fee is paid: ₹85},
    'the vendor is told');
unlike($c->get($stack->url('/bookings/new?service_id=1'))->decoded_content, qr{still due},
    'the booking form no longer mentions a fee');
ok(book(2, '11:00'), 'a new booking is allowed again');

# --- the fee is never more than the booking's price ----------------------------

$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('late_fee_rupees', '1000', 0)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value});
my $dear = book(2, '13:00');
is(accept_job($dear), 303, 'vendor1 accepts a job');
soon($dear);
like($c->get($stack->url("/bookings/$dear/cancel"))->decoded_content,
    qr{late-cancellation fee of <span class="price">₹500</span>}, 'a ₹1,000 fee on a ₹500 booking is ₹500');
is(cancel($c, $dear, fee_paise => 50000)->code, 303, '... confirmed');
is($stack->sql_value('SELECT amount_paise FROM payments WHERE booking_id = ?', $dear), 50000, '... ₹500 due');
$stack->sql(q{UPDATE settings SET value = '100' WHERE key = 'late_fee_rupees'});
$stack->sql(q{UPDATE payments SET status = 'cancelled' WHERE booking_id = ?}, $dear);

# --- vendors give jobs back; late ones are counted for ops -----------------------

my $given = book(1, '18:00');
is(accept_job($given), 303, 'vendor1 accepts a job');
soon($given);
$res = $v->get($stack->url("/vendor/bookings/$given"));
like($res->decoded_content, qr{giving it back now counts as a late cancellation}, 'the job page warns the vendor');
$res = post($v, "/vendor/bookings/$given/release", { reason => '' });
is($res->code, 422, 'giving it back without a reason: 422');
like($res->decoded_content, qr{id="release-reason-error"}, '... the form says why');
is($m{customer2}->get($stack->url('/bookings'))->code, 200, 'customer2 is signed in');
is(post($m{customer2}, "/vendor/bookings/$given/release", { reason => 'not mine' })->code, 403,
    'a customer cannot give a job back: 403');
$v->get($stack->url("/vendor/bookings/$given"));
$res = post($v, "/vendor/bookings/$given/release", { reason => 'My van broke down' });
is($res->code, 303, 'vendor1 gives it back inside the cut-off: 303');
is($res->header('Location'), '/vendor/jobs?notice=released-late', '... told it counts');
is(booking($given)->{status}, 'pending', '... back on the board');
like(notices_of($c), qr{Booking #$given \(AC Repair\) is back on the job board}, 'the customer is told');
is($stack->sql_value('SELECT count(*) FROM vendor_late_cancellations WHERE booking_id = ?', $given), 1,
    'it counts as a late cancellation');
is(post($v, "/vendor/bookings/$given/release", { reason => 'again' })->code, 404,
    'giving back a job no longer theirs: 404');
$stack->sql('DELETE FROM vendor_late_cancellations');

# --- vendors' late releases, counted for ops ------------------------------------

my $released = book(1, '17:00');
is(accept_job($released), 303, 'vendor1 accepts a job');
soon($released);
$ops->get($stack->url("/ops/bookings/$released"));
is(post($ops, "/ops/bookings/$released/release", { reason => 'Vendor cannot come' })->code, 303,
    'ops put it back on the board inside the cut-off');
is(booking($released)->{status}, 'pending', '... back on the board');
like(notices_of($c), qr{Booking #$released \(AC Repair\) is back on the job board}, 'the customer is told');
is($stack->sql_value('SELECT count(*) FROM vendor_late_cancellations WHERE vendor_id = ? AND booking_id = ?',
    $uid{vendor1}, $released), 1, 'it counts as vendor1\'s late cancellation');
my $calm = book(3, '09:00');
is(accept_job($calm), 303, 'vendor1 accepts a job days ahead');
$ops->get($stack->url("/ops/bookings/$calm"));
is(post($ops, "/ops/bookings/$calm/release", { reason => 'Vendor on leave' })->code, 303,
    'ops release it days before');
is($stack->sql_value('SELECT count(*) FROM vendor_late_cancellations'), 1, '... which is not late');
$stack->sql('INSERT INTO vendor_late_cancellations (vendor_id, booking_id, scheduled_at, at) VALUES (?, ?, ?, ?)',
    $uid{vendor1}, $calm, time - 200 * 86400, time - 200 * 86400);
$res = $ops->get($stack->url("/ops/vendors/$uid{vendor1}"));
is($res->code, 200, 'the ops vendor page');
like($res->decoded_content, qr{<dt>Late cancellations</dt><dd>1 in the last 90 days, 2 in all},
    '... counts late cancellations, recent and in all');

$stack->finish;
done_testing;
