# 80-cgi.t: the same area binaries run as plain CGI programs (no nginx, no FastCGI): status, headers, body, a sign-in round trip.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

my $box = cgi_sandbox();

# Checks common to every CGI answer.
sub cgi_ok {
	my ($r, $status, $what) = @_;
	is($r->{status}, $status, "$what: Status: $status");
	like($r->{head}, qr/\AStatus: $status [A-Z]/, "$what: the first line is the Status header");
	is($r->{exit}, 0, "$what: the program exits 0");
	unlike($r->{stderr}, qr/\bfatal\b/, "$what: nothing fatal on stderr");
	is($r->{headers}->header('Content-Length'), length $r->{body},
	    "$what: Content-Length is the body's length") unless $what =~ /^HEAD/;
	unlike($r->{head}, qr/(?<!\r)\n/, "$what: every header line ends in CR LF");
	is($r->{headers}->header('X-Frame-Options'), 'DENY', "$what: security headers are sent");
	like($r->{headers}->header('Content-Security-Policy') // '', qr/default-src 'none'/,
	    "$what: Content-Security-Policy is sent");
}
sub csrf_of { $_[0]{body} =~ /name="csrf_token" value="([0-9a-f]{64})"/ ? $1 : undef }
sub cookie_of {
	my ($r) = @_;
	for ($r->{headers}->header('Set-Cookie')) {
		return $1 if /^hs_session=([^;]*)/;
	}
	return undef;
}
sub names { [map { decode_html($_) } $_[0]{body} =~ m{<h[23]><a href="/services/\d+">([^<]*)</a>}g] }

# --- pages ---
my $r = $box->cgi('booking', uri => '/');
cgi_ok($r, 200, 'GET /');
like($r->{headers}->header('Content-Type'), qr{^text/html; charset=utf-8}, 'GET /: HTML in UTF-8');
is(scalar @{ names($r) }, 5, 'GET /: the five sample services are listed');
like($r->{body}, qr{</html>\s*\z}, 'GET /: the page is complete');

$r = $box->cgi('booking', uri => '/services?q=plumb');
cgi_ok($r, 200, 'GET /services?q=plumb');
is_deeply(names($r), ['Plumbing Service'], 'the search finds Plumbing Service only');
$r = $box->cgi('booking', uri => '/services?category=nope');
cgi_ok($r, 422, 'GET /services?category=nope');

$r = $box->cgi('booking', uri => '/nope');
cgi_ok($r, 404, 'GET /nope');
is(h1_of($r->{body}), 'Not Found', 'GET /nope shows the Not Found page');
$r = $box->cgi('booking', uri => '/services?q=%zz');
cgi_ok($r, 400, 'GET /services?q=%zz');

$r = $box->cgi('booking', method => 'HEAD', uri => '/services');
cgi_ok($r, 200, 'HEAD /services');
is($r->{body}, '', 'HEAD /services: no body');
cmp_ok($r->{headers}->header('Content-Length') // 0, '>', 1000,
    'HEAD /services: Content-Length is the length GET would send');

$r = $box->cgi('booking', method => 'DELETE', uri => '/login');
cgi_ok($r, 405, 'DELETE /login');
is($r->{headers}->header('Allow'), 'GET, HEAD, POST', 'DELETE /login: Allow header');

# A classic CGI server passes the path in PATH_INFO.
$r = $box->cgi('booking', uri => '/cgi-bin/booking/services?q=plumb',
    env => { SCRIPT_NAME => '/cgi-bin/booking', PATH_INFO => '/services' });
cgi_ok($r, 200, 'PATH_INFO=/services');
is_deeply(names($r), ['Plumbing Service'], 'PATH_INFO=/services searches too');

# --- sign-in round trip ---
$r = $box->cgi('booking', uri => '/login');
cgi_ok($r, 200, 'GET /login');
my $anon = cookie_of($r);
like($anon // '', qr/^[0-9a-f]{64}$/, 'GET /login sets a session cookie');
my $csrf = csrf_of($r);
ok($csrf, 'GET /login has a CSRF token');

$r = $box->cgi('booking', method => 'POST', uri => '/login', cookie => "hs_session=$anon",
    body => "csrf_token=$csrf&username=admin&password=admin123&next=");
cgi_ok($r, 303, 'POST /login');
is($r->{headers}->header('Location'), '/admin/', 'POST /login: Location /admin/');
my $signed = cookie_of($r);
like($signed // '', qr/^[0-9a-f]{64}$/, 'POST /login sets a new session cookie');
isnt($signed, $anon, 'the cookie changes at sign-in');
is($r->{body}, '', 'the 303 has no body');
is($box->sql_value("SELECT ip FROM audit_log WHERE action = 'session.login'"), '192.0.2.10',
    'the audit log has REMOTE_ADDR');

$r = $box->cgi('admin', uri => '/admin/services', cookie => "hs_session=$signed");
cgi_ok($r, 200, 'GET /admin/services signed in');
like($r->{body}, qr{<td[^>]*>Plumbing Service</td>}, 'the admin sees the catalogue');
$r = $box->cgi('admin', uri => '/admin/services', cookie => "other=1; hs_session=$signed; x=\"y\"");
cgi_ok($r, 200, 'GET /admin/services with other cookies around');
$r = $box->cgi('admin', uri => '/admin/services', cookie => "hs_session=$anon");
cgi_ok($r, 303, 'GET /admin/services with the old cookie');
is($r->{headers}->header('Location'), '/login?next=/admin/services', 'the old cookie is sent to sign in');
$r = $box->cgi('admin', uri => '/admin/services');
cgi_ok($r, 303, 'GET /admin/services without a cookie');

# A change through CGI: deactivate a service with the signed-in token.
$r = $box->cgi('admin', uri => '/admin/services', cookie => "hs_session=$signed");
my $token = csrf_of($r);
my $id = $box->sql_value("SELECT id FROM services WHERE name = 'AC Repair'");
$r = $box->cgi('admin', method => 'POST', uri => "/admin/services/$id/deactivate",
    cookie => "hs_session=$signed", body => "csrf_token=$token");
cgi_ok($r, 303, 'POST a deactivation');
is($box->sql_value('SELECT is_active FROM services WHERE id = ?', $id), 0, 'the service is inactive');

# --- forged and broken requests ---
$r = $box->cgi('booking', method => 'POST', uri => '/login', cookie => "hs_session=$anon",
    body => 'username=admin&password=admin123');
cgi_ok($r, 403, 'POST /login without a token');
is(cookie_of($r), undef, 'the 403 sets no cookie');
$r = $box->cgi('admin', method => 'POST', uri => "/admin/services/$id/activate",
    cookie => "hs_session=$signed", body => 'csrf_token=' . ('0' x 64));
cgi_ok($r, 403, 'POST an activation with a wrong token');
is($box->sql_value('SELECT is_active FROM services WHERE id = ?', $id), 0, 'the service stays inactive');

$r = $box->cgi('booking', method => 'POST', uri => '/login', body => 'username=admin',
    env => { CONTENT_LENGTH => 100 });
cgi_ok($r, 400, 'a body shorter than CONTENT_LENGTH');
$r = $box->cgi('booking', method => 'POST', uri => '/login', body => 'a=1',
    env => { CONTENT_LENGTH => 'abc' });
cgi_ok($r, 400, 'a CONTENT_LENGTH that is not a number');
$r = $box->cgi('booking', method => 'POST', uri => '/login', body => 'a=1',
    env => { CONTENT_LENGTH => '-1' });
cgi_ok($r, 400, 'a negative CONTENT_LENGTH');
$r = $box->cgi('booking', method => 'POST', uri => '/login', body => 'a=1',
    env => { CONTENT_LENGTH => 10 * 1024 * 1024 });
cgi_ok($r, 413, 'a CONTENT_LENGTH of 10 MB');
$r = $box->cgi('booking', uri => '/', cookie => 'hs_session=' . ('z' x 9000));
cgi_ok($r, 400, 'a Cookie header over 8 KiB');
$r = $box->cgi('booking', uri => '/', cookie => 'hs_session=' . ('0' x 64));
cgi_ok($r, 200, 'an unknown session token is just a visitor');

# As plain CGI the signing key is read at its first use (sign_defer):
# the platform's public key still comes out whole.
$r = $box->cgi('booking', uri => '/signatures/public-key.pem');
is($r->{status}, 200, 'the public key as plain CGI');
like($r->{body}, qr{\A-----BEGIN PUBLIC KEY-----\n.+\n-----END PUBLIC KEY-----\n\z}s, '... PEM, read on first use');

# Not a request a server would send: no REQUEST_METHOD (RFC 3875 says
# there always is one).
$r = $box->cgi('booking', uri => '/', env => { REQUEST_METHOD => undef });
cgi_ok($r, 400, 'no REQUEST_METHOD');
like($r->{body}, qr{The request has no method}, '... says what is wrong');

# A request that calls out to nothing loads neither libcurl (with its TLS,
# Kerberos and LDAP libraries) nor libgd: the programs open them at their
# first call (lib/platform/lazylib.c), which plain CGI pays per request.
# The dynamic loader lists every object it opens under LD_DEBUG=files.
for my $area (qw(booking vendor ops admin)) {
	my $r = $box->cgi($area, uri => $area eq 'booking' ? '/services' : "/$area/",
	    env => { LD_DEBUG => 'files' });
	like($r->{stderr}, qr/file=libc\.so/, "CGI $area: the loader's list is there");
	unlike($r->{stderr}, qr/file=lib(?:curl|gd|ssl|gnutls|krb5)\.so/,
	    "CGI $area: neither libcurl nor libgd is loaded for a page that does not call them");
}

# A data directory the programs cannot write: a clear message at once,
# naming the path, not a read-only database failing at its first write.
# As root, the programs run as nobody (root writes anything); otherwise
# the directory is made read-only.
SKIP: {
	my $data = $box->data;
	my @as = $> == 0 ? ('setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--') : ();
	skip('setpriv is missing', 4) if @as && !grep { -x "$_/setpriv" } split /:/, $ENV{PATH};
	chmod 0755, $data, "$data/keys";
	chmod 0644, "$data/homeserve.db", "$data/keys/app.key", "$data/keys/signing.pem";
	chmod 0555, $data if !@as;
	my %env = (HomeServe::Test->can('env')->($box), GATEWAY_INTERFACE => 'CGI/1.1', REQUEST_METHOD => 'GET',
	    REQUEST_URI => '/', QUERY_STRING => '', SCRIPT_NAME => '', REMOTE_ADDR => '192.0.2.10');
	my ($rc, $out, $err) = run_command([@as, HomeServe::Test::build_dir() . '/cgi-bin/booking'], env => \%env);
	like($out, qr{\AStatus: 500 }, 'an area whose data it cannot write answers 500');
	like($err, qr{\Q$data\E/homeserve\.db is not readable and writable by uid \d+}, '... and says why, naming the file');
	($rc, $out, $err) = run_command([@as, HomeServe::Test::build_dir() . '/tools/homeserve-ctl', 'cleanup'], env => \%env);
	isnt($rc, 0, 'homeserve-ctl fails there');
	like($err, qr{is not readable and writable by uid}, '... saying why');
	chmod 0700, $data;
	chmod 0600, "$data/homeserve.db", "$data/keys/app.key", "$data/keys/signing.pem";
}

$box->finish;
done_testing;
