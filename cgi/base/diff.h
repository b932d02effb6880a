/*
 * Line diff for the history and conflict pages. Pure: fuzzed by
 * fuzz/fuzz_diff.c. Lines end at '\n' (a preceding '\r' is not part of the
 * line). The common start and end are matched directly; the middle by a
 * longest common subsequence when it has at most DIFF_MAX_CELLS line pairs,
 * otherwise shown as replaced wholesale.
 */
#ifndef PORTAL_DIFF_H
#define PORTAL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#define DIFF_MAX_CELLS ((size_t)4 << 20)

/*
 * The most a page compares line by line (view_diff): lines and bytes on
 * either side. Past them a page says the texts are too long to compare,
 * since a diff's rows, each a template dictionary, grow with the lines: a
 * 64 KiB section of empty lines would otherwise be a page of 130,000 rows.
 */
#define DIFF_MAX_LINES 5000
#define DIFF_MAX_BYTES ((size_t)256 << 10)

enum diff_op { DIFF_EQUAL, DIFF_DELETE, DIFF_INSERT };

struct diff_line {
	enum diff_op op;
	const char *s;     /* points into a (equal, delete) or b (insert); not NUL-terminated */
	size_t len;
	size_t old_no;     /* 1-based line number in a; 0 for inserted lines */
	size_t new_no;     /* 1-based line number in b; 0 for deleted lines */
};

/* Called for each line in order; non-zero stops the diff. */
typedef int (*diff_fn)(void *ud, const struct diff_line *line);

/* True when a or b has more than DIFF_MAX_LINES lines or DIFF_MAX_BYTES bytes. */
bool diff_too_long(const char *a, size_t alen, const char *b, size_t blen);

/* Diffs a against b. Returns 0, 1 when fn stopped it, or -1 when out of memory. */
int diff_lines(const char *a, size_t alen, const char *b, size_t blen, diff_fn fn, void *ud);

#endif
