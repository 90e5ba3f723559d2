/* document.c (test): PDF, JPEG and PNG documents recognised by content; truncations, trailers with junk and other files refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "image.h"
#include "samples.h"
#include "tap.h"

/* A string literal and its length, NULs inside included. */
#define BYTES(s)	(s), sizeof(s) - 1

/*
 * A one-page PDF with its cross-reference table, ending right after
 * "%%EOF" so that every shorter prefix is a real truncation.
 */
static const char	pdf[] =
	"%PDF-1.4\n"
	"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
	"xref\n"
	"0 4\n"
	"0000000000 65535 f\r\n"
	"0000000009 00000 n\r\n"
	"0000000052 00000 n\r\n"
	"0000000101 00000 n\r\n"
	"trailer<</Size 4/Root 1 0 R>>\n"
	"startxref\n"
	"164\n"
	"%%EOF";

/* Recognise a copy of exactly n bytes, so a read past the end is caught. */
static enum document_type
recognise(const void *p, size_t n)
{
	unsigned char		*copy = malloc(n > 0 ? n : 1);
	enum document_type	 t;

	if (copy == NULL)
		abort();
	memcpy(copy, p, n);
	t = document_recognise(copy, n);
	free(copy);
	return t;
}

/* Recognise a NUL-terminated string, without its NUL. */
static enum document_type
recognise_str(const char *s)
{
	return recognise(s, strlen(s));
}

/*
 * A PDF whose "%%EOF" starts tail bytes before the end, white space
 * after it; returns its length.
 */
static size_t
pdf_with_tail(char *b, size_t tail)
{
	static const char	ws[] = " \t\r\n\f";
	size_t			n, i;

	n = sizeof(pdf) - 1;
	memcpy(b, pdf, n);
	for (i = 0; i + 5 < tail; i++)
		b[n++] = ws[i % 5];
	return n;
}

static void
test_pdf_good(void)
{
	char	b[sizeof(pdf) + 2048];
	size_t	n;

	is_int(recognise_str(pdf), DOCUMENT_PDF, "minimal PDF recognised");
	memcpy(b, pdf, sizeof(pdf) - 1);
	memcpy(b + sizeof(pdf) - 1, "\n", 1);
	is_int(recognise(b, sizeof(pdf)), DOCUMENT_PDF,
	    "minimal PDF with a newline after %%%%EOF recognised");
	is_str(document_content_type(DOCUMENT_PDF), "application/pdf",
	    "PDF type");
	is_str(document_extension(DOCUMENT_PDF), "pdf", "PDF extension");
	is_int(document_inline(DOCUMENT_PDF), 0, "PDF is an attachment");
	is_int(recognise_str("%PDF-1.7\r\n1 0 obj<<>>endobj\r\n"
	    "%%EOF\r\n  \r\n"), DOCUMENT_PDF,
	    "PDF 1.7 with CRLF and spaces after %%%%EOF");
	is_int(recognise_str("%PDF-2.0\n%%EOF"), DOCUMENT_PDF,
	    "PDF 2.0 ending exactly at %%%%EOF");
	is_int(recognise_str("%PDF-1.4%%EOF"), DOCUMENT_PDF,
	    "the shortest PDF: header and %%%%EOF, 13 bytes");
	is_int(recognise_str("%PDF-1.4\n%%EOF\n1 0 obj<<>>endobj\n%%EOF\n"),
	    DOCUMENT_PDF, "an incrementally updated PDF (two %%%%EOF)");
	is_int(recognise_str("%PDF-1.4\n1 0 obj<</S/JavaScript"
	    "/JS (app.alert(1))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
	    DOCUMENT_PDF, "a PDF with JavaScript is still a PDF");

	n = pdf_with_tail(b, 1024);
	is_int(recognise(b, n), DOCUMENT_PDF,
	    "%%%%EOF starting 1024 bytes from the end accepted");
	n = pdf_with_tail(b, 1025);
	is_int(recognise(b, n), DOCUMENT_NONE,
	    "%%%%EOF starting 1025 bytes from the end refused");
}

static void
test_pdf_bad(void)
{
	static const struct {
		const char	*data;
		size_t		 len;
		const char	*what;
	} files[] = {
		{ BYTES("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n"),
		    "no %%EOF" },
		{ BYTES("%PDF-1.4\n%%EOF\n<script>alert(1)</script>\n"),
		    "HTML after %%EOF" },
		{ BYTES("%PDF-1.4\n%%EOF\nx"), "one byte after %%EOF" },
		{ BYTES("%PDF-1.4\n%%EOF\n\0"), "NUL after %%EOF" },
		{ BYTES("%PDF-1.4\n%%EOF\v"), "a vertical tab after %%EOF" },
		{ BYTES("%PDF-1.4\n%%EO"), "%%EO cut short" },
		{ BYTES("%PDF-1.4\n%EOF\n"), "%EOF with one %" },
		{ BYTES("%PDF-\n1 0 obj<<>>endobj\n%%EOF\n"),
		    "%PDF- without a version" },
		{ BYTES("%PDF-x.y\n%%EOF\n"), "%PDF-x.y" },
		{ BYTES("%PDF-17\n%%EOF\n"), "%PDF-17, no dot" },
		{ BYTES("%PDF-1.\n%%EOF\n"), "%PDF-1. with no minor version" },
		{ BYTES("%PDF1.4\n%%EOF\n"), "%PDF without its dash" },
		{ BYTES("%pdf-1.4\n%%EOF\n"), "%pdf in lower case" },
		{ BYTES(" %PDF-1.4\n%%EOF\n"), "a space before %PDF-" },
		{ BYTES("\xef\xbb\xbf%PDF-1.4\n%%EOF\n"),
		    "a BOM before %PDF-" },
		{ BYTES("%PDF-%%EOF"), "too short: %PDF-%%EOF" },
		{ BYTES("%PDF-1.4%%EO"), "too short: 12 bytes" },
		{ BYTES("%PDF-1.4"), "too short: the header alone" },
		{ BYTES(""), "an empty file" },
	};
	size_t	i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		is_int(recognise(files[i].data, files[i].len), DOCUMENT_NONE,
		    "not a document: %s", files[i].what);
	is_int(document_recognise(NULL, 10), DOCUMENT_NONE,
	    "not a document: NULL with a size");
	is_int(document_recognise(NULL, 0), DOCUMENT_NONE,
	    "not a document: NULL and 0");
}

static void
test_other_files(void)
{
	static const struct {
		const char	*data;
		size_t		 len;
		const char	*what;
	} files[] = {
		{ BYTES("<!DOCTYPE html>\n<html><script>alert(1)</script>"
		    "</html>\n%%EOF\n"), "HTML ending in %%EOF" },
		{ BYTES("<html>%PDF-1.4\n%%EOF\n"),
		    "HTML holding a PDF header" },
		{ BYTES("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
		    "\x00\x00\n%%EOF\n"), "an MZ executable ending in %%EOF" },
		{ BYTES("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00"
		    "\x00\x02\x00\x3e\x00\x01\x00\x00\x00"),
		    "an ELF executable" },
		{ BYTES("PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00"
		    "%PDF-1.4\n%%EOF\n"), "a ZIP holding a PDF" },
		{ BYTES("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00"
		    "\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00"
		    "\x01\x00\x00\x02\x02\x44\x01\x00;"), "a GIF" },
	};
	size_t	i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		is_int(recognise(files[i].data, files[i].len), DOCUMENT_NONE,
		    "not a document: %s", files[i].what);
}

static void
test_images(void)
{
	is_int(recognise(jpeg, sizeof(jpeg)), DOCUMENT_JPEG, "JPEG recognised");
	is_str(document_content_type(DOCUMENT_JPEG), "image/jpeg", "JPEG type");
	is_str(document_extension(DOCUMENT_JPEG), "jpg", "JPEG extension");
	is_int(document_inline(DOCUMENT_JPEG), 1, "JPEG shown inline");
	is_int(recognise(png, sizeof(png)), DOCUMENT_PNG, "PNG recognised");
	is_str(document_content_type(DOCUMENT_PNG), "image/png", "PNG type");
	is_str(document_extension(DOCUMENT_PNG), "png", "PNG extension");
	is_int(document_inline(DOCUMENT_PNG), 1, "PNG shown inline");
	is_int(image_recognise(webp_lossless, sizeof(webp_lossless)), IMAGE_WEBP,
	    "the WebP is an image");
	is_int(recognise(webp_lossless, sizeof(webp_lossless)), DOCUMENT_NONE,
	    "but WebP is not a document");
	is_int(recognise(jpeg, sizeof(jpeg) - 1), DOCUMENT_NONE,
	    "a JPEG without its last byte refused");
	ok(document_content_type(DOCUMENT_NONE) == NULL &&
	    document_extension(DOCUMENT_NONE) == NULL &&
	    document_inline(DOCUMENT_NONE) == 0, "not a document: no type");
	ok(document_content_type(DOCUMENT_TYPE__MAX) == NULL &&
	    document_extension(DOCUMENT_TYPE__MAX) == NULL &&
	    document_inline(DOCUMENT_TYPE__MAX) == 0, "out of range: no type");
}

/* Every proper prefix is refused: a truncated upload. */
static void
test_truncated(const char *name, const void *p, size_t n)
{
	size_t	cut, accepted = 0;

	for (cut = 0; cut < n; cut++)
		if (recognise(p, cut) != DOCUMENT_NONE) {
			diag("%s cut to %zu bytes was accepted", name, cut);
			accepted++;
		}
	is_int(accepted, 0, "%s: every truncation refused", name);
}

int
main(void)
{
	test_pdf_good();
	test_pdf_bad();
	test_other_files();
	test_images();
	test_truncated("PDF", pdf, sizeof(pdf) - 1);
	test_truncated("JPEG", jpeg, sizeof(jpeg));
	test_truncated("PNG", png, sizeof(png));
	return done_testing();
}
