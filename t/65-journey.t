# 65-journey.t: the whole booking journey of issue 3 through the real pages and forms, as customer1 and vendor1 on the sample data: book, accept, start code, photos, complete, sign, review, messages, notifications.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use POSIX qw(strftime);
use Test::More;
use HomeServe::Test;
use HomeServe::Images;

my $stack = start_stack();
$stack->relax_booking_rules;

# --- small helpers -----------------------------------------------------------

# The form of the mech's current page whose action ends in PATH, selected
# as a browser user would pick it; a failed test when there is none.
sub pick_form {
	my ($mech, $path, $what) = @_;
	my $form = $mech->form_action(qr{\Q$path\E\z});
	ok($form, "$what: the page has the form for $path")
	    or diag('forms: ' . join(', ', map { $_->action } $mech->forms));
	return $form;
}

# Press the submit button labelled LABEL in the selected form (buttons
# here carry their label as text, not as a value HTML::Form can match).
sub press {
	my ($mech, $label) = @_;
	my $form = $mech->current_form;
	my $action = $form ? $form->action->path : '';
	my ($html) = $mech->content =~ m{(<form[^>]*action="\Q$action\E".*?</form>)}s;
	ok(defined $html && $html =~ m{<button type="submit"[^>]*>\Q$label\E<},
	    "the form has a \"$label\" button");
	return $mech->click;
}

# After a form: the 303 and where it leads (LOCATION, a regex), then the
# page there, fetched as a browser would.  Returns that page's response.
sub followed {
	my ($mech, $res, $where, $what) = @_;
	my $loc = $res->header('Location') // '';
	is($res->code, 303, "$what: 303")
	    or diag(h1_of($res) // $res->status_line);
	like($loc, $where, "$what: to $loc");
	return $res if $loc eq '';
	$res = $mech->get($stack->url($loc));
	is($res->code, 200, "$what: GET $loc is 200");
	return $res;
}

# The unread count in the page header (0 when there is no badge).
sub unread_of {
	my ($res) = @_;
	return $res->decoded_content =~ m{<span class="badge">(\d+)<} ? $1 : 0;
}

# The plain text of the section of PAGE whose heading has id HEADING.
sub section_of {
	my ($res, $heading) = @_;
	my ($s) = $res->decoded_content
	    =~ m{(<section[^>]*aria-labelledby="\Q$heading\E".*?</section>)}s;
	return $s // '';
}

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
ok($uid{customer1} && $uid{vendor1}, 'the sample data has customer1 and vendor1');
my $service_id = $stack->sql_value(
    q{SELECT id FROM services WHERE name = 'AC Repair'});
is($service_id, 1, 'AC Repair is service 1 in the sample data');
my $when = local_time(1, '11:00');
my $notes = 'Gate code 42; the indoor unit drips.';

# --- customer1 signs in and finds the service ---------------------------------

my $c = $stack->mech;
$stack->login_ok($c, 'customer1', 'password123', '/');
my $res = $c->get($stack->url('/'));
is($res->code, 200, 'customer1: the home page');
is(unread_of($res), 0, 'customer1 starts with no unread notifications');

ok($c->find_link(url => '/services', text => 'Services'),
    'the header links to /services');
$res = $c->follow_link(url => '/services', text => 'Services');
is($res && $res->code, 200, 'customer1 opens /services');
is(h1_of($res), 'Services', '... the catalogue');
like($res->decoded_content, qr{<a href="/services/$service_id">AC Repair</a>},
    '... lists AC Repair');

$res = $c->follow_link(text => 'AC Repair');
is($res && $res->code, 200, 'customer1 follows AC Repair');
is($c->uri->path, "/services/$service_id", "... to /services/$service_id");
is(h1_of($res), 'AC Repair', '... the service page');
like($res->decoded_content, qr{<dd class="price">₹500</dd>}, '... with its price');
like(section_of($res, 'reviews-heading'), qr{No reviews yet\.},
    '... and no reviews yet');

my $book = $c->find_link(url => "/bookings/new?service_id=$service_id");
ok($book, 'the service page has a booking link to '
    . "/bookings/new?service_id=$service_id")
    or diag('BUG: templates/service.tpl / cgi-bin/booking-catalog.c show '
    . 'no "Book this service" link to a signed-in customer');
is($book && $book->text, 'Book this service', '... saying "Book this service"');
$res = $book ? $c->follow_link(url => $book->url)
    : $c->get($stack->url("/bookings/new?service_id=$service_id"));

# --- the booking form -----------------------------------------------------------

is($res->code, 200, 'the booking form');
is(h1_of($res), 'Book a service', '... titled "Book a service"');
like(section_of($res, 'service-heading'), qr{AC Repair.*₹500}s,
    '... naming the service and its price');
my $form = pick_form($c, '/bookings/new', 'the booking form');
SKIP: {
	skip 'no booking form', 6 unless $form;
	is($form->value('service_id'), $service_id, '... for service 1');
	is($form->value('address'), '12 Janpath, Connaught Place, New Delhi',
	    '... the address pre-filled from the default saved address');
	is($form->value('pincode'), '110001', '... and the pincode');
	my $input = $form->find_input('scheduled_date');
	is($input && $input->type, 'datetime-local',
	    '... the date is a datetime-local picker');
	$c->field(pincode => '110001');
	$c->field(scheduled_date => $when);
	$c->field(notes => $notes);
	$res = press($c, 'Book now');
	$res = followed($c, $res, qr{^/bookings/\d+\z}, 'Book now');
}
my ($id) = $c->uri->path =~ m{^/bookings/(\d+)\z};
ok($id, "customer1 lands on /bookings/{id}")
    or BAIL_OUT('no booking was made; the rest of the journey needs it');

is(h1_of($res), "Booking #$id: AC Repair", 'the booking page names it');
like($res->decoded_content,
    qr{<span class="status status-pending">Waiting for a vendor</span>},
    '... "Waiting for a vendor"');
like($res->decoded_content, qr{Waiting for a vendor to accept},
    '... no vendor yet');
like($res->decoded_content, qr{11:00 am|11:00}, '... at 11:00');
like($res->decoded_content, qr{\Q$notes\E}, '... with the notes');
like($res->decoded_content, qr{<dd class="price">₹500</dd>}, '... at ₹500');
unlike($res->decoded_content, qr{class="otp"}, '... no start code yet');
my $row = $stack->sql('SELECT * FROM bookings WHERE id = ?', $id)->[0];
is($row->{status}, 'pending', 'the stored booking is pending');
is($row->{customer_id}, $uid{customer1}, '... belongs to customer1');
is($row->{service_id}, $service_id, '... for AC Repair');
is($row->{pincode}, '110001', '... in 110001');
is($row->{price_paise}, 50000, '... at the catalogue price');
is(strftime('%Y-%m-%dT%H:%M', gmtime($row->{scheduled_at} + 19800)), $when,
    '... at tomorrow 11:00 India Standard Time');

$res = $c->follow_link(url => '/bookings', text => 'My bookings');
is($res && $res->code, 200, 'customer1: My bookings');
like($res->decoded_content, qr{href="/bookings/$id"}, '... lists the booking');

# --- vendor1 takes the job ------------------------------------------------------

my $v = $stack->mech;
$stack->login_ok($v, 'vendor1', 'password123', '/vendor/');
$res = $v->get($stack->url('/vendor/'));
is($res->code, 200, 'vendor1: the dashboard');
$res = $v->follow_link(url => '/vendor/jobs', text => 'Job board');
is($res && $res->code, 200, 'vendor1 opens the job board');
is(h1_of($res), 'Job board', '... /vendor/jobs');
like($res->decoded_content, qr{<a href="/vendor/bookings/$id">#$id AC Repair</a>},
    '... shows the new job');
like($res->decoded_content, qr{Pincode 110001}, '... in 110001');
unlike($res->decoded_content, qr{\Q12 Janpath\E}, '... without the address yet');

$res = $v->follow_link(url => "/vendor/bookings/$id");
is($res && $res->code, 200, 'vendor1 opens the job');
is(h1_of($res), "Job #$id: AC Repair", '... the job page');
pick_form($v, "/vendor/bookings/$id/accept", 'the pending job');
$res = press($v, 'Accept job');
$res = followed($v, $res, qr{^/vendor/bookings/$id\?notice=accepted\z},
    'Accept job');
like($res->decoded_content, qr{The job is yours\. The customer has been told\.},
    '... the notice');
like($res->decoded_content, qr{status-accepted">Accepted<}, '... Accepted');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'accepted',
    'the booking is accepted');
is($stack->sql_value('SELECT vendor_id FROM bookings WHERE id = ?', $id),
    $uid{vendor1}, '... by vendor1');
unlike($v->get($stack->url('/vendor/jobs'))->decoded_content,
    qr{href="/vendor/bookings/$id"}, 'the job has left the board');

# --- customer1 sees the acceptance and the start code ----------------------------

$res = $c->get($stack->url("/bookings/$id"));
is($res->code, 200, 'customer1 reloads the booking');
is(unread_of($res), 1, 'the header count went up to 1 after the accept');
like($res->decoded_content, qr{status-accepted">Accepted<}, '... Accepted');
like($res->decoded_content,
    qr{<a href="/vendors/$uid{vendor1}">vendor1</a>}, '... by vendor1');
my ($code) = $res->decoded_content =~ m{<p class="otp">(\d{6})</p>};
ok($code, 'customer1 sees the 6-digit start code');
$res = $c->follow_link(url => '/notifications');
is($res && $res->code, 200, 'customer1 opens the notifications');
like($res->decoded_content,
    qr{Booking #$id \(AC Repair\) was accepted by a vendor\.},
    '... which say the booking was accepted');

# --- one message each way -------------------------------------------------------

$res = $c->get($stack->url("/bookings/$id"));
pick_form($c, "/bookings/$id/messages", 'the customer\'s thread');
$c->field(body => 'Please ring the bell twice.');
$res = press($c, 'Send');
$res = followed($c, $res, qr{^/bookings/$id(?:\?|#|\z)}, 'customer1 sends a message');
like(section_of($res, 'messages'), qr{Please ring the bell twice\.},
    '... it is in the thread');

$res = $v->get($stack->url("/vendor/bookings/$id"));
like(section_of($res, 'messages'), qr{Please ring the bell twice\.},
    'vendor1 reads it on the job page');
pick_form($v, "/vendor/bookings/$id/messages", 'the vendor\'s thread');
$v->field(body => 'On my way, 10 minutes.');
$res = press($v, 'Send');
$res = followed($v, $res, qr{^/vendor/bookings/$id(?:\?|#|\z)},
    'vendor1 answers');
like(section_of($res, 'messages'),
    qr{Please ring the bell twice\..*On my way, 10 minutes\.}s,
    '... both messages, oldest first');
$res = $c->get($stack->url("/bookings/$id"));
like(section_of($res, 'messages'),
    qr{<strong>customer1</strong>.*Please ring the bell twice\..*<strong>vendor1</strong>.*On my way, 10 minutes\.}s,
    'customer1 sees both, each with its author');
is($stack->sql_value('SELECT count(*) FROM messages WHERE booking_id = ?', $id),
    2, 'two messages are stored');

# --- vendor1 starts the job with the code ---------------------------------------

$res = $v->get($stack->url("/vendor/bookings/$id"));
pick_form($v, "/vendor/bookings/$id/start", 'the accepted job');
$v->field(otp => $code // '');
$res = press($v, 'Start job');
$res = followed($v, $res, qr{^/vendor/bookings/$id\?notice=started\z},
    'Start job with the code');
like($res->decoded_content, qr{The job has started\.}, '... the notice');
like($res->decoded_content, qr{status-in_progress">In progress<}, '... In progress');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id),
    'in_progress', 'the booking is in progress');

# --- before and after photos ----------------------------------------------------

my %photo = (before => ['before.jpg', 'image/jpeg', test_jpeg(), 'Dripping indoor unit'],
    after => ['after.png', 'image/png', test_png(), 'Drain pipe cleared']);
for my $kind (qw(before after)) {
	my ($name, $type, $bytes, $desc) = @{ $photo{$kind} };
	$form = pick_form($v, "/vendor/bookings/$id/photos", "the $kind photo");
	next unless $form;
	is($form->enctype, 'multipart/form-data', '... a multipart form');
	$v->field(image_type => $kind);
	$v->field(description => $desc);
	my $file = $form->find_input('image');
	$file->filename($name);
	$file->content($bytes);
	$file->headers('Content-Type' => $type);
	$res = press($v, 'Upload photo');
	$res = followed($v, $res,
	    qr{^/vendor/bookings/$id\?notice=photo-added\z},
	    "vendor1 uploads the $kind photo ($type)");
	like($res->decoded_content, qr{Photo added\.}, '... "Photo added."');
	like(section_of($res, 'photos-heading'), qr{\Q$desc\E},
	    '... it shows with its description');
}
my $photos = $stack->sql('SELECT id, kind, content_type, size FROM photos '
    . 'WHERE booking_id = ? ORDER BY id', $id);
is_deeply([map { "$_->{kind} $_->{content_type}" } @$photos],
    ['before image/jpeg', 'after image/png'],
    'a before JPEG and an after PNG are stored');

# --- complete, then ask for the signature ---------------------------------------

$res = $v->get($stack->url("/vendor/bookings/$id"));
pick_form($v, "/vendor/bookings/$id/complete", 'the started job');
$res = press($v, 'Mark the job completed');
$res = followed($v, $res, qr{^/vendor/bookings/$id\?notice=completed\z},
    'vendor1 completes the job');
like($res->decoded_content, qr{The job is completed\. Ask the customer to sign\.},
    '... the notice');
like($res->decoded_content, qr{status-completed">Completed<}, '... Completed');
pick_form($v, "/vendor/bookings/$id/request-signature", 'the completed job');
$res = press($v, 'Ask the customer to sign');
$res = followed($v, $res,
    qr{^/vendor/bookings/$id\?notice=signature-requested\z},
    'vendor1 asks for the signature');
like($res->decoded_content, qr{The customer has been asked to sign\.}, '... the notice');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id),
    'signature_requested', 'the booking waits for the signature');
my $sid = $stack->sql_value('SELECT id FROM signatures WHERE booking_id = ?', $id);
ok($sid, 'a signature request exists');

# --- customer1 sees the photos and signs ----------------------------------------

$res = $c->get($stack->url("/bookings/$id"));
like($res->decoded_content,
    qr{status-signature_requested">Waiting for your signature<},
    'customer1: "Waiting for your signature"');
for my $p (@$photos) {
	like(section_of($res, 'photos-heading'), qr{<img src="/photos/$p->{id}"},
	    "customer1 sees the $p->{kind} photo");
	my $img = $c->get($stack->url("/photos/$p->{id}"));
	is($img->code, 200, "... GET /photos/$p->{id} is 200");
	is($img->header('Content-Type'), $p->{content_type}, "... as $p->{content_type}");
	is($img->content, $photo{ $p->{kind} }[2], '... the uploaded bytes');
}
$c->get($stack->url("/bookings/$id"));
ok($c->find_link(url => "/signatures/$sid/sign", text => 'Check the work and pay'),
    "the booking page links to /signatures/$sid/sign: \"Check the work and pay\"");
$res = $c->follow_link(url => "/signatures/$sid/sign");
is($res && $res->code, 200, 'customer1 opens the sign page');
is(h1_of($res), "Check the work and pay: booking #$id, AC Repair", '... for this booking');
like(section_of($res, 'photos-heading'), qr{<img src="/photos/}, '... with the photos');
pick_form($c, "/signatures/$sid/sign", 'the sign page');
$c->field(satisfaction_rating => 5);
$c->field(comments => 'Quick, tidy and polite — thank you!');
$c->field(name => 'Asha Rao');
$c->field(card_number => '4242 4242 4242 4242');
$c->field(expiry => POSIX::strftime('%m/%y', localtime(time + 3 * 365 * 86400)));
$c->field(cvv => '123');
$res = press($c, 'Sign and pay ₹500');
$res = followed($c, $res, qr{^/bookings/$id\?notice=signed-paid\z}, 'customer1 signs and pays');
like($res->decoded_content, qr{Thank you: your signature is recorded and your payment is taken},
    '... the thanks');
like($res->decoded_content, qr{status-paid">Paid<}, '... the booking shows Paid');
like(section_of($res, 'signature-heading'), qr{rated 5 out of 5},
    '... rated 5 out of 5');
like(section_of($res, 'timeline-heading'),
    qr{Waiting for a vendor.*Accepted.*In progress.*Completed.*Waiting for your signature.*Signed.*Paid}s,
    '... the timeline holds every step in order');
is($stack->sql_value('SELECT status FROM bookings WHERE id = ?', $id), 'paid',
    'the booking is signed and paid');
is($stack->sql_value('SELECT rating FROM signatures WHERE id = ?', $sid), 5,
    'the signature has rating 5');

$res = $c->follow_link(url => "/signatures/$sid");
is($res && $res->code, 200, 'customer1 opens the signature record');
like($res->decoded_content, qr{Hash verified}, '... the hash check passes');
like($res->decoded_content, qr{Platform signature verified},
    '... the Ed25519 check passes');
like($res->decoded_content, qr{Both checks pass}, '... both checks pass');
unlike($res->decoded_content, qr{check failed}, '... nothing fails');

# --- the review is public ----------------------------------------------------------

my $anon = $stack->mech;
for my $page ("/services/$service_id", "/vendors/$uid{vendor1}") {
	$res = $anon->get($stack->url($page));
	is($res->code, 200, "a visitor opens $page");
	my $reviews = section_of($res, 'reviews-heading');
	like($reviews, qr{Average rating <strong>5\.0 out of 5</strong> from 1 review\b},
	    '... the average and count');
	like($reviews, qr{<strong>5 out of 5</strong>}, '... the rating');
	like($reviews, qr{Quick, tidy and polite — thank you!}, '... the comment');
	like($reviews, qr{customer1 · <time}, '... by customer1');
}
$res = $c->get($stack->url("/bookings/$id"));
$res = $c->follow_link(url => "/vendors/$uid{vendor1}");
is($res && $res->code, 200, 'customer1 follows the vendor link to the profile');
is(h1_of($res), 'vendor1', '... vendor1\'s public profile');

# --- what the vendor was told -----------------------------------------------------

$res = $v->get($stack->url('/notifications'));
like($res->decoded_content, qr{Booking #$id \(AC Repair\) was signed by the customer\.},
    'vendor1 is told of the signature');
$res = $v->get($stack->url("/vendor/bookings/$id"));
like($res->decoded_content, qr{status-paid">Paid<}, 'the job page shows Paid');

# --- the audit trail of the journey ------------------------------------------------

my $trail = $stack->sql(q{SELECT a.action, u.username FROM audit_log a
    LEFT JOIN users u ON u.id = a.actor_id WHERE a.entity = 'booking'
    AND a.entity_id = ? ORDER BY a.id}, $id);
is_deeply([map { "$_->{action} by " . ($_->{username} // 'nobody') } @$trail],
    ['booking.create by customer1', 'booking.accepted by vendor1',
     'message.post by customer1', 'message.post by vendor1',
     'booking.in_progress by vendor1', 'booking.completed by vendor1',
     'booking.signature_requested by vendor1', 'booking.signed by customer1',
     'booking.paid by customer1'],
    'the audit log holds each step of the booking, by whom, in order');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'photo.add'
    AND entity = 'photo' AND entity_id IN (SELECT id FROM photos
    WHERE booking_id = ?)}, $id), 2, '... and the two photos');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'signature.sign'
    AND entity_id = ? AND actor_id = ?}, $sid, $uid{customer1}), 1,
    '... and the signature');

$stack->finish;
done_testing();
