# 85-https.t: the TLS listener: pages work, the session cookie is Secure there (and only there), HSTS on TLS only.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
# The certificate is self-signed: the client in this test (only) does
# not verify it.
my $tls = $stack->mech;
my $url = $stack->tls_url('/');
like($url, qr{^https://127\.0\.0\.1:\d+/$}, 'the stack has an HTTPS address');

my $res = $tls->get($url);
is($res->code, 200, 'GET / over TLS is 200');
header_has_security($res, 'GET / over TLS');
like($res->header('Strict-Transport-Security') // '', qr/^max-age=\d{7,}/, 'TLS answers carry HSTS');
is(scalar(() = $res->decoded_content =~ m{<h3><a href="/services/\d+">}g), 5, 'the home page lists the services');
is($stack->mech->get($stack->url('/'))->header('Strict-Transport-Security'), undef,
    'plain HTTP answers carry no HSTS');
is($tls->get($stack->tls_url('/static/style.css'))->code, 200, 'static files are served over TLS');

# The visitor's cookie and the signed-in one are both Secure over TLS.
$res = $tls->get($stack->tls_url('/login'));
is($res->code, 200, 'GET /login over TLS is 200');
my $cookie = set_cookie_of($res, 'hs_session') // '';
like($cookie, qr/; Secure(;|$)/i, 'the visitor\'s cookie over TLS is Secure');
like($cookie, qr/; HttpOnly(;|$)/i, 'and HttpOnly');

$res = $stack->login($tls, 'admin', 'admin123', tls => 1);
is($res->code, 303, 'signing in over TLS answers 303');
is($res->header('Location'), '/admin/', 'to /admin/');
$cookie = set_cookie_of($res, 'hs_session') // '';
like($cookie, qr/^hs_session=[0-9a-f]{64};/, 'signing in over TLS sets the session cookie');
like($cookie, qr/; Secure(;|$)/i, 'the signed-in cookie over TLS is Secure');
like($cookie, qr/; HttpOnly(;|$)/i, 'and HttpOnly');
like($cookie, qr/; SameSite=Lax(;|$)/i, 'and SameSite=Lax');
like($res->header('Strict-Transport-Security') // '', qr/^max-age=/, 'the redirect carries HSTS too');

$res = $tls->get($stack->tls_url('/admin/'));
is($res->code, 200, 'the admin area works over TLS');
is(h1_of($res), 'Admin overview', 'and shows the overview');
$res = $tls->get($stack->tls_url('/admin/services'));
is($res->code, 200, 'the catalogue works over TLS');

# A Secure cookie is not sent over plain HTTP: there the admin is a visitor.
$res = $tls->get($stack->url('/admin/'));
is($res->code, 303, 'the Secure cookie is not sent over plain HTTP');

# Over plain HTTP the signed-in cookie is not Secure (or it would be lost).
$res = $stack->login($stack->mech, 'customer1', 'password123');
is($res->code, 303, 'signing in over plain HTTP answers 303');
unlike(set_cookie_of($res, 'hs_session') // '', qr/; Secure/i, 'and its cookie is not Secure');

# Signing out over TLS clears the cookie with the same attributes.
$tls->get($stack->tls_url('/admin/'));
$res = $stack->post_form($tls, $stack->tls_url('/logout'), []);
is($res->code, 303, 'signing out over TLS answers 303');
$cookie = set_cookie_of($res, 'hs_session') // '';
like($cookie, qr/^hs_session=;.*Max-Age=0/i, 'the cookie is cleared');
like($cookie, qr/; Secure(;|$)/i, 'the clearing cookie is Secure as well');
$res = $tls->get($stack->tls_url('/admin/'));
is($res->code, 303, 'after signing out the admin area asks to sign in');

$stack->finish;
done_testing;
