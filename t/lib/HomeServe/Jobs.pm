# HomeServe::Jobs: a customer's job with a vendor taken to the point a money test needs (in progress, completed, paid, asked to sign, signed or rejected) through the real forms, and the rows the tests read back.
package HomeServe::Jobs;

use strict;
use warnings;
use POSIX qw(strftime);
use Exporter 'import';
use Test::More;

our @EXPORT = qw(jobs_setup payment_of status_of earnings_of pending_payout in_progress complete completed_job
    pay ask_to_sign sign reject);

# The stack, the customer's and the vendor's signed-in browsers and their ids.
my ($stack, $c, $v, $customer_id, $vendor_id);
my $photo_n = 0;
my $FUTURE = strftime('%m/%y', localtime(time + 3 * 365 * 86400));

# jobs_setup(STACK, customer => [MECH, ID], vendor => [MECH, ID])
sub jobs_setup {
	my ($s, %o) = @_;
	($stack, $c, $customer_id, $v, $vendor_id) = ($s, @{ $o{customer} }, @{ $o{vendor} });
}

sub payment_of { $stack->sql('SELECT * FROM payments WHERE booking_id = ? ORDER BY id DESC LIMIT 1', $_[0])->[0] }
sub status_of { $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]) }
sub earnings_of { $stack->sql('SELECT * FROM earnings WHERE payment_id = ? ORDER BY id', $_[0]) }
sub pending_payout {
	$stack->sql_value(q{SELECT amount_paise FROM payouts WHERE vendor_id = ? AND status = 'pending'}, $vendor_id) // 0
}

# in_progress(PRICE, redo_of => ID): the customer's job with the vendor, started two hours ago.
sub in_progress {
	my ($price, %o) = @_;
	return $stack->sql_value(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address,
	    pincode, scheduled_at, duration_minutes, price_paise, notes, status, created_at, updated_at, redo_of)
	    VALUES (?, ?, 1, 'ac', '12 Janpath, New Delhi', '110001', unixepoch() - 7200, 90, ?, '',
	    'in_progress', unixepoch(), unixepoch(), ?); SELECT last_insert_rowid() AS id},
	    $customer_id, $vendor_id, $price, $o{redo_of});
}

# complete(BOOKING): its before and after photos, then the vendor's "completed".
sub complete {
	my ($b) = @_;
	for my $kind (qw(before after)) {
		$stack->sql(q{INSERT INTO photos (booking_id, kind, file, content_type, size, uploaded_by, created_at)
		    VALUES (?, ?, ?, 'image/png', 10, ?, unixepoch())}, $b, $kind,
		    sprintf('%032x.png', ++$photo_n), $vendor_id);
	}
	$v->get($stack->url("/vendor/bookings/$b"));
	is($stack->post_form($v, "/vendor/bookings/$b/complete", {})->code, 303, "booking $b is completed");
}

# completed_job(PRICE): (booking id, payment id) of a job just completed.
sub completed_job {
	my $b = in_progress(@_);
	complete($b);
	return ($b, payment_of($b)->{id});
}

sub pay {
	my ($pid) = @_;
	$c->get($stack->url("/payments/$pid/pay"));
	return $stack->post_form($c, "/payments/$pid/pay", { name => 'Asha Rao',
	    card_number => '4242 4242 4242 4242', expiry => $FUTURE, cvv => '123' });
}

# ask_to_sign(BOOKING): the vendor asks; returns the signature's row.
sub ask_to_sign {
	my ($b) = @_;
	$v->get($stack->url("/vendor/bookings/$b"));
	is($stack->post_form($v, "/vendor/bookings/$b/request-signature", {})->code, 303, "booking $b: asked to sign");
	return $stack->sql('SELECT * FROM signatures WHERE booking_id = ?', $b)->[0];
}

sub sign {
	my ($sid, $rating) = @_;
	$c->get($stack->url("/signatures/$sid/sign"));
	return $stack->post_form($c, "/signatures/$sid/sign", { satisfaction_rating => $rating // 5 });
}

sub reject {
	my ($sid, $reason) = @_;
	$c->get($stack->url("/signatures/$sid/sign"));
	return $stack->post_form($c, "/signatures/$sid/reject", { reason => $reason });
}

1;
