# 70-escaping.t: hostile text in every field is stored verbatim and shown escaped wherever it appears.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use URI::Escape qw(uri_escape_utf8);
use HomeServe::Test;

my $stack = start_stack();
my $admin = $stack->mech(agent => '<script>alert("ua")</script>');
$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
my $public = $stack->mech;

my $IMG = '<img src=x onerror=alert(1)>';
my $SQL = "Robert'); DROP TABLE services;--";

# The raw page holds the markup escaped and never as markup.
sub escaped_ok {
	my ($res, $what) = @_;
	my $raw = $res->decoded_content // '';
	is($res->code, 200, "$what is 200");
	like($raw, qr/&lt;img src=x onerror=alert\(1\)&gt;/, "$what shows the markup escaped");
	unlike($raw, qr/<img src=x/i, "$what holds no <img> element");
	unlike($raw, qr/<script>alert/i, "$what holds no <script> element");
}

# --- service name and description, from the admin's form ---
$admin->get($stack->url('/admin/services/new'));
my $res = $stack->post_form($admin, '/admin/services/new', { name => "Fix $IMG now",
    category => 'appliance', description => "Desc $IMG \"quoted\" & 'single'",
    price => '250', duration_minutes => '45', active => 1 });
is($res->code, 303, 'a service named with markup is created');
my $id = $stack->sql_value("SELECT id FROM services WHERE name LIKE 'Fix %'");
is($stack->sql_value('SELECT name FROM services WHERE id = ?', $id), "Fix $IMG now",
    'the name is stored verbatim');
is($stack->sql_value('SELECT description FROM services WHERE id = ?', $id),
    "Desc $IMG \"quoted\" & 'single'", 'the description is stored verbatim');

escaped_ok($public->get($stack->url('/')), 'the home page');
escaped_ok($public->get($stack->url('/services')), '/services');
escaped_ok($public->get($stack->url('/services?q=onerror')), 'a search that finds it');
$res = $public->get($stack->url("/services/$id"));
escaped_ok($res, "/services/$id");
like($res->decoded_content, qr{<title>Fix &lt;img src=x onerror=alert\(1\)&gt; now · HomeServe</title>},
    'the title has the name escaped');
like($res->decoded_content, qr{&quot;quoted&quot; &amp; (&#39;|&#x27;|')single}, 'quotes and ampersands are escaped');
escaped_ok($admin->get($stack->url('/admin/services')), '/admin/services');
$res = $admin->get($stack->url("/admin/services/$id/edit"));
escaped_ok($res, 'the edit form');
like($res->decoded_content, qr{<input id="name" name="name" value="Fix &lt;img src=x onerror=alert\(1\)&gt; now"},
    'the name attribute value is escaped');
is($admin->form_with_fields('name')->value('name'), "Fix $IMG now", 'and reads back as typed');
escaped_ok($admin->get($stack->url('/admin/audit')), '/admin/audit');

# A value that would close the attribute.
$admin->get($stack->url('/admin/services/new'));
$res = $stack->post_form($admin, '/admin/services/new', { name => 'Quote" autofocus onfocus="alert(2)',
    category => 'appliance', price => 'abc', duration_minutes => '45', active => 1 });
is($res->code, 422, 'a bad price with a quote in the name is 422');
unlike($res->decoded_content, qr{value="Quote" autofocus}, 'the name cannot break out of its attribute');
like($res->decoded_content, qr{value="Quote&quot; autofocus onfocus=&quot;alert\(2\)"}, 'its quotes are escaped');

# --- SQL metacharacters: data, never SQL ---
$admin->get($stack->url('/admin/services/new'));
$res = $stack->post_form($admin, '/admin/services/new', { name => $SQL,
    category => 'plumbing', description => "1' OR '1'='1", price => '300', duration_minutes => '60', active => 1 });
is($res->code, 303, 'a service named with SQL is created');
my $sid = $stack->sql_value("SELECT id FROM services WHERE category = 'plumbing' AND name LIKE 'Robert%'");
ok($sid, 'it is stored');
is($stack->sql_value('SELECT name FROM services WHERE id = ?', $sid), $SQL, 'the name is stored verbatim');
is($stack->sql_value('SELECT description FROM services WHERE id = ?', $sid), "1' OR '1'='1",
    'the description is stored verbatim');
cmp_ok($stack->sql_value('SELECT count(*) FROM services'), '>=', 7, 'the services table is still there');
$res = $public->get($stack->url("/services/$sid"));
is($res->code, 200, 'its page is 200');
is(h1_of($res), $SQL, 'its page shows the name as typed');
$res = $public->get($stack->url('/services?q=' . uri_escape_utf8($SQL)));
is($res->code, 200, 'searching for the SQL text is 200');
like($res->decoded_content, qr{<a href="/services/$sid">}, 'and finds that service');
$res = $public->get($stack->url('/services?q=' . uri_escape_utf8("' OR 1=1 --")));
is($res->code, 200, "searching for ' OR 1=1 -- is 200");
$res = $public->get($stack->url('/services?category=' . uri_escape_utf8("' OR 1=1 --")));
is($res->code, 422, "a category of ' OR 1=1 -- is 422");
$res = $stack->login($stack->mech, "admin' --", 'x');
is($res->code, 422, "signing in as admin' -- is refused (422)");
$res = $stack->login($stack->mech, "' OR '1'='1", "' OR '1'='1");
is($res->code, 422, "signing in as ' OR '1'='1 is refused (422)");

# --- what visitors type: registration ---
my $ADDR = "<script>alert(1)</script> 12 MG Road'; DELETE FROM users;--";
my $reg = $stack->mech;
$reg->get($stack->url('/register'));
$res = $stack->post_form($reg, '/register', { username => 'xss_visitor',
    email => 'xss@example.com', phone => '9876512345', password => 'long-enough-2',
    password_confirm => 'long-enough-2', address => $ADDR, pincode => 'bad<b>' });
is($res->code, 422, 'a registration with a bad pincode is 422');
my $raw = $res->decoded_content;
like($raw, qr{&lt;script&gt;alert\(1\)&lt;/script&gt; 12 MG Road}, 'the address shown again is escaped');
unlike($raw, qr{<script>}i, 'the page holds no <script>');
like($raw, qr{value="bad&lt;b&gt;"}, 'the pincode shown again is escaped');
$res = $stack->post_form($reg, '/register', { username => 'xss_visitor',
    email => 'xss@example.com', phone => '9876512345', password => 'long-enough-2',
    password_confirm => 'long-enough-2', address => $ADDR, pincode => '400001' });
is($res->code, 303, 'the registration then succeeds');
is($stack->sql_value("SELECT address FROM users WHERE username = 'xss_visitor'"), $ADDR,
    'the address is stored verbatim');
is($stack->sql_value('SELECT count(*) FROM users'), 6, 'no user was deleted');

# The customer's saved addresses show the address from registration.
$res = $reg->get($stack->url('/addresses'));
is($res->code, 200, 'the new customer\'s address page is 200');
like($res->decoded_content, qr{&lt;script&gt;alert\(1\)&lt;/script&gt; 12 MG Road(&#39;|&#x27;|')},
    'the address page shows the address escaped');
unlike($res->decoded_content, qr{<script>}i, 'the address page holds no <script>');

# --- reflected input ---
for my $case (['/services?q=' . uri_escape_utf8('<script>alert(1)</script>'), 'a search'],
    ['/services?q=' . uri_escape_utf8('" autofocus onfocus="alert(1)'), 'a search with quotes'],
    ['/services?category=' . uri_escape_utf8('<script>'), 'a bad category'],
    ['/login?next=' . uri_escape_utf8('/"><script>alert(1)</script>'), 'next= on the sign-in page'],
    ['/nope<script>alert(1)</script>', 'an unknown path'],
    ['/services?notice=' . uri_escape_utf8('<script>alert(1)</script>'), 'an unknown notice']) {
	my ($path, $what) = @$case;
	$res = $public->get($stack->url($path));
	my $html = $res->decoded_content // '';
	ok($res->code < 500, "$what answers " . $res->code);
	unlike($html, qr{<script>}i, "$what puts no <script> in the page");
	unlike($html, qr{" autofocus}, "$what cannot break out of an attribute");
}
like($public->get($stack->url('/login?next=' . uri_escape_utf8('/"><script>alert(1)</script>')))->decoded_content,
    qr{<input type="hidden" name="next" value="/&quot;&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;">},
    'next= is kept in the form, escaped');

# The audit log shows what clients sent, escaped.
$res = $admin->get($stack->url('/admin/audit'));
like($res->decoded_content, qr{&lt;script&gt;alert\(&quot;ua&quot;\)&lt;/script&gt;}, 'a hostile user agent is shown escaped in the audit log');
unlike($res->decoded_content, qr{<script>}i, 'the audit log holds no <script>');
like($res->decoded_content, qr{Robert(&#39;|&#x27;|')\); DROP TABLE services;--}, 'the audit log shows the SQL text as text');

# Header injection through next=: never a second header.
{
	my $m = $stack->mech;
	$res = $stack->login($m, 'customer1', 'password123',
	    form => { next => "/x\r\nSet-Cookie: evil=1" });
	# Refusing the form (422) or ignoring next= are both safe.
	ok($res->code == 422 || ($res->code == 303 && ($res->header('Location') // '') eq '/'),
	    'a CR LF in next= is refused or ignored') or diag($res->status_line);
	unlike($res->header('Location') // '', qr/[\r\n]|Set-Cookie/i, 'the Location holds no second header');
	is(set_cookie_of($res, 'evil'), undef, 'and sets no extra cookie');
}

# --- the templates themselves ---
# Every template escapes by context; the one value written unescaped is
# the layout's body_html, which only ever holds a body the templates
# rendered (web_page_rendered, for pages kept between requests).
my $tdir = HomeServe::Test::src_dir() . '/templates';
opendir(my $dh, $tdir) or die "$tdir: $!";
my @templates = sort grep { /\.tpl\z/ } readdir $dh;
closedir $dh;
ok(@templates > 20, scalar(@templates) . ' templates');
my @unescaped;
for my $t (@templates) {
	my $text = HomeServe::Test::read_file("$tdir/$t");
	# An email's plain-text part is never read as HTML: nothing to escape.
	if ($t =~ /\.txt\.tpl\z/) {
		unlike($text, qr/AUTOESCAPE|<[a-z]/i, "$t is plain text (an email's)");
		next;
	}
	like($text, qr/\A\{\{%AUTOESCAPE context="HTML"\}\}/, "$t escapes by context");
	push @unescaped, map { "$t: $_" } $text =~ /(\{\{[^}]*:(?:none|x-)[^}]*\}\})/g;
}
is_deeply(\@unescaped, ['layout.tpl: {{body_html:none}}'],
    'the only unescaped value is the layout\'s rendered body');

# The kept catalogue body shows hostile text escaped like any page.
escaped_ok($public->get($stack->url('/services')), 'the catalogue, kept between requests') for 1 .. 6;

$stack->finish;
done_testing;
