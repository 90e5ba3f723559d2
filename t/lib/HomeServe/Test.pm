# HomeServe::Test: the integration test harness: one private stack per test file, an HTTP client that keeps every page, sqlite3, and the HTML checker.
package HomeServe::Test;

use strict;
use warnings;
use utf8;

use Carp qw(croak);
use Cwd qw(abs_path);
use Encode ();
use Exporter qw(import);
use File::Basename qw(dirname);
use File::Path ();
use File::Temp qw(tempdir);
use HTTP::Response;
use IO::Socket::INET;
use JSON::PP ();
use POSIX qw(_exit strftime);
use Test::More;
use Test::WWW::Mechanize;
use URI::Escape qw(uri_escape uri_unescape);

our @EXPORT = qw(start_stack cgi_sandbox src_dir build_dir node_modules run_command
    header_has_security h1_of decode_html cookie_value set_cookie_of local_time
    not_in_release_check until_true);

# Where the sources and the built binaries are: `make check` says so in
# HS_SRCDIR and HS_BUILDDIR; from the repository, t/.. and t/../build.
my $SRC = $ENV{HS_SRCDIR} // abs_path(dirname(__FILE__) . '/../../..');
my $BUILD = $ENV{HS_BUILDDIR} // "$SRC/build";

sub src_dir { $SRC }

# not_in_release_check(WHY): skips the whole file in make distcheck's
# run of the suite when HS_RELEASE_CHECK is set (.ci/run sets it).  The
# normal and sanitizer runs have run it on the same sources already;
# what distcheck adds is the release tarball and the --enable-static-deps
# link, which WHY says this file does not depend on.  It keeps CI short.
sub not_in_release_check {
	my ($why) = @_;
	return unless $ENV{HS_RELEASE_CHECK};
	Test::More::plan(skip_all => "run by the normal and sanitizer builds: $why");
}

# The npm tools (vnu-jar, playwright-core): the source tree's, unless
# HS_NODE_MODULES names others (a dist tarball has none of its own).
sub node_modules { $ENV{HS_NODE_MODULES} // "$SRC/node_modules" }
sub build_dir { $BUILD }

# Test names and diagnostics hold non-ASCII text (₹, “”).
binmode(Test::More->builder->$_, ':encoding(UTF-8)')
    for qw(output failure_output todo_output);

my @LIVE;	# stacks to stop when the test file ends, however it ends

# --- running commands -----------------------------------------------------

# run_command(\@argv, stdin => BYTES, env => {NAME => VALUE}): runs argv
# with the extra environment, stdin from the string, and returns
# (exit status, stdout bytes, stderr bytes).  No shell is involved.
sub run_command {
	my ($argv, %opt) = @_;
	my $dir = tempdir('hs-run-XXXXXX', TMPDIR => 1, CLEANUP => 1);
	my ($in, $out, $err) = map { "$dir/$_" } qw(in out err);
	write_file($in, $opt{stdin} // '');
	my $pid = fork() // croak "fork: $!";
	if ($pid == 0) {
		my %env = %{ $opt{env} // {} };
		for my $name (keys %env) {
			if (defined $env{$name}) {
				$ENV{$name} = $env{$name};
			} else {
				delete $ENV{$name};
			}
		}
		open(STDIN, '<', $in) or _exit(126);
		open(STDOUT, '>', $out) or _exit(126);
		open(STDERR, '>', $err) or _exit(126);
		{ no warnings q(exec); exec { $argv->[0] } @$argv; }
		print STDERR "exec $argv->[0]: $!\n";
		_exit(127);
	}
	waitpid($pid, 0);
	my $status = $?;
	my @result = ($status, read_file($out), read_file($err));
	unlink $in, $out, $err;
	rmdir $dir;
	return @result;
}

# local_time(DAYS, HH:MM): what a form's date-and-time field holds for
# that time of day DAYS days from now as India reads it (YYYY-MM-DDTHH:MM),
# the display time zone's clock (HOMESERVE_TZ) of every test stack.
sub local_time {
	my ($days, $hhmm) = @_;
	my $s;
	{
		local $ENV{TZ} = 'Asia/Kolkata';
		POSIX::tzset();
		$s = strftime("%Y-%m-%dT$hhmm", localtime(time + $days * 86400));
	}
	POSIX::tzset();
	return $s;
}

sub read_file {
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or return '';
	local $/;
	my $s = <$fh>;
	return $s // '';
}

sub write_file {
	my ($path, $bytes) = @_;
	open(my $fh, '>:raw', $path) or croak "cannot write $path: $!";
	print {$fh} $bytes;
	close($fh) or croak "cannot write $path: $!";
}

# --- small helpers for the test files -------------------------------------

# The text of the first <h1>, tags dropped, entities decoded.
sub h1_of {
	my ($html) = @_;
	$html = $html->decoded_content if ref $html;
	return undef unless defined $html && $html =~ m{<h1[^>]*>(.*?)</h1>}s;
	my $t = $1;
	$t =~ s/<[^>]*>//g;
	return decode_html($t);
}

sub decode_html {
	require HTML::Entities;
	return HTML::Entities::decode_entities($_[0]);
}

# The Set-Cookie header that sets NAME (the last one), or undef.
sub set_cookie_of {
	my ($res, $name) = @_;
	my @all = grep { /^\Q$name\E=/ } $res->header('Set-Cookie');
	return $all[-1];
}

# The value NAME has in a Set-Cookie header of the response, or undef.
sub cookie_value {
	my ($res, $name) = @_;
	my $h = set_cookie_of($res, $name) // return undef;
	return $h =~ /^\Q$name\E=([^;]*)/ ? $1 : undef;
}

# Checks (as tests) the headers every dynamic page must carry.
sub header_has_security {
	my ($res, $what) = @_;
	my $csp = $res->header('Content-Security-Policy');
	my $ok = 1;
	$ok &= ok(defined $csp && $csp =~ /default-src 'none'/,
	    "$what: Content-Security-Policy with default-src 'none'");
	$ok &= ok(defined $csp && $csp !~ /unsafe-inline|unsafe-eval/,
	    "$what: CSP allows no unsafe-inline or unsafe-eval");
	$ok &= is($res->header('X-Content-Type-Options'), 'nosniff',
	    "$what: X-Content-Type-Options nosniff");
	$ok &= is($res->header('X-Frame-Options'), 'DENY',
	    "$what: X-Frame-Options DENY");
	$ok &= ok(($res->header('Referrer-Policy') // '') ne '',
	    "$what: Referrer-Policy set");
	return $ok;
}

# --- the stack ------------------------------------------------------------

sub free_port {
	my $sock = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
	    LocalPort => 0, Proto => 'tcp', Listen => 1, ReuseAddr => 1)
	    or croak "cannot find a free port: $!";
	my $port = $sock->sockport;
	close $sock;
	return $port;
}

# A data dir, sanitizer settings and page store, without starting anything.
sub new_sandbox {
	my ($class, %opt) = @_;
	my $data = tempdir('hs-XXXXXX', TMPDIR => 1,
	    CLEANUP => !$ENV{HS_KEEP});
	mkdir "$data/$_" for qw(log pages);
	my $self = bless {
		data => $data,
		db => "$data/homeserve.db",
		pages => 0,
		page_label => {},
		running => 0,
		finished => 0,
	}, $class;
	diag("data dir kept: $data") if $ENV{HS_KEEP};
	push @LIVE, $self;
	return $self;
}

# The environment every HomeServe program gets from the tests.
sub env {
	my ($self) = @_;
	return (
		HOMESERVE_DATA => $self->{data},
		HOMESERVE_SHARE => $SRC,
		HOMESERVE_BUILD => $BUILD,
		HOMESERVE_WORKERS => 2,
		HOMESERVE_SEED => 1,
		# The background worker's clock would act on a test's bookings
		# at a moment of its own choosing: a test that wants it says
		# HOMESERVE_WORKER => 1 (t/89-worker.t); the others run its
		# jobs with run_due, on a clock they set.
		HOMESERVE_WORKER => 0,
		ASAN_OPTIONS => 'detect_leaks=1:abort_on_error=0:'
		    . "log_path=$self->{data}/log/asan",
		UBSAN_OPTIONS => 'print_stacktrace=1:'
		    . "log_path=$self->{data}/log/ubsan",
		%{ $self->{extra_env} // {} },
	);
}

# start_stack(env => {NAME => VALUE}, files => {PATH => BYTES},
# restore => DIR, prepare => CODE): a running stack on free ports with
# the sample data;
# env reaches every program of the stack, files (relative to the data
# dir, e.g. keys/stripe_secret_key, made 0600) are written before it
# starts; restore starts it on the backup in DIR instead (homeserve-ctl
# restore, no sample data added); prepare is called with the new data
# dir before the stack is made in it (t/123 mounts a small disk there).  A
# port can be taken between finding it free and nginx binding it (test
# files run in parallel), so a failed start is tried again on new ports.
sub start_stack {
	my (%opt) = @_;
	my $self = __PACKAGE__->new_sandbox;
	my ($rc, $out, $err);
	$self->{extra_env} = { %{ $opt{env} // {} } };
	$opt{prepare}->($self->{data}) if $opt{prepare};
	if (defined $opt{restore}) {
		$self->{extra_env}{HOMESERVE_SEED} = 0;
		my ($rc, $out, $err) = $self->ctl('restore', $opt{restore});
		die "homeserve-ctl restore failed ($rc):\n$out$err" if $rc != 0;
	}
	for my $path (sort keys %{ $opt{files} // {} }) {
		my $dir = dirname("$self->{data}/$path");
		File::Path::make_path($dir, { mode => 0700 }) unless -d $dir;
		write_file("$self->{data}/$path", $opt{files}{$path});
		chmod 0600, "$self->{data}/$path";
	}
	for my $attempt (1 .. 3) {
		$self->{port} = free_port();
		do { $self->{tls_port} = free_port() }
		    while $self->{tls_port} == $self->{port};
		($rc, $out, $err) = run_command(["$SRC/script/stack", 'start'],
		    env => { $self->env, HOMESERVE_PORT => $self->{port},
		    HOMESERVE_TLS_PORT => $self->{tls_port} });
		last if $rc == 0;
	}
	# Dying fails this file only; the others still run and report.
	die "script/stack start failed ($rc):\n$out$err" if $rc != 0;
	$self->{running} = 1;
	$self->{base} = "http://127.0.0.1:$self->{port}";
	$self->{tls_base} = "https://127.0.0.1:$self->{tls_port}";
	return $self;
}

# cgi_sandbox(): a migrated and seeded database for running the areas as
# plain CGI programs; no server.
sub cgi_sandbox {
	my $self = __PACKAGE__->new_sandbox;
	$self->make_secrets;
	for my $cmd (qw(migrate seed)) {
		my ($rc, $out, $err) = run_command(
		    ["$BUILD/tools/homeserve-ctl", $cmd], env => { $self->env });
		croak "homeserve-ctl $cmd failed ($rc): $out$err" if $rc != 0;
	}
	return $self;
}

# The secrets script/stack makes for a new data dir (keys/app.key, the
# Ed25519 signing key pair), made the same way for a server-less sandbox.
sub make_secrets {
	my ($self) = @_;
	my $keys = "$self->{data}/keys";
	mkdir $keys, 0700;
	open(my $rand, '<:raw', '/dev/urandom') or croak "/dev/urandom: $!";
	read($rand, my $secret, 32) == 32 or croak 'short read: /dev/urandom';
	close $rand;
	write_file("$keys/app.key", unpack('H*', $secret) . "\n");
	chmod 0600, "$keys/app.key";
	my ($rc, $out, $err) = run_command(['openssl', 'genpkey', '-algorithm',
	    'ed25519', '-out', "$keys/signing.pem"]);
	croak "openssl genpkey: $err" if $rc != 0;
	($rc, $out, $err) = run_command(['openssl', 'pkey', '-in',
	    "$keys/signing.pem", '-pubout', '-out', "$keys/signing.pub"]);
	croak "openssl pkey: $err" if $rc != 0;
}

# ctl(ARGS...): homeserve-ctl with this stack's environment: (exit
# status, stdout, stderr).
sub ctl {
	my ($self, @args) = @_;
	return run_command(["$BUILD/tools/homeserve-ctl", @args],
	    env => { $self->env });
}

# run_due(now => UTC_SECONDS): one pass of the background worker (the
# timed jobs, then every message due) as if it were then; dies if the
# command fails.  Returns {job => count, ..., delivered => count}.
sub run_due {
	my ($self, %opt) = @_;
	my @args = ('run-due');
	push @args, "--now=\@$opt{now}" if defined $opt{now};
	my ($rc, $out, $err) = $self->ctl(@args);
	die "homeserve-ctl @args failed ($rc):\n$out$err" if $rc != 0;
	return { map { /^([\w-]+): (\d+)$/ ? ($1 => $2) : () } split /\n/, $out };
}

# mails(): every email in log/mail.mbox (no SMTP server configured),
# oldest first, parsed by HomeServe::Mail; their HTML parts are kept
# for the HTML checker like pages.
sub mails {
	my ($self) = @_;
	require HomeServe::Mail;
	my @all = map { HomeServe::Mail::parse_mail($_) }
	    HomeServe::Mail::mbox_messages(read_file("$self->{data}/log/mail.mbox"));
	$self->keep_mail_html(@all);
	return @all;
}

# keep_mail_html(MAILS...): each HTML part once, for check_html.
sub keep_mail_html {
	my ($self, @mails) = @_;
	for my $m (@mails) {
		next unless defined $m->{html}
		    && !$self->{mail_kept}{$m->{message_id} // ''}++;
		$self->save_page(Encode::encode('UTF-8', $m->{html}),
		    'email ' . ($m->{message_id} // '?'));
	}
}

# sms(): every line of log/sms.log (no SMS gateway configured), oldest
# first, as {at, to, text}.
sub sms {
	my ($self) = @_;
	return map { /^(\S+) (\S+) (.*)$/ ? { at => $1, to => $2,
	    text => Encode::decode('UTF-8', $3) } : () }
	    split /\n/, read_file("$self->{data}/log/sms.log");
}

sub base { $_[0]{base} }
sub tls_base { $_[0]{tls_base} }
sub data { $_[0]{data} }
sub db { $_[0]{db} }
sub url { $_[0]{base} . $_[1] }
sub tls_url { $_[0]{tls_base} . $_[1] }

# --- HTTP clients ---------------------------------------------------------

# mech(redirects => 1, gzip => 1): a Test::WWW::Mechanize whose HTML
# responses are all kept for check_html.  It follows no redirect unless
# asked to.  It asks for uncompressed answers (nginx gzips text), so
# tests compare exact bytes, unless gzip => 1 (as browsers ask).
sub mech {
	my ($self, %opt) = @_;
	my $mech = Test::WWW::Mechanize->new(
		autocheck => 0,
		max_redirect => $opt{redirects} ? 7 : 0,
		stack_depth => 5,
		agent => $opt{agent} // 'HomeServe-tests/1',
		ssl_opts => { verify_hostname => 0, SSL_verify_mode => 0 },
	);
	$mech->add_header('Accept-Encoding' => 'identity') unless $opt{gzip};
	$mech->add_handler(response_done => sub {
		my ($res) = @_;
		$self->keep_response($res);
		return;
	});
	return $mech;
}

# Keep an HTML response body for the checker, labelled with its request.
# Redirects are left out: no browser shows their bodies (nginx's own 301
# carries a bare 1990s page).
sub keep_response {
	my ($self, $res) = @_;
	my $type = $res->header('Content-Type') // '';
	return unless $type =~ m{^text/html}i && length($res->content // '')
	    && !$res->is_redirect;
	my $req = $res->request;
	my $label = $req ? $req->method . ' ' . $req->uri : '?';
	# The page as sent, gzip undone (charset => 'none': still bytes).
	my $bytes = $res->decoded_content(charset => 'none') // $res->content;
	$self->save_page($bytes, $label . ' → ' . $res->code);
}

# save_page(BYTES, LABEL): one more page for check_html.
sub save_page {
	my ($self, $bytes, $label) = @_;
	my $file = sprintf('%s/pages/%03d.html', $self->{data},
	    ++$self->{pages});
	write_file($file, $bytes);
	$self->{page_label}{$file} = $label;
	return $file;
}

# The csrf_token of the first form on the mech's current page.
sub csrf {
	my ($self, $mech) = @_;
	my $html = $mech->content // '';
	return $html =~ /name="csrf_token" value="([^"]*)"/ ? $1 : undef;
}

# login(MECH, USER, PASSWORD, next => PATH, tls => 1, form => {extra}):
# GET /login, then POST the form with its own csrf_token and next.
# Returns the POST's response (a 303 when it works).
sub login {
	my ($self, $mech, $user, $pass, %opt) = @_;
	my $base = $opt{tls} ? $self->{tls_base} : $self->{base};
	my $path = '/login';
	$path .= '?next=' . uri_escape($opt{next}) if defined $opt{next};
	my $res = $mech->get("$base$path");
	croak "GET $path answered " . $res->status_line if $res->code != 200;
	my $form = $mech->form_with_fields('username', 'password')
	    or croak "no sign-in form on $path";
	my %fields = (
		csrf_token => $form->value('csrf_token'),
		next => $form->value('next') // '',
		username => $user,
		password => $pass,
		%{ $opt{form} // {} },
	);
	return $mech->post("$base/login", \%fields);
}

# login_ok(MECH, USER, PASSWORD, LOCATION): login, checked as one test.
sub login_ok {
	my ($self, $mech, $user, $pass, $where, %opt) = @_;
	my $res = $self->login($mech, $user, $pass, %opt);
	my $ok = $res->code == 303
	    && ($res->header('Location') // '') eq $where;
	ok($ok, "$user signs in and goes to $where")
	    or diag('got ' . $res->status_line . ' Location: '
	    . ($res->header('Location') // 'none'));
	return $res;
}

# POST a form with the CSRF token of the mech's current page (or
# csrf => TOKEN; csrf => undef sends none).
sub post_form {
	my ($self, $mech, $path, $fields, %opt) = @_;
	my $csrf = exists $opt{csrf} ? $opt{csrf} : $self->csrf($mech);
	my @pairs = ref $fields eq 'HASH' ? %$fields : @$fields;
	push @pairs, csrf_token => $csrf if defined $csrf;
	# The booking form's one-time key, as a browser sends the form it shows.
	my %given = @pairs;
	push @pairs, form_key => $1 if $path =~ m{/bookings/new\z}
	    && !exists $given{form_key}
	    && ($mech->content // '') =~ /name="form_key" value="([0-9a-f]{32})"/;
	my $url = $path =~ m{^https?://} ? $path : $self->{base} . $path;
	return $mech->post($url, \@pairs);
}

# work_done(CUSTOMER_MECH, VENDOR_MECH, ID): an accepted booking's job
# done through the pages: the vendor starts it with the code the
# customer's page shows, uploads a before and an after photo, and
# completes it.  Returns the completing POST's response.
sub work_done {
	my ($self, $c, $v, $id) = @_;
	require HomeServe::Images;
	my ($code) = $c->get($self->url("/bookings/$id"))->decoded_content
	    =~ m{<p class="otp">(\d{6})</p>};
	$v->get($self->url("/vendor/bookings/$id"));
	$self->post_form($v, "/vendor/bookings/$id/start", { otp => $code // '' });
	$v->get($self->url("/vendor/bookings/$id"));
	my $csrf = $self->csrf($v);
	for my $kind (qw(before after)) {
		$v->post($self->url("/vendor/bookings/$id/photos"),
		    Content_Type => 'form-data', Content => [csrf_token => $csrf,
		    image_type => $kind, image => [undef, "$kind.png",
		    'Content-Type' => 'image/png', Content => HomeServe::Images::test_png()]]);
	}
	$v->get($self->url("/vendor/bookings/$id"));
	return $self->post_form($v, "/vendor/bookings/$id/complete", {});
}

# signed_in(USER...): a browser per sample user (password123), each
# signed in and at their home page, in the order given.
sub signed_in {
	my ($self, @users) = @_;
	return map {
		my $mech = $self->mech;
		$self->login_ok($mech, $_, 'password123', /^vendor/ ? '/vendor/' : '/');
		$mech;
	} @users;
}

# booking_row(CUSTOMER_ID, SERVICE_ID, %COLUMNS): inserts an AC Repair
# booking at 12 Janpath, 110001 (pending, tomorrow, unless COLUMNS say
# otherwise, e.g. vendor_id, status, scheduled_at); returns its id.
sub booking_row {
	my ($self, $customer, $service, %col) = @_;
	my $now = CORE::time();	# whole seconds: the columns are STRICT
	my %row = (customer_id => $customer, service_id => $service,
	    category => 'ac', address => '12 Janpath, New Delhi',
	    pincode => '110001', scheduled_at => $now + 86400,
	    duration_minutes => 90, price_paise => 50000, notes => '',
	    status => 'pending', created_at => $now, updated_at => $now, %col);
	my @names = sort keys %row;
	$self->sql('INSERT INTO bookings (' . join(', ', @names) . ') VALUES ('
	    . join(', ', ('?') x @names) . ')', @row{@names});
	return $self->sql_value('SELECT max(id) FROM bookings');
}

# started_job(CUSTOMER_ID, VENDOR_ID, SERVICE_ID): an AC Repair job
# started two hours ago with its before and after photos on record (the
# files are not there), ready for the vendor to complete; returns its id.
sub started_job {
	my ($self, $customer, $vendor, $service) = @_;
	my $now = CORE::time();
	my $id = $self->booking_row($customer, $service, vendor_id => $vendor,
	    status => 'in_progress', scheduled_at => $now - 7200,
	    created_at => $now - 90000);
	for my $kind (qw(before after)) {
		$self->sql(q{INSERT INTO photos (booking_id, kind, file,
		    content_type, size, uploaded_by, created_at) VALUES (?, ?, ?,
		    'image/jpeg', 100, ?, unixepoch())}, $id, $kind,
		    sprintf('%032x.jpg', ++$self->{photo_files}), $vendor);
	}
	return $id;
}

# raw_http(BYTES): one request over a fresh connection, exactly as
# given; returns the response as an HTTP::Response (kept if it is HTML).
# Reading stops at the end of the body Content-Length announces, so a
# server that lingers on the connection does not hold the test up.
sub raw_http {
	my ($self, $request) = @_;
	my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
	    PeerPort => $self->{port}, Proto => 'tcp', Timeout => 20)
	    or croak "connect: $!";
	binmode $sock;
	local $SIG{PIPE} = 'IGNORE';
	syswrite($sock, $request);
	my $reply = '';
	while (1) {
		if ($reply =~ /\r\n\r\n/) {
			my ($head, $body) = split /\r\n\r\n/, $reply, 2;
			last if $head =~ /^Content-Length:\s*(\d+)/mi
			    && length($body) >= $1;
		}
		my $n = sysread($sock, my $chunk, 65536);
		last if !$n;
		$reply .= $chunk;
	}
	close $sock;
	my $res = HTTP::Response->parse($reply);
	my $label = ($request =~ /^(\S+ \S+)/ ? $1 : 'raw') . ' → '
	    . ($res->code // '?');
	my $type = $res->header('Content-Type') // '';
	$self->save_page($res->content, $label)
	    if $type =~ m{^text/html}i && length $res->content;
	return $res;
}

# --- plain CGI ------------------------------------------------------------

# cgi(AREA, method => 'GET', uri => '/path?query', body => BYTES,
# type => CONTENT_TYPE, cookie => 'a=b', remote_addr => IP, env => {...}):
# runs build/cgi-bin/AREA once as a plain CGI program.  Returns a hash:
# status (number), headers (HTTP::Headers), head (the raw header text),
# body, stderr, exit.  HTML bodies are kept for check_html.
sub cgi {
	my ($self, $area, %req) = @_;
	my $method = $req{method} // 'GET';
	my $uri = $req{uri} // '/';
	my ($path, $query) = split /\?/, $uri, 2;
	my %env = (
		$self->env,
		GATEWAY_INTERFACE => 'CGI/1.1',
		SERVER_PROTOCOL => 'HTTP/1.1',
		SERVER_NAME => 'localhost',
		SERVER_PORT => '80',
		REQUEST_METHOD => $method,
		REQUEST_URI => $uri,
		QUERY_STRING => $query // '',
		SCRIPT_NAME => '',
		PATH_INFO => undef,
		REMOTE_ADDR => $req{remote_addr} // '192.0.2.10',
		HTTP_USER_AGENT => 'HomeServe-tests/1 (CGI)',
		HTTP_HOST => 'localhost',
		HTTP_COOKIE => $req{cookie},
		HTTPS => undef,
		CONTENT_TYPE => defined $req{body}
		    ? $req{type} // 'application/x-www-form-urlencoded' : undef,
		CONTENT_LENGTH => defined $req{body} ? length $req{body} : undef,
		%{ $req{env} // {} },
	);
	my ($rc, $out, $err) = run_command(["$BUILD/cgi-bin/$area"],
	    stdin => $req{body} // '', env => \%env);
	my ($head, $body) = split /\r?\n\r?\n/, $out, 2;
	my $headers = HTTP::Headers->new;
	for my $line (split /\r?\n/, $head // '') {
		$headers->push_header($1, $2) if $line =~ /^([^:]+):\s*(.*)$/;
	}
	my ($status) = ($headers->header('Status') // '') =~ /^(\d{3})/;
	my %res = (status => $status // 0, headers => $headers,
	    head => $head // '', body => $body // '', stderr => $err,
	    exit => $rc);
	$self->save_page($res{body}, "CGI $area $method $uri → " . $res{status})
	    if ($headers->header('Content-Type') // '') =~ m{^text/html}
	    && length $res{body} && $res{status} !~ /^3/;
	return \%res;
}

# --- the database ---------------------------------------------------------

sub sql_quote {
	my ($v) = @_;
	return 'NULL' unless defined $v;
	return $v if $v =~ /^-?(?:0|[1-9][0-9]{0,17})$/;
	(my $q = $v) =~ s/'/''/g;
	return "'$q'";
}

# sql_on(DB, QUERY, BINDS...): runs one statement through the sqlite3
# command-line shell; each ? is replaced by a quoted bind value.  Returns
# the rows as hashes (character strings); dies with sqlite3's message.
sub sql_on {
	my ($db, $query, @binds) = @_;
	my $n = () = $query =~ /\?/g;
	croak "sql: $n placeholders, " . scalar(@binds) . ' values'
	    if $n != @binds;
	$query =~ s/\?/sql_quote(shift @binds)/ge;
	$query .= ';' unless $query =~ /;\s*\z/;
	my ($rc, $out, $err) = run_command(['sqlite3', '-bail', '-json',
	    '-cmd', '.timeout 10000', $db],
	    stdin => Encode::encode('UTF-8', $query));
	die "sqlite3: " . Encode::decode('UTF-8', $err || "exit $rc") . "\n"
	    if $rc != 0 || $err ne '';
	return [] if $out !~ /\S/;
	return JSON::PP->new->utf8->decode($out);
}

sub sql {
	my ($self, $query, @binds) = @_;
	return sql_on($self->{db}, $query, @binds);
}

# The first column of the first row, or undef.
sub sql_value {
	my ($self, $query, @binds) = @_;
	my $rows = $self->sql($query, @binds);
	return undef unless @$rows;
	my ($col) = keys %{ $rows->[0] };
	return $rows->[0]{$col};
}

# relax_booking_rules(): for a test that books far more than one customer
# may (booking_rules.c) or starts jobs long before their time, on
# purpose: the caps and the start window as wide as the settings go.
# t/107-booking-rules.t tests the rules themselves at their defaults.
sub relax_booking_rules {
	my ($self) = @_;
	$self->sql(q{INSERT INTO settings (key, value, updated_at) VALUES
	    ('max_pending_per_customer', '10000', unixepoch()),
	    ('max_bookings_per_day', '100000', unixepoch()),
	    ('start_early_minutes', '43200', unixepoch())
	    ON CONFLICT (key) DO UPDATE SET value = excluded.value});
}

# --- the end of a test file -----------------------------------------------

# check_html(): the Nu HTML Checker over every kept page, once; each
# error is a failed test naming the page and the request that made it.
sub check_html {
	my ($self) = @_;
	my @files = map { sprintf('%s/pages/%03d.html', $self->{data}, $_) }
	    1 .. $self->{pages};
	my $jar = node_modules() . "/vnu-jar/build/dist/vnu.jar";
	unless (@files) {
		fail('check_html: no HTML pages were kept to check');
		return;
	}
	my ($java) = grep { -x "$_/java" } split /:/, $ENV{PATH} // '';
	unless ($java) {
		fail('check_html: no java (the Nu HTML Checker needs it)');
		return;
	}
	unless (-f $jar) {
		fail("check_html: no $jar (run npm install in $SRC)");
		return;
	}
	# The checker needs a deep thread stack (1m overflows on some
	# pages); the C1 compiler alone and the serial collector make one
	# short run several times faster.
	my ($rc, $out, $err) = run_command(['java', '-Xss8m',
	    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', $jar,
	    '--errors-only', '--format', 'text', @files]);
	# The text format gives each problem as "Error: MESSAGE" and then
	# "From line L, column C; to line ... in resource file:PATH" (or "At
	# line L, column C in resource ...").
	my (@errors, $message);
	for my $line (split /\n/, Encode::decode('UTF-8', $out . $err)) {
		next if $line !~ /\S/
		    || $line =~ /^Document checking completed\./;
		if ($line =~ /^((?:From|At) line .*?) in resource (?:file:)?(.+)$/) {
			my ($where, $file) = ($1, uri_unescape($2));
			my $label = $self->{page_label}{$file} // '';
			push @errors, "$file ($label) $where: "
			    . ($message // '(no message)');
			undef $message;
		} else {
			push @errors, $message if defined $message;
			$message = $line;
		}
	}
	push @errors, $message if defined $message;
	if ($rc != 0 && !@errors) {
		push @errors, "vnu exited with status $rc and said nothing";
	}
	if (@errors) {
		fail("HTML check: $_") for @errors;
	} else {
		pass('HTML check: ' . scalar(@files) . ' page(s) are valid');
	}
}

# expect_in_logs(REGEX...): log lines a test causes on purpose (a worker
# it kills: its supervisor's "exited (status 9)", nginx's failed
# upstream for that request); log_problems passes over them.
sub expect_in_logs {
	my ($self, @patterns) = @_;
	push @{ $self->{expected_log} }, @patterns;
}

# until_true(SECONDS, CODE): polls CODE every 50 ms until it returns
# true or SECONDS pass; returns its last value.  For what a test waits
# on another process to do, instead of a sleep of a guessed length.
sub until_true {
	my ($seconds, $code) = @_;
	my $deadline = time + $seconds;
	while (1) {
		my $v = $code->();
		return $v if $v || time > $deadline;
		select(undef, undef, undef, 0.05);
	}
}

# What went wrong in the logs: sanitizer reports, fatal errors, workers
# that died.  Returns a list of (name, text) problems.
sub log_problems {
	my ($self) = @_;
	my $log = "$self->{data}/log";
	my @expected = @{ $self->{expected_log} // [] };
	my $unexpected = sub { my ($line) = @_; !grep { $line =~ $_ } @expected };
	my @problems;
	opendir(my $dh, $log) or return ();
	for my $name (sort readdir $dh) {
		next unless $name =~ /^(?:asan|ubsan)/;
		push @problems, "sanitizer report $log/$name",
		    read_file("$log/$name");
	}
	closedir $dh;
	for my $area (qw(booking vendor ops admin)) {
		my @bad = grep { /\bfatal\b|exited \(status/ && $unexpected->($_) }
		    split /\n/, read_file("$log/$area.log");
		push @problems, "$area.log reports a fatal error or a dead worker",
		    join("\n", @bad) if @bad;
	}
	# The background worker: a test that kills its processes on purpose
	# says so in allow_worker_deaths.
	my $dead = $self->{allow_worker_deaths} ? qr/\bfatal\b/
	    : qr/\bfatal\b|ended (?:by signal|with status)/;
	my @bad = grep { /$dead/ && $unexpected->($_) }
	    split /\n/, read_file("$log/worker.log");
	push @problems, 'worker.log reports a fatal error or a dead process',
	    join("\n", @bad) if @bad;
	# nginx's view: a worker that died mid-request or was not there.
	@bad = grep {
		(/\[(?:alert|crit|emerg)\]/
		    || /upstream prematurely closed|connect\(\) to unix:\S+ failed/)
		    && $unexpected->($_)
	} split /\n/, read_file("$log/nginx-error.log");
	push @problems, 'nginx-error.log reports failed upstreams or worse',
	    join("\n", @bad) if @bad;
	push @problems, 'script/stack stop did not stop the stack cleanly',
	    $self->{stop_output} if ($self->{stop_output} // '') ne '';
	return @problems;
}

# stop(): stops the stack, then checks (as tests) that no sanitizer
# report was written and no worker logged a fatal error or died.
sub stop {
	my ($self) = @_;
	$self->shutdown;
	my @problems = $self->log_problems;
	ok(!@problems, 'no sanitizer reports, fatal errors or dead workers')
	    or do {
		while (my ($what, $text) = splice(@problems, 0, 2)) {
			diag("$what:\n$text");
		}
	    };
	$self->{finished} = 1;
}

# finish(): check_html, then stop.
sub finish {
	my ($self) = @_;
	$self->check_html;
	$self->stop;
}

sub shutdown {
	my ($self) = @_;
	return unless $self->{running};
	$self->{running} = 0;
	my ($rc, $out, $err) = run_command(["$SRC/script/stack", 'stop'],
	    env => { $self->env });
	# stop is quiet unless it had to kill something (or failed).
	$self->{stop_output} = "exit $rc: $out$err"
	    if $rc != 0 || "$out$err" ne '';
}

# Interrupted (^C, prove killed by a timeout, prove's output piped into
# a `head` that has quit), a test file still runs its END block and so
# stops its stack.
for my $sig (qw(INT TERM HUP PIPE)) {
	$SIG{$sig} = sub { die "interrupted by SIG$sig\n" }
	    if !defined $SIG{$sig} || $SIG{$sig} eq 'DEFAULT';
}

# A test file that died half-way still stops its stack, and says what the
# logs hold.
END {
	my $status = $?;
	local $SIG{PIPE} = 'IGNORE';	# TAP may have nowhere to go now
	for my $self (@LIVE) {
		next if $self->{finished};
		$self->shutdown;
		my @problems = $self->log_problems;
		while (my ($what, $text) = splice(@problems, 0, 2)) {
			diag("$what:\n$text");
		}
	}
	$? = $status;
}

1;
