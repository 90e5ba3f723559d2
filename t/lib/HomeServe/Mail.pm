# HomeServe::Mail: reads the emails the tests catch (an mbox file, or the fake SMTP server's records) into headers and decoded text and HTML parts.
package HomeServe::Mail;

use strict;
use warnings;

use Carp qw(croak);
use Encode ();
use Exporter qw(import);
use MIME::Base64 ();
use MIME::QuotedPrint ();

our @EXPORT_OK = qw(parse_mail mbox_messages);

# mbox_messages(BYTES): the messages of an mboxrd file, oldest first, as
# raw bytes with CRLF line ends (the "From " separators gone, ">From "
# quoting undone).
sub mbox_messages {
	my ($bytes) = @_;
	my @messages;
	for my $entry (split /^From [^\n]*\n/m, $bytes) {
		next if $entry eq '';
		$entry =~ s/\n\z//;		# the blank line after each
		$entry =~ s/^>(>*From )/$1/mg;
		$entry =~ s/\n/\r\n/g;
		push @messages, $entry;
	}
	return @messages;
}

sub decode_body {
	my ($encoding, $body) = @_;
	$encoding = lc($encoding // '7bit');
	return MIME::QuotedPrint::decode_qp($body) if $encoding eq 'quoted-printable';
	return MIME::Base64::decode_base64($body) if $encoding eq 'base64';
	return $body;
}

# Header lines unfolded, as [name, value] pairs in order.
sub header_pairs {
	my ($head) = @_;
	$head =~ s/\r\n[ \t]+/ /g;
	my @pairs;
	for my $line (split /\r\n/, $head) {
		croak "mail: not a header line: $line" unless $line =~ /^([!-9;-~]+):\s*(.*)$/;
		push @pairs, [$1, $2];
	}
	return @pairs;
}

sub split_entity {
	my ($raw) = @_;
	my ($head, $body) = split /\r\n\r\n/, $raw, 2;
	return ($head, $body // '');
}

# parse_mail(RAW): { raw, head (the raw header block), headers => {lower
# name => [values]}, header => sub(name) the first value, subject (decoded
# to characters), from, to, message_id, date, list_unsubscribe, text and
# html (decoded to characters, CRLF made LF), encodings => [per part] }.
sub parse_mail {
	my ($raw) = @_;
	my ($head, $body) = split_entity($raw);
	my %h;
	push @{ $h{lc $_->[0]} }, $_->[1] for header_pairs($head);
	my $m = { raw => $raw, head => $head, headers => \%h, encodings => [] };
	my $first = sub { my $v = $h{lc $_[0]}; $v ? $v->[0] : undef };
	$m->{header} = $first;
	$m->{subject} = Encode::decode('MIME-Header', $first->('Subject') // '');
	$m->{$_->[0]} = $first->($_->[1]) for ['from', 'From'], ['to', 'To'],
	    ['message_id', 'Message-ID'], ['date', 'Date'],
	    ['list_unsubscribe', 'List-Unsubscribe'];
	my $type = $first->('Content-Type') // 'text/plain';
	my @parts;
	if ($type =~ m{^multipart/alternative;\s*boundary="([^"]+)"}i) {
		my $b = $1;
		my ($inside) = $body =~ /(?:^|\r\n)--\Q$b\E\r\n(.*)\r\n--\Q$b\E--\r\n/s
		    or croak 'mail: no multipart body';
		for my $part (split /\r\n--\Q$b\E\r\n/, $inside) {
			my ($ph, $pb) = split_entity($part);
			my %ph = map { (lc $_->[0] => $_->[1]) } header_pairs($ph);
			push @parts, [\%ph, $pb];
		}
	} else {
		push @parts, [{ 'content-type' => $type,
		    'content-transfer-encoding' => $first->('Content-Transfer-Encoding') },
		    $body];
	}
	for my $p (@parts) {
		my ($ph, $pb) = @$p;
		my $enc = $ph->{'content-transfer-encoding'};
		push @{ $m->{encodings} }, lc($enc // '7bit');
		my $text = Encode::decode('UTF-8', decode_body($enc, $pb));
		$text =~ s/\r\n/\n/g;
		my $kind = ($ph->{'content-type'} // '') =~ m{^text/html}i ? 'html' : 'text';
		$m->{$kind} = $text;
	}
	return $m;
}

1;
