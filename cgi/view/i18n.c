#include "view/i18n.h"

#include "base/arena.h"
#include "base/buf.h"

#include <string.h>

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
