/* tap.h: a tiny Test Anything Protocol helper; failures say file:line, got and expected. */
#ifndef HS_TAP_H
#define HS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: plan(n) or nothing, then ok/is_int/is_str/is_mem/skip, then
 * "return done_testing();" from main.  Every check takes a printf-style
 * test name.  A check's result is returned so a test can diag() more.
 */
#define plan(n)			tap_plan(n)
#define ok(cond, ...)		tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...)	tap_is_int((long long)(got), (long long)(want), \
				    __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...)	tap_is_str((got), (want), __FILE__, __LINE__, \
				    __VA_ARGS__)
#define is_mem(got, want, n, ...) tap_is_mem((got), (want), (n), __FILE__, \
				    __LINE__, __VA_ARGS__)
#define skip(why)		tap_skip(why)
#define diag(...)		tap_diag(__VA_ARGS__)
#define done_testing()		tap_done()

#define TAP_UNUSED	__attribute__((unused))
#define TAP_FORMAT(f, a) __attribute__((format(printf, f, a)))

static int	tap_planned = -1;
static int	tap_count;
static int	tap_failures;

static TAP_UNUSED void
tap_plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static TAP_UNUSED TAP_FORMAT(1, 2) void
tap_diag(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("# ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* Print s between quotes with every byte outside printable ASCII escaped. */
static TAP_UNUSED void
tap_quote(const char *s, size_t n)
{
	size_t	i;

	if (s == NULL) {
		fputs("NULL", stderr);
		return;
	}
	fputc('\'', stderr);
	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fputc('\'', stderr);
}

/* Print a test name on one line, with '#' escaped so it is never a directive. */
static TAP_UNUSED void
tap_name(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char	c = (unsigned char)*s;

		if (c == '#')
			fputs("\\#", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static TAP_UNUSED TAP_FORMAT(4, 0) int
tap_vok(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	char	name[1024];

	tap_count++;
	vsnprintf(name, sizeof(name), fmt, ap);
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	tap_name(name);
	putchar('\n');
	fflush(stdout);
	if (!pass) {
		tap_failures++;
		tap_diag("  Failed test at %s line %d.", file, line);
	}
	return pass;
}

static TAP_UNUSED TAP_FORMAT(4, 5) int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	pass = tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static TAP_UNUSED TAP_FORMAT(5, 6) int
tap_is_int(long long got, long long want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	va_start(ap, fmt);
	pass = tap_vok(got == want, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		tap_diag("         got: %lld\n#     expected: %lld", got, want);
	return pass;
}

static TAP_UNUSED TAP_FORMAT(5, 6) int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	pass = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_start(ap, fmt);
	pass = tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		fflush(stdout);
		fputs("#          got: ", stderr);
		tap_quote(got, got != NULL ? strlen(got) : 0);
		fputs("\n#     expected: ", stderr);
		tap_quote(want, want != NULL ? strlen(want) : 0);
		fputc('\n', stderr);
	}
	return pass;
}

static TAP_UNUSED TAP_FORMAT(6, 7) int
tap_is_mem(const void *got, const void *want, size_t n, const char *file,
    int line, const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	pass = got != NULL && want != NULL && memcmp(got, want, n) == 0;
	va_start(ap, fmt);
	pass = tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		fflush(stdout);
		fputs("#          got: ", stderr);
		tap_quote((const char *)got, got != NULL ? n : 0);
		fputs("\n#     expected: ", stderr);
		tap_quote((const char *)want, want != NULL ? n : 0);
		fputc('\n', stderr);
	}
	return pass;
}

/* A check that cannot run here: counted, and passing. */
static TAP_UNUSED void
tap_skip(const char *why)
{
	tap_count++;
	printf("ok %d # skip ", tap_count);
	tap_name(why);
	putchar('\n');
	fflush(stdout);
}

/* Finish: print the plan if none was given; the exit status is 0 only if all passed. */
static TAP_UNUSED int
tap_done(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_count);
	else if (tap_planned != tap_count) {
		tap_diag("Looks like you planned %d tests but ran %d.",
		    tap_planned, tap_count);
		return EXIT_FAILURE;
	}
	fflush(stdout);
	if (tap_failures > 0) {
		tap_diag("Looks like you failed %d test%s of %d.", tap_failures,
		    tap_failures == 1 ? "" : "s", tap_count);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

#endif
