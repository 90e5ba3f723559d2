# 76-stripe.t: the stripe gateway against a fake Stripe on loopback: Checkout in manual-capture mode, signed webhooks (wrong, missing, stale, repeated), capture with an idempotency key and retries, a capture that keeps failing, refunds both ways.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use Test::More;
use HomeServe::FakeStripe;
use HomeServe::Test;

my $fake = HomeServe::FakeStripe->start;
my $stack = start_stack(
    env => { HOMESERVE_PAYMENT_GATEWAY => 'stripe',
	HOMESERVE_STRIPE_API => $fake->url },
    files => { 'keys/stripe_secret_key' => $fake->secret_key . "\n",
	'keys/stripe_webhook_secret' => $fake->webhook_secret . "\n" });

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, 'password123', $home);
}
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(
    q{SELECT id FROM services WHERE name = 'AC Repair'});

# --- helpers -------------------------------------------------------------------

# POST with the CSRF token of a page the mech fetches first.
sub post_from {
	my ($who, $page, $path, $fields) = @_;
	$m{$who}->get($stack->url($page));
	return $stack->post_form($m{$who}, $path, $fields // {});
}

# A started AC Repair job of customer1's with its photos, which vendor1
# completes through the page: that opens the payment, through stripe.
sub completed_booking {
	my $id = $stack->started_job($uid{customer1}, $uid{vendor1}, $service);
	my $res = post_from('vendor1', "/vendor/bookings/$id",
	    "/vendor/bookings/$id/complete");
	is($res->code, 303, "vendor1 completes booking $id");
	return $id;
}

sub payment_of {
	return $stack->sql('SELECT * FROM payments WHERE booking_id = ? '
	    . 'ORDER BY id DESC LIMIT 1', $_[0])->[0];
}
sub booking_status {
	return $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]);
}
sub events_count {
	return $stack->sql_value('SELECT count(*) FROM webhook_events');
}
sub timeline_count {
	return $stack->sql_value(
	    'SELECT count(*) FROM payment_events WHERE payment_id = ?', $_[0]);
}

# The API requests the fake has seen since the last look, without control calls.
my $seen = 0;
sub new_requests {
	my @all = $fake->requests;
	my @new = @all[$seen .. $#all];
	$seen = @all;
	return @new;
}

# POST a webhook body to the stack as Stripe does; signature => undef
# sends no Stripe-Signature header.
sub webhook {
	my ($body, %opt) = @_;
	my $sig = exists $opt{signature} ? $opt{signature}
	    : HomeServe::FakeStripe->sign($body);
	my $ua = $stack->mech;
	my $res = $ua->post($stack->url('/webhooks/stripe'),
	    'Content-Type' => $opt{type} // 'application/json; charset=utf-8',
	    'User-Agent' => 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
	    defined $sig ? ('Stripe-Signature' => $sig) : (),
	    Content => $body);
	return $res;
}

# The customer pays: the pay page sends them to Checkout, they pay there.
# Returns the completed checkout.session object.
sub pay_at_stripe {
	my ($payment) = @_;
	my $res = $m{customer1}->get($stack->url("/payments/$payment->{id}/pay"));
	is($res->code, 303, "payment $payment->{id}: the pay page hands over (303)");
	my ($cs) = ($res->header('Location') // '')
	    =~ m{^https://checkout\.stripe\.com/c/pay/(cs_test_\w+)#fake$};
	ok($cs, '... to the Checkout Session\'s page at Stripe');
	return $cs ? $fake->complete($cs) : undef;
}

# The vendor asks for the signature and the customer signs (rating 5).
sub sign_booking {
	my ($booking) = @_;
	my $res = post_from('vendor1', "/vendor/bookings/$booking",
	    "/vendor/bookings/$booking/request-signature");
	is($res->code, 303, "booking $booking: vendor1 requests the signature");
	my $sig = $stack->sql_value(
	    'SELECT id FROM signatures WHERE booking_id = ?', $booking);
	return sign_again($booking);
}

# The customer signs a booking already waiting for it (rating 5).
sub sign_again {
	my ($booking) = @_;
	my $sig = $stack->sql_value(
	    'SELECT id FROM signatures WHERE booking_id = ?', $booking);
	return post_from('customer1', "/signatures/$sig/sign",
	    "/signatures/$sig/sign", { satisfaction_rating => 5,
	    comments => 'Cold air again.' });
}

# --- the payment, and Checkout in manual-capture mode --------------------------

my $b1 = completed_booking();
my $p1 = payment_of($b1);
ok($p1, 'completing the job opened a payment');
is($p1->{gateway}, 'stripe', '... through the stripe gateway');
is($p1->{status}, 'requires_authorization', '... waiting for the customer');
is($p1->{amount_paise}, 50000, '... for the booking\'s price');

my $res = $m{customer1}->get($stack->url("/bookings/$b1"));
is($res->code, 200, 'the booking page');
like($res->decoded_content,
    qr{<a class="button" href="/payments/$p1->{id}/pay">Pay now</a>},
    '... "Pay now" is a plain link (a GET), which CSP\'s form-action cannot block');

new_requests();
$res = $m{customer1}->get($stack->url("/payments/$p1->{id}/pay"));
is($res->code, 303, 'GET /payments/{id}/pay: 303');
my $location = $res->header('Location') // '';
like($location, qr{^https://checkout\.stripe\.com/c/pay/cs_test_\w+#fake$},
    '... to the Checkout Session\'s url');
my @r = new_requests();
is(scalar @r, 1, 'one call to Stripe');
my $create = $r[0] // {};
is("$create->{method} $create->{path}", 'POST /v1/checkout/sessions',
    '... creating a Checkout Session');
is($create->{auth}, 'Bearer ' . $fake->secret_key, '... with the secret key as a bearer token');
like($create->{content_type}, qr{^application/x-www-form-urlencoded},
    '... form-encoded');
is($create->{idempotency_key}, "checkout-$p1->{id}-first",
    '... with an idempotency key naming the payment');
ok($create->{version}, '... asking for a fixed API version');
is($create->{status}, 200, '... which Stripe accepted');
my %want = (
	mode => 'payment',
	'payment_intent_data[capture_method]' => 'manual',
	'line_items[0][price_data][currency]' => 'inr',
	'line_items[0][price_data][unit_amount]' => '50000',
	'line_items[0][price_data][product_data][name]' => 'AC Repair',
	'line_items[0][quantity]' => '1',
	client_reference_id => $p1->{id},
	'metadata[payment_id]' => $p1->{id},
	success_url => $stack->tls_url("/bookings/$b1?notice=stripe-returned"),
	cancel_url => $stack->tls_url("/bookings/$b1?notice=stripe-cancelled"),
);
for my $field (sort keys %want) {
	is($create->{params}{$field}, $want{$field}, "... $field = $want{$field}");
}
my ($cs1) = $location =~ m{/(cs_test_\w+)#};
is(payment_of($b1)->{checkout_ref}, $cs1, 'the session is recorded on the payment');

$res = $m{customer1}->get($stack->url("/payments/$p1->{id}/pay"));
is($res->code, 303, 'the pay page again: 303');
is($res->header('Location'), $location, '... to the same open session');
@r = new_requests();
is(join(' ', map { "$_->{method} $_->{path}" } @r),
    "GET /v1/checkout/sessions/$cs1", '... looked up, not made again');

$res = $m{vendor1}->get($stack->url("/payments/$p1->{id}/pay"));
is($res->code, 403, 'the vendor cannot use the pay page');
is(scalar(new_requests()), 0, '... and Stripe hears nothing');

# --- webhooks that are refused ------------------------------------------------

my $session = $fake->complete($cs1);
is($session->{status}, 'complete', 'customer1 pays on Stripe\'s page');
my $pi1 = $session->{payment_intent};
like($pi1, qr{^pi_\w+$}, '... which authorises a PaymentIntent');
is($fake->object($pi1)->{status}, 'requires_capture', '... to be captured later');

my $completed = HomeServe::FakeStripe->event('checkout.session.completed',
    $session, id => 'evt_test_completed_1');
my $before_audit = $stack->sql_value('SELECT count(*) FROM audit_log');
for my $bad (
    [ 'a wrong secret', HomeServe::FakeStripe->sign($completed,
	secret => 'whsec_not_the_one') ],
    [ 'no Stripe-Signature header', undef ],
    [ 'an empty header', '' ],
    [ 'a stale timestamp (6 minutes old)', HomeServe::FakeStripe->sign(
	$completed, t => time - 360) ],
    [ 'a timestamp from the future', HomeServe::FakeStripe->sign(
	$completed, t => time + 360) ],
    [ 'a header with only a timestamp', 't=' . time ],
    [ 'a malformed header', 'v1=abc,t=yesterday' ],
) {
	my ($what, $sig) = @$bad;
	$res = webhook($completed, signature => $sig);
	is($res->code, 400, "webhook with $what: 400");
}
(my $tampered = $completed) =~ s/"amount_total":50000/"amount_total":100/;
$res = webhook($completed, signature => HomeServe::FakeStripe->sign($tampered));
is($res->code, 400, 'webhook whose body is not the one signed: 400');
$res = webhook($completed, type => 'text/plain');
is($res->code, 415, 'webhook that is not JSON: 415');
is(payment_of($b1)->{status}, 'requires_authorization',
    'after all of them the payment still waits');
is(events_count(), 0, '... no event is recorded');
is($stack->sql_value('SELECT count(*) FROM audit_log'), $before_audit,
    '... and nothing reached the audit log');

# --- the completed checkout, once ---------------------------------------------

$res = webhook($completed);
is($res->code, 200, 'the signed checkout.session.completed: 200');
is($res->content, "ok\n", '... "ok"');
like($res->header('Content-Type'), qr{^text/plain}, '... as plain text');
my $row = payment_of($b1);
is($row->{status}, 'authorized', 'the payment is authorised');
is($row->{gateway_ref}, $pi1, '... with the PaymentIntent');
is($row->{card_brand}, 'Visa', '... paid with a Visa card');
is($row->{card_last4}, '4242', '... ending 4242');
is(events_count(), 1, 'the event is recorded');
is($stack->sql_value('SELECT type FROM webhook_events WHERE event_id = ?',
    'evt_test_completed_1'), 'checkout.session.completed', '... by id and type');
my $timeline = timeline_count($p1->{id});
$res = webhook($completed);
is($res->code, 200, 'the same event delivered again: 200');
is(events_count(), 1, '... still one event');
is(timeline_count($p1->{id}), $timeline, '... and no change to the payment');
my $again = HomeServe::FakeStripe->event('checkout.session.completed',
    $session, id => 'evt_test_completed_2');
$res = webhook($again);
is($res->code, 200, 'another event for the same checkout: 200');
is(timeline_count($p1->{id}), $timeline, '... and the payment is unchanged');

$res = $m{customer1}->get($stack->url("/payments/$p1->{id}/pay"));
is($res->code, 409, 'paying an authorised payment again: 409');
$res = $m{customer1}->get($stack->url("/bookings/$b1"));
unlike($res->decoded_content, qr{Pay now}, 'the booking page no longer offers to pay');

$res = $stack->mech->post($stack->url('/logout'));
is($res->code, 403, 'other POST routes still need the CSRF token');

# --- capture on signature, once, with its idempotency key ---------------------

new_requests();
$res = sign_booking($b1);
is($res->code, 303, 'customer1 signs booking 1');
@r = grep { $_->{path} =~ m{/capture$} } new_requests();
is(scalar @r, 1, 'Stripe is asked to capture once');
is($r[0]{path}, "/v1/payment_intents/$pi1/capture", '... the PaymentIntent');
is($r[0]{idempotency_key}, "capture-$p1->{id}", '... with Idempotency-Key capture-<id>');
is($fake->object($pi1)->{status}, 'succeeded', 'Stripe has captured it');
$row = payment_of($b1);
is($row->{status}, 'captured', 'the payment is captured');
ok($row->{captured_at}, '... with its time');
is(booking_status($b1), 'paid', 'the booking is paid');
my $receipt = $stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?',
    $p1->{id});
ok($receipt, "receipt number $receipt is issued");
$res = $m{customer1}->get($stack->url("/payments/$p1->{id}/receipt"));
is($res->code, 200, 'the receipt page');
like($res->decoded_content, qr{Visa ending 4242}, '... shows the card');

my $succeeded = HomeServe::FakeStripe->event('payment_intent.succeeded',
    $fake->object($pi1));
$timeline = timeline_count($p1->{id});
$res = webhook($succeeded);
is($res->code, 200, 'payment_intent.succeeded (our own capture): 200');
is(timeline_count($p1->{id}), $timeline, '... confirms, changes nothing');
is(scalar(grep { $_->{path} =~ m{/capture$} } new_requests()), 0,
    '... and captures nothing again');

# --- retried captures ---------------------------------------------------------

my $b2 = completed_booking();
my $p2 = payment_of($b2);
my $s2 = pay_at_stripe($p2);
$res = webhook(HomeServe::FakeStripe->event('checkout.session.completed', $s2));
is($res->code, 200, 'booking 2: authorised by webhook');
is(payment_of($b2)->{status}, 'authorized', '... the payment is authorised');
new_requests();
$fake->fail(count => 1, status => 500, path => 'capture$');
$fake->fail(count => 1, mode => 'drop', path => 'capture$');
$res = sign_booking($b2);
is($res->code, 303, 'customer1 signs booking 2 while Stripe fails twice');
@r = grep { $_->{path} =~ m{/capture$} } new_requests();
is(scalar @r, 3, 'three capture attempts: a 500, a dropped connection, a 200');
is(join(',', map { $_->{status} } @r), '500,0,200', '... in that order');
is(scalar(grep { ($_->{idempotency_key} // '') eq "capture-$p2->{id}" } @r), 3,
    '... all with the same idempotency key');
is(payment_of($b2)->{status}, 'captured', 'the payment is captured once');
is(booking_status($b2), 'paid', 'booking 2 is paid');
is($stack->sql_value('SELECT count(*) FROM earnings WHERE payment_id = ?',
    $p2->{id}), 1, '... with one earning for the vendor');

my $b3 = completed_booking();
my $p3 = payment_of($b3);
my $s3 = pay_at_stripe($p3);
$res = webhook(HomeServe::FakeStripe->event('checkout.session.completed', $s3));
is(payment_of($b3)->{status}, 'authorized', 'booking 3: authorised');
new_requests();
$fake->fail(count => 3, status => 503, path => 'capture$');
$res = sign_booking($b3);
is($res->code, 503, 'customer1 signs booking 3 while Stripe keeps failing: 503');
like($res->decoded_content, qr{could not be taken, so nothing was signed}, '... saying nothing was signed');
is(booking_status($b3), 'signature_requested', '... the booking is not signed: never signed and unpaid');
@r = grep { $_->{path} =~ m{/capture$} } new_requests();
is(scalar @r, 3, 'three attempts, then it gives up');
$row = payment_of($b3);
is($row->{status}, 'authorized', 'the payment is left authorised');
like($row->{last_error}, qr{Stripe could not be reached}, '... with the error kept');
is($fake->object($s3->{payment_intent})->{status}, 'requires_capture',
    '... and nothing was captured at Stripe');
$res = $m{ops_mgr}->get($stack->url('/ops/payments?status=authorized'));
is($res->code, 200, 'ops_mgr: /ops/payments');
like($res->decoded_content, qr{Stripe could not be reached},
    '... shows the gateway\'s error');
$res = sign_again($b3);
is($res->code, 303, 'customer1 signs again once Stripe is back: 303');
is(payment_of($b3)->{status}, 'captured', '... captured');
is(booking_status($b3), 'paid', '... and booking 3 is signed and paid');
@r = grep { $_->{path} =~ m{/capture$} } new_requests();
is(join(',', map { "$_->{status}:$_->{idempotency_key}" } @r),
    "200:capture-$p3->{id}", '... with one call and the same key');

# --- refunds ------------------------------------------------------------------

new_requests();
$res = post_from('ops_mgr', "/ops/bookings/$b1", "/ops/payments/$p1->{id}/refund",
    { amount => '200', reason => 'The unit dripped again next day.' });
is($res->code, 303, 'ops_mgr refunds ₹200 of booking 1: 303');
@r = new_requests();
is(scalar @r, 1, 'one call to Stripe');
is("$r[0]{method} $r[0]{path}", 'POST /v1/refunds', '... a refund');
is($r[0]{params}{payment_intent}, $pi1, '... of the PaymentIntent');
is($r[0]{params}{amount}, '20000', '... for 20000 paise');
is($r[0]{idempotency_key}, "refund-$p1->{id}-1", '... with key refund-<id>-1');
$row = payment_of($b1);
is($row->{status}, 'partially_refunded', 'the payment is partially refunded');
is($row->{refunded_paise}, 20000, '... by ₹200');

my $charge = $fake->object($fake->object($pi1)->{latest_charge}{id});
is($charge->{amount_refunded}, 20000, 'Stripe\'s charge shows the refund');
$res = webhook(HomeServe::FakeStripe->event('charge.refunded', $charge));
is($res->code, 200, 'charge.refunded for our own refund: 200');
is(payment_of($b1)->{refunded_paise}, 20000, '... counted once');

# The rest is refunded in Stripe's dashboard: only the webhook tells us.
$charge = { %$charge, amount_refunded => 50000, refunded => JSON::PP::true };
my $refunded = HomeServe::FakeStripe->event('charge.refunded', $charge);
$res = webhook($refunded);
is($res->code, 200, 'charge.refunded for the whole amount: 200');
$row = payment_of($b1);
is($row->{status}, 'refunded', 'the payment is refunded');
is($row->{refunded_paise}, 50000, '... in full');
$res = webhook($refunded);
is($res->code, 200, 'the same refund event again: 200');
is(payment_of($b1)->{refunded_paise}, 50000, '... changes nothing');

# --- failures reported by Stripe, and events that are not ours ------------------

my $b4 = completed_booking();
my $p4 = payment_of($b4);
$res = $m{customer1}->get($stack->url("/payments/$p4->{id}/pay"));
my ($cs4) = ($res->header('Location') // '') =~ m{/(cs_test_\w+)#};
my $failed = HomeServe::FakeStripe->event('payment_intent.payment_failed', {
    id => 'pi_declined_attempt', object => 'payment_intent',
    status => 'requires_payment_method', metadata => { payment_id => "$p4->{id}" },
    last_payment_error => { code => 'card_declined',
	message => 'Your card was declined.' } });
$res = webhook($failed);
is($res->code, 200, 'payment_intent.payment_failed: 200');
$row = payment_of($b4);
is($row->{status}, 'failed', 'the payment is failed');
is($row->{last_error}, 'Stripe: Your card was declined.', '... with Stripe\'s message');
my $s4 = $fake->complete($cs4);
$res = webhook(HomeServe::FakeStripe->event('checkout.session.completed', $s4));
is($res->code, 200, 'another card in the same Checkout succeeds: 200');
is(payment_of($b4)->{status}, 'authorized', '... and the payment is authorised');

# Signing before paying is refused; once Stripe reports the completed
# checkout the payment is held, and signing takes it.
my $b5 = completed_booking();
my $p5 = payment_of($b5);
$res = sign_booking($b5);
is($res->code, 402, 'booking 5 cannot be signed before it is paid: 402');
is(booking_status($b5), 'signature_requested', '... and waits for the payment');
$res = $m{customer1}->get($stack->url('/signatures/' . $stack->sql_value(
    'SELECT id FROM signatures WHERE booking_id = ?', $b5) . '/sign'));
like($res->decoded_content, qr{href="/payments/$p5->{id}/pay">Pay ₹500 first</a>},
    '... the sign page sends the customer to pay first');
my $s5 = pay_at_stripe($p5);
new_requests();
$res = webhook(HomeServe::FakeStripe->event('checkout.session.completed', $s5));
is($res->code, 200, 'the completed checkout arrives: 200');
is(payment_of($b5)->{status}, 'authorized', '... the payment is held');
$res = sign_again($b5);
is($res->code, 303, 'customer1 signs: 303');
is(payment_of($b5)->{status}, 'captured', '... the payment is captured at once');
is(booking_status($b5), 'paid', '... and booking 5 is paid');
is(join(',', map { $_->{idempotency_key} // '-' }
    grep { $_->{path} =~ m{/capture$} } new_requests()), "capture-$p5->{id}",
    '... with one capture call');

# Cancelled while the customer was at Checkout: the late authorisation
# is released at Stripe, not kept.
my $b6 = completed_booking();
my $p6 = payment_of($b6);
$res = $m{customer1}->get($stack->url("/payments/$p6->{id}/pay"));
my ($cs6) = ($res->header('Location') // '') =~ m{/(cs_test_\w+)#};
ok($cs6, 'booking 6: customer1 is sent to Checkout');
$res = post_from('ops_mgr', "/ops/bookings/$b6", "/ops/payments/$p6->{id}/cancel",
    { reason => 'The customer will pay in cash.' });
is($res->code, 303, 'ops_mgr cancels the payment meanwhile: 303');
my $s6 = $fake->complete($cs6);
$res = webhook(HomeServe::FakeStripe->event('checkout.session.completed', $s6));
is($res->code, 200, 'the customer pays at Stripe all the same: 200');
is(payment_of($b6)->{status}, 'cancelled', '... the payment stays cancelled');
is($fake->object($s6->{payment_intent})->{status}, 'canceled',
    '... and the authorisation is released at Stripe');

my $count = events_count();
$res = webhook(HomeServe::FakeStripe->event('customer.created',
    { id => 'cus_123', object => 'customer' }));
is($res->code, 200, 'an event type we do not handle: 200');
is(events_count(), $count, '... ignored');
$res = webhook(HomeServe::FakeStripe->event('charge.refunded',
    { id => 'ch_other', object => 'charge', payment_intent => 'pi_not_ours',
    amount_refunded => 100 }));
is($res->code, 200, 'a refund of a payment that is not ours: 200, ignored');
$res = webhook('{"id":"evt_x","type":"charge.refunded"}');
is($res->code, 400, 'a signed body that is not an event: 400');
$res = webhook('not json at all');
is($res->code, 400, 'a signed body that is not JSON: 400');

is(scalar(grep { $_->{status} == 401 } $fake->requests), 0,
    'the fake never saw a wrong secret key');
ok(!grep({ ($_->{version} // '') eq '' } $fake->requests),
    'every request named the API version');
my $log = HomeServe::Test::read_file($stack->data . '/log/booking.log')
    . HomeServe::Test::read_file($stack->data . '/log/ops.log');
unlike($log, qr{\Q${\ $fake->secret_key }\E}, 'the secret key is in no log');
unlike($log, qr{\Q${\ $fake->webhook_secret }\E}, '... nor the webhook secret');

$stack->finish;
$fake->stop;
done_testing();
