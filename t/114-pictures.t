# 114-pictures.t: service pictures (recognised by content, resized, stored once, served with long caching), included lists, and vendors' display names and photos.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;
use HomeServe::Images;	# test_png: a 4 x 4 picture stored nowhere yet

my $stack = start_stack();
my $media = $stack->data . '/uploads/media';

sub fixture {
	my ($name) = @_;
	open(my $fh, '<:raw', "$FindBin::Bin/data/$name") or die "$name: $!";
	local $/;
	return scalar <$fh>;
}
my %img = (jpeg => fixture('picture.jpg'), png => fixture('picture.png'),
    webp => fixture('picture.webp'), gif => fixture('picture.gif'));

sub media_files {
	opendir(my $dh, $media) or return ();
	my @f = sort grep { !/^\./ } readdir $dh;
	closedir $dh;
	return @f;
}

my %m;
for my $who (['admin', 'admin123', '/admin/'], ['vendor1', 'password123',
    '/vendor/'], ['customer1', 'password123', '/']) {
	$m{$who->[0]} = $stack->mech;
	$stack->login_ok($m{$who->[0]}, $who->[0], $who->[1], $who->[2]);
}
$m{anon} = $stack->mech;

# --- the sample data -----------------------------------------------------

my $seeded = $stack->sql('SELECT id, name, image, image_width, image_height, '
    . 'thumb_width, thumb_height, included, not_included FROM services '
    . 'ORDER BY id');
is(scalar(grep { $_->{image} =~ /^[0-9a-f]{32}\z/ } @$seeded), 5,
    'the five sample services have pictures');
ok(!grep({ $_->{included} eq '' || $_->{not_included} eq '' } @$seeded),
    '... and included and not-included lists');
is_deeply([map { "$_->{image_width}x$_->{image_height}" } @$seeded],
    [('480x320') x 5], '... the 480 x 320 drawings kept at their size');
is_deeply([map { "$_->{thumb_width}x$_->{thumb_height}" } @$seeded],
    [('160x107') x 5], '... and 160 pixels wide for lists, aspect kept');

# --- the catalogue shows them ---------------------------------------------

my $ac = $seeded->[0];
my $res = $m{anon}->get($stack->url('/services'));
is($res->code, 200, 'the catalogue');
my $html = $res->decoded_content;
like($html, qr{<img class="thumb" src="/media/$ac->{image}-s\.webp" width="160" height="107" alt="AC Repair" loading="lazy">},
    '... shows the small picture, its size and the name as alt text');
like($html, qr{Includes: Inspection of the indoor and outdoor units; Gas pressure check;},
    '... and what is included');
like($html, qr{about 90 minutes}, '... and the typical duration');

$res = $m{anon}->get($stack->url("/services/$ac->{id}"));
is($res->code, 200, 'the service page');
$html = $res->decoded_content;
like($html, qr{<img src="/media/$ac->{image}-l\.webp" width="480" height="320" alt="AC Repair">},
    '... shows the large picture');
like($html, qr{<h2 id="included-heading">What’s included</h2>\s*<ul class="included">\s*<li>Inspection of the indoor and outdoor units</li>},
    '... the included list');
like($html, qr{<h2 id="not-included-heading">Not included</h2>\s*<ul class="not-included">\s*<li>Refrigerant refill, charged by weight</li>},
    '... the not-included list');
like($html, qr{About 90 minutes}, '... the typical duration');

$res = $m{anon}->get($stack->url("/media/$ac->{image}-l.webp"));
is($res->code, 200, 'the picture is served');
is($res->header('Content-Type'), 'image/webp', '... as WebP');
is($res->header('Cache-Control'), 'public, max-age=31536000, immutable',
    '... cached for a year');
is($res->header('X-Content-Type-Options'), 'nosniff', '... with nosniff');
is(substr($res->content, 0, 4) . substr($res->content, 8, 4), 'RIFFWEBP',
    '... RIFF WebP bytes');

# --- uploading a picture --------------------------------------------------

my %edit;	# the form's fields, as a browser sends them back
sub edit_form {
	my ($id) = @_;
	my $r = $m{admin}->get($stack->url("/admin/services/$id/edit"));
	my $form = $m{admin}->form_with_fields('name', 'price');
	%edit = map { $_ => $form->value($_) // '' }
	    qw(name category description price duration_minutes included
	    not_included);
	$edit{active} = '1';
	return $stack->csrf($m{admin});
}

# upload(ID, BYTES, FILENAME, CTYPE, MORE...): the edit form, multipart.
sub upload {
	my ($id, $bytes, $filename, $ctype, %more) = @_;
	my $csrf = edit_form($id);
	my %f = (%edit, %more);
	my @content = (csrf_token => $csrf, map { $_ => $f{$_} } sort keys %f);
	push @content, image => [undef, $filename, 'Content-Type' => $ctype,
	    Content => $bytes] if defined $bytes;
	return $m{admin}->post($stack->url("/admin/services/$id/edit"),
	    Content_Type => 'form-data', Content => \@content);
}

my $plumbing = $seeded->[1];
for my $case (['jpeg', 'photo.jpg', 'image/jpeg'],
    ['png', 'photo.png', 'image/png'], ['webp', 'photo.webp', 'image/webp']) {
	my ($type, $filename, $ctype) = @$case;
	my @before = media_files();
	$res = upload($plumbing->{id}, $img{$type}, $filename, $ctype);
	is($res->code, 303, "the admin uploads a \U$type\E picture: 303");
	my $row = $stack->sql('SELECT * FROM services WHERE id = ?',
	    $plumbing->{id})->[0];
	like($row->{image}, qr/^[0-9a-f]{32}\z/, '... a content-hash key');
	isnt($row->{image}, $plumbing->{image}, '... a new picture');
	is("$row->{image_width}x$row->{image_height}", '300x200',
	    '... kept at 300 x 200 (never enlarged)');
	is("$row->{thumb_width}x$row->{thumb_height}", '160x107',
	    '... and 160 x 107 small');
	my %new = map { $_ => 1 } media_files();
	delete @new{@before};
	is_deeply([sort keys %new], ["$row->{image}-l.webp", "$row->{image}-s.webp"],
	    '... two files stored');
	for my $size (qw(l s)) {
		$res = $m{anon}->get($stack->url("/media/$row->{image}-$size.webp"));
		ok($res->code == 200 && $res->header('Cache-Control') =~ /immutable/
		    && substr($res->content, 0, 4) eq 'RIFF',
		    "... the $size size served with long caching");
	}
	is($stack->sql_value("SELECT json_extract(new_values, '\$.image') FROM audit_log "
	    . "WHERE action = 'service.update' ORDER BY id DESC LIMIT 1"),
	    $row->{image}, '... and audited');
	$plumbing->{image} = $row->{image};
}

# The same picture again: the same names, nothing new written.
my @before = media_files();
$res = upload($plumbing->{id}, $img{webp}, 'again.webp', 'image/webp');
is($res->code, 303, 'the same picture again: 303');
is_deeply([media_files()], \@before, '... no new file (content-hashed)');

# Saving without a file keeps the picture.
$res = upload($plumbing->{id}, undef, undef, undef, description => 'Taps.');
is($res->code, 303, 'saving without a file: 303');
is($stack->sql_value('SELECT image FROM services WHERE id = ?', $plumbing->{id}),
    $plumbing->{image}, '... keeps the picture');

# Refused: each is 422 with the form again, the service and the files unchanged.
my $bomb_png = do {
	my $p = $img{png};
	# The IHDR's size claims 20000 x 20000, its CRC made right again.
	require Compress::Zlib;
	my $ihdr = 'IHDR' . pack('NN', 20000, 20000) . substr($p, 24, 5);
	substr($p, 12, 17) = $ihdr;
	substr($p, 29, 4) = pack('N', Compress::Zlib::crc32($ihdr));
	$p;
};
my $truncated = substr($img{jpeg}, 0, int(length($img{jpeg}) / 2)) . "\xff\xd9";
my @refusals = (
	['a text file named .jpg', "Just some text, not a picture.\n", 'x.jpg',
	    'image/jpeg', qr/not a picture/],
	['a GIF', $img{gif}, 'x.gif', 'image/gif', qr/not a picture/],
	['a truncated JPEG', $truncated, 'cut.jpg', 'image/jpeg',
	    qr/damaged|not a picture/],
	['a 20000 x 20000 header bomb', $bomb_png, 'bomb.png', 'image/png',
	    qr/too many pixels/],
);
for my $r (@refusals) {
	my ($what, $bytes, $filename, $ctype, $message) = @$r;
	@before = media_files();
	$res = upload($plumbing->{id}, $bytes, $filename, $ctype,
	    description => 'Changed while refused');
	is($res->code, 422, "$what: 422");
	$html = $res->decoded_content;
	like($html, qr{<p class="error" id="image-error">[^<]*$message},
	    '... says why beside the file field');
	like($html, qr{<textarea id="description"[^>]*>Changed while refused</textarea>},
	    '... with the form re-shown as typed');
	is_deeply([media_files()], \@before, '... nothing stored');
	is($stack->sql_value('SELECT image FROM services WHERE id = ?',
	    $plumbing->{id}), $plumbing->{image}, '... the picture unchanged');
}

# A good picture with another field wrong: 422, checked but not stored.
@before = media_files();
$res = upload($plumbing->{id}, test_png(), 'red.png', 'image/png',
    price => 'free');
is($res->code, 422, 'a good picture and a bad price: 422');
unlike($res->decoded_content, qr{id="image-error"}, '... the picture is fine');
is_deeply([media_files()], \@before, '... but not stored while the form is wrong');

# Lists: too many items, or an item too long.
$res = upload($plumbing->{id}, undef, undef, undef,
    included => join("\n", map { "Item $_" } 1 .. 13));
is($res->code, 422, '13 included items: 422');
like($res->decoded_content, qr{id="included-error">List at most 12 items},
    '... says the limit');
$res = upload($plumbing->{id}, undef, undef, undef,
    not_included => 'x' x 121);
is($res->code, 422, 'an item of 121 characters: 422');
like($res->decoded_content, qr{id="not_included-error">Keep each item to 120},
    '... says the limit');
$res = upload($plumbing->{id}, undef, undef, undef,
    included => "  Tap repair  \r\n\r\n  Drain cleaning\r\n");
is($res->code, 303, 'lines trimmed and blank ones dropped: 303');
is($stack->sql_value('SELECT included FROM services WHERE id = ?',
    $plumbing->{id}), "Tap repair\nDrain cleaning", '... stored one item a line');

# Only the admin uploads.
for my $who (qw(vendor1 customer1)) {
	$m{$who}->get($stack->url('/'));
	$res = $m{$who}->post($stack->url("/admin/services/$plumbing->{id}/edit"),
	    Content_Type => 'form-data', Content => [csrf_token =>
	    $stack->csrf($m{$who}) // '', %edit, image => [undef, 'x.png',
	    'Content-Type' => 'image/png', Content => $img{png}]]);
	ok($res->code == 403 || $res->code == 404 || $res->code == 303,
	    "$who cannot upload a service picture (" . $res->code . ')');
}
is($stack->sql_value('SELECT image FROM services WHERE id = ?', $plumbing->{id}),
    $plumbing->{image}, '... the picture unchanged');

# --- vendors: display name and photo --------------------------------------

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
my $T = time;

# vendor2 signs in with vendor1's password, serves 110001 for AC repairs.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
    created_at, updated_at) SELECT 'vendor2', 'vendor2@homeserve.test', '',
    password_hash, 'vendor', ?, ? FROM users WHERE username = 'vendor1'}, $T, $T);
$uid{vendor2} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'vendor2'});
$stack->sql(q{INSERT INTO vendor_profiles (user_id, status, verified_at,
    status_at, updated_at) VALUES (?, 'verified', ?, ?, ?)}, $uid{vendor2},
    $T, $T, $T);
$stack->sql(q{INSERT INTO vendor_categories (vendor_id, category) VALUES (?, 'ac')},
    $uid{vendor2});
$stack->sql(q{INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES (?, '110001')},
    $uid{vendor2});
$m{vendor2} = $stack->mech;
$stack->login_ok($m{vendor2}, 'vendor2', 'password123', '/vendor/');

# profile(USER, display_name => ..., photo => [BYTES, FILENAME, CTYPE]):
# the profile form as the vendor's browser sends it back.
sub profile {
	my ($user, %f) = @_;
	my $r = $m{$user}->get($stack->url('/vendor/profile'));
	my $form = $m{$user}->form_with_fields('pincodes');
	my @content = (csrf_token => $stack->csrf($m{$user}),
	    pincodes => $form->value('pincodes'),
	    map({ (categories => $_) } grep { defined }
	    map { $_->value } grep { ($_->name // '') eq 'categories' } $form->inputs),
	    display_name => $f{display_name} // $form->value('display_name'));
	push @content, photo => [undef, $f{photo}[1], 'Content-Type' =>
	    $f{photo}[2], Content => $f{photo}[0]] if $f{photo};
	return $m{$user}->post($stack->url('/vendor/profile'),
	    Content_Type => 'form-data', Content => \@content);
}
sub face { $stack->sql('SELECT display_name, photo, photo_width, photo_height, '
    . 'photo_thumb_width, photo_thumb_height FROM vendor_profiles '
    . 'WHERE user_id = ?', $uid{$_[0]})->[0] }

$res = $m{vendor1}->get($stack->url('/vendor/profile'));
like($res->decoded_content, qr{Customers now see “vendor1”},
    'before a display name, the profile says customers see the username');

$res = profile('vendor1', display_name => 'Ravi Kumar',
    photo => [$img{jpeg}, 'me.jpg', 'image/jpeg']);
is($res->code, 303, 'vendor1 sets a display name and a photo: 303');
my $face = face('vendor1');
is($face->{display_name}, 'Ravi Kumar', '... the display name saved');
like($face->{photo}, qr/^[0-9a-f]{32}\z/, '... a photo key');
is("$face->{photo_width}x$face->{photo_height} $face->{photo_thumb_width}x$face->{photo_thumb_height}",
    '300x200 96x64', '... 300 x 200 (never enlarged) and 96 x 64');
ok(-f "$media/$face->{photo}-l.webp" && -f "$media/$face->{photo}-s.webp",
    '... both sizes stored');
is_deeply([sort map { $_->{vendor_id} . ':' . $_->{category} }
    @{ $stack->sql('SELECT * FROM vendor_categories WHERE vendor_id = ?',
    $uid{vendor1}) }], [sort map { "$uid{vendor1}:$_" }
    qw(ac plumbing electrical cleaning appliance)],
    '... the categories kept');
$res = $m{vendor1}->get($stack->url('/vendor/profile'));
like($res->decoded_content, qr{<img class="face" src="/media/$face->{photo}-s\.webp" width="96" height="64" alt="Your current photo">},
    '... the profile shows the current photo');

# Bad photos: 422, the form again with the name as typed, nothing changed.
for my $bad (['a text file named .jpg', "hello\n", 'x.jpg', 'image/jpeg'],
    ['a GIF', $img{gif}, 'x.gif', 'image/gif'],
    ['a header bomb', $bomb_png, 'b.png', 'image/png']) {
	@before = media_files();
	$res = profile('vendor1', display_name => 'Ravi K.',
	    photo => [@$bad[1 .. 3]]);
	is($res->code, 422, "vendor photo: $bad->[0]: 422");
	like($res->decoded_content, qr{<p class="error" id="photo-error">},
	    '... says why beside the photo field');
	like($res->decoded_content, qr{id="display_name" name="display_name" value="Ravi K\."},
	    '... the name kept as typed');
	is_deeply([media_files()], \@before, '... nothing stored');
	is_deeply(face('vendor1'), $face, '... the profile unchanged');
}
$res = profile('vendor1', display_name => 'R' x 61);
is($res->code, 422, 'a display name of 61 characters: 422');

# Another vendor changes only their own profile.
$res = profile('vendor2', display_name => 'Cool Air',
    photo => [$img{png}, 'logo.png', 'image/png']);
is($res->code, 303, 'vendor2 saves their own profile');
is_deeply(face('vendor1'), $face, "... vendor1's name and photo untouched");
is(face('vendor2')->{display_name}, 'Cool Air', "... vendor2's saved");
$res = $m{vendor2}->post($stack->url("/vendors/$uid{vendor1}"),
    Content_Type => 'form-data', Content => [csrf_token =>
    $stack->csrf($m{vendor2}) // '', display_name => 'Hijacked']);
isnt($res->code, 303, 'posting to vendor1\'s public page changes nothing ('
    . $res->code . ')');
is(face('vendor1')->{display_name}, 'Ravi Kumar', '... still Ravi Kumar');

# --- customers see the display name, never the username ---------------------

$res = $m{customer1}->get($stack->url("/vendors/$uid{vendor1}"));
is($res->code, 200, "vendor1's public page");
$html = $res->decoded_content;
like($html, qr{<h1>Ravi Kumar</h1>}, '... headed with the display name');
like($html, qr{<img src="/media/$face->{photo}-l\.webp" width="300" height="200" alt="Photo of Ravi Kumar">},
    '... the photo');
like($html, qr{No reviews yet · 0 jobs done}, '... rating and jobs');
unlike($html, qr{vendor1}, '... and no username');

# A booking of customer1's that vendor1 accepted, with its timeline and a review.
my $booking = $stack->sql_value(q{INSERT INTO bookings (customer_id, vendor_id,
    service_id, category, address, pincode, scheduled_at, duration_minutes,
    price_paise, notes, status, created_at, updated_at) VALUES (?, ?, 1, 'ac',
    '12 Janpath, New Delhi', '110001', ?, 90, 50000, '', 'paid', ?, ?);
    SELECT last_insert_rowid() AS id}, $uid{customer1}, $uid{vendor1},
    $T - 86400, $T - 2 * 86400, $T);
$stack->sql(q{INSERT INTO booking_events (booking_id, from_status, to_status,
    actor_id, at) VALUES (?, 'pending', 'accepted', ?, ?)}, $booking,
    $uid{vendor1}, $T - 2 * 86400);
$stack->sql(q{INSERT INTO reviews (booking_id, service_id, vendor_id,
    customer_id, rating, comment, created_at) VALUES (?, 1, ?, ?, 5,
    'Quick and tidy', ?)}, $booking, $uid{vendor1}, $uid{customer1}, $T);

$res = $m{customer1}->get($stack->url("/bookings/$booking"));
is($res->code, 200, 'the booking page');
$html = $res->decoded_content;
like($html, qr{<img class="face" src="/media/$face->{photo}-s\.webp" width="96" height="64" alt="Photo of Ravi Kumar"> <a href="/vendors/$uid{vendor1}">Ravi Kumar</a> · rated 5\.0 of 5 \(1 review\) · 1 job done},
    '... the vendor panel: photo, display name, rating and jobs');
like($html, qr{by Ravi Kumar}, '... the timeline names the display name');
unlike($html, qr{vendor1}, '... never the username');

$res = $m{anon}->get($stack->url('/services/1'));
like($res->decoded_content, qr{for vendor <img class="face small" src="/media/$face->{photo}-s\.webp" width="96" height="64" alt=""><a href="/vendors/$uid{vendor1}">Ravi Kumar</a>},
    'the review on the service page shows the vendor\'s photo and display name');
unlike($res->decoded_content, qr{vendor1}, '... never the username');

$res = $m{customer1}->get($stack->url('/bookings/new?service_id=1'));
is($res->code, 200, 'the booking form');
$html = $res->decoded_content;
like($html, qr{<label for="vendor_id-$uid{vendor1}"><img class="face" src="/media/$face->{photo}-s\.webp" width="96" height="64" alt=""> <strong>Ravi Kumar</strong> · rated 5\.0 of 5 \(1 review\) · 1 job done},
    '... offers Ravi Kumar with photo, rating and jobs');
like($html, qr{<strong>Cool Air</strong>}, '... and vendor2 by their display name');
unlike($html, qr{vendor[12]\b(?!_)}, '... never a username');

# Until a display name is set, the name from the application, then the username.
$stack->sql(q{UPDATE vendor_profiles SET display_name = '', business_name = 'Kumar Cooling' WHERE user_id = ?}, $uid{vendor1});
like($m{anon}->get($stack->url("/vendors/$uid{vendor1}"))->decoded_content,
    qr{<h1>Kumar Cooling</h1>}, 'without a display name: the business name');
$stack->sql(q{UPDATE vendor_profiles SET business_name = '' WHERE user_id = ?}, $uid{vendor1});
like($m{anon}->get($stack->url("/vendors/$uid{vendor1}"))->decoded_content,
    qr{<h1>vendor1</h1>}, '... without either: the username');

$stack->finish;
done_testing;
