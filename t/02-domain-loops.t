# 02-domain-loops.t: no two modules of lib/domain call each other, directly or round a loop: a module's .c including another module's header is a call, and the graph of calls must have no cycle (settlement.c sits above bookings, payments and payouts for this).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

# { module => [modules whose header its .c or its own .h includes] }, for DIR.
sub calls_in {
	my ($dir) = @_;
	opendir(my $dh, $dir) or die "$dir: $!";
	my %mods = map { /^(\w+)\.c$/ ? ($1 => 1) : () } readdir $dh;
	my %calls;
	for my $m (sort keys %mods) {
		my $src = HomeServe::Test::read_file("$dir/$m.c");
		$src .= HomeServe::Test::read_file("$dir/$m.h") if -f "$dir/$m.h";
		my %to = map { $_ => 1 } grep { $mods{$_} && $_ ne $m } $src =~ /^#include "(\w+)\.h"/mg;
		$calls{$m} = [ sort keys %to ];
	}
	return \%calls;
}

# The first loop in the graph, as a list of modules, or ().
sub a_loop {
	my ($calls) = @_;
	my (%state, @path);	# 1 on the path, 2 done
	my $visit;
	$visit = sub {
		my ($m) = @_;
		$state{$m} = 1;
		push @path, $m;
		for my $n (@{ $calls->{$m} }) {
			if (($state{$n} // 0) == 1) {
				my ($at) = grep { $path[$_] eq $n } 0 .. $#path;
				return (@path[$at .. $#path], $n);
			}
			next if $state{$n};
			my @loop = $visit->($n);
			return @loop if @loop;
		}
		pop @path;
		$state{$m} = 2;
		return ();
	};
	for my $m (sort keys %$calls) {
		next if $state{$m};
		my @loop = $visit->($m);
		return @loop if @loop;
	}
	return ();
}

# The check can fail: a made-up graph with a loop is caught.
is_deeply([a_loop({ booking => ['payment'], payment => ['payout'], payout => ['booking'] })],
    [qw(booking payment payout booking)], 'a loop of three is found');
is_deeply([a_loop({ settlement => [qw(booking payment payout)], booking => [], payment => [],
    payout => [] })], [], 'a module above the others is no loop');

my $calls = calls_in(src_dir() . '/lib/domain');
cmp_ok(scalar keys %$calls, '>', 20, 'lib/domain has its modules: ' . scalar keys %$calls);
my @loop = a_loop($calls);
ok(!@loop, 'no loop among the domain modules') or diag('loop: ' . join(' -> ', @loop));
for my $pair ([qw(booking payment)], [qw(payment booking)], [qw(payment payout)], [qw(payout payment)],
    [qw(booking payout)], [qw(vendor_doc vendor)]) {
	my ($from, $to) = @$pair;
	ok(!grep({ $_ eq $to } @{ $calls->{$from} }), "$from.c does not call $to.c");
}
ok((grep { $_ eq 'payment' } @{ $calls->{settlement} }) && (grep { $_ eq 'booking' } @{ $calls->{settlement} }),
    'settlement.c calls bookings and payments');

done_testing;
