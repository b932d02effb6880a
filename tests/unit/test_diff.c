/* The line diff (cgi/base/diff.c). */
#include "check.h"
#include "base/buf.h"
#include "base/diff.h"

#include <stdbool.h>

static int render(void *ud, const struct diff_line *l)
{
	struct buf *b = ud;
	buf_putc(b, l->op == DIFF_EQUAL ? ' ' : l->op == DIFF_DELETE ? '-' : '+');
	buf_append(b, l->s, l->len);
	buf_putc(b, '|');
	return 0;
}

static const char *d(const char *a, const char *b)
{
	static struct buf out;
	buf_reset(&out);
	if (diff_lines(a, strlen(a), b, strlen(b), render, &out) != 0)
		return NULL;
	return buf_cstr(&out);
}

static void test_basic(void)
{
	CHECK_STR(d("", ""), "");
	CHECK_STR(d("a\nb\nc\n", "a\nb\nc\n"), " a| b| c|");
	CHECK_STR(d("a\nb\nc\n", "a\nx\nc\n"), " a|-b|+x| c|");
	CHECK_STR(d("", "new\n"), "+new|");
	CHECK_STR(d("old\n", ""), "-old|");
	CHECK_STR(d("a\nb\n", "a\nb\nc\n"), " a| b|+c|");
	CHECK_STR(d("x\na\nb\n", "a\nb\n"), "-x| a| b|");
}

static void test_middle_uses_lcs(void)
{
	CHECK_STR(d("1\na\nb\nc\nd\n2\n", "1\nb\nx\nd\ny\n2\n"), " 1|-a| b|-c|+x| d|+y| 2|");
	CHECK_STR(d("a\nb\n", "b\na\n"), "-a| b|+a|");
}

static void test_line_ends(void)
{
	CHECK_STR(d("a\r\nb", "a\nb\n"), " a| b|");       /* CRLF and a missing final newline */
	CHECK_STR(d("\xED\x95\x9C\n", "\xED\x95\x9C\xEA\xB5\xAD\n"), "-\xED\x95\x9C|+\xED\x95\x9C\xEA\xB5\xAD|");
}

struct numbers {
	size_t old_no[16], new_no[16];
	int n;
};

static int record(void *ud, const struct diff_line *l)
{
	struct numbers *r = ud;
	r->old_no[r->n] = l->old_no;
	r->new_no[r->n] = l->new_no;
	return ++r->n >= 16;
}

static void test_line_numbers(void)
{
	struct numbers r = { .n = 0 };
	CHECK(diff_lines("a\nb\nc\n", 6, "a\nc\nd\n", 6, record, &r) == 0);
	/* a(1,1) -b(2,0) c(3,2) +d(0,3) */
	CHECK(r.n == 4);
	CHECK(r.old_no[0] == 1 && r.new_no[0] == 1);
	CHECK(r.old_no[1] == 2 && r.new_no[1] == 0);
	CHECK(r.old_no[2] == 3 && r.new_no[2] == 2);
	CHECK(r.old_no[3] == 0 && r.new_no[3] == 3);
}

static int count(void *ud, const struct diff_line *l)
{
	size_t *c = ud;
	c[l->op]++;
	return 0;
}

static void test_big_inputs_stay_bounded(void)
{
	/* 5000 different lines each side: more cells than the LCS may use. */
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	for (int i = 0; i < 5000; i++) {
		buf_printf(&a, "left %d\n", i);
		buf_printf(&b, "right %d\n", i);
	}
	size_t c[3] = { 0, 0, 0 };
	CHECK(diff_lines(a.data, a.len, b.data, b.len, count, c) == 0);
	CHECK(c[DIFF_DELETE] == 5000 && c[DIFF_INSERT] == 5000 && c[DIFF_EQUAL] == 0);
	buf_free(&a);
	buf_free(&b);
}

/* n lines "line\n" (the last one without its newline when open). */
static void lines(struct buf *b, size_t n, bool open)
{
	buf_reset(b);
	for (size_t i = 0; i < n; i++)
		buf_puts(b, "line\n");
	if (open && b->len)
		b->data[--b->len] = '\0';
}

static void test_too_long_to_compare(void)
{
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	lines(&a, 3, false);
	for (size_t n = DIFF_MAX_LINES - 1; n <= DIFF_MAX_LINES + 1; n++) {
		bool over = n > DIFF_MAX_LINES;
		for (int open = 0; open < 2; open++) {
			lines(&b, n, open);
			CHECK(diff_too_long(a.data, a.len, b.data, b.len) == over);
			CHECK(diff_too_long(b.data, b.len, a.data, a.len) == over);
		}
	}
	/* Bytes: one long line at the cap and one byte over it, either side. */
	buf_reset(&b);
	for (size_t i = 0; i < DIFF_MAX_BYTES; i++)
		buf_putc(&b, 'x');
	CHECK(!diff_too_long(a.data, a.len, b.data, b.len));
	CHECK(!diff_too_long(b.data, b.len - 1, a.data, a.len));
	buf_putc(&b, 'x');
	CHECK(diff_too_long(a.data, a.len, b.data, b.len));
	CHECK(diff_too_long(b.data, b.len, a.data, a.len));
	CHECK(!diff_too_long("", 0, "", 0));
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	RUN(test_basic);
	RUN(test_middle_uses_lcs);
	RUN(test_line_ends);
	RUN(test_line_numbers);
	RUN(test_big_inputs_stay_bounded);
	RUN(test_too_long_to_compare);
	return check_summary("test_diff");
}
