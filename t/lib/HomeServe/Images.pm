# HomeServe::Images: small, valid JPEG and PNG files made in memory, for tests that upload photos.
package HomeServe::Images;

use strict;
use warnings;
use Compress::Zlib ();
use Exporter 'import';

our @EXPORT = qw(test_jpeg test_png);

# A JPEG segment: marker, big-endian length, body.
sub jpeg_segment {
	my ($marker, $body) = @_;
	return pack('CCn', 0xff, $marker, length($body) + 2) . $body;
}

# test_jpeg(size => N): an 8x8 grey baseline JPEG (one DC and one AC
# code, every block empty); size pads it with comment segments to about
# N bytes more, for testing size limits.
sub test_jpeg {
	my (%opt) = @_;
	my $j = "\xff\xd8" . jpeg_segment(0xe0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
	my $pad = $opt{size} // 0;
	while ($pad > 0) {
		my $n = $pad > 65533 + 4 ? 65533 : ($pad > 4 ? $pad - 4 : 1);
		$j .= jpeg_segment(0xfe, 'c' x $n);
		$pad -= $n + 4;
	}
	$j .= jpeg_segment(0xdb, "\0" . ("\x01" x 64));
	$j .= jpeg_segment(0xc0, "\x08" . pack('nn', 8, 8) . "\x01\x01\x11\0");
	$j .= jpeg_segment(0xc4, "\x00\x01" . ("\0" x 15) . "\0");
	$j .= jpeg_segment(0xc4, "\x10\x01" . ("\0" x 15) . "\0");
	$j .= jpeg_segment(0xda, "\x01\x01\x00\x00\x3f\x00");
	return $j . "\x3f\xff\xd9";
}

sub png_chunk {
	my ($type, $data) = @_;
	return pack('N', length $data) . $type . $data
	    . pack('N', Compress::Zlib::crc32($type . $data));
}

# test_png(): a 4x4 red PNG.
sub test_png {
	my $rows = join '', map { "\0" . ("\xc8\x1e\x1e" x 4) } 1 .. 4;
	return "\x89PNG\r\n\x1a\n"
	    . png_chunk('IHDR', pack('NNCCCCC', 4, 4, 8, 2, 0, 0, 0))
	    . png_chunk('IDAT', Compress::Zlib::compress($rows))
	    . png_chunk('IEND', '');
}

1;
