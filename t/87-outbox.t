# 87-outbox.t: messages leave the site through real providers on loopback (SMTP with STARTTLS and AUTH, a Twilio-style SMS API, a chat webhook): retries with back-off when they fail, given up after 8 attempts, header injection, blocked people, choices and unsubscribe links, and /ops/outbox.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use Test::More;
use HomeServe::FakeHTTP;
use HomeServe::FakeSMTP;
use HomeServe::Mail qw(parse_mail);
use HomeServe::Test;

my ($SMTP_USER, $SMTP_PASS) = ('homeserve', 'smtp-secret-7Qx2');
my ($SMS_ACCOUNT, $SMS_TOKEN) = ('ACtest0001', 'sms-token-9Lm4');
my $CHAT_KEY = 'chat-key-Zr81';
my $smtp = HomeServe::FakeSMTP->start(tls => 'starttls', auth => [$SMTP_USER, $SMTP_PASS]);
my $sms = HomeServe::FakeHTTP->start(basic_auth => [$SMS_ACCOUNT, $SMS_TOKEN]);
my $chat = HomeServe::FakeHTTP->start;
my $stack = start_stack(
    env => { HOMESERVE_SMTP_URL => $smtp->url,
	HOMESERVE_SMTP_CA => $smtp->ca_file,
	HOMESERVE_MAIL_FROM => 'HomeServe Bookings <bookings@homeserve.test>',
	HOMESERVE_SMS_URL => $sms->url . "/2010-04-01/Accounts/$SMS_ACCOUNT/Messages.json",
	HOMESERVE_CHAT_WEBHOOK_URL => $chat->url . "/v1/spaces/ops/messages?key=$CHAT_KEY",
	HOMESERVE_DELIVERY_TIMEOUT => 2 },
    files => { 'keys/smtp_password' => "$SMTP_PASS\n",
	'keys/sms_account' => "$SMS_ACCOUNT\n", 'keys/sms_token' => "$SMS_TOKEN\n" });
$stack->relax_booking_rules;

my %uid = map { $_->{username} => $_->{id} }
    @{ $stack->sql('SELECT id, username FROM users') };
# A second customer, made directly: it only needs to be told things.
$stack->sql(q{INSERT INTO users (username, email, phone, password_hash, role,
    created_at, updated_at) VALUES ('customer2', 'customer2@homeserve.test',
    '+919876500002', 'x', 'customer', unixepoch(), unixepoch())});
$uid{customer2} = $stack->sql_value(q{SELECT id FROM users WHERE username = 'customer2'});
my $service = $stack->sql_value(q{SELECT id FROM services WHERE name = 'AC Repair'});

my $vendor = $stack->mech;
$stack->login_ok($vendor, 'vendor1', 'password123', '/vendor/');
my $customer = $stack->mech;
$stack->login_ok($customer, 'customer1', 'password123', '/');
my $ops = $stack->mech;
$stack->login_ok($ops, 'ops_mgr', 'password123', '/ops/');

# --- helpers -------------------------------------------------------------------

my $slot = 0;
# A pending AC Repair booking of WHO's in 110001, each a day apart.
sub pending_booking {
	my ($who) = @_;
	$slot++;
	$stack->sql(q{INSERT INTO bookings (customer_id, service_id, category,
	    address, pincode, scheduled_at, duration_minutes, price_paise,
	    created_at, updated_at) VALUES (?, ?, 'ac', '12 Janpath, New Delhi',
	    '110001', unixepoch() + ? * 86400 + 3600, 90, 50000, unixepoch(),
	    unixepoch())}, $uid{$who}, $service, $slot);
	return $stack->sql_value('SELECT max(id) FROM bookings');
}

# vendor1 accepts a new booking of WHO's: WHO is told by email and SMS.
sub accepted_booking {
	my ($who) = @_;
	my $id = pending_booking($who);
	$vendor->get($stack->url("/vendor/bookings/$id"));
	my $res = $stack->post_form($vendor, "/vendor/bookings/$id/accept", {});
	is($res->code, 303, "vendor1 accepts booking $id of ${who}'s");
	return $id;
}

sub rows {
	my ($where, @binds) = @_;
	return @{ $stack->sql("SELECT * FROM outbox WHERE $where ORDER BY id", @binds) };
}

sub row { return (rows('id = ?', $_[0]))[0] }

# The run-due command, whose stderr (its log) must never hold a secret.
my $logs = '';
sub run_due {
	my (%opt) = @_;
	my @args = ('run-due');
	push @args, "--now=\@$opt{now}" if defined $opt{now};
	my ($rc, $out, $err) = $stack->ctl(@args);
	is($rc, 0, 'run-due ' . ($opt{now} // 'now') . ' runs') or diag($err);
	$logs .= $err;
	return { map { /^([\w-]+): (\d+)$/ ? ($1 => $2) : () } split /\n/, $out };
}

# The fake's messages to ADDRESS, parsed; their HTML goes to the checker.
sub mails_to {
	my ($address) = @_;
	my @m = map { my $p = parse_mail($_->{data}); $p->{smtp} = $_; $p }
	    grep { grep { lc $_ eq lc $address } @{ $_->{rcpt} } } $smtp->messages;
	$stack->keep_mail_html(@m);
	return @m;
}

my $t0 = time;

# --- an event's email and SMS, through the providers --------------------------------
my $id = accepted_booking('customer1');
my @queued = rows('user_id = ?', $uid{customer1});
is(scalar(@queued), 2, 'accepting queues two messages for the customer');
is_deeply([map { $_->{channel} } @queued], ['email', 'sms'], 'an email and an SMS');
is_deeply([map { $_->{status} } @queued], ['pending', 'pending'], 'both pending');
my $ran = run_due();
is($ran->{delivered}, 2, 'run-due delivers both');
ok($smtp->wait_for(qr/^accepted \S+ customer1\@homeserve\.test$/, 5),
    'the SMTP server accepted the email');
my ($mail) = mails_to('customer1@homeserve.test');
ok($mail->{smtp}{tls}, 'over STARTTLS');
is($mail->{smtp}{auth_user}, $SMTP_USER, 'after AUTH as the configured user');
is($mail->{smtp}{mail_from}, 'bookings@homeserve.test', 'the envelope sender is HOMESERVE_MAIL_FROM\'s');
is($mail->{from}, 'HomeServe Bookings <bookings@homeserve.test>', 'so is From');
is($mail->{to}, 'customer1@homeserve.test', 'To is the customer');
is($mail->{subject}, "Booking #$id (AC Repair) was accepted by a vendor", 'the subject says what happened');
like($mail->{header}->('Date'), qr/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0530$/, 'Date in RFC 5322 form');
my $email_row = row($queued[0]{id});
is($mail->{message_id}, "<$email_row->{message_id}>", 'Message-ID is the one queued with it');
like($mail->{header}->('Content-Type'), qr{^multipart/alternative}, 'text and HTML alternatives');
like($mail->{text}, qr{Hello customer1,\n\nBooking #$id \(AC Repair\) was accepted by a vendor\.},
    'the text part says it');
like($mail->{text}, qr{https://127\.0\.0\.1:\d+/bookings/$id\n}, 'and links to the customer\'s booking page');
like($mail->{html}, qr{<a href="https://127\.0\.0\.1:\d+/bookings/$id">}, 'so does the HTML part');
like($mail->{list_unsubscribe} // '', qr{^<https://127\.0\.0\.1:\d+/unsubscribe/\d+-booking-[0-9a-f]{32}>$},
    'List-Unsubscribe carries a signed link');
like($email_row->{provider_id} // '', qr/^[0-9A-F]+$/, 'the row keeps the server\'s queue id');
is($email_row->{provider_id}, $mail->{smtp}{id}, '... the fake\'s own id');
is($email_row->{status}, 'sent', 'the email row is sent');

my ($text) = grep { $_->{path} =~ m{/Messages\.json$} } $sms->requests;
is($text->{auth_user}, $SMS_ACCOUNT, 'the SMS API gets basic auth with the account');
is($text->{params}{To}, '+919876543210', 'the SMS goes to the customer\'s number');
is($text->{params}{From}, 'HSERVE', 'from the configured sender');
like($text->{params}{Body}, qr{^HomeServe: Booking #$id \(AC Repair\) was accepted by a vendor\. https://\S+/bookings/$id$},
    'saying what happened, with the link');
my $sms_row = row($queued[1]{id});
like($sms_row->{provider_id} // '', qr/^SM[0-9a-f]{32}$/, 'the SMS row keeps the API\'s sid');
is($sms_row->{status}, 'sent', 'the SMS row is sent');
is($stack->sql_value('SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND ok = 1',
    $sms_row->{id}), 1, 'one attempt, which worked');

# --- the SMTP server refuses the recipient: retried later, the rest goes on -----
$smtp->rule('customer1@homeserve.test', 'refuse', count => 1);
$id = accepted_booking('customer1');
my ($email, $sms_msg) = rows('user_id = ? AND status = ?', $uid{customer1}, 'pending');
$ran = run_due();
is($ran->{delivered}, 2, 'both were tried');
$email = row($email->{id});
is($email->{status}, 'failed', 'the refused email failed');
like($email->{last_error}, qr/refused the recipient: 550/, 'the error is the server\'s');
is($email->{attempts}, 1, 'one attempt');
cmp_ok($email->{next_attempt_at}, '>=', $t0 + 45, 'the next attempt is after the back-off');
cmp_ok($email->{next_attempt_at}, '<=', time + 75, '... of about a minute');
is(row($sms_msg->{id})->{status}, 'sent', 'the SMS of the same event went anyway');
$ran = run_due();
is(row($email->{id})->{status}, 'failed', 'not yet due: not tried again at once');
$ran = run_due(now => time + 120);
is(row($email->{id})->{status}, 'sent', 'two minutes later it is sent');
is(row($email->{id})->{attempts}, 2, 'on the second attempt');
is(scalar(grep { $_->{subject} =~ /#$id / } mails_to('customer1@homeserve.test')), 1,
    'the customer has it once');

# --- the connection closes mid-message -------------------------------------------
$smtp->rule('customer1@homeserve.test', 'close', count => 1);
$id = accepted_booking('customer1');
($email) = rows(q{user_id = ? AND status = 'pending' AND channel = 'email'}, $uid{customer1});
run_due();
$email = row($email->{id});
is($email->{status}, 'failed', 'a connection closed mid-message fails the attempt');
ok($smtp->wait_for(qr/^closed customer1\@/, 5), 'the server did close it');
run_due(now => time + 120);
is(row($email->{id})->{status}, 'sent', 'and the retry delivers it');
is(scalar(grep { $_->{subject} =~ /#$id / } mails_to('customer1@homeserve.test')), 1,
    'once');

# --- a slow server: the attempt times out, the queue is not held up ---------------
$smtp->rule('customer1@homeserve.test', 'slow', seconds => 5, count => 1);
my $slow_booking = accepted_booking('customer1');
my $next_booking = accepted_booking('customer2');
my ($slow) = rows(q{user_id = ? AND status = 'pending' AND channel = 'email'}, $uid{customer1});
my ($after) = rows(q{user_id = ? AND status = 'pending' AND channel = 'email'}, $uid{customer2});
cmp_ok($slow->{id}, '<', $after->{id}, 'the slow message is first in the queue');
my $started = time;
run_due();
cmp_ok(time - $started, '<', 5, 'the pass did not wait for the slow server');
$slow = row($slow->{id});
is($slow->{status}, 'failed', 'the slow attempt failed');
like($slow->{last_error}, qr/timed out/, 'as a time-out');
is(row($after->{id})->{status}, 'sent', 'the message after it was sent in the same pass');
run_due(now => time + 120);
is(row($slow->{id})->{status}, 'sent', 'the slow one goes on its retry');

# --- the SMS API fails once: one SMS, not two ----------------------------------------
$sms->fail(count => 1, status => 500);
$id = accepted_booking('customer2');
($sms_msg) = rows(q{user_id = ? AND status = 'pending' AND channel = 'sms'}, $uid{customer2});
run_due();
$sms_msg = row($sms_msg->{id});
is($sms_msg->{status}, 'failed', 'a 500 from the SMS API fails the attempt');
like($sms_msg->{last_error}, qr/answered 500/, 'and says so');
run_due(now => time + 120);
is(row($sms_msg->{id})->{status}, 'sent', 'the retry gets 201');
my @tries = grep { ($_->{params}{Body} // '') =~ /Booking #$id / } $sms->requests;
is_deeply([map { $_->{status} } @tries], [500, 201], 'the API saw a 500 then a 201: one SMS sent');
is($tries[0]{idempotency_key}, $tries[1]{idempotency_key}, 'both tries carry one idempotency key');

# --- given up after 8 attempts; the staff chat hears; ops send it again --------------
$smtp->rule('customer2@homeserve.test', 'refuse', reply => '451 4.3.0 Try later');
$id = accepted_booking('customer2');
my ($doomed) = rows(q{user_id = ? AND status = 'pending' AND channel = 'email'}, $uid{customer2});
my $at = time;
for my $n (1 .. 8) {
	run_due(now => $at);
	$at += 5000;	# over the longest back-off, 3600 s + 25%
}
$doomed = row($doomed->{id});
is($doomed->{status}, 'dead', 'after 8 failed attempts the message is given up');
is($doomed->{attempts}, 8, 'with 8 attempts');
is($stack->sql_value('SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?', $doomed->{id}),
    8, 'each one recorded');
run_due(now => $at);
ok($chat->wait_for(qr{^request 200 /v1/spaces/ops/messages}, 5), 'the chat webhook is called');
my ($alert) = grep { ($_->{json}{text} // '') =~ /message #$doomed->{id}\b/ } $chat->requests;
ok($alert, 'the staff chat hears the message was given up');
like($alert->{json}{text} // '', qr/given up after 8 attempts: .*451/, 'with the reason');
like($alert->{content_type}, qr{^application/json}, 'as JSON');
is_deeply([keys %{ $alert->{json} }], ['text'], 'of the form {"text": ...}');
like($alert->{json}{text}, qr/cu\*\*\*\@homeserve\.test/, 'the address masked');

# /ops/outbox shows it and sends it again.
my $res = $ops->get($stack->url('/ops/outbox?status=dead'));
is($res->code, 200, '/ops/outbox?status=dead is 200');
like($res->decoded_content, qr{href="/ops/outbox/$doomed->{id}"}, 'lists the given-up message');
unlike($res->decoded_content, qr{href="/ops/outbox/$email->{id}"}, 'and not the sent ones');
$res = $ops->get($stack->url('/ops/outbox?channel=sms'));
unlike($res->decoded_content, qr{href="/ops/outbox/$doomed->{id}"}, 'the SMS filter leaves the email out');
$res = $ops->get($stack->url('/ops/outbox?q=customer2%40'));
like($res->decoded_content, qr{href="/ops/outbox/$doomed->{id}"}, 'the recipient filter finds it');
unlike($res->decoded_content, qr{customer1\@homeserve}, 'and only customer2\'s');
$res = $ops->get($stack->url('/ops/outbox?q=%25'));
like($res->decoded_content, qr/No messages/, 'a % in the recipient filter is a character, not a wildcard');
is($ops->get($stack->url('/ops/outbox?status=bogus'))->code, 400, 'an unknown status is 400');
is($ops->get($stack->url('/ops/outbox?channel=fax'))->code, 400, 'an unknown channel is 400');
$res = $ops->get($stack->url("/ops/outbox/$doomed->{id}"));
is($res->code, 200, 'its page is 200');
my $page = $res->decoded_content;
is(() = $page =~ /<li><time/g, 8, 'it lists the 8 attempts');
like($page, qr/451 4\.3\.0 Try later/, 'with the server\'s answer');
like($page, qr/Booking #$id \(AC Repair\) was accepted/, 'and the text');
is($ops->get($stack->url('/ops/outbox/999999'))->code, 404, 'an unknown message is 404');

$res = $stack->post_form($customer, "/ops/outbox/$doomed->{id}/retry", {});
is($res->code, 403, 'a customer cannot send it again');
$res = $stack->post_form($vendor, "/ops/outbox/$doomed->{id}/retry", {});
is($res->code, 403, 'nor a vendor');
$ops->get($stack->url("/ops/outbox/$doomed->{id}"));
$res = $stack->post_form($ops, "/ops/outbox/$doomed->{id}/retry", {}, csrf => undef);
is($res->code, 403, 'without the CSRF token: 403');
$ops->get($stack->url("/ops/outbox/$doomed->{id}"));
$res = $stack->post_form($ops, "/ops/outbox/$doomed->{id}/retry", {});
is($res->code, 303, 'ops send it again');
is(row($doomed->{id})->{status}, 'pending', 'it is back in the queue');
is(row($doomed->{id})->{attempts}, 0, 'with a fresh set of attempts');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'outbox.retry'
    AND entity_id = ?}, $doomed->{id}), 1, 'audited');
$ops->get($stack->url("/ops/outbox/$doomed->{id}"));
$res = $stack->post_form($ops, "/ops/outbox/$doomed->{id}/retry", {});
is($res->code, 409, 'a message already waiting cannot be sent again');
$ops->get($stack->url("/ops/outbox/$doomed->{id}"));
is($stack->post_form($ops, '/ops/outbox/999999/retry', {})->code, 404, 'an unknown one is 404');
$smtp->clear_rules;
run_due();
is(row($doomed->{id})->{status}, 'sent', 'and now it is delivered');

# --- a locked start code reaches the staff chat ---------------------------------
$id = accepted_booking('customer1');
for my $try (1 .. 5) {
	$vendor->get($stack->url("/vendor/bookings/$id"));
	$stack->post_form($vendor, "/vendor/bookings/$id/start", { otp => '000000' });
}
run_due();
ok($chat->wait_for(qr{^request 200 /v1/spaces/ops/messages}, 5), 'the chat is called again');
ok((grep { ($_->{json}{text} // '') eq "Starting booking #$id (AC Repair) is locked after 5 wrong "
    . 'start codes from vendor vendor1.' } $chat->requests), 'with the locked start code');
ok((grep { $_->{subject} =~ /^Starting booking #$id \(AC Repair\) is locked/ } mails_to('ops@homeserve.test')),
    'and ops_mgr gets the email');

# --- header injection through a name ---------------------------------------------
$id = accepted_booking('customer1');
my $evil = "v\r\nBcc: a\@b.io\r\nX-Evil: 1";
$stack->sql('UPDATE users SET username = ? WHERE id = ?', $evil, $uid{vendor1});
run_due(now => time + 86400 * ($slot - 1) + 4200);
$stack->sql(q{UPDATE users SET username = 'vendor1' WHERE id = ?}, $uid{vendor1});
my ($reminder) = grep { $_->{subject} =~ /^Reminder: / && $_->{text} =~ /\(booking #$id\)/ }
    mails_to('customer1@homeserve.test');
ok($reminder, 'a reminder names a vendor whose name holds CR LF');
is_deeply($reminder->{smtp}{rcpt}, ['customer1@homeserve.test'], 'it goes to the customer alone');
unlike($reminder->{head}, qr/^(?:Bcc|X-Evil):/mi, 'no header was injected');
unlike($reminder->{head}, qr/\r(?!\n)|(?<!\r)\n/, 'no bare CR or LF in the header');
like($reminder->{subject}, qr/with v Bcc: a\@b\.io X-Evil: 1,/,
    'the name is in the subject, line breaks made spaces');
ok(!(grep { lc $_ eq 'a@b.io' } map { @{ $_->{rcpt} } } $smtp->messages),
    'nothing went to the injected address');

# --- a blocked person gets nothing -----------------------------------------------
$id = accepted_booking('customer2');
my @waiting = rows(q{user_id = ? AND status = 'pending'}, $uid{customer2});
is(scalar(@waiting), 2, 'messages wait for customer2');
$stack->sql('UPDATE users SET is_blocked = 1 WHERE id = ?', $uid{customer2});
my $before = scalar(mails_to('customer2@homeserve.test'));
run_due();
is_deeply([map { row($_->{id})->{status} } @waiting], ['dead', 'dead'],
    'once blocked, they are given up');
like(row($waiting[0]{id})->{last_error}, qr/blocked/, 'because the account is blocked');
is(scalar(mails_to('customer2@homeserve.test')), $before, 'no email went');
$id = accepted_booking('customer2');
is(scalar(rows(q{user_id = ? AND status = 'pending'}, $uid{customer2})), 0,
    'and nothing new is queued for a blocked account');
$stack->sql('UPDATE users SET is_blocked = 0 WHERE id = ?', $uid{customer2});

# --- choosing what to receive ------------------------------------------------------
is($stack->mech->get($stack->url('/account/notifications'))->code, 303,
    'the choices need a sign-in');
$res = $customer->get($stack->url('/account/notifications'));
is($res->code, 200, '/account/notifications is 200');
$page = $res->decoded_content;
for my $name (qw(email_booking email_reminder email_report sms_booking sms_reminder)) {
	like($page, qr/<input id="$name" name="$name" type="checkbox" value="1"[^>]* checked>/,
	    "$name is on by default");
}
for my $name (qw(email_marketing sms_marketing sms_report)) {
	unlike($page, qr/name="$name"[^>]* checked/, "$name is off by default");
}
$res = $stack->post_form($customer, '/account/notifications', { email_booking => 1 }, csrf => undef);
is($res->code, 403, 'saving without the CSRF token is 403');
$customer->get($stack->url('/account/notifications'));
$res = $stack->post_form($customer, '/account/notifications',
    { email_booking => 1, email_reminder => 1, email_report => 1 });
is($res->code, 303, 'the customer switches SMS off');
$res = $customer->get($stack->url($res->header('Location')));
like($res->decoded_content, qr/Your choices are saved/, 'and is told it is saved');
like($res->decoded_content, qr/name="sms_booking" type="checkbox" value="1" aria-describedby="hint-booking">/,
    'sms_booking is off now');
is($stack->sql_value(q{SELECT count(*) FROM audit_log WHERE action = 'prefs.update'
    AND entity_id = ?}, $uid{customer1}), 1, 'audited');
$id = accepted_booking('customer1');
is_deeply([map { $_->{channel} } rows(q{user_id = ? AND status = 'pending'}, $uid{customer1})],
    ['email'], 'the next update goes by email only');
run_due();

# --- one click to unsubscribe, from the email itself --------------------------------
($mail) = grep { $_->{subject} =~ /^Booking #$id / } mails_to('customer1@homeserve.test');
my ($unsub) = ($mail->{list_unsubscribe} // '') =~ m{^<https://[^/]+(/unsubscribe/\S+)>$};
like($mail->{text}, qr{Stop these emails: https://\S+\Q$unsub\E}, 'the text part has the unsubscribe link');
my $anon = $stack->mech;
$res = $anon->get($stack->url($unsub));
is($res->code, 200, 'the unsubscribe link opens without a sign-in');
like($res->decoded_content, qr/Stop emails about “Booking updates” to customer1\@homeserve\.test\?/,
    'it asks to confirm');
is($stack->sql_value(q{SELECT count(*) FROM notification_prefs WHERE user_id = ?
    AND channel = 'email' AND kind = 'booking' AND enabled = 0}, $uid{customer1}), 0,
    'opening it changed nothing');
$res = $stack->post_form($anon, $unsub, {});
is($res->code, 303, 'confirming unsubscribes');
$res = $anon->get($stack->url($res->header('Location')));
like($res->decoded_content, qr/no longer receives emails about “Booking updates”/, 'and says so');
$id = accepted_booking('customer1');
is(scalar(rows(q{user_id = ? AND status = 'pending'}, $uid{customer1})), 0,
    'booking updates no longer reach customer1 at all');
(my $forged = $unsub) =~ s/booking/reminder/;
is($anon->get($stack->url($forged))->code, 404, 'a link with another kind is 404');
(my $other = $unsub) =~ s{/unsubscribe/\d+}{/unsubscribe/$uid{customer2}};
is($anon->get($stack->url($other))->code, 404, 'a link with another person is 404');
is($anon->get($stack->url('/unsubscribe/1-booking-00'))->code, 404, 'a made-up link is 404');
$anon->get($stack->url('/password/forgot'));
$stack->post_form($anon, '/password/forgot', { email => 'customer1@homeserve.test' });
is(scalar(rows(q{user_id = ? AND kind = 'security'}, $uid{customer1})), 1,
    'a password reset still reaches someone who switched everything off');

# --- no secret in any log ------------------------------------------------------------
run_due();
my $all_logs = $logs . join('', map { HomeServe::Test::read_file($stack->data . "/log/$_") }
    qw(booking.log vendor.log ops.log ctl.log));
for my $secret ($SMTP_PASS, $SMS_TOKEN, $CHAT_KEY) {
	unlike($all_logs, qr/\Q$secret\E/, 'no log holds a secret');
}
like($logs, qr/outbox: #\d+ email \(booking\) to cu\*\*\*\@homeserve\.test, attempt 1: sent/,
    'each attempt is one log line, the address masked');

$stack->finish;
done_testing;
