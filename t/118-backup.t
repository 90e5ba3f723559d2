# 118-backup.t: homeserve-ctl backup takes a consistent copy while customers keep booking, and restore brings it back into a fresh stack with every booking committed before the backup began and the uploads and keys; a backup into a directory not empty, a damaged or cut-short backup, and a restore into a data directory in use or holding a database are refused with a clear message and nothing changed.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use File::Temp qw(tempdir);
use POSIX ();
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;

# An upload a backup must carry, as the photo pages store them.
my $photo = "uploads/photos/backup-test.jpg";
my $photo_bytes = join('', map { chr($_ % 256) } 0 .. 4095);
mkdir $stack->data . '/uploads';
mkdir $stack->data . '/uploads/photos';
HomeServe::Test::write_file($stack->data . "/$photo", $photo_bytes);

my %form = (service_id => 1, address => '12 Janpath, New Delhi', pincode => '110001',
    notes => '', scheduled_date => local_time(2, '10:00'));

# --- a booking storm while the backup runs -----------------------------------------------
# A child books as customer1 without pause; it says "ready" after its
# first ten bookings and stops when the parent closes its pipe.
pipe(my $ready_r, my $ready_w) or die "pipe: $!";
pipe(my $stop_r, my $stop_w) or die "pipe: $!";
my $child = fork() // die "fork: $!";
if ($child == 0) {
	close $ready_r;
	close $stop_w;
	my $m = $stack->mech;
	$stack->{pages} = 100_000;	# its pages out of the way of the parent's
	$stack->login($m, 'customer1', 'password123');
	my ($made, $bad) = (0, 0);
	my $rin = '';
	vec($rin, fileno($stop_r), 1) = 1;
	while (1) {
		$m->get($stack->url('/bookings/new?service_id=1'));
		my $res = $stack->post_form($m, '/bookings/new', \%form);
		($res->header('Location') // '') =~ m{^/bookings/\d+$} ? $made++ : $bad++;
		if ($made == 10) {
			syswrite($ready_w, "ready\n");
		}
		last if select(my $rout = $rin, undef, undef, 0);	# the parent closed it
	}
	syswrite($ready_w, "made $made bad $bad\n");
	POSIX::_exit(0);
}
close $ready_w;
close $stop_r;
my $line = <$ready_r>;
is($line, "ready\n", 'the storm has made its first ten bookings');

my @before = map { $_->{id} } @{ $stack->sql('SELECT id FROM bookings ORDER BY id') };
my $dir = tempdir('hs-backup-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $backup = "$dir/one";
my ($rc, $out, $err) = $stack->ctl('backup', $backup);
is($rc >> 8, 0, 'homeserve-ctl backup succeeds while customers book') or diag($out . $err);
like($out, qr{^backed up \d+ files, \d+ bytes, into \Q$backup\E$}m, '... and says what it copied');
close $stop_w;
my $summary = <$ready_r>;
waitpid($child, 0);
like($summary // '', qr{^made (\d+) bad 0$}, 'the storm: every booking answered with a 303 to it') or diag($summary);
my ($made) = ($summary // '') =~ /made (\d+)/;
my $after = $stack->sql_value(q{SELECT count(*) FROM bookings});
cmp_ok($after, '>', scalar(@before), "bookings went on during and after the backup ($after now, "
    . scalar(@before) . ' when it began)');

# --- the backup's contents ------------------------------------------------------------------
ok(-f "$backup/MANIFEST", 'the backup has its manifest');
my $manifest = HomeServe::Test::read_file("$backup/MANIFEST");
like($manifest, qr{\Ahomeserve-backup 1\ncreated \d+\n}, 'the manifest says what it is');
for my $file ('homeserve.db', 'keys/app.key', 'keys/signing.pem', $photo) {
	like($manifest, qr{^[0-9a-f]{64} \d+ \Q$file\E$}m, "the manifest lists $file with its checksum");
}
is((stat $backup)[2] & 07777, 0700, 'the backup directory is for its owner only (it holds the keys)');

# --- refused: a backup into a directory not empty -----------------------------------------------
($rc, $out, $err) = $stack->ctl('backup', $backup);
is($rc >> 8, 1, 'a second backup into the same directory is refused');
like($err, qr{\Q$backup\E is not empty}, '... saying why');
is(HomeServe::Test::read_file("$backup/MANIFEST"), $manifest, '... and the first backup is untouched');

# --- refused: a restore into the running stack's data directory ------------------------------------
($rc, $out, $err) = $stack->ctl('restore', $backup);
is($rc >> 8, 1, 'a restore into the data directory of a running site is refused');
like($err, qr{is in use: stop the site}, '... saying why');
my $c = $stack->mech;
$stack->login_ok($c, 'customer1', 'password123', '/');
is($c->get($stack->url("/bookings/$before[-1]"))->code, 200, "the site still serves booking #$before[-1]");
$stack->finish;

# --- restored into a fresh stack -------------------------------------------------------------
my $fresh = start_stack(restore => $backup);
my %restored = map { $_->{id} => 1 } @{ $fresh->sql('SELECT id FROM bookings') };
is(scalar(grep { !$restored{$_} } @before), 0, 'every booking committed before the backup began is there ('
    . scalar(@before) . ')');
is($fresh->sql_value('PRAGMA integrity_check'), 'ok', 'PRAGMA integrity_check: ok');
is(HomeServe::Test::read_file($fresh->data . "/$photo"), $photo_bytes, 'the upload is back, byte for byte');
is(HomeServe::Test::read_file($fresh->data . '/keys/app.key'), HomeServe::Test::read_file($stack->data . '/keys/app.key'),
    'the server secret is back');
my $m = $fresh->mech;
$fresh->login_ok($m, 'customer1', 'password123', '/');
is($m->get($fresh->url("/bookings/$before[-1]"))->code, 200, "customer1 opens booking #$before[-1] on the restored site");
$fresh->finish;

# --- refused: damaged, cut short, or into a data directory that holds a database --------------------
{
	my $sandbox = HomeServe::Test->new_sandbox;
	($rc, $out, $err) = $sandbox->ctl('restore', $backup);
	is($rc >> 8, 0, 'a restore into an empty directory succeeds');
	($rc, $out, $err) = $sandbox->ctl('restore', $backup);
	is($rc >> 8, 1, 'a restore into a data directory holding a database is refused');
	like($err, qr{already holds homeserve\.db: restore only into an empty data directory}, '... saying why');
}
{
	my $damaged = "$dir/damaged";
	($rc, $out, $err) = $stack->ctl('backup', $damaged);	# the stack is stopped: an offline backup
	is($rc >> 8, 0, 'a backup of a stopped site') or diag($err);
	open(my $fh, '>>', "$damaged/$photo") or die "$damaged/$photo: $!";
	print $fh 'x';
	close $fh;
	my $sandbox = HomeServe::Test->new_sandbox;
	my $target = $sandbox->data;
	($rc, $out, $err) = $sandbox->ctl('restore', $damaged);
	is($rc >> 8, 1, 'a backup with a file that does not match its checksum is refused');
	like($err, qr{\Q$photo\E does not match its checksum in the manifest}, '... naming the file');
	ok(!-e "$target/homeserve.db", '... and nothing is restored');
	unlink "$damaged/MANIFEST";
	($rc, $out, $err) = $sandbox->ctl('restore', $damaged);
	is($rc >> 8, 1, 'a backup without its manifest (cut short) is refused');
	like($err, qr{has no MANIFEST: not a backup, or one cut short}, '... saying why');
}

done_testing;
