# 10-catalogue.t: the public catalogue: home page, listing, FTS5 search with hostile queries, service pages.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Encode ();
use URI::Escape qw(uri_escape_utf8);
use HomeServe::Test;

my $stack = start_stack();
my $mech = $stack->mech;

# Service cards on a listing: [id, name] in page order.
sub cards {
	my ($html) = @_;
	my @out;
	while ($html =~ m{<h[23]><a href="/services/(\d+)">([^<]*)</a></h[23]>}g) {
		push @out, [$1, decode_html($2)];
	}
	return @out;
}
sub names { map { $_->[1] } cards($_[0]) }

my %id = map { $_->{name} => $_->{id} }
    @{ $stack->sql('SELECT id, name FROM services') };
is(scalar(keys %id), 5, 'the sample data has five services');

my @seeded = ('AC Repair', 'Plumbing Service', 'Electrical Work',
    'House Cleaning', 'Appliance Repair');

# --- the home page ---
my $res = $mech->get($stack->url('/'));
is($res->code, 200, 'GET / is 200');
like($res->header('Content-Type'), qr{^text/html; charset=utf-8}i,
    'the home page is UTF-8 HTML');
header_has_security($res, 'GET /');
my $html = $res->decoded_content;
is_deeply([names($html)], \@seeded,
    'the home page lists the five services in category order');
for my $cat (['ac', 'AC &amp; cooling'], ['plumbing', 'Plumbing'],
    ['electrical', 'Electrical'], ['cleaning', 'Cleaning'],
    ['appliance', 'Appliances']) {
	like($html, qr{<a href="/services\?category=$cat->[0]">\Q$cat->[1]\E <small>\(1\)</small></a>},
	    "the home page links category $cat->[0] with its count");
}
for my $price ('₹500', '₹400', '₹600', '₹300', '₹450') {
	like($html, qr{<p class="price">\Q$price\E</p>}, "a price of $price is shown");
}
like($html, qr{<a href="/login">Sign in</a>}, 'a visitor sees the sign-in link');
is(cookie_value($res, 'hs_session'), undef,
    'the home page gives a visitor no session cookie');

# --- the full listing ---
$res = $mech->get($stack->url('/services'));
is($res->code, 200, 'GET /services is 200');
is_deeply([names($res->decoded_content)], \@seeded,
    '/services lists every active service');
unlike($res->decoded_content, qr/matching service/,
    'an unfiltered listing shows no match count');

# --- search ---
sub search {
	my ($query, $what) = @_;
	my $r = $mech->get($stack->url("/services?$query"));
	return $r;
}

my @cases = (
	['q=plumb', ['Plumbing Service'], 'a prefix of the name'],
	['q=PLUMB', ['Plumbing Service'], 'in capitals'],
	['q=cooling', ['AC Repair'], 'the category name'],
	['q=drains', ['Plumbing Service'], 'a word of the description'],
	['q=repair', ['AC Repair', 'Appliance Repair'], 'a word two services share'],
	['q=ac+repair', ['AC Repair'], 'two words, both required'],
	['q=Pl%C3%BAmbing', ['Plumbing Service'], 'with a diacritic'],
	['q=%20%20plumb%20%20', ['Plumbing Service'], 'with spaces around'],
	['category=cleaning', ['House Cleaning'], 'a category'],
	['category=plumbing&q=', ['Plumbing Service'], 'a category and an empty q'],
	['category=cleaning&q=plumb', [], 'a category and a word that do not meet'],
	['q=zebra', [], 'a word nothing has'],
);
for my $c (@cases) {
	my ($query, $want, $what) = @$c;
	$res = search($query);
	is($res->code, 200, "search by $what ($query) is 200");
	is_deeply([names($res->decoded_content)], $want,
	    "search by $what ($query) finds @{[ scalar @$want ]} service(s)");
	if (@$want) {
		like($res->decoded_content,
		    qr{<p role="status">@{[ scalar @$want ]} matching service\(s\)},
		    "search by $what says how many match");
	} else {
		like($res->decoded_content, qr/No service matches/,
		    "search by $what says nothing matches");
	}
}
$res = search('category=cleaning');
like($res->decoded_content, qr{<option value="cleaning" selected>Cleaning</option>},
    'the chosen category stays selected');
$res = search('q=plumb');
like($res->decoded_content, qr{<input id="q" name="q" type="search" maxlength="100" value="plumb"},
    'the search box keeps the query');
like($res->decoded_content, qr{<title>Services matching “plumb” · HomeServe</title>},
    'the title names the query');

# Invalid searches: 422 with the form and a message, never a list.
for my $c (['category=nope', 'category', 'an unknown category'],
    ['category=AC', 'category', 'a category in capitals'],
    ['category=%3Cb%3E', 'category', 'a category with markup'],
    ['q=' . ('a' x 101), 'q', 'a query of 101 characters'],
    ['q=' . ('%C3%A9' x 101), 'q', 'a query of 101 two-byte characters']) {
	my ($query, $field, $what) = @$c;
	$res = search($query);
	is($res->code, 422, "search with $what is 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">[^<]+</p>},
	    "search with $what explains the $field field");
	like($res->decoded_content, qr{id="$field"[^>]* aria-invalid="true"},
	    "search with $what marks the $field field invalid");
	is_deeply([names($res->decoded_content)], [],
	    "search with $what lists no services");
}
# Bytes that are not UTF-8: refused, and never echoed into the page as
# they came (the page says it is UTF-8).
for my $query ('q=%FFab', 'q=ab%C3', 'q=%C0%AF', 'q=%ED%A0%80') {
	$res = search($query);
	is($res->code, 422, "search with invalid UTF-8 ($query) is 422");
	like($res->decoded_content, qr{<p class="error" id="q-error">Search is not valid text\.</p>},
	    "search with invalid UTF-8 ($query) says so");
	my $bytes = $res->content;
	ok(defined eval { Encode::decode('UTF-8', $bytes, Encode::FB_CROAK); 1 },
	    "the 422 page for $query is itself valid UTF-8");
}
$res = search('q=' . ('a' x 100));
is($res->code, 200, 'a query of exactly 100 characters is 200');
$res = search('q=' . ('%C3%A9' x 100));
is($res->code, 200, 'a query of 100 two-byte characters (200 bytes) is 200');

# Text that would be FTS5 syntax must be searched for, not parsed.
for my $q ('"', '""', '"plumb', '*', 'plumb*', '**', 'AND(', 'AND', 'OR',
    'NOT plumb', 'NEAR', 'NEAR(plumb ac)', 'NEAR(', 'plumb OR ac',
    '-plumb', '^plumb', 'name:plumb', 'category:', '{name}: x', '(',
    ')', "'", "';--", '\\', '+', '%', '_', 'plumb AND', '. . .', '😀',
    "\x{200b}", join(' ', ('ac') x 30)) {
	$res = search('q=' . uri_escape_utf8($q));
	is($res->code, 200, "search for <$q> is 200");
}
$res = search('q=' . uri_escape_utf8('"plumb'));
is_deeply([names($res->decoded_content)], ['Plumbing Service'],
    'a stray quote is ignored and the word still found');
$res = search('q=' . uri_escape_utf8('NEAR(plumb'));
is_deeply([names($res->decoded_content)], [],
    'NEAR( is a word to look for, not an operator');

# --- service pages ---
for my $name (@seeded) {
	$res = $mech->get($stack->url("/services/$id{$name}"));
	is($res->code, 200, "the page of $name is 200");
	is(h1_of($res), $name, "the page of $name is headed with its name");
}
$res = $mech->get($stack->url("/services/$id{'Plumbing Service'}"));
like($res->decoded_content, qr{<dd class="price">₹400</dd>}, 'the page shows the price');
like($res->decoded_content, qr{<dd>About 60 minutes</dd>}, 'the page shows the duration');
like($res->decoded_content, qr{<a href="/services\?category=plumbing">Plumbing</a>},
    'the page links its category');

my $max = $stack->sql_value('SELECT max(id) FROM services');
for my $path ('/services/' . ($max + 1), '/services/999999999999999',
    '/services/0', '/services/01', '/services/abc', '/services/1abc',
    '/services/-1', '/services/' . $id{'AC Repair'} . '/') {
	$res = $mech->get($stack->url($path));
	is($res->code, 404, "GET $path is 404");
	is(h1_of($res), 'Not Found', "GET $path shows the Not Found page");
}

# An inactive service leaves the listing, the search and its page.
$stack->sql('UPDATE services SET is_active = 0 WHERE id = ?', $id{'House Cleaning'});
$res = $mech->get($stack->url("/services/$id{'House Cleaning'}"));
is($res->code, 404, 'an inactive service\'s page is 404');
$res = $mech->get($stack->url('/services'));
is_deeply([names($res->decoded_content)],
    [grep { $_ ne 'House Cleaning' } @seeded], 'an inactive service is not listed');
$res = search('q=cleaning');
is_deeply([names($res->decoded_content)], [], 'an inactive service is not found');
$res = $mech->get($stack->url('/'));
is_deeply([names($res->decoded_content)],
    [grep { $_ ne 'House Cleaning' } @seeded], 'nor on the home page');
like($res->decoded_content, qr{category=cleaning">Cleaning <small>\(0\)</small>},
    'and its category counts no active service');

$stack->finish;
done_testing;
