#include "i18n.h"

#include "arena.h"
#include "buf.h"

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

/* Quality value of "q=0.8" style parameters, in thousandths; -1 if malformed. */
static int parse_q(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return -1;
	p += 2;
	n -= 2;
	if (p[0] == '1')
		return 1000;
	if (p[0] != '0')
		return -1;
	int q = 0, scale = 100;
	for (size_t i = 2; i < n && i < 5 && p[i] >= '0' && p[i] <= '9'; i++) {
		q += (p[i] - '0') * scale;
		scale /= 10;
	}
	return q;
}

enum lang lang_from_accept(const char *h)
{
	int best_q[LANG__MAX] = { -1, -1 };
	if (!h)
		return LANG_EN;
	size_t len = strlen(h);
	size_t pos = 0;
	while (pos < len) {
		const char *item = h + pos;
		const char *comma = memchr(item, ',', len - pos);
		size_t n = comma ? (size_t)(comma - item) : len - pos;
		pos += n + 1;
		while (n && (*item == ' ' || *item == '\t')) {
			item++;
			n--;
		}
		const char *semi = memchr(item, ';', n);
		size_t tag_len = semi ? (size_t)(semi - item) : n;
		while (tag_len && (item[tag_len - 1] == ' ' || item[tag_len - 1] == '\t'))
			tag_len--;
		int q = semi ? parse_q(semi + 1, n - tag_len - 1) : 1000;
		if (q <= 0)
			continue;
		for (int l = 0; l < LANG__MAX; l++) {
			size_t cl = strlen(codes[l]);
			if (tag_len >= cl && strncasecmp(item, codes[l], cl) == 0 &&
			    (tag_len == cl || item[cl] == '-') && q > best_q[l])
				best_q[l] = q;
		}
	}
	/* Ties go to English, the language of the Council text. */
	return best_q[LANG_KO] > best_q[LANG_EN] ? LANG_KO : LANG_EN;
}

char *msg_format(struct arena *a, const char *text, const char *const *keys, const char *const *values, size_t n)
{
	struct buf out;
	buf_init(&out);
	const char *p = text;
	while (*p) {
		const char *open = strstr(p, "{{");
		if (!open) {
			buf_puts(&out, p);
			break;
		}
		buf_append(&out, p, (size_t)(open - p));
		const char *close = strstr(open, "}}");
		size_t klen = close ? (size_t)(close - open - 2) : 0;
		size_t i = 0;
		while (close && i < n && (strlen(keys[i]) != klen || strncmp(open + 2, keys[i], klen) != 0))
			i++;
		if (close && i < n) {
			buf_puts(&out, values[i]);
			p = close + 2;
		} else {
			buf_append(&out, open, 2);
			p = open + 2;
		}
	}
	char *result = buf_cstr(&out) ? arena_strndup(a, out.data, out.len) : NULL;
	buf_free(&out);
	return result;
}
