/* store.h: files written once under a random name (uploads): never half-written, never overwritten. */
#ifndef HS_STORE_H
#define HS_STORE_H

#include <stddef.h>

struct db;

int	store_write(const char *dir, const char *path, const void *, size_t);
void	store_commit(struct db *, const char *path);

#endif
