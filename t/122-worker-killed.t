# 122-worker-killed.t: a FastCGI worker killed mid-request (blocked on Stripe's capture): nginx's 502 page for that request only, the other worker's request and the next one served, a replacement started, nothing half-written, the retry captured once; and a background deliverer killed mid-send: the message delivered once.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use HTTP::Request;
use HTTP::Response;
use POSIX qw(WNOHANG _exit);
use Test::More;
use Time::HiRes qw(sleep time);
use HomeServe::FakeSMTP;
use HomeServe::FakeStripe;
use HomeServe::Mail qw(parse_mail);
use HomeServe::Test;

my $fake = HomeServe::FakeStripe->start;
my $smtp = HomeServe::FakeSMTP->start;
my $stack = start_stack(
    env => { HOMESERVE_PAYMENT_GATEWAY => 'stripe',
	HOMESERVE_STRIPE_API => $fake->url, HOMESERVE_WORKER => 1,
	HOMESERVE_SMTP_URL => $smtp->url, HOMESERVE_DELIVERY_TIMEOUT => 10 },
    files => { 'keys/stripe_secret_key' => $fake->secret_key . "\n",
	'keys/stripe_webhook_secret' => $fake->webhook_secret . "\n" });
my $WORKERS = 2;	# Test.pm's HOMESERVE_WORKERS

my %m;
@m{qw(customer1 vendor1)} = $stack->signed_in(qw(customer1 vendor1));
my ($c, $v) = @m{qw(customer1 vendor1)};
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $service = $stack->sql_value(q{SELECT id FROM services WHERE name = 'AC Repair'});

# --- helpers -------------------------------------------------------------------

sub pid_of { HomeServe::Test::read_file($stack->data . "/run/$_[0].pid") + 0 }

# Every process under PID (children, grandchildren, ...).
sub descendants {
	my ($pid) = @_;
	my ($rc, $out) = run_command(['pgrep', '-P', $pid]);
	my @kids = grep { /^\d+$/ } split /\n/, $out;
	return map { ($_, descendants($_)) } @kids;
}

sub children { my ($rc, $out) = run_command(['pgrep', '-P', $_[0]]); grep { /^\d+$/ } split /\n/, $out }

# The process among PIDS with a TCP connection to REMOTE_PORT on
# loopback (from LOCAL_PORT, when given): its socket's inode in
# /proc/net/tcp, found among each process's open files.
sub pid_connected_to {
	my ($remote_port, $local_port, @pids) = @_;
	my %inode;
	for my $table ('/proc/net/tcp', '/proc/net/tcp6') {
		open(my $fh, '<', $table) or next;
		while (my $line = <$fh>) {
			my @f = split ' ', $line;
			next unless @f > 9 && $f[1] =~ /:([0-9A-F]{4})$/;
			my $local = hex $1;
			my ($remote) = $f[2] =~ /:([0-9A-F]{4})$/;
			next unless defined $remote && hex($remote) == $remote_port;
			next if defined $local_port && $local != $local_port;
			$inode{ $f[9] } = 1 if $f[9];
		}
	}
	for my $pid (@pids) {
		opendir(my $dh, "/proc/$pid/fd") or next;
		for my $fd (readdir $dh) {
			my $target = readlink("/proc/$pid/fd/$fd") // next;
			return $pid if $target =~ /^socket:\[(\d+)\]$/ && $inode{$1};
		}
	}
	return undef;
}

# in_background(CODE): CODE (one request, returning its response) in a
# child process, so the test can act while the request is in flight.
my $jobs = 0;
sub in_background {
	my ($code) = @_;
	my $file = $stack->data . '/tmp/background-' . ++$jobs;
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		$_->remove_handler('response_done') for values %m;
		my $res = eval { $code->() };
		if (open(my $fh, '>:raw', "$file.new")) {
			print {$fh} $res ? $res->as_string("\r\n") : '';
			close $fh;
			rename "$file.new", $file;
		}
		_exit(0);	# no END blocks: the stack and fakes are the parent's
	}
	return { pid => $pid, file => $file };
}

# background_response(JOB, METHOD, URL): waits (30 s at most) for the
# job's response, keeps it for the HTML checker, and returns it.
sub background_response {
	my ($job, $method, $url) = @_;
	my $done = until_true(30, sub { waitpid($job->{pid}, WNOHANG) != 0 });
	kill 'KILL', $job->{pid} unless $done;
	waitpid($job->{pid}, 0) unless $done;
	my $res = HTTP::Response->parse(HomeServe::Test::read_file($job->{file})
	    || "HTTP/1.1 599 No answer\r\n\r\n");
	$res->request(HTTP::Request->new($method => $url));
	$stack->keep_response($res);
	return $res;
}

my %token;
sub post {
	my ($mech, $path, $fields) = @_;
	my $t = $stack->csrf($mech) // $token{$mech};
	$token{$mech} = $t if defined $t;
	return $stack->post_form($mech, $path, $fields // {}, csrf => $t);
}

# A started AC Repair job of customer1's with its photos; vendor1
# completes it through the page, which opens its payment through Stripe.
my $slot = 0;
sub completed_booking {
	my $id = $stack->started_job($uid{customer1}, $uid{vendor1}, $service);
	$v->get($stack->url("/vendor/bookings/$id"));
	is(post($v, "/vendor/bookings/$id/complete")->code, 303,
	    "vendor1 completes booking $id");
	return $id;
}

sub payment_of {
	return $stack->sql('SELECT * FROM payments WHERE booking_id = ?', $_[0])->[0];
}

# customer1 pays booking ID at Stripe's Checkout and Stripe's webhook
# tells the site: the payment is authorised.
sub pay_at_stripe {
	my ($id) = @_;
	my $p = payment_of($id);
	my $res = $c->get($stack->url("/payments/$p->{id}/pay"));
	my ($cs) = ($res->header('Location') // '') =~ m{/(cs_test_\w+)#fake$};
	my $session = $fake->complete($cs // '');
	my $body = HomeServe::FakeStripe->event('checkout.session.completed', $session);
	$res = $stack->mech->post($stack->url('/webhooks/stripe'),
	    'Content-Type' => 'application/json',
	    'Stripe-Signature' => HomeServe::FakeStripe->sign($body), Content => $body);
	is(payment_of($id)->{status}, 'authorized', "booking $id: the payment is held at Stripe");
	return $session->{payment_intent};
}

# An accepted booking of customer1's: vendor1's acceptance emails them.
sub accepted_booking {
	$slot++;
	my $id = $stack->booking_row($uid{customer1}, $service,
	    scheduled_at => int(time) + $slot * 86400 + 3600);
	$v->get($stack->url("/vendor/bookings/$id"));
	is(post($v, "/vendor/bookings/$id/accept")->code, 303, "vendor1 accepts booking $id");
	return $id;
}

sub accepted_count {
	my ($booking) = @_;
	return scalar grep { $_->{rcpt}[0] eq 'customer1@homeserve.test'
	    && parse_mail($_->{data})->{subject} =~ /^Booking #$booking / }
	    $smtp->messages;
}

# --- a web worker killed while it waits for Stripe ---------------------------------

my $b1 = completed_booking();
my $pi1 = pay_at_stripe($b1);
$v->get($stack->url("/vendor/bookings/$b1"));
is(post($v, "/vendor/bookings/$b1/request-signature")->code, 303,
    "booking $b1: vendor1 asks for the signature");
my $sig = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $b1);
my $b2 = completed_booking();
my $p2 = payment_of($b2);

my $supervisor = pid_of('booking');
my @workers = children($supervisor);
is(scalar @workers, $WORKERS, "the booking area runs $WORKERS workers");

# What must not change when the signing worker dies.
my $state_sql = q{SELECT b.status AS booking, p.status AS payment, s.status AS signature,
    (SELECT count(*) FROM receipts r WHERE r.payment_id = p.id) AS receipts,
    (SELECT count(*) FROM payment_events e WHERE e.payment_id = p.id) AS events,
    (SELECT count(*) FROM audit_log a WHERE (a.entity = 'booking' AND a.entity_id = b.id)
	OR (a.entity = 'payment' AND a.entity_id = p.id)
	OR (a.entity = 'signature' AND a.entity_id = s.id)) AS audit
    FROM bookings b JOIN payments p ON p.booking_id = b.id
    JOIN signatures s ON s.booking_id = b.id WHERE b.id = ?};
my $before = $stack->sql($state_sql, $b1)->[0];

# Stripe holds its answers: the capture that signing asks for, and the
# Checkout Session that the other booking's pay page asks for.
$fake->fail(mode => 'hold', count => 2, path => 'capture$|checkout/sessions$');
$c->get($stack->url("/signatures/$sig/sign"));
my $sign_url = $stack->url("/signatures/$sig/sign");
my $signing = in_background(sub { post($c, "/signatures/$sig/sign",
    { satisfaction_rating => 5, comments => 'Cold air again.' }) });
my $held_capture = until_true(15, sub { (grep { $_->{held}
    && $_->{path} =~ m{/capture$} } $fake->requests)[0] });
ok($held_capture, 'signing waits on Stripe\'s capture, which the fake holds');
my $paying = in_background(sub { $c->get($stack->url("/payments/$p2->{id}/pay")) });
ok(until_true(15, sub { grep { $_->{held} && $_->{path} =~ m{/checkout/sessions$} }
    $fake->requests }), 'the other worker waits on Stripe too (another booking\'s pay page)');

my $victim = pid_connected_to($fake->{port}, $held_capture->{peer_port}, @workers);
ok($victim, "the worker holding the capture's connection is found (pid "
    . ($victim // 'none') . ')');
$stack->expect_in_logs(qr/worker \Q$victim\E exited \(status 9\)/,
    qr{request: "POST /signatures/$sig/sign }) if $victim;
ok($victim && kill('KILL', $victim), 'SIGKILL to it');

my $res = background_response($signing, POST => $sign_url);
is($res->code, 502, 'that request gets 502 from nginx');
is($res->content, HomeServe::Test::read_file(src_dir() . '/static/errors/50x.html'),
    '... with the site\'s own error page (static/errors/50x.html)');
is($fake->release, 2, 'Stripe answers the held requests (it captured: the worker never heard)');
$res = background_response($paying, GET => $stack->url("/payments/$p2->{id}/pay"));
is($res->code, 303, 'the other worker\'s request completes normally');
like($res->header('Location') // '', qr{^https://checkout\.stripe\.com/c/pay/cs_test_\w+#fake$},
    '... to Stripe\'s Checkout');
$res = $c->get($stack->url("/bookings/$b1"));
is($res->code, 200, 'the next request is served: 200');

my @now = until_true(15, sub {
	my @k = children($supervisor);
	return @k == $WORKERS && !grep { $_ == $victim } @k;
});
ok(@now, "the supervisor started a replacement: $WORKERS workers again");
ok(kill(0, $supervisor), '... and lives on itself');

is_deeply($stack->sql($state_sql, $b1)->[0], $before,
    'nothing was written for the killed request: booking, payment, signature, receipts, timeline, audit as before')
    or diag(explain($stack->sql($state_sql, $b1)->[0]));

$c->get($stack->url("/signatures/$sig/sign"));
$res = post($c, "/signatures/$sig/sign", { satisfaction_rating => 5,
    comments => 'Cold air again.' });
is($res->code, 303, 'customer1 signs again: 303');
my $row = payment_of($b1);
is($row->{status}, 'captured', 'the payment is captured');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $b1), 'paid', 'the booking is paid');
is($stack->sql_value('SELECT status FROM signatures WHERE id = ?', $sig), 'signed', 'the signature is signed');
is($stack->sql_value('SELECT count(*) FROM receipts WHERE payment_id = ?', $row->{id}), 1,
    'one receipt');
my @captures = grep { $_->{path} =~ m{/capture$}
    && ($_->{idempotency_key} // '') eq "capture-$row->{id}" } $fake->requests;
is(scalar @captures, 2, 'Stripe was asked to capture twice, both with Idempotency-Key capture-<id>');
is(scalar(grep { !$_->{replayed} } @captures), 1, '... and did it once: the retry was replayed');
my $pi = $fake->object($pi1);
is($pi->{status}, 'succeeded', 'Stripe holds the money captured');
is($pi->{amount_received}, 50000, '... once: ₹500');

# --- a background deliverer killed mid-send ------------------------------------------

my $worker = pid_of('worker');
my $CUSTOMER = qr/customer1\@homeserve\.test$/;
# Whatever the steps above queued goes out first.
ok(until_true(30, sub { !$stack->sql_value(q{SELECT count(*) FROM outbox
    WHERE status IN ('pending', 'sending') AND next_attempt_at <= unixepoch()}) }),
    'the outbox is quiet');
$smtp->rule('customer1@homeserve.test', 'hold');
my $id = accepted_booking();
ok($smtp->wait_for(qr/^held $CUSTOMER/, 15), 'the SMTP server holds the email mid-send');
my $deliverer = pid_connected_to($smtp->port, undef, descendants($worker));
ok($deliverer, 'the worker process holding the SMTP connection is found (pid '
    . ($deliverer // 'none') . ')');
my @worker_kids = children($worker);
$stack->expect_in_logs(qr/process \Q$deliverer\E ended by signal 9/) if $deliverer;
ok($deliverer && kill('KILL', $deliverer), 'SIGKILL to it');
ok($smtp->wait_for(qr/^dropped $CUSTOMER/, 15), 'the connection drops, nothing accepted');
$smtp->clear_rules;
ok($smtp->wait_for(qr/^accepted \S+ $CUSTOMER/, 15), 'a new deliverer sends it again');
is(accepted_count($id), 1, 'it arrived exactly once');
my $email = $stack->sql(q{SELECT * FROM outbox WHERE channel = 'email'
    AND subject LIKE ?}, "Booking #$id %")->[0];
is($email->{status}, 'sent', 'the row is sent');
is($email->{attempts}, 2, '... on its second attempt');
ok(until_true(15, sub { my @k = children($worker);
    @k == @worker_kids && !grep { $_ == $deliverer } @k }),
    'the worker replaced its process');

$stack->finish;
done_testing;
