/* clock.h: the time every timed rule reads: the system's, or one a command fixes (homeserve-ctl run-due --now). */
#ifndef HS_CLOCK_H
#define HS_CLOCK_H

#include <stdint.h>

int64_t	clock_now(void);
void	clock_set(int64_t utc);
int	clock_parse(const char *, int64_t *utc);

#endif
