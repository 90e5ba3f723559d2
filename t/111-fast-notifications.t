# 111-fast-notifications.t: faster on slow phones (gzip, gzip_static, favicon and touch icon, pages under 30 KB) and notifications people read (grouped by day, "New", opened by a link that marks them read, 50 a page).
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Compress::Zlib qw(memGunzip);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
$stack->relax_booking_rules;
my $SRC = src_dir();

# --- gzip: pages on the fly, the stylesheet prebuilt ---------------------------

my $plain = $stack->mech;
my $zip = $stack->mech(gzip => 1);

for my $path ('/', '/services') {
	my $res = $zip->get($stack->url($path));
	is($res->code, 200, "gzip: GET $path");
	is($res->header('Content-Encoding') // '', 'gzip', '... comes gzipped');
	like($res->header('Vary') // '', qr/Accept-Encoding/, '... with Vary: Accept-Encoding');
	my $unzipped = memGunzip($res->content);
	my $res2 = $plain->get($stack->url($path));
	is($res2->header('Content-Encoding'), undef, "no Accept-Encoding: GET $path is not gzipped");
	ok(defined $unzipped && $unzipped eq $res2->content,
	    '... and the gzipped one unzips to the same bytes (' . length($res2->content) . ' bytes, '
	    . length($res->content) . ' gzipped)');
}

my $css = HomeServe::Test::read_file("$SRC/static/style.css");
my $res = $zip->get($stack->url('/static/style.css'));
is($res->code, 200, 'gzip: GET /static/style.css');
is($res->header('Content-Encoding') // '', 'gzip', '... comes gzipped');
ok($res->content eq HomeServe::Test::read_file("$SRC/static/style.css.gz"),
    '... as the prebuilt static/style.css.gz (gzip_static)');
ok((memGunzip($res->content) // '') eq $css, '... which unzips to style.css exactly (not stale)');
$res = $plain->get($stack->url('/static/style.css'));
is($res->header('Content-Encoding'), undef, 'no Accept-Encoding: style.css is not gzipped');
ok($res->content eq $css, '... and is style.css');

# --- the favicon and the touch icon ----------------------------------------------

for my $icon (['/favicon.ico', qr{^image/(?:x-icon|vnd\.microsoft\.icon)}], ['/apple-touch-icon.png', qr{^image/png}]) {
	my ($path, $type) = @$icon;
	$res = $plain->get($stack->url($path));
	is($res->code, 200, "GET $path is 200");
	like($res->header('Content-Type') // '', $type, '... an image');
	ok($res->content eq HomeServe::Test::read_file("$SRC/static$path"), '... the static file');
	my ($age) = ($res->header('Cache-Control') // '') =~ /max-age=(\d+)/;
	ok($age && $age >= 7 * 86400, "... cached long (max-age=" . ($age // 'none') . ')');
}
my $png = HomeServe::Test::read_file("$SRC/static/apple-touch-icon.png");
is(join('x', unpack('x16 N N', $png)), '180x180', 'the touch icon is 180x180');
$res = $plain->get($stack->url('/'));
like($res->content, qr{<link rel="icon" href="/favicon\.ico"}, 'the page frame links the favicon');
like($res->content, qr{<link rel="apple-touch-icon" href="/apple-touch-icon\.png">}, '... and the touch icon');

# --- people -----------------------------------------------------------------------

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my %uid = map { $_ => $stack->sql_value('SELECT id FROM users WHERE username = ?', $_) }
    qw(customer1 vendor1 ops_mgr);

my $c = $m{customer1};
$c->get($stack->url('/bookings/new?service_id=1'));
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '12 Janpath, New Delhi',
    pincode => '110001', scheduled_date => local_time(1, '11:00'), notes => '' });
is($res->code, 303, 'customer1 books');
my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};

# Older ones, written before the accept as if long ago: yesterday and five
# days ago (the list is newest first by id, as rows are written in time).
my $now = time;
for my $days (5, 1) {
	$stack->sql('INSERT INTO notifications (user_id, booking_id, text, created_at) VALUES (?, ?, ?, ?)',
	    $uid{customer1}, $id, "Booking #$id (AC Repair): a note from $days days ago.", $now - $days * 86400);
}
$m{vendor1}->get($stack->url("/vendor/bookings/$id"));
$res = $stack->post_form($m{vendor1}, "/vendor/bookings/$id/accept", {});
is($res->code, 303, 'vendor1 accepts');

# --- notifications: what they say, and where they lead ---------------------------------

# The customer's own, told by the accept.
my $nid = $stack->sql_value('SELECT max(id) FROM notifications WHERE user_id = ? AND booking_id = ?',
    $uid{customer1}, $id);
ok($nid, 'customer1 was told of the accept');
like($stack->sql_value('SELECT text FROM notifications WHERE id = ?', $nid),
    qr/^Booking #$id \(AC Repair\) /, '... in a sentence naming the booking and the service');

$res = $c->get($stack->url('/notifications'));
is($res->code, 200, 'customer1 opens the notifications');
my $html = $res->decoded_content;
my @days = $html =~ m{<h2 id="day-\d+">([^<]+)</h2>}g;
is($days[0], 'Today', 'grouped by day: Today first');
is($days[1], 'Yesterday', '... then Yesterday');
like($days[2] // '', qr/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/,
    '... then a weekday and date (' . ($days[2] // 'none') . ')');
like($html, qr{<li class="unread"><span class="new">New</span> <a href="/notifications/$nid">Booking #$id \(AC Repair\) was accepted},
    'an unread one is labelled New and its link text is its sentence');
my @texts = $html =~ m{<li[^>]*>(?:<span class="new">New</span> )?<a href="/notifications/\d+">([^<]+)</a>}g;
is(scalar(@texts), 3, 'three notifications, each a link');
is(scalar(keys %{{ map { $_ => 1 } @texts }}), 3, '... with distinct link texts');
unlike($html, qr{>(?:View|Open the booking)</a>}, '... and no bare "View" links');

# Opening one marks it read and lands on the booking page for the role.
$res = $c->get($stack->url("/notifications/$nid"));
is($res->code, 303, 'opening a notification is 303');
is($res->header('Location'), "/bookings/$id", '... to the customer\'s booking page');
ok($stack->sql_value('SELECT read_at IS NOT NULL FROM notifications WHERE id = ?', $nid), '... and marks it read');
unlike($c->get($stack->url('/notifications'))->decoded_content, qr{<span class="new">New</span> <a href="/notifications/$nid"},
    '... which is no longer New');
is($c->get($stack->url("/notifications/$nid"))->code, 303, 'opening it again still works');

for my $who (['vendor1', "/vendor/bookings/$id"], ['ops_mgr', "/ops/bookings/$id"]) {
	my ($user, $where) = @$who;
	$stack->sql('INSERT INTO notifications (user_id, booking_id, text, created_at) VALUES (?, ?, ?, ?)',
	    $uid{$user}, $id, "Booking #$id (AC Repair) needs a look from $user.", $now);
	my $own = $stack->sql_value('SELECT max(id) FROM notifications WHERE user_id = ?', $uid{$user});
	like($m{$user}->get($stack->url('/notifications'))->decoded_content, qr{href="/notifications/$own"},
	    "$user sees the link to their notification");
	$res = $m{$user}->get($stack->url("/notifications/$own"));
	is($res->header('Location'), $where, "$user: opening it leads to $where");
	is($m{$user}->get($stack->url($where))->code, 200, "... which $user may see");
	is($m{$user}->get($stack->url("/notifications/$nid"))->code, 404, "$user: customer1's notification is 404");
}
is($c->get($stack->url('/notifications/99999999'))->code, 404, 'an unknown notification is 404');

# One that leads somewhere of its own (an account page), and one that
# leads nowhere: the first is a link that goes there, the second text.
$stack->sql('INSERT INTO notifications (user_id, booking_id, link, text, created_at) VALUES (?, NULL, ?, ?, ?)',
    $uid{vendor1}, '/vendor/documents', 'Your ID proof was accepted.', $now);
my $doc = $stack->sql_value('SELECT max(id) FROM notifications WHERE user_id = ?', $uid{vendor1});
$stack->sql('INSERT INTO notifications (user_id, booking_id, text, created_at) VALUES (?, NULL, ?, ?)',
    $uid{vendor1}, 'Your payout of ₹400 for 2026-11 is paid.', $now);
$html = $m{vendor1}->get($stack->url('/notifications'))->decoded_content;
like($html, qr{<a href="/notifications/$doc">Your ID proof was accepted\.</a>}, 'a notification with its own link is a link');
like($html, qr{<span class="new">New</span> Your payout of ₹400 for 2026-11 is paid\. <time}, '... one without is text');
is($m{vendor1}->get($stack->url("/notifications/$doc"))->header('Location'), '/vendor/documents',
    '... and opening the first goes to its page');
ok(!$stack->sql_value('SELECT read_at IS NOT NULL FROM notifications WHERE user_id = ? AND booking_id = ? AND id <> ? LIMIT 1',
    $uid{customer1}, $id, $nid), 'the others stay unread');

# Mark all as read still works.
$c->get($stack->url('/notifications'));
$res = $stack->post_form($c, '/notifications/read', {});
is($res->code, 303, 'mark all as read');
is($stack->sql_value('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL', $uid{customer1}), 0,
    '... leaves none unread');
unlike($c->get($stack->url('/notifications'))->decoded_content, qr{class="new"}, '... and no New label');

# 50 a page.
$stack->sql('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) '
    . 'INSERT INTO notifications (user_id, booking_id, text, created_at) '
    . "SELECT ?, ?, 'Booking #' || ? || ' (AC Repair): note ' || i || '.', ? - i * 3600 FROM n",
    $uid{ops_mgr}, $id, $id, $now);
my $ops = $m{ops_mgr};
$html = $ops->get($stack->url('/notifications'))->decoded_content;
my $total = $stack->sql_value('SELECT count(*) FROM notifications WHERE user_id = ?', $uid{ops_mgr});
my $rows = () = $html =~ m{</time></li>}g;
is($rows, 50, "the first page shows 50 of $total");
like($html, qr{<a href="/notifications\?page=2">Older notifications</a>}, '... and links to the older ones');
$html = $ops->get($stack->url('/notifications?page=2'))->decoded_content;
$rows = () = $html =~ m{</time></li>}g;
is($rows, $total - 50, 'the second page shows the rest');
like($html, qr{<a href="/notifications\?page=1">Newer notifications</a>}, '... and links back');
is($ops->get($stack->url("/notifications?page=$_"))->code, 400, "page=$_ is 400") for ('0', 'abc', '-1');
like($ops->get($stack->url('/notifications?page=9'))->decoded_content, qr/no notifications on this page/,
    'a page past the end says so');

# --- pages stay under 30 KB of HTML --------------------------------------------------

my %pages = (
	customer1 => ['/', '/services', '/services/1', '/bookings', "/bookings/$id", '/bookings/new?service_id=1',
	    '/notifications', '/account'],
	vendor1 => ['/vendor/', '/vendor/jobs', "/vendor/bookings/$id", '/vendor/calendar', '/vendor/earnings',
	    '/notifications'],
	ops_mgr => ['/ops/', '/ops/bookings', "/ops/bookings/$id", '/ops/vendors', '/ops/analytics', '/notifications'],
	admin => ['/admin/', '/admin/services', '/admin/users', '/admin/settings', '/admin/audit'],
);
for my $user (sort keys %pages) {
	for my $path (@{ $pages{$user} }) {
		$res = $m{$user}->get($stack->url($path));
		my $size = length($res->content // '');
		ok($res->code == 200 && $size < 30 * 1024, "$user: $path is under 30 KB ($size bytes)")
		    or diag($res->status_line);
	}
}

$stack->finish;
done_testing;
