/*
 * lang_from_accept (cgi/base/lang.c), the Accept-Language header:
 *  - always English or Korean; NULL and headers without "ko" give English;
 *  - Korean only when some language range is "ko" or "ko-..." (any case);
 *  - ties go to English: appending ", en" or prepending "en, " gives English;
 *  - on headers that follow RFC 9110 strictly (language ranges without '*',
 *    optional weights "q=0", "q=0.x{1,3}", "q=1", "q=1.0{1,3}", optional white
 *    space, empty list elements) the answer is the model's: the language with
 *    the highest weight over its matching ranges, weight 0 meaning "not
 *    acceptable", English on ties.
 */
#include "fuzz.h"

#include "view/i18n.h"

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does the range s[0..n) match language code (2 letters): equal or code + "-"? */
static int range_is(const char *s, size_t n, const char *code)
{
	return n >= 2 && lower(s[0]) == code[0] && lower(s[1]) == code[1] && (n == 2 || s[2] == '-');
}

/*
 * The strict model. Returns 1 and sets *want when the header is well-formed,
 * 0 otherwise.
 */
static int ref_lang(const char *h, enum lang *want)
{
	int best[LANG__MAX] = { -1, -1 };
	const char *p = h;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != ',') {
			/* language-range = 1*8ALPHA *("-" 1*8alphanum) */
			const char *r = p;
			size_t k = 0;
			while (is_alpha(p[k]))
				k++;
			if (k < 1 || k > 8)
				return 0;
			p += k;
			while (*p == '-') {
				p++;
				for (k = 0; is_alpha(p[k]) || is_digit(p[k]); k++)
					;
				if (k < 1 || k > 8)
					return 0;
				p += k;
			}
			size_t rlen = (size_t)(p - r);
			int q = 1000;
			const char *w = p;
			while (*w == ' ' || *w == '\t')
				w++;
			if (*w == ';') {
				w++;
				while (*w == ' ' || *w == '\t')
					w++;
				if (!(w[0] == 'q' || w[0] == 'Q') || w[1] != '=')
					return 0;
				w += 2;
				if (*w == '0') {
					q = 0;
					w++;
					if (*w == '.') {
						w++;
						int scale = 100;
						for (k = 0; k < 3 && is_digit(*w); k++, w++) {
							q += (*w - '0') * scale;
							scale /= 10;
						}
					}
				} else if (*w == '1') {
					w++;
					if (*w == '.') {
						w++;
						for (k = 0; k < 3 && *w == '0'; k++)
							w++;
					}
				} else {
					return 0;
				}
				p = w;
			}
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p && *p != ',')
				return 0;
			if (range_is(r, rlen, "en") && q > best[LANG_EN])
				best[LANG_EN] = q;
			if (range_is(r, rlen, "ko") && q > best[LANG_KO])
				best[LANG_KO] = q;
		}
		if (!*p)
			break;
		p++;  /* ',' */
	}
	if (best[LANG_KO] > 0 && best[LANG_KO] > best[LANG_EN])
		*want = LANG_KO;
	else
		*want = LANG_EN;
	return 1;
}

/* Is there a list element whose range is ko or ko-* (the only way to Korean)? */
static int mentions_ko(const char *h)
{
	const char *p = h;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, ",;");
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (range_is(p, n, "ko"))
			return 1;
		p = strchr(p, ',');
		if (!p)
			return 0;
		p++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_strndup(data, size);
	size_t len = strlen(h);

	FUZZ_CHECK(lang_from_accept(NULL) == LANG_EN);
	enum lang l = lang_from_accept(h);
	FUZZ_CHECK(l == LANG_EN || l == LANG_KO);
	if (l == LANG_KO)
		FUZZ_CHECK(mentions_ko(h));
	FUZZ_CHECK(lang_from_accept(h) == l);  /* no hidden state */

	enum lang want;
	if (ref_lang(h, &want))
		FUZZ_CHECK(l == want);

	char *more = malloc(len + 8);
	if (!more)
		abort();
	memcpy(more, h, len);
	memcpy(more + len, ", en", 5);
	FUZZ_CHECK(lang_from_accept(more) == LANG_EN);
	memcpy(more, "en, ", 4);
	memcpy(more + 4, h, len + 1);
	FUZZ_CHECK(lang_from_accept(more) == LANG_EN);
	free(more);

	free(h);
	return 0;
}
