# 89-worker.t: the background worker as script/stack runs it: it delivers without anyone running a command, runs the timed jobs, survives SIGKILL mid-send with every message delivered once, keeps its supervisor when the database refuses a dead deliverer's release, and on SIGTERM finishes the message in hand.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::FakeSMTP;
use HomeServe::Mail qw(parse_mail);
use HomeServe::Test;

my $smtp = HomeServe::FakeSMTP->start;
my $stack = start_stack(env => { HOMESERVE_WORKER => 1,
    HOMESERVE_SMTP_URL => $smtp->url, HOMESERVE_DELIVERY_TIMEOUT => 10 });
# Processes are killed on purpose here: the log will say so.
$stack->{allow_worker_deaths} = 1;
my $worker_pid = HomeServe::Test::read_file($stack->data . '/run/worker.pid') + 0;
ok($worker_pid > 0 && kill(0, $worker_pid), 'script/stack started the worker');

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(q{SELECT id FROM services WHERE name = 'AC Repair'});
my $vendor = $stack->mech;
$stack->login_ok($vendor, 'vendor1', 'password123', '/vendor/');

my $slot = 0;
# vendor1 accepts a new booking of customer1's: an email to customer1.
sub accepted_booking {
	$slot++;
	my $id = $stack->booking_row($uid{customer1}, $service,
	    scheduled_at => int(time) + $slot * 86400 + 3600);
	$vendor->get($stack->url("/vendor/bookings/$id"));
	is($stack->post_form($vendor, "/vendor/bookings/$id/accept", {})->code, 303,
	    "vendor1 accepts booking $id");
	return $id;
}

sub email_row {
	my ($booking) = @_;
	return $stack->sql(q{SELECT * FROM outbox WHERE channel = 'email'
	    AND subject LIKE ?}, "Booking #$booking %")->[0];
}

# How many times the SMTP server accepted customer1's email about a booking.
sub accepted_count {
	my ($booking) = @_;
	return scalar grep { $_->{rcpt}[0] eq 'customer1@homeserve.test'
	    && parse_mail($_->{data})->{subject} =~ /^Booking #$booking / }
	    $smtp->messages;
}

sub children_of {
	my ($pid) = @_;
	my ($rc, $out) = run_command(['pgrep', '-P', $pid]);
	return grep { /^\d+$/ } split /\n/, $out;
}

my $CUSTOMER = qr/customer1\@homeserve\.test$/;

# --- it delivers on its own ---------------------------------------------------------
my $id = accepted_booking();
ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 15), 'the worker delivers the email on its own');
is(accepted_count($id), 1, 'once');

# --- the timed jobs run without a command: SIGHUP only makes it now ----------------------
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category,
    address, pincode, scheduled_at, duration_minutes, price_paise, status,
    created_at, updated_at) VALUES (?, ?, ?, 'ac', '12 Janpath, New Delhi',
    '110001', unixepoch() - 3 * 86400, 90, 50000, 'signature_requested',
    unixepoch(), unixepoch())}, $uid{customer1}, $uid{vendor1}, $service);
# (Made now: a booking made last month would also bring customer1 a
# monthly report from the clock, another email for the rules below.)
my $overdue = $stack->sql_value('SELECT max(id) FROM bookings');
$stack->sql(q{INSERT INTO signatures (booking_id, customer_id, status, requested_at,
    expires_at) VALUES (?, ?, 'requested', unixepoch() - 49 * 3600,
    unixepoch() - 3600)}, $overdue, $uid{customer1});
ok(kill('HUP', $worker_pid), 'SIGHUP to the worker');
ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 15), 'the customer is emailed');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $overdue), 'expired',
    'the overdue signature expired with nobody running a command');
is(accepted_count($overdue), 1, 'the expiry email arrived once');

# --- SIGKILL to the deliverers mid-send -----------------------------------------------
$smtp->rule('customer1@homeserve.test', 'hold');
$id = accepted_booking();
ok($smtp->wait_for(qr/^held $CUSTOMER/, 15), 'the SMTP server holds the email mid-send');
my @children = children_of($worker_pid);
cmp_ok(scalar(@children), '>=', 2, 'the worker has its processes');
# lib/platform/sandbox.c: neither it nor its deliverers may start a program.
for my $pid ($worker_pid, @children) {
	my ($seccomp) = (HomeServe::Test::read_file("/proc/$pid/status") // '') =~ /^Seccomp:\s*(\d+)/m;
	is($seccomp, 2, "worker process $pid runs under the seccomp filter");
}
kill 'KILL', @children;
ok($smtp->wait_for(qr/^dropped $CUSTOMER/, 15), 'SIGKILL: the connection drops, nothing accepted');
$smtp->clear_rules;
ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 15),
    'a new deliverer sends it again at once');
is(accepted_count($id), 1, 'it arrived exactly once');
my $row = email_row($id);
is($row->{status}, 'sent', 'the row is sent');
is($row->{attempts}, 2, 'on its second attempt')
    or diag(explain($stack->sql('SELECT id, subject, status, attempts FROM outbox
    WHERE user_id = ?', $uid{customer1})), explain([$smtp->events]));
is($stack->sql_value(q{SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?
    AND detail = 'the worker stopped while sending'}, $row->{id}), 1,
    'the lost attempt is in its history');
like(HomeServe::Test::read_file($stack->data . '/log/worker.log'),
    qr/process \d+ ended by signal 9/, 'the worker log says what happened');
ok(kill(0, $worker_pid), 'the supervisor lives on');

# --- a deliverer dies while the database refuses to be written ----------------------
# Its claims are released by a child of the supervisor's (homeserve-
# worker.c, claims_release): the release fails when the lock is held
# past the busy timeout (or the disk is full), and only that child goes.
{
	my $db = $stack->data . '/homeserve.db';
	my $said = $stack->data . '/tmp/lock.out';
	open(my $lock, '|-', "sqlite3 '$db' >'$said'") or die "sqlite3: $!";
	$lock->autoflush(1);
	print $lock "BEGIN IMMEDIATE;\nSELECT 'locked';\n";
	ok(until_true(10, sub { (HomeServe::Test::read_file($said) // '')
	    =~ /locked/ }), 'another program holds the write lock');
	$stack->expect_in_logs(qr/worker-(?:release|deliver|clock)\[\d+\] fatal: db: .*locked/);
	my @kids = children_of($worker_pid);
	kill 'KILL', @kids;
	ok(until_true(20, sub { HomeServe::Test::read_file($stack->data
	    . '/log/worker.log') =~ /worker-release\[\d+\] fatal: db: .*locked/ }),
	    'releasing the killed deliverers\' claims fails: the database is locked');
	ok(kill(0, $worker_pid), 'the supervisor lives on all the same');
	print $lock "ROLLBACK;\n";
	close $lock;
	my $again = accepted_booking();
	ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 20),
	    'with the lock gone its new deliverers send the next email');
	ok(until_true(10, sub { email_row($again)->{status} eq 'sent' }),
	    'and record it as sent');
}

# --- SIGTERM: the message in hand is finished --------------------------------------------
$smtp->rule('customer1@homeserve.test', 'slow', seconds => 2);
$id = accepted_booking();
ok($smtp->wait_for(qr/^slow $CUSTOMER/, 15), 'a slow server has the email');
ok(kill('TERM', $worker_pid), 'SIGTERM to the worker meanwhile');
ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 15), 'the deliverer still finishes it');
$smtp->clear_rules;
my ($rc, $out, $err) = run_command([HomeServe::Test::src_dir() . '/script/stack', 'stop'],
    env => { $stack->env });
is("$rc$out$err", '0', 'the stack stops with nothing to kill');
is(email_row($id)->{status}, 'sent', 'and the worker recorded it as sent before it stopped');
is(accepted_count($id), 1, 'once');
like(HomeServe::Test::read_file($stack->data . '/log/worker.log'), qr/worker: stopped/,
    'the worker stopped cleanly');

# --- the whole worker killed: the lease runs out, run-due finishes the job --------------------
($rc, $out, $err) = run_command([HomeServe::Test::src_dir() . '/script/stack', 'start'],
    env => { $stack->env, HOMESERVE_PORT => $stack->{port},
    HOMESERVE_TLS_PORT => $stack->{tls_port} });
is($rc, 0, 'the stack starts again') or diag($err);
$worker_pid = HomeServe::Test::read_file($stack->data . '/run/worker.pid') + 0;
$smtp->rule('customer1@homeserve.test', 'hold');
$id = accepted_booking();
ok($smtp->wait_for(qr/^held $CUSTOMER/, 15), 'the email is held mid-send again');
kill 'KILL', -$worker_pid;
ok($smtp->wait_for(qr/^dropped $CUSTOMER/, 15), 'the whole worker is killed: dropped');
$smtp->clear_rules;
is(email_row($id)->{status}, 'sending', 'the row is left claimed');
my $ran = $stack->run_due;
is(email_row($id)->{status}, 'sending', 'nobody takes it while the lease lasts');
$ran = $stack->run_due(now => time + 301);
# At least this one: five minutes on may cross an hour or a day, when
# the timed jobs (the hourly alerts' chat posts, the daily ones) have
# messages of their own.  The rows below pin this message.
cmp_ok($ran->{delivered}, '>=', 1, 'after the lease, run-due delivers it');
is(email_row($id)->{status}, 'sent', 'it is sent');
is(accepted_count($id), 1, 'once');

$stack->finish;
done_testing;
