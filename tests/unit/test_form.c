/* urlencoded parsing and percent-decoding (cgi/http/form.c), and UTF-8 validation. */
#include "check.h"
#include "http/form.h"
#include "base/utf8.h"

static struct arena a;

static enum form_status parse(const char *s, enum form_mode mode, struct params *p)
{
	return form_parse(&a, s, strlen(s), mode, p);
}

static void test_simple_pairs(void)
{
	struct params p;
	CHECK(parse("a=1&b=two+words&c=%41%42", FORM_QUERY, &p) == FORM_OK);
	CHECK(p.n == 3);
	CHECK_STR(p.v[0].name, "a");
	CHECK_STR(p.v[0].value, "1");
	CHECK_STR(p.v[1].value, "two words");
	CHECK_STR(p.v[2].value, "AB");
}

static void test_empty_and_valueless(void)
{
	struct params p;
	CHECK(parse("", FORM_QUERY, &p) == FORM_OK && p.n == 0);
	CHECK(parse("&&a=1&&", FORM_QUERY, &p) == FORM_OK && p.n == 1);
	CHECK(parse("flag", FORM_QUERY, &p) == FORM_OK && p.n == 1);
	CHECK_STR(p.v[0].value, "");
	CHECK(parse("a=", FORM_QUERY, &p) == FORM_OK && p.n == 1 && p.v[0].value_len == 0);
	CHECK(parse("a=b=c", FORM_QUERY, &p) == FORM_OK);
	CHECK_STR(p.v[0].value, "b=c");
}

static void test_bad_escapes(void)
{
	struct params p;
	CHECK(parse("a=%", FORM_QUERY, &p) == FORM_BAD_ESCAPE);
	CHECK(parse("a=%4", FORM_QUERY, &p) == FORM_BAD_ESCAPE);
	CHECK(parse("a=%G1", FORM_QUERY, &p) == FORM_BAD_ESCAPE);
	CHECK(parse("a%=1", FORM_QUERY, &p) == FORM_BAD_ESCAPE);
	CHECK(p.n == 0);
}

static void test_utf8_rules(void)
{
	struct params p;
	/* Hangul "한국" */
	CHECK(parse("q=%ED%95%9C%EA%B5%AD", FORM_QUERY, &p) == FORM_OK);
	CHECK_STR(p.v[0].value, "\xED\x95\x9C\xEA\xB5\xAD");
	CHECK(parse("q=%FF", FORM_QUERY, &p) == FORM_BAD_UTF8);
	CHECK(parse("q=%C0%AF", FORM_QUERY, &p) == FORM_BAD_UTF8);      /* overlong '/' */
	CHECK(parse("q=%ED%A0%80", FORM_QUERY, &p) == FORM_BAD_UTF8);   /* surrogate */
	CHECK(parse("q=%F4%90%80%80", FORM_QUERY, &p) == FORM_BAD_UTF8); /* above U+10FFFF */
	CHECK(parse("q=%E2%82", FORM_QUERY, &p) == FORM_BAD_UTF8);      /* truncated */
	CHECK(parse("q=%00", FORM_QUERY, &p) == FORM_BAD_UTF8);         /* NUL */
	CHECK(parse("q=\xF0\x9F\x87\xAA\xF0\x9F\x87\xBA", FORM_QUERY, &p) == FORM_OK); /* raw emoji flag */
}

static void test_control_characters(void)
{
	struct params p;
	CHECK(parse("q=a%0Db", FORM_QUERY, &p) == FORM_BAD_CONTROL);
	CHECK(parse("q=a%0Ab", FORM_QUERY, &p) == FORM_BAD_CONTROL);
	CHECK(parse("q=a%7Fb", FORM_QUERY, &p) == FORM_BAD_CONTROL);
	CHECK(parse("text=line1%0D%0Aline2%09x", FORM_BODY, &p) == FORM_OK);
	CHECK_STR(p.v[0].value, "line1\r\nline2\tx");
	CHECK(parse("text=a%01", FORM_BODY, &p) == FORM_BAD_CONTROL);
	CHECK(parse("na%0Ame=x", FORM_BODY, &p) == FORM_BAD_CONTROL);   /* never in names */
	CHECK(parse("=x", FORM_QUERY, &p) == FORM_BAD_NAME);
}

static void test_too_many(void)
{
	char s[FORM_MAX_PARAMS * 4 + 16];
	size_t n = 0;
	for (int i = 0; i <= FORM_MAX_PARAMS; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "a=1&");
	struct params p;
	CHECK(parse(s, FORM_QUERY, &p) == FORM_TOO_MANY);
}

static void test_lookup(void)
{
	struct params p;
	const char *v = NULL;
	CHECK(parse("a=1&b=2&a=3", FORM_QUERY, &p) == FORM_OK);
	CHECK(params_get(&p, "a", &v, NULL) == PARAM_DUPLICATE);
	CHECK(params_get(&p, "b", &v, NULL) == PARAM_FOUND);
	CHECK_STR(v, "2");
	CHECK(params_get(&p, "c", &v, NULL) == PARAM_MISSING);
	CHECK(params_has_duplicate(&p));
	CHECK(parse("a=1&b=2&c=", FORM_QUERY, &p) == FORM_OK && !params_has_duplicate(&p));
}

static void test_path_decoding_keeps_plus(void)
{
	char *out;
	size_t n;
	CHECK(form_decode(&a, "a+b%20c", 7, 0, &out, &n) == FORM_OK);
	CHECK_STR(out, "a+b c");
}

static void test_utf8_valid(void)
{
	CHECK(utf8_valid("", 0));
	CHECK(utf8_valid("plain ascii", 11));
	CHECK(utf8_valid("\xEB\x94\x94\xEC\xA7\x80\xED\x84\xB8", 9)); /* 디지털 */
	CHECK(!utf8_valid("\xC3", 1));
	CHECK(!utf8_valid("\xC1\xBF", 2));
	CHECK(!utf8_valid("\xE0\x80\xAF", 3));
	CHECK(!utf8_valid("\xF0\x80\x80\xAF", 4));
	CHECK(!utf8_valid("\x80", 1));
	CHECK(!utf8_valid("a\0b", 3));
	CHECK(utf8_length("\xEB\x94\x94x", 4) == 2);
}

int main(void)
{
	arena_init(&a, 0);
	RUN(test_simple_pairs);
	RUN(test_empty_and_valueless);
	RUN(test_bad_escapes);
	RUN(test_utf8_rules);
	RUN(test_control_characters);
	RUN(test_too_many);
	RUN(test_lookup);
	RUN(test_path_decoding_keeps_plus);
	RUN(test_utf8_valid);
	arena_free(&a);
	return check_summary("test_form");
}
