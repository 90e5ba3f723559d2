# 01-layers.t: the library's layers point one way, by rule: lib/platform includes no domain, web or area header, lib/domain no web or area header, lib/web no area header; proven able to fail on a scratch copy.
use strict;
use warnings;
use Cwd qw(realpath);
use File::Basename qw(dirname);
use File::Copy qw(copy);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use FindBin;
use Test::More;

my $src = $ENV{HS_SRCDIR} // "$FindBin::Bin/..";

# The layers, lowest first.  A file may include headers of its own layer
# and of the layers below it.  cgi-bin (the areas) is on top and is not
# checked itself; it is here so that a header found there has a layer.
my @LAYERS = qw(lib/platform lib/domain lib/web cgi-bin);
# Where the compiler looks for "x.h" after the including file's own
# directory: Makefile.am's -I flags.
my @SEARCH = qw(lib/platform lib/domain lib/web);

# The sources of one directory: .c, .cc and .h, sorted.
sub sources {
	my ($dir) = @_;
	opendir(my $dh, $dir) or die "$dir: $!";
	my @files = sort grep { /\.(?:c|cc|h)\z/ && -f "$dir/$_" } readdir $dh;
	closedir $dh;
	return @files;
}

# The headers a file includes, "..." and <...> both (with -I, <buf.h>
# finds ours too), each with its line number and whether it was quoted.
sub includes_of {
	my ($path) = @_;
	my @inc;
	open(my $fh, '<', $path) or die "$path: $!";
	while (my $line = <$fh>) {
		push @inc, { name => $2, quoted => $1 eq '"', line => $. }
		    if $line =~ /^\s*#\s*include\s*(["<])([^">]+)[">]/;
	}
	close $fh;
	return @inc;
}

# The index of the layer a real path lies in, or undef (a system header).
sub layer_of {
	my ($real, $layer_real) = @_;
	for my $i (0 .. $#$layer_real) {
		return $i if dirname($real) eq $layer_real->[$i];
	}
	return undef;
}

# Every include in lib/ that reaches a header of a higher layer, as
# sentences naming the file, the line and the header found; also every
# header name that lives in two searched directories, since then the
# -I order, not the file, would decide which one a file gets.  Returns
# (the problems, the number of files read, the number of includes).
sub check_layers {
	my ($root) = @_;
	my @layer_real = map { realpath("$root/$_") // "$root/$_" } @LAYERS;
	my (@problems, %home);
	my ($files, $includes) = (0, 0);

	for my $dir (@SEARCH) {
		for my $h (grep { /\.h\z/ } sources("$root/$dir")) {
			push @problems, "$h is in both $home{$h} and $dir: a file "
			    . "would get the one the -I order finds first"
			    if exists $home{$h};
			$home{$h} //= $dir;
		}
	}
	for my $l (0 .. $#LAYERS) {
		next if $LAYERS[$l] !~ m{^lib/};
		for my $file (sources("$root/$LAYERS[$l]")) {
			my $rel = "$LAYERS[$l]/$file";
			$files++;
			for my $inc (includes_of("$root/$rel")) {
				$includes++;
				my @where = map { "$root/$_/$inc->{name}" } @SEARCH;
				unshift @where, "$root/$LAYERS[$l]/$inc->{name}"
				    if $inc->{quoted};
				my ($found) = grep { -f $_ } @where;
				next unless defined $found;
				my $real = realpath($found);
				my $h = layer_of($real, \@layer_real);
				next unless defined $h && $h > $l;
				push @problems, "$rel line $inc->{line} includes "
				    . "\"$inc->{name}\", which is $LAYERS[$h]/"
				    . (split m{/}, $real)[-1] . ": $LAYERS[$l] may "
				    . "not include from $LAYERS[$h]";
			}
		}
	}
	return (\@problems, $files, $includes);
}

# --- the tree as it is -------------------------------------------------
my ($problems, $files, $includes) = check_layers($src);
cmp_ok($files, '>=', 60, "read every source of lib/ ($files files)");
cmp_ok($includes, '>=', 300, "... and their includes ($includes)");
is(scalar @$problems, 0, 'no layer includes a header of a layer above it')
    or diag(join("\n", @$problems));

# --- the check can fail: a scratch copy with forbidden includes ----------
my $tmp = tempdir('hs-layers-XXXXXX', TMPDIR => 1, CLEANUP => 1);
for my $dir (@LAYERS) {
	make_path("$tmp/$dir");
	for my $f (sources("$src/$dir")) {
		copy("$src/$dir/$f", "$tmp/$dir/$f") or die "$dir/$f: $!";
	}
}

# Append a line to a scratch file.
sub add_line {
	my ($rel, $text) = @_;
	open(my $fh, '>>', "$tmp/$rel") or die "$rel: $!";
	print {$fh} "$text\n";
	close $fh or die "$rel: $!";
}

($problems) = check_layers($tmp);
is_deeply($problems, [], 'an untouched copy passes');

add_line('lib/platform/buf.c', '#include "booking.h"');
add_line('lib/platform/tmpl.cc', '#include <web.h>');
add_line('lib/domain/audit.h', '#  include "web.h"');
add_line('lib/web/web.c', '#include "../../cgi-bin/booking-area.h"');
add_line('lib/domain/audit.c', '#include "buf.h"');		# allowed: below
add_line('lib/web/worker.c', '#include "audit.h"');		# allowed: below
add_line('lib/platform/fmt.c', '#include <stdlib.h>');		# a system header
($problems) = check_layers($tmp);
my @names = map { m{^(\S+) line \d+ includes "([^"]+)", which is (\S+):} ?
    "$1 -> $2 ($3)" : $_ } @$problems;
is_deeply([sort @names], [sort(
    'lib/platform/buf.c -> booking.h (lib/domain/booking.h)',
    'lib/platform/tmpl.cc -> web.h (lib/web/web.h)',
    'lib/domain/audit.h -> web.h (lib/web/web.h)',
    'lib/web/web.c -> ../../cgi-bin/booking-area.h (cgi-bin/booking-area.h)',
)], 'each forbidden include is reported with its file and header, and '
    . 'only those') or diag(join("\n", @$problems));
like($problems->[0] // '', qr/^lib\/\S+ line \d+ includes "[^"]+", which is \S+: lib\/\w+ may not include from \S+\z/,
    'a report reads as a sentence: file, line, header, rule');

# A header that lives in two layers cannot be placed by its name.
copy("$src/lib/platform/buf.h", "$tmp/lib/web/buf.h") or die "buf.h: $!";
($problems) = check_layers($tmp);
is(scalar(grep { /^buf\.h is in both lib\/platform and lib\/web/ } @$problems),
    1, 'a header name in two layers is reported');

done_testing();
