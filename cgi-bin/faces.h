/* faces.h: a professional as customers see them, into a template: display name, photo, rating, jobs done. */
#ifndef HS_FACES_H
#define HS_FACES_H

#include <stdint.h>

struct review_summary;
struct tmpl_dict;
struct vendor_face;
struct web;

/*
 * Fill d with the vendor's face; the photo small (thumb) or large:
 *
 *	{{vendor_id}} {{vendor_name}}
 *	{{#photo}}{{src}} {{width}} {{height}} {{alt}}{{/photo}}
 *	{{#rated}}{{average}} {{count}} {{reviews}}{{/rated}}{{#unrated}}
 *	{{jobs}} {{jobs_word}}
 *
 * Returns 0, or -1 (nothing set) when the vendor has no profile.
 */
int	faces_fill(struct web *, struct tmpl_dict *, int64_t vendor, int thumb);
void	faces_fill_from(struct web *, struct tmpl_dict *,
	    const struct vendor_face *, int thumb);
/* Only {{#rated}}...{{#unrated}} {{jobs}} {{jobs_word}}, as above. */
void	faces_record_fill(struct web *, struct tmpl_dict *,
	    const struct review_summary *, int64_t jobs_done);

#endif
