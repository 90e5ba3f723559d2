# 117-form-errors.t: forms report every wrong field in one pass (a summary linking to each, every message beside its field, the input kept); a refused action's error page says what to do next and links back; a booking's status speaks to who reads it.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use HomeServe::Test;
use HomeServe::Jobs;

my $stack = start_stack();
my %m;
for my $who (['customer1', 'password123', '/'], ['vendor1', 'password123', '/vendor/'],
    ['ops_mgr', 'password123', '/ops/'], ['admin', 'admin123', '/admin/']) {
	my ($user, $pass, $home) = @$who;
	$m{$user} = $stack->mech;
	$stack->login_ok($m{$user}, $user, $pass, $home);
}
my ($c, $v, $ops, $admin) = @m{qw(customer1 vendor1 ops_mgr admin)};
my %uid = map { $_->{username} => $_->{id} } @{ $stack->sql('SELECT id, username FROM users') };
jobs_setup($stack, customer => [$c, $uid{customer1}], vendor => [$v, $uid{vendor1}]);

# GET the page with the form, then POST to it (pairs keep repeated names).
sub post_from {
	my ($mech, $page, $path, $fields) = @_;
	$mech->get($stack->url($page));
	return $stack->post_form($mech, $path, $fields);
}

# The fragment ids the error summary links to.
sub summary_links {
	my ($html) = @_;
	my ($summary) = $html =~ m{<div class="error-summary" role="alert">(.*?)</div>}s;
	return () unless defined $summary;
	return $summary =~ m{<a href="#([^"]+)">}g;
}

# A refused form: its status, a summary naming COUNT fields with a link
# to each (to an element that exists), every message, and the input kept.
sub all_at_once {
	my ($what, $res, %want) = @_;
	my $html = $res->decoded_content;
	is($res->code, $want{status} // 422, "$what: " . ($want{status} // 422));
	like($html, qr{Please correct the $want{count} field\(s\) marked below\.},
	    "$what: the summary counts $want{count} fields");
	my @links = summary_links($html);
	is_deeply([sort @links], [sort @{ $want{links} }], "$what: the summary links to each field");
	for my $id (@links) {
		like($html, qr{id="\Q$id\E"}, "$what: #$id is on the page");
	}
	for my $field (sort keys %{ $want{messages} }) {
		like($html, qr{<p class="error" id="\Q$field\E-error">[^<]*\Q$want{messages}{$field}\E},
		    "$what: the message beside $field");
	}
	for my $kept (@{ $want{kept} // [] }) {
		like($html, qr{\Q$kept\E}, "$what: keeps $kept");
	}
}

# --- registration ------------------------------------------------------------------------
my $anon = $stack->mech;
all_at_once('registration', post_from($anon, '/register', '/register', { username => 'ok_name',
    email => 'not-an-email', phone => '123', password => 'Plumb-line-42', password_confirm => 'different-42',
    address => '4 Lodhi Road, New Delhi', pincode => '0123' }),
    count => 4, links => [qw(email phone password_confirm pincode)],
    messages => { password_confirm => 'The two passwords differ.' },
    kept => ['value="ok_name"', 'value="not-an-email"', 'value="123"', '>4 Lodhi Road, New Delhi</textarea>',
	'value="0123"']);
unlike($anon->content, qr{Plumb-line-42}, 'registration: the password is never shown back');

# --- account -----------------------------------------------------------------------------
all_at_once('account', post_from($c, '/account', '/account', { name => 'Asha ' . ('x' x 200),
    email => 'asha@', phone => 'abc', current_password => '' }),
    count => 3, links => [qw(name email phone)], messages => {}, kept => ['value="asha@"', 'value="abc"']);

# --- addresses ---------------------------------------------------------------------------
all_at_once('addresses', post_from($c, '/addresses', '/addresses', { address => '', pincode => '12' }),
    count => 2, links => [qw(address pincode)], messages => {}, kept => ['value="12"']);

# --- reschedule (one field: its message beside it) ---------------------------------------
my $pending = $stack->sql_value(q{INSERT INTO bookings (customer_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, notes, status, created_at, updated_at)
    VALUES (?, 1, 'ac', '12 Janpath, New Delhi', '110001', unixepoch() + 5 * 86400, 90, 50000, '', 'pending',
    unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id}, $uid{customer1});
my $res = post_from($c, "/bookings/$pending/reschedule", "/bookings/$pending/reschedule",
    { scheduled_date => 'next tuesday' });
is($res->code, 422, 'reschedule with a time that is not one: 422');
like($res->decoded_content, qr{<p class="error" id="scheduled_date-error">}, '... the message beside the field');
like($res->decoded_content, qr{value="next tuesday"}, '... the input kept');

# --- vendor application ------------------------------------------------------------------
all_at_once('vendor application', post_from($stack->mech, '/vendor/apply', '/vendor/apply', [
    username => 'x', email => 'nope', phone => '12', password => 'Plumb-line-42', password_confirm => 'Plumb-line-43',
    business_name => 'Quick Fix', experience_years => 'lots', categories => 'no-such-category',
    pincodes => '110001', address => '5 Lodhi Estate, New Delhi', pincode => '110003' ]),
    count => 6, links => [qw(username email phone password_confirm experience_years categories)],
    messages => { password_confirm => 'The two passwords differ.' },
    kept => ['value="Quick Fix"', 'value="lots"', 'value="nope"']);

# --- admin: a new user, a category ---------------------------------------------------------
all_at_once('admin new user', post_from($admin, '/admin/users/new', '/admin/users/new', { username => '!!',
    email => 'bad@', phone => '55', role => 'wizard' }),
    count => 4, links => [qw(username email phone role)], messages => {}, kept => ['value="bad@"', 'value="55"']);
all_at_once('admin category', post_from($admin, '/admin/categories', '/admin/categories', { name => '',
    position => '5000' }), count => 2, links => [qw(name position)], messages => {}, kept => ['value="5000"']);

# --- ops: a payout's reference, a dispute's decision ---------------------------------------
my $payout = $stack->sql_value(q{INSERT INTO payouts (vendor_id, month, amount_paise, status, created_at, updated_at)
    VALUES (?, '2026-01', 42500, 'pending', unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id},
    $uid{vendor1});
all_at_once('payout marked paid without a reference', post_from($ops, '/ops/payouts', "/ops/payouts/$payout/paid",
    { reference => '   ' }), count => 1, links => ["reference-$payout"], messages => {});
like($ops->content, qr{<p class="error" id="reference-$payout-error">}, '... the message beside that payout\'s field');
is($stack->sql_value('SELECT status FROM payouts WHERE id = ?', $payout), 'pending', '... and it stays pending');

my ($disputed) = completed_job(60_000);
pay(payment_of($disputed)->{id});
reject(ask_to_sign($disputed)->{id}, 'It still leaks.');
is(status_of($disputed), 'disputed', 'a disputed job for the decision form');
all_at_once('dispute decision', post_from($ops, "/ops/disputes/$disputed", "/ops/disputes/$disputed/resolve",
    { outcome => 'refund_partial', amount => 'a lot', note => '' }),
    count => 2, links => [qw(amount note)], messages => { amount => 'Enter the amount to refund' },
    kept => ['value="a lot"']);
all_at_once('dispute decision without an outcome', post_from($ops, "/ops/disputes/$disputed",
    "/ops/disputes/$disputed/resolve", { amount => 'ignored', note => '' }),
    count => 2, links => [qw(outcome note)], messages => { outcome => 'Choose an outcome' });
all_at_once('a follow-up visit decided wrong', post_from($ops, "/ops/disputes/$disputed",
    "/ops/disputes/$disputed/resolve", { outcome => 'redo', redo_vendor => 'elsewhere', when => 'soon', note => '' }),
    count => 3, links => [qw(when note redo_vendor)], messages => { redo_vendor => 'Choose who visits' },
    kept => ['value="soon"']);
is(status_of($disputed), 'disputed', '... and the dispute stays open');

my $disputed_payment = payment_of($disputed)->{id};
all_at_once('a refund', post_from($ops, "/ops/bookings/$disputed", "/ops/payments/$disputed_payment/refund",
    { amount => 'plenty', reason => '' }), count => 2, links => [qw(amount reason)], messages => {},
    kept => ['value="plenty"']);
like($ops->content, qr{href="/ops/bookings/$disputed#payment-heading"}, '... with a way back to the booking');
all_at_once('a manual payment', post_from($ops, "/ops/bookings/$disputed", "/ops/bookings/$disputed/manual-payment",
    { method => 'cheque', amount => 'five hundred', reference => 'R-1' }), count => 2, links => [qw(method amount)],
    messages => { method => 'Choose how the customer paid' }, kept => ['value="five hundred"', 'value="R-1"']);

# --- a vendor's document upload: kind, date and file at once ------------------------------
$v->get($stack->url('/vendor/documents'));
$res = $v->post($stack->url('/vendor/documents'), Content_Type => 'form-data', Content => [
    csrf_token => $stack->csrf($v), doc_type => 'passport-ish', expires_on => '31/12/2030' ]);
all_at_once('a document upload', $res, count => 3, links => [qw(doc_type expires_on document)],
    messages => { document => 'Choose a file to upload.' }, kept => ['value="31/12/2030"']);

# --- a refused action links back ---------------------------------------------------------
my $job = in_progress(40_000);
$v->get($stack->url("/vendor/bookings/$job"));
$res = $stack->post_form($v, "/vendor/bookings/$job/complete", {});
is($res->code, 409, 'completing a job without photos: 409');
like($res->decoded_content, qr{Add before and after photos first}, '... saying what to do next');
like($res->decoded_content, qr{<a class="button" href="/vendor/bookings/$job#photos-heading">Back to booking #$job</a>},
    '... with a link back to the job\'s photos');
is(status_of($job), 'in_progress', '... and the job stays in progress');
$res = post_from($c, "/bookings/$disputed/cancel", "/bookings/$disputed/cancel", { reason => 'Changed my mind' });
like($res->decoded_content, qr{href="/bookings/$disputed"}, 'a refused cancel links back to the booking');

# A job another vendor took: back to the job board, not to a job that is no longer on offer.
my $other = $stack->sql_value(q{INSERT INTO users (username, email, phone, password_hash, role, created_at, updated_at)
    VALUES ('vendor9', 'v9@example.com', '', '!', 'vendor', unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id});
my $taken = $stack->sql_value(q{INSERT INTO bookings (customer_id, vendor_id, service_id, category, address, pincode,
    scheduled_at, duration_minutes, price_paise, notes, status, created_at, updated_at)
    VALUES (?, ?, 1, 'ac', '12 Janpath, New Delhi', '110001', unixepoch() + 3 * 86400, 90, 50000, '', 'accepted',
    unixepoch(), unixepoch()); SELECT last_insert_rowid() AS id}, $uid{customer1}, $other);
$v->get($stack->url('/vendor/jobs'));
$res = $stack->post_form($v, "/vendor/bookings/$taken/accept", {});
is($res->code, 409, 'accepting a job another vendor took: 409');
like($res->decoded_content, qr{<a class="button" href="/vendor/jobs">Back to the job board</a>},
    '... with a way back to the job board');

# --- status text for who reads it ----------------------------------------------------------
my ($asked) = completed_job(30_000);
ask_to_sign($asked);
$res = $c->get($stack->url("/bookings/$asked"));
like($res->decoded_content, qr{>Waiting for your signature<}, 'the customer reads "Waiting for your signature"');
unlike($res->decoded_content, qr{the customer(?:'|&#39;)s signature}i, '... and nowhere about "the customer" as someone else');
like($res->decoded_content, qr{<p>Sign by <time}, '... and is told to sign by the deadline');
$res = $v->get($stack->url("/vendor/bookings/$asked"));
like($res->decoded_content, qr{>Waiting for the customer(?:'|&#39;)s signature<}, 'the vendor reads whose signature it waits for');
like($res->decoded_content, qr{<p>The customer can sign until <time}, '... and until when the customer can sign');
unlike($res->decoded_content, qr{<p>Sign by}, '... never asked to sign');
for my $page ("/vendor/bookings/$asked", '/vendor/', '/vendor/jobs', '/vendor/calendar') {
	unlike($v->get($stack->url($page))->decoded_content, qr{your signature}i, "vendor $page never says \"your signature\"");
}
$res = $ops->get($stack->url("/ops/bookings/$asked"));
like($res->decoded_content, qr{Awaiting customer signature}, 'ops read "Awaiting customer signature"');
for my $page ("/ops/bookings/$asked", '/ops/bookings', "/ops/bookings?status=signature_requested") {
	unlike($ops->get($stack->url($page))->decoded_content, qr{your signature}i, "ops $page never says \"your signature\"");
}

# A payment refused by its state links back to its booking's payment panel.
my $waiting = payment_of($asked)->{id};
$res = post_from($ops, "/ops/bookings/$asked", "/ops/payments/$waiting/capture", {});
is($res->code, 409, 'capturing a payment nobody authorised: 409');
like($res->decoded_content, qr{<a class="button" href="/ops/bookings/$asked#payment-heading">Back to booking #$asked</a>},
    '... with a link back to the booking\'s payment');

$stack->finish;
done_testing;
