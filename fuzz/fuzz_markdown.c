/*
 * markdown_to_html (cgi/base/markdown.c, libcmark in safe mode): the only HTML the
 * templates print unescaped. The safety property, checked on every output:
 *  - no "<script" anywhere (any case);
 *  - no href or src whose scheme, read the way a browser reads it (character
 *    references decoded, leading C0 controls and spaces dropped, TAB/CR/LF
 *    removed, any case), is javascript:, vbscript:, file:, or data: other
 *    than data:image/{png,gif,jpeg,webp} (cmark's rule, see markdown.h);
 *  - stronger: every '<' starts one of the tags cmark writes, with only the
 *    attributes cmark writes (a href/title, img src/alt/title, ol start,
 *    code class), each value double-quoted and free of '<', '>' and '"'; or
 *    the "<!-- raw HTML omitted -->" comment; and the tags nest properly;
 *  - the output is valid UTF-8 and is appended to what the buffer held.
 */
#include "fuzz.h"

#include <strings.h>

#include "base/buf.h"
#include "base/markdown.h"
#include "base/utf8.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static void violation(const char *what, const char *html, size_t at)
{
	size_t from = at > 60 ? at - 60 : 0;
	fprintf(stderr, "markdown safety property violated: %s at offset %zu: ...%.160s\n", what, at,
	        html + from);
	abort();
}

/* Appends the code point to out (UTF-8); a browser's view is all we need. */
static size_t put_cp(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	out[0] = '?';  /* not ASCII: cannot be part of a scheme name */
	return 1;
}

/*
 * The URL a browser would see in an attribute value v[0..n): character
 * references decoded, then leading C0/space stripped and TAB/LF/CR removed
 * (WHATWG URL parser), lower-cased. Writes at most n bytes to out.
 */
static size_t browser_url(const char *v, size_t n, char *out)
{
	char *dec = malloc(n + 1);
	if (!dec)
		abort();
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		if (v[i] == '&') {
			size_t k = i + 1;
			unsigned long cp = 0;
			int ok = 0;
			if (k < n && v[k] == '#') {
				k++;
				int hex = k < n && (v[k] == 'x' || v[k] == 'X');
				if (hex)
					k++;
				size_t digits = 0;
				while (k < n && digits < 8) {
					char c = lower(v[k]);
					int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
					if (d < 0)
						break;
					cp = cp * (hex ? 16 : 10) + (unsigned long)d;
					k++, digits++;
				}
				ok = digits > 0;
			} else {
				static const struct { const char *name; char c; } named[] = {
					{ "amp", '&' }, { "quot", '"' }, { "lt", '<' }, { "gt", '>' },
					{ "colon", ':' }, { "tab", '\t' }, { "newline", '\n' }, { "apos", '\'' },
					{ "sol", '/' }, { "num", '#' }, { "lpar", '(' }, { "rpar", ')' },
				};
				for (size_t e = 0; e < sizeof(named) / sizeof(named[0]); e++) {
					size_t l = strlen(named[e].name);
					if (n - k >= l && strncasecmp(v + k, named[e].name, l) == 0) {
						cp = (unsigned char)named[e].c;
						k += l;
						ok = 1;
						break;
					}
				}
			}
			if (ok) {
				if (k < n && v[k] == ';')
					k++;
				m += put_cp(dec + m, cp);
				i = k;
				continue;
			}
		}
		dec[m++] = v[i++];
	}
	size_t i = 0, o = 0;
	while (i < m && (unsigned char)dec[i] <= 0x20)
		i++;
	for (; i < m; i++)
		if (dec[i] != '\t' && dec[i] != '\n' && dec[i] != '\r')
			out[o++] = lower(dec[i]);
	free(dec);
	return o;
}

static int starts(const char *s, size_t n, const char *prefix)
{
	size_t l = strlen(prefix);
	return n >= l && memcmp(s, prefix, l) == 0;
}

static void check_url(const char *html, size_t at, const char *v, size_t n)
{
	char *u = malloc(n + 1);
	if (!u)
		abort();
	size_t m = browser_url(v, n, u);
	int bad = starts(u, m, "javascript:") || starts(u, m, "vbscript:") || starts(u, m, "file:");
	/* cmark lets data: images through, in img src and in links alike (no script in them) */
	if (starts(u, m, "data:"))
		bad |= !(starts(u, m, "data:image/png") || starts(u, m, "data:image/gif") ||
		         starts(u, m, "data:image/jpeg") || starts(u, m, "data:image/webp"));
	free(u);
	if (bad)
		violation("dangerous URL", html, at);
}

static const char *const block_tags[] = {
	"p", "blockquote", "ul", "ol", "li", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
	"em", "strong", "a",
};
static const char *const void_tags[] = { "hr", "br", "img" };

static int in(const char *s, size_t n, const char *const *set, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(set[i]) == n && memcmp(set[i], s, n) == 0)
			return 1;
	return 0;
}

static int attr_allowed(const char *tag, const char *attr, size_t n)
{
	static const struct { const char *tag, *attr; } ok[] = {
		{ "a", "href" }, { "a", "title" }, { "img", "src" }, { "img", "alt" },
		{ "img", "title" }, { "ol", "start" }, { "code", "class" },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(ok[i].tag, tag) == 0 && strlen(ok[i].attr) == n && memcmp(ok[i].attr, attr, n) == 0)
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void check_html(const char *h, size_t len)
{
	for (size_t i = 0; i + 7 <= len; i++)
		if (h[i] == '<' && strncasecmp(h + i + 1, "script", 6) == 0)
			violation("<script", h, i);

	static const char omitted[] = "<!-- raw HTML omitted -->";
	const char **stack = malloc((len / 2 + 1) * sizeof(*stack));
	if (!stack)
		abort();
	size_t depth = 0;
	for (size_t i = 0; i < len; i++) {
		if (h[i] == '>')
			violation("stray '>'", h, i);
		if (h[i] != '<')
			continue;
		size_t at = i;
		if (starts(h + i, len - i, omitted)) {
			i += sizeof(omitted) - 2;
			continue;
		}
		int closing = h[i + 1] == '/';
		size_t t = i + 1 + (size_t)closing, tl = 0;
		while (t + tl < len && ((h[t + tl] >= 'a' && h[t + tl] <= 'z') || (h[t + tl] >= '0' && h[t + tl] <= '9')))
			tl++;
		const char *tag = NULL;
		for (size_t k = 0; k < COUNT(block_tags) && !tag; k++)
			if (strlen(block_tags[k]) == tl && memcmp(block_tags[k], h + t, tl) == 0)
				tag = block_tags[k];
		int is_void = in(h + t, tl, void_tags, COUNT(void_tags));
		for (size_t k = 0; k < COUNT(void_tags) && !tag; k++)
			if (strlen(void_tags[k]) == tl && memcmp(void_tags[k], h + t, tl) == 0)
				tag = void_tags[k];
		if (!tag)
			violation("unexpected tag", h, at);
		i = t + tl;
		if (closing) {
			if (is_void || h[i] != '>')
				violation("bad closing tag", h, at);
			if (depth == 0 || strcmp(stack[depth - 1], tag) != 0)
				violation("closing tag does not match", h, at);
			depth--;
			continue;
		}
		/* attributes: ( ' ' name '="' value '"' )* */
		while (i < len && h[i] == ' ' && h[i + 1] != '/') {
			size_t a = ++i, al = 0;
			while (a + al < len && h[a + al] >= 'a' && h[a + al] <= 'z')
				al++;
			if (!attr_allowed(tag, h + a, al))
				violation("unexpected attribute", h, a);
			i = a + al;
			if (h[i] != '=' || h[i + 1] != '"')
				violation("unquoted attribute", h, i);
			size_t v = i + 2, vl = 0;
			while (v + vl < len && h[v + vl] != '"') {
				if (h[v + vl] == '<' || h[v + vl] == '>')
					violation("'<' or '>' in an attribute", h, v + vl);
				vl++;
			}
			if (v + vl >= len)
				violation("unterminated attribute", h, v);
			if ((al == 4 && memcmp(h + a, "href", 4) == 0) || (al == 3 && memcmp(h + a, "src", 3) == 0))
				check_url(h, a, h + v, vl);
			i = v + vl + 1;
		}
		if (is_void) {
			if (!starts(h + i, len - i, " />"))
				violation("void tag not closed with ' />'", h, at);
			i += 2;
		} else {
			if (h[i] != '>')
				violation("bad tag end", h, at);
			stack[depth++] = tag;
		}
	}
	if (depth != 0)
		violation("unclosed tag", h, len);
	free(stack);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b;
	buf_init(&b);
	FUZZ_CHECK(buf_puts(&b, "[") == 0);
	int rc = markdown_to_html((const char *)data, size, &b);
	FUZZ_CHECK(rc == 0);
	const char *out = buf_cstr(&b);
	FUZZ_CHECK(out != NULL && out[0] == '[');
	FUZZ_CHECK(strlen(out) == b.len);
	FUZZ_CHECK(utf8_valid(out, b.len));
	check_html(out + 1, b.len - 1);
	buf_free(&b);
	return 0;
}
