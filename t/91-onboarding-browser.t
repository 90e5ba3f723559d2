# 91-onboarding-browser.t: a newcomer becomes a verified vendor in headless Chromium with JavaScript off (t/browser/onboarding.mjs over a private stack: apply, the SMS code, documents, the onboarding manager's review); its TAP becomes this file's tests, its screenshots go to the build dir's t/artefacts/.
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

my $SCRIPT = 't/browser/onboarding.mjs';
my $DEADLINE = 120;	# seconds for the whole browser run, start to end
my $PDF = "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

HomeServe::Browser::check_tools($SCRIPT);
my $stack = start_stack();

# --- the artefact dir and the documents to upload -----------------------------

my $ARTEFACTS = HomeServe::Browser::prepare_artefacts(
    HomeServe::Browser::default_artefact_dir('91-onboarding-browser'),
    qw(vendor-apply.png ops-vendor.png id-proof.pdf address-proof.png));
HomeServe::Test::write_file("$ARTEFACTS/id-proof.pdf", $PDF);
HomeServe::Test::write_file("$ARTEFACTS/address-proof.png", test_png());

# --- the browser run ----------------------------------------------------------

# The script delivers the SMS itself (homeserve-ctl run-due: the stack has
# no background worker), so it gets what $stack->ctl would run it with.
my $artefact = HomeServe::Browser::run($stack, script => $SCRIPT,
    artefacts => $ARTEFACTS, deadline => $DEADLINE,
    env => { $stack->env, HS_CTL => build_dir() . '/tools/homeserve-ctl' });

# --- the screenshots -------------------------------------------------------------

HomeServe::Browser::screenshots_ok($artefact, $ARTEFACTS, qw(vendor-apply.png ops-vendor.png));

# --- the journey really happened on the server -----------------------------------

my $vendor = $stack->sql(q{SELECT u.id, u.role, u.phone, p.status, p.phone_verified,
    p.phone_verified_at, p.verified_by = (SELECT id FROM users WHERE username = 'onboard_mgr')
    AS by_manager FROM users u JOIN vendor_profiles p ON p.user_id = u.id
    WHERE u.username = 'electrician7'})->[0] // {};
is($vendor->{role}, 'vendor', 'electrician7 is a vendor account');
is($vendor->{status}, 'verified', '... verified');
ok($vendor->{by_manager}, '... by onboard_mgr');
is($vendor->{phone_verified}, '+919812345678', '... with the mobile number proved');
ok($vendor->{phone_verified_at}, '... and when');
is($stack->sql_value(q{SELECT group_concat(doc_type || ' ' || status, ', ') FROM
    (SELECT doc_type, status FROM vendor_documents WHERE vendor_id = ? ORDER BY id)},
    $vendor->{id}), 'id_proof accepted, address_proof accepted',
    '... and its two documents accepted');

$stack->finish;
done_testing();
