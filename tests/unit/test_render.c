/*
 * Templates and markdown with hostile values: ctemplate's auto-escaping and
 * cmark's safe mode are what keep a participant's text from becoming markup.
 * Loads the real localized templates from build/templates.
 */
#include <dirent.h>

#include "check.h"
#include "base/markdown.h"
#include "view/tmpl.h"

static void test_templates_load(void)
{
	CHECK(tmpl_load_all("build/templates") >= 12);
}

static void test_values_are_escaped(void)
{
	tmpl_dict *d = tmpl_new();
	struct buf out;
	buf_init(&out);
	tmpl_set(tmpl_section(d, T_TEXT_PART), T_COMMITMENT_TEXT, "<script>alert(1)</script> & \"quotes\" 'single'");
	tmpl_set(d, T_COMMITMENT_NUMBER, "4.1");
	tmpl_set(d, T_LEAD_CLASS, "\" onmouseover=\"alert(1)");
	tmpl_set(tmpl_section(d, T_TARGET_PART), T_TARGET, "\xED\x95\x9C\xEA\xB5\xAD \xEB\xB8\x8C\xEB\xA4\xBC\xEC\x85\x80");
	tmpl_set_int(d, T_PROGRESS, 40);
	tmpl_setn(tmpl_section(d, T_EU_NOTE), T_NOTE, "<img src=x onerror=alert(1)>", 28);
	CHECK(tmpl_expand("en/commitment.tpl", d, &out) == 0);
	const char *html = buf_cstr(&out);
	CHECK_NOT_CONTAINS(html, "<script>");
	CHECK_CONTAINS(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;");
	CHECK_NOT_CONTAINS(html, "\" onmouseover=\"");
	CHECK_NOT_CONTAINS(html, "<img");
	CHECK_CONTAINS(html, "\xED\x95\x9C\xEA\xB5\xAD \xEB\xB8\x8C\xEB\xA4\xBC\xEC\x85\x80"); /* Hangul byte for byte */
	CHECK_CONTAINS(html, "value=\"40\"");
	tmpl_free(d);
	buf_free(&out);
}

static void test_url_values(void)
{
	tmpl_dict *d = tmpl_new();
	struct buf out;
	buf_init(&out);
	tmpl_dict *area = tmpl_section(d, T_AREA);
	tmpl_set(area, T_AREA_SLUG, "x\" onclick=\"alert(1)");
	tmpl_set(area, T_AREA_TITLE, "T");
	tmpl_dict *plain = tmpl_section(d, T_AREA);
	tmpl_set(plain, T_AREA_SLUG, "hpc");
	tmpl_set(plain, T_AREA_TITLE, "U");
	CHECK(tmpl_expand("en/dashboard.tpl", d, &out) == 0);
	CHECK_NOT_CONTAINS(buf_cstr(&out), "\" onclick=\"");
	/* The slug is there, escaped inside its attribute, and a plain one unchanged. */
	CHECK_CONTAINS(buf_cstr(&out), "<a href=\"/areas/x&quot; onclick=&quot;alert(1)\">");
	CHECK_CONTAINS(buf_cstr(&out), "<a href=\"/areas/hpc\">");
	tmpl_free(d);
	buf_free(&out);
}

static void test_unknown_template_fails_cleanly(void)
{
	tmpl_dict *d = tmpl_new();
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "kept");
	CHECK(tmpl_expand("en/no-such.tpl", d, &out) == -1);
	CHECK_STR(buf_cstr(&out), "kept");
	tmpl_free(d);
	buf_free(&out);
}

/* Every template of templates/ expands in both languages, without a [[marker]] left. */
static void test_every_language_has_every_template(void)
{
	static const char *const langs[] = { "en", "ko" };
	DIR *dir = opendir("templates");
	CHECK(dir != NULL);
	struct dirent *e;
	int seen = 0;
	while (dir && (e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".tpl") != 0)
			continue;
		seen++;
		for (size_t l = 0; l < 2; l++) {
			char file[300];
			snprintf(file, sizeof(file), "%s/%s", langs[l], e->d_name);
			tmpl_dict *d = tmpl_new();
			struct buf out;
			buf_init(&out);
			CHECK(tmpl_expand(file, d, &out) == 0);
			CHECK_NOT_CONTAINS(buf_cstr(&out), "[[");  /* no untranslated marker */
			tmpl_free(d);
			buf_free(&out);
		}
	}
	if (dir)
		closedir(dir);
	CHECK(seen >= 11);
}

static const char *md(const char *src)
{
	static struct buf out;
	buf_reset(&out);
	if (markdown_to_html(src, strlen(src), &out) != 0)
		return NULL;
	return buf_cstr(&out);
}

static void test_markdown_is_safe(void)
{
	CHECK_CONTAINS(md("**bold** and *em*"), "<strong>bold</strong>");
	CHECK_NOT_CONTAINS(md("<script>alert(1)</script>"), "<script");
	CHECK_NOT_CONTAINS(md("hello <img src=x onerror=alert(1)> there"), "<img");
	CHECK_NOT_CONTAINS(md("[click](javascript:alert(1))"), "javascript:");
	CHECK_CONTAINS(md("[click](JaVaScRiPt:alert(1))"), "href=\"\"");
	CHECK_NOT_CONTAINS(md("[x](vbscript:msgbox)"), "vbscript:");
	CHECK_NOT_CONTAINS(md("<a href=\"javascript:alert(1)\">x</a>"), "<a href=\"javascript");
	CHECK_CONTAINS(md("[ok](https://digital-strategy.ec.europa.eu/)"), "href=\"https://digital-strategy.ec.europa.eu/\"");
	CHECK_CONTAINS(md("\xEC\x96\x91\xEC\x9E\x90 \xEC\xBB\xB4\xED\x93\xA8\xED\x8C\x85"), "\xEC\x96\x91\xEC\x9E\x90 \xEC\xBB\xB4\xED\x93\xA8\xED\x8C\x85");
	CHECK_CONTAINS(md("a < b & c > d"), "a &lt; b &amp; c &gt; d");
}

int main(void)
{
	RUN(test_templates_load);
	RUN(test_values_are_escaped);
	RUN(test_url_values);
	RUN(test_unknown_template_fails_cleanly);
	RUN(test_every_language_has_every_template);
	RUN(test_markdown_is_safe);
	return check_summary("test_render");
}
