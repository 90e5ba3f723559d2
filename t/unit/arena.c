/* arena.c (test): alignment, large allocations, reset keeping one block, printf, and fatal exits. */
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "log.h"
#include "tap.h"

/* Under AddressSanitizer mallinfo2 sees nothing; leak checks cover it there. */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_VISIBLE	0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_VISIBLE	0
#endif
#endif
#ifndef HEAP_VISIBLE
#define HEAP_VISIBLE	1
#endif

/* Bytes the C library has handed out, from the heap and from mmap. */
static size_t
heap_in_use(void)
{
	struct mallinfo2	mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

static void
test_alloc(void)
{
	struct arena	*a = arena_new();
	unsigned char	*p[64];
	size_t		 i, j, bad = 0;

	is_int(arena_used(a), 0, "new arena: nothing used");
	p[0] = arena_alloc(a, 1);
	is_int(arena_used(a), 16, "alloc 1: rounded up to 16");
	arena_alloc(a, 0);
	is_int(arena_used(a), 32, "alloc 0: still a distinct 16 bytes");
	arena_alloc(a, 17);
	is_int(arena_used(a), 64, "alloc 17: 32");
	for (i = 0; i < 64; i++) {
		p[i] = arena_alloc(a, i * 37 + 1);
		if ((uintptr_t)p[i] % 16 != 0)
			bad++;
		memset(p[i], (int)i, i * 37 + 1);
	}
	is_int(bad, 0, "alloc: every pointer 16-byte aligned");
	for (i = 0; i < 64; i++)
		for (j = 0; j < i * 37 + 1; j++)
			if (p[i][j] != (unsigned char)i)
				bad++;
	is_int(bad, 0, "alloc: blocks do not overlap");

	p[0] = arena_zalloc(a, 1000);
	for (i = 0; i < 1000; i++)
		bad += p[0][i] != 0;
	is_int(bad, 0, "zalloc: zeroed");
	arena_free(a);
	arena_free(NULL);
	ok(1, "free: NULL is fine");
}

static void
test_large(void)
{
	struct arena	*a = arena_new();
	unsigned char	*small, *big, *after, *exact;
	size_t		 i, bad = 0, used;

	exact = arena_alloc(a, 64 * 1024);
	memset(exact, 0xee, 64 * 1024);
	is_int(arena_used(a), 64 * 1024, "alloc of one whole block");
	small = arena_alloc(a, 10);
	memset(small, 's', 10);
	big = arena_alloc(a, 5 * 1024 * 1024);
	memset(big, 'b', 5 * 1024 * 1024);
	after = arena_alloc(a, 10);
	memset(after, 'a', 10);
	used = arena_used(a);
	ok(used >= 64 * 1024 + 16 + 5 * 1024 * 1024 + 16,
	    "large alloc counted: %zu", used);
	ok((uintptr_t)big % 16 == 0, "large alloc aligned");
	for (i = 0; i < 5 * 1024 * 1024; i++)
		bad += big[i] != 'b';
	ok(bad == 0 && small[9] == 's' && after[0] == 'a' && exact[0] == 0xee
	    && exact[64 * 1024 - 1] == 0xee, "large alloc: neighbours intact");
	arena_free(a);
}

static void
test_reset(void)
{
	struct arena	*a = arena_new();
	void		*first, *again;
	size_t		 before, full, after, i, round;

	first = arena_alloc(a, 100);
	arena_reset(a);
	again = arena_alloc(a, 100);
	ok(first == again, "reset: the first block is reused");
	is_int(arena_used(a), 112, "reset: used starts again from zero");
	arena_reset(a);
	is_int(arena_used(a), 0, "reset: used is zero");

	before = heap_in_use();
	for (i = 0; i < 100; i++)
		arena_alloc(a, 10000);
	arena_alloc(a, 3 * 1024 * 1024);
	full = heap_in_use();
	arena_reset(a);
	after = heap_in_use();
	if (HEAP_VISIBLE) {
		ok(full >= before + 4 * 1024 * 1024, "reset: heap grew by the "
		    "allocations (%zu -> %zu)", before, full);
		ok(after <= before, "reset: extra blocks freed (%zu -> %zu)",
		    full, after);
	} else {
		skip("heap not visible under AddressSanitizer");
		skip("heap not visible under AddressSanitizer");
	}
	ok(arena_alloc(a, 1) == first, "reset: back on the first block");

	/* A worker serving many requests stays the same size. */
	for (round = 0; round < 200; round++) {
		for (i = 0; i < 50; i++)
			memset(arena_alloc(a, 4000 + round), 1, 4000 + round);
		arena_printf(a, "%0*d", 200000, 7);
		arena_reset(a);
	}
	ok(!HEAP_VISIBLE || heap_in_use() <= after,
	    "reset: 200 requests later the heap is flat");
	arena_free(a);
}

static char *
wrap_vprintf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *
wrap_vprintf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

static void
test_strings(void)
{
	struct arena	*a = arena_new();
	const char	*src = "hello";
	char		*s, *big;

	s = arena_strdup(a, src);
	ok(s != src && strcmp(s, "hello") == 0, "strdup: a copy");
	is_str(arena_strdup(a, ""), "", "strdup: empty");
	is_str(arena_strndup(a, "hello", 3), "hel", "strndup: cut");
	s = arena_strndup(a, "a\0b", 3);
	ok(s[0] == 'a' && s[1] == '\0' && s[2] == 'b' && s[3] == '\0',
	    "strndup: copies n bytes past a NUL and terminates");
	is_str(arena_printf(a, "%s-%d-%05.1f-%c", "x", -42, 3.14159, 'z'),
	    "x--42-003.1-z", "printf: formats");
	is_str(arena_printf(a, "%s", ""), "", "printf: empty result");
	is_str(wrap_vprintf(a, "%zu/%lld", (size_t)7, -1LL), "7/-1",
	    "vprintf: through a va_list");
	arena_alloc(a, 64 * 1024 - 200);
	big = arena_printf(a, "%0*d", 100000, 5);
	ok(strlen(big) == 100000 && big[0] == '0' && big[99999] == '5',
	    "printf: 100 kB result across blocks");
	s = arena_printf(a, "%s|%s", big + 99990, "end");
	is_str(s, "0000000005|end", "printf: argument from the arena");
	arena_free(a);
}

static void
hook_exit(void)
{
	_exit(42);
}

/* Run fn in a child; returns its exit status, or -1 if it did not exit. */
static int
child_status(void (*fn)(void), int hook)
{
	pid_t	pid;
	int	status;

	fflush(NULL);
	if ((pid = fork()) == -1)
		return -2;
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(99);
		if (hook)
			log_set_fatal_hook(hook_exit);
		fn();
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Global, so the leak checker sees it reachable when the child exits. */
static struct arena	*child_arena;

static void
alloc_huge(void)
{
	child_arena = arena_new();
	arena_alloc(child_arena, SIZE_MAX);
}

static void
alloc_almost_huge(void)
{
	child_arena = arena_new();
	arena_alloc(child_arena, SIZE_MAX - 16);
}

static void
strndup_huge(void)
{
	child_arena = arena_new();
	arena_strndup(child_arena, "x", SIZE_MAX);
}

/* The hook proves log_fatal was reached: a sanitizer's abort is not that. */
static void
test_fatal(void)
{
	is_int(child_status(alloc_huge, 1), 42,
	    "fatal: SIZE_MAX allocation is fatal");
	is_int(child_status(alloc_almost_huge, 1), 42,
	    "fatal: SIZE_MAX - 16 allocation is fatal");
	is_int(child_status(strndup_huge, 1), 42,
	    "fatal: strndup of SIZE_MAX bytes is fatal, no wrap-around");
	is_int(child_status(alloc_huge, 0), EXIT_FAILURE,
	    "fatal: without a hook the exit status is 1");
}

int
main(void)
{
	test_alloc();
	test_large();
	test_reset();
	test_strings();
	test_fatal();
	return done_testing();
}
