# 100-alerts.t: business alerts on a clock the test sets: each of the seven rules raised by a seeded pattern at its threshold and not below it, once however often the hourly job runs, told to the staff chat; /ops/alerts with its filter, acknowledging and resolving (409, 422, audit rows), who may see what, and an alert raised again only when its situation is seen anew.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use POSIX ();
use Test::More;
use HomeServe::FakeHTTP;
use HomeServe::Test;

# The job's hours are India's.
$ENV{TZ} = 'Asia/Kolkata';
POSIX::tzset();

my $chat = HomeServe::FakeHTTP->start;
my $stack = start_stack(env => {
    HOMESERVE_CHAT_WEBHOOK_URL => $chat->url . '/v1/spaces/ops/messages' });
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(q{SELECT id FROM services WHERE name = 'AC Repair'});
my $DAY = 86400;

# --- the clock and the data ------------------------------------------------------
# Each pass runs in an hour of its own, from half past the next hour on;
# $next is when the coming pass runs, and patterns are seeded against it.
my $hour = 0;
my $T = (int(time / 3600) + 1) * 3600 + 1800;
sub next_at { $T + ($hour + 1) * 3600 }
sub pass {
	$hour++;
	return $stack->run_due(now => $T + $hour * 3600);
}
sub same_hour_again { $stack->run_due(now => $T + $hour * 3600 + 60) }

# A person made directly; a vendor in STATUS (verified unless said).
sub person {
	my ($name, $role, $status) = @_;
	$stack->sql(q{INSERT INTO users (username, email, phone, password_hash,
	    role, created_at, updated_at) VALUES (?, ?, '', 'x', ?, 0, 0)},
	    $name, "$name\@homeserve.test", $role);
	my $id = $stack->sql_value('SELECT id FROM users WHERE username = ?', $name);
	if ($role eq 'vendor') {
		$stack->sql(q{INSERT INTO vendor_profiles (user_id, status,
		    verified_at, status_at, updated_at) VALUES (?, ?, 0, 0, 0)},
		    $id, $status // 'verified');
	}
	return $uid{$name} = $id;
}

# A booking of CUSTOMER's with VENDOR (undef: none) in STATUS at WHEN.
sub booking {
	my ($customer, $vendor, $status, $when) = @_;
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id,
	    category, address, pincode, scheduled_at, duration_minutes,
	    price_paise, status, created_at, updated_at) VALUES (?, ?, ?, 'ac',
	    '12 Janpath, New Delhi', '110001', ?, 90, 50000, ?, 0, 0)},
	    $customer, $vendor, $service, $when // next_at() + $DAY, $status);
	return $stack->sql_value('SELECT max(id) FROM bookings');
}

sub event {
	my ($booking, $from, $to, $actor, $at) = @_;
	$stack->sql(q{INSERT INTO booking_events (booking_id, from_status,
	    to_status, actor_id, at) VALUES (?, ?, ?, ?, ?)},
	    $booking, $from, $to, $actor, $at);
}

sub review {
	my ($vendor, $rating) = @_;
	my $b = booking($uid{customer1}, $vendor, 'paid', next_at() - 2 * $DAY);
	$stack->sql(q{INSERT INTO reviews (booking_id, service_id, vendor_id,
	    customer_id, rating, created_at) VALUES (?, ?, ?, ?, ?, 0)},
	    $b, $service, $vendor, $uid{customer1}, $rating);
	return $b;
}

# A payment of CUSTOMER's to VENDOR refunded whole at AT.
sub refunded {
	my ($customer, $vendor, $at) = @_;
	my $b = booking($customer, $vendor, 'paid', $at - $DAY);
	$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id,
	    amount_paise, refunded_paise, status, gateway, captured_at,
	    created_at, updated_at) VALUES (?, ?, ?, 50000, 50000, 'refunded',
	    'test', ?, ?, ?)}, $b, $customer, $vendor, $at - 3600, $at - 3600, $at);
	my $p = $stack->sql_value('SELECT max(id) FROM payments');
	$stack->sql(q{INSERT INTO payment_refunds (payment_id, seq, amount_paise,
	    reason, created_at) VALUES (?, 1, 50000, 'Not done', ?)}, $p, $at);
	return $b;
}

sub alerts {
	my ($kind) = @_;
	return @{ $stack->sql(q{SELECT * FROM alerts WHERE kind = ? ORDER BY id},
	    $kind) };
}

sub figures { JSON::PP->new->decode($_[0]{figures}) }

# The chat's alert texts, once N more have arrived (none are expected
# otherwise: every chat message here is an alert).
my $chat_seen = 0;
sub chat_texts {
	my ($more) = @_;
	$chat->wait_for(qr{^request 200 /v1/spaces/ops/messages}, 10) for 1 .. $more;
	$chat_seen += $more;
	return map { $_->{json}{text} // '' } $chat->requests;
}

sub chat_count {
	return $stack->sql_value(q{SELECT count(*) FROM outbox WHERE channel = 'chat'});
}

# --- nothing to say ----------------------------------------------------------------
my $ran = pass();
is($ran->{alerts}, 0, 'on the sample data no rule fires');

# --- below every threshold -----------------------------------------------------------
# Low ratings: ten that average exactly 3, and nine of 1.
my $rated = person('rated_vendor', 'vendor');
review($rated, 3) for 1 .. 10;
my $few = person('few_ratings', 'vendor');
review($few, 1) for 1 .. 9;

# Cancellations after accepting: two in the 30 days, one just older.
my $canceller = person('cancel_vendor', 'vendor');
my @cancelled;
for my $days_ago (29, 1, 30) {
	my $b = booking($uid{customer1}, $canceller, 'cancelled');
	event($b, 'pending', 'accepted', $canceller, next_at() - $days_ago * $DAY - 3600);
	event($b, 'accepted', 'cancelled', $uid{customer1}, next_at() - $days_ago * $DAY);
	push @cancelled, $b;
}
# Cancelled while pending is no cancellation after accepting.
my $never = booking($uid{customer1}, undef, 'cancelled');
event($never, 'pending', 'cancelled', $uid{customer1}, next_at() - $DAY);

# Start codes: one try left; a cancelled job that used them all.
my $locker = person('lock_vendor', 'vendor');
my $locked = booking($uid{customer1}, $locker, 'accepted');
event($locked, 'pending', 'accepted', $locker, next_at() - $DAY);
$stack->sql('UPDATE bookings SET start_failures = 4 WHERE id = ?', $locked);
my $gone = booking($uid{customer1}, $locker, 'cancelled');
$stack->sql('UPDATE bookings SET start_failures = 5 WHERE id = ?', $gone);

# Disputes: 1 of 10 finished jobs (10%), and 9 of 9 (too few jobs).  The
# one is settled ('resolved'): a settled dispute still counts.
my $disputer = person('dispute_vendor', 'vendor');
my @finished = map { booking($uid{customer1}, $disputer, 'paid', next_at() - $_ * $DAY) } 1 .. 9;
my $disputed = booking($uid{customer1}, $disputer, 'resolved', next_at() - 10 * $DAY);
event($disputed, 'signature_requested', 'disputed', $uid{customer1}, next_at() - 9 * $DAY);
event($disputed, 'disputed', 'resolved', $uid{ops_mgr}, next_at() - 8 * $DAY);
booking($uid{customer1}, $disputer, 'accepted');	# not finished: not counted
my $fewjobs = person('dispute_few', 'vendor');
for (1 .. 9) {
	my $b = booking($uid{customer1}, $fewjobs, 'disputed', next_at() - $_ * $DAY);
	event($b, 'signature_requested', 'disputed', $uid{customer1}, next_at() - $_ * $DAY);
}

# Refunds: one in the 90 days and one just older for a pair; one for another.
my $refunder = person('refund_vendor', 'vendor');
my $other = person('refund_other', 'vendor');
my $payer = person('refund_customer', 'customer');
refunded($payer, $refunder, next_at() - 90 * $DAY);
my $refund1 = refunded($payer, $refunder, next_at() - 10 * $DAY);
refunded($payer, $other, next_at() - 5 * $DAY);

# An inactive vendor whose accepted job is past; a verified one with a job to come.
my $inactive = person('reverify_vendor', 'vendor', 'reverify');
$stack->sql(q{INSERT INTO vendor_events (vendor_id, from_status, to_status,
    reason, at) VALUES (?, 'verified', 'reverify', 'ID proof expired', ?)},
    $inactive, next_at() - 2 * $DAY);
booking($uid{customer1}, $inactive, 'accepted', next_at() - 3600);
my $fine = person('fine_vendor', 'vendor');
booking($uid{customer1}, $fine, 'accepted', next_at() + 2 * $DAY);

# A payment authorised exactly 7 days before the pass.
my $held = booking($uid{customer1}, $uid{vendor1}, 'signed', next_at() - 8 * $DAY);
$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id,
    amount_paise, status, gateway, card_brand, card_last4, created_at,
    updated_at) VALUES (?, ?, ?, 75000, 'authorized', 'test', 'Visa', '4242',
    ?, ?)}, $held, $uid{customer1}, $uid{vendor1}, next_at() - 8 * $DAY,
    next_at() - 7 * $DAY);
my $payment = $stack->sql_value('SELECT max(id) FROM payments');
$stack->sql(q{INSERT INTO payment_events (payment_id, from_status, to_status,
    actor_id, at) VALUES (?, 'requires_authorization', 'authorized', ?, ?)},
    $payment, $uid{customer1}, next_at() - 7 * $DAY);

$ran = pass();
is($ran->{alerts}, 0, 'just below every threshold: no alert');
is($stack->sql_value('SELECT count(*) FROM alerts'), 0, 'none stored');
is(chat_count(), 0, 'and nothing for the chat');

# --- at each threshold -------------------------------------------------------------
review($rated, 2);	# the last ten now average 2.9
my $third = booking($uid{customer1}, undef, 'pending', next_at() + 3 * $DAY);
event($third, 'pending', 'accepted', $canceller, next_at() - 2 * $DAY);
event($third, 'accepted', 'pending', undef, next_at() - $DAY);	# back to the board
$stack->sql('UPDATE bookings SET start_failures = 5 WHERE id = ?', $locked);
event($finished[0], 'signature_requested', 'disputed', $uid{customer1}, next_at() - 3600);
$stack->sql(q{UPDATE bookings SET status = 'disputed' WHERE id = ?}, $finished[0]);
my $refund2 = refunded($payer, $refunder, next_at() - 3600);
my $upcoming = booking($uid{customer1}, $inactive, 'accepted', next_at() + 3 * $DAY);
# ...and the authorisation is now a pass older than 7 days.

$ran = pass();
is($ran->{alerts}, 7, 'at the thresholds: seven alerts, one per rule');

my ($low) = alerts('low_rating');
is(scalar(my @l = alerts('low_rating')), 1, 'low ratings: one alert');
is($low->{subject}, "vendor:$rated", 'about the vendor whose last ten average below 3');
is_deeply([@{ figures($low) }{qw(ratings rating_sum below)}], [10, 29, 3], 'with its figures');
is($low->{summary}, 'The last 10 ratings average 2.9 out of 5, below 3.', 'in words');
is($low->{link}, "/ops/vendors/$rated", 'linking the vendor\'s record');
is(scalar @{ figures($low)->{bookings} }, 10, 'and the ten rated bookings');

my @cancels = alerts('cancellations');
is(scalar @cancels, 1, 'cancellations after accepting: one alert');
is($cancels[0]{vendor_id}, $canceller, 'for the vendor who accepted');
is(figures($cancels[0])->{cancellations}, 3, 'counting 3 in 30 days, a release among them');
is_deeply([sort { $a <=> $b } @{ figures($cancels[0])->{bookings} }],
    [sort { $a <=> $b } @cancelled[0, 1], $third], 'naming those bookings, not the older one');

my @locks = alerts('start_lockout');
is(scalar @locks, 1, 'start-code lock-outs: one alert');
is($locks[0]{booking_id}, $locked, 'for the locked job, not the cancelled one');
is($locks[0]{summary}, 'Starting is locked after 5 wrong start codes (5 allowed).', 'in words');
is($locks[0]{link}, "/ops/bookings/$locked", 'linking the booking');

my @disputes = alerts('dispute_rate');
is(scalar @disputes, 1, 'dispute rate: one alert');
is($disputes[0]{vendor_id}, $disputer, 'for 2 disputes in 10 finished jobs');
is_deeply([@{ figures($disputes[0]) }{qw(disputes jobs)}], [2, 10], 'with its figures');
like($disputes[0]{summary}, qr/^2 of 10 finished jobs were disputed: 20\.0%, above 10%\.$/, 'in words');

my @refunds = alerts('repeat_refunds');
is(scalar @refunds, 1, 'repeated refunds: one alert');
is($refunds[0]{subject}, "customer:$payer/vendor:$refunder", 'for the pair');
is_deeply(figures($refunds[0])->{bookings}, [$refund2, $refund1], 'naming the two refunded bookings');
is($refunds[0]{link}, "/ops/bookings/$refund2", 'linking the latest');
like($refunds[0]{summary}, qr/^2 payments between them were refunded in the last 90 days, ₹1,000(?:\.00)? in all\.$/,
    'in words');

my @inactive = alerts('inactive_vendor_jobs');
is(scalar @inactive, 1, 'an inactive vendor holding jobs: one alert');
is($inactive[0]{vendor_id}, $inactive, 'the vendor asked to re-verify');
is_deeply(figures($inactive[0])->{bookings}, [$upcoming], 'naming the job to come, not the past one');
like($inactive[0]{summary}, qr/^Asked to re-verify, with 1 accepted job still to come, the first on /, 'in words');

my @stale = alerts('stale_authorization');
is(scalar @stale, 1, 'authorised and not captured: one alert');
is($stale[0]{payment_id}, $payment, 'for the payment');
like($stale[0]{summary}, qr/^₹750(?:\.00)? was authorised on .*, 7 days ago, and is not captured \(limit 7 days\)\.$/,
    'in words');
is($stale[0]{link}, "/ops/bookings/$held", 'linking its booking');

is($stack->sql_value(q{SELECT count(*) FROM alerts WHERE status = 'open'}), 7, 'all open');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'alert.raised'
    AND actor_id IS NULL}), 7, 'each raised with its audit row, by the system');

# The staff chat hears each new one, with its page.
my @texts = grep { /^Alert #/ } chat_texts(7);
is(scalar @texts, 7, 'the chat webhook receives the seven');
ok((grep { m{^Alert #$low->{id}, Low ratings: vendor rated_vendor\. The last 10 ratings average 2\.9 out of 5, below 3\. https://\S+/ops/alerts/$low->{id}$} } @texts),
    'naming the rule, the vendor, the figures and the link')
    or diag(join "\n", @texts);
my ($refund_text) = grep { /^Alert #$refunds[0]{id},/ } @texts;
like($refund_text, qr/^Alert #\d+, Repeated refunds: vendor refund_vendor\. 2 payments/, 'a pair is named by its vendor');
unlike($refund_text, qr/refund_customer/, 'never by its customer');

# --- once however often it runs ----------------------------------------------------
$ran = same_hour_again();
is($ran->{alerts}, 0, 'run again in the same hour: the job has done its hour');
$ran = pass();
is($ran->{alerts}, 0, 'the next hour: nothing new');
is($stack->sql_value('SELECT count(*) FROM alerts'), 7, 'still seven');
is(chat_count(), 7, 'and nothing more for the chat');

# A new fact while an alert is open is the same alert, brought up to date.
review($rated, 1);
$ran = pass();
is($ran->{alerts}, 0, 'a new low rating while the alert is open raises no second one');
my $followed = $stack->sql('SELECT * FROM alerts WHERE id = ?', $low->{id})->[0];
is($followed->{summary}, 'The last 10 ratings average 2.7 out of 5, below 3.',
    'the open alert follows its situation');
is(figures($followed)->{rating_sum}, 27, 'its figures too');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'alert.updated'
    AND entity_id = ?}, $low->{id}), 1, 'audited');
is(chat_count(), 7, 'with no new message');

# --- who may see what ----------------------------------------------------------------
my %m;
for my $who (qw(ops_mgr onboard_mgr customer1 vendor1 admin)) {
	$m{$who} = $stack->mech;
	$stack->login_ok($m{$who}, $who, $who eq 'admin' ? 'admin123' : 'password123',
	    { ops_mgr => '/ops/', onboard_mgr => '/ops/', customer1 => '/',
	    vendor1 => '/vendor/', admin => '/admin/' }->{$who});
}
for my $who (qw(customer1 vendor1)) {
	is($m{$who}->get($stack->url('/ops/alerts'))->code, 403, "$who: /ops/alerts is 403");
	is($m{$who}->get($stack->url("/ops/alerts/$low->{id}"))->code, 403, "$who: an alert is 403");
	$m{$who}->get($stack->url('/'));
	is($stack->post_form($m{$who}, "/ops/alerts/$low->{id}/ack", {})->code, 403,
	    "$who cannot acknowledge");
	is($stack->post_form($m{$who}, "/ops/alerts/$low->{id}/resolve", { note => 'Done it.' })->code,
	    403, "$who cannot resolve");
}

my $ops = $m{ops_mgr};
my $res = $ops->get($stack->url('/ops/alerts'));
is($res->code, 200, 'ops: /ops/alerts is 200');
my $page = $res->decoded_content;
for my $a (alerts('low_rating'), @cancels, @locks, @disputes, @refunds, @inactive, @stale) {
	like($page, qr{href="/ops/alerts/$a->{id}"}, "it lists alert #$a->{id} ($a->{kind})");
}
like($page, qr{href="/ops/vendors/$rated"}, 'with the evidence links');
like($page, qr{href="/ops/bookings/$locked"}, 'to vendors and bookings');
like($page, qr{The last 10 ratings average 2\.7 out of 5, below 3\.}, 'the figures, as they are now');
like($page, qr{Low ratings}, 'the kind');
like($page, qr{customer refund_customer}, 'the subject');
like($page, qr{<small>(?:\d+ (?:minute|hour|day)s?|under a minute) ago</small>}, 'and the age');
like($page, qr{>Alerts <span class="badge">7<span class="visually-hidden"> open</span>}, 'the navigation counts 7 open');

# Onboarding managers see the alerts about vendors' work, not customers' money.
my $onboard = $m{onboard_mgr};
$page = $onboard->get($stack->url('/ops/alerts'))->decoded_content;
like($page, qr{href="/ops/alerts/$low->{id}"}, 'onboarding sees low ratings');
like($page, qr{href="/ops/alerts/$cancels[0]{id}"}, 'cancellations');
like($page, qr{href="/ops/alerts/$disputes[0]{id}"}, 'dispute rates');
like($page, qr{href="/ops/alerts/$inactive[0]{id}"}, 'and jobs held by an inactive vendor');
unlike($page, qr{href="/ops/alerts/$_->{id}"}, "not alert #$_->{id} ($_->{kind})")
    for @locks, @refunds, @stale;
unlike($page, qr{refund_customer}, 'nor any customer');
like($page, qr{>Alerts <span class="badge">4<span class="visually-hidden"> open</span>}, 'their navigation counts 4');
is($onboard->get($stack->url("/ops/alerts/$refunds[0]{id}"))->code, 403, 'a money alert\'s page is 403 to them');
$onboard->get($stack->url('/ops/alerts'));
is($stack->post_form($onboard, "/ops/alerts/$refunds[0]{id}/ack", {})->code, 403,
    'they cannot acknowledge a money alert');
is($stack->post_form($onboard, "/ops/alerts/$stale[0]{id}/resolve", { note => 'Not mine.' })->code, 403,
    'nor resolve one');
is($stack->sql_value('SELECT status FROM alerts WHERE id = ?', $stale[0]{id}), 'open', 'it stays open');
$res = $onboard->get($stack->url("/ops/alerts/$inactive[0]{id}"));
is($res->code, 200, 'a vendor alert\'s page is theirs');
unlike($res->decoded_content, qr{href="/ops/bookings/}, 'without links to customers\' bookings');
like($res->decoded_content, qr{href="/ops/vendors/$inactive"}, 'but to the vendor');
is($stack->post_form($onboard, "/ops/alerts/$inactive[0]{id}/ack", {})->code, 303,
    'and they may acknowledge it');

is($m{admin}->get($stack->url('/ops/alerts'))->code, 200, 'the super admin sees the list');

# --- the filter ----------------------------------------------------------------------
is($ops->get($stack->url('/ops/alerts?status=bogus'))->code, 400, 'an unknown status is 400');
$page = $ops->get($stack->url('/ops/alerts?status=acknowledged'))->decoded_content;
like($page, qr{href="/ops/alerts/$inactive[0]{id}"}, '?status=acknowledged lists the acknowledged');
unlike($page, qr{href="/ops/alerts/$low->{id}"}, 'and not the open');
like($page, qr{<option value="acknowledged" selected>}, 'the choice is kept');
$page = $ops->get($stack->url('/ops/alerts?status=open'))->decoded_content;
unlike($page, qr{href="/ops/alerts/$inactive[0]{id}"}, '?status=open leaves it out');
like($page, qr{href="/ops/alerts/$low->{id}"}, 'and lists the open');
$page = $ops->get($stack->url('/ops/alerts?status=resolved'))->decoded_content;
like($page, qr{No alerts\.}, 'nothing is resolved yet');

# --- acknowledging ---------------------------------------------------------------------
$res = $ops->get($stack->url("/ops/alerts/$low->{id}"));
is($res->code, 200, 'an alert\'s page is 200');
$page = $res->decoded_content;
like($page, qr{href="/ops/bookings/\d+">Booking #}, 'listing its bookings as evidence for ops');
like($page, qr{action="/ops/alerts/$low->{id}/ack"}, 'with a form to acknowledge');
like($page, qr{action="/ops/alerts/$low->{id}/resolve"}, 'and one to resolve');
is($stack->post_form($ops, "/ops/alerts/$low->{id}/ack", {}, csrf => undef)->code, 403,
    'without the CSRF token: 403');
$ops->get($stack->url("/ops/alerts/$low->{id}"));
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/ack", {});
is($res->code, 303, 'acknowledging is a 303');
is($res->header('Location'), '/ops/alerts?notice=alert-acknowledged', 'back to the list, with a notice');
like($ops->get($stack->url('/ops/alerts?notice=alert-acknowledged'))->decoded_content,
    qr{The alert is acknowledged}, 'which says so');
my $row = $stack->sql('SELECT * FROM alerts WHERE id = ?', $low->{id})->[0];
is($row->{status}, 'acknowledged', 'the alert is acknowledged');
is($row->{acknowledged_by}, $uid{ops_mgr}, 'by whom');
my $audit = $stack->sql(q{SELECT * FROM audit_log WHERE action = 'alert.acknowledged'
    AND entity = 'alert' AND entity_id = ?}, $low->{id});
is(scalar @$audit, 1, 'with its audit row');
is($audit->[0]{actor_id}, $uid{ops_mgr}, 'naming the manager');
$ops->get($stack->url("/ops/alerts/$low->{id}"));
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/ack", {});
is($res->code, 409, 'acknowledging twice is 409');
like($res->decoded_content, qr{An alert that is “Acknowledged” cannot be acknowledged\.}, 'saying why');
is($stack->post_form($ops, '/ops/alerts/999999/ack', {})->code, 404, 'an unknown alert is 404');
is($ops->get($stack->url('/ops/alerts/999999'))->code, 404, 'and so is its page');
is($ops->get($stack->url('/ops/alerts/abc'))->code, 404, 'an id that is no number is 404');
is($stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => 'No token here.' },
    csrf => undef)->code, 403, 'resolving without the CSRF token: 403');
is($stack->sql_value('SELECT status FROM alerts WHERE id = ?', $low->{id}), 'acknowledged',
    'and the alert is as it was');

# --- resolving -------------------------------------------------------------------------
$ops->get($stack->url("/ops/alerts/$low->{id}"));
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => '' });
is($res->code, 422, 'resolving without a note is 422');
like($res->decoded_content, qr{<form class="stack" method="post" action="/ops/alerts/$low->{id}/resolve">},
    'the form is shown again');
like($res->decoded_content, qr{id="note-error"}, 'with the error beside the note');
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => 'ok' });
is($res->code, 422, 'a note of 2 characters is 422');
like($res->decoded_content, qr{<textarea id="note"[^>]*>ok</textarea>}, 'and the note is kept');
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => 'x' x 501 });
is($res->code, 422, 'a note of 501 characters is 422');
my $evil = 'Called the vendor <script>alert(1)</script>';
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => $evil });
is($res->code, 303, 'resolving with a note is a 303');
is($res->header('Location'), '/ops/alerts?notice=alert-resolved', 'back to the list');
$row = $stack->sql('SELECT * FROM alerts WHERE id = ?', $low->{id})->[0];
is($row->{status}, 'resolved', 'the alert is resolved');
is($row->{resolution}, $evil, 'with the note');
is($row->{resolved_by}, $uid{ops_mgr}, 'by whom');
is($stack->sql_value(q{SELECT json_extract(new_values, '$.note') FROM audit_log
    WHERE action = 'alert.resolved' AND entity_id = ?}, $low->{id}), $evil,
    'with its audit row and the note');
$page = $ops->get($stack->url("/ops/alerts/$low->{id}"))->decoded_content;
like($page, qr{Called the vendor &lt;script&gt;}, 'its page shows the note, escaped');
unlike($page, qr{action="/ops/alerts/$low->{id}/resolve"}, 'and no form to resolve it');
$res = $stack->post_form($ops, "/ops/alerts/$low->{id}/resolve", { note => 'Again.' });
is($res->code, 409, 'resolving twice is 409');
like($res->decoded_content, qr{An alert that is “Resolved” cannot be resolved\.}, 'saying why');
$ops->get($stack->url("/ops/alerts/$low->{id}"));
is($stack->post_form($ops, "/ops/alerts/$low->{id}/ack", {})->code, 409, 'and it cannot be acknowledged');
# An open alert may be resolved at once.
$ops->get($stack->url("/ops/alerts/$locks[0]{id}"));
is($stack->post_form($ops, "/ops/alerts/$locks[0]{id}/resolve", { note => 'Customer gave a new code.' })->code,
    303, 'an open alert may be resolved without acknowledging');
$page = $ops->get($stack->url('/ops/alerts'))->decoded_content;
unlike($page, qr{href="/ops/alerts/$low->{id}"}, 'the default list leaves resolved alerts out');
like($page, qr{href="/ops/alerts/$inactive[0]{id}"}, 'and shows the acknowledged');
like($ops->get($stack->url('/ops/alerts?status=resolved'))->decoded_content,
    qr{href="/ops/alerts/$low->{id}"}, '?status=resolved lists it');

# --- raised again only when seen anew --------------------------------------------------
$ran = pass();
is($ran->{alerts}, 0, 'a resolved situation that lasts is not raised again');
review($rated, 1);	# the last ten now average 2.5
$ran = pass();
is($ran->{alerts}, 1, 'a newer low rating after the resolution raises a new alert');
my @again = alerts('low_rating');
is(scalar @again, 2, 'a second one for the vendor');
is($again[1]{status}, 'open', 'open');
is($again[1]{summary}, 'The last 10 ratings average 2.5 out of 5, below 3.', 'with the figures of now');
ok($again[1]{evidence_id} > $again[0]{evidence_id}, 'on newer evidence');
@texts = grep { /^Alert #$again[1]{id}, Low ratings/ } chat_texts(1);
is(scalar @texts, 1, 'and the chat hears of it');
$ran = pass();
is($ran->{alerts}, 0, 'once');

# --- two more edges: a suspended vendor, an authorisation a minute short --------------
my $suspended = person('suspended_vendor', 'vendor', 'suspended');
$stack->sql(q{INSERT INTO vendor_events (vendor_id, from_status, to_status,
    reason, at) VALUES (?, 'verified', 'suspended', 'Complaints', ?)},
    $suspended, next_at() - 3600);
my $kept = booking($uid{customer1}, $suspended, 'accepted', next_at() + 5 * $DAY);
my $short = booking($uid{customer1}, $uid{vendor1}, 'signed', next_at() - 8 * $DAY);
$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id,
    amount_paise, status, gateway, card_brand, card_last4, created_at,
    updated_at) VALUES (?, ?, ?, 40000, 'authorized', 'test', 'Visa', '4242',
    ?, ?)}, $short, $uid{customer1}, $uid{vendor1}, next_at() - 8 * $DAY,
    next_at() - 7 * $DAY + 60);
my $short_payment = $stack->sql_value('SELECT max(id) FROM payments');
$stack->sql(q{INSERT INTO payment_events (payment_id, from_status, to_status,
    actor_id, at) VALUES (?, 'requires_authorization', 'authorized', ?, ?)},
    $short_payment, $uid{customer1}, next_at() - 7 * $DAY + 60);
$ran = pass();
is($ran->{alerts}, 1, 'a suspended vendor holding a job raises one alert');
my ($held_by) = grep { $_->{vendor_id} == $suspended } alerts('inactive_vendor_jobs');
ok($held_by, 'about that vendor');
like($held_by->{summary}, qr/^Suspended, with 1 accepted job still to come/, 'in words');
is_deeply(figures($held_by)->{bookings}, [$kept], 'naming the job');
is(scalar(grep { $_->{payment_id} == $short_payment } alerts('stale_authorization')), 0,
    'authorised 7 days less a minute ago: no alert');
chat_texts(1);
$ran = pass();
is($ran->{alerts}, 1, 'an hour later it is over 7 days');
is(scalar(grep { $_->{payment_id} == $short_payment } alerts('stale_authorization')), 1,
    'and the payment has its alert');
chat_texts(1);

# A note that tries to close the textarea is shown back as text.
$ops->get($stack->url("/ops/alerts/$held_by->{id}"));
$res = $stack->post_form($ops, "/ops/alerts/$held_by->{id}/resolve",
    { note => '</textarea><script>alert(1)</script>' . ('x' x 480) });
is($res->code, 422, 'a hostile note over 500 characters is 422');
unlike($res->decoded_content, qr{</textarea><script>}, 'and shown back escaped');
like($res->decoded_content, qr{&lt;/textarea&gt;&lt;script&gt;}, 'as text');

$chat->stop;
$stack->finish;
done_testing();
