/* lazylib.c (test): libcurl and libgd open at their first call, not at start; a missing library fails that call, not the program. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <gd.h>

#include "lazylib.h"
#include "tap.h"

/* Nothing is open until a shim is called; then the real library answers. */
static void
test_first_use(void)
{
	CURL		*c;
	char		*s;

	ok(lazylib_curl.handle == NULL, "libcurl is not open at start");
	ok(lazylib_gd.handle == NULL, "libgd is not open at start");
	is_str(curl_easy_strerror(CURLE_OK), "No error",
	    "curl_easy_strerror answers from libcurl");
	ok(lazylib_curl.handle != NULL, "the first call opened libcurl");
	ok(lazylib_gd.handle == NULL, "and only libcurl");
	c = curl_easy_init();
	ok(c != NULL, "curl_easy_init");
	/* The variadic ones pass long, pointer and off_t arguments through. */
	is_int(curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 1500L), CURLE_OK,
	    "setopt with a long");
	is_int(curl_easy_setopt(c, CURLOPT_URL, "http://127.0.0.1:9/"),
	    CURLE_OK, "setopt with a string");
	is_int(curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)1 << 40), CURLE_OK, "setopt with an off_t");
	is_int(curl_easy_setopt(c, CURLOPT_URL, (char *)NULL), CURLE_OK,
	    "setopt with NULL");
	s = curl_easy_escape(c, "a b&c", 0);
	is_str(s, "a%20b%26c", "curl_easy_escape");
	curl_free(s);
	curl_easy_cleanup(c);
}

/* A library that cannot be opened: each shim fails soft, and once only. */
static void
test_missing(void)
{
	struct lazylib	 none = { "libhomeserve-missing.so.0", NULL, 0 };
	struct lazylib	 libc = { "libc.so.6", NULL, 0 };

	ok(lazylib_sym(&none, "anything") == NULL, "a missing library: NULL");
	ok(none.failed, "and it is marked failed, not retried");
	ok(lazylib_sym(&none, "anything") == NULL, "still NULL");
	ok(lazylib_sym(&libc, "strlen") != NULL, "a present symbol is found");
	ok(lazylib_sym(&libc, "hs_no_such_function") == NULL,
	    "an absent symbol is NULL");

	/* libgd as if not installed: the picture calls fail, no crash. */
	lazylib_gd.soname = "libgd-missing.so.3";
	ok(gdImageCreateFromPngPtr(4, "\x89PNG") == NULL,
	    "gd decode without libgd: NULL");
	gdImageDestroy(NULL);
	gdFree(NULL);
	ok(lazylib_gd.failed, "libgd is marked failed");
}

int
main(void)
{
	test_first_use();
	test_missing();
	return done_testing();
}
