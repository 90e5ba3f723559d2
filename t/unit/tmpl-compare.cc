// tmpl-compare.cc (test): every template, expanded through our pooled dictionary (tmpl.h) and through ctemplate's own TemplateDictionary with the same data, gives the same bytes.
//
// tmpl.cc re-implements ctemplate's lookup rules behind its
// TemplateDictionaryInterface and relies on ctemplate's internals, so
// this test is what says it still agrees with the ctemplate that
// configure.ac accepts.  The data is derived from each template's own
// markers: every variable gets a value full of what needs escaping,
// every section is shown, given one row, given two, shown and then
// given rows, and every include is filled with the template the C code
// includes there (for {{>body}}, every page in turn).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <dirent.h>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

#include "buf.h"
#include "tap.h"
#include "tmpl.h"

using std::string;
using std::vector;

// ---------------------------------------------------------------------------
// What a template asks for: its variables, sections and includes, as a
// tree (a section's markers are its children; one name used twice at
// one level is one child with both uses' markers).
// ---------------------------------------------------------------------------

struct Node {
	string		 name;
	vector<string>	 vars;
	vector<Node>	 sections;
	vector<string>	 includes;

	Node *section(const string &n) {
		for (size_t i = 0; i < sections.size(); i++)
			if (sections[i].name == n)
				return &sections[i];
		sections.push_back(Node());
		sections.back().name = n;
		return &sections.back();
	}
};

static void
add_once(vector<string> *v, const string &s)
{
	if (std::find(v->begin(), v->end(), s) == v->end())
		v->push_back(s);
}

static bool
read_file(const string &path, string *out)
{
	std::ifstream		in(path.c_str(), std::ios::binary);
	std::ostringstream	ss;

	if (!in)
		return false;
	ss << in.rdbuf();
	*out = ss.str();
	return true;
}

// The markers of one template's text, into root.  Returns "" or why the
// text cannot be scanned (a marker this scanner does not know).
static string
scan(const string &text, Node *root)
{
	vector<Node *>	 open(1, root);
	size_t		 at = 0, end;

	while ((at = text.find("{{", at)) != string::npos) {
		if ((end = text.find("}}", at + 2)) == string::npos)
			return "a {{ without }}";
		string	 m = text.substr(at + 2, end - at - 2);
		char	 kind = m.empty() ? '\0' : m[0];

		at = end + 2;
		if (kind == '!' || kind == '%')		// comment, pragma
			continue;
		if (kind == '=')
			return "a delimiter change ({{=...=}})";
		if (kind == '#' || kind == '/' || kind == '>')
			m = m.substr(1);
		m = m.substr(0, m.find(':'));		// modifiers
		if (m.empty() || m.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != string::npos)
			return "a marker named \"" + m + "\"";
		if (kind == '#')
			open.push_back(open.back()->section(m));
		else if (kind == '/') {
			if (open.size() < 2 || open.back()->name != m)
				return "{{/" + m + "}} closes nothing open";
			open.pop_back();
		} else if (kind == '>')
			add_once(&open.back()->includes, m);
		else
			add_once(&open.back()->vars, m);
	}
	return open.size() == 1 ? "" : "{{#" + open.back()->name + "}} left open";
}

// ---------------------------------------------------------------------------
// The same calls on both dictionaries.
// ---------------------------------------------------------------------------

struct Both {
	struct tmpl_dict		*ours;
	ctemplate::TemplateDictionary	*theirs;
};

enum mode {
	MODE_EMPTY,		// nothing set at all
	MODE_SHOWN,		// every section shown, values where they are used
	MODE_ONE_ROW,		// every section one row, its values in the row
	MODE_TWO_ROWS,		// two rows (and each include twice)
	MODE_SHOWN_ROWS,	// shown, then two rows, then shown again
	MODE_PARENT,		// empty rows: every value from the top
	MODE_GLOBALS,		// template-globals only, set from inside rows
	MODE__MAX
};

static const char *const mode_names[MODE__MAX] = {
	"nothing set", "sections shown", "one row each", "two rows each",
	"shown then rows", "values from the parent", "template-globals",
};

// A value for name at tag (where it is set): every character that
// needs escaping somewhere, non-ASCII, a line break, and the tag, so
// that a value found at the wrong level shows.
static string
value_of(const string &name, const string &tag)
{
	return "<" + name + "> & \"" + tag + "\" 'q' caf\xc3\xa9 \xe2\x82\xb9"
	    "5 \xe0\xa4\xa8\xe0\xa4\xae\n/x?a=1&b=2 =+ `";
}

// Set one value on both; "how" picks one of tmpl.h's setters.
static void
set_value(const Both &d, const string &name, const string &value, int how)
{
	struct buf	 html = { 0, 0, 0 };

	switch (how) {
	case 1:
		tmpl_setf(d.ours, name.c_str(), "%s|%d", value.c_str(), 42);
		d.theirs->SetFormattedValue(name, "%s|%d", value.c_str(), 42);
		break;
	case 2:
		tmpl_set_int(d.ours, name.c_str(), -1234567 - (long)value.size());
		d.theirs->SetIntValue(name, -1234567 - (long)value.size());
		break;
	case 3:
		buf_append(&html, value.data(), value.size());
		tmpl_set_rendered(d.ours, name.c_str(), &html);
		d.theirs->SetValue(name, value);
		buf_free(&html);
		break;
	default:
		tmpl_set(d.ours, name.c_str(), value.c_str());
		d.theirs->SetValue(name, value);
		break;
	}
}

static void
set_global(const Both &d, const string &name, const string &value)
{
	tmpl_set_global(d.ours, name.c_str(), value.c_str());
	d.theirs->SetTemplateGlobalValue(name, value);
}

static void
show(const Both &d, const string &name)
{
	tmpl_show(d.ours, name.c_str());
	d.theirs->ShowSection(name);
}

static Both
section(const Both &d, const string &name)
{
	Both	row = { tmpl_section(d.ours, name.c_str()),
		    d.theirs->AddSectionDictionary(name) };

	return row;
}

static Both
include(const Both &d, const string &name, const string &file)
{
	Both	inc = { tmpl_include(d.ours, name.c_str(), file.c_str()),
		    d.theirs->AddIncludeDictionary(name) };

	inc.theirs->SetFilename(file);
	return inc;
}

// ---------------------------------------------------------------------------
// The templates, and which one fills each include.
// ---------------------------------------------------------------------------

struct Template {
	string	 file;
	Node	 root;
};

static std::map<string, Template>		 templates;
// Include name -> the templates the C code includes under it.
static std::map<string, vector<string> >	 include_files;

// The template that fills include name, for the pass-th render.
static string
include_file(const string &name, size_t pass)
{
	const vector<string>	&files = include_files[name];

	return files[std::min(pass, files.size() - 1)];
}

// Every value of a template, its sections' and its includes', for the
// modes that set them all in one place.
static void
all_vars(const Node &n, size_t pass, int depth, vector<string> *out)
{
	for (size_t i = 0; i < n.vars.size(); i++)
		add_once(out, n.vars[i]);
	for (size_t i = 0; i < n.sections.size(); i++)
		all_vars(n.sections[i], pass, depth, out);
	if (depth < 4)
		for (size_t i = 0; i < n.includes.size(); i++)
			all_vars(templates[include_file(n.includes[i], pass)].root,
			    pass, depth + 1, out);
}

static void fill(const Both &, const Node &, enum mode, const string &,
    size_t, int);

// One section of n in d, as the mode says.
static void
fill_section(const Both &d, const Node &s, enum mode m, const string &tag,
    size_t pass, int depth)
{
	vector<string>	 vars;
	Both		 row;
	int		 i;

	switch (m) {
	case MODE_EMPTY:
		break;
	case MODE_SHOWN:
		show(d, s.name);
		fill(d, s, m, tag, pass, depth);
		break;
	case MODE_ONE_ROW:
		fill(section(d, s.name), s, m, tag + "/" + s.name + "#1", pass,
		    depth);
		break;
	case MODE_TWO_ROWS:
	case MODE_SHOWN_ROWS:
		if (m == MODE_SHOWN_ROWS)
			show(d, s.name);
		for (i = 1; i <= 2; i++)
			fill(section(d, s.name), s, m, tag + "/" + s.name + "#" +
			    std::to_string(i), pass, depth);
		if (m == MODE_SHOWN_ROWS)
			show(d, s.name);
		break;
	case MODE_PARENT:
		section(d, s.name);
		fill(section(d, s.name), s, m, tag, pass, depth);
		break;
	case MODE_GLOBALS:
		row = section(d, s.name);
		all_vars(s, pass, depth, &vars);
		for (size_t j = 0; j < vars.size(); j++)
			set_global(row, vars[j], value_of(vars[j], "global " + tag +
			    "/" + s.name));
		fill(row, s, m, tag + "/" + s.name, pass, depth);
		break;
	case MODE__MAX:
		break;
	}
}

// n's values, sections and includes into d, as the mode says.
static void
fill(const Both &d, const Node &n, enum mode m, const string &tag,
    size_t pass, int depth)
{
	size_t	i;
	int	k;

	if (m == MODE_EMPTY)
		return;
	if (m != MODE_PARENT && m != MODE_GLOBALS)
		for (i = 0; i < n.vars.size(); i++)
			set_value(d, n.vars[i], value_of(n.vars[i], tag),
			    m == MODE_ONE_ROW ? 1 : m == MODE_TWO_ROWS ?
			    (int)(i % 4) : 0);
	for (i = 0; i < n.sections.size(); i++)
		fill_section(d, n.sections[i], m, tag, pass, depth);
	if (depth >= 4)
		return;
	for (i = 0; i < n.includes.size(); i++) {
		const string	 file = include_file(n.includes[i], pass);
		const Node	&root = templates[file].root;
		vector<string>	 vars;

		for (k = 1; k <= (m == MODE_TWO_ROWS ? 2 : 1); k++) {
			Both	inc = include(d, n.includes[i], file);
			string	itag = tag + ">" + n.includes[i] + "#" +
				    std::to_string(k);

			if (m == MODE_PARENT) {
				// An include sees none of its includer's values.
				all_vars(root, pass, depth + 1, &vars);
				for (size_t j = 0; j < vars.size(); j++)
					set_value(inc, vars[j], value_of(vars[j],
					    itag), 0);
			} else if (m == MODE_GLOBALS) {
				all_vars(root, pass, depth + 1, &vars);
				for (size_t j = 0; j < vars.size(); j++)
					set_global(inc, vars[j], value_of(vars[j],
					    "global " + itag));
			}
			fill(inc, root, m, itag, pass, depth + 1);
		}
	}
}

// The top of a page: in MODE_PARENT every value is set here and
// nowhere below, so that rows find them through their parents.
static void
fill_top(const Both &d, const Node &n, enum mode m, size_t pass)
{
	vector<string>	 vars;
	size_t		 i;

	if (m == MODE_PARENT) {
		for (i = 0; i < n.vars.size(); i++)
			add_once(&vars, n.vars[i]);
		for (i = 0; i < n.sections.size(); i++)
			all_vars(n.sections[i], pass, 99, &vars);
		for (i = 0; i < vars.size(); i++)
			set_value(d, vars[i], value_of(vars[i], "top"), 0);
	} else if (m == MODE_GLOBALS) {
		for (i = 0; i < n.vars.size(); i++)
			set_global(d, n.vars[i], value_of(n.vars[i], "global"));
	}
	fill(d, n, m, "top", pass, 0);
}

// ---------------------------------------------------------------------------
// Loading: the templates, their markers, and the includes the C code makes.
// ---------------------------------------------------------------------------

static string	srcdir;

static vector<string>
list_dir(const string &dir, const char *suffix)
{
	vector<string>	 names;
	DIR		*d = opendir(dir.c_str());
	struct dirent	*e;
	size_t		 n = strlen(suffix);

	if (d == NULL)
		return names;
	while ((e = readdir(d)) != NULL) {
		string	name = e->d_name;

		if (name.size() > n && name.compare(name.size() - n, n,
		    suffix) == 0)
			names.push_back(name);
	}
	closedir(d);
	std::sort(names.begin(), names.end());
	return names;
}

// The next C string literal at or after at in text, into lit; returns
// the position after it, or npos.
static size_t
next_literal(const string &text, size_t at, string *lit)
{
	size_t	 start = text.find('"', at), end;

	if (start == string::npos)
		return string::npos;
	for (end = start + 1; end < text.size() && text[end] != '"'; end++)
		if (text[end] == '\\')
			end++;
	*lit = text.substr(start + 1, end - start - 1);
	return end + 1;
}

// "name", "file.tpl" side by side in the C sources (a tmpl_include call
// or a table of them): the file that fills {{>name}}.
static void
find_includes(const string &dir)
{
	vector<string>	 files = list_dir(dir, ".c");
	string		 text, a, b;
	size_t		 at, next;

	for (size_t i = 0; i < files.size(); i++) {
		if (!read_file(dir + "/" + files[i], &text))
			continue;
		at = next_literal(text, 0, &a);
		while (at != string::npos &&
		    (next = next_literal(text, at, &b)) != string::npos) {
			string	between = text.substr(at, text.find('"', at) - at);

			if (between.find_first_not_of(", \t\r\n") ==
			    string::npos && templates.count(b) &&
			    a.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
			    "0123456789_") == string::npos)
				add_once(&include_files[a], b);
			a = b;
			at = next;
		}
	}
}

// Every include name under n, sections included.
static void
include_names(const Node &n, std::set<string> *out)
{
	out->insert(n.includes.begin(), n.includes.end());
	for (size_t i = 0; i < n.sections.size(); i++)
		include_names(n.sections[i], out);
}

// Read every template and its markers; fill include_files.  Returns 0,
// or -1 when an include has no template to fill it.
static int
load(const string &dir)
{
	static const char *const	 code[] = { "cgi-bin", "lib/platform",
					    "lib/domain", "lib/web", "tools" };
	vector<string>			 files = list_dir(dir, ".tpl");
	std::set<string>		 included, names;
	std::map<string, Template>::iterator	t;

	for (size_t i = 0; i < files.size(); i++) {
		Template	 tp;
		string		 text, why;

		tp.file = files[i];
		if (!read_file(dir + "/" + files[i], &text)) {
			ok(0, "%s: read (%s)", files[i].c_str(), strerror(errno));
			continue;
		}
		why = scan(text, &tp.root);
		if (!why.empty())
			ok(0, "%s: its markers scan: %s", files[i].c_str(),
			    why.c_str());
		templates[tp.file] = tp;
	}
	for (size_t i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		find_includes(srcdir + "/" + code[i]);
	for (std::map<string, vector<string> >::iterator it =
	    include_files.begin(); it != include_files.end(); ++it)
		included.insert(it->second.begin(), it->second.end());
	for (t = templates.begin(); t != templates.end(); ++t)
		include_names(t->second.root, &names);
	// An include the code fills from a variable ({{>body}}): every page,
	// that is every template no include names and no e-mail, but the
	// ones that hold this very include.
	for (std::set<string>::iterator n = names.begin(); n != names.end();
	    ++n) {
		if (!include_files[*n].empty()) {
			ok(1, "{{>%s}} is filled with %s, as the code does",
			    n->c_str(), include_files[*n][0].c_str());
			continue;
		}
		for (t = templates.begin(); t != templates.end(); ++t) {
			std::set<string>	 own;

			include_names(t->second.root, &own);
			if (!included.count(t->first) && !own.count(*n) &&
			    t->first.compare(0, 6, "email_") != 0)
				include_files[*n].push_back(t->first);
		}
		if (!ok(!include_files[*n].empty(), "{{>%s}} is filled with "
		    "each of the %zu pages in turn", n->c_str(),
		    include_files[*n].size()))
			return -1;
	}
	return 0;
}

// ---------------------------------------------------------------------------
// Rendering and comparing.
// ---------------------------------------------------------------------------

// As tmpl.cc loads them: a plain-text e-mail keeps its blank lines.
// (Were the two to differ, the frozen cache would refuse to load the
// template again and every comparison of it would fail.)
static ctemplate::Strip
strip_of(const string &file)
{
	return file.size() >= 8 && file.compare(file.size() - 8, 8,
	    ".txt.tpl") == 0 ? ctemplate::DO_NOT_STRIP :
	    ctemplate::STRIP_BLANK_LINES;
}

// Bytes around at, escaped, for a report.
static string
around(const string &s, size_t at)
{
	size_t		 from = at > 30 ? at - 30 : 0;
	string		 part = s.substr(from, 70), out;
	char		 hex[8];

	for (size_t i = 0; i < part.size(); i++) {
		unsigned char	c = (unsigned char)part[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out += (char)c;
		else {
			snprintf(hex, sizeof(hex), "\\x%02x", c);
			out += hex;
		}
	}
	return out;
}

// How many passes a template needs so that each of its includes' files
// is used at least once.
static size_t
passes_of(const Node &n)
{
	size_t	most = 1;

	for (size_t i = 0; i < n.includes.size(); i++)
		most = std::max(most, include_files[n.includes[i]].size());
	for (size_t i = 0; i < n.sections.size(); i++)
		most = std::max(most, passes_of(n.sections[i]));
	return most;
}

// Which file fills each include that has a choice, in this pass.
static string
pass_label(const Node &n, size_t pass)
{
	std::set<string>	 names;
	string			 label;

	include_names(n, &names);
	for (std::set<string>::iterator i = names.begin(); i != names.end();
	    ++i)
		if (include_files[*i].size() > 1)
			label += ", {{>" + *i + "}} " + include_file(*i, pass);
	return label;
}

// Render t both ways in mode m, compare; returns the length rendered.
static size_t
compare(const Template &t, enum mode m, size_t pass, size_t passes)
{
	ctemplate::TemplateDictionary	 theirs("compare");
	struct tmpl_dict		*ours = tmpl_dict_new();
	Both				 d = { ours, &theirs };
	struct buf			 out = { 0, 0, 0 };
	string				 want, got, what;
	size_t				 at;
	int				 ours_ok, theirs_ok;

	what = t.file + ", " + mode_names[m];
	if (passes > 1)
		what += pass_label(t.root, pass);
	fill_top(d, t.root, m, pass);
	ours_ok = tmpl_render(t.file.c_str(), ours, &out) == 0;
	theirs_ok = ctemplate::mutable_default_template_cache()->ExpandWithData(
	    t.file, strip_of(t.file), &theirs, NULL, &want);
	if (out.data != NULL)
		got.assign(out.data, out.len);
	buf_free(&out);
	tmpl_dict_free(ours);
	if (!ok(ours_ok && theirs_ok && got == want, "%s: the same %zu bytes",
	    what.c_str(), want.size())) {
		if (!ours_ok || !theirs_ok) {
			diag("  expanding failed: ours %s, ctemplate's %s",
			    ours_ok ? "fine" : "failed",
			    theirs_ok ? "fine" : "failed");
			return 0;
		}
		for (at = 0; at < got.size() && at < want.size() &&
		    got[at] == want[at]; at++)
			;
		diag("  first difference at byte %zu (ours %zu bytes, "
		    "ctemplate's %zu)", at, got.size(), want.size());
		diag("  ours:       ...%s...", around(got, at).c_str());
		diag("  ctemplate:  ...%s...", around(want, at).c_str());
	}
	return want.size();
}

int
main(void)
{
	const char	*env = getenv("HS_SRCDIR");
	string		 dir;
	size_t		 empty, full, pass, passes;
	int		 m;

	srcdir = env != NULL ? env : ".";
	dir = srcdir + "/templates";
	if (!ok(tmpl_init(dir.c_str()) == 0, "every template in %s parses",
	    dir.c_str()) || load(dir) != 0)
		return done_testing();
	ok(templates.size() >= 70, "%zu templates to compare",
	    templates.size());
	for (std::map<string, Template>::iterator t = templates.begin();
	    t != templates.end(); ++t) {
		passes = passes_of(t->second.root);
		for (pass = 0; pass < passes; pass++) {
			empty = full = 0;
			for (m = 0; m < MODE__MAX; m++) {
				size_t	n = compare(t->second, (enum mode)m,
					    pass, passes);

				if (m == MODE_EMPTY)
					empty = n;
				else
					full = std::max(full, n);
			}
			if (pass == 0 && (!t->second.root.vars.empty() ||
			    !t->second.root.sections.empty()))
				ok(full > empty, "%s: the data reaches it (%zu "
				    "bytes, %zu empty)", t->first.c_str(), full,
				    empty);
		}
	}
	return done_testing();
}
