/*
 * The CSV writer (cgi/base/csv.c). The input is a table: records end at 0x1E,
 * fields at 0x1F; a field starting with 0x1D is a number (text = false, the
 * marker dropped), any other a free-text field. It is written with csv_field
 * and csv_end and read back by a strict RFC 4180 reader. Checked:
 *  - the output is well-formed RFC 4180 (CRLF after every record, quotes
 *    only around whole fields and doubled inside) and reads back as the same
 *    table, except that a free-text field starting with = + - @ TAB CR LF NUL
 *    gets a leading apostrophe, and only such a field;
 *  - formula injection: no free-text cell reads back starting with one of
 *    those characters, whatever the input;
 *  - csv_dangerous says exactly that of a field, and csv_field appends.
 */
#include "fuzz.h"

#include <stdbool.h>

#include "base/buf.h"
#include "base/csv.h"

#define END_RECORD 0x1E
#define END_FIELD 0x1F
#define NUMBER 0x1D

static int ref_dangerous(const char *s, size_t n)
{
	return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	                 s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '\0');
}

/*
 * Reads one field of the CSV text at *pos into out (room for the rest of the
 * text); returns its length and sets *last when it ended its record. Aborts on
 * anything that is not RFC 4180.
 */
static size_t read_field(const char *csv, size_t len, size_t *pos, char *out, int *last)
{
	size_t p = *pos, n = 0;
	if (p < len && csv[p] == '"') {
		p++;
		for (;;) {
			FUZZ_CHECK(p < len);  /* unterminated quoted field */
			if (csv[p] == '"') {
				if (p + 1 < len && csv[p + 1] == '"') {
					out[n++] = '"';
					p += 2;
					continue;
				}
				p++;
				break;
			}
			out[n++] = csv[p++];
		}
	} else {
		while (p < len && csv[p] != ',' && csv[p] != '\r') {
			FUZZ_CHECK(csv[p] != '"' && csv[p] != '\n');  /* must have been quoted */
			out[n++] = csv[p++];
		}
	}
	FUZZ_CHECK(p < len);  /* every record ends with CRLF */
	if (csv[p] == ',') {
		*last = 0;
		p++;
	} else {
		FUZZ_CHECK(csv[p] == '\r' && p + 1 < len && csv[p + 1] == '\n');
		*last = 1;
		p += 2;
	}
	*pos = p;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct buf b;
	buf_init(&b);
	FUZZ_CHECK(buf_puts(&b, "x") == 0);  /* csv_field appends */

	/* Write the table. */
	size_t start = 0;
	int first = 1;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && in[i] != END_FIELD && in[i] != END_RECORD)
			continue;
		const char *f = in + start;
		size_t n = i - start;
		bool text = !(n && f[0] == NUMBER);
		if (!text)
			f++, n--;
		FUZZ_CHECK(csv_dangerous(f, n) == (ref_dangerous(f, n) != 0));
		csv_field(&b, f, n, text, first);
		first = 0;
		if (i == size || in[i] == END_RECORD) {
			csv_end(&b);
			first = 1;
		}
		start = i + 1;
	}
	FUZZ_CHECK(!b.failed && b.len >= 1 && b.data[0] == 'x');

	/* Read it back, field by field, against the input. */
	const char *csv = b.data + 1;
	size_t len = b.len - 1, pos = 0;
	char *cell = malloc(len + 1);
	if (!cell)
		abort();
	start = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && in[i] != END_FIELD && in[i] != END_RECORD)
			continue;
		const char *f = in + start;
		size_t n = i - start;
		bool text = !(n && f[0] == NUMBER);
		if (!text)
			f++, n--;
		int last = 0;
		size_t got = read_field(csv, len, &pos, cell, &last);
		FUZZ_CHECK(last == (i == size || in[i] == END_RECORD));
		if (text && ref_dangerous(f, n)) {
			FUZZ_CHECK(got == n + 1 && cell[0] == '\'' && memcmp(cell + 1, f, n) == 0);
		} else {
			FUZZ_CHECK(got == n && memcmp(cell, f, n) == 0);
		}
		if (text)
			FUZZ_CHECK(!ref_dangerous(cell, got));
		start = i + 1;
	}
	FUZZ_CHECK(pos == len);  /* nothing more */

	free(cell);
	buf_free(&b);
	return 0;
}
