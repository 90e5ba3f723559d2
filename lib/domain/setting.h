/* setting.h: the settings table: limits an operator (or a benchmark) may change without a release. */
#ifndef HS_SETTING_H
#define HS_SETTING_H

#include <stdint.h>

struct db;

int64_t	setting_int(struct db *, const char *key, int64_t fallback);

#endif
