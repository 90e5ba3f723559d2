/* tmpl.h: the C face of ctemplate; every template auto-escapes, so values are set raw. */
#ifndef HS_TMPL_H
#define HS_TMPL_H

#include <stdint.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tmpl_dict;

int		 tmpl_init(const char *root);
void		 tmpl_init_lazy(const char *root);	/* plain CGI: parse on first use */

struct tmpl_dict *tmpl_dict_new(void);
void		 tmpl_dict_free(struct tmpl_dict *);

/* Values are copied into the dictionary. */
void		 tmpl_set(struct tmpl_dict *, const char *, const char *);
void		 tmpl_set_int(struct tmpl_dict *, const char *, int64_t);
void		 tmpl_setf(struct tmpl_dict *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 tmpl_set_global(struct tmpl_dict *, const char *,
		    const char *);
void		 tmpl_show(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_section(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_include(struct tmpl_dict *, const char *,
		    const char *file);

int		 tmpl_render(const char *file, const struct tmpl_dict *,
		    struct buf *);
/*
 * Text that tmpl_render made, and so escaped already, for the one
 * variable that takes it unescaped: {{body_html:none}} in layout.tpl.
 */
void		 tmpl_set_rendered(struct tmpl_dict *, const char *,
		    const struct buf *);

#ifdef __cplusplus
}
#endif

#endif
