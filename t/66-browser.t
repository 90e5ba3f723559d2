# 66-browser.t: the booking journey once in headless Chromium with JavaScript off (t/browser/journey.mjs over a private stack); its TAP becomes this file's tests, its screenshots go to the build dir's t/artefacts/.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;

not_in_release_check('what Chromium shows does not depend on how the programs are linked');
use HomeServe::Browser;
use HomeServe::Images;

my $SCRIPT = 't/browser/journey.mjs';
my $DEADLINE = 120;	# seconds for the whole browser run, start to end

HomeServe::Browser::check_tools($SCRIPT);
my $stack = start_stack();
$stack->relax_booking_rules;

# --- the artefact dir and the photos to upload -------------------------------

my $ARTEFACTS = HomeServe::Browser::prepare_artefacts($ENV{HS_ARTEFACT_DIR}
    // HomeServe::Browser::default_artefact_dir('66-browser'),
    qw(booking-form.png customer-booking-signed.png vendor-job.png
    vendor-job-photos.png before.jpg after.png));
HomeServe::Test::write_file("$ARTEFACTS/before.jpg", test_jpeg());
HomeServe::Test::write_file("$ARTEFACTS/after.png", test_png());

# --- the browser run ----------------------------------------------------------

my $artefact = HomeServe::Browser::run($stack, script => $SCRIPT,
    artefacts => $ARTEFACTS, deadline => $DEADLINE);

# --- the screenshots -------------------------------------------------------------

HomeServe::Browser::screenshots_ok($artefact, $ARTEFACTS, qw(customer-booking-signed.png vendor-job.png));

# The journey really happened on the server.
my $booking = $stack->sql(q{SELECT b.id, b.status, s.rating FROM bookings b
    LEFT JOIN signatures s ON s.booking_id = b.id ORDER BY b.id DESC LIMIT 1})->[0];
is($booking && "$booking->{status} " . ($booking->{rating} // 'unrated'), 'paid 5',
    'the database holds the booking signed with 5 and paid');
is($stack->sql_value(q{SELECT group_concat(kind || ' ' || content_type, ', ')
    FROM (SELECT kind, content_type FROM photos ORDER BY id)}),
    'before image/jpeg, after image/png', '... with its before and after photos');

$stack->finish;
done_testing();
