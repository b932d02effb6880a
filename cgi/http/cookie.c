#include "http/cookie.h"

#include <string.h>

enum cookie_result cookie_find(struct arena *a, const char *header, const char *name, const char **value)
{
	if (!header)
		return COOKIE_ABSENT;
	size_t len = strlen(header);
	if (len > COOKIE_HEADER_MAX)
		return COOKIE_MALFORMED;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)header[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return COOKIE_MALFORMED;
	}
	size_t name_len = strlen(name);
	enum cookie_result found = COOKIE_ABSENT;
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (eq && (size_t)(eq - p) == name_len && memcmp(p, name, name_len) == 0) {
			if (found == COOKIE_FOUND)
				return COOKIE_MALFORMED;
			const char *v = eq + 1;
			size_t vlen = n - name_len - 1;
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (!(*value = arena_strndup(a, v, vlen)))
				return COOKIE_MALFORMED;
			found = COOKIE_FOUND;
		}
		p += n;
	}
	return found;
}
