/*
 * The register's filter read from a query string (pages/register_filter.c):
 * each parameter's values, defaults, and what is refused with 400; and the
 * filter written back as a query string, which reads back to the same filter.
 */
#include "check.h"
#include "http/form.h"
#include "pages/register_filter.h"

static struct arena a;

/* Parses the query of "/register?..." into f: its status (0 or 400), or -1 if the target is malformed. */
static int parse(const char *query, struct register_filter *f)
{
	struct request req = { .arena = &a };
	const char *q;
	size_t qlen;
	char *target = arena_printf(&a, "/register?%s", query);
	if (!target || http_split_target(&a, target, &req.path, &q, &qlen) != 0 ||
	    form_parse(&a, q, qlen, FORM_QUERY, &req.query) != FORM_OK)
		return -1;
	return register_filter_parse(&req, f);
}

static void test_no_parameters_select_everything_in_number_order(void)
{
	struct register_filter f;
	CHECK(parse("", &f) == 0);
	CHECK_STR(f.area, "");
	CHECK(f.lead == LEAD__MAX && f.status == STATUS__MAX);
	CHECK_STR(f.q, "");
	CHECK(f.sort == SORT_NUMBER && !f.desc && f.council == 0);
	CHECK_STR(register_filter_query(&a, &f), "");
}

static void test_each_value_of_each_vocabulary(void)
{
	struct register_filter f;
	for (int l = 0; l < LEAD__MAX; l++) {
		CHECK(parse(arena_printf(&a, "lead=%s", lead_vocab[l].sql), &f) == 0);
		CHECK(f.lead == (enum lead)l);
	}
	CHECK(parse("status=in%20progress", &f) == 0 && f.status == STATUS_IN_PROGRESS);
	CHECK(parse("status=in+progress", &f) == 0 && f.status == STATUS_IN_PROGRESS);
	CHECK(parse("status=dropped", &f) == 0 && f.status == STATUS_DROPPED);
	for (int s = 0; s < SORT__MAX; s++) {
		CHECK(parse(arena_printf(&a, "sort=%s&dir=desc", register_sort_names[s]), &f) == 0);
		CHECK(f.sort == (enum register_sort)s && f.desc);
	}
	CHECK(parse("area=digital-trade&council=2&q=5G%20%25", &f) == 0);
	CHECK_STR(f.area, "digital-trade");
	CHECK(f.council == 2);
	CHECK_STR(f.q, "5G %");
}

static void test_what_is_refused(void)
{
	struct register_filter f;
	CHECK(parse("lead=eu", &f) == 400);          /* the words are exact */
	CHECK(parse("lead=Joint", &f) == 400);
	CHECK(parse("status=in-progress", &f) == 400);
	CHECK(parse("sort=area", &f) == 400);
	CHECK(parse("dir=up", &f) == 400);
	CHECK(parse("council=0", &f) == 400);
	CHECK(parse("council=-1", &f) == 400);
	CHECK(parse("council=1x", &f) == 400);
	CHECK(parse("area=Digital", &f) == 400);
	CHECK(parse("area=a/b", &f) == 400);
	CHECK(parse("lead=EU&lead=KR", &f) == 400);  /* a parameter given twice */
	CHECK(parse("q=a&q=a", &f) == 400);
}

static void test_lengths_at_the_edges(void)
{
	struct register_filter f;
	char area[42], q[REGISTER_QUERY_MAX * 3 + 4];
	memset(area, 'a', sizeof(area));
	area[40] = '\0';
	CHECK(parse(arena_printf(&a, "area=%s", area), &f) == 0);
	area[40] = 'a';
	area[41] = '\0';
	CHECK(parse(arena_printf(&a, "area=%s", area), &f) == 400);
	/* The search text counts characters: 200 Hangul syllables (600 bytes) pass, 201 do not. */
	q[0] = '\0';
	for (int i = 0; i < REGISTER_QUERY_MAX; i++)
		strcat(q, "\xED\x95\x9C");
	CHECK(parse(arena_printf(&a, "q=%s", q), &f) == 0);
	CHECK(parse(arena_printf(&a, "q=%sx", q), &f) == 400);
	memset(q, 'x', REGISTER_QUERY_MAX);
	q[REGISTER_QUERY_MAX] = '\0';
	CHECK(parse(arena_printf(&a, "q=%s", q), &f) == 0);
	q[REGISTER_QUERY_MAX - 1] = '\0';
	CHECK(parse(arena_printf(&a, "q=%s", q), &f) == 0);
}

static void test_the_query_reads_back_to_the_same_filter(void)
{
	struct register_filter f, back;
	CHECK(parse("area=hpc&lead=joint&status=in%20progress&q=a%26b&sort=progress&dir=desc&council=3", &f) == 0);
	const char *query = register_filter_query(&a, &f);
	CHECK_STR(query, "area=hpc&lead=joint&status=in%20progress&q=a%26b&sort=progress&dir=desc&council=3");
	CHECK(parse(query, &back) == 0);
	CHECK_STR(back.area, "hpc");
	CHECK(back.lead == LEAD_JOINT && back.status == STATUS_IN_PROGRESS && back.sort == SORT_PROGRESS);
	CHECK(back.desc && back.council == 3);
	CHECK_STR(back.q, "a&b");
}

int main(void)
{
	arena_init(&a, 1 << 20);
	RUN(test_no_parameters_select_everything_in_number_order);
	RUN(test_each_value_of_each_vocabulary);
	RUN(test_what_is_refused);
	RUN(test_lengths_at_the_edges);
	RUN(test_the_query_reads_back_to_the_same_filter);
	arena_free(&a);
	return check_summary("test_register_filter");
}
