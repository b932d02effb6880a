/* How pages write dates and percentages in each language (cgi/view/view.c). */
#include "check.h"
#include "base/arena.h"
#include "view/view.h"

static struct arena a;

static void test_datetime_in_english(void)
{
	CHECK_STR(view_datetime(&a, LANG_EN, "2023-06-30 00:00"), "30 June 2023, 00:00 UTC");
	/* Seconds and microseconds, as MariaDB gives them, are left out; the day has no leading zero. */
	CHECK_STR(view_datetime(&a, LANG_EN, "2024-01-05 09:07:33.123456"), "5 January 2024, 09:07 UTC");
	CHECK_STR(view_datetime(&a, LANG_EN, "2025-12-31 23:59:59"), "31 December 2025, 23:59 UTC");
}

static void test_datetime_in_korean(void)
{
	CHECK_STR(view_datetime(&a, LANG_KO, "2023-06-30 00:00:00"),
	          "2023\xEB\x85\x84 6\xEC\x9B\x94 30\xEC\x9D\xBC 00:00 (UTC)");            /* 2023년 6월 30일 */
	CHECK_STR(view_datetime(&a, LANG_KO, "2024-11-02 14:05:00"),
	          "2024\xEB\x85\x84 11\xEC\x9B\x94 2\xEC\x9D\xBC 14:05 (UTC)");            /* 2024년 11월 2일 */
}

static void test_every_month_has_its_name(void)
{
	static const char *const en[12] = { "January", "February", "March", "April", "May", "June", "July",
	                                    "August", "September", "October", "November", "December" };
	for (int m = 1; m <= 12; m++) {
		char iso[32], want[64];
		snprintf(iso, sizeof(iso), "2024-%02d-15 12:00:00", m);
		snprintf(want, sizeof(want), "15 %s 2024, 12:00 UTC", en[m - 1]);
		CHECK_STR(view_datetime(&a, LANG_EN, iso), want);
		snprintf(want, sizeof(want), "2024\xEB\x85\x84 %d\xEC\x9B\x94 15\xEC\x9D\xBC 12:00 (UTC)", m);
		CHECK_STR(view_datetime(&a, LANG_KO, iso), want);
	}
}

static void test_datetime_not_a_date_is_shown_as_it_is(void)
{
	CHECK_STR(view_datetime(&a, LANG_EN, "2024-13-01 00:00:00"), "2024-13-01 00:00:00");
	CHECK_STR(view_datetime(&a, LANG_EN, "2024-00-01 00:00:00"), "2024-00-01 00:00:00");
	CHECK_STR(view_datetime(&a, LANG_KO, "yesterday"), "yesterday");
	CHECK_STR(view_datetime(&a, LANG_EN, "2024-05-01"), "2024-05-01");
	CHECK_STR(view_datetime(&a, LANG_EN, ""), "");
	CHECK_STR(view_datetime(&a, LANG_EN, NULL), "");
}

static void test_percent(void)
{
	CHECK_STR(view_percent(&a, LANG_EN, 40), "40 %");
	CHECK_STR(view_percent(&a, LANG_KO, 40), "40%");
	CHECK_STR(view_percent(&a, LANG_EN, 0), "0 %");
	CHECK_STR(view_percent(&a, LANG_KO, 0), "0%");
	CHECK_STR(view_percent(&a, LANG_EN, 100), "100 %");
	CHECK_STR(view_percent(&a, LANG_KO, 100), "100%");
	CHECK_STR(view_percent(&a, LANG_EN, -5), "-5 %");
}

int main(void)
{
	arena_init(&a, 0);
	RUN(test_datetime_in_english);
	RUN(test_datetime_in_korean);
	RUN(test_every_month_has_its_name);
	RUN(test_datetime_not_a_date_is_shown_as_it_is);
	RUN(test_percent);
	arena_free(&a);
	return check_summary("test_view");
}
