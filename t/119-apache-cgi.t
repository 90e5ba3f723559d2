# 119-apache-cgi.t: shared hosting: script/install-cgi lays HomeServe out in a document root, and Debian's apache2 with mod_cgid, run as an unprivileged user and configured by that .htaccess alone, serves the booking journey as plain CGI: book, accept, start with the code, a photo uploaded and downloaded without X-Accel-Redirect; static files as files; the programs' own files, the data directory and .htaccess refused.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use File::Temp qw(tempdir);
use IO::Socket::INET;
use Test::More;
use HomeServe::Test;
use HomeServe::Images qw(test_jpeg);

my $APACHE = '/usr/sbin/apache2';
my $MODULES = '/usr/lib/apache2/modules';
ok(-x $APACHE, "Debian's apache2 is installed ($APACHE)") or do { done_testing; exit };

# --- the layout ------------------------------------------------------------------
# As a shared host gives it: a directory of one's own, here handed to
# nobody, who runs Apache and so its CGI programs.
my $tmp = tempdir('hs-apache-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{HS_KEEP});
chmod 0755, $tmp;
my $web = "$tmp/web";
my ($rc, $out, $err) = HomeServe::Test::run_command(["$FindBin::Bin/../script/install-cgi", '--seed', $web],
    env => { HOMESERVE_BUILD => HomeServe::Test::build_dir() });
is($rc, 0, 'script/install-cgi --seed WEB lays it out') or diag($out . $err);
like($out, qr{^\* \* \* \* \* HOMESERVE_DATA=\Q$web\E/data HOMESERVE_SHARE=\Q$web\E/app \Q$web\E/app/bin/homeserve-ctl run-due}m,
    '... and prints the cron line for the timed jobs');
ok(-x "$web/$_.cgi", "$_.cgi is there") for qw(booking vendor ops admin);
ok(-f "$web/.htaccess" && -f "$web/data/homeserve.db" && -f "$web/data/keys/signing.pem",
    'the .htaccess, the database and the keys are there');
my $as_root = $> == 0;
if ($as_root) {
	($rc) = HomeServe::Test::run_command(['chown', '-R', 'nobody:nogroup', $tmp]);
	is($rc, 0, 'the document root (and the room for Apache\'s logs) is handed to nobody');
}

# --- Apache, as nobody -------------------------------------------------------------
my $port = HomeServe::Test::free_port();
my $conf = "$tmp/apache.conf";
HomeServe::Test::write_file($conf, <<"EOF");
# A shared host's Apache, reduced: AllowOverride All on the user's
# directory, and nothing of HomeServe's outside its .htaccess.
ServerRoot "$tmp"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$tmp/apache.pid"
DefaultRuntimeDir "$tmp"
ScriptSock "$tmp/cgid.sock"
ErrorLog "$tmp/error.log"
LogLevel warn
LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule mime_module $MODULES/mod_mime.so
LoadModule dir_module $MODULES/mod_dir.so
LoadModule env_module $MODULES/mod_env.so
LoadModule headers_module $MODULES/mod_headers.so
LoadModule rewrite_module $MODULES/mod_rewrite.so
LoadModule cgid_module $MODULES/mod_cgid.so
TypesConfig /etc/mime.types
DocumentRoot "$web"
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory "$web">
	AllowOverride All
	Require all granted
</Directory>
EOF
my @start = ($APACHE, '-f', $conf, '-k', 'start');
unshift @start, 'setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--' if $as_root;
($rc, $out, $err) = HomeServe::Test::run_command(\@start);
is($rc, 0, 'apache2 starts' . ($as_root ? ' as nobody' : '')) or diag($out . $err);
END {
	if (-f "$tmp/apache.pid") {
		my $pid = HomeServe::Test::read_file("$tmp/apache.pid");
		kill 'TERM', $pid =~ /(\d+)/ if $pid;
	}
}
# apache2 -k start returns once it has bound the port.
ok(IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Timeout => 5), 'Apache answers on its port')
    or diag(HomeServe::Test::read_file("$tmp/error.log"));

# A stack object over this site: HomeServe::Test's clients, SQL on its
# database and the HTML checker, with nothing of its own to start or stop.
my $site = HomeServe::Test->new_sandbox;
$site->{base} = "http://127.0.0.1:$port";
$site->{port} = $port;
$site->{db} = "$web/data/homeserve.db";
$site->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('start_early_minutes', '43200', unixepoch())
    ON CONFLICT (key) DO UPDATE SET value = excluded.value});

# --- static files, and what is refused ---------------------------------------------------
my $anon = $site->mech;
my $res = $anon->get($site->url('/static/style.css'));
is($res->code, 200, '/static/style.css is served as a file');
like($res->header('Content-Type') // '', qr{^text/css}, '... as CSS');
is($anon->get($site->url('/favicon.ico'))->code, 200, '/favicon.ico is served');
for my $path ('/data/homeserve.db', '/data/keys/app.key', '/app/templates/layout.tpl', '/app/bin/homeserve-ctl',
    '/app/sql/001_foundation.sql', '/.htaccess') {
	$res = $anon->get($site->url($path));
	is($res->code, 403, "$path is refused");
	like($res->decoded_content, qr{<h1>Forbidden</h1>}, '... with the site\'s own page');
}
$res = $anon->get($site->url('/'));
is($res->code, 200, 'GET / runs booking.cgi');
like($res->decoded_content, qr{AC Repair}, '... the catalogue');
my ($picture) = $res->decoded_content =~ m{<img[^>]* src="(/media/[^"]+)"};
is($anon->get($site->url('/no/such/page'))->code, 404, 'an unknown path: the program\'s 404');
ok($picture, 'the catalogue shows the sample pictures');
$res = $anon->get($site->url($picture // '/media/none'));
is($res->code, 200, "$picture is served as a file");
is($res->header('Content-Type'), 'image/webp', '... as WebP');
like($res->header('Cache-Control') // '', qr{max-age=31536000, immutable}, '... cached for a year');

# --- the journey ---------------------------------------------------------------------
my $c = $site->mech;
$site->login_ok($c, 'customer1', 'password123', '/');
$c->get($site->url('/bookings/new?service_id=1'));
$res = $site->post_form($c, '/bookings/new', { service_id => 1, address => '12 Janpath, New Delhi',
    pincode => '110001', notes => 'Second floor', scheduled_date => local_time(2, '10:00') });
is($res->code, 303, 'customer1 books AC Repair');
my ($id) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)$};
ok($id, "... booking #" . ($id // '?'));

my $v = $site->mech;
$site->login_ok($v, 'vendor1', 'password123', '/vendor/');
like($v->get($site->url('/vendor/jobs'))->decoded_content, qr{href="/vendor/bookings/$id"}, 'vendor1 sees it on the job board');
$v->get($site->url("/vendor/bookings/$id"));
$res = $site->post_form($v, "/vendor/bookings/$id/accept", {});
is($res->code, 303, 'vendor1 accepts it');
$res = $c->get($site->url("/bookings/$id"));
my ($code) = $res->decoded_content =~ m{<p class="otp">(\d{6})</p>};
ok($code, 'customer1 sees the start code');
$v->get($site->url("/vendor/bookings/$id"));
$res = $site->post_form($v, "/vendor/bookings/$id/start", { otp => $code // '' });
is($res->code, 303, 'vendor1 starts the job with it');
is($site->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'in_progress', '... in progress');

my $jpeg = test_jpeg(size => 3000);
$v->get($site->url("/vendor/bookings/$id"));
$res = $v->post($site->url("/vendor/bookings/$id/photos"), Content_Type => 'form-data',
    Content => [csrf_token => $site->csrf($v), image_type => 'before',
    image => [undef, 'before.jpg', 'Content-Type' => 'image/jpeg', Content => $jpeg]]);
is($res->code, 303, 'vendor1 uploads a before photo (multipart, through Apache)');
my $photo = $site->sql_value('SELECT id FROM photos WHERE booking_id = ?', $id);
$res = $c->get($site->url("/photos/$photo"));
is($res->code, 200, 'customer1 downloads it');
is($res->content, $jpeg, '... byte for byte, sent by the program itself');
is($res->header('X-Accel-Redirect'), undef, '... with no X-Accel-Redirect');
is($anon->get($site->url("/photos/$photo"))->code, 303, 'a visitor is sent to sign in');

# --- hostile requests to the programs -------------------------------------------------------
$res = $site->raw_http("POST /bookings/new HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    . "Content-Length: 20000000\r\nConnection: close\r\n\r\n" . ('x' x 1000));
is($res->code, 413, 'a body over the limit: 413 before it is read');
like($res->decoded_content, qr{<h1>}, '... with the site\'s own page');
unlike(HomeServe::Test::read_file("$tmp/error.log"), qr{segfault|Segmentation|AddressSanitizer|fatal}i,
    "Apache's error log shows no crash");

$site->check_html;
done_testing;
