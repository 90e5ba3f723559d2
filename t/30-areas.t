# 30-areas.t: who may enter which area: sign-in redirects with next=, 403 for the wrong role, each role's own pages.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use URI::Escape qw(uri_unescape);
use HomeServe::Test;

my $stack = start_stack();

# --- visitors are sent to sign in, with the page they wanted ---
my $anon = $stack->mech;
for my $path ('/vendor/', '/ops/', '/admin/', '/admin/services', '/account', '/account/sessions',
    '/admin/services/new', '/admin/services/1/edit', '/admin/audit',
    '/admin/audit?before=7', '/admin/services?x=a%26b') {
	my $res = $anon->get($stack->url($path));
	is($res->code, 303, "a visitor asking for $path is 303");
	my $loc = $res->header('Location') // '';
	my ($next) = $loc =~ m{^/login\?next=([^&]*)$};
	ok(defined $next, "$path: to /login?next=...") or diag("Location: $loc");
	is(uri_unescape($next // ''), $path, "$path: next= is the page asked for");
	header_has_security($res, "GET $path (303)") if $path eq '/admin/';
}
# A visitor's POST to an area is sent to sign in too, and changes nothing.
{
	my $before = $stack->sql_value('SELECT count(*) FROM services');
	my $res = $anon->post($stack->url('/admin/services/new'), { name => 'Sneaky',
	    category => 'ac', price => '100', duration_minutes => '60', active => 1 });
	is($res->code, 303, 'a visitor POSTing to /admin/services/new is sent to sign in');
	is($stack->sql_value('SELECT count(*) FROM services'), $before, 'and no service is made');
}

# nginx adds the slash to the bare area names.
for my $area (qw(vendor ops admin)) {
	my $res = $anon->get($stack->url("/$area"));
	is($res->code, 301, "GET /$area is 301");
	is($res->header('Location'), "/$area/", "GET /$area goes to /$area/");
	$res = $anon->get($stack->url("/$area?x=1"));
	is($res->header('Location'), "/$area/?x=1", "GET /$area?x=1 keeps the query");
}

# --- each role: where it may go, where it may not ---
my %mech;
for my $who (['admin', 'admin123', '/admin/'], ['customer1', 'password123', '/'],
    ['vendor1', 'password123', '/vendor/'], ['onboard_mgr', 'password123', '/ops/'],
    ['ops_mgr', 'password123', '/ops/']) {
	my ($user, $pass, $home) = @$who;
	$mech{$user} = $stack->mech;
	$stack->login_ok($mech{$user}, $user, $pass, $home);
}

my @matrix = (
	# who          path                    status  heading
	['customer1',   '/',                    200, 'Home services you can trust'],
	['customer1',   '/vendor/',             403],
	['customer1',   '/ops/',                403],
	['customer1',   '/admin/',              403],
	['customer1',   '/admin/services',      403],
	['customer1',   '/admin/audit',         403],
	['vendor1',     '/vendor/',             200, 'Vendor dashboard'],
	['vendor1',     '/ops/',                403],
	['vendor1',     '/admin/',              403],
	['vendor1',     '/admin/services/new',  403],
	['onboard_mgr', '/ops/',                200, 'Operations overview'],
	['onboard_mgr', '/vendor/',             403],
	['onboard_mgr', '/admin/',              403],
	['ops_mgr',     '/ops/',                200, 'Operations overview'],
	['ops_mgr',     '/vendor/',             403],
	['ops_mgr',     '/admin/',              403],
	['ops_mgr',     '/admin/audit',         403],
	['admin',       '/admin/',              200, 'Admin overview'],
	['admin',       '/admin/services',      200, 'Services'],
	['admin',       '/admin/services/new',  200, 'New service'],
	['admin',       '/admin/audit',         200, 'Audit log'],
	['admin',       '/vendor/',             403],
	['admin',       '/ops/',                403],
	['admin',       '/',                    200, 'Home services you can trust'],
	['vendor1',     '/services',            200, 'Services'],
	['customer1',   '/account',             200, 'Your account'],
	['customer1',   '/account/password',    200, 'Change your password'],
	['customer1',   '/account/sessions',    200, 'Where you are signed in'],
	['customer1',   '/account/delete',      200, 'Delete your account'],
	['vendor1',     '/account',             200, 'Your account'],
	['ops_mgr',     '/account/sessions',    200, 'Where you are signed in'],
	['admin',       '/account',             200, 'Your account'],
);
for my $row (@matrix) {
	my ($user, $path, $status, $h1) = @$row;
	my $res = $mech{$user}->get($stack->url($path));
	is($res->code, $status, "$user GET $path is $status");
	is(h1_of($res), $h1 // 'Forbidden', "$user GET $path shows " . ($h1 // 'the Forbidden page'));
	if ($status == 403) {
		like($res->decoded_content, qr{Your account cannot use this page\.},
		    "$user GET $path explains the 403");
		header_has_security($res, "$user GET $path (403)") if $path eq '/admin/';
	}
}

# The wrong role cannot change anything either, even with its own valid token.
{
	my $m = $mech{ops_mgr};
	$m->get($stack->url('/ops/'));
	my $id = $stack->sql_value("SELECT id FROM services WHERE name = 'AC Repair'");
	my $res = $stack->post_form($m, "/admin/services/$id/deactivate", []);
	is($res->code, 403, 'ops_mgr POSTing a deactivation with a valid token is 403');
	is($stack->sql_value('SELECT is_active FROM services WHERE id = ?', $id), 1,
	    'and the service stays active');
	$m = $mech{customer1};
	$m->get($stack->url('/'));
	$res = $stack->post_form($m, '/admin/services/new', { name => 'Sneaky',
	    category => 'ac', price => '100', duration_minutes => '60', active => 1 });
	is($res->code, 403, 'customer1 POSTing a new service is 403');
	is($stack->sql_value("SELECT count(*) FROM services WHERE name = 'Sneaky'"), 0,
	    'and no service is made');
}

# --- what each area shows its own people ---
{
	my $html = $mech{vendor1}->get($stack->url('/vendor/'))->decoded_content;
	like($html, qr{<span class="who">vendor1 <small>Vendor</small></span>},
	    'the vendor dashboard names the vendor in the header');
	like($html, qr{<li><a href="/vendor/" aria-current="page">Dashboard</a></li>},
	    'the vendor\'s navigation marks the dashboard as current');
	unlike($html, qr{href="/admin/}, 'the vendor sees no admin links');

	$html = $mech{ops_mgr}->get($stack->url('/ops/'))->decoded_content;
	like($html, qr{<tr><td>Customer</td><td class="num">1</td></tr>}, 'the ops overview counts customers');
	like($html, qr{<tr><td>Vendor</td><td class="num">1</td></tr>}, 'the ops overview counts vendors');
	like($html, qr{<tr><td>AC &amp; cooling</td><td class="num">1</td></tr>},
	    'the ops overview counts active services by category');
	like($html, qr{<span class="who">ops_mgr <small>Operations manager</small></span>},
	    'the header names the operations manager');

	$html = $mech{admin}->get($stack->url('/admin/'))->decoded_content;
	for my $role (['Customer', 1, 'customer'], ['Vendor', 1, 'vendor'],
	    ['Onboarding manager', 1, 'onboard_manager'],
	    ['Operations manager', 1, 'ops_manager'], ['Super admin', 1, 'super_admin']) {
		like($html, qr{<tr><td><a href="/admin/users\?role=$role->[2]">$role->[0]</a></td><td class="num">$role->[1]</td></tr>},
		    "the admin overview counts $role->[0] accounts, linking their list");
	}
	like($html, qr{<a href="/admin/audit">Audit log</a>}, 'the admin overview links the audit log');
	like($html, qr{<strong>admin</strong> session\.login user}, 'the latest activity shows the admin signing in');
	my @nav = $html =~ m{<nav aria-label="Main">(.*?)</nav>}s;
	my @links = ($nav[0] // '') =~ m{href="([^"]+)"}g;
	is_deeply([grep { m{^/admin/} } @links], ['/admin/', '/admin/users', '/admin/services', '/admin/categories',
	    '/admin/settings', '/admin/audit', '/admin/export'],
	    'the admin\'s navigation has Overview, Users, Services, Categories, Settings, Audit log, Exports, in that order');
}


# Every operations console page and action refuses customers and vendors,
# and the money actions onboarding managers, each with its own valid token.
{
	my @get = qw(/ops/bookings /ops/bookings.csv /ops/bookings/1 /ops/disputes /ops/disputes/1
	    /ops/signatures /ops/signatures/export /ops/analytics /ops/demand /ops/pricing /ops/alerts
	    /ops/payments /ops/payouts);
	my @post = qw(/ops/bookings/1/cancel /ops/bookings/1/release /ops/bookings/1/notes
	    /ops/bookings/1/messages /ops/disputes/1/resolve /ops/pricing /ops/pricing/remove
	    /ops/alerts/1/ack /ops/alerts/1/resolve /ops/payments/1/capture /ops/payments/1/refund);
	my %home = (customer1 => '/', vendor1 => '/vendor/', onboard_mgr => '/ops/');
	for my $user (qw(customer1 vendor1)) {
		my $m = $mech{$user};
		for my $path (@get) {
			is($m->get($stack->url($path))->code, 403, "$user GET $path is 403");
		}
		for my $path (@post) {
			$m->get($stack->url($home{$user}));
			is($stack->post_form($m, $path, { reason => 'x', body => 'x', note => 'x',
			    outcome => 'release', amount => '1', pincode => '110001', category_id => 1,
			    factor => '1.10' })->code, 403, "$user POST $path is 403");
		}
	}
	for my $path (qw(/ops/bookings/1/cancel /ops/bookings/1/release /ops/disputes/1/resolve /ops/pricing
	    /ops/payments/1/capture /ops/payments/1/refund)) {
		$mech{onboard_mgr}->get($stack->url('/ops/'));
		is($stack->post_form($mech{onboard_mgr}, $path, { reason => 'x', note => 'x', outcome => 'release',
		    amount => '1', pincode => '110001', category_id => 1, factor => '1.10' })->code, 403,
		    "onboard_mgr POST $path (money) is 403");
	}
}

# --- every long-running process forbids itself to start a program ---
# (lib/platform/sandbox.c: seccomp makes execve fail with EPERM.)  The
# supervisor's pid is in run/NAME.pid; its workers are its children.
sub slurp { open(my $fh, '<', $_[0]) or return undef; local $/; return scalar <$fh> }
sub proc_status {
	my ($pid, $field) = @_;
	open(my $fh, '<', "/proc/$pid/status") or return undef;
	while (my $line = <$fh>) { return $1 if $line =~ /^\Q$field\E:\s*(\d+)/ }
	return undef;
}
for my $name (qw(booking vendor ops admin)) {	# the worker: t/89
	my $pid = slurp($stack->data . "/run/$name.pid") =~ s/\s+//gr;
	is(proc_status($pid, 'Seccomp'), 2, "$name: the supervisor runs under a seccomp filter");
	is(proc_status($pid, 'NoNewPrivs'), 1, "$name: with no_new_privs");
	my @kids = grep { (slurp("/proc/$_/stat") // '') =~ /^\d+ \(.*\) \S+ $pid / }
	    map { m{/proc/(\d+)$} ? $1 : () } glob('/proc/[0-9]*');
	ok(@kids >= 1, "$name: has children") or next;
	is(scalar(grep { (proc_status($_, 'Seccomp') // 0) == 2 } @kids), scalar @kids,
	    "$name: each of its " . scalar(@kids) . " children inherits the filter");
	next if $name ne 'booking';
	# The five sign-ins above ran scrypt (8 MB each) in booking workers:
	# the memory goes back to the system (worker.c's mallopt), so no
	# worker stays larger for having served one.
	SKIP: {
		skip('ASan keeps freed memory in quarantine', 1) if $ENV{HS_SANITIZE};
		my ($largest) = sort { $b <=> $a } map { proc_status($_, 'VmRSS') // 0 } @kids;
		cmp_ok($largest, '<', 16 * 1024, "booking: after five sign-ins the largest "
		    . "worker holds under 16 MB (${largest} kB)");
	}
}

$stack->finish;
done_testing;
