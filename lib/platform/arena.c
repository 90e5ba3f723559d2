/* arena.c: a bump allocator over a chain of blocks; reset keeps the first block. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	/* Keep data aligned for any type. */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct block	*head;	/* current block; older ones follow */
	struct block	*first;	/* kept across resets */
	size_t		 total;
};

static struct block *
block_new(size_t size)
{
	struct block	*b;

	if (size > SIZE_MAX - sizeof(*b))
		log_fatal("arena: allocation of %zu bytes too large", size);
	if ((b = malloc(sizeof(*b) + size)) == NULL)
		log_fatal("arena: out of memory");
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new(void)
{
	struct arena	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		log_fatal("arena: out of memory");
	a->first = a->head = block_new(ARENA_BLOCK);
	return a;
}

/* Free every block but the first, so a worker's size stays flat. */
void
arena_reset(struct arena *a)
{
	struct block	*b, *next;

	for (b = a->head; b != a->first; b = next) {
		next = b->next;
		free(b);
	}
	a->head = a->first;
	a->first->next = NULL;
	a->first->used = 0;
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block	*b = a->head;
	size_t		 need;
	void		*p;

	if (n > SIZE_MAX - ARENA_ALIGN)
		log_fatal("arena: allocation of %zu bytes too large", n);
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	if (b->size - b->used < need) {
		b = block_new(need > ARENA_BLOCK ? need : ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += need;
	a->total += need;
	return p;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == SIZE_MAX)
		log_fatal("arena: string of %zu bytes too large", n);
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Format straight into the current block when it fits: one pass. */
char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	struct block	*b = a->head;
	size_t		 room = b->size - b->used;
	va_list		 copy;
	int		 n;
	char		*p;

	va_copy(copy, ap);
	n = vsnprintf((char *)b->data + b->used, room, fmt, copy);
	va_end(copy);
	if (n < 0)
		log_fatal("arena: bad format");
	if ((size_t)n < room)
		return arena_alloc(a, (size_t)n + 1);	/* claims what was written */
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
