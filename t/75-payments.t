# 75-payments.t: payments with the test gateway: the journey from booking to 'paid' with a receipt and the vendor's earning; hostile cards and amounts; refunds, cancellations, manual payments, payouts; gap-free receipts; no card number or CVV kept anywhere.
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
$stack->relax_booking_rules;

# Card numbers and a CVV that must never be kept, in any form.
my %CARD = (ok => '4242 4242 4242 4242', ok_mc => '5555 5555 5555 4444',
    declined => '4000 0000 0000 0002', funds => '4000 0000 0000 9995',
    luhn => '4242 4242 4242 4241', other => '4111 1111 1111 1111');
my $CVV = '918';
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['admin', '/admin/'], ['onboard_mgr', '/ops/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user,
	    $user eq 'admin' ? 'admin123' : 'password123', $home);
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

# POST with the session's CSRF token: from the current page, or the last
# page that had one (a 303 has no page).
my %token;
sub post {
	my ($mech, $path, $fields) = @_;
	my $t = $stack->csrf($mech) // $token{$mech};
	$token{$mech} = $t if defined $t;
	return $stack->post_form($mech, $path, $fields, csrf => $t);
}

sub payment_of {
	my ($booking) = @_;
	return $stack->sql('SELECT * FROM payments WHERE booking_id = ? '
	    . "ORDER BY status IN ('failed', 'cancelled'), id DESC LIMIT 1",
	    $booking)->[0];
}
sub booking_status {
	return $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]);
}

# POST the pay form for payment ID as MECH.
sub pay {
	my ($mech, $id, %f) = @_;
	$mech->get($stack->url("/payments/$id/pay"));
	return post($mech, "/payments/$id/pay", { name => 'Asha Rao',
	    card_number => $CARD{ok}, expiry => $FUTURE, cvv => $CVV, %f });
}

# --- the journey through the pages: book, do the job, pay, sign -------------

$c->get($stack->url('/bookings/new?service_id=1'));
my $res = post($c, '/bookings/new', { service_id => 1,
    address => '12 Janpath, New Delhi', pincode => '110001',
    scheduled_date => local_time(1, '11:00'), notes => '' });
my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
ok($id, 'customer1 books AC Repair');
$v->get($stack->url('/vendor/jobs'));
is(post($v, "/vendor/bookings/$id/accept", {})->code, 303,
    'vendor1 accepts');
my ($code) = $c->get($stack->url("/bookings/$id"))->decoded_content
    =~ m{<p class="otp">(\d{6})</p>};
$v->get($stack->url("/vendor/bookings/$id"));
is(post($v, "/vendor/bookings/$id/start", { otp => $code })->code,
    303, 'vendor1 starts with the code');
$v->get($stack->url("/vendor/bookings/$id"));
my $csrf_v = $stack->csrf($v);
for my $kind (qw(before after)) {
	$res = $v->post($stack->url("/vendor/bookings/$id/photos"),
	    Content_Type => 'form-data', Content => [csrf_token => $csrf_v,
	    image_type => $kind, image => [undef, "$kind.png",
	    'Content-Type' => 'image/png', Content => test_png()]]);
	is($res->code, 303, "vendor1 uploads the $kind photo");
}
ok(!payment_of($id), 'no payment before the job is completed');
$v->get($stack->url("/vendor/bookings/$id"));
is(post($v, "/vendor/bookings/$id/complete", {})->code, 303,
    'vendor1 completes the job');
my $p = payment_of($id);
ok($p, 'completing opens the payment');
is($p->{status}, 'requires_authorization', '... waiting for the customer');
is($p->{amount_paise}, 50000, '... for the booking\'s price, ₹500');
is($p->{gateway}, 'test', '... through the test gateway');
my $pid = $p->{id};
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'payment.open' "
    . 'AND entity_id = ?', $pid), 1, '... with its audit row');

$res = $c->get($stack->url("/bookings/$id"));
like($res->decoded_content, qr{<h2 id="payment-heading">Payment</h2>},
    'the booking page has a payment panel');
ok($c->find_link(url => "/payments/$pid/pay", text => 'Pay now'),
    '... with a "Pay now" link');

# The pay page.
$res = $c->get($stack->url("/payments/$pid/pay"));
is($res->code, 200, 'the pay page');
my $html = $res->decoded_content;
like($html, qr{<span class="price">₹500</span>}, '... shows the amount');
for my $f (['card_number', 'cc-number'], ['expiry', 'cc-exp'],
    ['cvv', 'cc-csc'], ['name', 'cc-name']) {
	like($html, qr{<label for="$f->[0]">.*?<input id="$f->[0]" name="$f->[0]"[^>]*autocomplete="$f->[1]"}s,
	    "... a labelled $f->[0] input with autocomplete=$f->[1]");
}
like($html, qr{4242 4242 4242 4242.*Visa: always succeeds}s, '... lists the test cards');
unlike($html, qr{<script}i, '... no script');
unlike($html, qr{name="amount"}, '... no amount field');

# Nobody else pays it.
is($m{customer2}->get($stack->url("/payments/$pid/pay"))->code, 404,
    'customer2 GET another customer\'s pay page: 404');
is(pay($m{customer2}, $pid)->code, 404,
    'customer2 POST paying another customer\'s booking: 404');
is($m{vendor1}->get($stack->url("/payments/$pid/pay"))->code, 403,
    'the vendor cannot use the pay page: 403');
is($m{customer2}->get($stack->url("/payments/$pid/receipt"))->code, 404,
    'customer2 cannot see the receipt: 404');
is($c->get($stack->url("/payments/$pid/receipt"))->code, 404,
    'no receipt before the payment is taken: 404');
is(payment_of($id)->{status}, 'requires_authorization', 'the payment is untouched');

# Bad cards: 422 with a clear message, nothing authorised or kept.
my @bad = (
	[{ card_number => $CARD{luhn} }, qr/This card number is not valid: check the digits\./, 'a card failing the Luhn check', 'requires_authorization'],
	[{ card_number => '4242' }, qr/12 to 19 digits/, 'a short card number', 'requires_authorization'],
	[{ expiry => '01/20' }, qr/This card has expired/, 'an expired card', 'requires_authorization'],
	[{ expiry => '13/40' }, qr/Enter the expiry date as MM\/YY/, 'month 13', 'requires_authorization'],
	[{ expiry => 'soon' }, qr/Enter the expiry date as MM\/YY/, 'words for an expiry', 'requires_authorization'],
	[{ cvv => '12' }, qr/3-digit security code/, 'a 2-digit CVV', 'requires_authorization'],
	[{ card_number => $CARD{declined} }, qr/Your card was declined\./, 'the declined test card', 'failed'],
	[{ card_number => $CARD{funds} }, qr/Your card has insufficient funds\./, 'the insufficient funds card', 'failed'],
	[{ card_number => $CARD{other} }, qr/Use one of the test cards listed on this page\./, 'a real-looking card', 'failed'],
);
for my $case (@bad) {
	my ($fields, $message, $what, $status) = @$case;
	$res = pay($c, $pid, %$fields);
	is($res->code, 422, "$what: 422");
	$html = $res->decoded_content;
	like($html, $message, "$what: says why");
	like($html, qr{name="name" value="Asha Rao"}, "$what: the name is kept");
	my $number = $fields->{card_number} // $CARD{ok};
	my $digits = $number =~ s/ //gr;
	if ($status eq 'failed') {
		like($html, qr{<input id="card_number" name="card_number" value="" inputmode="numeric" autocomplete="cc-number" maxlength="23" required[ >]},
		    "$what: a declined card number comes back empty");
		unlike($html, qr{\Q$digits\E|\Q$number\E}, "$what: the card number is nowhere on the page")
		    if $html !~ m{<code>\Q$number\E</code>};
	} else {
		like($html, qr{<input id="card_number" name="card_number" value="\Q$number\E" inputmode="numeric"},
		    "$what: the card number is kept to correct");
	}
	like($html, qr{<input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required[ >]},
	    "$what: the CVV input comes back empty");
	unlike($html, qr{\b$CVV\b}, "$what: nor the CVV");
	is(payment_of($id)->{status}, $status, "$what: the payment is $status");
	is($stack->sql_value('SELECT count(*) FROM receipts'), 0, "$what: nothing captured");
}
like(pay($c, $pid, expiry => '01/20')->decoded_content,
    qr{name="expiry" value="01/20"}, 'the expiry is kept to correct');
is($stack->sql_value("SELECT last_error FROM payments WHERE id = ?", $pid),
    'Use one of the test cards listed on this page.',
    'a declined payment keeps the gateway\'s reason for ops');

# The right card; an amount in the form is ignored.
$res = pay($c, $pid, amount => '1', amount_paise => '100');
is($res->code, 303, 'paying with 4242 4242 4242 4242: 303');
is($res->header('Location'), "/bookings/$id?notice=payment-authorized",
    '... back to the booking, authorised');
$p = payment_of($id);
is($p->{status}, 'authorized', 'the payment is authorised');
is($p->{amount_paise}, 50000, '... still for ₹500: the form\'s amount is ignored');
is($p->{card_brand}, 'Visa', '... a Visa');
is($p->{card_last4}, '4242', '... ending 4242');
ok(!defined $p->{last_error}, '... no error left');
is(booking_status($id), 'completed', 'the booking is not paid before signing');
like($c->get($stack->url("/bookings/$id?notice=payment-authorized"))->decoded_content,
    qr{held on your Visa ending 4242}, 'the booking page says the amount is held');
is(pay($c, $pid)->code, 409, 'paying twice: 409');
is($c->get($stack->url("/payments/$pid/pay"))->code, 409, '... even to look at the form');

# The vendor asks for the signature; signing captures.
$v->get($stack->url("/vendor/bookings/$id"));
is(post($v, "/vendor/bookings/$id/request-signature", {})->code,
    303, 'vendor1 asks for the signature');
my $sid = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $id);
$c->get($stack->url("/signatures/$sid/sign"));
$res = post($c, "/signatures/$sid/sign",
    { satisfaction_rating => 5, comments => 'Cool again.' });
is($res->code, 303, 'customer1 signs');
$p = payment_of($id);
is($p->{status}, 'captured', 'the signature captured the payment automatically');
is(booking_status($id), 'paid', 'the booking is paid');
my $receipt = $stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?', $pid);
is($receipt, 1, 'receipt #1');
my $earning = $stack->sql('SELECT * FROM earnings WHERE payment_id = ?', $pid)->[0];
is($earning->{gross_paise}, 50000, 'the earning: gross ₹500');
is($earning->{commission_paise}, 7500, '... 15% commission, ₹75');
is($earning->{net_paise}, 42500, '... ₹425 for the vendor');
is($earning->{vendor_id}, $uid{vendor1}, '... vendor1\'s');
is($stack->sql_value("SELECT amount_paise FROM payouts WHERE vendor_id = ? AND status = 'pending'",
    $uid{vendor1}), 42500, '... in vendor1\'s pending payout');
like($m{vendor1}->get($stack->url('/notifications'))->decoded_content,
    qr{Booking #$id \(AC Repair\) is paid: ₹425 is added to your payout},
    'vendor1 is told what they earned');

# The receipt.
$res = $c->get($stack->url("/bookings/$id"));
ok($c->find_link(url => "/payments/$pid/receipt", text => 'Receipt #1'),
    'the booking page links the receipt');
$res = $c->get($stack->url("/payments/$pid/receipt"));
is($res->code, 200, 'the receipt');
$html = $res->decoded_content;
like($html, qr{<h1 id="receipt-heading">Receipt #1</h1>}, '... its number');
like($html, qr{AC Repair}, '... the service');
like($html, qr{<dt>Vendor</dt><dd>vendor1</dd>}, '... the vendor');
like($html, qr{<dd class="price">₹500</dd>}, '... the amount');
like($html, qr{GST at 18% included: ₹76\.27}, '... GST at 18% included (500 × 18/118)');
like($html, qr{Visa ending 4242}, '... the brand and last 4 digits');
like($html, qr{<time datetime="\d{4}-\d\d-\d\dT}, '... the date');
is($ops->get($stack->url("/payments/$pid/receipt"))->code, 200, 'ops read the receipt');
is($m{admin}->get($stack->url("/payments/$pid/receipt"))->code, 200, 'so does the super admin');
is($v->get($stack->url("/payments/$pid/receipt"))->code, 403, 'the vendor cannot: 403');
is($m{customer2}->get($stack->url("/payments/$pid/receipt"))->code, 404, 'nor another customer: 404');

# The vendor's earnings.
$res = $v->get($stack->url('/vendor/earnings'));
is($res->code, 200, '/vendor/earnings');
$html = $res->decoded_content;
like($html, qr{<td class="num"[^>]*>1</td>\s*<td class="num"[^>]*>₹500</td>\s*<td class="num"[^>]*>₹75</td>\s*<td class="num"[^>]*>₹425</td>\s*<td class="num"[^>]*>₹0</td>\s*<td class="num"[^>]*>₹425</td>},
    '... the month: gross, commission, net, nothing paid out, ₹425 pending');
ok($v->find_link(url => '/vendor/earnings', text => 'Earnings'), '... in the vendor\'s navigation');
is($c->get($stack->url('/vendor/earnings'))->code, 403, 'a customer cannot see it');

# --- the ops pages ---------------------------------------------------------

$res = $ops->get($stack->url('/ops/payments'));
is($res->code, 200, '/ops/payments');
like($res->decoded_content, qr{href="/ops/bookings/$id#payment-heading"}, '... lists the payment');
like($ops->get($stack->url('/ops/payments?status=captured'))->decoded_content,
    qr{/ops/bookings/$id#}, '... filters by status');
unlike($ops->get($stack->url('/ops/payments?status=refunded'))->decoded_content,
    qr{/ops/bookings/$id#}, '... and leaves the others out');
my $today = strftime('%Y-%m-%d', gmtime(time + 19800));
like($ops->get($stack->url("/ops/payments?from=$today&to=$today"))->decoded_content,
    qr{/ops/bookings/$id#}, '... filters by date');
unlike($ops->get($stack->url('/ops/payments?from=2020-01-01&to=2020-01-31'))->decoded_content,
    qr{/ops/bookings/$id#}, '... outside the dates, not listed');
is($ops->get($stack->url('/ops/payments?status=bogus'))->code, 400, 'an unknown status: 400');
is($ops->get($stack->url('/ops/payments?from=31-12-2026'))->code, 400, 'a malformed date: 400');
is($m{admin}->get($stack->url('/ops/payments'))->code, 200, 'the super admin reads the list');
is($v->get($stack->url('/ops/payments'))->code, 403, 'a vendor cannot see /ops/payments: 403');
is($c->get($stack->url('/ops/payments'))->code, 403, 'nor a customer');
is($m{onboard_mgr}->get($stack->url('/ops/payments'))->code, 403, 'nor the onboarding manager');
ok($ops->find_link(url => '/ops/payments', text => 'Payments'), 'ops have Payments in the navigation');

# --- more bookings, set up directly and completed through the vendor's form ---

# A started job of customer1's (or CUSTOMER's) with photo rows, completed by
# vendor1: returns (booking id, payment id).
my $photo_n = 0;
sub completed_booking {
	my (%o) = @_;
	my $b = $stack->sql_value('INSERT INTO bookings (customer_id, vendor_id, '
	    . 'service_id, category, address, pincode, scheduled_at, '
	    . 'duration_minutes, price_paise, notes, status, created_at, '
	    . "updated_at) VALUES (?, ?, 1, 'ac', '12 Janpath, New Delhi', "
	    . "'110001', unixepoch() - 7200, 90, ?, '', 'in_progress', "
	    . 'unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id',
	    $uid{ $o{customer} // 'customer1' }, $uid{vendor1}, $o{price} // 50000);
	for my $kind (qw(before after)) {
		$stack->sql('INSERT INTO photos (booking_id, kind, file, content_type, '
		    . "size, uploaded_by, created_at) VALUES (?, ?, ?, 'image/png', 10, ?, "
		    . 'unixepoch())', $b, $kind, sprintf('%032x.png', ++$photo_n + 1000),
		    $uid{vendor1});
	}
	$v->get($stack->url("/vendor/bookings/$b"));
	my $r = post($v, "/vendor/bookings/$b/complete", {});
	is($r->code, 303, "booking $b is completed by vendor1");
	return ($b, payment_of($b)->{id});
}

sub request_and_sign {
	my ($b, $mech) = @_;
	$v->get($stack->url("/vendor/bookings/$b"));
	post($v, "/vendor/bookings/$b/request-signature", {});
	my $s = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $b);
	$c->get($stack->url("/signatures/$s/sign"));
	return post($c, "/signatures/$s/sign", { satisfaction_rating => 4 });
}

# Signing without paying is refused: the signature takes the payment
# (t/115 has the rest of "Check the work and pay").
my ($b2, $p2) = completed_booking(price => 123456);
is(request_and_sign($b2)->code, 402, 'customer1 cannot sign before paying: 402');
is(booking_status($b2), 'signature_requested', '... nothing is signed');
is(payment_of($b2)->{status}, 'requires_authorization', '... the payment still waits');
my $s2 = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $b2);
$c->get($stack->url("/signatures/$s2/sign"));
$res = post($c, "/signatures/$s2/sign", { satisfaction_rating => 4, method => 'card',
    name => 'Asha Rao', card_number => $CARD{ok_mc}, expiry => $FUTURE, cvv => $CVV });
is($res->header('Location'), "/bookings/$b2?notice=signed-paid", 'signing with the card: paid in the same step');
is(payment_of($b2)->{status}, 'captured', '... captured');
is(booking_status($b2), 'paid', '... the booking is paid');
is($stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?', $p2), 2, '... receipt #2');
is(payment_of($b2)->{card_brand}, 'Mastercard', '... a Mastercard');
like($c->get($stack->url("/payments/$p2/receipt"))->decoded_content,
    qr{GST at 18% included: ₹188\.32}, 'GST inside ₹1,234.56 is ₹188.32');

# Refunds.
$ops->get($stack->url("/ops/bookings/$b2"));
like($ops->content, qr{action="/ops/payments/$p2/refund"}, 'the ops booking page has the refund form');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '1234.57', reason => 'Too much' });
is($res->code, 422, 'a refund above the captured amount: 422');
like($res->decoded_content, qr{at most ₹1,234\.56}, '... saying the most');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '100', reason => '' });
is($res->code, 422, 'a refund without a reason: 422');
$res = post($ops, "/ops/payments/$p2/refund", { amount => 'lots', reason => 'x y z' });
is($res->code, 422, 'a refund of words: 422');
is(payment_of($b2)->{refunded_paise}, 0, '... nothing refunded');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '234.56', reason => 'Arrived late' });
is($res->code, 303, 'a partial refund: 303');
is($res->header('Location'), "/ops/bookings/$b2?notice=refunded#payment-heading", '... back to the booking');
$p = payment_of($b2);
is($p->{status}, 'partially_refunded', '... partly refunded');
is($p->{refunded_paise}, 23456, '... ₹234.56');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '1000.01', reason => 'Rest' });
is($res->code, 422, 'refunding more than what is left: 422');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '1000', reason => 'Rest of it' });
is($res->code, 303, 'refunding the rest: 303');
$p = payment_of($b2);
is($p->{status}, 'refunded', '... refunded');
is($p->{refunded_paise}, 123456, '... all of it');
is_deeply([map { "$_->{seq}:$_->{amount_paise}" } @{ $stack->sql(
    'SELECT seq, amount_paise FROM payment_refunds WHERE payment_id = ? ORDER BY seq', $p2) }],
    ['1:23456', '2:100000'], 'two refund rows, numbered for their idempotency keys');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE entity = 'payment' AND entity_id = ? "
    . "AND action IN ('payment.partially_refunded', 'payment.refunded')", $p2), 2,
    'each refund has its audit row');
like($c->get($stack->url('/notifications'))->decoded_content,
    qr{₹234\.56 of your payment is refunded\. Arrived late}, 'the customer is told');
$res = post($ops, "/ops/payments/$p2/refund", { amount => '1', reason => 'More' });
is($res->code, 409, 'refunding a refunded payment: 409');
$m{admin}->get($stack->url("/ops/bookings/$b2"));
is(post($m{admin}, "/ops/payments/$p2/refund", { amount => '1', reason => 'x y z' })->code,
    403, 'the super admin cannot refund: 403');

# Manual payments.
my ($b3, $p3) = completed_booking(price => 40000);
$res = $ops->get($stack->url("/ops/bookings/$b3"));
like($res->decoded_content, qr{action="/ops/bookings/$b3/manual-payment"}, 'the ops booking page has the manual payment form');
$res = post($ops, "/ops/bookings/$b3/manual-payment", { method => 'cash', amount => '399', reference => '' });
is($res->code, 422, 'a manual payment of the wrong amount: 422');
like($res->decoded_content, qr{The amount must be the booking&#39;s price, ₹400}, '... saying the price');
$res = post($ops, "/ops/bookings/$b3/manual-payment", { method => 'cheque', amount => '400' });
is($res->code, 422, 'an unknown method: 422');
$res = post($ops, "/ops/bookings/$b3/manual-payment", { method => 'upi', amount => '400', reference => '' });
is($res->code, 422, 'UPI without a reference: 422');
is(payment_of($b3)->{status}, 'requires_authorization', '... nothing recorded');
$res = post($ops, "/ops/bookings/$b3/manual-payment", { method => 'upi', amount => '400', reference => 'UPI-998877' });
is($res->code, 303, 'the right amount: 303');
$p = payment_of($b3);
is($p->{status}, 'captured', '... captured at once');
is($p->{gateway}, 'manual', '... gateway manual');
is($p->{method}, 'upi', '... by UPI');
is($stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?', $p->{id}), 3, '... receipt #3');
is($stack->sql_value('SELECT status FROM payments WHERE id = ?', $p3), 'cancelled', 'the unpaid card payment is cancelled');
is($c->get($stack->url("/payments/$p3/pay"))->code, 409, 'so the customer cannot pay it any more: 409');
like($c->get($stack->url("/payments/$p->{id}/receipt"))->decoded_content, qr{UPI, reference UPI-998877},
    'the receipt names the method and reference');
is(post($ops, "/ops/bookings/$b3/manual-payment", { method => 'cash', amount => '400' })->code,
    409, 'recording it twice: 409');
is(request_and_sign($b3)->code, 303, 'customer1 signs the manually paid booking');
is(booking_status($b3), 'paid', '... and it becomes paid');

# A dispute: the payment stays authorised until operations decide.
my ($b4, $p4) = completed_booking();
is(pay($c, $p4)->code, 303, 'customer1 pays the fourth booking');
$v->get($stack->url("/vendor/bookings/$b4"));
post($v, "/vendor/bookings/$b4/request-signature", {});
my $s4 = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $b4);
$c->get($stack->url("/signatures/$s4/sign"));
is(post($c, "/signatures/$s4/reject", { reason => 'Still warm air' })->code, 303,
    'customer1 rejects: disputed');
is(payment_of($b4)->{status}, 'authorized', 'the payment stays authorised');
$ops->get($stack->url("/ops/bookings/$b4"));
unlike($ops->content, qr{action="/ops/payments/$p4/capture"}, 'ops are offered no capture of a disputed payment');
like($ops->content, qr{<a href="/ops/disputes/$b4">the decision on the dispute</a>}, '... but the way to the decision');
$res = post($ops, "/ops/payments/$p4/capture", {});
is($res->code, 409, 'ops cannot simply capture a disputed payment: 409');
like($res->decoded_content, qr{when operations settle its dispute}, '... they settle the dispute');
$ops->get($stack->url("/ops/disputes/$b4"));
$res = post($ops, "/ops/disputes/$b4/resolve", { outcome => 'release', note => 'The unit was serviced; the room was hot.' });
is($res->code, 303, 'ops release the payment');
is(payment_of($b4)->{status}, 'captured', '... captured');
is(booking_status($b4), 'resolved', '... the booking is resolved');
$ops->get($stack->url("/ops/bookings/$b4"));
is(post($ops, "/ops/payments/$p4/capture", {})->code, 409, 'capturing twice: 409');

# Cancelling an authorised payment; ops capture before signing is refused.
my ($b5, $p5) = completed_booking();
is(pay($c, $p5)->code, 303, 'customer1 pays the fifth booking');
$ops->get($stack->url("/ops/bookings/$b5"));
is(post($ops, "/ops/payments/$p5/capture", {})->code, 409,
    'ops cannot capture before the customer signs: 409');
is(post($ops, "/ops/payments/$p5/cancel", { reason => '' })->code, 422,
    'cancelling without a reason: 422');
is(post($ops, "/ops/payments/$p5/cancel", { reason => 'Customer paid in cash' })->code, 303,
    'ops cancel the authorised payment');
is(payment_of($b5)->{status}, 'cancelled', '... cancelled');
is(post($ops, "/ops/payments/999999/cancel", { reason => 'nothing here' })->code, 404,
    'an unknown payment: 404');
$v->get($stack->url('/vendor/'));
is(post($v, "/ops/payments/$p5/capture", {})->code, 403, 'a vendor cannot capture: 403');

# Receipt numbers are gap-free across all the captures.
my @numbers = map { $_->{number} } @{ $stack->sql('SELECT number FROM receipts ORDER BY number') };
is_deeply(\@numbers, [1 .. scalar @numbers], 'receipt numbers run 1..' . scalar(@numbers) . ' with no gaps');
is($stack->sql_value("SELECT count(*) FROM payments WHERE status IN ('captured', 'refunded', 'partially_refunded')"),
    scalar @numbers, 'one receipt per captured payment');
is($stack->sql_value('SELECT sum(amount_paise - refunded_paise) FROM payments WHERE captured_at IS NOT NULL'),
    $stack->sql_value('SELECT sum(net_paise) + sum(commission_paise) FROM earnings'),
    'captured less refunded = earnings less clawbacks, with the commission');

# Payouts.
$res = $ops->get($stack->url('/ops/payouts'));
is($res->code, 200, '/ops/payouts');
my $payout = $stack->sql("SELECT * FROM payouts WHERE vendor_id = ? AND status = 'pending'", $uid{vendor1})->[0];
like($res->decoded_content, qr{vendor1</a></td>\s*<td[^>]*>\d{4}-\d\d</td>\s*<td class="num"[^>]*>\d+</td>\s*<td class="num"[^>]*>₹[\d,.]+</td>},
    '... lists vendor1\'s pending payout for the month');
is(post($ops, "/ops/payouts/$payout->{id}/paid", { reference => '' })->code, 422,
    'marking paid without a reference: 422');
$res = post($ops, "/ops/payouts/$payout->{id}/paid", { reference => 'NEFT-42' });
is($res->code, 303, 'ops mark the payout paid');
is($stack->sql_value('SELECT status FROM payouts WHERE id = ?', $payout->{id}), 'paid', '... paid');
is(post($ops, "/ops/payouts/$payout->{id}/paid", { reference => 'again' })->code, 409,
    '... twice: 409');
like($v->get($stack->url('/vendor/earnings'))->decoded_content, qr{reference NEFT-42},
    'the vendor sees the payout with its reference');
is($m{admin}->get($stack->url('/ops/payouts'))->code, 200, 'the super admin reads the payouts');
is($v->get($stack->url('/ops/payouts'))->code, 403, 'a vendor cannot: 403');

# Nothing ever kept the card number or the CVV.
my ($rc, $dump) = run_command(['sqlite3', $stack->db, '.dump']);
is($rc, 0, 'the database dumps');
my $logs = '';
for my $f (glob($stack->data . '/log/*')) {
	open(my $fh, '<:raw', $f) or next;
	local $/;
	$logs .= <$fh> // '';
}
for my $name (sort keys %CARD) {
	my $digits = $CARD{$name} =~ s/ //gr;
	unlike($dump, qr{\Q$digits\E|\Q$CARD{$name}\E}, "the database never holds the $name card number");
	unlike($logs, qr{\Q$digits\E|\Q$CARD{$name}\E}, "nor the logs");
}
unlike($dump, qr{\b$CVV\b}, 'the database never holds the CVV');
unlike($logs, qr{cvv=|card_number=}, 'the logs never hold the card form');

$stack->finish;
done_testing;
