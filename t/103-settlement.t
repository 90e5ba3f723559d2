# 103-settlement.t: the money's one owner (lib/domain/settlement.c): a refund takes the vendor's share back to the paisa on their next payout, shown with its reason; an expired signature takes the payment that was held, or leaves it plainly due; the customer is reminded six hours before the window closes.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;
use HomeServe::Jobs;

my $stack = start_stack();
my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, 'password123', $home);
}
my ($c, $v, $ops) = @m{qw(customer1 vendor1 ops_mgr)};
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
jobs_setup($stack, customer => [$c, $uid{customer1}], vendor => [$v, $uid{vendor1}]);

# --- a refund takes the vendor's share back, to the paisa ---------------------------------
my ($b1, $p1) = completed_job(123_457);
is(pay($p1)->code, 303, 'the customer pays ₹1,234.57');
my $s1 = ask_to_sign($b1);
is(sign($s1->{id})->code, 303, 'signs: captured');
is(payment_of($b1)->{status}, 'captured', 'the payment is captured');
my ($earn) = @{ earnings_of($p1) };
is($earn->{commission_paise}, 18_519, 'commission 15% of ₹1,234.57, half up: ₹185.19');
is($earn->{net_paise}, 104_938, 'the vendor earns ₹1,049.38');
my $before = pending_payout();

$ops->get($stack->url("/ops/payments/$p1"));
is($stack->post_form($ops, "/ops/payments/$p1/refund", { amount => '333.33', reason => 'Arrived an hour late.' })->code,
    303, 'ops refund ₹333.33');
my @lines = @{ earnings_of($p1) };
is(scalar @lines, 2, 'the payment has its earning and one clawback');
my $back = $lines[1];
is($back->{kind}, 'clawback', 'a clawback line');
is($back->{gross_paise}, -33_333, '... of the ₹333.33 refunded');
# The vendor's share of it: 33333 × 104938 / 123457 = 28332.99… → 28333.
is($back->{net_paise}, -28_333, '... taking back the vendor\'s share, ₹283.33, half up');
is($back->{commission_paise}, -5_000, '... and the commission\'s, ₹50.00');
is($back->{reason}, 'Arrived an hour late.', '... with the reason');
is(pending_payout(), $before - 28_333, 'the pending payout is ₹283.33 lower');
my $html = $v->get($stack->url('/vendor/earnings'))->decoded_content;
like($html, qr{#$b1</a> AC Repair<br><small>Refunded to the customer, your share taken back: Arrived an hour late\.</small>},
    '/vendor/earnings shows the line with its booking and reason');
like($html, qr{-₹283\.33}, '... and the amount taken back');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%₹283.33 of your earning is taken back%'}, $uid{vendor1}, $b1), 'the vendor is told');
$ops->get($stack->url("/ops/payments/$p1"));
is($stack->post_form($ops, "/ops/payments/$p1/refund", { amount => '901.24', reason => 'The rest.' })->code, 303,
    'ops refund the rest, ₹901.24');
my $taken = $stack->sql_value(q{SELECT -sum(net_paise) FROM earnings WHERE payment_id = ? AND kind = 'clawback'}, $p1);
is($taken, 104_938, 'refunded in full, the whole share is taken back, to the paisa');
is($stack->sql_value('SELECT sum(net_paise) + sum(commission_paise) FROM earnings WHERE payment_id = ?', $p1), 0,
    'nothing is left earned on it');
$ops->get($stack->url("/ops/payments/$p1"));
is($stack->post_form($ops, "/ops/payments/$p1/refund", { amount => '0.01', reason => 'More.' })->code, 409,
    'a refunded payment cannot be refunded again: 409');

# --- an expired signature takes the payment held --------------------------------------------
my ($b2, $p2) = completed_job(50_000);
is(pay($p2)->code, 303, 'the customer authorises ₹500');
my $s2 = ask_to_sign($b2);
is(payment_of($b2)->{status}, 'authorized', 'held, waiting for the signature');

# Six hours before the window closes, one reminder.
my $ran = $stack->run_due(now => $s2->{expires_at} - 7 * 3600);
is($ran->{'sign-reminders'}, 0, 'seven hours before: no reminder yet');
$ran = $stack->run_due(now => $s2->{expires_at} - 5 * 3600);
is($ran->{'sign-reminders'}, 1, 'five hours before: one reminder');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%waiting for your signature until%the payment you authorised (card or UPI) is taken.'},
    $uid{customer1}, $b2), '... saying the held payment will be taken');
is($stack->run_due(now => $s2->{expires_at} - 4 * 3600)->{'sign-reminders'}, 0, '... and only once');

$ran = $stack->run_due(now => $s2->{expires_at} + 60);
is($ran->{'expire-signatures'}, 1, 'past the window it expires');
is(payment_of($b2)->{status}, 'captured', 'the held payment is taken');
is(status_of($b2), 'paid', 'the booking is paid');
is(scalar @{ earnings_of($p2) }, 1, 'the vendor earns it');
ok($stack->sql_value('SELECT number FROM receipts WHERE payment_id = ?', $p2), 'with a receipt');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%closed without a signature%'}, $uid{customer1}, $b2), 'the customer is told it closed');

# --- without an authorisation the payment stays due, plainly ----------------------------------
my ($b3, $p3) = completed_job(40_000);
my $s3 = ask_to_sign($b3);
$ran = $stack->run_due(now => $s3->{expires_at} - 5 * 3600);
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%the booking closes without your signature.'}, $uid{customer1}, $b3),
    'the reminder for an unpaid booking says it closes');
$stack->run_due(now => $s3->{expires_at} + 60);
is(status_of($b3), 'expired', 'past the window the booking is expired');
is(payment_of($b3)->{status}, 'requires_authorization', 'its payment is still due');
$html = $c->get($stack->url("/bookings/$b3"))->decoded_content;
like($html, qr{<strong>This payment is still due\.</strong> The time to sign has passed}, 'the booking page says so plainly');
unlike($html, qr{taken only when you sign}, '... and no longer speaks of signing');
is(pay($p3)->code, 303, 'the customer pays it');
is(payment_of($b3)->{status}, 'captured', 'taken at once');
is(status_of($b3), 'paid', 'the booking is paid');

$stack->finish;
done_testing;
