# 112-upi.t: UPI in the test gateway (success@upi authorised then captured like a good card, failure@upi declined, malformed IDs refused beside the field, only the masked ID kept) and the card form reporting every problem at once with the card number, expiry and name kept and never the CVV.
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

my $CARD = '4242 4242 4242 4242';
my $CVV = '918';
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));
my $MASKED = "su\x{2022}\x{2022}\x{2022}\@upi";

my %m;
@m{qw(customer1 vendor1)} = $stack->signed_in(qw(customer1 vendor1));
my ($c, $v) = @m{qw(customer1 vendor1)};

# POST with the CSRF token of the current page, or of the last that had one.
my %token;
sub post {
	my ($mech, $path, $fields) = @_;
	my $t = $stack->csrf($mech) // $token{$mech};
	$token{$mech} = $t if defined $t;
	return $stack->post_form($mech, $path, $fields, csrf => $t);
}

sub booking_status {
	return $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]);
}
sub payment { $stack->sql('SELECT * FROM payments WHERE id = ?', $_[0])->[0] }

# customer1 books AC Repair (₹500); vendor1 accepts: the booking's id.
sub book_accepted {
	my ($days, $hhmm) = @_;
	$c->get($stack->url('/bookings/new?service_id=1'));
	my $res = post($c, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => local_time($days, $hhmm), notes => '' });
	my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
	$v->get($stack->url('/vendor/jobs'));
	post($v, "/vendor/bookings/$id/accept", {});
	return $id;
}

# A booking done by vendor1 and completed, its payment waiting: the ids.
sub job_done {
	my ($hhmm) = @_;
	my $id = book_accepted(1, $hhmm);
	$stack->work_done($c, $v, $id);
	my $pid = $stack->sql_value('SELECT id FROM payments WHERE booking_id = ?', $id);
	return ($id, $pid);
}

# POST the pay page's UPI or card form.
sub pay_upi {
	my ($id, $upi, %f) = @_;
	$c->get($stack->url("/payments/$id/pay"));
	return post($c, "/payments/$id/pay", { method => 'upi', upi_id => $upi, %f });
}
sub pay_card {
	my ($id, %f) = @_;
	$c->get($stack->url("/payments/$id/pay"));
	return post($c, "/payments/$id/pay", { method => 'card', name => 'Asha Rao',
	    card_number => $CARD, expiry => $FUTURE, cvv => $CVV, %f });
}

# --- the pay page offers card and UPI ------------------------------------

my ($b1, $p1) = job_done('10:00');
ok($p1, 'a completed job has a payment waiting');
my $res = $c->get($stack->url("/payments/$p1/pay"));
is($res->code, 200, 'the pay page');
my $html = $res->decoded_content;
like($html, qr{<h2 id="card-heading">Pay by card</h2>.*<input type="hidden" name="method" value="card">}s,
    '... a card form, method=card');
like($html, qr{<h2 id="upi-heading">Pay by UPI</h2>.*<input type="hidden" name="method" value="upi">}s,
    '... a UPI form, method=upi');
like($html, qr{<label for="upi_id">UPI ID</label>\s*<input id="upi_id" name="upi_id" value=""}, '... a labelled UPI ID input');
like($html, qr{<code>success\@upi</code></td><td>Always succeeds}, '... lists success@upi');
like($html, qr{<code>failure\@upi</code></td><td>Always declined}, '... and failure@upi');
unlike($html, qr{<script}i, '... no script');

# --- malformed UPI IDs: 422 beside the field, nothing moves ----------------

for my $case (['rahul', qr/Enter your UPI ID as name\@bank/, 'no @'],
    ['two@at@upi', qr/Enter your UPI ID as name\@bank/, 'two @'],
    ['ra hul@upi', qr/before the @ has only letters/, 'a space in the handle'],
    ['rahul@b', qr/after the @ is 2 to 64 letters/, 'a 1-letter bank'],
    ['rahul@ok4xis', qr/after the @ has only letters/, 'a digit in the bank'],
    ['', qr/UPI ID is required/, 'nothing']) {
	my ($upi, $why, $what) = @$case;
	$res = pay_upi($p1, $upi);
	is($res->code, 422, "$what: 422");
	$html = $res->decoded_content;
	like($html, qr{<p class="error" id="upi_id-error">[^<]*$why}, "$what: says why beside the field");
	like($html, qr{<a href="#upi_id">[^<]*$why}, "$what: the summary links to the field");
	like($html, qr{name="upi_id" value="\Q$upi\E"}, "$what: the input is kept to correct");
	is(payment($p1)->{status}, 'requires_authorization', "$what: the payment is untouched");
}
$res = post($c, "/payments/$p1/pay", { method => 'cheque' });
is($res->code, 422, 'an unknown method: 422');
like($res->decoded_content, qr{Choose how to pay: by card or by UPI}, '... saying so');

# --- failure@upi: declined, the booking unchanged, a card then works -------

$res = pay_upi($p1, 'failure@upi');
is($res->code, 422, 'failure@upi: 422');
like($res->decoded_content, qr{<p class="error" id="upi_id-error">Your UPI payment was declined by your bank\.</p>},
    '... declined, beside the field');
is(payment($p1)->{status}, 'failed', '... the payment attempt failed');
is(payment($p1)->{last_error}, 'Your UPI payment was declined by your bank.', '... the reason kept for ops');
is(booking_status($b1), 'completed', '... the booking is unchanged');
$res = pay_upi($p1, 'rahul@okaxis');
is($res->code, 422, 'an ID that is not a test ID: 422');
like($res->decoded_content, qr{unknown to the test gateway}, '... declined as unknown');
$res = pay_card($p1);
is($res->code, 303, 'then a card works: 303');
my $p = payment($p1);
is($p->{status}, 'authorized', '... authorised');
is($p->{method}, 'card', '... by card');
ok(!defined $p->{upi_masked}, '... no UPI ID');

# --- success@upi: authorised, then captured when signed --------------------

my ($b2, $p2) = job_done('12:00');
$res = pay_upi($p2, 'success@upi');
is($res->code, 303, 'success@upi: 303');
is($res->header('Location'), "/bookings/$b2?notice=payment-authorized", '... back to the booking, authorised');
$p = payment($p2);
is($p->{status}, 'authorized', '... authorised like a good card');
is($p->{method}, 'upi', '... method upi');
is($p->{gateway}, 'test', '... through the test gateway');
is($p->{upi_masked}, $MASKED, '... the ID kept masked');
ok(!defined $p->{card_brand} && !defined $p->{card_last4}, '... no card details');
like($c->get($stack->url("/bookings/$b2"))->decoded_content, qr{· UPI \Q$MASKED\E},
    'the booking\'s payment panel says UPI and the masked ID');
is(pay_upi($p2, 'success@upi')->code, 409, 'paying twice: 409');

$v->get($stack->url("/vendor/bookings/$b2"));
is(post($v, "/vendor/bookings/$b2/request-signature", {})->code, 303, 'vendor1 asks for the signature');
my $sid = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $b2);
$c->get($stack->url("/signatures/$sid/sign"));
is(post($c, "/signatures/$sid/sign", { satisfaction_rating => 5, comments => 'Cool.' })->code,
    303, 'customer1 signs');
is(payment($p2)->{status}, 'captured', 'the signature captured the UPI payment');
is(booking_status($b2), 'paid', 'the booking is paid');
$res = $c->get($stack->url("/payments/$p2/receipt"));
is($res->code, 200, 'the receipt');
like($res->decoded_content, qr{<dt>Paid with</dt><dd>UPI \Q$MASKED\E</dd>}, '... says UPI and the masked ID');

# --- the card form: every problem at once, the input kept, never the CVV ---

my ($b3, $p3) = job_done('14:00');
$res = pay_card($p3, name => '', expiry => '13/40');
is($res->code, 422, 'a missing name and a wrong expiry: 422');
$html = $res->decoded_content;
like($html, qr{<p class="error" id="name-error">Name on card is required\.</p>}, '... the name\'s error beside it');
like($html, qr{<p class="error" id="expiry-error">Enter the expiry date as MM/YY}, '... and the expiry\'s, at once');
like($html, qr{Please correct the 2 field\(s\) marked below}, '... a summary counting both');
like($html, qr{<a href="#name">Name on card is required\.</a>.*<a href="#expiry">Enter the expiry date}s,
    '... linking to each field');
like($html, qr{name="card_number" value="\Q$CARD\E"}, '... the card number kept');
like($html, qr{name="expiry" value="13/40"}, '... the expiry kept');
like($html, qr{<input id="cvv" name="cvv" inputmode="numeric"[^>]*required[ >]}, '... the CVV input empty');
unlike($html, qr{\b$CVV\b}, '... the CVV nowhere on the page');
$res = pay_card($p3, name => 'Asha Rao', expiry => '01/20', cvv => '12',
    card_number => '4242 4242 4242 4241');
is($res->code, 422, 'a bad number, an expired card and a short CVV: 422');
$html = $res->decoded_content;
like($html, qr{id="card_number-error">This card number is not valid}, '... the number\'s error');
like($html, qr{id="expiry-error">This card has expired}, '... the expiry\'s');
like($html, qr{id="cvv-error">Enter the 3-digit security code}, '... the CVV\'s');
like($html, qr{Please correct the 3 field\(s\)}, '... all three at once');
like($html, qr{name="name" value="Asha Rao"}, '... the name kept');
is(payment($p3)->{status}, 'requires_authorization', 'nothing was tried at the gateway');

# --- a late-cancellation fee paid by UPI ------------------------------------

my $late = book_accepted(1, '16:00');
$stack->sql('UPDATE bookings SET scheduled_at = ? WHERE id = ?', time + 3600, $late);
$c->get($stack->url("/bookings/$late/cancel"));
is(post($c, "/bookings/$late/cancel", { reason => 'Stuck at work', fee_paise => 10000 })->code,
    303, 'a late cancel with its fee: 303');
my $fee = $stack->sql(q{SELECT * FROM payments WHERE booking_id = ? AND kind = 'fee'}, $late)->[0];
ok($fee, 'a fee payment is due');
$res = pay_upi($fee->{id}, 'success@upi');
is($res->code, 303, 'paying the fee by UPI: 303');
$fee = payment($fee->{id});
is($fee->{status}, 'captured', 'the fee is taken at once');
is($fee->{method}, 'upi', '... by UPI');
like($c->get($stack->url("/payments/$fee->{id}/receipt"))->decoded_content,
    qr{A late-cancellation fee.*<dt>Paid with</dt><dd>UPI \Q$MASKED\E</dd>}s, 'its receipt says UPI and the masked ID');

# --- the whole UPI ID is never kept -----------------------------------------

# The dump is every column of every table: payments, payment_events,
# audit_log and outbox among them.
my ($rc, $dump) = run_command(['sqlite3', $stack->db, '.dump']);
is($rc, 0, 'the database dumps');
for my $id ('success@upi', 'failure@upi', 'rahul@okaxis') {
	unlike($dump, qr{\Q$id\E}i, "the database never holds $id");
}
my $logs = '';
for my $f (glob($stack->data . '/log/*')) {
	open(my $fh, '<:raw', $f) or next;
	local $/;
	$logs .= <$fh> // '';
}
unlike($logs, qr{success\@upi|failure\@upi|upi_id=}i, 'nor the logs');

$stack->finish;
done_testing;
