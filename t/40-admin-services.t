# 40-admin-services.t: the super admin's catalogue: create, validate, edit, deactivate and activate; no deletes.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP ();
use HomeServe::Test;

my $stack = start_stack();
my $admin = $stack->mech;
$stack->login_ok($admin, 'admin', 'admin123', '/admin/');
my $admin_id = $stack->sql_value("SELECT id FROM users WHERE username = 'admin'");
my $public = $stack->mech;

# Public service names, as listed on a page.
sub listed {
	my ($path) = @_;
	my $html = $public->get($stack->url($path))->decoded_content;
	return [map { decode_html($_) } $html =~ m{<h[23]><a href="/services/\d+">([^<]*)</a>}g];
}
sub service { $stack->sql('SELECT * FROM services WHERE id = ?', $_[0])->[0] }
sub new_form {
	$admin->get($stack->url('/admin/services/new'));
	return $stack->csrf($admin);
}
my %good = (name => 'Deep Cleaning', category => 'cleaning',
    description => 'Kitchen, bathrooms and balconies, top to bottom.',
    price => '449.50', duration_minutes => '180', active => '1');

# --- the list ---
my $res = $admin->get($stack->url('/admin/services'));
is($res->code, 200, 'GET /admin/services is 200');
header_has_security($res, 'GET /admin/services');
my $html = $res->decoded_content;
for my $s (['AC Repair', 'AC &amp; cooling', '₹500', 90],
    ['Plumbing Service', 'Plumbing', '₹400', 60], ['Electrical Work', 'Electrical', '₹600', 60],
    ['House Cleaning', 'Cleaning', '₹300', 120], ['Appliance Repair', 'Appliances', '₹450', 90]) {
	like($html, qr{<td[^>]*>\Q$s->[0]\E</td><td[^>]*>\Q$s->[1]\E</td><td class="num"[^>]*>\Q$s->[2]\E</td><td class="num"[^>]*>$s->[3]</td>\s*<td[^>]*>Active</td>},
	    "the list shows $s->[0] with its category, price, minutes and status");
}
my @forms = $html =~ m{<form method="post" action="/admin/services/\d+/deactivate"><input type="hidden" name="csrf_token" value="[0-9a-f]{64}">}g;
is(scalar @forms, 5, 'each active service has a deactivate form with a token');

# --- the new-service form ---
$res = $admin->get($stack->url('/admin/services/new'));
is($res->code, 200, 'GET /admin/services/new is 200');
is(h1_of($res), 'New service', 'the form is headed New service');
my $form = $admin->form_with_fields('name', 'price');
is($form->value('duration_minutes'), '60', 'the duration starts at 60 minutes');
is($form->find_input('active')->value, '1', 'a new service starts active');
is_deeply([grep { $_ ne '' } $form->find_input('category')->possible_values],
    [qw(ac plumbing electrical cleaning appliance)], 'the category select offers the five slugs');

# --- creating ---
my $count = $stack->sql_value('SELECT count(*) FROM services');
$res = $stack->post_form($admin, '/admin/services/new', \%good);
is($res->code, 303, 'a valid new service answers 303');
is($res->header('Location'), '/admin/services?notice=created', 'to the list with notice=created');
is($stack->sql_value('SELECT count(*) FROM services'), $count + 1, 'one service more');
my $id = $stack->sql_value("SELECT id FROM services WHERE name = 'Deep Cleaning'");
my $row = service($id);
is($row->{category}, 'cleaning', 'the category is stored');
is($row->{description}, $good{description}, 'the description is stored');
is($row->{price_paise}, 44950, '449.50 rupees is stored as 44950 paise');
is($row->{duration_minutes}, 180, 'the duration is stored');
is($row->{is_active}, 1, 'the service is active');

$res = $admin->get($stack->url('/admin/services?notice=created'));
like($res->decoded_content, qr{<p class="notice" role="status">Created\.</p>}, 'the list says Created.');
like($res->decoded_content, qr{<td[^>]*>Deep Cleaning</td><td[^>]*>Cleaning</td><td class="num"[^>]*>₹449\.50</td><td class="num"[^>]*>180</td>},
    'the list shows the new service');
is_deeply(listed('/services?category=cleaning'), ['Deep Cleaning', 'House Cleaning'],
    'the public listing of cleaning has the new service');
is_deeply(listed('/services?q=balconies'), ['Deep Cleaning'], 'the search finds it by its description');
$res = $public->get($stack->url("/services/$id"));
is($res->code, 200, 'the new service has a public page');
like($res->decoded_content, qr{<dd class="price">₹449\.50</dd>}, 'showing ₹449.50');

my $audit = $stack->sql("SELECT * FROM audit_log WHERE action = 'service.create' AND entity_id = ?", $id)->[0];
ok($audit, 'service.create is in the audit log');
is($audit->{actor_id}, $admin_id, 'by the admin');
is($audit->{entity}, 'service', 'for a service');
my $new = JSON::PP->new->decode(Encode::encode('UTF-8', $audit->{new_values} // '{}'));
is($new->{price_paise}, 44950, 'the audit row records the price');
is($new->{name}, 'Deep Cleaning', 'the audit row records the name');

# Prices and durations that are accepted.
my $case_no = 0;
for my $case (['450', 45000], ['1', 100], ['449.5', 44950], ['₹600', 60000],
    ['100000', 10000000], [' 75 ', 7500]) {
	my ($price, $paise) = @$case;
	$case_no++;
	new_form();
	$res = $stack->post_form($admin, '/admin/services/new',
	    { %good, name => "Price case $case_no", price => $price, category => 'electrical' });
	is($res->code, 303, "price '$price' is accepted");
	is($stack->sql_value('SELECT price_paise FROM services WHERE name = ?', "Price case $case_no"), $paise,
	    "price '$price' is stored as $paise paise");
}
for my $minutes (15, 720) {
	new_form();
	$res = $stack->post_form($admin, '/admin/services/new',
	    { %good, name => "Minutes $minutes", duration_minutes => $minutes, category => 'electrical' });
	is($res->code, 303, "a duration of $minutes minutes is accepted");
}

# An unticked box makes an inactive service, hidden from the public.
new_form();
{
	my %f = (%good, name => 'Hidden Service');
	delete $f{active};	# an unticked box is not sent at all
	$res = $stack->post_form($admin, '/admin/services/new', \%f);
}
is($res->code, 303, 'a service without the active box is created');
my $hidden = $stack->sql_value("SELECT id FROM services WHERE name = 'Hidden Service'");
is(service($hidden)->{is_active}, 0, 'and is inactive');
is($public->get($stack->url("/services/$hidden"))->code, 404, 'its public page is 404');
ok(!grep({ $_ eq 'Hidden Service' } @{ listed('/services') }), 'it is not listed');

# --- invalid input: 422, the form again with what was typed ---
my @bad = (
	[price => 'abc'], [price => '-5'], [price => '1.234'], [price => '0'],
	[price => '0.99'], [price => ''], [price => '1e3'], [price => '12,000'],
	[price => '100000.01'], [price => '.5'], [price => '5.'],
	[duration_minutes => '14'], [duration_minutes => '721'],
	[duration_minutes => 'abc'], [duration_minutes => ''], [duration_minutes => '-30'],
	[duration_minutes => '60.5'],
	[name => ''], [name => 'A'], [name => 'x' x 101],
	[category => ''], [category => 'nope'], [category => 'AC'], [category => 'ac cooling'],
	[description => 'd' x 2001],
);
for my $case (@bad) {
	my ($field, $value) = @$case;
	new_form();
	my $before = $stack->sql_value('SELECT count(*) FROM services');
	$res = $stack->post_form($admin, '/admin/services/new',
	    { %good, name => 'Bad Case', $field => $value });
	my $shown = length($value) > 20 ? substr($value, 0, 10) . '...' : $value;
	is($res->code, 422, "$field '$shown' is 422");
	like($res->decoded_content, qr{<p class="error" id="$field-error">[^<]+</p>},
	    "$field '$shown': the field has a message");
	is($stack->sql_value('SELECT count(*) FROM services'), $before, "$field '$shown': nothing is created");
	if ($field ne 'category' && $field ne 'description') {
		my $kept = $admin->form_with_fields('name', 'price');
		(my $trimmed = $value) =~ s/^\s+|\s+$//g;
		is($kept && $kept->value($field), $value, "$field '$shown': what was typed is kept");
	}
}
new_form();
$res = $stack->post_form($admin, '/admin/services/new',
    { %good, name => 'Kept Input', price => 'abc', category => 'plumbing' });
$form = $admin->form_with_fields('name', 'price');
is($form->value('name'), 'Kept Input', 'the name is kept next to a bad price');
is($form->value('category'), 'plumbing', 'the category stays selected');
is($form->value('description'), $good{description}, 'the description is kept');
is($form->value('duration_minutes'), '180', 'the duration is kept');
is($form->find_input('active')->value, '1', 'the active box stays ticked');
like($res->decoded_content, qr{Please correct the 1 field\(s\) marked below\.}, 'the summary counts one field');
like($admin->form_with_fields('name')->value('csrf_token') // '', qr/^[0-9a-f]{64}$/,
    'the form shown again carries a token');

# A new-service form without a token.
$res = $stack->post_form($admin, '/admin/services/new', { %good, name => 'No Token' }, csrf => undef);
is($res->code, 403, 'a new service without a token is 403');
is($stack->sql_value("SELECT count(*) FROM services WHERE name = 'No Token'"), 0, 'and is not created');

# --- editing ---
$res = $admin->get($stack->url("/admin/services/$id/edit"));
is($res->code, 200, 'GET the edit form is 200');
is(h1_of($res), 'Edit service', 'it is headed Edit service');
$form = $admin->form_with_fields('name', 'price');
is($form->action, $stack->url("/admin/services/$id/edit"), 'the form posts to the same address');
is($form->value('name'), 'Deep Cleaning', 'the form has the name');
is($form->value('category'), 'cleaning', 'the category is selected');
is($form->value('price'), '449.50', 'the price reads 449.50');
is($form->value('duration_minutes'), '180', 'the duration is filled in');
is($form->find_input('active')->value, '1', 'the active box is ticked');

$res = $stack->post_form($admin, "/admin/services/$id/edit",
    { %good, price => '499', name => 'Deep Cleaning Plus', category => 'appliance' });
is($res->code, 303, 'saving an edit answers 303');
is($res->header('Location'), '/admin/services?notice=saved', 'to the list with notice=saved');
$row = service($id);
is($row->{price_paise}, 49900, 'the new price is stored');
is($row->{name}, 'Deep Cleaning Plus', 'the new name is stored');
is($row->{category}, 'appliance', 'the new category is stored');
$res = $admin->get($stack->url('/admin/services?notice=saved'));
like($res->decoded_content, qr{<p class="notice" role="status">Your changes are saved\.</p>}, 'the list says the changes are saved');
is_deeply(listed('/services?category=cleaning'), ['House Cleaning'], 'the service left the cleaning category');
is_deeply(listed('/services?q=plus'), ['Deep Cleaning Plus'], 'the search finds the new name');
is_deeply(listed('/services?q=deep+cleaning'), ['Deep Cleaning Plus'], 'and the old words still');
$audit = $stack->sql("SELECT * FROM audit_log WHERE action = 'service.update' AND entity_id = ? ORDER BY id DESC", $id)->[0];
ok($audit, 'service.update is in the audit log');
is($audit->{actor_id}, $admin_id, 'by the admin');
my $was = JSON::PP->new->decode(Encode::encode('UTF-8', $audit->{old_values} // '{}'));
my $now = JSON::PP->new->decode(Encode::encode('UTF-8', $audit->{new_values} // '{}'));
is($was->{price_paise}, 44950, 'the audit row has the old price');
is($now->{price_paise}, 49900, 'and the new one');

$admin->get($stack->url("/admin/services/$id/edit"));
$res = $stack->post_form($admin, "/admin/services/$id/edit", { %good, price => '1.234' });
is($res->code, 422, 'an edit with a bad price is 422');
like($res->decoded_content, qr{<p class="error" id="price-error">}, 'it says what is wrong with the price');
is(service($id)->{price_paise}, 49900, 'and changes nothing');
$res = $stack->post_form($admin, "/admin/services/$id/edit", { %good }, csrf => undef);
is($res->code, 403, 'an edit without a token is 403');

# Saving the edit form unchanged changes nothing, multi-line text included.
{
	# Browsers (and LWP) send a textarea's line breaks as CRLF.
	my $text = "First line.\r\nSecond line.\r\n\r\nA paragraph.";
	new_form();
	$res = $stack->post_form($admin, '/admin/services/new',
	    { %good, name => 'Multi Line', description => $text });
	my $ml = $stack->sql_value("SELECT id FROM services WHERE name = 'Multi Line'");
	is(service($ml)->{description}, $text, 'a multi-line description is stored as typed');
	$res = $admin->get($stack->url("/admin/services/$ml/edit"));
	like($res->decoded_content, qr{<textarea id="description"[^>]*>First line\.\r?\nSecond line\.},
	    'the edit form shows the description with its line breaks');
	my $f = $admin->form_with_fields('name', 'description');
	$res = $admin->request($f->click);
	is($res->code, 303, 'saving the edit form untouched is 303');
	is(service($ml)->{description}, $text, 'saving the edit form untouched keeps the description');
}

for my $path ('/admin/services/999999/edit', '/admin/services/0/edit', '/admin/services/abc/edit') {
	$res = $admin->get($stack->url($path));
	is($res->code, 404, "GET $path is 404");
}
$admin->get($stack->url('/admin/services'));
$res = $stack->post_form($admin, '/admin/services/999999/edit', \%good);
is($res->code, 404, 'POST an edit of a service that does not exist is 404');

# --- deactivating and activating ---
my $ac = $stack->sql_value("SELECT id FROM services WHERE name = 'AC Repair'");
$admin->get($stack->url('/admin/services'));
$res = $stack->post_form($admin, "/admin/services/$ac/deactivate", [], csrf => undef);
is($res->code, 403, 'a deactivation without a token is 403');
is(service($ac)->{is_active}, 1, 'and AC Repair stays active');
$res = $admin->get($stack->url("/admin/services/$ac/deactivate"));
is($res->code, 405, 'GET a deactivation is 405');
is($res->header('Allow'), 'POST', 'and says Allow: POST');

$admin->get($stack->url('/admin/services'));
$res = $stack->post_form($admin, "/admin/services/$ac/deactivate", []);
is($res->code, 303, 'deactivating AC Repair answers 303');
is($res->header('Location'), '/admin/services?notice=deactivated', 'to the list with a notice');
is(service($ac)->{is_active}, 0, 'AC Repair is inactive');
$res = $admin->get($stack->url('/admin/services?notice=deactivated'));
like($res->decoded_content, qr{<td[^>]*>AC Repair</td>.*?<span class="muted">Inactive</span>}s, 'the list marks it Inactive');
like($res->decoded_content, qr{action="/admin/services/$ac/activate"}, 'and offers to activate it');
is($public->get($stack->url("/services/$ac"))->code, 404, 'its public page is 404');
ok(!grep({ $_ eq 'AC Repair' } @{ listed('/') }), 'the home page no longer lists it');
ok(!grep({ $_ eq 'AC Repair' } @{ listed('/services') }), 'the listing no longer has it');
is_deeply(listed('/services?q=cooling'), [], 'the search no longer finds it');
is($admin->get($stack->url("/admin/services/$ac/edit"))->code, 200, 'the admin can still edit it');

$res = $stack->post_form($admin, "/admin/services/$ac/activate", []);
is($res->code, 303, 'activating AC Repair answers 303');
is($res->header('Location'), '/admin/services?notice=activated', 'to the list with a notice');
is(service($ac)->{is_active}, 1, 'AC Repair is active again');
is($public->get($stack->url("/services/$ac"))->code, 200, 'its public page is back');
is_deeply(listed('/services?q=cooling'), ['AC Repair'], 'the search finds it again');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'service.update' AND entity_id = ?", $ac), 2,
    'both changes are in the audit log');

$admin->get($stack->url('/admin/services'));
$res = $stack->post_form($admin, '/admin/services/999999/deactivate', []);
is($res->code, 404, 'deactivating a service that does not exist is 404');

# --- every worker's copy of the catalogue follows a change made anywhere ---
# Workers keep the catalogue between requests.  A change by a writer
# outside the app (the sqlite3 shell) shows on the very next pages.
listed('/services') for 1 .. 8;
$stack->sql("UPDATE services SET name = 'AC Repair and Servicing' WHERE id = ?", $ac);
is_deeply([map { scalar grep({ $_ eq 'AC Repair and Servicing' } @{ listed('/services') }) } 1 .. 8],
    [(1) x 8], 'eight listings in a row show a rename made outside the app');
$stack->sql("UPDATE categories SET name = 'Cooling' WHERE slug = 'ac'");
is_deeply([map { $public->get($stack->url('/services'))->decoded_content =~ m{<option value="ac">Cooling</option>} ? 1 : 0 } 1 .. 8],
    [(1) x 8], '... and a renamed category in the search form');
$stack->sql("UPDATE services SET name = 'AC Repair' WHERE id = ?", $ac);
$stack->sql("UPDATE categories SET name = 'AC & cooling' WHERE slug = 'ac'");

# --- services are never deleted ---
$count = $stack->sql_value('SELECT count(*) FROM services');
my $err = eval { $stack->sql('DELETE FROM services WHERE id = ?', $ac); '' } // $@;
like($err, qr/services are deactivated, never deleted/, 'DELETE FROM services fails by trigger');
is($stack->sql_value('SELECT count(*) FROM services'), $count, 'every service is still there');
for my $method ('DELETE', 'PUT') {
	$res = $admin->request(HTTP::Request->new($method => $stack->url("/admin/services/$ac/edit")));
	is($res->code, 405, "$method on a service is 405");
}

$stack->finish;
done_testing;
