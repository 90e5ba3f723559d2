# 45-photos.t: before/after photo uploads (multipart) and the access-checked photo URL, with hostile files and bodies; nothing half-stored.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;
use HomeServe::Images;

my $stack = start_stack();
my $uploads = $stack->data . '/uploads';

# --- images (HomeServe::Images) ---
my $JPEG = test_jpeg();
my $PNG = test_png();

# --- people and bookings, set up directly ----------------------------------

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };

my %m;
for my $who (['customer1', '/'], ['vendor1', '/vendor/'], ['ops_mgr', '/ops/'],
    ['admin', '/admin/']) {
	my ($user, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user,
	    $user eq 'admin' ? 'admin123' : 'password123', $home);
}
$m{customer2} = $stack->mech;
$m{customer2}->get($stack->url('/register'));
is($stack->post_form($m{customer2}, '/register', { username => 'customer2',
    email => 'c2@example.com', phone => '9812345678',
    password => 'Plumb-line-42', password_confirm => 'Plumb-line-42',
    address => '7 Park Street, Delhi', pincode => '110002' })->code, 303,
    'customer2 registers');
$m{anon} = $stack->mech;

# Another vendor, who never signs in: only their job matters.
$stack->sql("INSERT INTO users (username, email, phone, password_hash, role, "
    . "created_at, updated_at) VALUES ('vendor9', 'v9\@example.com', '', 'x', "
    . "'vendor', unixepoch(), unixepoch())");
$uid{vendor9} = $stack->sql_value("SELECT id FROM users WHERE username = 'vendor9'");

# booking(STATUS, VENDOR): a booking of customer1's for AC Repair in
# 110001 tomorrow; returns its id.
sub booking {
	my ($status, $vendor) = @_;
	return $stack->sql_value('INSERT INTO bookings (customer_id, vendor_id, '
	    . 'service_id, category, address, pincode, scheduled_at, '
	    . 'duration_minutes, price_paise, notes, status, created_at, '
	    . 'updated_at) SELECT ?, ?, id, category, ?, ?, unixepoch() + 86400, '
	    . 'duration_minutes, price_paise, ?, ?, unixepoch(), unixepoch() '
	    . 'FROM services WHERE id = 1; SELECT last_insert_rowid() AS id',
	    $uid{customer1}, $vendor, '12 Janpath, New Delhi', '110001', '',
	    $status);
}
my $job = booking('in_progress', $uid{vendor1});
my $pending = booking('pending', undef);
my $accepted = booking('accepted', $uid{vendor1});
my $completed = booking('completed', $uid{vendor1});
my $theirs = booking('in_progress', $uid{vendor9});
ok($job && $pending && $accepted && $completed && $theirs,
    'five bookings set up');

# --- what is stored ----------------------------------------------------------

sub files {
	opendir(my $dh, $uploads) or die "$uploads: $!";
	# media/ holds the public pictures (sql/033), not photos.
	my @f = sort grep { !/^\./ && $_ ne 'media' } readdir $dh;
	closedir $dh;
	return @f;
}
sub rows { $stack->sql_value('SELECT count(*) FROM photos') }

sub read_bytes {
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or return undef;
	local $/;
	return scalar <$fh>;
}

# --- uploading -------------------------------------------------------------

# The CSRF token of each signed-in session, from a page that has one.
my %csrf;
for my $user (qw(customer1 vendor1)) {
	$m{$user}->get($stack->url($user eq 'vendor1' ? '/vendor/' : '/'));
	$csrf{$user} = $stack->csrf($m{$user});
	ok($csrf{$user}, "$user has a CSRF token");
}

# upload(USER, BOOKING, data => BYTES, filename => ..., ctype => ...,
# type => before|after, description => ...): POST the multipart form.
sub upload {
	my ($user, $id, %f) = @_;
	my @content = (csrf_token => $csrf{$user} // '',
	    image_type => $f{type} // 'before');
	push @content, description => $f{description}
	    if defined $f{description};
	push @content, image => [undef, $f{filename} // 'photo.jpg',
	    'Content-Type' => $f{ctype} // 'image/jpeg', Content => $f{data}]
	    if defined $f{data};
	return $m{$user}->post($stack->url("/vendor/bookings/$id/photos"),
	    Content_Type => 'form-data', Content => \@content);
}

my @files = files();
is(scalar @files, 0, 'no uploads yet');

my $res = upload('vendor1', $job, data => $JPEG, filename => 'IMG_0001.JPG',
    description => 'The old compressor, before the work');
is($res->code, 303, 'vendor1 uploads a JPEG before photo: 303');
is($res->header('Location'), "/vendor/bookings/$job?notice=photo-added",
    '... back to the job with the notice');
my $before = $stack->sql('SELECT * FROM photos ORDER BY id DESC LIMIT 1')->[0];
is($before->{booking_id}, $job, '... a row for the booking');
is($before->{kind}, 'before', '... kind before');
is($before->{content_type}, 'image/jpeg', '... recognised as JPEG');
is($before->{size}, length $JPEG, '... its size');
is($before->{description}, 'The old compressor, before the work',
    '... its description');
is($before->{uploaded_by}, $uid{vendor1}, '... uploaded by vendor1');
like($before->{file}, qr/^[0-9a-f]{32}\.jpg\z/,
    '... stored under a random name, not the client\'s');
is(read_bytes("$uploads/$before->{file}"), $JPEG, '... the exact bytes on disk');
is((stat "$uploads/$before->{file}")[2] & 07777, 0640, '... mode 0640');
is($stack->sql_value("SELECT count(*) FROM audit_log WHERE action = 'photo.add' "
    . "AND entity = 'photo' AND entity_id = ? AND actor_id = ?", $before->{id},
    $uid{vendor1}), 1, '... with its audit row');

$res = upload('vendor1', $job, data => $PNG, filename => 'after.png',
    ctype => 'image/png', type => 'after');
is($res->code, 303, 'vendor1 uploads a PNG after photo: 303');
my $after = $stack->sql('SELECT * FROM photos ORDER BY id DESC LIMIT 1')->[0];
is($after->{kind}, 'after', '... kind after');
is($after->{content_type}, 'image/png', '... recognised as PNG');
like($after->{file}, qr/^[0-9a-f]{32}\.png\z/, '... a .png name');
is(read_bytes("$uploads/$after->{file}"), $PNG, '... the exact bytes on disk');

$res = upload('vendor1', $job, data => $PNG, filename => 'looks.jpg',
    ctype => 'image/jpeg', type => 'after');
is($res->code, 303, 'a PNG sent as photo.jpg with image/jpeg is accepted');
my $renamed = $stack->sql('SELECT * FROM photos ORDER BY id DESC LIMIT 1')->[0];
is($renamed->{content_type}, 'image/png',
    '... as the PNG its bytes say, not what the client said');
like($renamed->{file}, qr/\.png\z/, '... under .png');

$res = $m{vendor1}->get($stack->url("/vendor/bookings/$job?notice=photo-added"));
is($res->code, 200, 'the job page after an upload');
like($res->decoded_content, qr/Photo added\./, '... says "Photo added."');

# --- who may see a photo -----------------------------------------------------

my $url = "/photos/$before->{id}";
for my $user (qw(customer1 vendor1 ops_mgr admin)) {
	$res = $m{$user}->get($stack->url($url));
	is($res->code, 200, "$user may see the photo");
	is($res->header('Content-Type'), 'image/jpeg', '... as image/jpeg');
	ok($res->content eq $JPEG, '... the exact bytes');
}
is($res->header('Cache-Control'), 'private, max-age=3600',
    'the photo may be cached privately for an hour');
is($res->header('X-Content-Type-Options'), 'nosniff', '... with nosniff');
is($res->header('X-Accel-Redirect'), undef,
    '... no X-Accel-Redirect reaches the client');
ok(($res->header('Accept-Ranges') // '') eq 'bytes' && $res->header('ETag'),
    '... nginx sent the file itself (Accept-Ranges and ETag)');
$res = $m{customer1}->get($stack->url("/photos/$after->{id}"));
ok($res->code == 200 && $res->header('Content-Type') eq 'image/png'
    && $res->content eq $PNG, 'the PNG, as image/png, exactly');

$res = $m{customer2}->get($stack->url($url));
is($res->code, 404, 'another customer gets 404');
unlike($res->content, qr/JFIF/, '... and none of the photo');
$res = $m{anon}->get($stack->url($url));
is($res->code, 303, 'a visitor is sent to sign in');
is($res->header('Location'), "/login?next=/photos/$before->{id}",
    '... and back to the photo afterwards');
is($m{customer1}->get($stack->url('/photos/999999'))->code, 404,
    'a photo that does not exist is 404');
is($m{customer1}->get($stack->url('/_protected/' . $before->{file}))->code,
    404, 'the internal location cannot be fetched directly');

# The same photo from the booking area run as plain CGI: streamed by itself.
{
	my $cookie = $m{customer1}->cookie_jar->as_string =~ /hs_session=([^;]+)/
	    ? $1 : '';
	my ($rc, $out) = run_command([build_dir() . '/cgi-bin/booking'],
	    env => { $stack->env, REQUEST_METHOD => 'GET',
	    REQUEST_URI => $url, PATH_INFO => $url, QUERY_STRING => '',
	    HTTP_COOKIE => "hs_session=$cookie", REMOTE_ADDR => '127.0.0.1',
	    GATEWAY_INTERFACE => 'CGI/1.1' });
	my ($head, $body) = split /\r\n\r\n/, $out, 2;
	like($head // '', qr/^Status: 200 OK\r\n/, 'plain CGI: 200');
	like($head // '', qr/^Content-Type: image\/jpeg\r$/m,
	    'plain CGI: image/jpeg');
	unlike($head // '', qr/X-Accel-Redirect/, 'plain CGI: no X-Accel-Redirect');
	ok(defined $body && $body eq $JPEG, 'plain CGI: the exact bytes streamed');
}

# --- refusals: each stores nothing -----------------------------------------

# refused(RESPONSE, STATUS, WHAT, qr/sentence/): the status, the sentence,
# and no new row or file.
sub refused {
	my ($r, $status, $what, $says) = @_;
	state_is(rows(), [files()], $what);
	is($r->code, $status, "$what: $status");
	like($r->decoded_content, $says, "$what: says why") if $says;
}
my ($nrows, @nfiles);
sub snapshot { $nrows = rows(); @nfiles = files(); }
sub state_is {
	my ($now_rows, $now_files, $what) = @_;
	is($now_rows, $nrows, "$what: no new row");
	is_deeply($now_files, \@nfiles, "$what: no new file");
}
snapshot();
is(scalar @nfiles, 3, 'three photos stored so far');

refused(upload('vendor1', $job, data => "<?php system(\$_GET['c']); ?>\n",
    filename => 'shell.php', ctype => 'application/x-php'), 422,
    'a .php file', qr/not a photo/);
refused(upload('vendor1', $job, data => "<!DOCTYPE html>\n<html><body>"
    . "<script>alert(1)</script></body></html>\n", filename => 'x.jpg',
    ctype => 'image/jpeg'), 422, 'an HTML file renamed x.jpg',
    qr/not a photo: choose a JPEG, PNG or WebP image/);
refused(upload('vendor1', $job, data => "GIF89a\x01\0\x01\0\x80\0\0\xff\xff"
    . "\xff\0\0\0!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;",
    filename => 'a.gif', ctype => 'image/gif'), 422, 'a GIF', qr/not a photo/);
refused(upload('vendor1', $job, data => '', filename => 'empty.jpg'), 422,
    'an empty file', qr/empty/);
my $big = test_jpeg(size => 6_000_000);
cmp_ok(length $big, '>', 6_000_000, 'a 6 MB JPEG is made');
$res = upload('vendor1', $job, data => $big, filename => 'big.jpg');
refused($res, 422, 'a 6 MB image', qr/too large: at most 5 MB/);
like($res->header('Content-Type'), qr{^text/html}, '... the app\'s page, not nginx\'s');
refused(upload('vendor1', $job, data => $JPEG,
    filename => '../../etc/passwd.jpg'), 422, 'a path in the file name',
    qr/must not contain a folder path/);
refused(upload('vendor1', $job, data => $JPEG,
    filename => 'C:\\Users\\me\\photo.jpg'), 422,
    'a Windows path in the file name', qr/folder path/);
refused(upload('vendor1', $job, type => 'during', data => $JPEG), 422,
    'image_type neither before nor after', qr/before or after/);
refused(upload('vendor1', $job), 422, 'no file at all',
    qr/Choose a photo to upload/);
refused(upload('vendor1', $job, data => $JPEG, description => 'd' x 301), 422,
    'a description of 301 characters', qr/at most 300 characters/);
refused($stack->post_form($m{vendor1}, "/vendor/bookings/$job/photos",
    { image_type => 'before' }, csrf => $csrf{vendor1}), 422,
    'a urlencoded form without the file', qr/Choose a photo/);
refused(upload('customer1', $job, data => $JPEG), 403,
    'a customer calling the upload URL');
refused(upload('vendor1', $theirs, data => $JPEG), 404,
    'vendor1 uploading to another vendor\'s job');
refused(upload('vendor1', 999999, data => $JPEG), 404,
    'vendor1 uploading to a job that does not exist');
refused(upload('vendor1', $pending, data => $JPEG), 409,
    'a before photo on a pending booking', qr/only after the job has started/);
refused(upload('vendor1', $accepted, data => $JPEG), 409,
    'a before photo on an accepted job not yet started', qr/In progress|started/);
refused(upload('vendor1', $completed, type => 'after', data => $JPEG), 409,
    'an after photo on a completed job', qr/before it is completed/);
{
	my $token = $csrf{vendor1};
	local $csrf{vendor1} = 'x' . $token;
	refused(upload('vendor1', $job, data => $JPEG), 403,
	    'an upload without the right CSRF token');
}

# A truncated multipart body: the final boundary never comes.
{
	my $cookie = $m{vendor1}->cookie_jar->as_string =~ /hs_session=([^;]+)/
	    ? $1 : '';
	my $body = "--B\r\nContent-Disposition: form-data; name=\"csrf_token\""
	    . "\r\n\r\n$csrf{vendor1}\r\n--B\r\nContent-Disposition: form-data; "
	    . "name=\"image_type\"\r\n\r\nbefore\r\n--B\r\nContent-Disposition: "
	    . "form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: "
	    . "image/jpeg\r\n\r\n" . substr($JPEG, 0, 80);
	$res = $stack->raw_http("POST /vendor/bookings/$job/photos HTTP/1.1\r\n"
	    . "Host: 127.0.0.1\r\nCookie: hs_session=$cookie\r\n"
	    . "Content-Type: multipart/form-data; boundary=B\r\n"
	    . 'Content-Length: ' . length($body) . "\r\nConnection: close\r\n\r\n"
	    . $body);
	refused($res, 400, 'a truncated multipart body',
	    qr/The upload arrived incomplete or malformed\./);
}

# At most 10 photos of a kind: 9 more before photos fit, the 11th does not.
for my $i (2 .. 10) {
	upload('vendor1', $job, data => $JPEG, filename => "b$i.jpg");
}
is($stack->sql_value("SELECT count(*) FROM photos WHERE booking_id = ? AND "
    . "kind = 'before'", $job), 10, 'ten before photos stored');
snapshot();
refused(upload('vendor1', $job, data => $JPEG, filename => 'b11.jpg'), 409,
    'an 11th before photo', qr/already has 10 before photos/);
is(upload('vendor1', $job, type => 'after', data => $JPEG)->code, 303,
    'after photos still have room');

$stack->finish;
done_testing();
