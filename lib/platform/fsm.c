/* fsm.c: lookups over state-machine tables, shared by bookings and payments. */
#include <string.h>

#include "fsm.h"

const char *
fsm_name(const struct fsm_state *states, size_t n, int s)
{
	return s >= 0 && (size_t)s < n ? states[s].name : "";
}

const char *
fsm_label(const struct fsm_state *states, size_t n, int s)
{
	return s >= 0 && (size_t)s < n ? states[s].label : "";
}

/* The state stored under name, or -1. */
int
fsm_find(const struct fsm_state *states, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(states[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Whether the table has the move and who is among those who may make it. */
int
fsm_allowed(const struct fsm_move *moves, size_t n, int from, int to,
    unsigned who)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (moves[i].from == from && moves[i].to == to)
			return (moves[i].who & who) != 0;
	return 0;
}
