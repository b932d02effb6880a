/* The CSV writer (cgi/base/csv.c): RFC 4180 quoting and formula neutralisation. */
#include "check.h"
#include "base/csv.h"

static const char *row(const char *const *fields, const bool *text, int n)
{
	static struct buf b;
	buf_reset(&b);
	for (int i = 0; i < n; i++)
		csv_field(&b, fields[i], strlen(fields[i]), text[i], i == 0);
	csv_end(&b);
	return buf_cstr(&b);
}

static void test_plain_and_quoted(void)
{
	const char *f[] = { "4.1", "plain text", "a,b", "say \"hi\"", "two\nlines", "", " padded " };
	const bool t[] = { false, true, true, true, true, true, true };
	CHECK_STR(row(f, t, 7), "4.1,plain text,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded \"\r\n");
}

static void test_formula_injection(void)
{
	const char *f[] = { "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "ok=1" };
	const bool t[] = { true, true, true, true, true, true, true };
	CHECK_STR(row(f, t, 7), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\",ok=1\r\n");
	/* Numbers are numbers, not free text. */
	const char *g[] = { "-5" };
	const bool u[] = { false };
	CHECK_STR(row(g, u, 1), "-5\r\n");
	/* A cell that starts with NUL (only reachable with an explicit length). */
	CHECK(csv_dangerous("\0=1", 3));
	CHECK(csv_dangerous("\n", 1) && !csv_dangerous("", 0) && !csv_dangerous("a=1", 3));
}

static void test_hangul_untouched(void)
{
	const char *f[] = { "\xEB\xB0\x98\xEB\x8F\x84\xEC\xB2\xB4 \xED\x98\x91\xEB\xA0\xA5" };
	const bool t[] = { true };
	CHECK_STR(row(f, t, 1), "\xEB\xB0\x98\xEB\x8F\x84\xEC\xB2\xB4 \xED\x98\x91\xEB\xA0\xA5\r\n");
}

int main(void)
{
	RUN(test_plain_and_quoted);
	RUN(test_formula_injection);
	RUN(test_hangul_untouched);
	return check_summary("test_csv");
}
