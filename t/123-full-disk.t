# 123-full-disk.t: with the database and uploads on a small tmpfs filled to the last byte, a booking, a photo, a message and a sign-in answer a clear 503 page and save nothing, while the catalogue, the bookings and a booking's page keep answering 200 for signed-in users; once space returns the same booking goes through, nothing is half-written and the database is intact.
use strict;
use warnings;
use Errno qw(ENOSPC);
use File::Temp qw(tempdir);
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Images;
use HomeServe::Test;
use URI::Escape ();

plan skip_all => 'mounting a small file system needs root (CI runs as root)'
    if $> != 0;

my $DISK_MB = 32;
my ($mount, $stack);

# mount_tmpfs(DIR): 1 when a tmpfs of $DISK_MB MB is mounted on DIR.
sub mount_tmpfs {
	my ($dir) = @_;
	return system('mount', '-t', 'tmpfs', '-o', "size=${DISK_MB}m,mode=0755",
	    'tmpfs', $dir) == 0;
}

# A root without the right to mount (a container) cannot run this.
{
	my $probe = tempdir('hs-mount-XXXXXX', TMPDIR => 1, CLEANUP => 1);
	plan skip_all => 'cannot mount a tmpfs here (no CAP_SYS_ADMIN?)'
	    unless mount_tmpfs($probe);
	system('umount', $probe);
}

# Whatever happens, the stack stops and the disk goes, lazily if busy.
END {
	my $status = $?;
	$stack->shutdown if $stack;
	if (defined $mount && system("mountpoint -q '$mount'") == 0) {
		system('umount', $mount) == 0 or system('umount', '-l', $mount);
	}
	$? = $status;
}

# The database (a symlink SQLite follows, so its WAL and index go too)
# and uploads/ live on the small disk under the data dir; logs, nginx's
# temp files and sockets stay off it, as an operator would arrange.
$stack = start_stack(prepare => sub {
	my ($data) = @_;
	mkdir "$data/disk" or die "mkdir $data/disk: $!";
	mount_tmpfs("$data/disk") or die "mount on $data/disk failed";
	$mount = "$data/disk";
	mkdir "$mount/uploads" or die "mkdir $mount/uploads: $!";
	symlink("disk/homeserve.db", "$data/homeserve.db") or die "symlink: $!";
	symlink("disk/uploads", "$data/uploads") or die "symlink: $!";
});
$stack->relax_booking_rules;
ok(-f "$mount/homeserve.db" && -f "$mount/homeserve.db-wal",
    'the database and its WAL are on the small disk');

my ($c, $v, $visitor) = map { $stack->mech } 1 .. 3;
$stack->login_ok($c, 'customer1', 'password123', '/');
$stack->login_ok($v, 'vendor1', 'password123', '/vendor/');

my %booking = (service_id => 1, address => '12 Janpath, New Delhi',
    pincode => '110001', scheduled_date => local_time(1, '10:00'), notes => '');

# A job in progress, for the vendor's photos and the messages.
$c->get($stack->url('/bookings/new?service_id=1'));
my ($job) = ($stack->post_form($c, '/bookings/new', \%booking)
    ->header('Location') // '') =~ m{^/bookings/(\d+)$};
ok($job, "customer1 books job $job");
$v->get($stack->url('/vendor/jobs'));
$stack->post_form($v, "/vendor/bookings/$job/accept", {});
my ($otp) = $c->get($stack->url("/bookings/$job"))->decoded_content
    =~ m{<p class="otp">(\d{6})</p>};
$v->get($stack->url("/vendor/bookings/$job"));
$stack->post_form($v, "/vendor/bookings/$job/start", { otp => $otp // '' });
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $job),
    'in_progress', "job $job is in progress");

# uploads(): the files under uploads/, sorted.
sub uploads {
	my @files;
	my @dirs = ("$mount/uploads");
	while (defined(my $d = shift @dirs)) {
		opendir(my $dh, $d) or next;
		for (grep { !/^\.\.?\z/ } readdir $dh) {
			-d "$d/$_" ? push(@dirs, "$d/$_") : push(@files, "$d/$_");
		}
		closedir $dh;
	}
	return join("\n", sort @files);
}

# counts(): the rows the refused actions would have made.
sub counts {
	return $stack->sql('SELECT (SELECT count(*) FROM bookings) AS bookings,
	    (SELECT count(*) FROM photos) AS photos,
	    (SELECT count(*) FROM messages) AS messages,
	    (SELECT count(*) FROM outbox) AS outbox,
	    (SELECT count(*) FROM booking_events) AS events,
	    (SELECT count(*) FROM audit_log) AS audit,
	    (SELECT count(*) FROM sessions WHERE user_id IS NOT NULL) AS signed_in')->[0];
}

# photo(MECH, CSRF): the vendor's before photo for the job, by multipart POST.
sub photo {
	my ($csrf) = @_;
	return $v->post($stack->url("/vendor/bookings/$job/photos"),
	    Content_Type => 'form-data', Content => [csrf_token => $csrf,
	    image_type => 'before', image => [undef, 'before.png',
	    'Content-Type' => 'image/png', Content => HomeServe::Images::test_png()]]);
}

# full_page_ok(RES, WHAT): the disk-full answer, as a person sees it.
sub full_page_ok {
	my ($res, $what) = @_;
	is($res->code, 503, "$what: 503");
	my $html = HomeServe::Test::decode_html($res->decoded_content // '');
	like($html, qr/HomeServe cannot save anything right now: the server's disk is full\. Nothing was saved; try again later\./,
	    "$what: the page says the disk is full and nothing was saved");
	ok(($res->header('Retry-After') // '') =~ /^\d+$/, "$what: Retry-After");
	ok(!defined $res->header('Set-Cookie'), "$what: no cookie for a session never saved");
}

# The forms as they stand before the disk fills: the booking form with
# its one-time key, the job's page with the photo form, a visitor's
# sign-in page (its session made now).
$c->get($stack->url('/bookings/new?service_id=1'));
my ($form_key) = $c->content =~ /name="form_key" value="([0-9a-f]{32})"/;
my $c_csrf = $stack->csrf($c);
$v->get($stack->url("/vendor/bookings/$job"));
my $v_csrf = $stack->csrf($v);
is($visitor->get($stack->url('/login'))->code, 200, 'a visitor opens the sign-in page');
my $visitor_csrf = $stack->csrf($visitor);
my $before = counts();
my $files_before = uploads();
my $booking_pids = join ' ', sort split /\s+/,
    `pgrep -P \$(cat '${\ $stack->data}/run/booking.pid')`;

# --- the disk fills --------------------------------------------------------
# The WAL emptied first: SQLite reuses a WAL file's space from its start,
# so a write could otherwise still fit in what the file holds.
$stack->sql('PRAGMA wal_checkpoint(TRUNCATE)');
# customer1's last_seen_at a while back: the next page wants to move it.
$stack->sql('UPDATE sessions SET last_seen_at = unixepoch() - 600
    WHERE user_id = (SELECT id FROM users WHERE username = ?)', 'customer1');
open(my $filler, '>', "$mount/filler") or die "filler: $!";
binmode $filler;
for my $chunk (1024 * 1024, 4096, 1) {
	while (1) {
		my $n = syswrite($filler, "\0" x $chunk);
		last if !defined $n || $n < $chunk;
	}
}
ok($! == ENOSPC, 'the small disk is full') or diag("last write: $!");
close $filler;

# As a browser sends it: the site's Referrer-Policy is same-origin.
full_page_ok($c->post($stack->url('/bookings/new'), [%booking,
    form_key => $form_key, csrf_token => $c_csrf],
    Referer => $stack->url('/bookings/new?service_id=1')),
    'a booking while the disk is full');
like($c->content, qr{<a class="button" href="/bookings/new\?service_id=1">},
    'the page links back to the booking form');
full_page_ok(photo($v_csrf), 'a photo upload while the disk is full');
is(uploads(), $files_before, 'no file is left of the photo');
full_page_ok($stack->post_form($c, "/bookings/$job/messages",
    { body => 'Please bring a ladder.' }, csrf => $c_csrf),
    'a message while the disk is full');
full_page_ok($stack->post_form($visitor, '/login', { username => 'customer1',
    password => 'password123', next => '' }, csrf => $visitor_csrf),
    'signing in while the disk is full (a session row must be written)');
full_page_ok($stack->mech->get($stack->url('/login')),
    'a new visitor\'s sign-in page, which needs a session for its form');

is($stack->mech->get($stack->url('/services'))->code, 200, 'the catalogue answers 200');
is($c->get($stack->url('/bookings'))->code, 200,
    "customer1's bookings answer 200 (their last-seen time could not move)");
like(HomeServe::Test::read_file($stack->data . '/log/booking.log'),
    qr/the disk is full: skipped: UPDATE sessions SET last_seen_at/,
    '... it was due, and skipped');
is($c->get($stack->url("/bookings/$job"))->code, 200, "customer1's booking page answers 200");
is($v->get($stack->url("/vendor/bookings/$job"))->code, 200, "vendor1's job page answers 200");
# The same program as plain CGI (shared hosting): the same 503, and it
# exits as a CGI program does, not through the fatal path.
my $session;
$c->cookie_jar->scan(sub { $session = $_[2] if $_[1] eq 'hs_session' });
my $cgi = $stack->cgi('booking', method => 'POST', uri => '/bookings/new',
    cookie => "hs_session=$session", body => join('&', map {
    "$_->[0]=" . URI::Escape::uri_escape($_->[1]) } [csrf_token => $c_csrf],
    [form_key => $form_key], map { [$_ => $booking{$_}] } sort keys %booking));
is($cgi->{status}, 503, 'as plain CGI a booking answers 503 too');
like(HomeServe::Test::decode_html($cgi->{body}), qr/the server's disk is full/,
    '... with the same page');
is($cgi->{exit}, 0, '... and the program exits 0');
is($stack->cgi('booking', uri => '/services')->{status}, 200,
    'as plain CGI the catalogue answers 200');

is_deeply(counts(), $before, 'no booking, event, audit, photo, message, outbox or '
    . 'session row was written');
is(join(' ', sort split /\s+/, `pgrep -P \$(cat '${\ $stack->data}/run/booking.pid')`),
    $booking_pids, 'the booking area kept its workers');

# --- space returns -----------------------------------------------------------
unlink "$mount/filler" or die "unlink filler: $!";
my $res = $stack->post_form($c, '/bookings/new', { %booking, form_key => $form_key },
    csrf => $c_csrf);
is($res->code, 303, 'with space again the same booking goes through');
like($res->header('Location') // '', qr{^/bookings/\d+$}, '... to its page');
$res = photo($v_csrf);
is($res->code, 303, 'and the photo');
my $after = counts();
is($after->{bookings}, $before->{bookings} + 1, 'one booking more: the one that succeeded');
is($after->{photos}, $before->{photos} + 1, 'one photo more');
is(scalar(() = uploads() =~ /\S+/g), scalar(() = $files_before =~ /\S+/g) + 1,
    'one file more in uploads');
is($after->{events}, $before->{events} + 1, "one booking event more: the booking's");
is($after->{messages}, $before->{messages}, 'no message from the refused one');
is($stack->login($visitor, 'customer1', 'password123')->code, 303, 'signing in works again');
is($stack->sql_value('PRAGMA integrity_check'), 'ok', 'PRAGMA integrity_check: ok');

$stack->finish;
done_testing();
