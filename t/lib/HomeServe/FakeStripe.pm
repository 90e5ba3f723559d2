# HomeServe::FakeStripe: a small fake of Stripe's REST API on loopback for the tests: checks the secret key, the form-encoded fields and idempotency keys, answers in Stripe's JSON shapes, records every request, and fails on demand.
package HomeServe::FakeStripe;

use strict;
use warnings;

use Carp qw(croak);
use Digest::SHA qw(hmac_sha256_hex);
use HTTP::Daemon;
use HTTP::Response;
use JSON::PP ();
use LWP::UserAgent;
use MIME::Base64 ();
use POSIX qw(_exit);
use URI::Escape qw(uri_unescape);

# What the tests configure the stack with; anything else is refused.
our $SECRET_KEY = 'sk_test_homeserve_fake_4eC39HqLyjWDarjtT1zdp7dc';
our $WEBHOOK_SECRET = 'whsec_homeserve_fake_b4Y2kR9sLmQ7xW3v';

my $JSON = JSON::PP->new->canonical->utf8;
my @LIVE;

# --- the test's side --------------------------------------------------------

# start(): a fake Stripe in a child process on 127.0.0.1 and a free
# port.  ->url is what HOMESERVE_STRIPE_API should say.
sub start {
	my ($class) = @_;
	my $daemon = HTTP::Daemon->new(LocalAddr => '127.0.0.1', LocalPort => 0,
	    ReuseAddr => 1, Listen => 20) or croak "fake stripe: listen: $!";
	my $port = $daemon->sockport;
	my $pid = fork() // croak "fork: $!";
	if ($pid == 0) {
		serve($daemon);
		_exit(0);
	}
	close $daemon;
	my $self = bless { pid => $pid, port => $port,
	    url => "http://127.0.0.1:$port",
	    ua => LWP::UserAgent->new(timeout => 10, env_proxy => 0) }, $class;
	$self->{ua}->no_proxy('127.0.0.1');
	push @LIVE, $self;
	return $self;
}

sub url { $_[0]{url} }
sub secret_key { $SECRET_KEY }
sub webhook_secret { $WEBHOOK_SECRET }

sub control {
	my ($self, $path, $data) = @_;
	my $res = $self->{ua}->post("$self->{url}/_control/$path",
	    'Content-Type' => 'application/json',
	    Content => $JSON->encode($data // {}));
	croak "fake stripe: /_control/$path: " . $res->status_line
	    unless $res->is_success;
	return $JSON->decode($res->content);
}

# requests(): every API request so far, oldest first: hashes of method,
# path, query, params (decoded form fields), auth, idempotency_key,
# version, content_type, status, replayed.
sub requests { @{ $_[0]->control('requests')->{requests} } }

# fail(count => N, status => 500, path => REGEX, mode => 'status'|'drop'|'hold'):
# the next N API requests whose path matches answer STATUS (or have
# their connection closed unanswered, or are held unanswered until
# release(), the fake serving other requests meanwhile).
sub fail {
	my ($self, %opt) = @_;
	return $self->control('fail', { count => $opt{count} // 1,
	    status => $opt{status} // 500, path => $opt{path} // '',
	    mode => $opt{mode} // 'status' });
}

# complete(SESSION, card => {brand, last4}): the customer pays on the
# Checkout page: the session is complete and its PaymentIntent
# authorised.  Returns the checkout.session object.
sub complete {
	my ($self, $session, %opt) = @_;
	return $self->control('complete', { session => $session,
	    card => $opt{card} // { brand => 'visa', last4 => '4242' } });
}

# object(ID): the fake's current view of a session, PaymentIntent or
# charge, as the API would show it.
sub object { $_[0]->control('object', { id => $_[1] }) }

sub reset_log { $_[0]->control('reset') }

# release(): every held request is answered now as it would have been
# (whether or not its client is still there).  Returns how many.
sub release { $_[0]->control('release')->{released} }

# event(TYPE, OBJECT, id => ...): a webhook event body, as Stripe sends it.
my $events = 0;
sub event {
	my ($class, $type, $object, %opt) = @_;
	$events++;
	return $JSON->encode({ id => $opt{id} // sprintf('evt_test_%d_%d_%d',
	    $$, time, $events), object => 'event', api_version => '2024-06-20',
	    created => time, livemode => JSON::PP::false, type => $type,
	    pending_webhooks => 1, data => { object => $object } });
}

# sign(BODY, t => TIME, secret => S): a Stripe-Signature header value.
sub sign {
	my ($class, $body, %opt) = @_;
	my $t = $opt{t} // time;
	my $secret = $opt{secret} // $WEBHOOK_SECRET;
	return "t=$t,v1=" . hmac_sha256_hex("$t.$body", $secret);
}

sub stop {
	my ($self) = @_;
	return unless $self->{pid};
	kill 'TERM', $self->{pid};
	waitpid($self->{pid}, 0);
	$self->{pid} = 0;
}

END {
	my $status = $?;
	$_->stop for @LIVE;
	$? = $status;
}

# --- the server's side (the child) ------------------------------------------

my (%objects, %idempotent, @log, @failures, @held, $serial);
my $HELD = \'held';	# handle's answer for a request kept unanswered

sub serve {
	my ($daemon) = @_;
	$SIG{TERM} = sub { _exit(0) };
	$SIG{PIPE} = 'IGNORE';
	# One request per connection: a kept-alive connection from one
	# worker would hold up every other in this single-threaded server.
	while (my $c = $daemon->accept) {
		$c->timeout(10);
		my $req = $c->get_request;
		if ($req) {
			my $res = handle($req, $c);
			next if $res && $res == $HELD;	# answered by release
			if ($res) {
				$res->header(Connection => 'close');
				$c->send_response($res);
			}
		}
		$c->close;
	}
}

sub json_response {
	my ($status, $data, %headers) = @_;
	my $res = HTTP::Response->new($status);
	$res->header('Content-Type' => 'application/json', %headers);
	$res->content($JSON->encode($data));
	return $res;
}

sub error_response {
	my ($status, $type, $message, %extra) = @_;
	return json_response($status, { error => { type => $type,
	    message => $message, %extra } });
}

# "a=1&b[c]=2" into a hash; the raw keys are kept (Stripe's brackets).
sub form_params {
	my ($text) = @_;
	my %p;
	for my $pair (split /&/, $text // '') {
		next if $pair eq '';
		my ($k, $v) = split /=/, $pair, 2;
		($k, $v) = map { my $s = $_ // ''; $s =~ tr/+/ /; uri_unescape($s) }
		    ($k, $v);
		$p{$k} = $v;
	}
	return \%p;
}

sub handle {
	my ($req, $c) = @_;
	my $path = $req->uri->path;
	return control_handle($req, $1) if $path =~ m{^/_control/(\w+)$};
	my $entry = {
		method => $req->method, path => $path,
		query => $req->uri->query // '',
		auth => scalar($req->header('Authorization')) // '',
		idempotency_key => scalar($req->header('Idempotency-Key')),
		version => scalar($req->header('Stripe-Version')),
		content_type => scalar($req->header('Content-Type')) // '',
		params => form_params($req->method eq 'POST' ? $req->content
		    : $req->uri->query),
		# The client's port: which process asked (/proc/net/tcp).
		peer_port => $c->peerport,
	};
	push @log, $entry;
	for my $f (@failures) {
		next if $f->{count} <= 0 || $path !~ /$f->{path}/;
		$f->{count}--;
		$entry->{status} = $f->{mode} eq 'status' ? $f->{status} : 0;
		$entry->{injected} = 1;
		return undef if $f->{mode} eq 'drop';
		if ($f->{mode} eq 'hold') {
			$entry->{held} = 1;
			push @held, [$c, $req, $entry];
			return $HELD;
		}
		return error_response($f->{status}, 'api_error',
		    'An injected failure of the fake Stripe.');
	}
	my $res = api($req, $entry);
	$entry->{status} = $res->code;
	return $res;
}

sub api {
	my ($req, $e) = @_;
	# Stripe takes the key as a bearer token or as a basic-auth user.
	my $basic = 'Basic ' . MIME::Base64::encode_base64("$SECRET_KEY:", '');
	if ($e->{auth} ne "Bearer $SECRET_KEY" && $e->{auth} ne $basic) {
		return error_response(401, 'invalid_request_error',
		    'Invalid API Key provided.');
	}
	if ($e->{method} eq 'POST'
	    && $e->{content_type} !~ m{^application/x-www-form-urlencoded}) {
		return error_response(400, 'invalid_request_error',
		    'The body must be application/x-www-form-urlencoded.');
	}
	my $key = $e->{idempotency_key};
	if (defined $key && $e->{method} eq 'POST') {
		my $sig = $JSON->encode([$e->{path}, $e->{params}]);
		if (my $saved = $idempotent{$key}) {
			if ($saved->{sig} ne $sig) {
				return error_response(400, 'idempotency_error',
				    'Keys for idempotent requests can only be '
				    . 'used with the same parameters they were '
				    . 'first used with.');
			}
			$e->{replayed} = 1;
			my $res = $saved->{res}->clone;
			$res->header('Idempotent-Replayed' => 'true');
			return $res;
		}
		my $res = route($e);
		$idempotent{$key} = { sig => $sig, res => $res->clone };
		return $res;
	}
	return route($e);
}

my @ROUTES = (
	[ 'POST', qr{^/v1/checkout/sessions$}, \&session_create ],
	[ 'GET', qr{^/v1/checkout/sessions/([\w]+)$}, \&session_get ],
	[ 'POST', qr{^/v1/checkout/sessions/([\w]+)/expire$}, \&session_expire ],
	[ 'GET', qr{^/v1/payment_intents/([\w]+)$}, \&intent_get ],
	[ 'POST', qr{^/v1/payment_intents/([\w]+)/capture$}, \&intent_capture ],
	[ 'POST', qr{^/v1/payment_intents/([\w]+)/cancel$}, \&intent_cancel ],
	[ 'POST', qr{^/v1/refunds$}, \&refund_create ],
);

sub route {
	my ($e) = @_;
	for my $r (@ROUTES) {
		my ($method, $re, $code) = @$r;
		next unless $e->{method} eq $method && $e->{path} =~ $re;
		return $code->($e, $1);
	}
	return error_response(404, 'invalid_request_error',
	    "Unrecognized request URL ($e->{method}: $e->{path}).");
}

sub new_id {
	my ($prefix) = @_;
	return sprintf('%s_%s%06d', $prefix, 'Fk' . $$, ++$serial);
}

sub missing {
	my ($p, @names) = @_;
	for my $n (@names) {
		return error_response(400, 'invalid_request_error',
		    "Missing required param: $n.", param => $n)
		    if !defined $p->{$n} || $p->{$n} eq '';
	}
	return undef;
}

sub session_view {
	my ($s) = @_;
	my %v = %$s;
	delete $v{_card};
	$v{url} = undef if $s->{status} ne 'open';
	return \%v;
}

sub session_create {
	my ($e) = @_;
	my $p = $e->{params};
	my $bad = missing($p, qw(mode success_url cancel_url
	    line_items[0][price_data][currency]
	    line_items[0][price_data][unit_amount]
	    line_items[0][price_data][product_data][name]
	    line_items[0][quantity]));
	return $bad if $bad;
	return error_response(400, 'invalid_request_error',
	    'Invalid integer: unit_amount.', param => 'unit_amount')
	    if $p->{'line_items[0][price_data][unit_amount]'} !~ /^[1-9]\d*$/;
	my $id = new_id('cs_test');
	my $amount = $p->{'line_items[0][price_data][unit_amount]'}
	    * $p->{'line_items[0][quantity]'};
	my %metadata = map { /^metadata\[(\w+)\]$/ ? ($1 => $p->{$_}) : () }
	    keys %$p;
	$objects{$id} = {
		id => $id, object => 'checkout.session', mode => $p->{mode},
		status => 'open', payment_status => 'unpaid',
		url => "https://checkout.stripe.com/c/pay/$id#fake",
		amount_total => $amount + 0,
		currency => $p->{'line_items[0][price_data][currency]'},
		client_reference_id => $p->{client_reference_id},
		metadata => \%metadata, payment_intent => undef,
		success_url => $p->{success_url},
		cancel_url => $p->{cancel_url},
		_capture_method => $p->{'payment_intent_data[capture_method]'}
		    // 'automatic',
		_intent_metadata => { map {
		    /^payment_intent_data\[metadata\]\[(\w+)\]$/
		    ? ($1 => $p->{$_}) : () } keys %$p },
	};
	return json_response(200, session_public($objects{$id}));
}

sub session_public {
	my ($s) = @_;
	my $view = session_view($s);
	delete @$view{qw(_capture_method _intent_metadata)};
	return $view;
}

sub session_get {
	my ($e, $id) = @_;
	my $s = $objects{$id};
	return error_response(404, 'invalid_request_error',
	    "No such checkout.session: '$id'", code => 'resource_missing')
	    unless $s && $s->{object} eq 'checkout.session';
	return json_response(200, session_public($s));
}

sub session_expire {
	my ($e, $id) = @_;
	my $s = $objects{$id};
	return error_response(404, 'invalid_request_error',
	    "No such checkout.session: '$id'") unless $s;
	return error_response(400, 'invalid_request_error',
	    'Only Checkout Sessions with a status of open can be expired.')
	    if $s->{status} ne 'open';
	$s->{status} = 'expired';
	return json_response(200, session_public($s));
}

sub intent_view {
	my ($pi, $expand) = @_;
	my %v = map { /^_/ ? () : ($_ => $pi->{$_}) } keys %$pi;
	my $charge = $objects{ $pi->{latest_charge} // '' };
	$v{latest_charge} = $charge ? { %$charge } : undef if $expand;
	return \%v;
}

sub intent_get {
	my ($e, $id) = @_;
	my $pi = $objects{$id};
	return error_response(404, 'invalid_request_error',
	    "No such payment_intent: '$id'", code => 'resource_missing')
	    unless $pi && $pi->{object} eq 'payment_intent';
	my $expand = grep { $_ eq 'latest_charge' }
	    map { $e->{params}{$_} } grep { /^expand\[\d*\]$/ } keys %{ $e->{params} };
	return json_response(200, intent_view($pi, $expand));
}

sub unexpected_state {
	my ($pi, $what) = @_;
	return error_response(400, 'invalid_request_error',
	    "This PaymentIntent could not be $what because it has a status "
	    . "of $pi->{status}.", code => 'payment_intent_unexpected_state',
	    payment_intent => intent_view($pi, 0));
}

sub intent_capture {
	my ($e, $id) = @_;
	my $pi = $objects{$id};
	return error_response(404, 'invalid_request_error',
	    "No such payment_intent: '$id'") unless $pi;
	return unexpected_state($pi, 'captured')
	    if $pi->{status} ne 'requires_capture';
	$pi->{status} = 'succeeded';
	$pi->{amount_received} = $pi->{amount};
	$pi->{amount_capturable} = 0;
	$objects{ $pi->{latest_charge} }{captured} = JSON::PP::true;
	return json_response(200, intent_view($pi, 0));
}

sub intent_cancel {
	my ($e, $id) = @_;
	my $pi = $objects{$id};
	return error_response(404, 'invalid_request_error',
	    "No such payment_intent: '$id'") unless $pi;
	return unexpected_state($pi, 'canceled')
	    if $pi->{status} ne 'requires_capture'
	    && $pi->{status} ne 'requires_payment_method';
	$pi->{status} = 'canceled';
	$pi->{amount_capturable} = 0;
	return json_response(200, intent_view($pi, 0));
}

sub refund_create {
	my ($e) = @_;
	my $p = $e->{params};
	my $bad = missing($p, qw(payment_intent amount));
	return $bad if $bad;
	my $pi = $objects{ $p->{payment_intent} };
	return error_response(404, 'invalid_request_error',
	    "No such payment_intent: '$p->{payment_intent}'") unless $pi;
	return error_response(400, 'invalid_request_error',
	    'This PaymentIntent has not been captured.',
	    code => 'charge_not_captured') if $pi->{status} ne 'succeeded';
	my $charge = $objects{ $pi->{latest_charge} };
	return error_response(400, 'invalid_request_error',
	    "Refund amount ($p->{amount} paise) is greater than unrefunded "
	    . 'amount on charge.', code => 'amount_too_large')
	    if $p->{amount} !~ /^[1-9]\d*$/
	    || $p->{amount} > $charge->{amount} - $charge->{amount_refunded};
	$charge->{amount_refunded} += $p->{amount};
	$charge->{refunded} = $charge->{amount_refunded} == $charge->{amount}
	    ? JSON::PP::true : JSON::PP::false;
	my $id = new_id('re');
	$objects{$id} = { id => $id, object => 'refund',
	    amount => $p->{amount} + 0, currency => $pi->{currency},
	    charge => $charge->{id}, payment_intent => $pi->{id},
	    status => 'succeeded' };
	return json_response(200, $objects{$id});
}

# --- control (the tests talk to the fake here) ------------------------------

sub control_handle {
	my ($req, $what) = @_;
	my $in = length($req->content) ? $JSON->decode($req->content) : {};
	if ($what eq 'requests') {
		return json_response(200, { requests => \@log });
	} elsif ($what eq 'reset') {
		@log = ();
		@failures = ();
		return json_response(200, {});
	} elsif ($what eq 'fail') {
		push @failures, { count => $in->{count}, status => $in->{status},
		    path => $in->{path}, mode => $in->{mode} };
		return json_response(200, {});
	} elsif ($what eq 'release') {
		my $n = @held;
		for my $h (splice @held) {
			my ($c, $held_req, $entry) = @$h;
			my $res = api($held_req, $entry);
			$entry->{status} = $res->code;
			$res->header(Connection => 'close');
			eval { $c->send_response($res) };	# the client may be gone
			$c->close;
		}
		return json_response(200, { released => $n });
	} elsif ($what eq 'complete') {
		return complete_session($in);
	} elsif ($what eq 'object') {
		my $o = $objects{ $in->{id} // '' };
		return json_response(404, { error => 'no such object' }) unless $o;
		return json_response(200, $o->{object} eq 'checkout.session'
		    ? session_public($o) : $o->{object} eq 'payment_intent'
		    ? intent_view($o, 1) : $o);
	}
	return json_response(404, { error => "no control $what" });
}

# The customer pays on the Checkout page: an authorised PaymentIntent
# (requires_capture in manual mode) with its charge.
sub complete_session {
	my ($in) = @_;
	my $s = $objects{ $in->{session} // '' };
	return json_response(404, { error => 'no such session' })
	    unless $s && $s->{status} eq 'open';
	my $pi_id = new_id('pi');
	my $ch_id = new_id('ch');
	my $manual = $s->{_capture_method} eq 'manual';
	$objects{$ch_id} = { id => $ch_id, object => 'charge',
	    amount => $s->{amount_total}, amount_refunded => 0,
	    captured => $manual ? JSON::PP::false : JSON::PP::true,
	    refunded => JSON::PP::false, currency => $s->{currency},
	    payment_intent => $pi_id, payment_method_details => {
	    type => 'card', card => $in->{card} } };
	$objects{$pi_id} = { id => $pi_id, object => 'payment_intent',
	    amount => $s->{amount_total}, currency => $s->{currency},
	    capture_method => $s->{_capture_method},
	    amount_capturable => $manual ? $s->{amount_total} : 0,
	    amount_received => $manual ? 0 : $s->{amount_total},
	    status => $manual ? 'requires_capture' : 'succeeded',
	    latest_charge => $ch_id, metadata => $s->{_intent_metadata} };
	$s->{status} = 'complete';
	$s->{payment_intent} = $pi_id;
	return json_response(200, session_public($s));
}

1;
