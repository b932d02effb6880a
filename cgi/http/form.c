#include "http/form.h"

#include <string.h>

#include "base/utf8.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum form_status form_decode(struct arena *a, const char *s, size_t len, int plus_is_space,
                             char **out, size_t *out_len)
{
	char *d = arena_alloc(a, len + 1);
	if (!d)
		return FORM_NO_MEMORY;
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (len - i < 3)
				return FORM_BAD_ESCAPE;
			int hi = hexval((unsigned char)s[i + 1]);
			int lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ESCAPE;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			d[j++] = ' ';
		} else {
			d[j++] = (char)c;
		}
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return FORM_BAD_UTF8;
	*out = d;
	*out_len = j;
	return FORM_OK;
}

static int has_control(const char *s, size_t n, int allow_text_controls)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (allow_text_controls && (c == '\t' || c == '\r' || c == '\n'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return 1;
	}
	return 0;
}

static size_t count_pairs(const char *s, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&')
			n++;
	return n;
}

enum form_status form_parse(struct arena *a, const char *s, size_t len,
                            enum form_mode mode, struct params *out)
{
	out->v = NULL;
	out->n = 0;
	if (len == 0)
		return FORM_OK;
	size_t max = count_pairs(s, len);
	if (max > FORM_MAX_PARAMS)
		return FORM_TOO_MANY;
	struct param *v = arena_alloc(a, max * sizeof(*v));
	if (!v)
		return FORM_NO_MEMORY;

	size_t n = 0, start = 0;
	while (start <= len) {
		const char *amp = memchr(s + start, '&', len - start);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > start) {
			const char *pair = s + start;
			size_t plen = end - start;
			const char *eq = memchr(pair, '=', plen);
			size_t nlen = eq ? (size_t)(eq - pair) : plen;
			char *name, *value = NULL;
			size_t name_len, value_len = 0;
			enum form_status st = form_decode(a, pair, nlen, 1, &name, &name_len);
			if (st == FORM_OK && eq)
				st = form_decode(a, eq + 1, plen - nlen - 1, 1, &value, &value_len);
			if (st != FORM_OK)
				return st;
			if (!value)
				value = (char *)"";
			if (name_len == 0)
				return FORM_BAD_NAME;
			if (has_control(name, name_len, 0) ||
			    has_control(value, value_len, mode == FORM_BODY))
				return FORM_BAD_CONTROL;
			v[n].name = name;
			v[n].value = value;
			v[n].value_len = value_len;
			n++;
		}
		if (!amp)
			break;
		start = end + 1;
	}
	out->v = v;
	out->n = n;
	return FORM_OK;
}

bool params_has_duplicate(const struct params *p)
{
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = i + 1; j < p->n; j++)
			if (strcmp(p->v[i].name, p->v[j].name) == 0)
				return true;
	return false;
}

enum param_lookup params_get(const struct params *p, const char *name, const char **value, size_t *len)
{
	enum param_lookup found = PARAM_MISSING;
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].name, name) != 0)
			continue;
		if (found == PARAM_FOUND)
			return PARAM_DUPLICATE;
		found = PARAM_FOUND;
		if (value)
			*value = p->v[i].value;
		if (len)
			*len = p->v[i].value_len;
	}
	return found;
}
