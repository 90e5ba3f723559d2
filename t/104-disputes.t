# 104-disputes.t: dispute mediation end to end: the vendor's one answer with a photo, the evidence page, and each outcome (release, full refund, partial refund, a free follow-up visit) with the money checked to the paisa on both sides; every refusal the issue lists.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;
use HomeServe::Images;
use HomeServe::Jobs;

my $stack = start_stack();
my %m;
for my $who (['customer1', 'password123', '/'], ['vendor1', 'password123', '/vendor/'],
    ['ops_mgr', 'password123', '/ops/'], ['onboard_mgr', 'password123', '/ops/'],
    ['admin', 'admin123', '/admin/']) {
	my ($user, $pass, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $pass, $home);
}
my ($c, $v, $ops) = @m{qw(customer1 vendor1 ops_mgr)};
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
my $JPEG = test_jpeg();
jobs_setup($stack, customer => [$c, $uid{customer1}], vendor => [$v, $uid{vendor1}]);

sub dispute_of { $stack->sql('SELECT * FROM disputes WHERE booking_id = ?', $_[0])->[0] }
sub told { $stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ? AND text LIKE ?},
    $uid{$_[0]}, $_[1], $_[2]) }
# Half up, as settlement.c rounds a share.
sub share { my ($part, $net, $whole) = @_; int(($part * $net * 2 + $whole) / (2 * $whole)) }
sub commission { int(($_[0] * 15 * 2 + 100) / 200) }

# A disputed job at PRICE, paid (authorised) unless unpaid => 1: (booking, payment id).
sub disputed_job {
	my ($price, %o) = @_;
	my ($b, $pid) = completed_job($price);
	is(pay($pid)->code, 303, "booking $b: the customer authorises the payment") unless $o{unpaid};
	my $sid = ask_to_sign($b)->{id};
	is(reject($sid, $o{reason} // 'The AC still blows warm air.')->code, 303, "booking $b: the customer disputes it");
	return ($b, $pid);
}
sub resolve {
	my ($b, %f) = @_;
	$ops->get($stack->url("/ops/disputes/$b"));
	return $stack->post_form($ops, "/ops/disputes/$b/resolve", \%f);
}
sub answer {
	my ($b, %f) = @_;
	$v->get($stack->url("/vendor/bookings/$b"));
	my $csrf = $stack->csrf($v);
	my @content = (csrf_token => $csrf, body => $f{body});
	push @content, image => [undef, $f{filename} // 'evidence.jpg', 'Content-Type' => 'image/jpeg',
	    Content => $f{data}] if defined $f{data};
	return $v->post($stack->url("/vendor/bookings/$b/dispute-response"), Content_Type => 'form-data',
	    Content => \@content);
}

# --- the case opens, and the vendor answers once ---------------------------------------------
my ($b1, $p1) = disputed_job(100_000, reason => 'Still <b>warm</b> air & a leak.');
is(status_of($b1), 'disputed', 'the booking is disputed');
ok(dispute_of($b1), 'a dispute is open for it');
is(payment_of($b1)->{status}, 'authorized', 'the payment is held');

my $html = $ops->get($stack->url('/ops/disputes'))->decoded_content;
like($html, qr{<a href="/ops/disputes/$b1">#$b1 AC Repair</a>}, '/ops/disputes lists it');
like($html, qr{Still &lt;b&gt;warm&lt;/b&gt; air &amp; a leak\.}, '... with the reason, escaped');
like($html, qr{<td class="num"[^>]*>₹1,000</td>}, '... and the amount');

my $res = answer($b1, body => '');
is($res->code, 422, 'an empty answer: 422');
like($res->decoded_content, qr{Write your answer}, '... saying what is missing');
$res = answer($b1, body => 'I re-gassed it; see the gauge.', data => 'not a photo at all');
is($res->code, 422, 'a file that is not a photo: 422');
like($res->decoded_content, qr{not a photo}, '... saying so');
like($res->decoded_content, qr{>I re-gassed it; see the gauge\.</textarea>}, '... the draft kept');
ok(!dispute_of($b1)->{responded_at}, '... and nothing stored');
is(answer($b1, body => "I re-gassed it.\nSee the gauge.", data => $JPEG)->code, 303, 'the vendor answers with a photo');
like(dispute_of($b1)->{response}, qr{^I re-gassed it\.\nSee the gauge\.$}, 'the answer is stored');
is($stack->sql_value(q{SELECT count(*) FROM photos WHERE booking_id = ? AND kind = 'dispute'}, $b1), 1,
    'with its photo');
is(answer($b1, body => 'And another thing.')->code, 409, 'answering twice: 409');

# Another vendor's job: 404, and the ordinary photo form takes no evidence.
my $other = $stack->sql_value(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    VALUES ('vendor9', 'v9@example.com', '', '!', 'vendor', unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id});
$stack->sql('UPDATE bookings SET vendor_id = ? WHERE id = ?', $other, $b1);
is(answer($b1, body => 'Not mine.')->code, 404, 'a job that is not the vendor\'s: 404');
$stack->sql('UPDATE bookings SET vendor_id = ? WHERE id = ?', $uid{vendor1}, $b1);

$html = $ops->get($stack->url("/ops/disputes/$b1"))->decoded_content;
like($html, qr{Still &lt;b&gt;warm&lt;/b&gt; air}, 'the evidence page: the customer\'s reason');
like($html, qr{I re-gassed it\.}, '... the vendor\'s answer');
like($html, qr{Evidence from the vendor}, '... the vendor\'s photo');
like($html, qr{Before}, '... the before and after photos');
like($html, qr{Timeline}, '... the timeline');
like($html, qr{Satisfaction signature}, '... the signature record');
like($html, qr{The customer</dt><dd>\d+ bookings, \d+ disputed}, '... the customer\'s history');
like($html, qr{The vendor</dt><dd>\d+ jobs, \d+ disputed}, '... the vendor\'s history');
like($html, qr{action="/ops/disputes/$b1/resolve"}, '... and the decision form');
like($c->get($stack->url("/bookings/$b1"))->decoded_content, qr{I re-gassed it\.},
    'the customer sees the vendor\'s answer on their booking');

# --- who may look and decide ------------------------------------------------------------------
is($c->get($stack->url('/ops/disputes'))->code, 403, 'a customer on /ops/disputes: 403');
is($v->get($stack->url("/ops/disputes/$b1"))->code, 403, 'a vendor on a dispute: 403');
is($m{onboard_mgr}->get($stack->url('/ops/disputes'))->code, 403, 'an onboarding manager: 403');
$m{admin}->get($stack->url("/ops/disputes/$b1"));
is($m{admin}->res->code, 200, 'the super admin may read the evidence');
unlike($m{admin}->content, qr{/resolve"}, '... without the decision form');
is($stack->post_form($m{admin}, "/ops/disputes/$b1/resolve", { outcome => 'release', note => 'x' })->code, 403,
    '... and may not decide: 403');
$m{onboard_mgr}->get($stack->url('/ops/'));
is($stack->post_form($m{onboard_mgr}, "/ops/disputes/$b1/resolve", { outcome => 'release', note => 'x' },
    csrf => $stack->csrf($m{onboard_mgr}))->code, 403, 'an onboarding manager on the money action: 403');
is($stack->post_form($ops, "/ops/disputes/$b1/resolve", { outcome => 'release', note => 'x' }, csrf => 'forged')->code,
    403, 'a forged CSRF token: 403');

# --- release: the payment taken, the vendor paid ---------------------------------------------
$res = resolve($b1, outcome => 'release', note => '');
is($res->code, 422, 'no note: 422');
like($res->decoded_content, qr{Write a note}, '... saying so');
$res = resolve($b1, outcome => 'sideways', note => 'Hm.');
is($res->code, 422, 'an unknown outcome: 422');
my $before = pending_payout();
is(resolve($b1, outcome => 'release', note => 'The gauge photo shows it was re-gassed.')->code, 303, 'ops release');
is(status_of($b1), 'resolved', 'the booking is resolved');
is(payment_of($b1)->{status}, 'captured', 'the payment is captured');
my ($e1) = @{ earnings_of($p1) };
is($e1->{commission_paise}, 15_000, 'commission ₹150.00');
is($e1->{net_paise}, 85_000, 'the vendor earns ₹850.00');
is(pending_payout(), $before + 85_000, 'their pending payout grows by ₹850.00, to the paisa');
is(dispute_of($b1)->{outcome}, 'release', 'the outcome is recorded');
ok(told('customer1', $b1, '%settled the dispute. Payment released to the vendor. Note from HomeServe: The gauge photo%'),
    'the customer is told, with the note');
ok(told('vendor1', $b1, '%settled the dispute.%The gauge photo%'), 'the vendor is told');
ok($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'dispute.resolve' AND entity_id = ?}, $b1),
    'the decision is audited');
$res = resolve($b1, outcome => 'refund_full', note => 'Changed my mind.');
is($res->code, 409, 'resolving twice: 409');
like($res->decoded_content, qr{settled already}, '... saying so');
unlike($ops->get($stack->url('/ops/disputes'))->decoded_content, qr{/ops/disputes/$b1"}, 'it leaves the open list');

# A booking that is not disputed: 409.
my $plain = in_progress(50_000);
is(resolve($plain, outcome => 'release', note => 'Hm.')->code, 409, 'a booking that is not disputed: 409');
is(resolve(999_999, outcome => 'release', note => 'Hm.')->code, 404, 'no such booking: 404');

# --- full refund of a held payment: released, nothing earned ----------------------------------
my ($b2, $p2) = disputed_job(60_000);
$before = pending_payout();
is(resolve($b2, outcome => 'refund_full', note => 'The unit was never serviced.')->code, 303, 'ops refund in full');
is(payment_of($b2)->{status}, 'cancelled', 'the held payment is released, nothing taken');
is(scalar @{ earnings_of($p2) }, 0, 'the vendor earns nothing');
is(pending_payout(), $before, 'the payout is unchanged');
is(status_of($b2), 'resolved', 'the booking is resolved');

# --- partial refund: captured, then part given back, the vendor's share in proportion ---------
my ($b3, $p3) = disputed_job(123_457);
for my $bad (['0', 'zero'], ['-5', 'negative'], ['1234.57', 'the whole price'], ['2000', 'more than was paid'],
    ['', 'missing'], ['12.345', 'three decimals']) {
	$res = resolve($b3, outcome => 'refund_partial', amount => $bad->[0], note => 'Half the work.');
	is($res->code, 422, "a partial refund $bad->[1]: 422");
	like($res->decoded_content, qr{>Half the work\.</textarea>}, '... the note kept');
}
is(payment_of($b3)->{status}, 'authorized', 'nothing moved');
$before = pending_payout();
is(resolve($b3, outcome => 'refund_partial', amount => '234.57', note => 'One unit of two was serviced.')->code, 303,
    'ops refund ₹234.57 of ₹1,234.57');
my $p = payment_of($b3);
is($p->{status}, 'partially_refunded', 'the payment is captured and partly refunded');
is($p->{refunded_paise}, 23_457, '₹234.57 refunded');
my @l = @{ earnings_of($p3) };
is(scalar @l, 2, 'an earning and a clawback');
my $net = 123_457 - commission(123_457);
is($l[0]->{net_paise}, $net, 'the earning on the whole price');
is(-$l[1]->{net_paise}, share(23_457, $net, 123_457), 'the clawback takes the vendor\'s share of the refund, half up');
is(pending_payout(), $before + $net - share(23_457, $net, 123_457), 'the payout is right to the paisa');
is(dispute_of($b3)->{refund_paise}, 23_457, 'the outcome records the amount');
like($v->get($stack->url('/vendor/earnings'))->decoded_content, qr{One unit of two was serviced\.},
    'the vendor\'s earnings show the reason');

# Nothing paid: a partial refund is refused, a release leaves the payment due.
my ($b4, $p4) = disputed_job(40_000, unpaid => 1);
$res = resolve($b4, outcome => 'refund_partial', amount => '100', note => 'Part.');
is($res->code, 422, 'a partial refund of an unpaid booking: 422');
like($res->decoded_content, qr{Nothing was paid}, '... saying why');
is(resolve($b4, outcome => 'release', note => 'The work was done.')->code, 303, 'ops release the unpaid one');
is(payment_of($b4)->{status}, 'requires_authorization', 'its payment stays due');
is(pay($p4)->code, 303, 'the customer pays it later');
is(payment_of($b4)->{status}, 'captured', '... taken at once, as released');
is(status_of($b4), 'resolved', '... the booking stays resolved');
is(scalar @{ earnings_of($p4) }, 1, '... and the vendor earns it');

# --- redo: a free follow-up visit; the payment held until it is signed ------------------------
my ($b5, $p5) = disputed_job(80_000);
$res = resolve($b5, outcome => 'redo', note => 'Come back and fix the leak.', when => '2020-01-01T10:00');
is($res->code, 422, 'a follow-up visit in the past: 422');
is(resolve($b5, outcome => 'redo', note => 'Come back and fix the leak.')->code, 303, 'ops order a free follow-up visit');
my $redo = dispute_of($b5)->{redo_booking_id};
ok($redo, 'a follow-up booking is made');
my $r = $stack->sql('SELECT * FROM bookings WHERE id = ?', $redo)->[0];
is($r->{price_paise}, 0, '... at ₹0');
is($r->{redo_of}, $b5, '... linked to the original');
is($r->{vendor_id}, $uid{vendor1}, '... for the same vendor');
is($r->{status}, 'accepted', '... accepted');
is(payment_of($b5)->{status}, 'authorized', 'the original payment stays held');
like($c->get($stack->url("/bookings/$b5"))->decoded_content, qr{<a href="/bookings/$redo">booking #$redo</a>},
    'the customer\'s booking links the visit');
like($v->get($stack->url("/vendor/bookings/$redo"))->decoded_content, qr{A free follow-up visit for booking #$b5},
    'the vendor sees the visit');
# The visit happens: started, completed (no payment of its own), signed.
$stack->sql(q{UPDATE bookings SET status = 'in_progress' WHERE id = ?}, $redo);
complete($redo);
ok(!payment_of($redo), 'a ₹0 visit opens no payment');
my $sr = ask_to_sign($redo)->{id};
$before = pending_payout();
is(sign($sr, 4)->code, 303, 'the customer signs the visit');
is(status_of($redo), 'paid', 'the visit is done, nothing owed');
is(payment_of($b5)->{status}, 'captured', 'the original payment is taken now');
is(pending_payout(), $before + 80_000 - commission(80_000), 'and the vendor is paid for it, to the paisa');

# The same vendor only if they could accept it: still allowed to work, and free then.
my ($b6) = disputed_job(30_000);
$stack->sql('UPDATE users SET is_blocked = 1 WHERE id = ?', $uid{vendor1});
$res = resolve($b6, outcome => 'redo', note => 'Come back, please.');
$stack->sql('UPDATE users SET is_blocked = 0 WHERE id = ?', $uid{vendor1});
is($res->code, 422, 'a follow-up visit for a vendor who can no longer work: 422');
like($res->decoded_content, qr{can no longer take this job}, '... saying to use the board');
like($res->decoded_content, qr{>Come back, please\.</textarea>}, '... the note kept');
is(status_of($b6), 'disputed', '... the dispute still open');
is($stack->sql_value('SELECT count(*) FROM bookings WHERE redo_of = ?', $b6), 0, '... and no visit made');
# 11 am India time three days on; vendor1 already holds a job then.
my $at = int((time + 19_800) / 86_400) * 86_400 + 3 * 86_400 + 11 * 3600 - 19_800;
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode, scheduled_at,
    duration_minutes, price_paise, status, created_at, updated_at) VALUES (?, ?, 1, 'ac', '3 Road', '110001', ?, 90,
    50000, 'accepted', unixepoch(), unixepoch())}, $uid{customer1}, $uid{vendor1}, $at);
$res = resolve($b6, outcome => 'redo', note => 'Come back, please.',
    when => strftime('%Y-%m-%dT%H:%M', gmtime($at + 19_800)));
is($res->code, 422, 'a follow-up visit when the vendor holds another job: 422');
like($res->decoded_content, qr{holds another job at that time}, '... saying so');
is(status_of($b6), 'disputed', '... nothing decided');

# Redo back on the board.
is(resolve($b6, outcome => 'redo', redo_vendor => 'board', note => 'Another professional will come.')->code, 303,
    'a follow-up visit for the board');
$r = $stack->sql('SELECT * FROM bookings WHERE id = ?', dispute_of($b6)->{redo_booking_id})->[0];
is($r->{status}, 'pending', '... waiting on the board');
ok(!defined $r->{vendor_id}, '... with no vendor');
is(resolve($b6, outcome => 'redo', note => 'Again.')->code, 409, 'a second decision: 409');

$stack->finish;
done_testing;
