# 115-paysign.t: pay and sign as one step: the booking page's one primary action "Check the work and pay", its page (photos, amount, rating, comments, the saved authorisation or the card and UPI form), success by card, by UPI and with a saved authorisation, a declined card or UPI ID leaving nothing signed with the input kept (never the CVV), every error at once, other people kept out, a double submit taking the money once, and the old sign-without-paying POST closed.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;	# starts jobs a day ahead

my $CARD = '4242 4242 4242 4242';
my $DECLINED = '4000 0000 0000 0002';
my $CVV = '918';
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));
my $MASKED = "su\x{2022}\x{2022}\x{2022}\@upi";

my %m;
@m{qw(customer1 vendor1)} = $stack->signed_in(qw(customer1 vendor1));
my ($c, $v) = @m{qw(customer1 vendor1)};
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
is($stack->post_form($m{customer2}, '/register', {
    username => 'customer2', email => 'c2@example.com', phone => '9812345678',
    password => 'Plumb-line-42', password_confirm => 'Plumb-line-42',
    address => '7 Park Street, Delhi', pincode => '110002' })->code, 303, 'customer2 registers');

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
sub signature_status {
	return $stack->sql_value('SELECT status FROM signatures WHERE id = ?', $_[0]);
}
sub payment { $stack->sql('SELECT * FROM payments WHERE id = ?', $_[0])->[0] }
sub receipts {
	return $stack->sql_value('SELECT count(*) FROM receipts WHERE payment_id = ?', $_[0]);
}

# customer1 books AC Repair (₹500); vendor1 accepts, starts with photos
# and completes it: the booking's and its payment's ids.
sub job_done {
	my ($hhmm) = @_;
	$c->get($stack->url('/bookings/new?service_id=1'));
	my $res = post($c, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => local_time(1, $hhmm), notes => '' });
	my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
	$v->get($stack->url('/vendor/jobs'));
	post($v, "/vendor/bookings/$id/accept", {});
	$stack->work_done($c, $v, $id);
	is(booking_status($id), 'completed', "booking $id is completed");
	my $pid = $stack->sql_value('SELECT id FROM payments WHERE booking_id = ?', $id);
	return ($id, $pid);
}

# vendor1 asks for the signature: its id.
sub ask {
	my ($id) = @_;
	$v->get($stack->url("/vendor/bookings/$id"));
	is(post($v, "/vendor/bookings/$id/request-signature", {})->code, 303,
	    "booking $id: vendor1 asks for the signature");
	return $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $id);
}

# POST the "Check the work and pay" form.
sub sign_pay {
	my ($sid, %f) = @_;
	$c->get($stack->url("/signatures/$sid/sign"));
	return post($c, "/signatures/$sid/sign", { %f });
}
sub card { (method => 'card', name => 'Asha Rao', card_number => $CARD,
    expiry => $FUTURE, cvv => $CVV, @_) }

# The primary actions of a page's main part: links styled as buttons,
# and submit buttons that are not secondary, dangerous or plain links.
sub primary_actions {
	my ($html) = @_;
	my ($main) = $html =~ m{<main\b.*?>(.*)</main>}s;
	$main //= '';
	my @links = $main =~ m{<a class="button" href="([^"]*)">([^<]*)</a>}g;
	my @buttons = grep { !/class="(?:secondary|danger|link)"/ }
	    $main =~ m{(<button type="submit"[^>]*>)}g;
	my @all;
	while (my ($href, $text) = splice(@links, 0, 2)) {
		push @all, "$text -> $href";
	}
	return (@all, @buttons);
}

# --- the booking page: one primary action -------------------------------------

my ($b1, $p1) = job_done('09:00');
my $s1 = ask($b1);
my $res = $c->get($stack->url("/bookings/$b1"));
my $html = $res->decoded_content;
is_deeply([primary_actions($html)], ["Check the work and pay -> /signatures/$s1/sign"],
    'the booking page has one primary action: "Check the work and pay"');
ok($html =~ m{>Check the work and pay</a>.*<a href="/signatures/$s1/sign#reject-heading">Not satisfied\? Reject and open a dispute</a>}s,
    '... and, after it, a plain link to reject and open a dispute');
ok(!$c->find_link(url => "/payments/$p1/pay"), '... no second way to pay');
like($html, qr{<strong>₹500</strong> is taken when you check the work and pay, in one step with your signature\.},
    '... the payment panel says when the money is taken');
unlike($html, qr{held on your card}, '... and nothing is said to be held yet');

# --- the page: photos, amount, rating, comments, the card and UPI form --------

$res = $c->get($stack->url("/signatures/$s1/sign"));
is($res->code, 200, 'the "Check the work and pay" page');
$html = $res->decoded_content;
like($html, qr{<h1>Check the work and pay: booking #$b1, AC Repair</h1>}, '... names the booking');
my @photos = $html =~ m{<img src="/photos/(\d+)"}g;
is(scalar @photos, 2, '... shows the before and after photos');
like($html, qr{alt="Before photo}, '... the before one');
like($html, qr{alt="After photo}, '... the after one');
like($html, qr{<dt>Amount</dt><dd class="price">₹500</dd>}, '... the amount');
for my $n (1 .. 5) {
	like($html, qr{<input id="rating-$n" name="satisfaction_rating" type="radio" value="$n" required>\s*<label for="rating-$n">},
	    "... rating $n is a labelled radio button");
}
like($html, qr{<label for="comments">Comments}, '... a comments box');
like($html, qr{<input id="method-card" name="method" type="radio" value="card" checked>}, '... card chosen first');
like($html, qr{<input id="method-upi" name="method" type="radio" value="upi">}, '... or UPI');
for my $f (qw(name card_number expiry cvv upi_id)) {
	like($html, qr{<label for="$f">[^<]+</label>\s*<input id="$f" name="$f"}, "... a labelled $f input");
}
like($html, qr{<button type="submit">Sign and pay ₹500</button>}, '... one button signs and pays');
ok($html =~ m{Sign and pay ₹500</button>.*<h2 id="reject-heading">Not satisfied\? Reject and open a dispute</h2>.*<button type="submit" class="secondary">Reject and open a dispute</button>}s,
    '... rejecting is a secondary action after it');
is_deeply([primary_actions($html)], ['<button type="submit">'], '... and the only primary action');
unlike($html, qr{<script}i, '... no script');

# --- every error at once; nothing signed ---------------------------------------

$res = sign_pay($s1, card(card_number => '4242 4242 4242 4241', expiry => ''), comments => 'Nice & cool');
is($res->code, 422, 'no rating and a bad card: 422');
$html = $res->decoded_content;
like($html, qr{<p class="error" id="satisfaction_rating-error">}, '... the rating\'s message');
like($html, qr{<p class="error" id="card_number-error">This card number is not valid}, '... and the card number\'s, at once');
like($html, qr{<p class="error" id="expiry-error">}, '... and the expiry\'s');
like($html, qr{Please correct the 3 field\(s\) marked below}, '... a summary counting all three');
like($html, qr{<a href="#satisfaction_rating">.*<a href="#card_number">}s, '... linking to each');
like($html, qr{Nice &amp; cool</textarea>}, '... the comments kept, escaped');
unlike($html, qr{\b$CVV\b}, '... the CVV nowhere');
is(signature_status($s1), 'requested', '... nothing signed');
is(payment($p1)->{status}, 'requires_authorization', '... nothing paid');

$res = sign_pay($s1, card(), satisfaction_rating => 9);
is($res->code, 422, 'a rating of 9 with a good card: 422');
is(payment($p1)->{status}, 'requires_authorization', '... the card is not even tried');

# --- a declined card: 402, nothing signed, the input kept but the CVV -----------

$res = sign_pay($s1, card(card_number => $DECLINED), satisfaction_rating => 4, comments => 'Cold now.');
is($res->code, 402, 'a declined card: 402');
$html = $res->decoded_content;
like($html, qr{Your payment was declined, so nothing was signed\. Your card was declined\.}, '... saying so');
like($html, qr{<input id="rating-4" name="satisfaction_rating" type="radio" value="4" required checked>}, '... the rating kept');
like($html, qr{Cold now\.</textarea>}, '... the comments kept');
like($html, qr{name="name" value="Asha Rao"}, '... the name on the card kept');
like($html, qr{name="card_number" value="\Q$DECLINED\E"}, '... the card number kept to check it');
like($html, qr{name="expiry" value="\Q$FUTURE\E"}, '... the expiry kept');
unlike($html, qr{\b$CVV\b}, '... never the CVV');
is(signature_status($s1), 'requested', '... nothing signed');
is(booking_status($b1), 'signature_requested', '... the booking still waits');
is(payment($p1)->{status}, 'failed', '... the attempt is recorded as failed');
is(receipts($p1), 0, '... no receipt');

# --- failure@upi: the same -------------------------------------------------------

$res = sign_pay($s1, method => 'upi', upi_id => 'failure@upi', satisfaction_rating => 5);
is($res->code, 402, 'failure@upi: 402');
$html = $res->decoded_content;
like($html, qr{<p class="error" id="upi_id-error">Your UPI payment was declined by your bank\.</p>}, '... beside the UPI ID');
like($html, qr{name="upi_id" value="failure\@upi"}, '... the UPI ID kept');
like($html, qr{<input id="method-upi" name="method" type="radio" value="upi" checked>}, '... UPI still chosen');
is(signature_status($s1), 'requested', '... nothing signed');
is(booking_status($b1), 'signature_requested', '... the booking still waits');

# --- the old sign POST without any payment --------------------------------------

$res = sign_pay($s1, satisfaction_rating => 5, comments => 'Old form');
is($res->code, 402, 'signing without paying (the old form): 402');
like($res->decoded_content, qr{Signing now pays too: choose card or UPI and enter its details, then sign\.},
    '... saying the payment comes with the signature');
is(signature_status($s1), 'requested', '... nothing signed');
is(booking_status($b1), 'signature_requested', '... no signed unpaid booking');

# --- others are kept out ---------------------------------------------------------

is($m{customer2}->get($stack->url("/signatures/$s1/sign"))->code, 404, 'another customer: 404');
$m{customer2}->get($stack->url('/'));
is(post($m{customer2}, "/signatures/$s1/sign", { card(), satisfaction_rating => 5 })->code, 404,
    '... and 404 to their POST');
is($v->get($stack->url("/signatures/$s1/sign"))->code, 403, 'the vendor: 403');
$v->get($stack->url('/vendor/'));
is(post($v, "/signatures/$s1/sign", { card(), satisfaction_rating => 5 })->code, 403,
    '... and the vendor cannot post it');
is(signature_status($s1), 'requested', '... nothing signed');

# --- success by card; a double submit takes the money once ------------------------

$res = sign_pay($s1, card(), satisfaction_rating => 5, comments => 'Cold air.');
is($res->code, 303, 'a good card: 303');
is($res->header('Location'), "/bookings/$b1?notice=signed-paid", '... to the booking, signed and paid');
is(signature_status($s1), 'signed', '... the signature is recorded');
is($stack->sql_value('SELECT rating FROM signatures WHERE id = ?', $s1), 5, '... rated 5');
is(payment($p1)->{status}, 'captured', '... the payment captured');
is(booking_status($b1), 'paid', '... the booking paid');
is(receipts($p1), 1, '... one receipt');
my $order = join ',', map { $_->{action} } @{ $stack->sql(q{SELECT action FROM audit_log
    WHERE (entity = 'payment' AND entity_id = ?) OR (entity = 'signature' AND entity_id = ?)
    OR (entity = 'booking' AND entity_id = ? AND action IN ('booking.signed', 'booking.paid'))
    ORDER BY id}, $p1, $s1, $b1) };
like($order, qr{payment\.authorized.*signature\.sign.*payment\.captured.*booking\.paid}s,
    "... authorised, signed, captured, in that order ($order)");
$html = $c->get($stack->url("/bookings/$b1?notice=signed-paid"))->decoded_content;
like($html, qr{your signature is recorded and your payment is taken}, '... the booking page says so');
like($html, qr{status-paid">Paid<}, '... Paid');
ok(!grep({ /Check the work and pay|Pay now/ } primary_actions($html)), '... and asks for no payment or signature any more');
$res = post($c, "/signatures/$s1/sign", { card(), satisfaction_rating => 5 });
is($res->code, 409, 'the same form again (a double submit): 409');
is(receipts($p1), 1, '... still one receipt');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE entity = 'payment' AND entity_id = ?
    AND action = 'payment.captured'}, $p1), 1, '... captured once');
is($stack->sql_value('SELECT count(*) FROM earnings WHERE payment_id = ?', $p1), 1,
    '... one earning for the vendor');
like($v->get($stack->url("/vendor/bookings/$b1"))->decoded_content, qr{status-paid">Paid<},
    'the vendor\'s job page shows Paid');

# --- success by UPI; the receipt shows the ID masked -----------------------------

my ($b2, $p2) = job_done('11:00');
my $s2 = ask($b2);
$res = sign_pay($s2, method => 'upi', upi_id => 'success@upi', satisfaction_rating => 4);
is($res->code, 303, 'success@upi: 303');
is(signature_status($s2), 'signed', '... signed');
my $p = payment($p2);
is($p->{status}, 'captured', '... captured');
is($p->{method}, 'upi', '... by UPI');
is($p->{upi_masked}, $MASKED, '... the ID kept masked');
is(booking_status($b2), 'paid', '... the booking paid');
$res = $c->get($stack->url("/payments/$p2/receipt"));
like($res->decoded_content, qr{<dt>Paid with</dt><dd>UPI \Q$MASKED\E</dd>}, 'the receipt says UPI and the masked ID');
unlike($res->decoded_content, qr{success\@upi}, '... never the whole ID');

# --- a saved authorisation: nothing to type but the rating ------------------------

my ($b3, $p3) = job_done('13:00');
$c->get($stack->url("/payments/$p3/pay"));
is(post($c, "/payments/$p3/pay", { method => 'upi', upi_id => 'success@upi' })->code, 303,
    'customer1 pays by UPI before the vendor asks');
$html = $c->get($stack->url("/bookings/$b3"))->decoded_content;
like($html, qr{<strong>₹500 held through UPI \(\Q$MASKED\E\)</strong>\. It is taken only when you sign that you are satisfied\.},
    'the booking page says the money is held through UPI, not on a card');
unlike($html, qr{held on your card}, '... never "on your card"');
my $s3 = ask($b3);
$html = $c->get($stack->url("/signatures/$s3/sign"))->decoded_content;
like($html, qr{<strong>₹500 held through UPI \(\Q$MASKED\E\)</strong>: it is taken when you sign\.},
    'the page shows the saved authorisation');
unlike($html, qr{name="card_number"|name="upi_id"}, '... and asks for no card or UPI ID');
$res = sign_pay($s3);
is($res->code, 422, 'no rating: 422');
like($res->decoded_content, qr{<p class="error" id="satisfaction_rating-error">}, '... saying so');
is(payment($p3)->{status}, 'authorized', '... nothing taken');
$res = sign_pay($s3, satisfaction_rating => 3);
is($res->code, 303, 'with a rating: 303');
is(signature_status($s3), 'signed', '... signed');
is(payment($p3)->{status}, 'captured', '... the held payment captured');
is(booking_status($b3), 'paid', '... the booking paid');
is(receipts($p3), 1, '... one receipt');

# --- a card held, then signing ---------------------------------------------------

my ($b4, $p4) = job_done('15:00');
$c->get($stack->url("/payments/$p4/pay"));
is(post($c, "/payments/$p4/pay", { card() })->code, 303, 'customer1 pays by card before the vendor asks');
my $s4 = ask($b4);
like($c->get($stack->url("/signatures/$s4/sign"))->decoded_content,
    qr{<strong>₹500 held on your Visa ending 4242</strong>: it is taken when you sign\.}, 'the page shows the card held');
is(sign_pay($s4, satisfaction_rating => 5)->code, 303, 'signing takes it: 303');
is(payment($p4)->{status}, 'captured', '... captured');

# --- no booking is ever signed and unpaid ----------------------------------------

is($stack->sql_value(q{SELECT count(*) FROM bookings b JOIN payments p ON p.booking_id = b.id
    WHERE b.status = 'signed' AND p.status <> 'captured'}), 0, 'no booking is signed and unpaid');

$stack->finish;
done_testing();
