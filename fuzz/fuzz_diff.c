/*
 * diff_lines (cgi/base/diff.c). The input is split in two at the first 0xFF byte
 * (or in half when there is none): old text a and new text b. Checked:
 *  - equal and deleted lines, in order, are exactly a's lines; equal and
 *    inserted lines, in order, are exactly b's lines (a line ends at '\n',
 *    a '\r' before it is not part of it, a last line may lack the '\n');
 *  - line numbers count up from 1 (0 for the side a line is not on), and an
 *    equal line is the same text on both sides;
 *  - each line points into the text it comes from;
 *  - on small inputs the diff is minimal: as many equal lines as a longest
 *    common subsequence of the lines;
 *  - a callback returning non-zero stops it: no further calls, return 1.
 */
#include "fuzz.h"

#include "base/diff.h"

struct line {
	const char *s;
	size_t len;
};

/* Splits t[0..n) into lines (malloc'ed array), returns the count. */
static size_t ref_split(const char *t, size_t n, struct line **out)
{
	struct line *v = malloc((n + 1) * sizeof(*v));
	if (!v)
		abort();
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && t[i] != '\n')
			continue;
		if (i == n && start == n)
			break;  /* no unterminated last line */
		size_t len = i - start;
		if (len && t[start + len - 1] == '\r')
			len--;
		v[k++] = (struct line){ t + start, len };
		start = i + 1;
	}
	*out = v;
	return k;
}

static int same(const struct line *x, const char *s, size_t len)
{
	return x->len == len && memcmp(x->s, s, len) == 0;
}

struct state {
	const char *a, *b;
	size_t alen, blen;
	struct line *la, *lb;
	size_t na, nb;
	size_t old_no, new_no, equal, calls;
	size_t stop_at;  /* return 1 on this call (0-based); SIZE_MAX: never */
	int stopped;
};

static int on_line(void *ud, const struct diff_line *l)
{
	struct state *st = ud;
	FUZZ_CHECK(!st->stopped);
	size_t call = st->calls++;
	FUZZ_CHECK(l->op == DIFF_EQUAL || l->op == DIFF_DELETE || l->op == DIFF_INSERT);
	FUZZ_CHECK(l->s != NULL || l->len == 0);
	if (l->op != DIFF_INSERT) {
		FUZZ_CHECK(l->old_no == ++st->old_no && l->old_no <= st->na);
		FUZZ_CHECK(same(&st->la[l->old_no - 1], l->s, l->len));
		FUZZ_CHECK(l->s >= st->a && l->s + l->len <= st->a + st->alen);
	} else {
		FUZZ_CHECK(l->old_no == 0);
		FUZZ_CHECK(l->s >= st->b && l->s + l->len <= st->b + st->blen);
	}
	if (l->op != DIFF_DELETE) {
		FUZZ_CHECK(l->new_no == ++st->new_no && l->new_no <= st->nb);
		FUZZ_CHECK(same(&st->lb[l->new_no - 1], l->s, l->len));
	} else {
		FUZZ_CHECK(l->new_no == 0);
	}
	st->equal += l->op == DIFF_EQUAL;
	if (call == st->stop_at) {
		st->stopped = 1;
		return 1;
	}
	return 0;
}

static size_t ref_lcs(const struct line *a, size_t n, const struct line *b, size_t m)
{
	size_t *prev = calloc(m + 1, sizeof(size_t)), *cur = calloc(m + 1, sizeof(size_t));
	if (!prev || !cur)
		abort();
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			if (same(&a[i - 1], b[j - 1].s, b[j - 1].len))
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t r = prev[m];
	free(prev);
	free(cur);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exact-size copies, so reading past either text is caught. */
	const uint8_t *ff = memchr(data, 0xFF, size);
	size_t alen = ff ? (size_t)(ff - data) : size / 2;
	size_t boff = ff ? alen + 1 : alen;
	size_t blen = size - boff;
	char *a = malloc(alen ? alen : 1), *b = malloc(blen ? blen : 1);
	if (!a || !b)
		abort();
	if (alen)
		memcpy(a, data, alen);
	if (blen)
		memcpy(b, data + boff, blen);

	struct state st = { .a = a, .b = b, .alen = alen, .blen = blen, .stop_at = SIZE_MAX };
	st.na = ref_split(a, alen, &st.la);
	st.nb = ref_split(b, blen, &st.lb);

	int rc = diff_lines(a, alen, b, blen, on_line, &st);
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(st.old_no == st.na && st.new_no == st.nb);
	FUZZ_CHECK(st.calls == st.na + st.nb - st.equal);
	if (st.na * st.nb <= 1u << 16)
		FUZZ_CHECK(st.equal == ref_lcs(st.la, st.na, st.lb, st.nb));

	if (st.calls) {
		struct state s2 = st;
		s2.old_no = s2.new_no = s2.equal = s2.calls = 0;
		s2.stopped = 0;
		s2.stop_at = st.calls / 2;
		FUZZ_CHECK(diff_lines(a, alen, b, blen, on_line, &s2) == 1);
		FUZZ_CHECK(s2.calls == s2.stop_at + 1);
	}

	free(st.la);
	free(st.lb);
	free(a);
	free(b);
	return 0;
}
