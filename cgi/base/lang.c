#include "base/lang.h"

#include <string.h>
#include <strings.h>

static const char *const codes[LANG__MAX] = { "en", "ko" };

const char *lang_code(enum lang l)
{
	return codes[l];
}

int lang_parse(const char *s, enum lang *out)
{
	for (int i = 0; i < LANG__MAX; i++) {
		if (s && strcmp(s, codes[i]) == 0) {
			*out = (enum lang)i;
			return 0;
		}
	}
	return -1;
}

/*
 * The quality of one Accept-Language element from its parameters (what follows
 * the first ';', n bytes): thousandths, 1000 when there is no q, -1 when the
 * q value is malformed (RFC 9110: "0" ["." 0*3DIGIT] or "1" ["." 0*3"0"]).
 */
static int parse_q(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return -1;
	p += 2;
	n -= 2;
	if (p[0] != '0' && p[0] != '1')
		return -1;
	int q = (p[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (p[1] != '.' || n > 5)
		return -1;
	int scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		q += (p[i] - '0') * scale;
	}
	return q <= 1000 ? q : -1;
}

enum lang lang_from_accept(const char *h)
{
	int best_q[LANG__MAX] = { -1, -1 };
	if (!h)
		return LANG_EN;
	const char *end = h + strlen(h);
	for (const char *item = h; item < end;) {
		const char *comma = memchr(item, ',', (size_t)(end - item));
		const char *stop = comma ? comma : end;
		const char *semi = memchr(item, ';', (size_t)(stop - item));
		const char *tag = item, *tag_end = semi ? semi : stop;
		while (tag < tag_end && (*tag == ' ' || *tag == '\t'))
			tag++;
		while (tag_end > tag && (tag_end[-1] == ' ' || tag_end[-1] == '\t'))
			tag_end--;
		size_t tag_len = (size_t)(tag_end - tag);
		int q = semi ? parse_q(semi + 1, (size_t)(stop - semi - 1)) : 1000;
		for (int l = 0; q > 0 && l < LANG__MAX; l++) {
			size_t cl = strlen(codes[l]);
			if (tag_len >= cl && strncasecmp(tag, codes[l], cl) == 0 && (tag_len == cl || tag[cl] == '-') &&
			    q > best_q[l])
				best_q[l] = q;
		}
		item = stop + (comma ? 1 : 0);
	}
	/* Ties go to English, the language of the Council text. */
	return best_q[LANG_KO] > best_q[LANG_EN] ? LANG_KO : LANG_EN;
}
