#include "base/csv.h"

#include <string.h>

bool csv_dangerous(const char *s, size_t n)
{
	return n > 0 && (s[0] == '\0' || strchr("=+-@\t\r\n", s[0]) != NULL);
}

static bool needs_quotes(const char *s, size_t n, bool neutralised)
{
	if (n == 0)
		return false;
	if (neutralised || s[0] == ' ' || s[n - 1] == ' ')
		return true;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

void csv_field(struct buf *out, const char *s, size_t n, bool text, bool first)
{
	if (!first)
		buf_putc(out, ',');
	bool neutralise = text && csv_dangerous(s, n);
	if (!needs_quotes(s, n, neutralise)) {
		buf_append(out, s, n);
		return;
	}
	buf_putc(out, '"');
	if (neutralise)
		buf_putc(out, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

void csv_end(struct buf *out)
{
	buf_append(out, "\r\n", 2);
}
