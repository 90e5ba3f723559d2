// tmpl.cc: the one place that speaks C++: wraps ctemplate's dictionary and cache behind tmpl.h.
#include <cstdarg>
#include <cstdio>
#include <new>
#include <string>

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include "log.h"
#include "tmpl.h"

using ctemplate::StaticTemplateString;
using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

// Keys and section names are registered with ctemplate once per process.
// Given as a plain char *, a key is hashed and entered in ctemplate's
// global, locked id table on every SetValue, which was most of the cost
// of filling a page.  The table is content-keyed (some keys are built
// at run time) and never shrinks: keys are a small, fixed vocabulary.
#define KEY_SLOTS	2048

struct key_slot {
	const char		*name;
	StaticTemplateString	 sts;
};

static struct key_slot	key_table[KEY_SLOTS];
static size_t		key_count;

static size_t
key_hash(const char *s, size_t n)
{
	uint64_t	h = 14695981039346656037ULL;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

// Most keys are string literals, passed at the same address every
// time: a direct-mapped memo from address to slot skips the hashing.
// The name is still compared, since a key built at run time may reuse
// an address with other text.
#define KEY_MEMO	1024

static struct {
	const char	*name;
	size_t		 slot;
} key_memo[KEY_MEMO];

static TemplateString
key_of(const char *name)
{
	size_t		 m = (size_t)(((uintptr_t)name >> 3) *
			    0x9e3779b97f4a7c15ULL >> 54) & (KEY_MEMO - 1);
	size_t		 len, i;
	char		*copy;

	if (key_memo[m].name == name &&
	    strcmp(key_table[key_memo[m].slot].name, name) == 0)
		return TemplateString(key_table[key_memo[m].slot].sts);
	len = strlen(name);
	i = key_hash(name, len) & (KEY_SLOTS - 1);
	while (key_table[i].name != NULL) {
		if (strcmp(key_table[i].name, name) == 0) {
			key_memo[m].name = name;
			key_memo[m].slot = i;
			return TemplateString(key_table[i].sts);
		}
		i = (i + 1) & (KEY_SLOTS - 1);
	}
	/* Past half full, fall back to the slow path rather than fail. */
	if (key_count >= KEY_SLOTS / 2 || (copy = strdup(name)) == NULL)
		return TemplateString(name, len);
	key_table[i].name = copy;
	key_table[i].sts.do_not_use_directly_.ptr_ = copy;
	key_table[i].sts.do_not_use_directly_.length_ = len;
	key_table[i].sts.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
	ctemplate::StaticTemplateStringInitializer	register_once(
	    &key_table[i].sts);
	key_count++;
	return TemplateString(key_table[i].sts);
}

static inline TemplateDictionary *
dict_of(struct tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

// Writes expanded text straight into our response buffer.
class BufEmitter : public ctemplate::ExpandEmitter {
	struct buf	*out_;
public:
	explicit BufEmitter(struct buf *out) : out_(out) {}
	void Emit(char c) { buf_append(out_, &c, 1); }
	void Emit(const std::string &s) { buf_append(out_, s.data(), s.size()); }
	void Emit(const char *s) { buf_puts(out_, s); }
	void Emit(const char *s, size_t n) { buf_append(out_, s, n); }
};

// Parse every template once at start-up, then freeze the cache so no
// request ever touches the disk for a template.  Returns 0 or -1.
extern "C" int
tmpl_init(const char *root)
{
	ctemplate::TemplateCache	*cache =
	    ctemplate::mutable_default_template_cache();
	DIR				*d;
	struct dirent			*e;
	int				 rc = 0;

	cache->SetTemplateRootDirectory(root);
	if ((d = opendir(root)) == NULL) {
		log_error("tmpl: cannot open %s", root);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t	len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		if (!cache->LoadTemplate(e->d_name, ctemplate::STRIP_BLANK_LINES)) {
			log_error("tmpl: cannot parse %s", e->d_name);
			rc = -1;
		}
	}
	closedir(d);
	cache->Freeze();
	return rc;
}

extern "C" struct tmpl_dict *
tmpl_dict_new(void)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    new TemplateDictionary("page"));
}

extern "C" void
tmpl_dict_free(struct tmpl_dict *d)
{
	delete dict_of(d);
}

extern "C" void
tmpl_set(struct tmpl_dict *d, const char *key, const char *value)
{
	dict_of(d)->SetValue(key_of(key), value != NULL ? value : "");
}

// Visible in this template, its sections and every template it includes
// (an include's own dictionary does not see its parent's values).
extern "C" void
tmpl_set_global(struct tmpl_dict *d, const char *key, const char *value)
{
	dict_of(d)->SetTemplateGlobalValue(key_of(key), value != NULL ? value : "");
}

extern "C" void
tmpl_set_int(struct tmpl_dict *d, const char *key, int64_t v)
{
	char		 num[24], *p = num + sizeof(num);
	uint64_t	 u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	/* By hand: snprintf was most of the cost of setting a number. */
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	dict_of(d)->SetValue(key_of(key), TemplateString(p,
	    (size_t)(num + sizeof(num) - p)));
}

extern "C" void
tmpl_setf(struct tmpl_dict *d, const char *key, const char *fmt, ...)
{
	char	small[256];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		dict_of(d)->SetValue(key_of(key), TemplateString(small, n));
		return;
	}
	std::string	big((size_t)n + 1, '\0');

	va_start(ap, fmt);
	vsnprintf(&big[0], big.size(), fmt, ap);
	va_end(ap);
	dict_of(d)->SetValue(key_of(key), TemplateString(big.data(), n));
}

extern "C" void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	dict_of(d)->ShowSection(key_of(section));
}

extern "C" void
tmpl_set_rendered(struct tmpl_dict *d, const char *key, const struct buf *html)
{
	dict_of(d)->SetValue(key_of(key), TemplateString(html->data != NULL ?
	    html->data : "", html->len));
}

// Add one repetition of a section; the child belongs to its parent.
extern "C" struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    dict_of(d)->AddSectionDictionary(key_of(section)));
}

extern "C" struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *name, const char *file)
{
	TemplateDictionary	*inc = dict_of(d)->AddIncludeDictionary(
	    key_of(name));

	inc->SetFilename(file);
	return reinterpret_cast<struct tmpl_dict *>(inc);
}

// Expand a (pre-loaded) template into out.  Returns 0 or -1.
extern "C" int
tmpl_render(const char *file, const struct tmpl_dict *d, struct buf *out)
{
	BufEmitter	emitter(out);

	if (!ctemplate::mutable_default_template_cache()->ExpandWithData(file,
	    ctemplate::STRIP_BLANK_LINES,
	    reinterpret_cast<const TemplateDictionary *>(d), NULL, &emitter)) {
		log_error("tmpl: cannot expand %s", file);
		return -1;
	}
	return 0;
}
