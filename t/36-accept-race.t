# 36-accept-race.t: twenty-one vendors accept one booking at the same instant: one wins, the rest get 409, and the database records one acceptance.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use HTTP::Response;
use IO::Socket::INET;
use POSIX qw(_exit strftime);
use Test::More;
use HomeServe::Test;

# Four workers per area rather than the harness's two, so that several
# accepts are inside the vendor area at once, not just queued for it.
{
	no warnings 'redefine';
	my $env = \&HomeServe::Test::env;
	*HomeServe::Test::env = sub { ($env->(@_), HOMESERVE_WORKERS => 4) };
}

my $RACERS = 20;	# vendors made here; vendor1 races too
my $TAKEN = 'Another vendor has already taken this job.';
my $OVERLAP = 'You already hold a job at that time (jobs need their '
    . 'duration plus 30 minutes between them).';

my $stack = start_stack();
my ($port) = $stack->base =~ /:(\d+)$/;

# --- twenty more verified vendors doing AC in 110001, made in SQL ---
$stack->sql(q{
	INSERT INTO users (username, email, phone, password_hash, role,
	    address, pincode, created_at, updated_at)
	WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k
	    WHERE n < ?)
	SELECT printf('racer%02d', n), printf('racer%02d@homeserve.test', n),
	    '', (SELECT password_hash FROM users WHERE username = 'vendor1'),
	    'vendor', printf('%d Race Course Road, New Delhi', n), '110001',
	    unixepoch(), unixepoch()
	FROM k}, $RACERS);
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at,
    status_at, updated_at) SELECT id, 'verified', unixepoch(), unixepoch(),
    unixepoch() FROM users WHERE username GLOB 'racer*'});
$stack->sql(q{INSERT INTO vendor_categories (vendor_id, category)
    SELECT id, 'ac' FROM users WHERE username GLOB 'racer*'});
$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode)
    SELECT id, '110001' FROM users WHERE username GLOB 'racer*'});
is($stack->sql_value(q{SELECT count(*) FROM users u JOIN vendor_profiles p
    ON p.user_id = u.id AND p.status = 'verified' WHERE u.role = 'vendor'}),
    $RACERS + 1, "$RACERS new verified vendors besides vendor1");

# --- customer1 books AC Repair for tomorrow 11:00 ---
my $when = local_time(1, '11:00');
my $c = $stack->mech;
$stack->login_ok($c, 'customer1', 'password123', '/');

# book(WHEN): customer1 books AC Repair in 110001 through the form; the id.
sub book {
	my ($at) = @_;
	$c->get($stack->url('/bookings/new?service_id=1'));
	my $res = $stack->post_form($c, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => $at, notes => '' });
	is($res->code, 303, "customer1 books AC Repair for $at");
	my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
	ok($id, 'and is sent to the new booking') or BAIL_OUT('no booking');
	return $id;
}
my $id = book($when);
my $customer_id = $stack->sql_value(
    q{SELECT id FROM users WHERE username = 'customer1'});

# --- every vendor signs in and takes the token from its job board ---
my @vendors;
for my $name ('vendor1', map { sprintf('racer%02d', $_) } 1 .. $RACERS) {
	my $m = $stack->mech;
	$stack->login_ok($m, $name, 'password123', '/vendor/');
	my $res = $m->get($stack->url('/vendor/jobs'));
	my $cookie = $m->cookie_jar->as_string =~ /hs_session=([0-9a-f]+)/ ?
	    $1 : undef;
	push @vendors, { name => $name, mech => $m, csrf => $stack->csrf($m),
	    cookie => $cookie, id => $stack->sql_value(
	    'SELECT id FROM users WHERE username = ?', $name) };
	next if $name ne 'vendor1' && $name ne 'racer20';
	like($res->decoded_content, qr{href="/vendor/bookings/$id"},
	    "booking #$id is on $name\'s board");
}
is(scalar(grep { $_->{csrf} && $_->{cookie} } @vendors), $RACERS + 1,
    'each vendor has a session cookie and a CSRF token');

# race(PATH, VENDORS): every vendor POSTs to PATH at the same instant.
# Each child connects and sends all of its request but the last byte,
# then waits on a pipe; when all are ready the pipe is closed and every
# child sends its last byte (nginx holds a request until its body is
# complete, so none reaches a worker early).  Returns the responses as
# HTTP::Response objects, in the order of VENDORS.
sub race {
	my ($path, $who) = @_;
	my $dir = $stack->data . '/race';
	mkdir $dir;
	pipe(my $ready_r, my $ready_w) or die "pipe: $!";
	pipe(my $go_r, my $go_w) or die "pipe: $!";
	my @pids;
	for my $i (0 .. $#$who) {
		my $v = $who->[$i];
		my $body = "csrf_token=$v->{csrf}";
		my $request = "POST $path HTTP/1.0\r\n"
		    . "Host: 127.0.0.1:$port\r\n"
		    . "Cookie: hs_session=$v->{cookie}\r\n"
		    . "Content-Type: application/x-www-form-urlencoded\r\n"
		    . 'Content-Length: ' . length($body) . "\r\n\r\n$body";
		my $pid = fork() // die "fork: $!";
		if ($pid == 0) {
			# The child must not run the test's END blocks.
			close $ready_r;
			close $go_w;
			alarm 60;
			my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
			    PeerPort => $port, Proto => 'tcp');
			unless ($sock && syswrite($sock, $request,
			    length($request) - 1) == length($request) - 1) {
				syswrite($ready_w, 'x');
				_exit(1);
			}
			syswrite($ready_w, 'r');
			close $ready_w;
			sysread($go_r, my $eof, 1);
			syswrite($sock, substr($request, -1));
			my $reply = '';
			while (sysread($sock, my $chunk, 65536)) {
				$reply .= $chunk;
			}
			open(my $fh, '>:raw', "$dir/$i") or _exit(1);
			print {$fh} $reply;
			close($fh) or _exit(1);
			_exit(0);
		}
		push @pids, $pid;
	}
	close $ready_w;
	close $go_r;
	my $ready = '';
	while (length($ready) < @$who
	    && sysread($ready_r, my $byte, 1)) {
		$ready .= $byte;
	}
	is($ready, 'r' x @$who, scalar(@$who) . ' requests are connected and '
	    . 'wait for their last byte');
	close $go_w;	# go
	waitpid($_, 0) for @pids;
	my @res;
	for my $i (0 .. $#$who) {
		open(my $fh, '<:raw', "$dir/$i") or die "no reply $i: $!";
		local $/;
		my $res = HTTP::Response->parse(<$fh> // '');
		close $fh;
		unlink "$dir/$i";
		$stack->save_page($res->content, "POST $path as "
		    . "$who->[$i]{name} → " . ($res->code // '?'))
		    if ($res->header('Content-Type') // '') =~ m{^text/html}
		    && length $res->content;
		push @res, $res;
	}
	rmdir $dir;
	return @res;
}

# --- the race ---
my @res = race("/vendor/bookings/$id/accept", \@vendors);
my @won = grep { $res[$_]->code == 303 } 0 .. $#res;
my @lost = grep { $res[$_]->code == 409 } 0 .. $#res;
is(scalar(grep { ($_->code // 0) >= 500 } @res), 0, 'no accept answers 5xx');
is(scalar @won, 1, 'exactly one accept answers 303')
    or diag(join ', ', map { $_->status_line // 'nothing' } @res);
is(scalar @lost, $RACERS, "the other $RACERS answer 409");
is(scalar(@won) + scalar(@lost), $RACERS + 1, 'and nothing else is answered');
my $winner = $vendors[$won[0] // 0];
is($res[$won[0] // 0]->header('Location'),
    "/vendor/bookings/$id?notice=accepted", 'the winner is sent to the job');
is(scalar(grep { index($_->decoded_content, $TAKEN) >= 0 } @res[@lost]),
    scalar @lost, "every 409 page says “$TAKEN”");
note("won by $winner->{name}");

my $row = $stack->sql('SELECT status, vendor_id FROM bookings WHERE id = ?',
    $id)->[0];
is($row->{status}, 'accepted', 'the booking is accepted');
is($row->{vendor_id}, $winner->{id}, 'by the vendor who got the 303');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE
    action = 'booking.accepted' AND entity = 'booking' AND entity_id = ?},
    $id), 1, 'one booking.accepted audit row');
is($stack->sql_value(q{SELECT actor_id FROM audit_log WHERE
    action = 'booking.accepted' AND entity_id = ?}, $id), $winner->{id},
    'naming the winner');
is($stack->sql_value(q{SELECT count(*) FROM booking_events WHERE
    booking_id = ? AND to_status = 'accepted'}, $id), 1,
    "one 'accepted' event in the timeline");
is($stack->sql_value(q{SELECT count(*) FROM notifications WHERE
    booking_id = ? AND text LIKE '%was accepted by a vendor.'}, $id), 1,
    'the customer is told once');
is($stack->sql_value(q{SELECT count(*) FROM notifications WHERE
    booking_id = ? AND user_id <> ?}, $id, $customer_id), 0,
    'and no vendor is told anything');

# The winner sees the job as theirs; a loser no longer sees it at all.
my $res = $winner->{mech}->get($stack->url("/vendor/bookings/$id?notice=accepted"));
is($res->code, 200, 'the winner opens the job');
like($res->decoded_content, qr/The job is yours\./, 'and reads that it is theirs');
my $loser = $vendors[$lost[0] // 0];
$res = $loser->{mech}->get($stack->url("/vendor/bookings/$id"));
is($res->code, 404, "a loser ($loser->{name}) gets 404 for the job now");
$res = $loser->{mech}->get($stack->url('/vendor/jobs'));
unlike($res->decoded_content, qr{href="/vendor/bookings/$id"},
    'and it is off their board');

# --- the winner cannot take a second job at the same time ---
my $second = book($when);
$res = $winner->{mech}->get($stack->url('/vendor/jobs'));
like($res->decoded_content, qr{href="/vendor/bookings/$second"},
    "the second booking #$second is on the winner's board");
$res = $stack->post_form($winner->{mech}, "/vendor/bookings/$second/accept", {});
is($res->code, 409, 'accepting an overlapping job is 409');
like($res->decoded_content, qr/\Q$OVERLAP\E/, 'with the overlap sentence');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $second),
    'pending', 'the second booking stays pending');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE
    action = 'booking.accepted' AND entity_id = ?}, $second), 0,
    'and no acceptance is audited');
# Another vendor may still take it.
$loser->{mech}->get($stack->url('/vendor/jobs'));
$res = $stack->post_form($loser->{mech}, "/vendor/bookings/$second/accept", {});
is($res->code, 303, "$loser->{name} takes the second job");

$stack->finish;
done_testing;
