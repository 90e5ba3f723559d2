// tmpl.cc: the one place that speaks C++: wraps ctemplate's dictionary and cache behind tmpl.h.
#include <cstdarg>
#include <cstdio>
#include <new>
#include <string>

#include <dirent.h>
#include <string.h>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include "log.h"
#include "tmpl.h"

using ctemplate::TemplateDictionary;

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
	dict_of(d)->SetValue(key, value != NULL ? value : "");
}

extern "C" void
tmpl_set_int(struct tmpl_dict *d, const char *key, int64_t v)
{
	char	num[32];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	dict_of(d)->SetValue(key, num);
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
		dict_of(d)->SetValue(key, ctemplate::TemplateString(small, n));
		return;
	}
	std::string	big((size_t)n + 1, '\0');

	va_start(ap, fmt);
	vsnprintf(&big[0], big.size(), fmt, ap);
	va_end(ap);
	dict_of(d)->SetValue(key, ctemplate::TemplateString(big.data(), n));
}

extern "C" void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	dict_of(d)->ShowSection(section);
}

// Add one repetition of a section; the child belongs to its parent.
extern "C" struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    dict_of(d)->AddSectionDictionary(section));
}

extern "C" struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *name, const char *file)
{
	TemplateDictionary	*inc = dict_of(d)->AddIncludeDictionary(name);

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
