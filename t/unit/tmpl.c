/* tmpl.c (test): our dictionary follows ctemplate's rules: values through parents and template-globals, sections, includes, escaping, and pages far bigger than one pool block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "tap.h"
#include "tmpl.h"

static char	dir[] = "/tmp/hs-tmpl-XXXXXX";

static const struct {
	const char	*name;
	const char	*text;
} templates[] = {
	{ "page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "a=[{{a}}] g=[{{g}}]"
	    "{{#row}} row:[{{a}}|{{x}}{{#flag}}+{{/flag}}]{{/row}}"
	    "{{#shown}} shown:[{{a}}]{{/shown}}"
	    "{{#hidden}} NEVER{{/hidden}}"
	    " inc:[{{>inc}}]"
	    " raw:[{{raw:none}}]\n" },
	{ "inc.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "{{a}}|{{g}}|{{y}}" },
	{ "attr.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<a href=\"/b/{{id}}\" title=\"{{t}}\">{{t}}</a>\n" },
};

static void
setup(void)
{
	char	path[256];
	FILE	*fp;
	size_t	i;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, templates[i].name);
		if ((fp = fopen(path, "w")) == NULL)
			exit(EXIT_FAILURE);
		fputs(templates[i].text, fp);
		fclose(fp);
	}
	ok(tmpl_init(dir) == 0, "templates load");
}

static void
teardown(void)
{
	char	path[256];
	size_t	i;

	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, templates[i].name);
		unlink(path);
	}
	rmdir(dir);
}

/* Render file with d into a fresh buffer; the caller frees it. */
static char *
render(const char *file, struct tmpl_dict *d)
{
	struct buf	out = { 0 };

	if (tmpl_render(file, d, &out) != 0)
		return strdup("(render failed)");
	return out.data != NULL ? out.data : strdup("");
}

static void
check(const char *file, struct tmpl_dict *d, const char *want,
    const char *name)
{
	char	*got = render(file, d);

	is_str(got, want, "%s", name);
	free(got);
}

static void
test_values(void)
{
	struct tmpl_dict	*d = tmpl_dict_new();

	check("page.tpl", d, "a=[] g=[] inc:[] raw:[]\n",
	    "nothing set: every value empty, sections hidden, no include");
	tmpl_set(d, "a", "first");
	tmpl_set(d, "a", "<b>&\"'");
	tmpl_set_int(d, "g", -42);
	check("page.tpl", d, "a=[&lt;b&gt;&amp;&quot;&#39;] g=[-42] inc:[] "
	    "raw:[]\n", "the last value set wins, and it is escaped");
	tmpl_dict_free(d);
}

static void
test_sections(void)
{
	struct tmpl_dict	*d = tmpl_dict_new(), *row;
	int			 i;

	tmpl_set(d, "a", "top");
	for (i = 1; i <= 3; i++) {
		row = tmpl_section(d, "row");
		tmpl_set_int(row, "x", i);
		if (i == 2)
			tmpl_set(row, "a", "own");
	}
	check("page.tpl", d, "a=[top] g=[] row:[top|1] row:[own|2] "
	    "row:[top|3] inc:[] raw:[]\n",
	    "rows in order; a row sees its parent's values unless it has "
	    "its own");
	tmpl_show(d, "shown");
	tmpl_show(d, "flag");
	check("page.tpl", d, "a=[top] g=[] row:[top|1+] row:[own|2+] "
	    "row:[top|3+] shown:[top] inc:[] raw:[]\n",
	    "a shown section expands once with the page's values; a "
	    "section shown in a parent shows in every row");
	tmpl_show(d, "row");
	check("page.tpl", d, "a=[top] g=[] row:[top|1+] row:[own|2+] "
	    "row:[top|3+] shown:[top] inc:[] raw:[]\n",
	    "showing a section that has rows changes nothing");
	tmpl_dict_free(d);

	d = tmpl_dict_new();
	tmpl_set(d, "a", "top");
	tmpl_show(d, "row");
	tmpl_set_int(tmpl_section(d, "row"), "x", 1);
	tmpl_set_int(tmpl_section(d, "row"), "x", 2);
	check("page.tpl", d, "a=[top] g=[] row:[top|] row:[top|1] "
	    "row:[top|2] inc:[] raw:[]\n",
	    "rows given to a shown section follow an empty row, as "
	    "ctemplate's ShowSection makes one");
	tmpl_dict_free(d);
}

static void
test_includes(void)
{
	struct tmpl_dict	*d = tmpl_dict_new(), *inc;
	struct buf		 html = { 0 };

	tmpl_set(d, "a", "page-only");
	inc = tmpl_include(d, "inc", "inc.tpl");
	tmpl_set(inc, "y", "mine");
	tmpl_set_global(d, "g", "<everywhere>");
	buf_puts(&html, "<p>kept</p>");
	tmpl_set_rendered(d, "raw", &html);
	check("page.tpl", d, "a=[page-only] g=[&lt;everywhere&gt;] "
	    "inc:[|&lt;everywhere&gt;|mine] raw:[<p>kept</p>]\n",
	    "an include sees its own values and the template-globals, "
	    "not the page's; a rendered body goes in as it is");
	tmpl_dict_free(d);
	buf_free(&html);
}

static void
test_attributes(void)
{
	struct tmpl_dict	*d = tmpl_dict_new();

	tmpl_set_int(d, "id", 7);
	tmpl_set(d, "t", "\" onmouseover=\"x");
	check("attr.tpl", d, "<a href=\"/b/7\" title=\"&quot; onmouseover="
	    "&quot;x\">&quot; onmouseover=&quot;x</a>\n",
	    "values in attributes are escaped for the attribute");
	tmpl_dict_free(d);
}

/*
 * A page far bigger than one 16 KB pool block, a value bigger than a
 * block, then a small page on the block the big one left behind.
 */
static void
test_big_pages(void)
{
	struct tmpl_dict	*d = tmpl_dict_new(), *row;
	char			*big, *got;
	int			 i, n = 2000;

	big = malloc(40001);
	memset(big, 'z', 40000);
	big[40000] = '\0';
	tmpl_set(d, "g", big);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "row");
		tmpl_set_int(row, "x", i);
	}
	got = render("page.tpl", d);
	ok(strncmp(got, "a=[] g=[zzzz", 12) == 0 &&
	    strlen(got) > 40000 + 2000 * 10,
	    "a 40 KB value and 2000 rows render (%zu bytes)", strlen(got));
	ok(strstr(got, "|1999] inc") != NULL && strstr(got, "|0] row:[") != NULL,
	    "the first and the last row are there");
	free(got);
	tmpl_dict_free(d);
	free(big);

	d = tmpl_dict_new();
	tmpl_set(d, "a", "small");
	check("page.tpl", d, "a=[small] g=[] inc:[] raw:[]\n",
	    "the next page starts clean on a reused block");
	tmpl_dict_free(d);
}

int
main(void)
{
	setup();
	test_values();
	test_sections();
	test_includes();
	test_attributes();
	test_big_pages();
	teardown();
	return done_testing();
}
