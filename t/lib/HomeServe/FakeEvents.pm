# HomeServe::FakeEvents: the plumbing the fake servers of the tests share: a server process in its own process group that dies with the test, an event pipe the test waits on with a deadline (never a sleep), and small files written atomically (records, state shared by the server's processes).
package HomeServe::FakeEvents;

use strict;
use warnings;

use Carp qw(croak);
use Fcntl qw(:flock);
use File::Temp qw(tempdir);
use IO::Handle;
use IO::Select;
use JSON::PP ();
use POSIX qw(_exit);
use Time::HiRes qw(time);

my $JSON = JSON::PP->new->canonical->utf8;
my @LIVE;

# Event lines are cut to this length: a write of less than PIPE_BUF
# bytes to a pipe is atomic, so the lines of many processes never mix.
my $MAX_EVENT = 1000;

# --- the test's side --------------------------------------------------------

# new(NAME): a temporary dir (kept when HS_KEEP is set) and the pipes;
# spawn starts the server.
sub new {
	my ($class, $name) = @_;
	my $dir = tempdir("hs-$name-XXXXXX", TMPDIR => 1,
	    CLEANUP => !$ENV{HS_KEEP});
	pipe(my $reader, my $writer) or croak "$name: pipe: $!";
	pipe(my $life_r, my $life_w) or croak "$name: pipe: $!";
	return bless { name => $name, dir => $dir, reader => $reader,
	    writer => $writer, life_r => $life_r, life_w => $life_w,
	    events => [], cursor => 0, buf => '', eof => 0, pid => 0 }, $class;
}

sub dir { $_[0]{dir} }
sub pid { $_[0]{pid} }

# spawn(CODE): forks the server, which runs CODE->($events) in a process
# group of its own (its pid), so that stop can end it and every process
# it forked.  STDIN and STDOUT (the TAP stream) are /dev/null there.
sub spawn {
	my ($self, $code) = @_;
	$_->flush for \*STDOUT, \*STDERR;
	my $pid = fork() // croak "$self->{name}: fork: $!";
	if ($pid == 0) {
		setpgrp(0, 0);
		@SIG{qw(INT TERM HUP)} = ('DEFAULT') x 3;
		$SIG{PIPE} = 'IGNORE';
		open(STDIN, '<', '/dev/null');
		open(STDOUT, '>', '/dev/null');
		for my $other (@LIVE) {
			close $other->{reader};
			close $other->{life_w};
		}
		close $self->{reader};
		close $self->{life_w};
		eval { $code->($self); 1 }
		    or print STDERR "$self->{name}: $@";
		_exit(0);
	}
	setpgrp($pid, $pid);	# as the child does: whichever comes first
	close $self->{writer};
	close $self->{life_r};
	delete @$self{qw(writer life_r)};
	$self->{pid} = $pid;
	push @LIVE, $self;
	return $pid;
}

# Reads what the pipe holds, waiting up to TIMEOUT seconds for
# something: 'data', 'timeout' or 'eof' (every server process is gone).
sub read_events {
	my ($self, $timeout) = @_;
	return 'eof' if $self->{eof};
	return 'timeout'
	    unless IO::Select->new($self->{reader})->can_read($timeout);
	my $n = sysread($self->{reader}, my $chunk, 65536);
	return 'timeout' if !defined $n && $!{EINTR};
	if (!$n) {
		$self->{eof} = 1;
		return 'eof';
	}
	$self->{buf} .= $chunk;
	push @{ $self->{events} }, $1 while $self->{buf} =~ s/\A([^\n]*)\n//;
	return 'data';
}

# Takes in whatever events have arrived, without waiting.
sub drain {
	my ($self) = @_;
	1 while $self->read_events(0) eq 'data';
}

# events(): every event line so far, oldest first (those already
# consumed by wait_for too).
sub events {
	my ($self) = @_;
	$self->drain;
	return @{ $self->{events} };
}

# wait_for(REGEX, TIMEOUT): the first event line after the cursor that
# matches, waiting up to TIMEOUT seconds (10 by default) for it to
# arrive; the cursor moves past it.  undef at the deadline, or at once
# when the server has gone; the cursor stays.
sub wait_for {
	my ($self, $re, $timeout) = @_;
	my $deadline = time + ($timeout // 10);
	my $ev = $self->{events};
	my $i = $self->{cursor};
	while (1) {
		for (; $i < @$ev; $i++) {
			next unless $ev->[$i] =~ $re;
			$self->{cursor} = $i + 1;
			return $ev->[$i];
		}
		my $left = $deadline - time;
		return undef if $left <= 0;
		return undef if $self->read_events($left) eq 'eof';
	}
}

# stop(): ends the server and everything it forked (TERM to its process
# group; KILL after 5 seconds), waits until all of them have closed the
# event pipe, and reaps the server.
sub stop {
	my ($self) = @_;
	my $pid = $self->{pid} or return;
	kill('TERM', -$pid) or kill('TERM', $pid);
	my $deadline = time + 5;
	while ((my $left = $deadline - time) > 0) {
		last if $self->read_events($left) eq 'eof';
	}
	kill('KILL', -$pid) unless $self->{eof};
	waitpid($pid, 0);
	close $self->{life_w};
	$self->{pid} = 0;
	@LIVE = grep { $_ != $self } @LIVE;
}

END {
	my $status = $?;
	$_->stop for @LIVE;
	$? = $status;
}

# --- the server's side ------------------------------------------------------

# emit(LINE): one event line for the test; newlines become spaces.
sub emit {
	my ($self, $line) = @_;
	$line =~ s/[\r\n]+/ /g;
	$line = substr($line, 0, $MAX_EVENT);
	syswrite($self->{writer}, "$line\n");
}

# lifeline(): a handle that turns readable (at EOF) when the test
# process is gone; the servers watch it so that none outlives its test.
sub lifeline { $_[0]{life_r} }

# --- files both sides read and write ----------------------------------------

sub read_file {
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or return undef;
	local $/;
	return scalar <$fh>;
}

# write_file(PATH, BYTES): written to a temporary name and renamed, so a
# reader sees the whole file or none.
sub write_file {
	my ($path, $bytes) = @_;
	my $tmp = "$path.tmp$$";
	open(my $fh, '>:raw', $tmp) or croak "cannot write $tmp: $!";
	print {$fh} $bytes;
	close($fh) or croak "cannot write $tmp: $!";
	rename($tmp, $path) or croak "cannot rename $tmp: $!";
}

# update_state(NAME, CODE): CODE->(STATE) with STATE the hash in
# NAME.json, under an exclusive lock; STATE is saved afterwards (as CODE
# left it) and what CODE returned is returned.
sub update_state {
	my ($self, $name, $code) = @_;
	my $path = "$self->{dir}/$name.json";
	open(my $lock, '>>', "$path.lock") or croak "cannot open $path.lock: $!";
	flock($lock, LOCK_EX) or croak "cannot lock $path.lock: $!";
	my $text = read_file($path);
	my $state = defined $text ? $JSON->decode($text) : {};
	my @ret = $code->($state);
	write_file($path, $JSON->encode($state));
	close $lock;
	return wantarray ? @ret : $ret[0];
}

# next_serial(KIND): 1, 2, 3... across all the server's processes.
sub next_serial {
	my ($self, $kind) = @_;
	return $self->update_state("$kind-serial", sub { ++$_[0]{n} });
}

# write_record(KIND, SERIAL, ENTRY, EXT => BYTES...): KIND/NNNNNN.json
# holding ENTRY, and KIND/NNNNNN.EXT beside it for bulky bytes; the
# .json comes last, so a record that can be seen is complete.
sub write_record {
	my ($self, $kind, $serial, $entry, %blobs) = @_;
	my $base = sprintf('%s/%s/%06d', $self->{dir}, $kind, $serial);
	mkdir "$self->{dir}/$kind";
	write_file("$base.$_", $blobs{$_}) for keys %blobs;
	write_file("$base.json", $JSON->encode($entry));
}

# records(KIND): the decoded entries, oldest (lowest serial) first; each
# has _base, the path without the extension, for its blobs.
sub records {
	my ($self, $kind) = @_;
	opendir(my $dh, "$self->{dir}/$kind") or return ();
	my @names = sort grep { /^\d+\.json\z/ } readdir $dh;
	my @out;
	for my $name (@names) {
		my $text = read_file("$self->{dir}/$kind/$name") // next;
		my $entry = $JSON->decode($text);
		($entry->{_base} = "$self->{dir}/$kind/$name") =~ s/\.json\z//;
		push @out, $entry;
	}
	return @out;
}

1;
