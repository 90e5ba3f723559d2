# 66-browser.t: the booking journey once in headless Chromium with JavaScript off (t/browser/journey.mjs over a private stack); its TAP becomes this file's tests, its screenshots go to the build dir's t/artefacts/.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Cwd ();
use Encode ();
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use IO::Select;
use POSIX qw(WNOHANG);
use Time::HiRes qw(sleep time);
use Test::More;
use HomeServe::Test;
use HomeServe::Images;

# Debian's chromium, never a downloaded browser.  Missing tools fail the
# file: script/bootstrap --test installs them.
my $CHROMIUM = $ENV{HS_CHROMIUM} // '/usr/bin/chromium';
my $SRC = src_dir();
my $SCRIPT = "$SRC/t/browser/journey.mjs";
my $DEADLINE = 120;	# seconds for the whole browser run, start to end
my ($NODE) = grep { -x } map { "$_/node" } split /:/, $ENV{PATH} // '';

my $tools = 1;
$tools &= ok(-x $CHROMIUM, "$CHROMIUM is installed")
    or diag('install Debian\'s chromium: script/bootstrap --test (as root)');
$tools &= ok($NODE, 'node is installed') or diag('script/bootstrap --test');
$tools &= ok(-f node_modules() . '/playwright-core/package.json',
    'playwright-core is installed in ' . node_modules())
    or diag("run script/bootstrap --test (npm ci) in $SRC");
$tools &= ok(-f $SCRIPT, 't/browser/journey.mjs is there');
unless ($tools) {
	done_testing();
	exit 1;
}

my $stack = start_stack();

# --- the artefact dir and the photos to upload -------------------------------

# Artefacts belong to the build, not the sources (which may be read-only).
my $ARTEFACTS = $ENV{HS_ARTEFACT_DIR}
    // build_dir() . '/t/artefacts/66-browser' . ($ENV{HS_SANITIZE} ? '-sanitize' : '');
make_path("$ARTEFACTS/pages");
# One spelling for the paths the script reports (make check runs from
# build/, where the sources are ../).
$ARTEFACTS = Cwd::abs_path($ARTEFACTS) // $ARTEFACTS;
ok(-d "$ARTEFACTS/pages" && -w $ARTEFACTS, "the artefact dir $ARTEFACTS is writable")
    or die "cannot write to $ARTEFACTS\n";
# Last run's files go first, so a stale screenshot cannot pass for new.
unlink glob("$ARTEFACTS/pages/*.html"), map { "$ARTEFACTS/$_" }
    qw(booking-form.png customer-booking-signed.png vendor-job.png
    vendor-job-photos.png
    before.jpg after.png);

HomeServe::Test::write_file("$ARTEFACTS/before.jpg", test_jpeg());
HomeServe::Test::write_file("$ARTEFACTS/after.png", test_png());

# --- the browser run, and cleaning up after it however it ends ----------------

my $node_pid;		# node, leader of its own process group
my @browser_pids;	# Chromium, each the leader of its own group

# The process group of PID, or undef when PID is gone.
sub pgrp_of {
	my ($pid) = @_;
	my $stat = HomeServe::Test::read_file("/proc/$pid/stat");
	return undef unless $stat =~ /\)\s+\S+\s+\d+\s+(\d+)/;
	return $1;
}

# Stops what this file started: TERM to node's group (playwright then
# closes Chromium) and to each Chromium group, then KILL to what is left.
sub stop_browser {
	my @groups = grep { (pgrp_of($_) // -1) == $_ }
	    grep { defined } $node_pid, @browser_pids;
	return unless @groups;
	kill 'TERM', map { -$_ } @groups;
	my $until = time + 5;
	while (time < $until) {
		waitpid($node_pid, WNOHANG) if $node_pid;
		@groups = grep { (pgrp_of($_) // -1) == $_ } @groups;
		last unless @groups;
		sleep 0.1;
	}
	kill 'KILL', map { -$_ } @groups if @groups;
	waitpid($node_pid, 0) if $node_pid;
	undef $node_pid;
}

# A failed or interrupted run still takes the browser down (this END
# runs before the harness's, which stops the stack).
END {
	my $status = $?;
	stop_browser();
	$? = $status;
}

# Chromium's profile and crash files land here, not in /tmp or $HOME.
my $scratch = tempdir('hs-browser-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $started = time;
pipe(my $from_node, my $to_perl) or die "pipe: $!";
$node_pid = fork() // die "fork: $!";
if ($node_pid == 0) {
	setpgrp(0, 0);
	close $from_node;
	open(STDOUT, '>&', $to_perl) or POSIX::_exit(126);
	open(STDERR, '>', "$scratch/stderr") or POSIX::_exit(126);
	open(STDIN, '<', '/dev/null') or POSIX::_exit(126);
	$ENV{TMPDIR} = $scratch;
	$ENV{HOME} = $scratch;
	$ENV{HS_CHROMIUM} = $CHROMIUM;
	chdir $SRC;
	$ENV{HS_NODE_MODULES} = node_modules();
	{ no warnings 'exec'; exec { $NODE } 'node', $SCRIPT, $stack->base, $ARTEFACTS; }
	POSIX::_exit(127);
}
close $to_perl;

# Each line of the script's TAP as it comes: its checks become ours.
my (%artefact, $plan, $seen, $timed_out, $buffer);
$seen = 0;
$buffer = '';
my $select = IO::Select->new($from_node);
READ: while (1) {
	my $left = $started + $DEADLINE - time;
	if ($left <= 0 || !$select->can_read($left)) {
		$timed_out = 1;
		last;
	}
	my $n = sysread($from_node, my $chunk, 65536);
	last if !$n;
	$buffer .= $chunk;
	while ($buffer =~ s/^([^\n]*)\n//) {
		my $line = Encode::decode('UTF-8', $1);
		if ($line =~ /^(not )?ok (\d+) - (.*)$/) {
			$seen++;
			ok(!$1, "browser: $3");
		} elsif ($line =~ /^# ?(.*)$/) {
			diag("browser: $1");
		} elsif ($line =~ /^1\.\.(\d+)$/) {
			$plan = $1;
		} elsif ($line =~ /^artefact: (.+)$/) {
			$artefact{$1} = 1;
		} elsif ($line =~ /^page: (\S+) (.*)$/) {
			my ($file, $label) = ($1, $2);
			$stack->save_page(HomeServe::Test::read_file($file), $label);
		} elsif ($line =~ /^browser: (\d+)$/) {
			push @browser_pids, $1;
		} else {
			diag("browser says: $line");
		}
	}
}
close $from_node;
ok(!$timed_out, "the browser journey ends within $DEADLINE s");
stop_browser() if $timed_out;
if ($node_pid) {
	waitpid($node_pid, 0);
	my $exit = $?;
	undef $node_pid;
	is($exit >> 8, 0, 'journey.mjs exits 0') or do {
		my $err = HomeServe::Test::read_file("$scratch/stderr");
		diag("journey.mjs stderr:\n$err") if $err ne '';
	};
}
my $seconds = time - $started;
ok(defined $plan && $plan == $seen && $seen > 0,
    "journey.mjs ran to its end ($seen checks of a plan of "
    . ($plan // 'none') . ')');
note(sprintf('the browser journey took %.1f s', $seconds));
ok(!(grep { (pgrp_of($_) // -1) == $_ } @browser_pids),
    'no Chromium process is left running');

# --- the screenshots -------------------------------------------------------------

for my $name (qw(customer-booking-signed.png vendor-job.png)) {
	my $path = "$ARTEFACTS/$name";
	ok($artefact{$path}, "the script reports the screenshot $name");
	my $png = HomeServe::Test::read_file($path);
	ok(substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n" && length($png) > 5000,
	    "$path is a PNG (" . length($png) . ' bytes)');
}
diag("screenshot: $_") for grep { -f } sort keys %artefact;

# The journey really happened on the server.
my $booking = $stack->sql(q{SELECT b.id, b.status, s.rating FROM bookings b
    LEFT JOIN signatures s ON s.booking_id = b.id ORDER BY b.id DESC LIMIT 1})->[0];
is($booking && "$booking->{status} " . ($booking->{rating} // 'unrated'), 'signed 5',
    'the database holds the signed booking rated 5');
is($stack->sql_value(q{SELECT group_concat(kind || ' ' || content_type, ', ')
    FROM (SELECT kind, content_type FROM photos ORDER BY id)}),
    'before image/jpeg, after image/png', '... with its before and after photos');

$stack->finish;
done_testing();
