# 92-admin-categories.t: the super admin's categories: create (slugs made once), rename without touching a booking, reorder, deactivate (hidden from the catalogue, refused for booking, kept by vendors and staff pages) and reactivate; hostile input, other roles, CSRF, the audit rows, every worker's catalogue following at once, and an upgrade from the schema before categories had ids.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Encode ();
use File::Temp qw(tempdir);
use JSON::PP ();
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my %m;
for my $who (['admin', '/admin/'], ['ops_mgr', '/ops/'], ['onboard_mgr', '/ops/'],
    ['customer1', '/'], ['vendor1', '/vendor/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my $admin = $m{admin};
my $public = $stack->mech;
my $json = JSON::PP->new;

# --- helpers -------------------------------------------------------------------

sub category { $stack->sql('SELECT * FROM categories WHERE slug = ?', $_[0])->[0] }
sub categories_count { $stack->sql_value('SELECT count(*) FROM categories') }
sub audit_count { $stack->sql_value("SELECT count(*) FROM audit_log WHERE entity = 'category'") }

# The newest audit row for a category, its JSON values decoded.
sub last_audit {
	my ($id) = @_;
	my $row = $stack->sql("SELECT * FROM audit_log WHERE entity = 'category'
	    AND entity_id = ? ORDER BY id DESC LIMIT 1", $id)->[0] // {};
	$row->{$_} = defined $row->{$_} ? $json->decode(Encode::encode('UTF-8', $row->{$_})) : undef
	    for qw(old_values new_values);
	return $row;
}

# Public service names on a page, in order.
sub listed {
	my ($path) = @_;
	my $html = $public->get($stack->url($path))->decoded_content;
	return [map { decode_html($_) } $html =~ m{<h[23]><a href="/services/\d+">([^<]*)</a>}g];
}

# The category choices (slugs) of the /services search form.
sub search_options {
	my $html = $public->get($stack->url('/services'))->decoded_content;
	my ($select) = $html =~ m{<select id="category"[^>]*>(.*?)</select>}s;
	return [grep { $_ ne '' } ($select // '') =~ m{<option value="([^"]*)"}g];
}

# The category checkboxes (slugs) a vendor form offers, in order.
sub checkboxes {
	my ($mech, $path) = @_;
	my $html = $mech->get($stack->url($path))->decoded_content;
	return [$html =~ m{<input id="category-[^"]*" name="categories" type="checkbox" value="([^"]*)"}g];
}

# POST the new-category form from the list page (its own token).
sub create {
	my (%f) = @_;
	$admin->get($stack->url('/admin/categories'));
	return $stack->post_form($admin, '/admin/categories', \%f);
}

# POST the edit form of a category; fields not given keep their value.
sub edit {
	my ($slug, %f) = @_;
	my $c = category($slug);
	$admin->get($stack->url("/admin/categories/$c->{id}/edit"));
	my %fields = (name => $c->{name}, position => $c->{position},
	    ($c->{active} ? (active => 1) : ()), %f);
	delete $fields{active} if defined $f{active} && $f{active} eq '';
	return $stack->post_form($admin, "/admin/categories/$c->{id}/edit", \%fields);
}

# Eight pages in a row (the stack has two workers per area) pass a check.
sub each_page_shows {
	my ($path, $re, $what) = @_;
	my @seen = map { $public->get($stack->url($path))->decoded_content =~ $re ? 1 : 0 } 1 .. 8;
	is_deeply(\@seen, [(1) x 8], "$what: the next eight pages show it");
}

sub book {
	my ($service) = @_;
	my $c = $m{customer1};
	$c->get($stack->url("/bookings/new?service_id=$service"));
	return $stack->post_form($c, '/bookings/new', { service_id => $service,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => local_time(1, '11:00'), notes => '' });
}

# Every byte of the bookings table, as sqlite3 dumps it.
sub bookings_dump {
	my ($rc, $out, $err) = run_command(['sqlite3', $stack->db, '.dump bookings']);
	die "sqlite3 .dump: $err" if $rc != 0;
	return $out;
}

my %sid = map { $_->{name} => $_->{id} } @{ $stack->sql('SELECT id, name FROM services') };

# --- the list -----------------------------------------------------------------------
my $res = $admin->get($stack->url('/admin/categories'));
is($res->code, 200, 'GET /admin/categories is 200');
header_has_security($res, 'GET /admin/categories');
is(h1_of($res), 'Categories', 'headed Categories');
my $html = $res->decoded_content;
like($html, qr{<a href="/admin/categories" aria-current="page">Categories</a>},
    'the navigation has Categories, marked current');
my @rows = $html =~ m{<tr>\s*<td class="num"[^>]*>(\d+)</td><td[^>]*>([^<]*)</td><td[^>]*><code>([^<]*)</code></td>\s*<td[^>]*>(Active|<span class="muted">Inactive</span>)</td>\s*<td class="num"[^>]*>(\d+)</td><td class="num"[^>]*>(\d+)</td>\s*<td[^>]*><a href="/admin/categories/(\d+)/edit">}g;
my @list;
push @list, [splice(@rows, 0, 7)] while @rows;
is_deeply(\@list, [
	[1, 'AC &amp; cooling', 'ac', 'Active', 1, 1, 1],
	[2, 'Plumbing', 'plumbing', 'Active', 1, 1, 2],
	[3, 'Electrical', 'electrical', 'Active', 1, 1, 3],
	[4, 'Cleaning', 'cleaning', 'Active', 1, 1, 4],
	[5, 'Appliances', 'appliance', 'Active', 1, 1, 5]],
    'the list: position, name, slug, status, services active and in all, an edit link; ids in position order');
my $form = $admin->form_with_fields('name', 'position');
is($form->action, $stack->url('/admin/categories'), 'the new-category form posts to the list');
is($form->value('position'), '15', 'its position starts 10 after the last');
is($form->find_input('active')->value, '1', 'and it starts active');
like($form->value('csrf_token') // '', qr/^[0-9a-f]{64}$/, 'it carries a token');

# --- creating, and the slugs made from names ---------------------------------------------
my $audits = audit_count();
$res = create(name => 'Pest Control', position => 6, active => 1);
is($res->code, 303, 'a new category answers 303');
is($res->header('Location'), '/admin/categories?notice=category-created', 'to the list with a notice');
my $pest = category('pest-control');
ok($pest, 'its slug is made from the name');
is($pest->{name}, 'Pest Control', 'the name is stored');
is($pest->{position}, 6, 'the position too');
is($pest->{active}, 1, 'active');
ok(abs($pest->{updated_at} - time) < 300, 'updated_at is now');
is(audit_count(), $audits + 1, 'one audit row');
my $audit = last_audit($pest->{id});
is($audit->{action}, 'category.created', 'category.created');
is($audit->{actor_id}, $uid{admin}, 'by the admin');
is($audit->{old_values}, undef, 'with no old values');
is_deeply($audit->{new_values}, { slug => 'pest-control', name => 'Pest Control', position => 6,
    active => JSON::PP::true }, 'and the new ones');
like($admin->get($stack->url('/admin/categories?notice=category-created'))->decoded_content,
    qr{<p class="notice" role="status">The category is created\.</p>}, 'the list says so');
each_page_shows('/services', qr{<option value="pest-control">Pest Control</option>},
    'the new category is a search choice');
each_page_shows('/', qr{<a href="/services\?category=pest-control">Pest Control <small>\(0\)</small></a>},
    'the home page lists it');

for my $case (['Pest-Control!!', 'pest-control-2', 'a taken slug gets -2'],
    ['pest control?', 'pest-control-3', 'and then -3'],
    ['!!', 'category', 'a name all punctuation: "category"'],
    ['सफाई सेवा', 'category-2', 'a name in Devanagari: "category-2"'],
    ['Électricité générale', 'lectricit-g-n-rale', 'accented letters are separators'],
    ['  Gardening  ', 'gardening', 'spaces around the name are trimmed'],
    ['x' x 60, 'x' x 40, 'a 60-character name: a 40-character slug']) {
	my ($name, $slug, $what) = @$case;
	$res = create(name => $name, position => 100, active => 1);
	is($res->code, 303, "$what: created");
	(my $trimmed = $name) =~ s/^\s+|\s+$//g;
	is($stack->sql_value('SELECT slug FROM categories WHERE name = ?', $trimmed), $slug, "$what: $slug");
}
$res = create(name => 'Carpentry', position => 7);
is($res->code, 303, 'a category without the active box is created');
is(category('carpentry')->{active}, 0, 'inactive');
ok(!grep({ $_ eq 'carpentry' } @{ search_options() }), 'and customers do not see it');

# --- hostile input: 422, the form kept, nothing written ----------------------------------
my $count = categories_count();
$audits = audit_count();
for my $bad (
    [{ name => 'PEST CONTROL' }, 'name', qr/Another category has this name/, 'a taken name in capitals'],
    [{ name => 'pest control' }, 'name', qr/Another category has this name/, 'a taken name in lower case'],
    [{ name => 'A' }, 'name', qr/at least 2 characters/, 'a 1-character name'],
    [{ name => 'y' x 61 }, 'name', qr/at most 60 characters/, 'a 61-character name'],
    [{ name => '   ' }, 'name', qr/Name is required/, 'a blank name'],
    [{ name => "Tab\x{7}bell" }, 'name', qr/not allowed/, 'a control character'],
    [{ position => '-1' }, 'position', qr/from 0 to 1000/, 'position -1'],
    [{ position => '1001' }, 'position', qr/from 0 to 1000/, 'position 1001'],
    [{ position => 'x' }, 'position', qr/from 0 to 1000/, 'position x'],
    [{ position => '2.5' }, 'position', qr/from 0 to 1000/, 'position 2.5'],
    [{ position => '' }, 'position', qr/Position is required/, 'no position']) {
	my ($over, $field, $why, $what) = @$bad;
	my %f = (name => 'Roofing', position => 50, active => 1, %$over);
	$res = create(%f);
	is($res->code, 422, "$what: 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">[^<]*$why[^<]*</p>}, "$what: says why, beside the field");
	like($res->decoded_content, qr{<input id="$field" [^>]*aria-invalid="true"}, "$what: the field is marked");
	my $kept = $admin->form_with_fields('name', 'position');
	is($kept && $kept->value($field), $f{$field}, "$what: what was typed is kept")
	    unless $f{$field} =~ /[\x00-\x1f]/;	# shown without the control character
	is($kept && $kept->find_input('active')->value, '1', "$what: the box stays ticked");
	like($res->decoded_content, qr{<td[^>]*><code>plumbing</code></td>}, "$what: the list is still shown");
}
is(categories_count(), $count, 'no category was made by a refused form');
is(audit_count(), $audits, 'and no audit row written');

# --- a booking to keep an eye on --------------------------------------------------------
$res = book($sid{'AC Repair'});
is($res->code, 303, 'customer1 books AC Repair');
my ($booking) = ($res->header('Location') // '') =~ m{^/bookings/(\d+)};
ok($booking, 'the booking exists');
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, ?, 'ac', '3 Old Road', '110001', 1700000000, 90, 50000, 'completed',
    1699990000, 1700010000)}, $uid{customer1}, $uid{vendor1}, $sid{'AC Repair'});
my $past = $stack->sql_value('SELECT max(id) FROM bookings');

# --- editing: renaming ---------------------------------------------------------------
my $ac = category('ac');
$res = $admin->get($stack->url("/admin/categories/$ac->{id}/edit"));
is($res->code, 200, 'GET the edit form is 200');
is(h1_of($res), 'Edit category', 'headed Edit category');
like($res->decoded_content, qr{<dt>Slug</dt><dd><code>ac</code>}, 'it shows the slug');
$form = $admin->form_with_fields('name', 'position');
is($form->action, $stack->url("/admin/categories/$ac->{id}/edit"), 'the form posts to the same address');
is($form->value('name'), 'AC & cooling', 'with the name');
is($form->value('position'), '1', 'the position');
is($form->find_input('active')->value, '1', 'and the box ticked');

my $before = bookings_dump();
my $services_before = $stack->sql('SELECT * FROM services ORDER BY id');
my $vendors_before = $stack->sql('SELECT * FROM vendor_categories ORDER BY 1, 2');
$audits = audit_count();
$res = edit('ac', name => 'Air conditioning');
is($res->code, 303, 'a rename answers 303');
is($res->header('Location'), '/admin/categories?notice=category-saved', 'to the list with a notice');
like($admin->get($stack->url('/admin/categories?notice=category-saved'))->decoded_content,
    qr{<p class="notice" role="status">Your changes to the category are saved\.</p>}, 'which says so');
is(category('ac')->{name}, 'Air conditioning', 'the new name is stored, under the same slug');
is(bookings_dump(), $before, 'the bookings table is byte for byte what it was');
is_deeply($stack->sql('SELECT * FROM services ORDER BY id'), $services_before, 'no service changed');
is_deeply($stack->sql('SELECT * FROM vendor_categories ORDER BY 1, 2'), $vendors_before, 'no vendor\'s categories changed');
is(audit_count(), $audits + 1, 'one audit row');
$audit = last_audit($ac->{id});
is($audit->{action}, 'category.updated', 'category.updated');
is_deeply([$audit->{old_values}, $audit->{new_values}], [{ name => 'AC & cooling' }, { name => 'Air conditioning' }],
    'with the old and the new name, and nothing else');
each_page_shows('/services', qr{<option value="ac">Air conditioning</option>}, 'the renamed category');
each_page_shows('/', qr{<p class="meta">Air conditioning · about 90 minutes</p>}, 'the service cards');
is_deeply(listed('/services?q=conditioning'), ['AC Repair'], 'the search finds the new name');
is_deeply(listed('/services?category=ac'), ['AC Repair'], 'the old address of the category still works');
$res = $m{ops_mgr}->get($stack->url("/ops/bookings/$past"));
is($res->code, 200, 'an operations manager opens the past booking');
like($res->decoded_content, qr{<dt>Category</dt><dd>Air conditioning</dd>}, 'which shows the category\'s name now');
is($m{customer1}->get($stack->url("/bookings/$past"))->code, 200, 'the customer opens it too');

$res = edit('ac', name => 'Air Conditioning');
is($res->code, 303, 'a change of capitals only is a rename of its own name');
is(category('ac')->{name}, 'Air Conditioning', 'stored');
$audits = audit_count();
$res = edit('ac');
is($res->code, 303, 'saving the form unchanged answers 303');
is(audit_count(), $audits, 'and writes no audit row: nothing changed');

$res = edit('ac', name => 'PLUMBING');
is($res->code, 422, 'renaming to another category\'s name (in capitals) is 422');
like($res->decoded_content, qr{<p class="error" id="name-error">Another category has this name}, 'it says why');
is($admin->form_with_fields('name')->value('name'), 'PLUMBING', 'what was typed is kept');
is(category('ac')->{name}, 'Air Conditioning', 'nothing changed');
for my $bad (['position', '1001'], ['position', '-1'], ['name', 'z' x 61], ['name', 'A']) {
	$res = edit('ac', $bad->[0] => $bad->[1]);
	is($res->code, 422, "an edit with $bad->[0] '" . substr($bad->[1], 0, 8) . "' is 422");
	like($res->decoded_content, qr{<p class="error" id="$bad->[0]-error">}, '... beside the field');
	is($admin->form_with_fields('name')->value($bad->[0]), $bad->[1], '... kept as typed');
}
is_deeply([@{ category('ac') }{qw(name position active)}], ['Air Conditioning', 1, 1],
    'and the category is as it was');
is(audit_count(), $audits, 'no audit row for a refused edit');

# --- reordering ---------------------------------------------------------------------------
$res = edit('appliance', position => 0);
is($res->code, 303, 'moving Appliances to position 0 answers 303');
is_deeply([last_audit(category('appliance')->{id})->@{qw(old_values new_values)}],
    [{ position => 5 }, { position => 0 }], 'audited with the old and new position');
each_page_shows('/services', qr{<h[23]><a href="/services/\d+">Appliance Repair</a>.*?AC Repair}s,
    'the catalogue lists Appliances first');
is_deeply(listed('/services'), ['Appliance Repair', 'AC Repair', 'Plumbing Service', 'Electrical Work', 'House Cleaning'],
    'the listing follows the positions');
is(checkboxes($stack->mech, '/vendor/apply')->[0], 'appliance', 'the apply form offers Appliances first');
is(search_options()->[0], 'appliance', 'and the search form');

# --- deactivating ------------------------------------------------------------------------
$res = $m{vendor1}->get($stack->url('/vendor/jobs'));
like($res->decoded_content, qr{AC Repair}, 'vendor1\'s job board has the AC booking');
ok(grep({ $_ eq 'ac' } @{ checkboxes($m{vendor1}, '/vendor/profile') }), 'vendor1 does AC');

$res = edit('ac', active => '');
is($res->code, 303, 'deactivating answers 303');
is($res->header('Location'), '/admin/categories?notice=category-deactivated', 'with its own notice');
like($admin->get($stack->url($res->header('Location')))->decoded_content,
    qr{<p class="notice" role="status">The category is deactivated: customers no longer see it or its services\.},
    'which says what it does');
is(category('ac')->{active}, 0, 'the category is inactive');
is(category('ac')->{name}, 'Air Conditioning', 'with its name');
is_deeply([last_audit(category('ac')->{id})->@{qw(old_values new_values)}],
    [{ active => JSON::PP::true }, { active => JSON::PP::false }], 'audited');
is($stack->sql_value('SELECT is_active FROM services WHERE id = ?', $sid{'AC Repair'}), 1,
    'its service keeps its own switch');
is(bookings_dump(), $before, 'and no booking changed');

each_page_shows('/services', qr{\A(?!.*AC Repair)}s, 'AC Repair leaves the listing');
ok(!grep({ $_ eq 'ac' } @{ search_options() }), 'the category leaves the search form');
ok(!grep({ $_ eq 'AC Repair' } @{ listed('/') }), 'the home page no longer lists AC Repair');
unlike($public->get($stack->url('/'))->decoded_content, qr{category=ac"}, 'nor links the category');
$res = $public->get($stack->url('/services?category=ac'));
is($res->code, 422, '/services?category=ac is 422');
like($res->decoded_content, qr{Choose a category from the list}, 'it says to choose from the list');
is_deeply(listed('/services?category=ac'), [], 'and lists nothing');
is_deeply(listed('/services?q=repair'), ['Appliance Repair'], 'a search no longer finds AC Repair');
is($public->get($stack->url("/services/$sid{'AC Repair'}"))->code, 404, 'its page is 404');
is($m{customer1}->get($stack->url("/bookings/new?service_id=$sid{'AC Repair'}"))->code, 404,
    'there is no booking form for it');
my $nbookings = $stack->sql_value('SELECT count(*) FROM bookings');
$m{customer1}->get($stack->url("/bookings/new?service_id=$sid{'Plumbing Service'}"));
$res = $stack->post_form($m{customer1}, '/bookings/new', { service_id => $sid{'AC Repair'},
    address => '12 Janpath, New Delhi', pincode => '110001',
    scheduled_date => local_time(1, '11:00'), notes => '' });
is($res->code, 422, 'booking it anyway is 422');
like($res->decoded_content, qr{This service is not offered\.}, 'as for an inactive service');
is($stack->sql_value('SELECT count(*) FROM bookings'), $nbookings, 'and no booking is made');

ok(!grep({ $_ eq 'ac' } @{ checkboxes($stack->mech, '/vendor/apply') }), 'the apply form no longer offers it');
{
	my $anon = $stack->mech;
	$anon->get($stack->url('/vendor/apply'));
	$res = $stack->post_form($anon, '/vendor/apply', [username => 'coolguy', email => 'cool@example.test',
	    phone => '98123 40000', password => 'secret-pass-1', password_confirm => 'secret-pass-1',
	    business_name => 'Cool Guy', experience_years => 3, categories => 'ac',
	    pincodes => '110001', address => '5 Lodhi Estate, New Delhi', pincode => '110003']);
	is($res->code, 422, 'applying for it is 422');
	like($res->decoded_content, qr{Choose services from the list}, 'with a message');
}

# A vendor who does it keeps it: the job board, the profile, its save.
$res = $m{vendor1}->get($stack->url('/vendor/jobs'));
like($res->decoded_content, qr{AC Repair}, 'vendor1\'s job board still has the booking made before');
$res = $m{vendor1}->get($stack->url('/vendor/profile'));
like($res->decoded_content, qr{<input id="category-ac" name="categories" type="checkbox" value="ac" checked><label for="category-ac">Air Conditioning \(inactive: customers cannot book it now; untick it to leave it\)</label>},
    'the profile shows it ticked and labelled inactive');
$res = $m{vendor1}->request($m{vendor1}->form_with_fields('pincodes')->click);
is($res->code, 303, 'vendor1 saves the profile untouched');
is($stack->sql_value(q{SELECT count(*) FROM vendor_categories WHERE vendor_id = ? AND category = 'ac'}, $uid{vendor1}), 1,
    'and still does AC');
$m{vendor1}->get($stack->url("/vendor/bookings/$booking"));
$res = $stack->post_form($m{vendor1}, "/vendor/bookings/$booking/accept", {});
is($res->code, 303, 'vendor1 accepts the AC booking made before');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $booking), 'accepted', 'it is accepted');
$res = $m{ops_mgr}->get($stack->url("/ops/bookings/$booking"));
is($res->code, 200, 'staff open the booking');
like($res->decoded_content, qr{<dt>Category</dt><dd>Air Conditioning</dd>}, 'named by the inactive category');
like($m{ops_mgr}->get($stack->url('/ops/bookings'))->decoded_content, qr{AC Repair}, 'and list it');
is($m{customer1}->get($stack->url("/bookings/$booking"))->code, 200, 'the customer opens it');
like($m{ops_mgr}->get($stack->url("/ops/vendors/$uid{vendor1}"))->decoded_content,
    qr{<dt>Services</dt><dd>[^<]*Air Conditioning}, 'the vendor\'s record names it');

# Unticked, it goes; gone, it cannot come back while inactive.
$m{vendor1}->get($stack->url('/vendor/profile'));
$res = $stack->post_form($m{vendor1}, '/vendor/profile', [categories => 'plumbing', pincodes => '110001, 110002']);
is($res->code, 303, 'vendor1 unticks it');
is($stack->sql_value(q{SELECT count(*) FROM vendor_categories WHERE vendor_id = ? AND category = 'ac'}, $uid{vendor1}), 0,
    'and no longer does AC');
ok(!grep({ $_ eq 'ac' } @{ checkboxes($m{vendor1}, '/vendor/profile') }), 'the profile no longer offers it');
$res = $stack->post_form($m{vendor1}, '/vendor/profile', [categories => 'plumbing', categories => 'ac', pincodes => '110001']);
is($res->code, 422, 'adding an inactive category is 422');
like($res->decoded_content, qr{Choose categories from the list}, 'with a message');

# Staff still see and use it.
$res = $admin->get($stack->url('/admin/services'));
like($res->decoded_content, qr{<td[^>]*>AC Repair</td><td[^>]*>Air Conditioning <span class="muted">\(inactive\)</span></td>},
    'the admin\'s services list marks the category inactive');
$res = $admin->get($stack->url("/admin/services/$sid{'AC Repair'}/edit"));
like($res->decoded_content, qr{<option value="ac" selected>Air Conditioning \(inactive\)</option>},
    'the service editor offers it, labelled');
like($res->decoded_content, qr{<option value="carpentry">Carpentry \(inactive\)</option>}, 'as every inactive one');
like($res->decoded_content, qr{<option value="plumbing">Plumbing</option>}, 'and the active ones unlabelled');
$res = $admin->request($admin->form_with_fields('name', 'price')->click);
is($res->code, 303, 'a service of an inactive category saves');
like($admin->get($stack->url('/admin/categories'))->decoded_content,
    qr{<td[^>]*>Air Conditioning</td><td[^>]*><code>ac</code></td>\s*<td[^>]*><span class="muted">Inactive</span></td>\s*<td class="num"[^>]*>1</td><td class="num"[^>]*>1</td>},
    'the list marks it inactive, with its service');

# --- reactivating ---------------------------------------------------------------------
$res = edit('ac', active => 1);
is($res->code, 303, 'reactivating answers 303');
is($res->header('Location'), '/admin/categories?notice=category-activated', 'with its notice');
is(category('ac')->{active}, 1, 'active again');
each_page_shows('/services', qr{AC Repair}, 'AC Repair is back');
is($public->get($stack->url("/services/$sid{'AC Repair'}"))->code, 200, 'with its page');
is_deeply(listed('/services?category=ac'), ['AC Repair'], 'and its category\'s listing');
ok(grep({ $_ eq 'ac' } @{ checkboxes($stack->mech, '/vendor/apply') }), 'the apply form offers it again');
$m{vendor1}->get($stack->url('/vendor/profile'));
$res = $stack->post_form($m{vendor1}, '/vendor/profile', [categories => 'plumbing', categories => 'ac', pincodes => '110001, 110002']);
is($res->code, 303, 'vendor1 takes it up again');

# --- who may: only the super admin, with a token ------------------------------------------
$count = categories_count();
$audits = audit_count();
my $cid = category('plumbing')->{id};
for my $who (['ops_mgr', '/ops/'], ['onboard_mgr', '/ops/'], ['customer1', '/'], ['vendor1', '/vendor/']) {
	my ($user, $home) = @$who;
	my $mech = $m{$user};
	is($mech->get($stack->url('/admin/categories'))->code, 403, "$user: GET the list is 403");
	is($mech->get($stack->url("/admin/categories/$cid/edit"))->code, 403, "$user: GET the edit form is 403");
	$mech->get($stack->url($home));
	ok($stack->csrf($mech), "$user has a token of their own");
	$res = $stack->post_form($mech, '/admin/categories', { name => 'Sneaky', position => 1, active => 1 });
	is($res->code, 403, "$user: POST a new category is 403");
	$res = $stack->post_form($mech, "/admin/categories/$cid/edit", { name => 'Sneaky', position => 1 });
	is($res->code, 403, "$user: POST an edit is 403");
}
$res = $public->post($stack->url('/admin/categories'), { name => 'Sneaky', position => 1, active => 1 });
is($res->code, 303, 'a visitor is sent to sign in');
like($res->header('Location') // '', qr{^/login}, '... to /login');
$admin->get($stack->url('/admin/categories'));
$res = $stack->post_form($admin, '/admin/categories', { name => 'No Token', position => 1, active => 1 }, csrf => undef);
is($res->code, 403, 'the admin without a token: 403');
$res = $stack->post_form($admin, '/admin/categories', { name => 'Bad Token', position => 1, active => 1 }, csrf => 'f' x 64);
is($res->code, 403, 'with a wrong token: 403');
$res = $stack->post_form($admin, "/admin/categories/$cid/edit", { name => 'No Token', position => 1 }, csrf => undef);
is($res->code, 403, 'an edit without a token: 403');
is(categories_count(), $count, 'no category was made');
is(category('plumbing')->{name}, 'Plumbing', 'none was changed');
is(category('plumbing')->{active}, 1, 'nor deactivated');
is(audit_count(), $audits, 'and no audit row written');

for my $path ('/admin/categories/999999/edit', '/admin/categories/0/edit', '/admin/categories/abc/edit') {
	is($admin->get($stack->url($path))->code, 404, "GET $path is 404");
}
$admin->get($stack->url('/admin/categories'));
$res = $stack->post_form($admin, '/admin/categories/999999/edit', { name => 'Ghost', position => 1, active => 1 });
is($res->code, 404, 'POST an edit of no category is 404');
like($res->decoded_content, qr{There is no such category}, 'it says so');
for my $method ('DELETE', 'PUT') {
	$res = $admin->request(HTTP::Request->new($method => $stack->url("/admin/categories/$cid/edit")));
	is($res->code, 405, "$method on a category is 405");
}

# --- the audit trail: one row per change, old and new values ---------------------------------
my $trail = $stack->sql("SELECT action, entity_id, old_values, new_values FROM audit_log
    WHERE entity = 'category' AND entity_id = ? ORDER BY id", $ac->{id});
is_deeply([map { [$_->{action}, $json->decode(Encode::encode('UTF-8', $_->{old_values})),
    $json->decode(Encode::encode('UTF-8', $_->{new_values}))] } @$trail], [
	['category.updated', { name => 'AC & cooling' }, { name => 'Air conditioning' }],
	['category.updated', { name => 'Air conditioning' }, { name => 'Air Conditioning' }],
	['category.updated', { active => JSON::PP::true }, { active => JSON::PP::false }],
	['category.updated', { active => JSON::PP::false }, { active => JSON::PP::true }],
    ], 'AC\'s trail: two renames, off, on');

# --- at the limit of categories --------------------------------------------------------------
$stack->sql(q{WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO categories (slug, name, position) SELECT 'filler-' || i, 'Filler ' || i, 999 FROM n},
    200 - categories_count());
is(categories_count(), 200, '200 categories');
$res = create(name => 'One Too Many', position => 5, active => 1);
is($res->code, 422, 'the 201st is 422');
like($res->decoded_content, qr{There are already 200 categories}, 'it says why');
is(categories_count(), 200, 'and is not made');
$stack->sql(q{DELETE FROM categories WHERE slug LIKE 'filler-%'});

# --- an upgrade from the schema before this one ------------------------------------------------
{
	my $src = src_dir();
	my $share = tempdir('hs-share-XXXXXX', TMPDIR => 1, CLEANUP => 1);
	my $data = tempdir('hs-data-XXXXXX', TMPDIR => 1, CLEANUP => 1);
	mkdir "$share/sql";
	opendir(my $dh, "$src/sql") or die "$src/sql: $!";
	for my $f (sort grep { /^(\d{3})_.*\.sql$/ && $1 < 16 } readdir $dh) {
		symlink("$src/sql/$f", "$share/sql/$f") or die "symlink: $!";
	}
	closedir $dh;
	my $ctl = build_dir() . '/tools/homeserve-ctl';
	my %env = (HOMESERVE_DATA => $data, HOMESERVE_SHARE => $share);
	my ($rc, $out, $err) = run_command([$ctl, 'migrate'], env => \%env);
	is($rc, 0, 'a new database takes the migrations before 016') or diag($out . $err);
	my $db = "$data/homeserve.db";
	my $old = HomeServe::Test::sql_on($db, 'PRAGMA user_version')->[0]{user_version};
	cmp_ok($old, '<', 16, "at version $old");
	HomeServe::Test::sql_on($db, q{UPDATE categories SET position = 9 WHERE slug = 'ac';
	    INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
	    VALUES ('someone', 's@example.test', '', 'x', 'customer', 1, 1);
	    INSERT INTO services (name, category, price_paise, duration_minutes, created_at, updated_at)
	    VALUES ('AC Repair', 'ac', 50000, 90, 1, 1), ('Taps', 'plumbing', 30000, 60, 1, 1);
	    INSERT INTO vendor_categories (vendor_id, category) VALUES (1, 'ac');
	    INSERT INTO bookings (customer_id, service_id, category, address, pincode, scheduled_at,
	    duration_minutes, price_paise, created_at, updated_at)
	    VALUES (1, 1, 'ac', '1 Road', '110001', 100, 90, 50000, 1, 1),
	    (1, 2, 'plumbing', '2 Road', '110001', 200, 60, 30000, 2, 2)});
	# Later migrations rebuild bookings (019) and add columns (024): the
	# rows as they were must come through, value for value.
	my $rows = q{SELECT id, customer_id, service_id, category, address, pincode, scheduled_at,
	    duration_minutes, price_paise, created_at, updated_at, status FROM bookings ORDER BY id};
	my $dump = HomeServe::Test::sql_on($db, $rows);
	($rc, $out, $err) = run_command([$ctl, 'migrate'], env => { %env, HOMESERVE_SHARE => $src });
	is($rc, 0, 'it upgrades with 016') or diag($out . $err);
	cmp_ok(HomeServe::Test::sql_on($db, 'PRAGMA user_version')->[0]{user_version}, '>=', 16, 'to version 16 or later');
	is_deeply(HomeServe::Test::sql_on($db, 'SELECT id, slug, name, position, active FROM categories ORDER BY id'), [
		{ id => 1, slug => 'plumbing', name => 'Plumbing', position => 2, active => 1 },
		{ id => 2, slug => 'electrical', name => 'Electrical', position => 3, active => 1 },
		{ id => 3, slug => 'cleaning', name => 'Cleaning', position => 4, active => 1 },
		{ id => 4, slug => 'appliance', name => 'Appliances', position => 5, active => 1 },
		{ id => 5, slug => 'ac', name => 'AC & cooling', position => 9, active => 1 }],
	    'the categories keep slugs, names and positions, numbered in position order, all active');
	is_deeply(HomeServe::Test::sql_on($db, $rows), $dump, 'the bookings are untouched');
	is_deeply(HomeServe::Test::sql_on($db, 'PRAGMA foreign_key_check'), [], 'every foreign key still holds');
	my $fk = eval { HomeServe::Test::sql_on($db, q{PRAGMA foreign_keys = ON;
	    INSERT INTO services (name, category, price_paise, duration_minutes, created_at, updated_at)
	    VALUES ('Nowhere', 'nope', 100, 60, 1, 1)}); 1 } ? '' : $@;
	like($fk, qr/FOREIGN KEY constraint failed/, 'and services still refer to categories by slug');
	my $v = HomeServe::Test::sql_on($db, 'SELECT n FROM catalog_version')->[0]{n};
	HomeServe::Test::sql_on($db, q{UPDATE categories SET name = 'Cooling' WHERE slug = 'ac'});
	cmp_ok(HomeServe::Test::sql_on($db, 'SELECT n FROM catalog_version')->[0]{n}, '>', $v,
	    'a change to categories moves catalog_version');
	is_deeply(HomeServe::Test::sql_on($db, q{SELECT rowid FROM services_fts WHERE services_fts MATCH 'cooling'}),
	    [{ rowid => 1 }], 'and a renamed category is searchable by its new name');
	HomeServe::Test::sql_on($db, q{INSERT INTO services (name, category, price_paise, duration_minutes,
	    created_at, updated_at) VALUES ('Fans', 'ac', 20000, 30, 3, 3)});
	is_deeply(HomeServe::Test::sql_on($db, q{SELECT rowid FROM services_fts WHERE services_fts MATCH 'category:cooling' ORDER BY rowid}),
	    [{ rowid => 1 }, { rowid => 3 }], 'a new service is indexed with its category\'s name');
}

$stack->finish;
done_testing;
