/* fsm.h: state machines declared as tables: each state's stored name and label, and the allowed moves. */
#ifndef HS_FSM_H
#define HS_FSM_H

#include <stddef.h>

struct fsm_state {
	const char	*name;		/* as stored in the database */
	const char	*label;		/* as people read it */
};

/* One allowed move and the bits of whoever may make it. */
struct fsm_move {
	int		 from;
	int		 to;
	unsigned	 who;
};

const char	*fsm_name(const struct fsm_state *, size_t, int);
const char	*fsm_label(const struct fsm_state *, size_t, int);
int		 fsm_find(const struct fsm_state *, size_t, const char *);
int		 fsm_allowed(const struct fsm_move *, size_t, int from, int to,
		    unsigned who);

#endif
