#include "base/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *s;
	size_t len;
	uint64_t hash;
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Splits text into lines; returns the count, or SIZE_MAX when out of memory. */
static size_t split(const char *t, size_t n, struct line **out)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\n')
			count++;
	if (n && t[n - 1] != '\n')
		count++;
	*out = calloc(count ? count : 1, sizeof(**out));
	if (!*out)
		return SIZE_MAX;
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n && k < count; i++) {
		if (i == n || t[i] == '\n') {
			size_t len = i - start;
			if (len && t[start + len - 1] == '\r')
				len--;
			(*out)[k++] = (struct line){ t + start, len, fnv1a(t + start, len) };
			start = i + 1;
		}
	}
	return count;
}

static int same(const struct line *x, const struct line *y)
{
	return x->hash == y->hash && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

struct emitter {
	diff_fn fn;
	void *ud;
	size_t old_no, new_no;
	int stopped;
};

static void emit(struct emitter *e, enum diff_op op, const struct line *l)
{
	if (e->stopped)
		return;
	struct diff_line d = { op, l->s, l->len, 0, 0 };
	if (op != DIFF_INSERT)
		d.old_no = ++e->old_no;
	if (op != DIFF_DELETE)
		d.new_no = ++e->new_no;
	if (e->fn(e->ud, &d) != 0)
		e->stopped = 1;
}

enum { MATCH = 1, SKIP_A = 2, SKIP_B = 3 };

/* The middle by LCS: dir[i][j] says how a suffix-LCS from (i, j) goes on. */
static int lcs_middle(const struct line *a, size_t n, const struct line *b, size_t m, struct emitter *e)
{
	unsigned char *dir = malloc(n * m);
	uint32_t *next = calloc(m + 1, sizeof(uint32_t)), *cur = calloc(m + 1, sizeof(uint32_t));
	if (!dir || !next || !cur) {
		free(dir), free(next), free(cur);
		return -1;
	}
	for (size_t i = n; i-- > 0;) {
		cur[m] = 0;
		for (size_t j = m; j-- > 0;) {
			if (same(&a[i], &b[j])) {
				cur[j] = next[j + 1] + 1;
				dir[i * m + j] = MATCH;
			} else if (next[j] >= cur[j + 1]) {
				cur[j] = next[j];
				dir[i * m + j] = SKIP_A;   /* deletions before insertions */
			} else {
				cur[j] = cur[j + 1];
				dir[i * m + j] = SKIP_B;
			}
		}
		uint32_t *t = next;
		next = cur;
		cur = t;
	}
	size_t i = 0, j = 0;
	while (i < n && j < m) {
		unsigned char d = dir[i * m + j];
		if (d == MATCH) {
			emit(e, DIFF_EQUAL, &a[i++]);
			j++;
		} else if (d == SKIP_A) {
			emit(e, DIFF_DELETE, &a[i++]);
		} else {
			emit(e, DIFF_INSERT, &b[j++]);
		}
	}
	while (i < n)
		emit(e, DIFF_DELETE, &a[i++]);
	while (j < m)
		emit(e, DIFF_INSERT, &b[j++]);
	free(dir), free(next), free(cur);
	return 0;
}

/* Whether t[0..n) holds more than DIFF_MAX_LINES lines, counted as split() counts them. */
static bool too_many_lines(const char *t, size_t n)
{
	size_t lines = n && t[n - 1] != '\n';
	for (const char *p = t, *end = t + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		if (++lines > DIFF_MAX_LINES)
			return true;
	return lines > DIFF_MAX_LINES;
}

bool diff_too_long(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen > DIFF_MAX_BYTES || blen > DIFF_MAX_BYTES || too_many_lines(a, alen) || too_many_lines(b, blen);
}

int diff_lines(const char *at, size_t alen, const char *bt, size_t blen, diff_fn fn, void *ud)
{
	struct line *a = NULL, *b = NULL;
	size_t n = split(at, alen, &a), m = split(bt, blen, &b);
	int rc = -1;
	if (n == SIZE_MAX || m == SIZE_MAX)
		goto out;
	struct emitter e = { fn, ud, 0, 0, 0 };
	size_t pre = 0;
	while (pre < n && pre < m && same(&a[pre], &b[pre]))
		pre++;
	size_t post = 0;
	while (post < n - pre && post < m - pre && same(&a[n - 1 - post], &b[m - 1 - post]))
		post++;
	for (size_t i = 0; i < pre; i++)
		emit(&e, DIFF_EQUAL, &a[i]);
	size_t mn = n - pre - post, mm = m - pre - post;
	if (mn && mm && mn <= DIFF_MAX_CELLS / mm) {
		if (lcs_middle(a + pre, mn, b + pre, mm, &e) != 0)
			goto out;
	} else {
		for (size_t i = 0; i < mn; i++)
			emit(&e, DIFF_DELETE, &a[pre + i]);
		for (size_t j = 0; j < mm; j++)
			emit(&e, DIFF_INSERT, &b[pre + j]);
	}
	for (size_t i = n - post; i < n; i++)
		emit(&e, DIFF_EQUAL, &a[i]);
	rc = e.stopped;
out:
	free(a);
	free(b);
	return rc;
}
