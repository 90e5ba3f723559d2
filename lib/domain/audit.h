/* audit.h: the append-only, hash-chained audit log; every change writes its row in the change's transaction. */
#ifndef HS_AUDIT_H
#define HS_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct arena;
struct db;

/* Who is acting and from where; user_id 0 is the system or a visitor. */
struct actor {
	int64_t		 user_id;
	const char	*ip;
	const char	*user_agent;
};

struct audit_entry {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;
	const char	*actor_name;	/* NULL for the system */
	const char	*action;
	const char	*entity;
	int64_t		 entity_id;
	const char	*old_values;	/* JSON or NULL */
	const char	*new_values;
	const char	*ip;
	const char	*user_agent;
	const char	*hash;
};

/* What the log may be filtered by; zero values filter nothing. */
struct audit_filter {
	int64_t		 actor_id;	/* -1: a name that is nobody's */
	const char	*action;	/* NULL or "": any */
	const char	*entity;
	int64_t		 entity_id;
	int64_t		 from, to;	/* [from, to) in UTC seconds; 0: open */
};

/* The chain's state, as audit_verify finds it. */
struct audit_check {
	int64_t		 rows;		/* rows read */
	int64_t		 broken_id;	/* 0: intact */
	const char	*why;		/* why broken_id breaks the chain */
	char		 head[65];	/* the last good row's hash */
};

/* Takes ownership of old and new (either may be NULL). */
void	audit_write(struct db *, const struct actor *, const char *action,
	    const char *entity, int64_t entity_id, json_t *old_values,
	    json_t *new_values);
size_t	audit_list(struct db *, struct arena *, const struct audit_filter *,
	    int64_t offset, size_t limit, struct audit_entry **);
size_t	audit_list_about(struct db *, struct arena *, const char *entity,
	    int64_t entity_id, const char *action, size_t limit,
	    struct audit_entry **);
int64_t	audit_chain_fill(struct db *);
void	audit_verify(struct db *, struct audit_check *);

#endif
