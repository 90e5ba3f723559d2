# 109-choose-vendor.t: choosing a professional on the booking form (who is listed, who is refused with 422), the chosen vendor's window alone (their board says "Requested for you", others neither see nor take it) ending by the clock, the job or a decline, "Book again", and the catalogue for a pincode remembered for visitors and customers.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;

my $stack = start_stack();
my $T = time;

my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
my %cat = map { $_->{slug} => $_->{name} } @{ $stack->sql('SELECT slug, name FROM categories') };

# vendor(NAME, STATUS, BLOCKED, [PINCODES], [CATEGORIES], experience => N,
# business => NAME): a vendor who signs in with vendor1's password.
sub vendor {
	my ($name, $status, $blocked, $pins, $cats, %o) = @_;
	$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
	    is_blocked, blocked_at, created_at, updated_at) SELECT ?, ?, '', password_hash, 'vendor', ?, ?, ?, ?
	    FROM users WHERE username = 'vendor1'},
	    $name, "$name\@homeserve.test", $blocked, $blocked ? $T : undef, $T, $T);
	my $id = $uid{$name} = $stack->sql_value('SELECT id FROM users WHERE username = ?', $name);
	$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, business_name, experience_years,
	    verified_at, status_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)}, $id, $status,
	    $o{business} // '', $o{experience} // 0,
	    $status =~ /^(verified|suspended)$/ ? $T : undef, $T, $T);
	$stack->sql('INSERT INTO vendor_categories (vendor_id, category) VALUES (?, ?)', $id, $_) for @$cats;
	$stack->sql('INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, ?)', $id, $_) for @$pins;
	return $id;
}
vendor('vendor2', 'verified', 0, ['110001'], ['ac'], experience => 8, business => 'Cool Air Services');
vendor('vendor3', 'verified', 1, ['110001'], ['ac']);			# blocked
vendor('vendor4', 'submitted', 0, ['110001'], ['ac']);			# not verified
vendor('vendor5', 'verified', 0, ['110002'], ['ac']);			# another pincode
vendor('vendor6', 'verified', 0, ['110001'], ['plumbing']);		# another category
vendor('vendor7', 'suspended', 0, ['110001'], ['ac']);			# suspended
vendor('vendor8', 'verified', 0, ['560001'], ['plumbing']);		# Bengaluru: plumbing only
vendor('vendor9', 'verified', 1, ['560002'], ['cleaning']);		# blocked: 560002 has nobody

# vendor2 has done a job and been rated 4.
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', '9 Old Road, Delhi', '110001', ?, 90, 50000, 'paid', ?, ?)},
    $uid{customer1}, $uid{vendor2}, $T - 10 * 86400, $T - 11 * 86400, $T - 10 * 86400);
my $old = $stack->sql_value('SELECT max(id) FROM bookings');
$stack->sql(q{INSERT INTO reviews (booking_id, service_id, vendor_id, customer_id, rating, comment, created_at)
    VALUES (?, 1, ?, ?, 4, 'Good', ?)}, $old, $uid{vendor2}, $uid{customer1}, $T - 10 * 86400);

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['vendor2', '/vendor/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, 'password123', $home);
}
my ($c, $v1, $v2) = @m{qw(customer1 vendor1 vendor2)};

# --- the choice on the booking form ---------------------------------------------------
my $res = $c->get($stack->url('/bookings/new?service_id=1'));
is($res->code, 200, 'the booking form');
my $html = $res->decoded_content;
like($html, qr{<input type="radio" id="vendor_id-any" name="vendor_id" value="" checked> <label for="vendor_id-any">Any available professional</label>},
    '"Any available professional" comes first, checked');
like($html, qr{id="vendor_id-$uid{vendor2}" name="vendor_id" value="$uid{vendor2}">.*?Cool Air Services</strong> · rated 4\.0 of 5 \(1 review\) · 1 job done · 8 years of experience}s,
    'vendor2 is listed by business name, with rating, jobs done and experience');
like($html, qr{id="vendor_id-$uid{vendor1}" .*?vendor1</strong> · no reviews yet · 0 jobs done · on HomeServe since \w+ \d{4}}s,
    'vendor1 (no experience given) shows since when');
like($html, qr{vendor_id-$uid{vendor2}.*vendor_id-$uid{vendor1}}s, 'the best rated first');
for my $who (qw(vendor3 vendor4 vendor5 vendor6 vendor7)) {
	unlike($html, qr{value="$uid{$who}"}, "$who is not offered for AC in 110001");
}

# "Show professionals for this pincode": the form again for 110002, fields kept.
$res = $stack->post_form($c, '/bookings/new', { service_id => 1, address => '5 Lodhi Road, Delhi',
    pincode => '110002', scheduled_date => '', notes => 'Second floor', step => 'vendors' });
is($res->code, 200, 'showing the professionals of another pincode books nothing');
$html = $res->decoded_content;
like($html, qr{value="$uid{vendor5}"}, 'vendor5 serves 110002');
unlike($html, qr{value="$uid{vendor2}"}, 'vendor2 does not');
like($html, qr{>5 Lodhi Road, Delhi</textarea>}, 'the address is kept');
like($html, qr{>Second floor</textarea>}, 'and the notes');

my @when = map { local_time($_, '11:00') } 1 .. 6;
sub book {
	my (%f) = @_;
	$c->get($stack->url('/bookings/new?service_id=1'));
	return $stack->post_form($c, '/bookings/new', { service_id => 1,
	    address => '12 Janpath, New Delhi', pincode => '110001',
	    scheduled_date => $when[0], notes => '', %f });
}
sub booking_of { $stack->sql('SELECT * FROM bookings WHERE id = ?', $_[0])->[0] }
sub id_of { ($_[0]->header('Location') // '') =~ m{^/bookings/(\d+)$} ? $1 : undef }

for my $case (['vendor3', 'blocked'], ['vendor4', 'not verified'], ['vendor5', 'serving another pincode'],
    ['vendor6', 'serving another category'], ['vendor7', 'suspended'], ['nobody', 'unknown']) {
	my ($who, $what) = @$case;
	my $before = $stack->sql_value('SELECT count(*) FROM bookings');
	$res = book(vendor_id => $uid{$who} // 99999);
	is($res->code, 422, "a vendor $what is refused with 422");
	like($res->decoded_content, qr{<p class="error" id="vendor_id-error">The professional you chose does not offer},
	    "$what: the form says why, beside the choice");
	like($res->decoded_content, qr{>12 Janpath, New Delhi</textarea>}, "$what: the form is shown again with the input");
	is($stack->sql_value('SELECT count(*) FROM bookings'), $before, "$what: nothing is booked");
}
$res = book(vendor_id => 'abc');
is($res->code, 422, 'a vendor_id that is no number is 422');

# --- the chosen vendor alone, until the window closes ---------------------------------
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[0]);
is($res->code, 303, 'booking with vendor2 chosen');
my $b1 = id_of($res);
my $row = booking_of($b1);
is($row->{offered_to}, $uid{vendor2}, 'the booking is offered to vendor2');
ok(abs($row->{offered_until} - (time + 2 * 3600)) < 120, 'for two hours (the setting)');
is($row->{status}, 'pending', 'it waits');
ok($stack->sql_value(q{SELECT count(*) FROM notifications WHERE user_id = ? AND booking_id = ?
    AND text LIKE '%requested for you%'}, $uid{vendor2}, $b1), 'vendor2 is told it was requested for them');

like($c->get($stack->url("/bookings/$b1"))->decoded_content,
    qr{Waiting for a vendor to accept: you chose Cool Air Services, who has it alone until [^;]+; then every professional may take it},
    'the booking page says whom the customer chose, and until when');
$html = $v2->get($stack->url('/vendor/jobs'))->decoded_content;
like($html, qr{#$b1 AC Repair</a></h2>\s*<p class="notice"><strong>Requested for you</strong>}, "vendor2's board shows it, requested for them");
$html = $v1->get($stack->url('/vendor/jobs'))->decoded_content;
unlike($html, qr{#$b1 }, "vendor1's board does not show it");
like($v1->get($stack->url('/vendor/'))->decoded_content, qr{.}, 'the dashboard answers');
is($v1->get($stack->url("/vendor/bookings/$b1"))->code, 404, 'nor may vendor1 open it');
$v1->get($stack->url('/vendor/jobs'));
is($stack->post_form($v1, "/vendor/bookings/$b1/accept", {})->code, 404, "vendor1's accept is refused");
is($stack->post_form($v1, "/vendor/bookings/$b1/decline", {})->code, 404, 'and so is their decline');
is(booking_of($b1)->{status}, 'pending', 'the booking still waits for vendor2');

# An hour later nothing changes; two hours later the job opens it to all.
my $ran = $stack->run_due(now => time + 3600);
is($ran->{'offers-expire'}, 0, 'an hour on, the offer stands');
$ran = $stack->run_due(now => time + 2 * 3600 + 60);
is($ran->{'offers-expire'}, 1, 'two hours on, the job ends the offer');
$row = booking_of($b1);
ok(!defined $row->{offered_to} && !defined $row->{offered_until}, 'the booking is offered to nobody in particular');
unlike($c->get($stack->url("/bookings/$b1"))->decoded_content, qr{you chose}, 'the booking page no longer says so');
is($stack->sql_value(q{SELECT text FROM notifications WHERE user_id = ? AND booking_id = ? ORDER BY id DESC LIMIT 1},
    $uid{customer1}, $b1), "Booking #$b1 (AC Repair): your chosen professional did not answer in time: "
    . 'the booking is now open to all professionals.', 'the customer is told');
like($v1->get($stack->url('/vendor/jobs'))->decoded_content, qr{#$b1 AC Repair}, "it is on vendor1's board now");
unlike($v2->get($stack->url('/vendor/jobs'))->decoded_content, qr{#$b1 AC Repair</a></h2>\s*<p class="notice">},
    'no longer marked as requested for vendor2');
is($stack->run_due(now => time + 3 * 3600)->{'offers-expire'}, 0, 'the job does it once');

# The board does not wait for the job: an offer past its time is open.
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[1]);
my $b2 = id_of($res);
$stack->sql('UPDATE bookings SET offered_until = ? WHERE id = ?', time - 60, $b2);
like($v1->get($stack->url('/vendor/jobs'))->decoded_content, qr{#$b2 AC Repair}, 'an offer past its time is on every board');
is($stack->post_form($v1, "/vendor/bookings/$b2/accept", {})->code, 303, 'and vendor1 may take it');
is(booking_of($b2)->{vendor_id}, $uid{vendor1}, 'vendor1 holds it');
is($stack->run_due(now => time + 60)->{'offers-expire'}, 0, 'taking it ended the offer: the job has nothing to do');

# The chosen vendor declines: open to all at once, the customer told.
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[2]);
my $b3 = id_of($res);
$v2->get($stack->url('/vendor/jobs'));
is($stack->post_form($v2, "/vendor/bookings/$b3/decline", {})->code, 303, 'vendor2 declines the job requested for them');
ok(!defined booking_of($b3)->{offered_to}, 'the offer ends');
is($stack->sql_value(q{SELECT text FROM notifications WHERE user_id = ? AND booking_id = ? ORDER BY id DESC LIMIT 1},
    $uid{customer1}, $b3), "Booking #$b3 (AC Repair): your chosen professional declined it: "
    . 'the booking is now open to all professionals.', 'the customer is told');
like($v1->get($stack->url('/vendor/jobs'))->decoded_content, qr{#$b3 AC Repair}, "it is on vendor1's board");
unlike($v2->get($stack->url('/vendor/jobs'))->decoded_content, qr{#$b3 AC Repair}, "and off vendor2's");

# The chosen vendor accepts: as any accept, the customer is told.
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[3]);
my $b4 = id_of($res);
$v2->get($stack->url('/vendor/jobs'));
is($stack->post_form($v2, "/vendor/bookings/$b4/accept", {})->code, 303, 'vendor2 accepts the job requested for them');
$row = booking_of($b4);
is($row->{status}, 'accepted', 'it is accepted');
is($row->{vendor_id}, $uid{vendor2}, 'by vendor2');
ok(!defined $row->{offered_to}, 'the offer is over');
like($stack->sql_value(q{SELECT text FROM notifications WHERE user_id = ? AND booking_id = ? ORDER BY id DESC LIMIT 1},
    $uid{customer1}, $b4), qr/was accepted by a vendor/, 'the customer is told');

# The chosen vendor is blocked meanwhile: the next run opens it to all.
$stack->sql(q{UPDATE bookings SET status = 'cancelled' WHERE id IN (?, ?)}, $b1, $b3);	# the cap of 5 waiting
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[5]);
my $b5 = id_of($res);
ok($b5, 'booking with vendor2 chosen again');
$stack->sql('UPDATE users SET is_blocked = 1 WHERE id = ?', $uid{vendor2});
is($stack->run_due(now => time + 60)->{'offers-expire'}, 1, 'vendor2 blocked: the next run ends the offer, window or not');
ok(!defined booking_of($b5)->{offered_to}, '... the booking is open to all');
is($stack->sql_value(q{SELECT text FROM notifications WHERE user_id = ? AND booking_id = ? ORDER BY id DESC LIMIT 1},
    $uid{customer1}, $b5), "Booking #$b5 (AC Repair): your chosen professional is no longer available: "
    . 'the booking is now open to all professionals.', '... and the customer is told why');
$stack->sql('UPDATE users SET is_blocked = 0 WHERE id = ?', $uid{vendor2});

# The window is a setting.
$stack->sql(q{INSERT INTO settings (key, value, updated_at) VALUES ('chosen_vendor_hours', '5', ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value}, time);
$res = book(vendor_id => $uid{vendor2}, scheduled_date => $when[4]);
ok(abs(booking_of(id_of($res))->{offered_until} - (time + 5 * 3600)) < 120, 'with chosen_vendor_hours at 5, the window is five hours');
$stack->sql(q{UPDATE settings SET value = '2' WHERE key = 'chosen_vendor_hours'});

# --- book again -------------------------------------------------------------------------
my $addr = $stack->sql(q{SELECT id, address FROM addresses WHERE user_id = ? AND is_default = 1}, $uid{customer1})->[0];
$stack->sql(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', ?, '110001', ?, 90, 50000, 'signed', ?, ?)},
    $uid{customer1}, $uid{vendor2}, $addr->{address}, $T - 3 * 86400, $T - 4 * 86400, $T - 3 * 86400);
my $signed = $stack->sql_value('SELECT max(id) FROM bookings');
$html = $c->get($stack->url("/bookings/$signed"))->decoded_content;
like($html, qr{<form method="post" action="/bookings/$signed/rebook" class="inline">.*Book again with Cool Air Services</button>}s,
    'a signed booking offers "Book again", naming the business, not the username');
$res = $stack->post_form($c, "/bookings/$signed/rebook", {});
is($res->code, 303, 'book again');
is($res->header('Location'), "/bookings/new?service_id=1&vendor_id=$uid{vendor2}&address_id=$addr->{id}",
    'to the booking form with the same service, professional and saved address');
$html = $c->get($stack->url($res->header('Location')))->decoded_content;
like($html, qr{id="vendor_id-$uid{vendor2}" name="vendor_id" value="$uid{vendor2}" checked>}, 'vendor2 is chosen');
like($html, qr{id="vendor_id-any" name="vendor_id" value="">}, '"Any" is not');
like($html, qr{>\Q$addr->{address}\E</textarea>}, 'the address is filled in');
like($html, qr{name="pincode" value="110001"}, 'and the pincode');
is($stack->sql_value('SELECT count(*) FROM bookings WHERE customer_id = ? AND id > ?', $uid{customer1}, $signed), 0,
    'nothing is booked until the customer confirms');

# A typed address (not saved) goes in the query itself.
$stack->sql(q{UPDATE bookings SET address = '3 Ashoka Road, New Delhi & Co' WHERE id = ?}, $signed);
$res = $stack->post_form($c, "/bookings/$signed/rebook", {});
is($res->header('Location'), "/bookings/new?service_id=1&vendor_id=$uid{vendor2}&address=3%20Ashoka%20Road%2C%20New%20Delhi%20%26%20Co&pincode=110001",
    'an address not saved travels in the query');
$html = $c->get($stack->url($res->header('Location')))->decoded_content;
like($html, qr{>3 Ashoka Road, New Delhi &amp; Co</textarea>}, 'and fills the form');

# The vendor no longer serves there: said, and "Any" is chosen instead.
$stack->sql(q{DELETE FROM vendor_pincodes WHERE vendor_id = ? AND pincode = '110001'}, $uid{vendor2});
$html = $c->get($stack->url("/bookings/new?service_id=1&vendor_id=$uid{vendor2}&address_id=$addr->{id}"))->decoded_content;
(my $ac_html = $cat{ac}) =~ s/&/&amp;/g;
like($html, qr{The professional you chose before does not offer \Q$ac_html\E in pincode 110001 now}, 'the form says the vendor no longer serves there');
like($html, qr{id="vendor_id-any" name="vendor_id" value="" checked>}, 'and falls back to any available professional');
$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, '110001')}, $uid{vendor2});

# Someone else's booking: 404; one not finished: 409.
$m{other} = $stack->mech;
$m{other}->get($stack->url('/register'));
is($stack->post_form($m{other}, '/register', { username => 'customer2', email => 'c2@example.com',
    phone => '9812345678', password => 'Plumb-line-42', password_confirm => 'Plumb-line-42',
    address => '7 Park Street, Delhi', pincode => '110002' })->code, 303, 'customer2 registers');
$m{other}->get($stack->url('/bookings'));
is($stack->post_form($m{other}, "/bookings/$signed/rebook", {})->code, 404, "customer2 cannot book customer1's again: 404");
$v2->get($stack->url('/vendor/jobs'));
is($stack->post_form($v2, "/bookings/$signed/rebook", {})->code, 403, 'a vendor may not book again: 403');
$c->get($stack->url("/bookings/$b3"));
is($stack->post_form($c, "/bookings/$b3/rebook", {})->code, 409, 'a booking still pending cannot be booked again: 409');
unlike($c->get($stack->url("/bookings/$b4"))->decoded_content, qr{/rebook}, 'nor does an accepted one offer it');

# --- the catalogue for a pincode --------------------------------------------------------
my $visitor = $stack->mech;
$res = $visitor->get($stack->url('/'));
like($res->decoded_content, qr{<label for="pincode">Your pincode</label>\s*<input id="pincode" name="pincode" inputmode="numeric"},
    'the home page asks for the pincode first');
like($res->decoded_content, qr{<form class="search pincode" method="get" action="/services">}, 'a GET form to /services');

$res = $visitor->get($stack->url('/services?pincode=560001'));
is($res->code, 200, '/services for 560001');
$html = $res->decoded_content;
like($html, qr{1 service\(s\) can be booked in pincode 560001}, 'one service can be booked there');
like($html, qr{<a href="/services/2">Plumbing Service</a>}, 'plumbing');
unlike($html, qr{<a href="/services/1">}, 'not AC repair');
my @missing = sort map { $cat{$_} } qw(ac electrical cleaning appliance);
like($html, qr{Not available in 560001 yet: ([^<]+)\.</p>}, 'the others are named as not available');
my ($names) = $html =~ /Not available in 560001 yet: ([^<]+)\.<\/p>/;
is_deeply([sort split /, /, decode_html($names)], \@missing, 'exactly the four other categories');
my $cookie = set_cookie_of($res, 'hs_pincode');
like($cookie // '', qr{^hs_pincode=560001; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax$}, 'the pincode is remembered in a cookie');

like(set_cookie_of($stack->mech->get($stack->tls_url('/services?pincode=560001')), 'hs_pincode') // '',
    qr{^hs_pincode=560001; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure$}, 'over HTTPS the cookie is Secure');
$html = $visitor->get($stack->url('/services?pincode=110001'))->decoded_content;
like($html, qr{5 service\(s\) can be booked in pincode 110001}, 'in 110001 everything can be booked');
unlike($html, qr{Not available in}, 'and nothing is said to be missing');

$html = $visitor->get($stack->url('/services?pincode=560002'))->decoded_content;
like($html, qr{0 service\(s\) can be booked in pincode 560002\. No professional serves pincode 560002 yet\.}, 'a blocked vendor makes nothing bookable');

# The visitor's cookie now says 560002: plain /services and the home page use it.
$html = $visitor->get($stack->url('/services'))->decoded_content;
like($html, qr{can be booked in pincode 560002}, '/services without a pincode uses the remembered one');
like($visitor->get($stack->url('/'))->decoded_content, qr{name="pincode" [^>]*value="560002"}, 'the home page pre-fills it');
my $fresh = $stack->mech;
$html = $fresh->get($stack->url('/services'))->decoded_content;
unlike($html, qr{can be booked in pincode}, 'a new visitor sees the whole catalogue as before');
$html = $fresh->get($stack->url('/services'), Cookie => 'hs_pincode=1<script>')->decoded_content;
unlike($html, qr{can be booked in pincode}, 'a cookie that is no pincode is ignored');

for my $bad ('12345', '012345', 'abcdef', '1100011') {
	$res = $visitor->get($stack->url("/services?pincode=$bad"));
	is($res->code, 422, "pincode $bad is 422");
	like($res->decoded_content, qr{<p class="error" id="pincode-error">Your pincode must be a 6-digit pincode}, "$bad: the form says why");
	like($res->decoded_content, qr{<input id="pincode" name="pincode"[^>]*value="\Q$bad\E"}, "$bad: the form is shown again with it");
}

# A customer's default address gives the pincode.
$html = $c->get($stack->url('/services'))->decoded_content;
like($html, qr{5 service\(s\) can be booked in pincode 110001}, "customer1's default address's pincode is used");
$html = $m{other}->get($stack->url('/services'))->decoded_content;
like($html, qr{can be booked in pincode 110002}, "customer2's is 110002");
$html = $c->get($stack->url('/bookings/new?service_id=1&pincode=110002'))->decoded_content;
like($html, qr{name="pincode" value="110002"}, 'the booking form takes a pincode from the query');
like($html, qr{value="$uid{vendor5}"}, 'and lists the professionals there');

$stack->check_html;
done_testing;
