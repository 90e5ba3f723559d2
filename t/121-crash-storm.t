# 121-crash-storm.t: bench/crash-storm for 20 seconds: bookings, accepts and payments while SIGKILL hits workers, supervisors, the background worker and nginx; every check it makes must hold (errors during the storm are expected; lost or doubled data are not).
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

not_in_release_check('killed processes, not the link; t/122 kills workers in this run');

# A data dir of the harness's own (removed at the end, kept with
# HS_KEEP), so that the sanitizers' reports land in its log/.
my $sandbox = HomeServe::Test->new_sandbox;
my %env = $sandbox->env;
my ($rc, $out, $err) = run_command([src_dir() . '/bench/crash-storm'], env => {
	HOMESERVE_BUILD => build_dir(),
	HOMESERVE_WORKERS => 2,
	STORM_DATA => $sandbox->data,
	STORM_CLIENTS => 2,
	DURATION => 20,
	map { $_ => $env{$_} } qw(ASAN_OPTIONS UBSAN_OPTIONS),
});
note($out);
diag($err) if $err ne '';

my @checks = $out =~ /^(ok|FAIL) +(.*)$/mg;
cmp_ok(scalar(@checks) / 2, '>=', 12, 'the storm made its checks');
while (my ($verdict, $what) = splice(@checks, 0, 2)) {
	is($verdict, 'ok', "after the storm: $what");
}
is($rc >> 8, 0, 'bench/crash-storm exits 0') or diag($out);
like($out, qr/^crash-storm: PASS$/m, '... and says PASS');

my %figure = $out =~ /^  (\S.*?) +(\d+)(?: \(.*\))?$/mg;
cmp_ok($figure{'success booking'} // 0, '>', 0, 'bookings were made during the storm');
cmp_ok($figure{'success signed'} // 0, '>', 0, '... signed and paid');
cmp_ok($figure{kills} // 0, '>', 0, 'processes were killed: ' . join(', ',
    map { /^kill (.*)/ ? "$1 $figure{$_}" : () } sort keys %figure));

# Sanitizer reports (an ASan build: HS_SANITIZE=1) from any process.
opendir(my $dh, $sandbox->data . '/log') or die "log: $!";
my @reports = grep { /^(?:asan|ubsan)/ } readdir $dh;
is_deeply(\@reports, [], 'no sanitizer reports');
# The storm's stack has stopped; its logs hold the kills on purpose.
$sandbox->{finished} = 1;
done_testing;
