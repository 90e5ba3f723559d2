# 102-pricing.t: demand pricing: the factor on a seeded demand pattern after the daily job runs on a set clock (and pricing off changes nothing), the adjusted price on the booking form and in the booking, the receipt's adjustment, a quote that changed in between refused with the new price, refusals counted as demand, ops overrides with their 422s and audit rows, and who may see /ops/pricing.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use JSON::PP ();
use Test::More;
use HomeServe::Test;

# The jobs' days are India's.
$ENV{TZ} = 'Asia/Kolkata';
POSIX::tzset();

my $stack = start_stack();
my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['onboard_mgr', '/ops/'], ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $user eq 'admin' ? 'admin123' : 'password123', $home);
}
my ($c, $ops) = @m{qw(customer1 ops_mgr)};
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
my %sid = map { $_->{category} => $_->{id} } @{ $stack->sql('SELECT id, category FROM services') };
my %cid = map { $_->{slug} => $_->{id} } @{ $stack->sql('SELECT id, slug FROM categories') };
# The job's "now": noon today, India time (no DST). It runs once a local
# day, and "an hour later" must stay that day whatever hour the test runs.
my $T1 = time - (time + 19800) % 86400 + 12 * 3600;
my $DAY = 86400;
my $when = strftime('%Y-%m-%dT10:30', localtime(time + $DAY));

# --- the seeded pattern ------------------------------------------------------------
# Vendors besides vendor1 (every category in 110001 and 110002): vendor2
# also does plumbing in 110001; a blocked and an unverified one there do
# not count; vendor5 does appliances in 110004, where nobody books.
sub vendor {
	my ($name, $status, $blocked, $pincode, $category) = @_;
	$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
	    is_blocked, blocked_at, created_at, updated_at) VALUES (?, ?, '', 'x', 'vendor', ?, ?, ?, ?)},
	    $name, "$name\@homeserve.test", $blocked, $blocked ? $T1 : undef, $T1, $T1);
	my $id = $stack->sql_value('SELECT id FROM users WHERE username = ?', $name);
	$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at, status_at, updated_at)
	    VALUES (?, ?, ?, ?, ?)}, $id, $status, $status eq 'verified' ? $T1 : undef, $T1, $T1);
	$stack->sql('INSERT INTO vendor_categories (vendor_id, category) VALUES (?, ?)', $id, $category);
	$stack->sql('INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, ?)', $id, $pincode);
}
vendor('vendor2', 'verified', 0, '110001', 'plumbing');
vendor('vendor3', 'verified', 1, '110001', 'plumbing');
vendor('vendor4', 'submitted', 0, '110001', 'plumbing');
vendor('vendor5', 'verified', 0, '110004', 'appliance');
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    VALUES ('buyer2', 'buyer2@homeserve.test', '', 'x', 'customer', ?, ?)}, $T1, $T1);
$uid{buyer2} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'buyer2'});

# N bookings of a category in a pincode, made an hour apart going back
# from FROM, in every status (vendor1's where one is needed).
sub bookings {
	my ($n, $pincode, $category, $from) = @_;
	$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category,
	    address, pincode, scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
	    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
	    SELECT ?, CASE i % 3 WHEN 0 THEN NULL ELSE ? END, ?, ?, '1 Seeded Lane, Delhi', ?,
	    ? - i * 3600 + 86400, 60, 50000, CASE i % 3 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'completed'
	    ELSE 'paid' END, ? - i * 3600, ? FROM k},
	    $n, $uid{buyer2}, $uid{vendor1}, $sid{$category}, $category, $pincode, $from, $from, $from);
}
sub refusal {
	my ($pincode, $category, $at) = @_;
	$stack->sql('INSERT INTO booking_refusals (pincode, service_id, created_at) VALUES (?, ?, ?)',
	    $pincode, $sid{$category}, $at);
}
bookings(14, '110001', 'ac', $T1);		# 14 for 1 vendor: 1.10
bookings(23, '110001', 'plumbing', $T1);	# 23 + 3 refused for 2 vendors: 13 each, 1.05
refusal('110001', 'plumbing', $T1 - 7200);
refusal('110001', 'plumbing', $T1 - 3600);
refusal('110001', 'plumbing', $T1 - 3600);
refusal('110001', 'plumbing', $T1 - 15 * $DAY);	# before the window: out
bookings(30, '110001', 'electrical', $T1);	# 30 for 1: the maximum, 1.25
bookings(10, '110002', 'ac', $T1);		# 10 in the window...
bookings(20, '110002', 'ac', $T1 - 15 * $DAY);	# ... 20 before it: 1.00
bookings(11, '110002', 'plumbing', $T1);	# 11, and one at each edge:
bookings(1, '110002', 'plumbing', $T1 - 14 * $DAY + 3600);	# exactly 14 days before: out
bookings(1, '110002', 'plumbing', $T1 + 2 * 3600);	# after the run: out
refusal('110003', 'cleaning', $T1 - 3600);	# demand, nobody serves: 1.25

sub factors {
	return { map { ("$_->{pincode}/$_->{category}" => $_) }
	    @{ $stack->sql('SELECT * FROM price_factors') } };
}
sub recomputes { $stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'pricing.recompute'}) }

# --- the daily job, with pricing off ------------------------------------------------
my $ran = $stack->run_due(now => $T1);
is($ran->{pricing}, 12, 'the job computes 12 pincode × category pairs: vendor1\'s 10, 110003 and 110004');
my $f = factors();
my %want = ('110001/ac' => 110, '110001/plumbing' => 105, '110001/electrical' => 125,
    '110001/cleaning' => 100, '110001/appliance' => 100, '110002/ac' => 100,
    '110002/plumbing' => 100, '110002/electrical' => 100, '110002/cleaning' => 100,
    '110002/appliance' => 100, '110003/cleaning' => 125, '110004/appliance' => 100);
is_deeply({ map { $_ => $f->{$_}{factor} } keys %$f }, \%want, 'the factors of the seeded pattern');
is_deeply([@{ $f->{'110001/plumbing'} }{qw(bookings refused vendors)}], [23, 3, 2],
    '110001 plumbing: 23 bookings, 3 refused attempts in the window, 2 active vendors (not the blocked or unverified)');
is_deeply([@{ $f->{'110002/ac'} }{qw(bookings refused vendors)}], [10, 0, 1],
    '110002 AC: only the 10 bookings of the last 14 days');
is($f->{'110002/plumbing'}{bookings}, 11, '110002 plumbing: the bookings exactly 14 days before and after the run are out');
is_deeply([@{ $f->{'110003/cleaning'} }{qw(bookings refused vendors)}], [0, 1, 0],
    '110003 cleaning: a refusal and no vendor');
is(recomputes(), 1, 'one audit row for the run');
my $audit = $stack->sql(q{SELECT * FROM audit_log WHERE action = 'pricing.recompute'})->[0];
is($audit->{actor_id}, undef, '... by the system');
my $nv = JSON::PP->new->decode($audit->{new_values});
is_deeply([@$nv{qw(pairs max)}], [12, '1.25'], '... with the pairs counted and the maximum');
is_deeply($nv->{raised}, { '110001/ac' => '1.10', '110001/plumbing' => '1.05',
    '110001/electrical' => '1.25', '110003/cleaning' => '1.25' }, '... and every factor above 1.00');
is($nv->{to} - $nv->{from}, 14 * $DAY, '... over 14 days');
is($stack->run_due(now => $T1 + 3600)->{pricing}, 0, 'an hour later the same day: nothing again');
is(recomputes(), 1, '... and no second audit row');

# Pricing off changes nothing a customer pays.
my $res = $c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
my $html = $res->decoded_content;
like($html, qr{<span class="price">₹500</span> ·}, 'pricing off: the form shows the catalogue price for 110001');
unlike($html, qr{busy-area|Check the price}, '... with no adjustment and nothing to check');

# The booking form's fields as a browser sends them on "Book now" (its
# button has no name), with CHANGES.
sub form_fields {
	my ($mech, %changes) = @_;
	my $form = $mech->form_action(qr{/bookings/new\z}) or return {};
	my %f = map { ($_->name => $_->value) }
	    grep { defined $_->name && $_->name ne 'step' } $form->inputs;
	return { %f, scheduled_date => $when, %changes };
}
sub book_form { $_[0]->post($stack->url('/bookings/new'), form_fields(@_)) }
sub booked_id { ($_[0]->header('Location') // '') =~ m{^/bookings/(\d+)$} ? $1 : undef }
sub booking_row { $stack->sql('SELECT price_paise, price_factor FROM bookings WHERE id = ?', $_[0])->[0] }

$res = book_form($c);
my $plain = booked_id($res);
ok($plain, 'pricing off: customer1 books AC Repair in 110001') or diag(h1_of($res));
is_deeply(booking_row($plain), { price_paise => 50000, price_factor => 100 }, '... at ₹500, factor 1.00');

# --- pricing on: the form, the booking, the receipt ---------------------------------
# (the switch itself is t/95-admin-settings.t's; the shell moves it here)
$stack->sql(q{UPDATE settings SET value = '1' WHERE key = 'pricing_enabled'});
$res = $c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
$html = $res->decoded_content;
like($html, qr{<span class="price">₹550</span> in pincode 110001, which includes a 10% busy-area adjustment \(usually ₹500\)},
    'pricing on: the form shows ₹550 for 110001, including a 10% busy-area adjustment');
like($html, qr{<input type="hidden" name="quoted_paise" value="55000">\s*<input type="hidden" name="quoted_factor" value="110">},
    '... and carries that quote');
like($html, qr{<button type="submit" name="step" value="quote" class="secondary">Check the price</button>},
    '... with a button to check the price for another pincode');
$res = book_form($c);
my $busy = booked_id($res);
ok($busy, 'customer1 books at the price shown') or diag(h1_of($res));
is_deeply(booking_row($busy), { price_paise => 55000, price_factor => 110 }, '... which the booking stores: ₹550, factor 1.10');
like($c->get($stack->url("/bookings/$busy"))->decoded_content, qr{<dd class="price">₹550</dd>},
    '... and its page shows');
my $created = JSON::PP->new->decode($stack->sql_value(q{SELECT new_values FROM audit_log
    WHERE action = 'booking.create' AND entity_id = ?}, $busy));
is_deeply([@$created{qw(price_paise price_factor)}], [55000, 110], '... as does its audit row');

# "Check the price" for another pincode: the form again, nothing booked.
my $count = $stack->sql_value('SELECT count(*) FROM bookings');
$c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
$res = $c->post($stack->url('/bookings/new'), form_fields($c, pincode => '110002', address => '', step => 'quote'));
is($res->code, 200, 'checking the price for 110002, the address still blank: 200');
$html = $res->decoded_content;
like($html, qr{<span class="price">₹500</span> ·}, '... ₹500 there');
like($html, qr{In pincode 110002 it is the usual price today}, '... the usual price');
like($html, qr{name="quoted_paise" value="50000">\s*<input type="hidden" name="quoted_factor" value="100">}, '... now quoted');
unlike($html, qr{aria-invalid}, '... and no field is marked');
is($stack->sql_value('SELECT count(*) FROM bookings'), $count, '... nothing is booked');
$res = $c->post($stack->url('/bookings/new'), form_fields($c, pincode => '11OOO1', step => 'quote'));
is($res->code, 422, 'checking the price for "11OOO1": 422');
like($res->decoded_content, qr{must be a 6-digit pincode}, '... which says why');
like($res->decoded_content, qr{<span class="price">₹500</span> ·}, '... with the catalogue price');

# --- a quote that changed in between ---------------------------------------------------
$res = $c->get($stack->url("/bookings/new?service_id=$sid{electrical}"));
like($res->decoded_content, qr{<span class="price">₹750</span> in pincode 110001, which includes a 25% busy-area adjustment},
    'Electrical Work in 110001: ₹750 at the maximum');
my $stale = form_fields($c);
$ops->get($stack->url('/ops/pricing'));
$res = $stack->post_form($ops, '/ops/pricing', { pincode => '110001', category_id => $cid{electrical},
    factor => '1.10', reason => 'Festival week: capped by operations' });
is($res->code, 303, 'meanwhile operations override 110001 Electrical to 1.10');
$res = $c->post($stack->url('/bookings/new'), $stale);
is($res->code, 409, 'booking at the price shown before: 409');
$html = $res->decoded_content;
like($html, qr{The price changed since you saw it: it is now ₹660 for pincode 110001, which includes a 10% busy-area adjustment\. Nothing was booked},
    '... which says the new price');
like($html, qr{<span class="price">₹660</span> in pincode 110001}, '... and shows it');
like($html, qr{name="quoted_paise" value="66000">}, '... and quotes it');
like($html, qr{name="notes"[^>]*>\Q$stale->{notes}\E</textarea>}, '... with the input kept');
is($stack->sql_value('SELECT count(*) FROM bookings'), $count, '... nothing is booked');
$res = book_form($c);
my $changed = booked_id($res);
ok($changed, 'booking again at the new price works');
is_deeply(booking_row($changed), { price_paise => 66000, price_factor => 110 }, '... ₹660 at 1.10');

# A price nobody was shown is never charged.
$c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
is(book_form($c, quoted_paise => 100)->code, 409, 'a quote of ₹1 sent by hand: 409');
is(book_form($c, quoted_factor => 100, quoted_paise => 50000)->code, 409, 'the catalogue price where 1.10 is in force: 409');
$res = $stack->post_form($c, '/bookings/new', { service_id => $sid{ac}, address => '12 Janpath, New Delhi',
    pincode => '110001', scheduled_date => $when, notes => '' });
is($res->code, 409, 'no quote at all (the catalogue price, unseen adjustment): 409');
is(book_form($c, quoted_paise => 'lots')->code, 422, 'a quote that is no number: 422');
is($stack->sql_value('SELECT count(*) FROM bookings'), $count + 1, '... none of them booked anything');

# --- the receipt -----------------------------------------------------------------------
# The vendor's visit is t/65-journey.t's; here the bookings are done, and
# operations record a cash payment, which must be the booking's price.
$stack->sql(q{UPDATE bookings SET status = 'completed', vendor_id = ? WHERE id IN (?, ?)},
    $uid{vendor1}, $busy, $plain);
$ops->get($stack->url("/ops/bookings/$busy"));
is($stack->post_form($ops, "/ops/bookings/$busy/manual-payment", { method => 'cash', amount => '500' })->code,
    422, 'a cash payment of the catalogue ₹500 for the ₹550 booking: 422');
is($stack->post_form($ops, "/ops/bookings/$busy/manual-payment", { method => 'cash', amount => '550' })->code,
    303, 'of ₹550: recorded');
$ops->get($stack->url("/ops/bookings/$plain"));
is($stack->post_form($ops, "/ops/bookings/$plain/manual-payment", { method => 'cash', amount => '500' })->code,
    303, 'and ₹500 for the booking made with pricing off');
my $pay = $stack->sql_value('SELECT id FROM payments WHERE booking_id = ?', $busy);
$res = $c->get($stack->url("/payments/$pay/receipt"));
is($res->code, 200, 'customer1 opens the receipt');
$html = $res->decoded_content;
like($html, qr{<dt>Amount</dt><dd class="price">₹550</dd>}, '... of ₹550');
like($html, qr{<dt>Busy-area adjustment</dt><dd>The amount includes a 10% busy-area adjustment</dd>},
    '... which includes a 10% busy-area adjustment');
$pay = $stack->sql_value('SELECT id FROM payments WHERE booking_id = ?', $plain);
unlike($c->get($stack->url("/payments/$pay/receipt"))->decoded_content, qr{busy-area},
    'the receipt of the booking made at 1.00 says nothing of it');

# --- refusals are demand ---------------------------------------------------------------
for (1 .. 2) {
	$c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
	$res = book_form($c, pincode => '110009');
	is($res->code, 422, "nobody serves 110009: 422 ($_)");
}
like($res->decoded_content, qr{No verified vendor offers AC &amp; cooling in pincode 110009 yet}, '... which says why');
is_deeply($stack->sql(q{SELECT pincode, service_id FROM booking_refusals WHERE pincode = '110009'}),
    [({ pincode => '110009', service_id => $sid{ac} }) x 2], '... and each attempt is recorded');

# --- overrides: hostile input ------------------------------------------------------------
sub overrides { $stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action GLOB 'pricing.override*'}) }
my %good = (pincode => '110002', category_id => $cid{ac}, factor => '1.15', reason => 'Diwali week in Connaught Place');
my @bad = (
	[{ factor => '1.30' }, 'factor', qr/Factor must be from 1\.00 to 1\.25 in steps of 0\.05/, 'above the maximum'],
	[{ factor => '0.95' }, 'factor', qr/Factor must be from 1\.00 to 1\.25/, 'below 1.00'],
	[{ factor => '1.07' }, 'factor', qr/in steps of 0\.05/, 'off a step'],
	[{ factor => '2' }, 'factor', qr/Factor must be from 1\.00 to 1\.25/, 'the setting\'s own top, above this maximum'],
	[{ factor => 'abc' }, 'factor', qr/Factor must be a number such as 1\.10/, 'not a number'],
	[{ factor => '-1.10' }, 'factor', qr/Factor must be a number/, 'negative'],
	[{ factor => '' }, 'factor', qr/Factor is required/, 'missing'],
	[{ pincode => '011000' }, 'pincode', qr/must be a 6-digit pincode/, 'a pincode starting with 0'],
	[{ pincode => '1100021' }, 'pincode', qr/must be a 6-digit pincode/, 'seven digits'],
	[{ pincode => '' }, 'pincode', qr/Pincode is required/, 'no pincode'],
	[{ category_id => '9999' }, 'category_id', qr/Choose a category from the list/, 'an unknown category id'],
	[{ category_id => 'ac' }, 'category_id', qr/Category must be a whole number/, 'a slug for an id'],
	[{ reason => '' }, 'reason', qr/Reason is required/, 'no reason'],
	[{ reason => 'no' }, 'reason', qr/at least 3 characters/, 'a two-letter reason'],
	[{ reason => 'x' x 501 }, 'reason', qr/at most 500 characters/, 'a reason of 501 characters'],
);
for my $case (@bad) {
	my ($changes, $field, $why, $what) = @$case;
	my $before = overrides();
	$ops->get($stack->url('/ops/pricing'));
	$res = $stack->post_form($ops, '/ops/pricing', { %good, %$changes });
	is($res->code, 422, "override with $what: 422");
	$html = $res->decoded_content;
	like($html, $why, "... says why");
	like($html, qr{id="$field" name="$field"[^>]*aria-invalid="true"}, "... marks $field");
	like($html, qr{<textarea id="reason"[^>]*>\Q$good{reason}\E</textarea>}, '... keeps the input')
	    if $field ne 'reason';
	is(overrides(), $before, '... no audit row');
	is($stack->sql_value(q{SELECT override_factor FROM price_factors WHERE pincode = '110002' AND category = 'ac'}),
	    undef, '... no override');
}

# --- overrides: set, in force, audited, removed ---------------------------------------
$ops->get($stack->url('/ops/pricing'));
$res = $stack->post_form($ops, '/ops/pricing', \%good);
is($res->code, 303, 'ops_mgr overrides 110002 AC to 1.15');
is($res->header('Location'), '/ops/pricing?pincode=110002&notice=pricing-override-saved', '... back to 110002\'s rows');
$html = $ops->get($stack->url($res->header('Location')))->decoded_content;
like($html, qr{The override is saved}, '... with a notice');
like($html, qr{<td[^>]*>110002</td>\s*<td[^>]*>AC &amp; cooling</td>\s*<td class="num"[^>]*>10</td>\s*<td class="num"[^>]*>0</td>\s*<td class="num"[^>]*>1</td>\s*<td class="num"[^>]*>1\.00</td>\s*<td[^>]*><strong>1\.15</strong>: Diwali week in Connaught Place <small>\(ops_mgr, },
    '... the row shows the figures, the computed 1.00 and the override with its reason and author');
like($html, qr{<td class="num factor-raised"[^>]*>1\.15</td>}, '... in force');
unlike($html, qr{<td[^>]*>110001</td>}, '... and only 110002\'s rows');
my $row = $stack->sql(q{SELECT * FROM audit_log WHERE action = 'pricing.override' ORDER BY id DESC LIMIT 1})->[0];
is_deeply([@$row{qw(actor_id entity entity_id)}], [$uid{ops_mgr}, 'pricing', 110002], 'the audit row: ops_mgr, pricing 110002');
is_deeply(JSON::PP->new->decode($row->{new_values}), { pincode => '110002', category => 'ac',
    factor => '1.15', reason => 'Diwali week in Connaught Place' }, '... with what was set');
$c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
$res = $c->post($stack->url('/bookings/new'), form_fields($c, pincode => '110002', step => 'quote'));
like($res->decoded_content, qr{<span class="price">₹575</span> in pincode 110002, which includes a 15% busy-area adjustment},
    'customers in 110002 see ₹575 at once');

# A second override of the same row replaces it, the old one in the audit.
$ops->get($stack->url('/ops/pricing'));
is($stack->post_form($ops, '/ops/pricing', { %good, factor => '1.2', reason => 'Diwali and a wedding season' })->code,
    303, 'a new override of the same row');
$row = $stack->sql(q{SELECT * FROM audit_log WHERE action = 'pricing.override' ORDER BY id DESC LIMIT 1})->[0];
is(JSON::PP->new->decode($row->{old_values})->{factor}, '1.15', '... the audit row keeps the old factor');
is($stack->sql_value(q{SELECT override_factor FROM price_factors WHERE pincode = '110002' AND category = 'ac'}),
    120, '... 1.20 now');

# An override where the job found nothing, for a category no booking used.
$ops->get($stack->url('/ops/pricing'));
is($stack->post_form($ops, '/ops/pricing', { pincode => '110005', category_id => $cid{cleaning},
    factor => '1.05', reason => 'Water shortage: few cleaners' })->code, 303, 'an override for 110005, which had no row');

# The override outlives the next day's run; the refusals count there.
$ran = $stack->run_due(now => $T1 + $DAY);
$f = factors();
is($f->{'110002/ac'}{override_factor}, 120, 'the next day\'s run keeps the override');
is($f->{'110001/electrical'}{override_factor}, 110, '... and the other one');
is($f->{'110001/electrical'}{factor}, 125, '... below which the computed factor is still the maximum');
is_deeply([@{ $f->{'110005/cleaning'} }{qw(factor bookings override_factor)}], [100, 0, 105],
    '... and the one with no demand, at 1.00 beneath it');
is_deeply([@{ $f->{'110009/ac'} }{qw(factor refused vendors)}], [125, 2, 0],
    '110009 AC: the two refused attempts count, nobody serves it: the maximum');
is(recomputes(), 2, 'one more audit row for the run');

# Lowering the maximum applies at once, overrides included.
$stack->sql(q{UPDATE settings SET value = '1.15' WHERE key = 'pricing_max_factor'});
$c->get($stack->url("/bookings/new?service_id=$sid{ac}"));
$res = $c->post($stack->url('/bookings/new'), form_fields($c, pincode => '110002', step => 'quote'));
like($res->decoded_content, qr{<span class="price">₹575</span> in pincode 110002, which includes a 15% busy-area adjustment},
    'the maximum lowered to 1.15: the 1.20 override charges 1.15');
$stack->sql(q{UPDATE settings SET value = '1.25' WHERE key = 'pricing_max_factor'});

# Removing: the computed factor again; a second time, there is none: 404.
$ops->get($stack->url('/ops/pricing?pincode=110002'));
like($ops->content, qr{<button type="submit" class="link">Remove<span class="visually-hidden"> the override for 110002</span></button>},
    'the row has a Remove button');
$res = $stack->post_form($ops, '/ops/pricing/remove', { pincode => '110002', category_id => $cid{ac} });
is($res->code, 303, 'ops_mgr removes the override');
like($ops->get($stack->url($res->header('Location')))->decoded_content, qr{The override is removed},
    '... with a notice');
is($stack->sql_value(q{SELECT override_factor FROM price_factors WHERE pincode = '110002' AND category = 'ac'}),
    undef, '... gone');
$row = $stack->sql(q{SELECT * FROM audit_log WHERE action = 'pricing.override_remove'})->[0];
is_deeply([@$row{qw(actor_id entity entity_id)}], [$uid{ops_mgr}, 'pricing', 110002], '... audited');
is(JSON::PP->new->decode($row->{old_values})->{factor}, '1.20', '... with what it was');
$ops->get($stack->url('/ops/pricing'));
$res = $stack->post_form($ops, '/ops/pricing/remove', { pincode => '110002', category_id => $cid{ac} });
is($res->code, 404, 'removing it again: 404');
like($res->decoded_content, qr{There is no override for AC &amp; cooling in pincode 110002}, '... which says so');
is($stack->post_form($ops, '/ops/pricing/remove', { pincode => '0', category_id => $cid{ac} })->code,
    422, 'removing with a pincode that is none: 422');
is($stack->post_form($ops, '/ops/pricing/remove', { pincode => '110002', category_id => 9999 })->code,
    422, '... or a category that is none: 422');
$m{admin}->get($stack->url('/ops/pricing'));
is($stack->post_form($m{admin}, '/ops/pricing/remove', { pincode => '110005', category_id => $cid{cleaning} })->code,
    303, 'the super admin removes the 110005 override');
is($stack->sql_value(q{SELECT count(*) FROM price_factors WHERE pincode = '110005'}), 0,
    '... and the row, which had no figures, goes with it');

# --- the page and who may see it ----------------------------------------------------------
$res = $ops->get($stack->url('/ops/pricing'));
is($res->code, 200, 'ops_mgr: GET /ops/pricing');
$html = $res->decoded_content;
like($html, qr{Demand pricing is on}, '... says pricing is on');
like($html, qr{<td[^>]*>110001</td>\s*<td[^>]*>Plumbing</td>\s*<td class="num"[^>]*>23</td>\s*<td class="num"[^>]*>3</td>\s*<td class="num"[^>]*>2</td>\s*<td class="num"[^>]*>1\.05</td>},
    '... 110001 Plumbing with its figures');
ok($ops->find_link(url => '/ops/pricing', text => 'Pricing'), '... linked from the navigation');
is($ops->get($stack->url('/ops/pricing?pincode=abc'))->code, 400, '?pincode=abc: 400');
$stack->sql(q{UPDATE settings SET value = '0' WHERE key = 'pricing_enabled'});
like($ops->get($stack->url('/ops/pricing'))->decoded_content, qr{Demand pricing is off},
    'pricing off: the page says so');
$c->get($stack->url("/bookings/new?service_id=$sid{electrical}"));
like($c->content, qr{<span class="price">₹600</span> ·}, '... and customers pay catalogue prices again, overrides too');
$res = $m{admin}->get($stack->url('/ops/pricing'));
is($res->code, 200, 'admin: GET /ops/pricing');
ok($m{admin}->find_link(url => '/ops/pricing', text => 'Pricing'), '... in the admin\'s navigation');
for my $who (qw(customer1 vendor1 onboard_mgr)) {
	is($m{$who}->get($stack->url('/ops/pricing'))->code, 403, "$who: GET /ops/pricing is 403");
	$m{$who}->get($stack->url('/'));
	is($stack->post_form($m{$who}, '/ops/pricing', \%good)->code, 403, "$who: POST /ops/pricing is 403");
	is($stack->post_form($m{$who}, '/ops/pricing/remove', { pincode => '110001', category_id => $cid{electrical} })->code,
	    403, "$who: POST /ops/pricing/remove is 403");
}
is($stack->post_form($ops, '/ops/pricing', \%good, csrf => '')->code, 403, 'a POST without the CSRF token: 403');
is($stack->sql_value(q{SELECT override_factor FROM price_factors WHERE pincode = '110002' AND category = 'ac'}),
    undef, '... and none of them set anything');

$stack->finish;
done_testing;
