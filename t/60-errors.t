# 60-errors.t: error pages: 404, 405 with Allow, 400 for malformed escapes, 413 from the app and from nginx, 415; security headers everywhere.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HTTP::Request;
use HomeServe::Test;

my $stack = start_stack();
my $mech = $stack->mech;

# An error page from the app: a whole page, the status in its heading,
# the security headers.
sub app_error_ok {
	my ($res, $status, $h1, $what) = @_;
	is($res->code, $status, "$what is $status");
	is(h1_of($res), $h1, "$what shows the $h1 page");
	my $html = $res->decoded_content // '';
	like($html, qr{\A<!DOCTYPE html>}, "$what: the page starts with a doctype");
	like($html, qr{</html>\s*\z}, "$what: the page is complete");
	like($html, qr{<p class="muted">Error $status</p>}, "$what: the page names the status");
	like($html, qr{<a href="/">Go to the home page</a>}, "$what: the page leads home");
	like($res->header('Content-Type') // '', qr{^text/html; charset=utf-8}i, "$what: is UTF-8 HTML");
	header_has_security($res, $what);
}

# --- 404 ---
my $admin = $stack->mech;
$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
for my $path ('/nope', '/services/1/extra', '/services/', '/register/', '/index.html',
    '/vendor/nope', '/ops/nope', '/admin/nope', '/admin/services/1') {
	app_error_ok($mech->get($stack->url($path)), 404, 'Not Found', "GET $path");
}
app_error_ok($admin->get($stack->url('/admin/nope')), 404, 'Not Found', 'GET /admin/nope as the admin');
{
	my $res = $mech->get($stack->url('/static/nope.css'));
	is($res->code, 404, 'a missing static file is 404 from nginx');
	is(h1_of($res), 'Not found', 'with its own static 404 page');
	$res = $mech->get($stack->url('/static/style.css'));
	is($res->code, 200, 'the stylesheet is served');
	like($res->header('Content-Type') // '', qr{^text/css}, 'as text/css');
	$res = $mech->get($stack->url('/robots.txt'));
	is($res->code, 200, 'robots.txt is served');
}

# --- 405 with Allow ---
for my $case (['POST', '/', 'GET, HEAD'], ['PUT', '/services', 'GET, HEAD'],
    ['DELETE', '/login', 'GET, HEAD, POST'], ['GET', '/logout', 'POST'],
    ['POST', '/services/1', 'GET, HEAD'], ['PATCH', '/register', 'GET, HEAD, POST'],
    ['OPTIONS', '/', 'GET, HEAD']) {
	my ($method, $path, $allow) = @$case;
	my $req = HTTP::Request->new($method => $stack->url($path));
	if ($method eq 'POST') {
		$req->content_type('application/x-www-form-urlencoded');
		$req->content('a=1');
	}
	my $res = $mech->request($req);
	app_error_ok($res, 405, 'Method Not Allowed', "$method $path");
	is($res->header('Allow'), $allow, "$method $path says Allow: $allow");
}
for my $case (['POST', '/admin/services/1/edit', 'GET, HEAD, POST'], ['GET', '/admin/services/1/activate', 'POST'],
    ['PUT', '/admin/audit', 'GET, HEAD']) {
	my ($method, $path, $allow) = @$case;
	my $res = $admin->request(HTTP::Request->new($method => $stack->url($path)));
	if ($method eq 'POST') {
		is($res->code, 403, "POST $path without a token is 403, not 405");
		next;
	}
	app_error_ok($res, 405, 'Method Not Allowed', "$method $path as the admin");
	is($res->header('Allow'), $allow, "$method $path says Allow: $allow");
}

# HEAD: the GET's headers, no body.
{
	my $get = $mech->get($stack->url('/services'));
	my $head = $mech->head($stack->url('/services'));
	is($head->code, 200, 'HEAD /services is 200');
	is($head->content, '', 'HEAD /services has no body');
	is($head->header('Content-Length'), length($get->content),
	    'HEAD /services announces the length GET sends');
	header_has_security($head, 'HEAD /services');
}

# --- 400: malformed escapes and oversized addresses ---
for my $path ('/services?q=%zz', '/services?q=%', '/services?q=a%2', '/?%zz=1',
    '/services?q=%00', '/login?next=%2', '/services?q=' . ('a' x 5000)) {
	my $shown = length($path) > 40 ? substr($path, 0, 30) . '...' : $path;
	app_error_ok($mech->get($stack->url($path)), 400, 'Bad Request', "GET $shown");
}
like($mech->get($stack->url('/services?q=%zz'))->decoded_content,
    qr{The address has a malformed %-escape\.}, 'the 400 page says what is wrong');
{
	my $res = $mech->get($stack->url('/%zz'));
	is($res->code, 400, 'a malformed escape in the path is 400 (nginx)');
	is(h1_of($res), 'Bad request', 'with the static 400 page');
}
# Too many parameters in the query.
app_error_ok($mech->get($stack->url('/services?' . join('&', map { "p$_=1" } 1 .. 129))),
    400, 'Bad Request', 'GET with 129 query parameters');

# --- 413: the app's 64 KiB form limit, nginx's 12 MB body limit ---
sub post_raw {
	my ($m, $path, $body, $type) = @_;
	return $m->post($stack->url($path),
	    Content_Type => $type // 'application/x-www-form-urlencoded', Content => $body);
}
{
	my $m = $stack->mech;
	$m->get($stack->url('/login'));
	my $csrf = $stack->csrf($m);
	my $fill = sub { my ($len) = @_; my $b = "csrf_token=$csrf&username=admin&password=x&pad=";
		return $b . ('a' x ($len - length $b)) };
	my $res = post_raw($m, '/login', $fill->(64 * 1024));
	is($res->code, 422, 'a sign-in form of exactly 64 KiB is read (422: wrong password)');
	$res = post_raw($m, '/login', $fill->(64 * 1024 + 1));
	app_error_ok($res, 413, 'Content Too Large', 'a form of 64 KiB + 1 byte');
	like($res->decoded_content, qr{The form is larger than this site accepts\.}, 'the 413 page says why');
	app_error_ok(post_raw($m, '/register', 'x=' . ('b' x (1024 * 1024))), 413,
	    'Content Too Large', 'a 1 MB form');
	app_error_ok(post_raw($m, '/login', join('&', map { "f$_=1" } 1 .. 129)), 413,
	    'Content Too Large', 'a form with 129 fields');
	app_error_ok(post_raw($m, '/login', 'username=admin', 'text/plain'), 415,
	    'Unsupported Media Type', 'a text/plain sign-in form');
	# Multipart is read (for photo uploads), strictly: a broken one is 400.
	app_error_ok(post_raw($m, '/login', "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
	    'multipart/form-data; boundary=x'), 400, 'Bad Request', 'a truncated multipart sign-in form');
	app_error_ok(post_raw($m, '/login', 'username=%zz'), 400, 'Bad Request',
	    'a form with a malformed escape');
}
{
	# nginx answers as soon as it reads the length: no need to send 13 MB.
	my $port = $stack->{port};
	my $res = $stack->raw_http("POST /register HTTP/1.1\r\nHost: 127.0.0.1:$port\r\n"
	    . "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 13000000\r\n"
	    . "Connection: close\r\n\r\n");
	is($res->code, 413, 'a 13 MB body is 413 from nginx');
	is(h1_of($res), 'Too large', 'with the static 413 page');
	like($res->content, qr{</html>\s*\z}, 'the static 413 page is complete');
	is($res->header('Content-Security-Policy'), undef, 'the static page did not come from the app');

	my $m = $stack->mech;
	$res = post_raw($m, '/register', 'x=' . ('c' x (12 * 1024 * 1024 + 10)));
	is($res->code, 413, 'a 12 MB form sent in full is 413 from nginx too');
}

# --- no request makes a worker fail ---
for my $path ('/services/99999999999999999999', '/services/1' . ('0' x 30),
    '/admin/audit?page=' . ('9' x 40), '/' . ('x' x 3000)) {
	my $res = $admin->get($stack->url($path));
	ok($res->code >= 400 && $res->code < 500, 'GET ' . substr($path, 0, 30) . '... is a 4xx (' . $res->code . ')');
}

$stack->finish;
done_testing;
