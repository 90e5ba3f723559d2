# HomeServe::Browser: runs a browser journey (t/browser/*.mjs: node, playwright-core, Debian's chromium) against a stack; its TAP becomes the test file's tests, and the browser is stopped however the file ends.
package HomeServe::Browser;

use strict;
use warnings;
use utf8;

use Cwd ();
use Encode ();
use File::Basename qw(basename);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use IO::Select;
use POSIX qw(WNOHANG);
use Time::HiRes qw(sleep time);
use Test::More;
use HomeServe::Test;

# Debian's chromium, never a downloaded browser.
our $CHROMIUM = $ENV{HS_CHROMIUM} // '/usr/bin/chromium';

my $node_pid;		# node, leader of its own process group
my @browser_pids;	# Chromium, each the leader of its own group

sub node {
	my ($node) = grep { -x } map { "$_/node" } split /:/, $ENV{PATH} // '';
	return $node;
}

# check_tools(SCRIPT): checks (as tests) that Chromium, node,
# playwright-core and SCRIPT (relative to the sources) are there.
# Missing tools fail the file, which ends here: script/bootstrap --test
# installs them.
sub check_tools {
	my ($script) = @_;
	my $tools = 1;
	$tools &= ok(-x $CHROMIUM, "$CHROMIUM is installed")
	    or diag('install Debian\'s chromium: script/bootstrap --test (as root)');
	$tools &= ok(node(), 'node is installed') or diag('script/bootstrap --test');
	$tools &= ok(-f node_modules() . '/playwright-core/package.json',
	    'playwright-core is installed in ' . node_modules())
	    or diag('run script/bootstrap --test (npm ci) in ' . src_dir());
	$tools &= ok(-f src_dir() . "/$script", "$script is there");
	return if $tools;
	done_testing();
	exit 1;
}

# The artefact dir of test NAME: in the build, not the sources (which may
# be read-only), one per build flavour.
sub default_artefact_dir {
	my ($name) = @_;
	return build_dir() . "/t/artefacts/$name" . ($ENV{HS_SANITIZE} ? '-sanitize' : '');
}

# prepare_artefacts(DIR, STALE...): makes DIR and DIR/pages, checks (as a
# test) that it is writable, and removes the pages and the files STALE
# of a last run, so a stale screenshot cannot pass for new.  Returns DIR
# as an absolute path: one spelling for the paths the script reports
# (make check runs from build/, where the sources are ../).
sub prepare_artefacts {
	my ($dir, @stale) = @_;
	make_path("$dir/pages");
	$dir = Cwd::abs_path($dir) // $dir;
	ok(-d "$dir/pages" && -w $dir, "the artefact dir $dir is writable")
	    or die "cannot write to $dir\n";
	unlink glob("$dir/pages/*.html"), map { "$dir/$_" } @stale;
	return $dir;
}

# The process group of PID, or undef when PID is gone.
sub pgrp_of {
	my ($pid) = @_;
	my $stat = HomeServe::Test::read_file("/proc/$pid/stat");
	return undef unless $stat =~ /\)\s+\S+\s+\d+\s+(\d+)/;
	return $1;
}

sub live_groups {
	return grep { (pgrp_of($_) // -1) == $_ } grep { defined } @_;
}

# Stops what run() started: TERM to node's group (playwright then closes
# Chromium) and to each Chromium group, then KILL to what is left.
sub stop_browser {
	my @groups = live_groups($node_pid, @browser_pids);
	if (@groups) {
		kill 'TERM', map { -$_ } @groups;
		my $until = time + 5;
		while (time < $until) {
			waitpid($node_pid, WNOHANG) if $node_pid;
			@groups = live_groups(@groups);
			last unless @groups;
			sleep 0.1;
		}
		kill 'KILL', map { -$_ } @groups if @groups;
	}
	waitpid($node_pid, 0) if $node_pid;
	undef $node_pid;
}

# A failed or interrupted test file still takes the browser down (this
# END runs before HomeServe::Test's, which stops the stack).
END {
	my $status = $?;
	stop_browser();
	$? = $status;
}

# Starts node SCRIPT BASE ARTEFACTS ARGS... as the leader of its own
# process group, with ENV added to the environment and its stdout on a
# pipe; Chromium's profile and crash files go to SCRATCH, not /tmp or
# $HOME.  Returns the pipe's reading end.
sub spawn {
	my ($stack, $scratch, %opt) = @_;
	pipe(my $from_node, my $to_perl) or die "pipe: $!";
	my $node = node();
	my @argv = ('node', src_dir() . "/$opt{script}", $stack->base, $opt{artefacts},
	    @{ $opt{args} // [] });
	$node_pid = fork() // die "fork: $!";
	if ($node_pid == 0) {
		setpgrp(0, 0);
		close $from_node;
		open(STDOUT, '>&', $to_perl) or POSIX::_exit(126);
		open(STDERR, '>', "$scratch/stderr") or POSIX::_exit(126);
		open(STDIN, '<', '/dev/null') or POSIX::_exit(126);
		my %env = (%{ $opt{env} // {} }, TMPDIR => $scratch, HOME => $scratch,
		    HS_CHROMIUM => $CHROMIUM, HS_NODE_MODULES => node_modules());
		for my $name (keys %env) {
			if (defined $env{$name}) {
				$ENV{$name} = $env{$name};
			} else {
				delete $ENV{$name};
			}
		}
		chdir src_dir();
		{ no warnings 'exec'; exec { $node } @argv; }
		POSIX::_exit(127);
	}
	close $to_perl;
	return $from_node;
}

# One line of the script's output: its checks become ours, its pages go
# to the stack's HTML checker, its artefacts and Chromium are noted in
# RUN.
sub relay {
	my ($stack, $run, $line) = @_;
	if ($line =~ /^(not )?ok (\d+) - (.*)$/) {
		$run->{seen}++;
		ok(!$1, "browser: $3");
	} elsif ($line =~ /^# ?(.*)$/) {
		diag("browser: $1");
	} elsif ($line =~ /^1\.\.(\d+)$/) {
		$run->{plan} = $1;
	} elsif ($line =~ /^artefact: (.+)$/) {
		$run->{artefact}{$1} = 1;
	} elsif ($line =~ /^page: (\S+) (.*)$/) {
		$stack->save_page(HomeServe::Test::read_file($1), $2);
	} elsif ($line =~ /^browser: (\d+)$/) {
		push @browser_pids, $1;
	} else {
		diag("browser says: $line");
	}
}

# Reads the script's output line by line until it ends or the deadline
# passes; returns false when the deadline passed.
sub read_lines {
	my ($from_node, $until, $each) = @_;
	my $buffer = '';
	my $select = IO::Select->new($from_node);
	while (1) {
		my $left = $until - time;
		return 0 if $left <= 0 || !$select->can_read($left);
		my $n = sysread($from_node, my $chunk, 65536);
		return 1 if !$n;
		$buffer .= $chunk;
		while ($buffer =~ s/^([^\n]*)\n//) {
			$each->(Encode::decode('UTF-8', $1));
		}
	}
}

# run(STACK, script => 't/browser/X.mjs', artefacts => DIR, deadline =>
# SECONDS, args => [...], env => {NAME => VALUE}): runs the journey
# SCRIPT in Chromium against STACK, as `node SCRIPT BASE DIR ARGS...`
# with ENV added to its environment; each of its checks is a test here,
# then come the checks that it ended in time, exited 0, ran to its plan
# and left no Chromium behind.  Returns the set of artefact paths the
# script reported, {PATH => 1}.
sub run {
	my ($stack, %opt) = @_;
	my $deadline = $opt{deadline} // 120;
	my $name = basename($opt{script});
	my $scratch = tempdir('hs-browser-XXXXXX', TMPDIR => 1, CLEANUP => 1);
	my $started = time;
	my $from_node = spawn($stack, $scratch, %opt);
	my $run = { seen => 0, artefact => {} };
	my $in_time = read_lines($from_node, $started + $deadline,
	    sub { relay($stack, $run, $_[0]) });
	close $from_node;
	ok($in_time, "the browser journey ends within $deadline s");
	stop_browser() unless $in_time;
	if ($node_pid) {
		waitpid($node_pid, 0);
		my $exit = $?;
		undef $node_pid;
		is($exit >> 8, 0, "$name exits 0") or do {
			my $err = HomeServe::Test::read_file("$scratch/stderr");
			diag("$name stderr:\n$err") if $err ne '';
		};
	}
	my $seconds = time - $started;
	ok(defined $run->{plan} && $run->{plan} == $run->{seen} && $run->{seen} > 0,
	    "$name ran to its end ($run->{seen} checks of a plan of "
	    . ($run->{plan} // 'none') . ')');
	note(sprintf('the browser journey took %.1f s', $seconds));
	ok(!live_groups(@browser_pids), 'no Chromium process is left running');
	return $run->{artefact};
}

# screenshots_ok(ARTEFACT, DIR, NAME...): checks (as tests) that the
# script reported each screenshot DIR/NAME and that it is a real PNG,
# then lists every screenshot the script took.
sub screenshots_ok {
	my ($artefact, $dir, @names) = @_;
	for my $name (@names) {
		my $path = "$dir/$name";
		ok($artefact->{$path}, "the script reports the screenshot $name");
		my $png = HomeServe::Test::read_file($path);
		ok(substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n" && length($png) > 5000,
		    "$path is a PNG (" . length($png) . ' bytes)');
	}
	diag("screenshot: $_") for grep { -f } sort keys %$artefact;
}

1;
