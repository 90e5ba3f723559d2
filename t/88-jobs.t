# 88-jobs.t: the timed jobs on a clock the test sets (homeserve-ctl run-due --now): signature expiry at 48 hours, pending bookings whose time passed, reminders a day ahead, the vendors' morning digest, monthly reports and statements; each done once however often it runs, two runs at once included.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(mktime strftime);
use Test::More;
use HomeServe::Test;

# The jobs' days and hours are India's.
$ENV{TZ} = 'Asia/Kolkata';
POSIX::tzset();

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(q{SELECT id FROM services WHERE name = 'AC Repair'});
my $now = time;

# A booking of customer1's in STATUS at WHEN (vendor1's unless pending).
sub booking {
	my ($status, $when, %opt) = @_;
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id,
	    category, address, pincode, scheduled_at, duration_minutes,
	    price_paise, status, created_at, updated_at) VALUES (?, ?, ?, 'ac',
	    '12 Janpath, New Delhi', '110001', ?, 90, 50000, ?, ?, ?)},
	    $uid{customer1}, $status eq 'pending' ? undef : $uid{vendor1},
	    $service, $when, $status, $opt{created} // $now, $now);
	return $stack->sql_value('SELECT max(id) FROM bookings');
}

sub status_of {
	return $stack->sql_value('SELECT status FROM bookings WHERE id = ?', $_[0]);
}

# The local time of a calendar day and hour, as UTC seconds.
sub local_at {
	my ($y, $m, $d, $hour, $min) = @_;
	return mktime(0, $min // 0, $hour, $d, $m - 1, $y - 1900);
}

sub mails_matching {
	my ($to, $re) = @_;
	return grep { ($_->{to} // '') eq $to && $_->{subject} =~ $re } $stack->mails;
}

# --- signatures expire 48 hours after they are asked for ------------------------
my $signed = booking('signature_requested', $now - 7200);
$stack->sql(q{INSERT INTO signatures (booking_id, customer_id, status,
    requested_at, expires_at) VALUES (?, ?, 'requested', ?, ?)},
    $signed, $uid{customer1}, $now, $now + 48 * 3600);
my $ran = $stack->run_due(now => $now + 47 * 3600);
is($ran->{'expire-signatures'}, 0, 'at 47 hours the request stands');
is(status_of($signed), 'signature_requested', 'the booking still waits');
$ran = $stack->run_due(now => $now + 48 * 3600 + 60);
is($ran->{'expire-signatures'}, 1, 'past 48 hours it expires');
is(status_of($signed), 'expired', 'and so does its booking');
is($stack->sql_value('SELECT status FROM signatures WHERE booking_id = ?', $signed),
    'expired', 'the signature request is closed');
ok(mails_matching('customer1@homeserve.test', qr/^Booking #$signed \(AC Repair\) closed without a signature$/),
    'the customer is emailed');
ok(mails_matching('vendor1@homeserve.test', qr/^Booking #$signed /), 'and the vendor');
$ran = $stack->run_due(now => $now + 49 * 3600);
is($ran->{'expire-signatures'}, 0, 'running again expires nothing more');

# --- a pending booking nobody took expires at its time --------------------------------
my $pending = booking('pending', $now + 3 * 3600);
$ran = $stack->run_due(now => $now + 3 * 3600 - 60);
is(status_of($pending), 'pending', 'before its time it waits for a vendor');
$ran = $stack->run_due(now => $now + 3 * 3600);
is($ran->{'expire-bookings'}, 1, 'at its time it expires');
is(status_of($pending), 'expired', 'status expired');
is($stack->sql_value('SELECT vendor_id FROM bookings WHERE id = ?', $pending), undef,
    'with no vendor');
is($stack->sql_value(q{SELECT count(*) FROM booking_events WHERE booking_id = ?
    AND from_status = 'pending' AND to_status = 'expired'}, $pending), 1,
    'on its timeline');
my ($told) = mails_matching('customer1@homeserve.test', qr/^Booking #$pending /);
like($told->{text} // '', qr/expired: no vendor accepted it before its time\. Nothing was charged/,
    'the customer is told nothing was charged');
ok((grep { $_->{text} =~ /^HomeServe: Booking #$pending \(AC Repair\) expired/ } $stack->sms),
    'and gets the SMS');
is($stack->run_due(now => $now + 4 * 3600)->{'expire-bookings'}, 0, 'once');

# --- a reminder a day before an accepted visit ---------------------------------------
my $visit = booking('accepted', $now + 30 * 3600);
my $cancelled = booking('cancelled', $now + 30 * 3600);
$ran = $stack->run_due(now => $now);
is($ran->{reminders}, 0, '30 hours ahead: no reminder yet');
$ran = $stack->run_due(now => $now + 7 * 3600);
is($ran->{reminders}, 1, '23 hours ahead: one reminder');
my ($reminder) = mails_matching('customer1@homeserve.test', qr/^Reminder: AC Repair with vendor1, /);
ok($reminder, 'the customer gets the reminder email');
like($reminder->{text} // '', qr/visit \(booking #$visit\) is on .* with vendor1\. Keep your start code ready/,
    'which names the booking, the time and the professional');
like($reminder->{list_unsubscribe} // '', qr{/unsubscribe/$uid{customer1}-reminder-},
    'and can be unsubscribed from');
ok((grep { $_->{to} eq '+919876543210' && $_->{text} =~ /^HomeServe: Reminder: your AC Repair visit \(booking #$visit\)/ }
    $stack->sms), 'and the SMS');
is($stack->sql_value(q{SELECT count(*) FROM notifications WHERE booking_id = ?
    AND text LIKE 'Reminder:%'}, $visit), 1, 'and sees it in the app');
$ran = $stack->run_due(now => $now + 8 * 3600);
is($ran->{reminders}, 0, 'an hour later: no second reminder');
ok(!$stack->sql_value(q{SELECT count(*) FROM notifications WHERE booking_id = ?}, $cancelled),
    'a cancelled visit gets none');

# Two passes at once remind once.
my $raced = booking('accepted', $now + 30 * 3600 + 60);
my @kids;
for (1 .. 2) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		my ($rc) = $stack->ctl('run-due', '--now=@' . ($now + 7 * 3600 + 60));
		POSIX::_exit($rc == 0 ? 0 : 1);
	}
	push @kids, $pid;
}
my @status = map { waitpid($_, 0); $? } @kids;
is_deeply(\@status, [0, 0], 'two run-due passes at once both work');
is($stack->sql_value(q{SELECT count(*) FROM outbox WHERE kind = 'reminder'
    AND body_text LIKE ?}, "%(booking #$raced)%"), 2,
    'and remind once: one email and one SMS');

# --- the vendors' morning digest -------------------------------------------------------
# Five days on, where no run above has been (a run marks its day done).
my ($d, $m, $y) = (localtime($now + 5 * 86400))[3, 4, 5];
my @tomorrow = ($y + 1900, $m + 1, $d);
my $morning = local_at(@tomorrow, 7, 30);
$stack->sql(q{UPDATE bookings SET status = 'cancelled' WHERE status = 'pending'});
my @jobs = map { booking('pending', $morning + $_ * 7200) } 1 .. 3;
booking('pending', $morning - 600);	# its time passed: not on the board
# An unverified vendor in the same area hears nothing.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
    created_at, updated_at) VALUES ('vendor2', 'vendor2@homeserve.test',
    '+919876500022', 'x', 'vendor', 0, 0)});
$uid{vendor2} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'vendor2'});
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, status_at, updated_at)
    VALUES (?, 'submitted', 0, 0)},
    $uid{vendor2});
$stack->sql(q{INSERT INTO vendor_categories (vendor_id, category) VALUES (?, 'ac')}, $uid{vendor2});
$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, '110001')}, $uid{vendor2});

$ran = $stack->run_due(now => local_at(@tomorrow, 6, 0));
is($ran->{'vendor-digest'}, 0, 'at 06:00 no digest yet');
$ran = $stack->run_due(now => $morning);
is($ran->{'vendor-digest'}, 1, 'at 07:30 one digest');
my ($digest) = mails_matching('vendor1@homeserve.test', qr/^3 jobs are waiting on your board$/);
ok($digest, 'vendor1 hears 3 jobs are waiting');
is(() = $digest->{text} =~ /^- AC Repair, .*, pincode 110001, ₹500$/mg, 3, 'each listed');
like($digest->{text}, qr{Open your job board: https://\S+/vendor/jobs}, 'with the way to the board');
ok((grep { $_->{to} eq '+919876543212' && $_->{text} =~ m{^HomeServe: 3 jobs are waiting on your board .* https://\S+/vendor/jobs$} }
    $stack->sms), 'and by SMS');
ok(!mails_matching('vendor2@homeserve.test', qr/waiting/), 'an unverified vendor gets none');
is($stack->run_due(now => $morning + 3600)->{'vendor-digest'}, 0, 'one digest a day');
# (The day after tomorrow: the runs above already went that far.)
booking('pending', $morning + 2 * 86400 + 3600);
is($stack->run_due(now => $morning + 2 * 86400)->{'vendor-digest'}, 1, 'and another day another');
ok(mails_matching('vendor1@homeserve.test', qr/^1 job is waiting on your board$/),
    'about the day\'s one job');

# --- monthly reports and statements ----------------------------------------------------
# A month three ahead, where no run above has been: its report is due on
# the 1st of the month after.
my ($mon, $year) = (localtime($now))[4, 5];
my $start = local_at($year + 1900 + int(($mon + 3) / 12), ($mon + 3) % 12 + 1, 1, 0, 0);
my ($fm, $fy) = (localtime($start + 40 * 86400))[4, 5];
my @first = ($fy + 1900, $fm + 1, 1);
my $month = strftime('%Y-%m', localtime($start));
my $label = strftime('%B %Y', localtime($start));
my $created = $start + 2 * 86400;
booking('cancelled', $created, created => $created);
# One paid booking, with vendor1's earning.
my $paid = booking('paid', $created, created => $created);
$stack->sql(q{INSERT INTO payments (booking_id, customer_id, vendor_id, amount_paise,
    status, gateway, method, captured_at, created_at, updated_at) VALUES (?, ?, ?,
    50000, 'captured', 'test', 'card', ?, ?, ?)}, $paid, $uid{customer1}, $uid{vendor1},
    $created, $created, $created);
my $payment = $stack->sql_value('SELECT max(id) FROM payments');
$stack->sql(q{INSERT INTO earnings (payment_id, vendor_id, booking_id, month, gross_paise,
    commission_paise, net_paise, created_at) VALUES (?, ?, ?, ?, 50000, 7500, 42500, ?)},
    $payment, $uid{vendor1}, $paid, $month, $created);
my $bookings = 2;

$ran = $stack->run_due(now => local_at(@first, 7, 0));
is($ran->{'monthly-reports'}, 0, 'on the 1st at 07:00: no reports yet');
$ran = $stack->run_due(now => local_at(@first, 9, 0));
is($ran->{'monthly-reports'}, 2, 'at 09:00 a report and a statement');
my ($report) = mails_matching('customer1@homeserve.test', qr/^Your HomeServe \Q$label\E$/);
ok($report, "customer1 gets the report for $label");
like($report->{text}, qr/Bookings made:\s+$bookings\n/, "it counts the month's $bookings bookings");
like($report->{text}, qr/Paid:\s+₹500\n/, 'and what was paid');
like($report->{list_unsubscribe} // '', qr/-report-/, 'and can be unsubscribed from');
ok(!(grep { $_->{text} =~ /HomeServe: In \Q$label\E/ } $stack->sms),
    'no report by SMS unless asked for');
my ($statement) = mails_matching('vendor1@homeserve.test', qr/^Your HomeServe statement for \Q$label\E$/);
ok($statement, 'vendor1 gets the statement');
like($statement->{text}, qr/Jobs paid:\s+1\n.*Customers paid:\s+₹500\n.*Commission:\s+₹75\n.*Your earnings:\s+₹425\n/s,
    'with the jobs, the commission and the earnings');
is($stack->run_due(now => local_at(@first, 10, 0))->{'monthly-reports'}, 0, 'once a month');

$stack->finish;
done_testing;
