# 120-deb.t: the Debian package (make deb): its files, dependencies, maintainer scripts and conffiles; every systemd unit verified and sandboxed; and, unpacked into a temporary root, its nginx site and its areas started as the units say (the test standing in for systemd's sockets): plain HTTP redirected to HTTPS with path and query, HSTS, a sign-in whose cookie is Secure, pictures read by nginx as another user, and a restart of an area that loses no request.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use File::Path qw(make_path);
use HTTP::Tiny;
use IO::Socket::INET;
use IO::Socket::UNIX;
use POSIX qw(WNOHANG);
use Socket qw(SOCK_STREAM);
use Test::More;
use HomeServe::Test;

not_in_release_check('debian/rules builds the package with its own configure, shared libraries');

my @TOOLS = qw(dpkg-buildpackage dh dpkg-deb systemd-analyze nginx openssl ss);
for my $tool (@TOOLS) {
	next if grep { -x "$_/$tool" } split /:/, $ENV{PATH} // '';
	plan skip_all => "no $tool (script/bootstrap --test installs debhelper, fakeroot and the rest)";
}

my $SRC = src_dir();
my $BUILD = build_dir();
my ($VERSION) = HomeServe::Test::read_file("$SRC/configure.ac") =~ /AC_INIT\(\[homeserve\],\s*\[([^\]]+)\]/;
my $AREAS = [qw(booking vendor ops admin)];

# --- the package ----------------------------------------------------------------
# Built once per build dir: a .deb newer than everything under debian/
# and than the programs it packages is used again.
my $changelog = HomeServe::Test::read_file("$SRC/debian/changelog");
my ($deb_version) = $changelog =~ /^homeserve \(([^)]+)\)/;
is($deb_version, $VERSION, "debian/changelog's version is configure.ac's ($VERSION)");
my ($arch) = `dpkg --print-architecture` =~ /(\S+)/;
my $deb = "$BUILD/homeserve_${VERSION}_$arch.deb";
my $newest = 0;
for my $file (glob("$SRC/debian/* $SRC/debian/source/* $BUILD/cgi-bin/booking $BUILD/tools/homeserve-ctl")) {
	my $mtime = (stat $file)[9] // 0;
	$newest = $mtime if $mtime > $newest;
}
if (!-f $deb || (stat $deb)[9] < $newest) {
	my ($rc, $out, $err) = run_command(['make', '-C', $BUILD, 'deb']);
	is($rc, 0, 'make deb builds the package') or diag(substr($out . $err, -4000));
}
ok(-f $deb, "homeserve_${VERSION}_$arch.deb is in the build dir") or do { done_testing; exit };

my $site = HomeServe::Test->new_sandbox;
my $tmp = $site->data;
chmod 0755, $tmp;
my $root = "$tmp/root";
my ($rc, $out, $err) = run_command(['dpkg-deb', '-x', $deb, $root]);
is($rc, 0, 'dpkg-deb -x unpacks it into a temporary root') or diag($err);

# The layout.
my %listed = map { m{ \./(\S+?)/?$} ? ($1 => 1) : () } split /\n/, `dpkg-deb -c $deb`;
my @expected = ((map { "usr/lib/homeserve/$_" } @$AREAS, qw(homeserve-ctl homeserve-worker homeserve-backup)),
    'usr/sbin/homeserve-ctl', 'usr/share/homeserve/templates/layout.tpl', 'usr/share/homeserve/sql/001_foundation.sql',
    'usr/share/homeserve/static/style.css', 'usr/share/homeserve/static/style.css.gz', 'usr/share/homeserve/static/errors/50x.html',
    'etc/homeserve/homeserve.conf', 'etc/nginx/sites-available/homeserve', 'etc/logrotate.d/homeserve',
    (map { ("lib/systemd/system/homeserve-$_.socket", "lib/systemd/system/homeserve-$_.service") } @$AREAS),
    'lib/systemd/system/homeserve-worker.service', 'lib/systemd/system/homeserve-backup.service',
    'lib/systemd/system/homeserve-backup.timer');
my @missing = grep { !$listed{$_} } @expected;
is("@missing", '', 'the package holds the programs, the share, the settings, the nginx site, logrotate and the units');
my @foreign = grep { m{^(?:var/|etc/nginx/sites-enabled|usr/local|home/)} } sort keys %listed;
is("@foreign", '', 'no data, no enabled site, nothing under /usr/local or /home');
ok(-x "$root/usr/lib/homeserve/$_", "/usr/lib/homeserve/$_ is executable") for @$AREAS;

# Dependencies.
my %field = map { /^(\S+): (.*)$/ ? ($1 => $2) : () } split /\n/, `dpkg-deb -f $deb Package Version Depends`;
is($field{Version}, $VERSION, "the package's version is $VERSION");
my @depends = map { s/\s*\(.*\)//r } split /,\s*/, $field{Depends} // '';
for my $dep ('nginx-light | nginx', qw(adduser openssl tzdata cracklib-runtime libfcgi0ldbl libsqlite3-0 libctemplate3)) {
	ok((grep { $_ eq $dep } @depends), "it depends on $dep");
}
ok(!(grep { /spawn-fcgi/ } @depends), '... and not on spawn-fcgi (the socket units pass the sockets)');

# Maintainer scripts and conffiles.
my $control = "$tmp/control";
($rc) = run_command(['dpkg-deb', '-e', $deb, $control]);
my $conffiles = HomeServe::Test::read_file("$control/conffiles");
like($conffiles, qr{^/etc/homeserve/homeserve.conf$}m, 'homeserve.conf is a conffile');
like($conffiles, qr{^/etc/nginx/sites-available/homeserve$}m, 'the nginx site is a conffile');
like($conffiles, qr{^/etc/logrotate.d/homeserve$}m, 'the logrotate rule is a conffile');
my $postinst = HomeServe::Test::read_file("$control/postinst");
like($postinst, qr{adduser --system --group --home "\$DATA"}, 'postinst makes the system user homeserve');
like($postinst, qr{as_homeserve "\$CTL" migrate}, '... migrates as homeserve');
like($postinst, qr{deb-systemd-helper enable 'homeserve-booking.socket'}, '... enables the units (debhelper)');
like($postinst, qr{try-restart homeserve-booking.service}, '... try-restarts the services on upgrade');
unlike($postinst, qr{sites-enabled}, '... and never enables the nginx site');
my $postrm = HomeServe::Test::read_file("$control/postrm");
like($postrm, qr{purge\)\n\trm -rf /var/lib/homeserve}, 'postrm removes the data on purge only');
like($postrm, qr{deluser --system --quiet homeserve}, '... and the user');
ok(-x "$control/prerm", 'a prerm stops the units on removal');
for my $script (qw(postinst postrm)) {
	($rc, $out, $err) = run_command(['sh', '-n', "$control/$script"]);
	is($rc, 0, "$script is valid sh");
}

# --- the units ------------------------------------------------------------------
# systemd-analyze verify --root needs the targets the units name.
my $units = "$root/lib/systemd/system";
for my $target (glob('/lib/systemd/system/*.target /lib/systemd/system/*.slice')) {
	(my $name = $target) =~ s{.*/}{};
	HomeServe::Test::write_file("$units/$name", HomeServe::Test::read_file($target)) unless -e "$units/$name";
}
my %SANDBOX = (User => 'homeserve', Group => 'homeserve', ProtectSystem => 'strict', ProtectHome => 'yes',
    PrivateTmp => 'yes', NoNewPrivileges => 'yes', ReadWritePaths => '/var/lib/homeserve', PrivateDevices => 'yes',
    ProtectKernelTunables => 'yes', ProtectKernelModules => 'yes', ProtectControlGroups => 'yes',
    RestrictAddressFamilies => 'AF_UNIX AF_INET AF_INET6', RestrictNamespaces => 'yes', LockPersonality => 'yes',
    MemoryDenyWriteExecute => 'yes', SystemCallFilter => '@system-service', SystemCallErrorNumber => 'EPERM',
    CapabilityBoundingSet => '', UMask => '0027', Restart => 'on-failure',
    EnvironmentFile => '/etc/homeserve/homeserve.conf');
my %unit;
for my $path (sort glob("$units/homeserve-*")) {
	(my $name = $path) =~ s{.*/}{};
	$unit{$name} = unit_parse(HomeServe::Test::read_file($path));
	($rc, $out, $err) = run_command(['systemd-analyze', 'verify', "--root=$root", $name]);
	ok($rc == 0 && $err !~ /\S/, "systemd-analyze verify $name: clean") or diag($out . $err);
}
for my $name (grep { /\.service$/ } sort keys %unit) {
	my @wrong;
	for my $key (sort keys %SANDBOX) {
		push @wrong, "$key=" . join('|', @{ $unit{$name}{$key} // ['(unset)'] })
		    unless grep { $_ eq $SANDBOX{$key} } @{ $unit{$name}{$key} // [] };
	}
	is("@wrong", '', "$name: User=homeserve and the whole sandbox");
	($rc, $out, $err) = run_command(['systemd-analyze', 'security', '--offline=yes', "--root=$root", $name]);
	my ($exposure) = ($out . $err) =~ /Overall exposure level for \S+: ([\d.]+)/;
	ok(defined $exposure && $exposure <= 2.0, "$name: systemd-analyze security's exposure " . ($exposure // '?') . ' (at most 2.0)');
}
for my $area (@$AREAS) {
	my $socket = $unit{"homeserve-$area.socket"};
	is(join(' ', map { $socket->{$_}[0] // '' } qw(ListenStream SocketUser SocketGroup SocketMode)),
	    "/run/homeserve/$area.sock homeserve www-data 0660", "homeserve-$area.socket: its socket, for nginx's www-data");
	ok(!$socket->{PartOf} && !$socket->{BindsTo}, "homeserve-$area.socket is not restarted with its service (no PartOf=, BindsTo=)");
	my $service = $unit{"homeserve-$area.service"};
	is("$service->{StandardInput}[0] $service->{ExecStart}[0]", "socket /usr/lib/homeserve/$area",
	    "homeserve-$area.service takes the socket on fd 0 and runs /usr/lib/homeserve/$area");
}
is($unit{'homeserve-worker.service'}{ExecStart}[0], '/usr/lib/homeserve/homeserve-worker', 'the background worker has its service');
my $timer = $unit{'homeserve-backup.timer'};
is("$timer->{OnCalendar}[0] $timer->{Persistent}[0]", 'daily true', 'the backup timer: daily, caught up after a day off');
like($unit{'homeserve-backup.service'}{ExecStart}[0], qr{^/usr/lib/homeserve/homeserve-backup /var/lib/homeserve/backups 14$},
    'the backup service keeps the last 14 in /var/lib/homeserve/backups');

# --- a data dir made as postinst makes it -------------------------------------------
# As root: the areas run as nobody (standing in for homeserve) and
# nginx's workers as www-data, each with only the access postinst gives.
my $as_root = $> == 0;
my ($user, $group, $web) = $as_root ? qw(nobody nogroup www-data) : ((getpwuid $>)[0], scalar getgrgid($)), scalar getgrgid($)));
my ($uid, $gid) = (scalar getpwnam($user), scalar getgrnam($group));
my $web_gid = getgrnam($web);
my $data = "$tmp/data";
my $run = "$tmp/run";
make_path("$tmp/tls", "$tmp/log", "$tmp/www", "$tmp/nginx", $run);
chmod 0755, $tmp, $run;
dir_make($data, 0750, $uid, $web_gid);
dir_make("$data/$_", 0750, $uid, $gid) for qw(log tmp);
dir_make("$data/uploads", 02750, $uid, $web_gid);
dir_make("$data/$_", 0700, $uid, $gid) for qw(keys backups);
like($postinst, qr{install -d -o homeserve -g www-data -m 0750 "\$DATA"}, 'postinst: the data dir is homeserve:www-data 0750');
like($postinst, qr{install -d -o homeserve -g www-data -m 2750 "\$DATA/uploads"}, '... uploads/ 2750, so nginx reads pictures and photos');

# The settings: the packaged homeserve.conf, with this test's paths.
my %env = map { /^(HOMESERVE_\w+)=(.*)$/ ? ($1 => $2) : () } split /\n/, HomeServe::Test::read_file("$root/etc/homeserve/homeserve.conf");
is("$env{HOMESERVE_DATA} $env{HOMESERVE_SHARE} $env{HOMESERVE_SECURE_COOKIES}", '/var/lib/homeserve /usr/share/homeserve 1',
    'homeserve.conf: the data dir, the share and Secure cookies');
%env = (%env, HOMESERVE_DATA => $data, HOMESERVE_SHARE => "$root/usr/share/homeserve", HOMESERVE_WORKERS => 2,
    PATH => '/usr/bin:/bin');
for my $cmd (['openssl', 'genpkey', '-algorithm', 'ed25519', '-out', "$data/keys/signing.pem"],
    ['openssl', 'pkey', '-in', "$data/keys/signing.pem", '-pubout', '-out', "$data/keys/signing.pub"],
    ['sh', '-c', 'openssl rand -hex 32 >"$1"', 'sh', "$data/keys/app.key"],
    ["$root/usr/lib/homeserve/homeserve-ctl", 'migrate'], ["$root/usr/lib/homeserve/homeserve-ctl", 'seed']) {
	($rc, $out, $err) = run_command([as_service(@$cmd)], env => \%env);
	is($rc, 0, "as $user: " . join(' ', map { s{^\Q$root\E}{}r } @$cmd[0, 1])) or diag($out . $err);
}
($rc, $out, $err) = run_command(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-days', '2', '-subj', '/CN=localhost', '-keyout', "$tmp/tls/key.pem", '-out', "$tmp/tls/cert.pem"]);
is($rc, 0, 'a test certificate in place of /etc/homeserve/tls') or diag($err);

# --- the areas, started as systemd starts them ------------------------------------
# The test holds each listening socket, as the socket unit does, and
# hands it to the unit's ExecStart on fd 0.
my (%socket, %area_pid);
for my $area (@$AREAS) {
	my $path = "$run/$area.sock";
	$socket{$area} = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 1024)
	    or BAIL_OUT("listen on $path: $!");
	chown $uid, $web_gid, $path;
	chmod 0660, $path;
	$area_pid{$area} = area_start($area);
}
END { kill 'TERM', values %area_pid if %area_pid }

# --- nginx, with the packaged site --------------------------------------------------
my $port = HomeServe::Test::free_port();
my $tls_port;
do { $tls_port = HomeServe::Test::free_port() } while $tls_port == $port;
my $site_conf = HomeServe::Test::read_file("$root/etc/nginx/sites-available/homeserve");
like($site_conf, qr{^\s*return 301 https://\$host\$request_uri;}m, 'the site: port 80 redirects to https, path and query kept');
like($site_conf, qr{^\s*listen 443 ssl http2;}m, '... port 443 with TLS and HTTP/2');
like($site_conf, qr{^limit_req_zone }m, '... rate-limit zones at http level');
my %path = ('/run/homeserve' => $run, '/var/lib/homeserve' => $data, '/usr/share/homeserve' => "$root/usr/share/homeserve",
    '/etc/homeserve/tls' => "$tmp/tls", '/var/log/nginx' => "$tmp/log", '/var/www/html' => "$tmp/www");
my $rendered = $site_conf;
$rendered =~ s{^\s*listen \[::\]:\d+.*\n}{}mg;
$rendered =~ s{^(\s*)listen 80;}{${1}listen 127.0.0.1:$port;}m;
$rendered =~ s{^(\s*)listen 443 }{${1}listen 127.0.0.1:$tls_port }m;
$rendered =~ s{(?<![\w/])(/run/homeserve|/var/lib/homeserve|/usr/share/homeserve|/etc/homeserve/tls|/var/log/nginx|/var/www/html)(?=[/;\s])}{$path{$1}}g;
HomeServe::Test::write_file("$tmp/nginx/homeserve", $rendered);
# Debian's nginx.conf, reduced: its http-level settings (gzip on among
# them) stay, so the site must not repeat them.
my $nginx_user = $as_root ? "user $web $web;" : '';
HomeServe::Test::write_file("$tmp/nginx/nginx.conf", <<"EOF");
$nginx_user
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/log/error.log warn;
events { worker_connections 256; }
http {
	sendfile on;
	tcp_nopush on;
	types_hash_max_size 2048;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	ssl_protocols TLSv1.2 TLSv1.3;
	ssl_prefer_server_ciphers on;
	access_log $tmp/log/access.log;
	gzip on;
	client_body_temp_path $tmp/nginx/body;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	proxy_temp_path $tmp/nginx/proxy;
	scgi_temp_path $tmp/nginx/scgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	include $tmp/nginx/homeserve;
}
EOF
($rc, $out, $err) = run_command(['nginx', '-c', "$tmp/nginx/nginx.conf", '-p', "$tmp/nginx/"]);
is($rc, 0, 'nginx starts with the packaged site' . ($as_root ? " (workers as $web)" : '')) or diag($out . $err);
END { kill 'QUIT', HomeServe::Test::read_file("$tmp/nginx/nginx.pid") =~ /(\d+)/ if $tmp && -f "$tmp/nginx/nginx.pid" }
$site->{base} = "https://127.0.0.1:$tls_port";
$site->{tls_base} = $site->{base};
$site->{port} = $port;
$site->{db} = "$data/homeserve.db";

my $http = HTTP::Tiny->new(max_redirect => 0, keep_alive => 0, timeout => 20, verify_SSL => 0);
my $res;
until_true(20, sub { ($res = $http->get("$site->{base}/"))->{status} == 200 });
is($res->{status}, 200, 'GET https://.../ answers 200 from the packaged booking area');

# --- HTTPS only -----------------------------------------------------------------------
for my $case (['GET', '/services?pincode=110001&page=2'], ['GET', '/vendor/jobs?day=2026-12-02'], ['POST', '/login'],
    ['GET', '/static/style.css'], ['GET', '/']) {
	my ($method, $target) = @$case;
	is(plain_http("$method $target HTTP/1.1\r\nHost: homeserve.example\r\nContent-Length: 0\r\n"
	    . "Connection: close\r\n\r\n"), "301 https://homeserve.example$target",
	    "plain HTTP $method $target: 301 to https, path and query kept");
}
my $anon = $site->mech;
$res = $anon->get("$site->{base}/");
like($res->header('Strict-Transport-Security') // '', qr{^max-age=31536000}, 'HSTS on a page');
header_has_security($res, 'a page through the packaged site');
like($anon->get("$site->{base}/static/style.css")->header('Strict-Transport-Security') // '', qr{^max-age=31536000},
    '... and on a static file');
my ($picture) = $res->decoded_content =~ m{<img[^>]* src="(/media/[^"]+)"};
ok($picture, 'the catalogue shows the sample pictures');
$res = $anon->get($site->url($picture // '/media/none'));
is($res->code, 200, "$picture: 200, read by nginx" . ($as_root ? " as $web through the data dir's group" : ''));
like($res->header('Cache-Control') // '', qr{immutable}, '... cached for ever');

my $c = $site->mech;
$res = $c->get($site->url('/login'));
like(join("\n", $res->header('Set-Cookie')), qr{; Secure}, 'a visitor\'s session cookie is Secure');
$res = $site->login_ok($c, 'customer1', 'password123', '/', tls => 1);
my @cookies = $res->header('Set-Cookie');
ok(@cookies && !(grep { !/; HttpOnly; SameSite=Lax; Secure$/ } @cookies), 'the signed-in session cookie is HttpOnly and Secure')
    or diag(join("\n", @cookies));
like($c->get($site->url('/bookings'))->decoded_content, qr{<h1>}, 'customer1 sees the bookings page over HTTPS');

# HOMESERVE_SECURE_COOKIES alone, with no HTTPS from the front end: the
# packaged booking program as plain CGI.
for my $secure (1, 0) {
	($rc, $out, $err) = run_command([as_service("$root/usr/lib/homeserve/booking")], env => { %env,
	    HOMESERVE_SECURE_COOKIES => $secure, GATEWAY_INTERFACE => 'CGI/1.1', REQUEST_METHOD => 'GET',
	    REQUEST_URI => '/login', SCRIPT_NAME => '', QUERY_STRING => '', SERVER_PROTOCOL => 'HTTP/1.1',
	    REMOTE_ADDR => '192.0.2.10', HTTP_HOST => 'localhost' });
	my ($cookie) = $out =~ /^Set-Cookie: (hs_session=[^\r\n]*)/mi;
	ok($cookie && ($secure ? $cookie =~ /; Secure$/ : $cookie !~ /Secure/),
	    "HOMESERVE_SECURE_COOKIES=$secure without HTTPS: the cookie is " . ($secure ? '' : 'not ') . 'Secure')
	    or diag(substr($out . $err, 0, 800));
}

# --- the daily backup ------------------------------------------------------------------
# homeserve-backup.service's command, keeping 2 here: the oldest
# complete backups go; a backup cut short (no MANIFEST) and anything
# else in the directory stay.
my $backups = "$data/backups";
for my $old (qw(20200101T000000Z 20200102T000000Z 20200103T000000Z)) {
	mkdir "$backups/$old";
	HomeServe::Test::write_file("$backups/$old/MANIFEST", "homeserve-backup 1\ncreated 1577836800\n");
}
mkdir "$backups/$_" for qw(20190101T000000Z notes);
HomeServe::Test::write_file("$backups/20190101T000000Z/homeserve.db", 'cut short');
system('chown', '-R', "$uid:$gid", $backups) if $as_root;
($rc, $out, $err) = run_command([as_service("$root/usr/lib/homeserve/homeserve-backup", $backups, 2)],
    env => { %env, HOMESERVE_CTL => "$root/usr/lib/homeserve/homeserve-ctl" });
is($rc, 0, "homeserve-backup $backups 2 runs while the site serves") or diag($out . $err);
opendir(my $dh, $backups) or die "$backups: $!";
my @left = sort grep { !/^\./ } readdir $dh;
closedir $dh;
my ($new) = grep { /^\d{8}T\d{6}Z$/ && $_ gt '2026' } @left;
ok($new && -s "$backups/$new/homeserve.db" && -f "$backups/$new/MANIFEST",
    'a new backup, ' . ($new // 'none') . ', with the database and its MANIFEST');
is(join(' ', grep { $_ ne ($new // '') } @left), '20190101T000000Z 20200103T000000Z notes',
    'the two oldest complete backups are gone; the one cut short and the foreign directory stay');
($rc, $out, $err) = run_command(["$root/usr/lib/homeserve/homeserve-ctl", 'restore', "$backups/" . ($new // 'none')],
    env => { %env, HOMESERVE_DATA => "$tmp/restored" });
is($rc, 0, '... and it restores into an empty data dir') or diag($out . $err);

# --- a restart loses no request ------------------------------------------------------
# Four clients ask for pages one after another while the booking area
# stops and a new one starts on the same socket, three times, as
# `systemctl restart` (postinst's try-restart) does while the socket
# unit holds the socket.  A stop comes while requests are in the
# workers' hands: each is finished before its worker goes.
my $codes = "$tmp/codes";
my $stop = "$tmp/stop";
my @clients;
for (1 .. 4) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		my $ua = HTTP::Tiny->new(keep_alive => 0, timeout => 30, verify_SSL => 0);
		open(my $log, '>>', $codes) or POSIX::_exit(1);
		$log->autoflush(1);
		until (-e $stop) {
			print {$log} $ua->get("$site->{base}/services")->{status}, "\n";
		}
		POSIX::_exit(0);
	}
	push @clients, $pid;
}
my $queued = 0;
for my $round (1 .. 3) {
	my $before = lines($codes);
	wait_for(sub { lines($codes) >= $before + 40 }, "40 pages before restart $round");
	kill 'TERM', $area_pid{booking};
	waitpid($area_pid{booking}, 0);
	# While no worker runs, the clients' next requests wait in the
	# socket's queue (ss shows them as the listening socket's Recv-Q).
	$queued++ if wait_for(sub { queued("$run/booking.sock") >= 1 }, 'a request waits in the queue');
	$area_pid{booking} = area_start('booking');
}
is($queued, 3, 'each time the booking area was down, requests waited in the socket\'s queue');
my $restarted_at = lines($codes);
ok(wait_for(sub { lines($codes) >= $restarted_at + 40 }, '40 more pages'), 'the last booking area serves the queue and after');
HomeServe::Test::write_file($stop, '');
waitpid($_, 0) for @clients;
my @codes = split /\n/, HomeServe::Test::read_file($codes);
my @bad = grep { $_ ne '200' } @codes;
is(scalar @bad, 0, scalar(@codes) . ' pages across three restarts, every one 200') or diag("@bad");
unlike(HomeServe::Test::read_file("$tmp/log/error.log"), qr{\[(?:error|crit|alert|emerg)\]}, 'nginx logged no error');

$site->check_html;
done_testing;

# --- helpers -------------------------------------------------------------------------

# plain_http(REQUEST): the status and Location of REQUEST sent as is to
# the plain HTTP port.  (The body, nginx's own redirect page that no
# browser shows, is not kept for the HTML checker.)
sub plain_http {
	my ($request) = @_;
	my $sock = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Timeout => 20) or return "connect: $!";
	print {$sock} $request;
	local $/;
	my $answer = <$sock> // '';
	my ($status) = $answer =~ m{^HTTP/1\.1 (\d{3})};
	my ($location) = $answer =~ m{^Location: ([^\r\n]*)}mi;
	return ($status // '?') . ' ' . ($location // '');
}

# unit_parse(TEXT): { Key => [values...] } of a unit file, sections merged.
sub unit_parse {
	my ($text) = @_;
	my %u;
	for my $line (split /\n/, $text) {
		next if $line =~ /^\s*(?:[#;]|\[|$)/;
		push @{ $u{$1} }, $2 if $line =~ /^(\w+)=(.*)$/;
	}
	return \%u;
}

# dir_make(PATH, MODE, UID, GID): as postinst's install -d.
sub dir_make {
	my ($path, $mode, $owner, $grp) = @_;
	make_path($path);
	chown $owner, $grp, $path if $as_root;
	chmod $mode, $path;
}

# as_service(ARGV): ARGV run as the service's user (setpriv as root), umask 0027.
sub as_service {
	my @argv = ('sh', '-c', 'umask 0027 && exec "$@"', 'sh', @_);
	unshift @argv, 'setpriv', "--reuid=$user", "--regid=$group", '--clear-groups', '--' if $as_root;
	return @argv;
}

# area_start(AREA): the unit's ExecStart under the unpacked root, with
# homeserve.conf's settings and the area's socket on fd 0; its pid.
sub area_start {
	my ($area) = @_;
	my ($exec) = @{ $unit{"homeserve-$area.service"}{ExecStart} };
	my $pid = fork() // die "fork: $!";
	return $pid if $pid;
	open(STDIN, '<&', $socket{$area}) or POSIX::_exit(1);
	open(STDOUT, '>>', "$tmp/log/$area.log") or POSIX::_exit(1);
	open(STDERR, '>&', \*STDOUT) or POSIX::_exit(1);
	%ENV = %env;
	exec(as_service("$root$exec")) or POSIX::_exit(1);
}

# lines(FILE): how many lines FILE has (0 when missing).
sub lines {
	open(my $fh, '<', $_[0]) or return 0;
	my @l = <$fh>;
	return scalar @l;
}

# queued(SOCKET): connections waiting in a listening unix socket's queue.
sub queued {
	my ($path) = @_;
	for (split /\n/, `ss -xlnH`) {
		my @f = split ' ';
		return $f[2] if @f >= 5 && $f[4] eq $path;
	}
	return 0;
}

# wait_for(CODE, WHAT): polls CODE until true, for up to 30 s; says WHAT
# it waited for if it never was.
sub wait_for {
	my ($code, $what) = @_;
	return 1 if until_true(30, $code);
	diag("timed out waiting: $what");
	return 0;
}
