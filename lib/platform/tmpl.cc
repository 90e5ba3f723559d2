// tmpl.cc: the one place that speaks C++: ctemplate's template cache, expanded against our own flat, pooled dictionary.
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <new>
#include <string>

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include "fmt.h"
#include "log.h"
#include "tmpl.h"

using ctemplate::StaticTemplateString;
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

// A key as ctemplate sees it, and its registered id (0: not registered),
// which compares two of our keys without a call into ctemplate.
struct Key {
	TemplateString	ts;
	uint64_t	id;
	Key(const TemplateString &t, uint64_t i) : ts(t), id(i) {}
};

static inline Key
key_at(size_t i)
{
	return Key(TemplateString(key_table[i].sts),
	    key_table[i].sts.do_not_use_directly_.id_);
}

static Key
key_of(const char *name)
{
	size_t		 m = (size_t)(((uintptr_t)name >> 3) *
			    0x9e3779b97f4a7c15ULL >> 54) & (KEY_MEMO - 1);
	size_t		 len, i;
	char		*copy;

	if (key_memo[m].name == name &&
	    strcmp(key_table[key_memo[m].slot].name, name) == 0)
		return key_at(key_memo[m].slot);
	len = strlen(name);
	i = key_hash(name, len) & (KEY_SLOTS - 1);
	while (key_table[i].name != NULL) {
		if (strcmp(key_table[i].name, name) == 0) {
			key_memo[m].name = name;
			key_memo[m].slot = i;
			return key_at(i);
		}
		i = (i + 1) & (KEY_SLOTS - 1);
	}
	/* Past half full, fall back to the slow path rather than fail. */
	if (key_count >= KEY_SLOTS / 2 || (copy = strdup(name)) == NULL)
		return Key(TemplateString(name, len), 0);
	key_table[i].name = copy;
	key_table[i].sts.do_not_use_directly_.ptr_ = copy;
	key_table[i].sts.do_not_use_directly_.length_ = len;
	key_table[i].sts.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
	ctemplate::StaticTemplateStringInitializer	register_once(
	    &key_table[i].sts);
	key_count++;
	return key_at(i);
}

// ---------------------------------------------------------------------------
// The dictionary.  ctemplate expands a template against any
// TemplateDictionaryInterface; its own TemplateDictionary names every
// sub-dictionary with a formatted string, copies values into std::maps
// and allocates as it goes, which was most of the cost of a page of
// list rows.  Ours keeps the same lookup rules (below) in flat arrays
// in one bump allocator per page, freed at once.
//
// The rules, as ctemplate's: a value is looked for in the dictionary,
// then its parents, then the page's template-globals, else it is empty;
// a section is shown if it was shown or given rows here or in a parent,
// and expands once per row (or once with the dictionary itself when it
// was only shown: ctemplate's empty row, which is only made when rows
// follow); an include's dictionary has no parent, only the page's
// template-globals.  t/unit/tmpl-compare.t expands every template both
// ways and compares the bytes.  ctemplate's process-wide global values
// (BI_SPACE, BI_NEWLINE) are not offered: no template uses them.
// ---------------------------------------------------------------------------

// One page's memory: blocks handed out in order, all freed together.
// The first block of a page is kept for the next page, so a page that
// fits in it costs no malloc at all.
struct Pool {
	struct Block {
		Block	*next;
		size_t	 size, used;
		alignas(16) unsigned char data[1];
	};
	static const size_t	 kBlock = 16384;
	static Block		*spare;
	Block			*head;

	Pool() : head(NULL) {}
	~Pool() {
		Block	*b, *next;

		for (b = head; b != NULL; b = next) {
			next = b->next;
			if (b->size == kBlock && spare == NULL) {
				spare = b;
				continue;
			}
			free(b);
		}
	}
	void *alloc(size_t n) {
		Block	*b;
		size_t	 size;

		n = (n + 15) & ~(size_t)15;
		if (head == NULL || head->size - head->used < n) {
			size = n > kBlock ? n : kBlock;
			if (size == kBlock && spare != NULL) {
				b = spare;
				spare = NULL;
			} else if ((b = static_cast<Block *>(malloc(
			    offsetof(Block, data) + size))) == NULL)
				log_fatal("tmpl: out of memory");
			b->size = size;
			b->used = 0;
			b->next = head;
			head = b;
		}
		void	*p = head->data + head->used;
		head->used += n;
		return p;
	}
	const char *copy(const char *s, size_t n) {
		char	*p = static_cast<char *>(alloc(n + 1));

		memcpy(p, s, n);
		p[n] = '\0';
		return p;
	}
};
Pool::Block	*Pool::spare;

class Dict;

// A growable array of T in the pool; T must be trivially destructible.
template <typename T> struct PoolVec {
	T	*v;
	size_t	 n, cap;

	PoolVec() : v(NULL), n(0), cap(0) {}
	void push(Pool *pool, const T &x) {
		if (n == cap) {
			size_t	 ncap = cap ? cap * 2 : 4;
			T	*nv = static_cast<T *>(pool->alloc(ncap * sizeof(T)));

			for (size_t i = 0; i < n; i++)
				new (&nv[i]) T(v[i]);
			v = nv;
			cap = ncap;
		}
		new (&v[n++]) T(x);
	}
};

struct Value {
	Key		key;
	TemplateString	value;
	Value(const Key &k, const TemplateString &v) : key(k), value(v) {}
};

static inline bool
same_key(const Key &a, const Key &b)
{
	return a.id != 0 && b.id != 0 ? a.id == b.id : a.ts == b.ts;
}

// A section or an include: its name and its dictionaries, in order.
struct Group {
	Key			 name;
	PoolVec<Dict *>		 dicts;
	explicit Group(const Key &n) : name(n) {}
};

class Dict : public ctemplate::TemplateDictionaryInterface {
public:
	Dict(Pool *pool, Dict *parent, Dict *owner) : pool_(pool),
	    parent_(parent), owner_(owner != NULL ? owner : this),
	    filename_(NULL) {}

	Pool *pool() const { return pool_; }

	void set(const Key &key, const char *v, size_t n) {
		put(&values_, key, TemplateString(pool_->copy(v, n), n));
	}
	void set_global(const Key &key, const char *v, size_t n) {
		owner_->put(&owner_->globals_, key,
		    TemplateString(pool_->copy(v, n), n));
	}
	void show(const Key &name) { group(&sections_, name); }
	// A row of a section.  A section shown before it had rows gets,
	// first, the empty row that ctemplate's ShowSection made for it:
	// show, then two rows, expands three times, as in ctemplate.
	Dict *section(const Key &name) {
		size_t	 had = sections_.n;
		Group	*g = group(&sections_, name);
		Dict	*d;

		if (sections_.n == had && g->dicts.n == 0)
			g->dicts.push(pool_, child());
		d = child();
		g->dicts.push(pool_, d);
		return d;
	}
	Dict *include(const Key &name, const char *file) {
		Dict	*d = new (pool_->alloc(sizeof(Dict))) Dict(pool_, NULL,
		    owner_);

		d->filename_ = pool_->copy(file, strlen(file));
		group(&includes_, name)->dicts.push(pool_, d);
		return d;
	}

protected:
	TemplateString GetValue(const TemplateString &var) const {
		const Key	 key(var, 0);
		const Dict	*d;
		const Value	*v;

		for (d = this; d != NULL; d = d->parent_)
			if ((v = find(d->values_, key)) != NULL)
				return v->value;
		if ((v = find(owner_->globals_, key)) != NULL)
			return v->value;
		return TemplateString("", 0);
	}
	bool IsHiddenSection(const TemplateString &name) const {
		return lookup(&Dict::sections_, name) == NULL;
	}
	bool IsUnhiddenSection(const TemplateString &name) const {
		return !IsHiddenSection(name);
	}
	bool IsHiddenTemplate(const TemplateString &name) const {
		return lookup(&Dict::includes_, name) == NULL;
	}
	const char *GetIncludeTemplateName(const TemplateString &name,
	    int dictnum) const {
		const Group	*g = lookup(&Dict::includes_, name);

		if (g == NULL || dictnum < 0 || (size_t)dictnum >= g->dicts.n)
			return "";
		return g->dicts.v[dictnum]->filename_;
	}
	Iterator *CreateSectionIterator(const TemplateString &name) const {
		return new DictIterator(lookup(&Dict::sections_, name));
	}
	Iterator *CreateTemplateIterator(const TemplateString &name) const {
		return new DictIterator(lookup(&Dict::includes_, name));
	}
	void DumpToString(std::string *out, int level) const {
		out->append((size_t)level, ' ');
		out->append("tmpl dictionary\n");
	}

private:
	Dict *child() {
		return new (pool_->alloc(sizeof(Dict))) Dict(pool_, this,
		    owner_);
	}

	class DictIterator : public Iterator {
		const Group	*g_;
		size_t		 i_;
	public:
		explicit DictIterator(const Group *g) : g_(g), i_(0) {}
		bool HasNext() const { return g_ != NULL && i_ < g_->dicts.n; }
		const TemplateDictionaryInterface &Next() {
			return *g_->dicts.v[i_++];
		}
	};

	static const Value *find(const PoolVec<Value> &vals, const Key &key) {
		for (size_t i = 0; i < vals.n; i++)
			if (same_key(vals.v[i].key, key))
				return &vals.v[i];
		return NULL;
	}
	void put(PoolVec<Value> *vals, const Key &key,
	    const TemplateString &value) {
		for (size_t i = 0; i < vals->n; i++)
			if (same_key(vals->v[i].key, key)) {
				vals->v[i].value = value;
				return;
			}
		vals->push(pool_, Value(key, value));
	}
	Group *group(PoolVec<Group> *groups, const Key &name) {
		for (size_t i = 0; i < groups->n; i++)
			if (same_key(groups->v[i].name, name))
				return &groups->v[i];
		groups->push(pool_, Group(name));
		return &groups->v[groups->n - 1];
	}
	// A section or include here or in a parent, as ctemplate finds them.
	const Group *lookup(PoolVec<Group> Dict::*which,
	    const TemplateString &name) const {
		for (const Dict *d = this; d != NULL; d = d->parent_) {
			const PoolVec<Group>	&groups = d->*which;

			for (size_t i = 0; i < groups.n; i++)
				if (groups.v[i].name.ts == name)
					return &groups.v[i];
		}
		return NULL;
	}

	Pool		*pool_;
	Dict		*parent_;
	Dict		*owner_;	// the page's top dictionary
	const char	*filename_;	// an include's template
	PoolVec<Value>	 values_;
	PoolVec<Value>	 globals_;	// the owner's template-globals
	PoolVec<Group>	 sections_;
	PoolVec<Group>	 includes_;
};

static inline Dict *
dict_of(struct tmpl_dict *d)
{
	return reinterpret_cast<Dict *>(d);
}

// Writes expanded text straight into our response buffer.
class BufEmitter : public ctemplate::ExpandEmitter {
	struct buf	*out_;
public:
	explicit BufEmitter(struct buf *out) : out_(out) {}
	void Emit(char c) { buf_append(out_, &c, 1); }
	void Emit(const std::string &s) { buf_append(out_, s.data(), s.size()); }
	void Emit(const char *s) { buf_append(out_, s, strlen(s)); }
	void Emit(const char *s, size_t n) { buf_append(out_, s, n); }
};

// Parse every template once at start-up, then freeze the cache so no
// request ever touches the disk for a template.  Returns 0 or -1.
// Pages lose their blank lines; a plain-text e-mail ("*.txt.tpl", no
// escaping: it is never read as HTML) keeps its paragraphs.
static ctemplate::Strip
strip_of(const char *file)
{
	size_t	len = strlen(file);

	return len >= 8 && strcmp(file + len - 8, ".txt.tpl") == 0 ?
	    ctemplate::DO_NOT_STRIP : ctemplate::STRIP_BLANK_LINES;
}

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
		if (!cache->LoadTemplate(e->d_name, strip_of(e->d_name))) {
			log_error("tmpl: cannot parse %s", e->d_name);
			rc = -1;
		}
	}
	closedir(d);
	cache->Freeze();
	return rc;
}

// Plain CGI serves one request: parsing all the templates first cost a
// fifth of it.  Templates are then read when a page first names them
// (includes with their parent's strip mode: pages include pages and
// e-mails e-mails, so the result is the same).
extern "C" void
tmpl_init_lazy(const char *root)
{
	ctemplate::mutable_default_template_cache()->
	    SetTemplateRootDirectory(root);
}

// A page's top dictionary; its sections and includes live in its pool.
extern "C" struct tmpl_dict *
tmpl_dict_new(void)
{
	Pool	*pool = new Pool();

	return reinterpret_cast<struct tmpl_dict *>(new (pool->alloc(
	    sizeof(Dict))) Dict(pool, NULL, NULL));
}

// Everything of the page at once: the dictionaries only point into it.
extern "C" void
tmpl_dict_free(struct tmpl_dict *d)
{
	if (d != NULL)
		delete dict_of(d)->pool();
}

extern "C" void
tmpl_set(struct tmpl_dict *d, const char *key, const char *value)
{
	if (value == NULL)
		value = "";
	dict_of(d)->set(key_of(key), value, strlen(value));
}

// Visible in this template, its sections and every template it includes
// (an include's own dictionary does not see its parent's values).
extern "C" void
tmpl_set_global(struct tmpl_dict *d, const char *key, const char *value)
{
	if (value == NULL)
		value = "";
	dict_of(d)->set_global(key_of(key), value, strlen(value));
}

extern "C" void
tmpl_set_int(struct tmpl_dict *d, const char *key, int64_t v)
{
	char	num[24], *p = num;

	if (v < 0)
		*p++ = '-';
	p = fmt_uint(p, v < 0 ? -(uint64_t)v : (uint64_t)v, 1);
	dict_of(d)->set(key_of(key), num, (size_t)(p - num));
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
		dict_of(d)->set(key_of(key), small, (size_t)n);
		return;
	}
	std::string	big((size_t)n + 1, '\0');

	va_start(ap, fmt);
	vsnprintf(&big[0], big.size(), fmt, ap);
	va_end(ap);
	dict_of(d)->set(key_of(key), big.data(), (size_t)n);
}

extern "C" void
tmpl_set_rendered(struct tmpl_dict *d, const char *key, const struct buf *html)
{
	dict_of(d)->set(key_of(key), html->data != NULL ? html->data : "",
	    html->len);
}

extern "C" void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	dict_of(d)->show(key_of(section));
}

// Add one repetition of a section; the child belongs to its parent.
extern "C" struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    dict_of(d)->section(key_of(section)));
}

extern "C" struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *name, const char *file)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    dict_of(d)->include(key_of(name), file));
}

// Expand a (pre-loaded) template into out.  Returns 0 or -1.
extern "C" int
tmpl_render(const char *file, const struct tmpl_dict *d, struct buf *out)
{
	BufEmitter	emitter(out);

	if (!ctemplate::mutable_default_template_cache()->ExpandWithData(file,
	    strip_of(file),
	    reinterpret_cast<const Dict *>(d), NULL, &emitter)) {
		log_error("tmpl: cannot expand %s", file);
		return -1;
	}
	return 0;
}
