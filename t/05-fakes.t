# 05-fakes.t: the fakes of the worker's outside services themselves: FakeSMTP driven by curl (plain, STARTTLS + AUTH, implicit TLS, wrong password, refused, closed, slow, held and released or dropped) and raw SMTP, FakeHTTP driven by LWP (SMS form with basic auth, 401, injected failures, JSON), event waits, and nothing left running.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use File::Temp qw(tempdir);
use IO::Select;
use IO::Socket::INET;
use JSON::PP ();
use LWP::UserAgent;
use MIME::Base64 ();
use POSIX qw(_exit);
use Test::More;
use Time::HiRes qw(time);
use HomeServe::FakeHTTP;
use HomeServe::FakeSMTP;

my $tmp = tempdir('hs-fakes-XXXXXX', TMPDIR => 1, CLEANUP => 1);

# --- helpers -----------------------------------------------------------------

my $files = 0;
# A message file with CRLF line ends.
sub message_file {
	my ($bytes) = @_;
	my $path = "$tmp/msg" . ++$files . '.eml';
	open(my $fh, '>:raw', $path) or die "$path: $!";
	print {$fh} $bytes;
	close $fh or die "$path: $!";
	return $path;
}

my $runs = 0;
# Starts curl (never more than 10 seconds unless told) with its output
# in files; returns its pid and the stderr file.
sub curl_start {
	my (@args) = @_;
	my $err = "$tmp/curl" . ++$runs . '.err';
	unshift @args, '--max-time', '10' unless grep { $_ eq '--max-time' } @args;
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		open(STDIN, '<', '/dev/null');
		open(STDOUT, '>', "$err.out");
		open(STDERR, '>', $err);
		{ no warnings 'exec'; exec 'curl', '-sS', @args; }
		_exit(127);
	}
	return ($pid, $err);
}

# Waits for a curl started by curl_start: (exit code, its stderr).
sub curl_finish {
	my ($pid, $err) = @_;
	waitpid($pid, 0);
	my $rc = $? & 127 ? 128 + ($? & 127) : $? >> 8;
	open(my $fh, '<', $err) or return ($rc, '');
	local $/;
	return ($rc, scalar <$fh>);
}

sub curl { curl_finish(curl_start(@_)) }

# curl's arguments to send FILE from a@x.test to RCPT.
sub mail_args {
	my ($smtp, $rcpt, $file, @more) = @_;
	return ('--url', $smtp->url, '--mail-from', 'a@x.test',
	    '--mail-rcpt', $rcpt, '--upload-file', $file, @more);
}

# A raw SMTP conversation: connects, reads the greeting, then for each
# chunk sends it and reads one reply (multi-line ones whole).  Returns
# the greeting and the replies, with CRLFs.
sub smtp_talk {
	my ($port, @chunks) = @_;
	my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
	    PeerPort => $port, Proto => 'tcp') or die "connect: $!";
	my $buf = '';
	my $read_reply = sub {
		my $deadline = time + 5;
		while (1) {
			return $1 if $buf =~ s/\A((?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n)//;
			my $left = $deadline - time;
			return undef if $left <= 0
			    || !IO::Select->new($sock)->can_read($left);
			sysread($sock, $buf, 65536, length $buf) or return undef;
		}
	};
	my @replies = ($read_reply->());
	for my $chunk (@chunks) {
		syswrite($sock, $chunk);
		push @replies, $read_reply->();
	}
	close $sock;
	return @replies;
}

sub reply_codes { join ' ', map { defined $_ ? substr($_, 0, 3) : 'none' } @_ }

my $letter = "From: a\@x.test\r\nTo: b\@x.test\r\nSubject: Test\r\n\r\n"
    . "Hello Bob,\r\n.a line with a leading dot\r\n..and two\r\nBye\r\n";
my $letter_file = message_file($letter);

# --- FakeSMTP: plain ---------------------------------------------------------

my $plain = HomeServe::FakeSMTP->start;
like($plain->url, qr{\Asmtp://127\.0\.0\.1:\d+\z}, 'plain: smtp:// URL');
my ($rc, $err) = curl(mail_args($plain, 'b@x.test', $letter_file));
is($rc, 0, 'plain: curl delivers') or diag($err);
ok($plain->wait_for(qr/^accepted \w+ b\@x\.test$/, 5),
    'plain: an accepted event');
my @m = $plain->messages;
is(scalar @m, 1, 'plain: one message recorded');
is($m[0]{data}, $letter, 'plain: recorded with its bytes, dots unstuffed');
is($m[0]{mail_from}, 'a@x.test', 'plain: MAIL FROM');
is_deeply($m[0]{rcpt}, ['b@x.test'], 'plain: RCPT TO');
is($m[0]{tls}, 0, 'plain: not over TLS');
is($m[0]{auth_user}, undef, 'plain: no AUTH');
like($m[0]{id}, qr/\A[0-9A-F]+\z/, 'plain: a hex id');
is(($plain->events)[0], 'connect', 'plain: the first event is connect');

# A refused recipient, only once (count => 1).
$plain->rule('nobody@x.test', 'refuse', count => 1);
($rc, $err) = curl(mail_args($plain, 'nobody@x.test', $letter_file));
isnt($rc, 0, 'refuse: curl fails');
like($err, qr/550/, 'refuse: curl saw the 550') or diag($err);
ok($plain->wait_for(qr/^refused nobody\@x\.test$/, 5), 'refuse: an event');
($rc, $err) = curl(mail_args($plain, 'nobody@x.test', $letter_file));
is($rc, 0, 'refuse: with count 1, the next attempt is accepted') or diag($err);
$plain->rule('*', 'refuse', reply => '450 4.2.0 <x>: try later');
($rc, $err) = curl(mail_args($plain, 'anyone@x.test', $letter_file));
like($err, qr/450/, "refuse: '*' with a reply of the test's") or diag($err);
$plain->clear_rules;
is(scalar($plain->messages), 2, 'refuse: refused messages are not recorded');

# Closed in the middle of a message big enough to be still in flight.
my $big = "Subject: big\r\n\r\n" . ("x" x 998 . "\r\n") x 2000;
my $big_file = message_file($big);
$plain->rule('close@x.test', 'close');
($rc, $err) = curl(mail_args($plain, 'close@x.test', $big_file));
isnt($rc, 0, 'close: curl fails') or diag($err);
ok($plain->wait_for(qr/^closed close\@x\.test$/, 5), 'close: an event');
is(scalar($plain->messages), 2, 'close: nothing recorded');
($rc, $err) = curl(mail_args($plain, 'b@x.test', $big_file));
is($rc, 0, 'close: a 2 MB message to someone else goes through');
is(($plain->messages)[-1]{data}, $big, 'close: ... recorded whole');

# Slow: curl gives up first.
$plain->rule('slow@x.test', 'slow', seconds => 5);
my $t0 = time;
($rc, $err) = curl(mail_args($plain, 'slow@x.test', $letter_file),
    '--max-time', '1');
is($rc, 28, 'slow: curl times out (exit 28)') or diag($err);
ok($plain->wait_for(qr/^dropped slow\@x\.test$/, 5),
    'slow: the fake sees the client go and drops the message');
ok(time - $t0 < 4, 'slow: ... without waiting out its delay');
ok(!grep({ /^accepted .* slow\@x\.test$/ } $plain->events),
    'slow: never accepted');
$plain->rule('slow@x.test', 'slow', seconds => 0.3, count => 1);
($rc, $err) = curl(mail_args($plain, 'slow@x.test', $letter_file));
is($rc, 0, 'slow: a patient client gets its 250') or diag($err);

# Hold, then release; another client is served meanwhile.
$plain->rule('hold@x.test', 'hold');
my @held = curl_start(mail_args($plain, 'hold@x.test', $letter_file));
ok($plain->wait_for(qr/^held hold\@x\.test$/, 5), 'hold: held');
($rc, $err) = curl(mail_args($plain, 'b@x.test', $letter_file));
is($rc, 0, 'hold: another client is served meanwhile') or diag($err);
ok(!grep({ $_->{rcpt}[0] eq 'hold@x.test' } $plain->messages),
    'hold: not recorded while held');
is($plain->release, 1, 'hold: release lets one message go');
ok($plain->wait_for(qr/^accepted \w+ hold\@x\.test$/, 5),
    'hold: accepted once released');
($rc, $err) = curl_finish(@held);
is($rc, 0, 'hold: curl succeeds') or diag($err);
is(($plain->messages)[-1]{rcpt}[0], 'hold@x.test', 'hold: recorded');

# Hold, then the client is killed.
my $before = () = $plain->messages;
my ($pid, $errfile) = curl_start(mail_args($plain, 'hold@x.test', $letter_file));
ok($plain->wait_for(qr/^held hold\@x\.test$/, 5), 'hold+kill: held');
kill 'TERM', $pid;
curl_finish($pid, $errfile);
ok($plain->wait_for(qr/^dropped hold\@x\.test$/, 5), 'hold+kill: dropped');
is(scalar($plain->messages), $before, 'hold+kill: nothing recorded');
is($plain->release, 0, 'hold+kill: nothing left to release');
$plain->clear_rules;

# Raw SMTP: sequence errors, pipelined commands, limits, dot-unstuffing.
my @r = smtp_talk($plain->port, "MAIL FROM:<a\@x.test>\r\n", "EHLO t\r\n",
    "FOO bar\r\n", "RCPT TO:<b\@x.test>\r\n",
    "MAIL FROM:<a\@x.test> SIZE=99999999\r\n",
    "NOOP\r\nVRFY b\r\nNOOP\r\n", '', '',
    'x' x 1100 . "\r\n", "MAIL FROM:<a\@x.test> SIZE=100\r\n",
    "RCPT TO:<b\@x.test>\r\n", "DATA\r\n",
    "Subject: raw\r\n\r\n..dot\r\n.\r\n", "QUIT\r\n");
is(reply_codes(@r), '220 503 250 502 503 552 250 502 250 500 250 250 354 250 221',
    'raw: the replies') or diag(explain(\@r));
like($r[2], qr/^250-SIZE 10485760\r$/m, 'raw: EHLO offers SIZE');
unlike($r[2], qr/AUTH|STARTTLS/, 'raw: ... and neither AUTH nor STARTTLS');
like($r[13], qr/^250 2\.0\.0 Ok: queued as [0-9A-F]+\r\n\z/, 'raw: queued as ID');
is(($plain->messages)[-1]{data}, "Subject: raw\r\n\r\n.dot\r\n",
    'raw: dot-unstuffed');
my $over = "Subject: long\r\n\r\n" . 'y' x 1200 . "\r\n.\r\n";
@r = smtp_talk($plain->port, "HELO t\r\n", "MAIL FROM:<>\r\n",
    "RCPT TO:<b\@x.test>\r\n", "DATA\r\n", $over, "RSET\r\n");
is(reply_codes(@r), '220 250 250 250 354 554 250',
    'raw: a message line over 1000 bytes is refused');

# --- FakeSMTP: STARTTLS and AUTH ---------------------------------------------

my $secure = HomeServe::FakeSMTP->start(tls => 'starttls',
    auth => ['mailer', 's3cret pass']);
like($secure->url, qr{\Asmtp://mailer\@127\.0\.0\.1:\d+\z},
    'starttls: the URL has the user');
ok(-s $secure->ca_file, 'starttls: a CA file');
is($secure->password, 's3cret pass', 'starttls: the password');
for my $how (['LOGIN'], ['PLAIN'], ['PLAIN', '--sasl-ir']) {
	my ($mech, @ir) = @$how;
	($rc, $err) = curl(mail_args($secure, 'b@x.test', $letter_file,
	    '--ssl-reqd', '--cacert', $secure->ca_file, @ir,
	    '--user', 'mailer:s3cret pass', '--login-options', "AUTH=$mech"));
	is($rc, 0, "starttls: curl delivers with AUTH $mech @ir") or diag($err);
}
@m = $secure->messages;
is(scalar @m, 3, 'starttls: recorded');
is($m[0]{tls}, 1, 'starttls: over TLS');
is($m[0]{auth_user}, 'mailer', 'starttls: with the AUTH user');
is($m[1]{data}, $letter, 'starttls: the bytes');
ok($secure->wait_for(qr/^tls$/, 5) && $secure->wait_for(qr/^auth mailer$/, 5),
    'starttls: tls and auth events');
($rc, $err) = curl(mail_args($secure, 'b@x.test', $letter_file,
    '--ssl-reqd', '--cacert', $secure->ca_file, '--user', 'mailer:wrong'));
is($rc, 67, 'starttls: a wrong password: curl exits 67 (login denied)')
    or diag($err);
ok($secure->wait_for(qr/^auth-failed mailer$/, 5), 'starttls: auth-failed');
is(scalar($secure->messages), 3, 'starttls: nothing recorded');
($rc, $err) = curl(mail_args($secure, 'b@x.test', $letter_file,
    '--ssl-reqd'));
isnt($rc, 0, 'starttls: a client that does not trust the CA fails');
like($err, qr/certificate/i, '... over the certificate') or diag($err);
@r = smtp_talk($secure->port, "EHLO t\r\n", "AUTH PLAIN "
    . MIME::Base64::encode_base64("\0mailer\0s3cret pass", '') . "\r\n",
    "MAIL FROM:<a\@x.test>\r\n");
is(reply_codes(@r), '220 250 538 530',
    'starttls: no AUTH before TLS; no MAIL without AUTH');
like($r[1], qr/STARTTLS/, 'starttls: offered');
unlike($r[1], qr/AUTH/, 'starttls: AUTH not offered before TLS');

# --- FakeSMTP: implicit TLS ---------------------------------------------------

my $smtps = HomeServe::FakeSMTP->start(tls => 'implicit');
like($smtps->url, qr{\Asmtps://127\.0\.0\.1:\d+\z}, 'implicit: smtps:// URL');
($rc, $err) = curl(mail_args($smtps, 'b@x.test', $letter_file,
    '--cacert', $smtps->ca_file));
is($rc, 0, 'implicit: curl delivers') or diag($err);
@m = $smtps->messages;
is(scalar @m, 1, 'implicit: recorded');
is($m[0]{tls}, 1, 'implicit: over TLS');
is($m[0]{data}, $letter, 'implicit: the bytes');

# --- FakeHTTP -----------------------------------------------------------------

my $http = HomeServe::FakeHTTP->start(basic_auth => ['AC123', 'token']);
like($http->url, qr{\Ahttp://127\.0\.0\.1:\d+\z}, 'http: URL');
my $ua = LWP::UserAgent->new(timeout => 10, env_proxy => 0);
my $json = JSON::PP->new->utf8;
my $sms_path = '/2010-04-01/Accounts/AC123/Messages.json';
my $basic = 'Basic ' . MIME::Base64::encode_base64('AC123:token', '');
my %sms = (To => '+919800000001', From => '+15005550006',
    Body => "Your booking is confirmed \x{20b9}500");
my $res = $ua->post($http->url . $sms_path, \%sms,
    Authorization => $basic, 'Idempotency-Key' => 'k-1');
is($res->code, 201, 'http: an SMS gets 201');
my $body = eval { $json->decode($res->content) } // {};
like($body->{sid} // '', qr/\ASM[0-9a-f]{32}\z/, 'http: a Twilio-style sid');
is($body->{status}, 'queued', 'http: queued');
is($body->{to}, $sms{To}, 'http: to');
is($body->{body}, $sms{Body}, 'http: body, UTF-8');
is($http->wait_for(qr/^request \d+ /, 5), "request 201 $sms_path",
    'http: a request event');
my @q = $http->requests;
is(scalar @q, 1, 'http: one request recorded');
is_deeply($q[0]{params}, \%sms, 'http: the form fields');
is($q[0]{auth_user}, 'AC123', 'http: the basic-auth user');
is($q[0]{idempotency_key}, 'k-1', 'http: the idempotency key');
is($q[0]{status}, 201, 'http: the status');
is($q[0]{method}, 'POST', 'http: the method');
is($q[0]{path}, $sms_path, 'http: the path');
like($q[0]{content_type}, qr{^application/x-www-form-urlencoded},
    'http: the content type');

$res = $ua->post($http->url . $sms_path, \%sms);
is($res->code, 401, 'http: without auth, 401');
is((eval { $json->decode($res->content) } // {})->{code}, 20003,
    'http: ... with code 20003');
$res = $ua->post($http->url . $sms_path, \%sms, Authorization =>
    'Basic ' . MIME::Base64::encode_base64('AC123:wrong', ''));
is($res->code, 401, 'http: a wrong password, 401');

$http->fail(count => 1, status => 500);
$res = $ua->post($http->url . $sms_path, \%sms, Authorization => $basic);
is($res->code, 500, 'http: an injected 500');
is((eval { $json->decode($res->content) } // {})->{message},
    'injected failure', 'http: ... saying so');
$res = $ua->post($http->url . $sms_path, \%sms, Authorization => $basic);
is($res->code, 201, 'http: then a success');

$http->fail(mode => 'drop');
$res = $ua->post($http->url . $sms_path, \%sms, Authorization => $basic);
ok(($res->header('Client-Warning') // '') eq 'Internal response',
    'http: a dropped connection');
ok($http->wait_for(qr{^request 0 \Q$sms_path\E$}, 5), 'http: dropped: event');

$http->fail(mode => 'slow', seconds => 0.3);
$res = $ua->post($http->url . '/hooks/chat',
    'Content-Type' => 'application/json', Authorization => $basic,
    Content => $json->encode({ text => "Booking #42 \x{2713}" }));
is($res->code, 200, 'http: a JSON post (slowly) gets 200');
is_deeply(eval { $json->decode($res->content) }, { ok => JSON::PP::true },
    'http: ... {"ok": true}');
ok($http->wait_for(qr{^slow /hooks/chat$}, 5), 'http: a slow event');
my $hook = ($http->requests)[-1];
is_deeply($hook->{json}, { text => "Booking #42 \x{2713}" },
    'http: the JSON recorded, decoded');
$res = $ua->post($http->url . '/hooks/chat', Authorization => $basic,
    'Content-Type' => 'text/plain', Content => 'hi');
is($res->code, 415, 'http: another content type, 415');
my @codes = map { $_->{status} } $http->requests;
is("@codes", '201 401 401 500 201 0 200 415', 'http: every request recorded');
ok(!defined $http->wait_for(qr/^request 999 /, 0.2),
    'http: wait_for gives up at its deadline');
ok($http->wait_for(qr/^request 415 /, 1),
    'http: ... and the cursor did not move');

my $open = HomeServe::FakeHTTP->start;
$res = $ua->post($open->url . '/x', { To => '1', Body => 'b' });
is($res->code, 201, 'http: without basic_auth, no auth needed');
is(($open->requests)[0]{auth_user}, undef, 'http: ... auth_user undef');

# --- stopping ------------------------------------------------------------------

for my $fake ($plain, $secure, $smtps, $http, $open) {
	my $pid = $fake->pid;
	$fake->stop;
	ok(!kill(0, -$pid), "stop: no process left of the fake $pid");
}

done_testing;
