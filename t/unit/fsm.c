/* fsm.c (test): state-machine tables: names, labels, lookups and who may make a move. */
#include <stdint.h>
#include <stdio.h>

#include "fsm.h"
#include "tap.h"

enum { S_OPEN, S_SHUT, S_GONE, S__MAX };

static const struct fsm_state states[S__MAX] = {
	[S_OPEN] = { "open", "Open" },
	[S_SHUT] = { "shut", "Shut" },
	[S_GONE] = { "gone", "Gone for good" },
};

static const struct fsm_move moves[] = {
	{ S_OPEN, S_SHUT, 0x01 | 0x02 },
	{ S_SHUT, S_OPEN, 0x02 },
	{ S_SHUT, S_GONE, 0x04 },
};

#define NMOVES	(sizeof(moves) / sizeof(moves[0]))

int
main(void)
{
	is_str(fsm_name(states, S__MAX, S_SHUT), "shut", "name of a state");
	is_str(fsm_label(states, S__MAX, S_GONE), "Gone for good", "its label");
	is_str(fsm_name(states, S__MAX, -1), "", "a negative state has no name");
	is_str(fsm_name(states, S__MAX, S__MAX), "", "nor one past the end");
	is_str(fsm_label(states, S__MAX, 99), "", "nor a label");
	is_int(fsm_find(states, S__MAX, "gone"), S_GONE, "find by stored name");
	is_int(fsm_find(states, S__MAX, "Gone"), -1, "names are exact");
	is_int(fsm_find(states, S__MAX, ""), -1, "the empty name is none");
	is_int(fsm_find(states, S__MAX, NULL), -1, "nor is NULL");
	ok(fsm_allowed(moves, NMOVES, S_OPEN, S_SHUT, 0x01), "a listed move, by one allowed");
	ok(fsm_allowed(moves, NMOVES, S_OPEN, S_SHUT, 0x02), "and by the other");
	ok(fsm_allowed(moves, NMOVES, S_OPEN, S_SHUT, 0x03), "and by someone with both");
	ok(!fsm_allowed(moves, NMOVES, S_OPEN, S_SHUT, 0x04), "not by anyone else");
	ok(!fsm_allowed(moves, NMOVES, S_SHUT, S_OPEN, 0x01), "a reverse move has its own who");
	ok(!fsm_allowed(moves, NMOVES, S_OPEN, S_GONE, 0x07), "an unlisted move: nobody");
	ok(!fsm_allowed(moves, NMOVES, S_GONE, S_OPEN, 0x07), "nothing leaves a final state");
	ok(!fsm_allowed(moves, NMOVES, S_SHUT, S_GONE, 0), "nobody at all may not");
	done_testing();
	return 0;
}
