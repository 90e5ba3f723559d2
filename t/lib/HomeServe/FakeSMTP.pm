# HomeServe::FakeSMTP: a fake SMTP server on loopback for the tests: ESMTP with STARTTLS or implicit TLS and AUTH, records every accepted message, and misbehaves on demand (refuses recipients, closes mid-message, answers slowly, holds a message until released).
package HomeServe::FakeSMTP;

use strict;
use warnings;

use Carp qw(croak);
use Errno qw(ENXIO);
use Fcntl qw(O_RDWR O_WRONLY O_NONBLOCK);
use IO::Select;
use IO::Socket::INET;
use IO::Socket::SSL;
use MIME::Base64 ();
use POSIX qw(_exit mkfifo WNOHANG);
use Time::HiRes qw(time);
use URI::Escape qw(uri_escape);

use HomeServe::FakeEvents;

our $MAX_SIZE = 10 * 1024 * 1024;	# message bytes, after unstuffing
our $MAX_LINE = 1000;			# bytes in a line, CRLF included
our $MAX_RCPT = 100;
our $MAX_ERRORS = 20;			# then 421 and the connection closes
our $IDLE = 60;				# seconds a client may stay silent

my %ACTIONS = map { $_ => 1 } qw(refuse close slow hold);

# --- the test's side --------------------------------------------------------

# start(tls => 'starttls'|'implicit', auth => [USER, PASSWORD]): a fake
# SMTP server in a child process on 127.0.0.1 and a free port.
sub start {
	my ($class, %opt) = @_;
	my $tls = $opt{tls} // '';
	croak "fake smtp: tls is 'starttls' or 'implicit', not '$tls'"
	    unless $tls =~ /\A(?:|starttls|implicit)\z/;
	my ($user, $password) = @{ $opt{auth} // [] };
	croak 'fake smtp: auth => [USER, PASSWORD]'
	    if $opt{auth} && !(defined $user && defined $password);
	my $listen = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
	    LocalPort => 0, Proto => 'tcp', Listen => 64, ReuseAddr => 1)
	    or croak "fake smtp: listen: $!";
	my $port = $listen->sockport;
	my $ev = HomeServe::FakeEvents->new('fakesmtp');
	mkdir $ev->dir . "/$_" for qw(spool hold);
	my $self = bless { ev => $ev, dir => $ev->dir, port => $port,
	    tls => $tls, user => $user, password => $password }, $class;
	if ($tls) {
		make_certificate($self->{dir});
		$self->{ca_file} = "$self->{dir}/cert.pem";
		$self->{key_file} = "$self->{dir}/key.pem";
	}
	my $scheme = $tls eq 'implicit' ? 'smtps' : 'smtp';
	my $userinfo = defined $user ? uri_escape($user) . '@' : '';
	$self->{url} = "$scheme://${userinfo}127.0.0.1:$port";
	$ev->spawn(sub { serve($self, $listen) });
	close $listen;
	return $self;
}

sub url { $_[0]{url} }
sub port { $_[0]{port} }
sub ca_file { $_[0]{ca_file} }
sub password { $_[0]{password} }
sub user { $_[0]{user} }
sub pid { $_[0]{ev}->pid }

# A self-signed certificate (its own CA) for 127.0.0.1 and localhost,
# made with a config of our own so the system's openssl.cnf plays no part.
sub make_certificate {
	my ($dir) = @_;
	HomeServe::FakeEvents::write_file("$dir/openssl.cnf", <<'EOF');
[req]
distinguished_name = dn
x509_extensions = v3
prompt = no
[dn]
CN = 127.0.0.1
[v3]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
EOF
	my @argv = ('openssl', 'req', '-x509', '-config', "$dir/openssl.cnf",
	    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
	    '-nodes', '-keyout', "$dir/key.pem", '-out', "$dir/cert.pem",
	    '-days', '30');
	my $pid = fork() // croak "fork: $!";
	if ($pid == 0) {
		open(STDIN, '<', '/dev/null');
		open(STDOUT, '>', "$dir/openssl.log");
		open(STDERR, '>&', \*STDOUT);
		{ no warnings 'exec'; exec { $argv[0] } @argv; }
		print STDERR "exec openssl: $!\n";
		_exit(127);
	}
	waitpid($pid, 0);
	croak 'fake smtp: openssl req failed: '
	    . (HomeServe::FakeEvents::read_file("$dir/openssl.log") // '')
	    if $? != 0 || !-s "$dir/cert.pem";
}

# messages(): every accepted message, oldest first: hashes of id,
# mail_from, rcpt (array), data (the bytes after dot-unstuffing, CRLF line
# ends as sent), tls (0|1), auth_user (or undef).
sub messages {
	my ($self) = @_;
	$self->{ev}->drain;
	my @out;
	for my $m ($self->{ev}->records('spool')) {
		my $base = delete $m->{_base};
		$m->{data} = HomeServe::FakeEvents::read_file("$base.eml") // '';
		push @out, $m;
	}
	return @out;
}

# rule(ADDRESS, ACTION, count => N, ...): how the fake treats mail to
# ADDRESS (case-insensitive; '*' is any address without a rule of its
# own) from now on, replacing an earlier rule for ADDRESS.  ACTION:
#   refuse: RCPT is answered with reply => '5xx ...' (550 5.1.1 by default)
#   close:  RCPT accepted, then the connection is closed during DATA,
#           unanswered, once the headers and about half the message are in
#   slow:   the end of DATA is answered after seconds => S (5 by default)
#   hold:   the end of DATA is not answered until release()
#   (a slow or held message is dropped if the client goes away or speaks
#   first, as curl does with a QUIT when its --max-time runs out)
# count => N: the rule applies to N recipients (refuse) or messages, then
# goes; without count it stays.  refuse is looked at at RCPT, close at
# DATA, slow and hold at the end of DATA.
sub rule {
	my ($self, $address, $action, %args) = @_;
	croak "fake smtp: no such action '$action'" unless $ACTIONS{$action};
	croak 'fake smtp: count must be a positive number'
	    if defined $args{count} && $args{count} !~ /\A[1-9]\d*\z/;
	croak "fake smtp: a refusal is '4xx ...' or '5xx ...'"
	    if defined $args{reply} && $args{reply} !~ /\A[45]\d\d [^\r\n]*\z/;
	$self->{ev}->drain;
	my $rule = { address => $address, action => $action,
	    count => $args{count}, reply => $args{reply},
	    seconds => $args{seconds} // 5 };
	$self->{ev}->update_state('rules', sub {
		my ($state) = @_;
		$state->{rules} = [ (grep { lc $_->{address} ne lc $address }
		    @{ $state->{rules} // [] }), $rule ];
	});
	return;
}

sub clear_rules {
	my ($self) = @_;
	$self->{ev}->drain;
	$self->{ev}->update_state('rules', sub { $_[0]{rules} = [] });
	return;
}

# release(): every message held now is answered 250 and recorded.
# Returns how many were held.
sub release {
	my ($self) = @_;
	$self->{ev}->drain;
	my $dir = "$self->{dir}/hold";
	opendir(my $dh, $dir) or return 0;
	my $n = 0;
	for my $name (sort grep { /\A\d+\z/ } readdir $dh) {
		if (sysopen(my $fifo, "$dir/$name", O_WRONLY | O_NONBLOCK)) {
			syswrite($fifo, 'r');
			$n++;
		} elsif ($! == ENXIO) {
			unlink "$dir/$name";	# its handler has gone
		}
	}
	return $n;
}

# wait_for(REGEX, TIMEOUT), events(): see HomeServe::FakeEvents.  Event
# lines: connect, tls, tls-failed, auth USER, auth-failed USER,
# refused RCPT, closed RCPT, slow RCPT, held RCPT, released RCPT,
# dropped RCPT, accepted ID RCPT (one per recipient), too-big,
# line-too-long, pipelined-after-starttls, disconnect, timeout, quit.
sub wait_for { my $self = shift; $self->{ev}->wait_for(@_) }
sub events { $_[0]{ev}->events }

sub stop { $_[0]{ev}->stop }

# --- the server's side (the child) ------------------------------------------

# Accepts connections and forks a handler for each, until TERM or the
# test process is gone; then ends and reaps the handlers.
sub serve {
	my ($self, $listen) = @_;
	my $ev = $self->{ev};
	my $finish = sub {
		local $SIG{TERM} = 'IGNORE';
		kill('TERM', -$$);
		1 while waitpid(-1, 0) > 0;
		_exit(0);
	};
	$SIG{TERM} = $finish;
	my $select = IO::Select->new($listen, $ev->lifeline);
	while (1) {
		my @ready = $select->can_read;
		1 while waitpid(-1, WNOHANG) > 0;
		for my $fh (@ready) {
			$finish->() if $fh == $ev->lifeline;
			my $client = $listen->accept or next;
			my $pid = fork();
			if (defined $pid && $pid == 0) {
				$SIG{TERM} = 'DEFAULT';
				close $listen;
				eval { session($self, $client); 1 }
				    or print STDERR "fake smtp: $@";
				_exit(0);
			}
			close $client;
		}
	}
}

sub session {
	my ($self, $sock) = @_;
	my $c = { self => $self, ev => $self->{ev}, sock => $sock, buf => '',
	    tls => 0, helo => 0, user => undef, errors => 0 };
	$c->{ev}->emit('connect');
	start_tls($c) if $self->{tls} eq 'implicit';
	send_reply($c, '220 127.0.0.1 ESMTP HomeServe FakeSMTP');
	my %commands = (EHLO => \&cmd_ehlo, HELO => \&cmd_helo,
	    STARTTLS => \&cmd_starttls, AUTH => \&cmd_auth,
	    MAIL => \&cmd_mail, RCPT => \&cmd_rcpt, DATA => \&cmd_data,
	    RSET => \&cmd_rset, NOOP => \&cmd_noop, QUIT => \&cmd_quit);
	while (1) {
		my $line = read_line($c);
		if (!defined $line) {
			error($c, '500 5.5.2 Error: line too long');
		} elsif ($line =~ /[\x00-\x08\x0a-\x1f\x7f]/) {
			error($c, '500 5.5.2 Error: bad syntax');
		} elsif ($line =~ /\A([A-Za-z]+)(?:[ \t]+(.*?))?[ \t]*\z/
		    && $commands{ uc $1 }) {
			$commands{ uc $1 }->($c, $2 // '');
		} else {
			error($c, '502 5.5.2 Error: command not recognized');
		}
	}
}

# --- the connection ---------------------------------------------------------

# Waits until DEADLINE (undef: for ever) for the client or EXTRA (a
# handle): 'data' (read into the buffer), 'eof', 'timeout' or 'extra'.
# Ends the process when the test has gone.
sub wait_input {
	my ($c, $deadline, $extra) = @_;
	my $sock = $c->{sock};
	my $life = $c->{ev}->lifeline;
	until ($c->{tls} && $sock->pending) {
		my $left = defined $deadline ? $deadline - time : undef;
		return 'timeout' if defined $left && $left <= 0;
		my @ready = IO::Select->new($sock, $life, $extra // ())
		    ->can_read($left);
		_exit(0) if grep { $_ == $life } @ready;
		return 'extra' if $extra && grep { $_ == $extra } @ready;
		last if grep { $_ == $sock } @ready;
	}
	my $n = sysread($sock, my $chunk, 65536);
	return 'eof' unless $n;
	$c->{buf} .= $chunk;
	return 'data';
}

# Reads more from the client, or ends the session when it has gone or
# been silent for too long.
sub fill {
	my ($c) = @_;
	my $got = wait_input($c, time + $IDLE);
	return if $got eq 'data';
	if ($got eq 'timeout') {
		send_reply($c, '421 4.4.2 127.0.0.1 Error: timeout exceeded');
		$c->{ev}->emit('timeout');
	} else {
		$c->{ev}->emit('disconnect');
	}
	_exit(0);
}

# The next command line without its line end (CRLF, or a bare LF), or
# undef for a line over $MAX_LINE bytes, which is read and thrown away.
sub read_line {
	my ($c) = @_;
	my $too_long = 0;
	while (1) {
		my $i = index($c->{buf}, "\n");
		if ($i >= 0) {
			my $line = substr($c->{buf}, 0, $i + 1, '');
			return undef if $too_long || length($line) > $MAX_LINE;
			$line =~ s/\r?\n\z//;
			return $line;
		}
		if (length($c->{buf}) > $MAX_LINE) {
			$too_long = 1;
			$c->{buf} = '';
		}
		fill($c);
	}
}

sub send_reply {
	my ($c, @lines) = @_;
	my $out = join('', map { "$_\r\n" } @lines);
	while (length $out) {
		my $n = syswrite($c->{sock}, $out);
		if (!$n) {	# the client has gone
			$c->{ev}->emit('disconnect');
			_exit(0);
		}
		substr($out, 0, $n, '');
	}
}

# A 5xx for a command the client should not have sent; too many of them
# and the client is shown the door.
sub error {
	my ($c, $reply) = @_;
	send_reply($c, $reply);
	return if ++$c->{errors} < $MAX_ERRORS;
	send_reply($c, '421 4.7.0 127.0.0.1 Error: too many errors');
	$c->{ev}->emit('disconnect');
	_exit(0);
}

sub start_tls {
	my ($c) = @_;
	my $ok = IO::Socket::SSL->start_SSL($c->{sock}, SSL_server => 1,
	    SSL_cert_file => $c->{self}{ca_file},
	    SSL_key_file => $c->{self}{key_file}, Timeout => 10);
	if (!$ok) {
		$c->{ev}->emit('tls-failed');
		_exit(0);
	}
	$c->{sock}->blocking(1);
	$c->{tls} = 1;
	$c->{ev}->emit('tls');
}

sub reset_transaction {
	my ($c) = @_;
	delete @$c{qw(from size rcpt)};
}

# --- the commands -----------------------------------------------------------

sub cmd_ehlo {
	my ($c, $arg) = @_;
	return error($c, '501 5.5.4 Syntax: EHLO hostname') if $arg eq '';
	my $self = $c->{self};
	my @ext = ("SIZE $MAX_SIZE", '8BITMIME', 'ENHANCEDSTATUSCODES');
	push @ext, 'STARTTLS' if $self->{tls} eq 'starttls' && !$c->{tls};
	push @ext, 'AUTH PLAIN LOGIN' if auth_offered($c);
	my @lines = ('127.0.0.1', @ext);
	$lines[$_] = ($_ == $#lines ? '250 ' : '250-') . $lines[$_]
	    for 0 .. $#lines;
	reset_transaction($c);
	$c->{helo} = 1;
	send_reply($c, @lines);
}

sub cmd_helo {
	my ($c, $arg) = @_;
	return error($c, '501 5.5.4 Syntax: HELO hostname') if $arg eq '';
	reset_transaction($c);
	$c->{helo} = 1;
	send_reply($c, '250 127.0.0.1');
}

# AUTH is offered once TLS is up (at once when the fake has no TLS).
sub auth_offered {
	my ($c) = @_;
	return defined $c->{self}{user} && ($c->{self}{tls} eq '' || $c->{tls});
}

sub cmd_starttls {
	my ($c, $arg) = @_;
	return error($c, '501 5.5.4 Syntax: STARTTLS') if $arg ne '';
	return error($c, '554 5.5.1 Error: TLS already active') if $c->{tls};
	return error($c, '502 5.5.1 Error: command not implemented')
	    if $c->{self}{tls} ne 'starttls';
	if ($c->{buf} ne '') {
		# Plaintext sent after STARTTLS must not count as sent over
		# TLS (the CVE-2011-0411 injection): thrown away.
		$c->{buf} = '';
		$c->{ev}->emit('pipelined-after-starttls');
	}
	send_reply($c, '220 2.0.0 Ready to start TLS');
	start_tls($c);
	# RFC 3207 4.2: everything learnt before TLS is forgotten.
	reset_transaction($c);
	$c->{helo} = 0;
}

# A base64 answer to a 334 challenge, decoded; undef (after the reply) if
# the client cancelled or sent something that is not base64.
sub challenge {
	my ($c, $text) = @_;
	send_reply($c, "334 $text");
	my $line = read_line($c);
	return decode_answer($c, $line);
}

sub decode_answer {
	my ($c, $answer) = @_;
	if (defined $answer && $answer eq '*') {
		error($c, '501 5.7.0 Authentication aborted');
		return undef;
	}
	return '' if defined $answer && $answer eq '=';
	if (!defined $answer || $answer !~ m{\A(?:[A-Za-z0-9+/]{4})*
	    (?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\z}x) {
		error($c, '501 5.5.2 Error: cannot decode response');
		return undef;
	}
	return MIME::Base64::decode_base64($answer);
}

sub cmd_auth {
	my ($c, $arg) = @_;
	my $self = $c->{self};
	return error($c, '503 5.5.1 Error: send HELO/EHLO first')
	    unless $c->{helo};
	return error($c, '503 5.5.1 Error: authentication not enabled')
	    unless defined $self->{user};
	return error($c, '538 5.7.11 Encryption required for requested '
	    . 'authentication mechanism') unless auth_offered($c);
	return error($c, '503 5.5.1 Error: already authenticated')
	    if defined $c->{user};
	return error($c, '503 5.5.1 Error: MAIL transaction in progress')
	    if defined $c->{from};
	my ($mech, $initial, $extra) = split ' ', $arg;
	return error($c, '501 5.5.4 Syntax: AUTH mechanism [initial-response]')
	    if !defined $mech || defined $extra;
	my ($authz, $user, $password);
	if (uc $mech eq 'PLAIN') {
		my $plain = defined $initial ? decode_answer($c, $initial)
		    : challenge($c, '');
		return unless defined $plain;
		my @parts = split /\0/, $plain, -1;
		($authz, $user, $password) = @parts == 3 ? @parts : ('', '', undef);
	} elsif (uc $mech eq 'LOGIN') {
		$user = defined $initial ? decode_answer($c, $initial)
		    : challenge($c, 'VXNlcm5hbWU6');
		return unless defined $user;
		$password = challenge($c, 'UGFzc3dvcmQ6');
		return unless defined $password;
		$authz = '';
	} else {
		return error($c, '504 5.5.4 Unrecognized authentication type');
	}
	if (defined $password && $user eq $self->{user}
	    && $password eq $self->{password}
	    && ($authz eq '' || $authz eq $user)) {
		$c->{user} = $user;
		$c->{ev}->emit("auth $user");
		return send_reply($c, '235 2.7.0 Authentication successful');
	}
	$c->{ev}->emit('auth-failed ' . ($user // ''));
	error($c, '535 5.7.8 Error: authentication failed');
}

sub cmd_mail {
	my ($c, $arg) = @_;
	my $self = $c->{self};
	return error($c, '503 5.5.1 Error: send HELO/EHLO first')
	    unless $c->{helo};
	return error($c, '530 5.7.0 Authentication required')
	    if defined $self->{user} && !defined $c->{user};
	return error($c, '503 5.5.1 Error: nested MAIL command')
	    if defined $c->{from};
	my ($from, $params) = $arg =~ /\AFROM:[ \t]*<([^<>\s]*)>(?:[ \t]+(.*))?\z/i
	    or return error($c, '501 5.5.4 Syntax: MAIL FROM:<address>');
	my $size;
	for my $param (split ' ', $params // '') {
		my ($key, $value) = split /=/, $param, 2;
		if (uc $key eq 'SIZE' && defined $value && $value =~ /\A\d{1,20}\z/) {
			$size = $value;
		} elsif (uc $key eq 'BODY' && defined $value
		    && $value =~ /\A(?:7BIT|8BITMIME)\z/i) {
		} elsif (uc $key eq 'AUTH' && defined $value) {
		} else {
			return error($c, "555 5.5.4 Unsupported option: $param");
		}
	}
	return error($c, '552 5.3.4 Message size exceeds fixed limit')
	    if defined $size && $size > $MAX_SIZE;
	@$c{qw(from size rcpt)} = ($from, $size, []);
	send_reply($c, '250 2.1.0 Ok');
}

sub cmd_rcpt {
	my ($c, $arg) = @_;
	return error($c, '503 5.5.1 Error: need MAIL command')
	    unless defined $c->{from};
	my ($rcpt, $params) = $arg =~ /\ATO:[ \t]*<([^<>\s]+)>(?:[ \t]+(.*))?\z/i
	    or return error($c, '501 5.5.4 Syntax: RCPT TO:<address>');
	return error($c, "555 5.5.4 Unsupported option: $params")
	    if defined $params;
	return send_reply($c, '452 4.5.3 Error: too many recipients')
	    if @{ $c->{rcpt} } >= $MAX_RCPT;
	if (my $rule = take_rule($c, [$rcpt], 'refuse')) {
		$c->{ev}->emit("refused $rcpt");
		return send_reply($c, $rule->{reply} // "550 5.1.1 <$rcpt>: "
		    . 'Recipient address rejected: User unknown');
	}
	push @{ $c->{rcpt} }, $rcpt;
	send_reply($c, '250 2.1.5 Ok');
}

sub cmd_data {
	my ($c, $arg) = @_;
	return error($c, '503 5.5.1 Error: need RCPT command')
	    unless $c->{rcpt} && @{ $c->{rcpt} };
	return error($c, '501 5.5.4 Syntax: DATA') if $arg ne '';
	my $close = take_rule($c, $c->{rcpt}, 'close');
	send_reply($c, '354 End data with <CR><LF>.<CR><LF>');
	my ($data, $too_big, $too_long) = read_data($c, $close);
	my @rcpt = @{ $c->{rcpt} };
	my ($from, $user, $tls) = @$c{qw(from user tls)};
	reset_transaction($c);
	if ($too_big) {
		$c->{ev}->emit('too-big');
		return send_reply($c, '552 5.3.4 Error: message file too big');
	}
	if ($too_long) {
		$c->{ev}->emit('line-too-long');
		return send_reply($c,
		    "554 5.6.0 Error: message line longer than $MAX_LINE bytes");
	}
	if (my $rule = take_rule($c, \@rcpt, 'slow', 'hold')) {
		if ($rule->{action} eq 'slow') {
			$c->{ev}->emit("slow $rule->{rcpt}");
			my $got = wait_input($c, time + $rule->{seconds});
			dropped($c, $rule->{rcpt}) if $got ne 'timeout';
		} else {
			hold($c, $rule->{rcpt});
		}
	}
	my $serial = $c->{ev}->next_serial('spool');
	my $id = sprintf('%06X%04X', $serial, $$ & 0xffff);
	$c->{ev}->write_record('spool', $serial, { id => $id,
	    mail_from => $from, rcpt => \@rcpt, tls => $tls ? 1 : 0,
	    auth_user => $user }, eml => $data);
	$c->{ev}->emit("accepted $id $_") for @rcpt;
	send_reply($c, "250 2.0.0 Ok: queued as $id");
}

# The message after the 354, dot-unstuffed: (bytes, too big, a line too
# long).  CLOSE (a rule): the connection is closed, unanswered, once the
# headers and half the announced SIZE (if any) have been read.
sub read_data {
	my ($c, $close) = @_;
	my ($data, $size, $too_big, $too_long, $in_line, $headers) =
	    ('', 0, 0, 0, 0, 0);
	my $half = ($c->{size} // 0) / 2;
	while (1) {
		my $i = index($c->{buf}, "\r\n");
		if ($i < 0) {
			if (length($c->{buf}) > $MAX_LINE) {
				# Keep the last byte: it may be the CR.
				$too_long = $in_line = 1;
				$c->{buf} = substr($c->{buf}, -1);
			}
			fill($c);
			next;
		}
		my $line = substr($c->{buf}, 0, $i + 2, '');
		my $whole = !$in_line;	# not the end of a long line
		$in_line = 0;
		if ($whole) {
			last if $line eq ".\r\n";
			substr($line, 0, 1, '') if substr($line, 0, 1) eq '.';
		}
		$too_long = 1 if length($line) > $MAX_LINE;
		$size += length $line;
		if ($size > $MAX_SIZE) {
			$too_big = 1;
			$data = '';
		} elsif (!$too_big) {
			$data .= $line;
		}
		$headers = 1 if $whole && $line eq "\r\n";
		close_now($c, $close) if $close && $headers && $size >= $half;
	}
	close_now($c, $close) if $close;	# the message was shorter
	return ($data, $too_big, $too_long);
}

sub close_now {
	my ($c, $rule) = @_;
	$c->{ev}->emit("closed $rule->{rcpt}");
	_exit(0);	# the kernel closes the socket, unanswered
}

# The client went away, or gave up: it spoke (QUIT, as curl does after
# its timeout) before its message was answered.  The message is thrown
# away.
sub dropped {
	my ($c, $rcpt) = @_;
	$c->{ev}->emit("dropped $rcpt");
	send_reply($c, '421 4.4.2 127.0.0.1 Error: the client spoke before '
	    . 'its message was answered') if $c->{buf} ne '';
	_exit(0);
}

# Waits, the message unanswered, until release() writes to this
# handler's FIFO (hold/PID) or the client goes away or speaks.
sub hold {
	my ($c, $rcpt) = @_;
	my $path = "$c->{self}{dir}/hold/$$";
	mkfifo($path, 0600) or die "mkfifo $path: $!\n";
	sysopen(my $fifo, $path, O_RDWR | O_NONBLOCK)
	    or die "open $path: $!\n";
	$c->{ev}->emit("held $rcpt");
	my $got = wait_input($c, undef, $fifo);
	unlink $path;
	dropped($c, $rcpt) if $got ne 'extra';
	$c->{ev}->emit("released $rcpt");
}

sub cmd_rset {
	my ($c, $arg) = @_;
	reset_transaction($c);
	send_reply($c, '250 2.0.0 Ok');
}

sub cmd_noop {
	my ($c) = @_;
	send_reply($c, '250 2.0.0 Ok');
}

sub cmd_quit {
	my ($c) = @_;
	$c->{ev}->emit('quit');
	send_reply($c, '221 2.0.0 Bye');
	$c->{sock}->close;
	_exit(0);
}

# The rule for the first of RCPTS whose rule (its own, else '*') has one
# of ACTIONS, its count taken down by one, with rcpt => that address; or
# undef.
sub take_rule {
	my ($c, $rcpts, @actions) = @_;
	my %want = map { $_ => 1 } @actions;
	return $c->{ev}->update_state('rules', sub {
		my $rules = $_[0]{rules} //= [];
		for my $rcpt (@$rcpts) {
			my ($i) = grep { lc $rules->[$_]{address} eq lc $rcpt }
			    0 .. $#$rules;
			($i) = grep { $rules->[$_]{address} eq '*' } 0 .. $#$rules
			    unless defined $i;
			next unless defined $i && $want{ $rules->[$i]{action} };
			my $r = $rules->[$i];
			splice(@$rules, $i, 1)
			    if defined $r->{count} && --$r->{count} <= 0;
			return { %$r, rcpt => $rcpt };
		}
		return undef;
	});
}

1;
