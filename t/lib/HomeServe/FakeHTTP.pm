# HomeServe::FakeHTTP: a fake of the outgoing HTTP APIs the worker calls (an SMS gateway in Twilio's style and a chat webhook), on loopback: records every request, checks basic auth, fails on demand.
package HomeServe::FakeHTTP;

use strict;
use warnings;

use Carp qw(croak);
use Digest::MD5 qw(md5_hex);
use Encode ();
use HTTP::Daemon;
use HTTP::Response;
use IO::Select;
use JSON::PP ();
use MIME::Base64 ();
use POSIX qw(_exit WNOHANG);
use URI::Escape qw(uri_unescape);

use HomeServe::FakeEvents;

my $JSON = JSON::PP->new->canonical->utf8;
my %MODES = map { $_ => 1 } qw(status drop slow);

# --- the test's side --------------------------------------------------------

# start(basic_auth => [USER, PASSWORD]): the fake in a child process on
# 127.0.0.1 and a free port.  With basic_auth, a request without exactly
# that Authorization gets 401.
sub start {
	my ($class, %opt) = @_;
	my ($user, $password) = @{ $opt{basic_auth} // [] };
	croak 'fake http: basic_auth => [USER, PASSWORD]'
	    if $opt{basic_auth} && !(defined $user && defined $password);
	my $daemon = HTTP::Daemon->new(LocalAddr => '127.0.0.1', LocalPort => 0,
	    ReuseAddr => 1, Listen => 64) or croak "fake http: listen: $!";
	my $port = $daemon->sockport;
	my $ev = HomeServe::FakeEvents->new('fakehttp');
	my $self = bless { ev => $ev, port => $port,
	    url => "http://127.0.0.1:$port", user => $user,
	    password => $password }, $class;
	$ev->spawn(sub { serve($self, $daemon) });
	close $daemon;
	return $self;
}

sub url { $_[0]{url} }
sub port { $_[0]{port} }
sub pid { $_[0]{ev}->pid }

# requests(): every request so far, oldest first: hashes of method,
# path, content_type (the header as sent, or undef), auth_user (the
# Basic user, right or wrong, or undef), idempotency_key (or undef),
# body (the raw bytes), status (as answered; 0 when dropped), and params
# (form fields, UTF-8 decoded) for a form body or json (decoded) for a
# JSON one.
sub requests {
	my ($self) = @_;
	$self->{ev}->drain;
	my @out = $self->{ev}->records('requests');
	delete $_->{_base} for @out;
	return @out;
}

# fail(count => N, status => 500, mode => 'status'|'drop'|'slow',
# seconds => S): the next N requests (1 by default) answer STATUS with
# {"message": "injected failure"}, or have their connection closed
# unanswered (drop), or are answered as usual after S seconds (slow).
# Calls queue up: the second applies once the first is used up.
sub fail {
	my ($self, %opt) = @_;
	my $mode = $opt{mode} // 'status';
	croak "fake http: no such mode '$mode'" unless $MODES{$mode};
	my $failure = { count => $opt{count} // 1, mode => $mode,
	    status => $opt{status} // 500, seconds => $opt{seconds} // 5 };
	croak 'fake http: count must be a positive number'
	    unless $failure->{count} =~ /\A[1-9]\d*\z/;
	$self->{ev}->drain;
	$self->{ev}->update_state('failures',
	    sub { push @{ $_[0]{failures} }, $failure });
	return;
}

sub clear_failures {
	my ($self) = @_;
	$self->{ev}->drain;
	$self->{ev}->update_state('failures', sub { $_[0]{failures} = [] });
	return;
}

# wait_for(REGEX, TIMEOUT), events(): see HomeServe::FakeEvents.  Event
# lines: 'request STATUS PATH' once a request is recorded (STATUS 0 when
# dropped), and 'slow PATH' when a slow answer starts its wait.
sub wait_for { my $self = shift; $self->{ev}->wait_for(@_) }
sub events { $_[0]{ev}->events }

sub stop { $_[0]{ev}->stop }

# --- the server's side (the child) ------------------------------------------

# One process per connection, so a slow answer holds up no other; one
# request per connection.
sub serve {
	my ($self, $daemon) = @_;
	my $ev = $self->{ev};
	my $finish = sub {
		local $SIG{TERM} = 'IGNORE';
		kill('TERM', -$$);
		1 while waitpid(-1, 0) > 0;
		_exit(0);
	};
	$SIG{TERM} = $finish;
	my $select = IO::Select->new($daemon, $ev->lifeline);
	while (1) {
		my @ready = $select->can_read;
		1 while waitpid(-1, WNOHANG) > 0;
		for my $fh (@ready) {
			$finish->() if $fh == $ev->lifeline;
			my $c = $daemon->accept or next;
			my $pid = fork();
			if (defined $pid && $pid == 0) {
				# The daemon stays open: get_request asks it for
				# its URL.
				$SIG{TERM} = 'DEFAULT';
				eval { connection($self, $c); 1 }
				    or print STDERR "fake http: $@";
				_exit(0);
			}
			close $c;
		}
	}
}

sub connection {
	my ($self, $c) = @_;
	$c->timeout(30);
	my $req = $c->get_request or return;
	my $res = handle($self, $req);
	if ($res) {
		$res->header(Connection => 'close');
		$c->send_response($res);
	}
	$c->close;
}

sub json_response {
	my ($status, $data, @headers) = @_;
	my $res = HTTP::Response->new($status);
	$res->header('Content-Type' => 'application/json', @headers);
	$res->content($JSON->encode($data));
	return $res;
}

# The next injected failure, its count taken down by one, or undef.
sub take_failure {
	my ($self) = @_;
	return $self->{ev}->update_state('failures', sub {
		my $failures = $_[0]{failures} //= [];
		my $f = $failures->[0] or return undef;
		shift @$failures if --$f->{count} <= 0;
		return $f;
	});
}

# "a=1&b=%E2%82%B9" into a hash of UTF-8 decoded strings (the last value
# of a repeated field).
sub form_params {
	my ($text) = @_;
	my %p;
	for my $pair (split /&/, $text // '') {
		next if $pair eq '';
		my ($k, $v) = map {
			my $s = $_ // '';
			$s =~ tr/+/ /;
			Encode::decode('UTF-8', uri_unescape($s));
		} split /=/, $pair, 2;
		$p{$k} = $v;
	}
	return \%p;
}

sub handle {
	my ($self, $req) = @_;
	my $ev = $self->{ev};
	my $path = $req->uri->path;
	my $auth = $req->header('Authorization');
	my $auth_user;
	if (defined $auth && $auth =~ /\ABasic ([A-Za-z0-9+\/=]+)\z/) {
		my $pair = MIME::Base64::decode_base64($1);
		$auth_user = $pair =~ /\A([^:]*):/ ? $1 : undef;
	}
	my $type = $req->header('Content-Type');
	my $entry = { method => $req->method, path => $path,
	    content_type => $type, auth_user => $auth_user,
	    idempotency_key => scalar $req->header('Idempotency-Key'),
	    body => $req->content };
	my $media = lc(($type // '') =~ s/;.*//sr =~ s/\s+//gr);
	my $json;
	if ($media eq 'application/x-www-form-urlencoded') {
		$entry->{params} = form_params($req->content);
	} elsif ($media eq 'application/json') {
		$json = eval { $JSON->decode($req->content) };
		$entry->{json} = $json;
	}

	my $res;
	my $failure = take_failure($self);
	if ($failure && $failure->{mode} eq 'drop') {
		record($self, $entry, 0);
		return undef;
	}
	if ($failure && $failure->{mode} eq 'status') {
		$res = json_response($failure->{status},
		    { message => 'injected failure' });
	} else {
		if ($failure) {	# slow
			$ev->emit("slow $path");
			IO::Select->new($ev->lifeline)->can_read($failure->{seconds})
			    and _exit(0);
		}
		$res = answer($self, $req, $entry, $media, $json);
	}
	record($self, $entry, $res->code);
	return $res;
}

sub answer {
	my ($self, $req, $entry, $media, $json) = @_;
	if (defined $self->{user}) {
		my $want = 'Basic ' . MIME::Base64::encode_base64(
		    "$self->{user}:$self->{password}", '');
		return json_response(401, { code => 20003,
		    message => 'Authenticate', status => 401,
		    more_info => 'https://www.twilio.com/docs/errors/20003' },
		    'WWW-Authenticate' => 'Basic realm="HomeServe FakeHTTP"')
		    if ($req->header('Authorization') // '') ne $want;
	}
	return json_response(405, { message => 'Method not allowed' },
	    Allow => 'POST') if $req->method ne 'POST';
	if ($media eq 'application/x-www-form-urlencoded') {
		my $p = $entry->{params};
		return json_response(400, { code => 21604, status => 400,
		    message => "A 'To' phone number is required." })
		    if ($p->{To} // '') eq '';
		return json_response(400, { code => 21602, status => 400,
		    message => 'Message body is required.' })
		    if ($p->{Body} // '') eq '';
		my $sid = 'SM' . md5_hex(join ':', $$, time, rand,
		    $self->{ev}->next_serial('sid'));
		return json_response(201, { sid => $sid, status => 'queued',
		    to => $p->{To}, from => $p->{From}, body => $p->{Body} });
	}
	if ($media eq 'application/json') {
		return json_response(400, { message => 'invalid JSON' })
		    unless defined $json;
		return json_response(200, { ok => JSON::PP::true });
	}
	return json_response(415, { message => 'Unsupported Media Type' });
}

# Saves ENTRY with the status it was answered, then tells the test.
sub record {
	my ($self, $entry, $status) = @_;
	my $ev = $self->{ev};
	$entry->{status} = $status;
	$ev->write_record('requests', $ev->next_serial('requests'), $entry);
	$ev->emit("request $status $entry->{path}");
}

1;
