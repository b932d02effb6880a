/* The buffer, the arena and the log escaper. */
#include "arena.h"
#include "buf.h"
#include "check.h"
#include "log.h"

static void test_buf_grows(void)
{
	struct buf b;
	buf_init(&b);
	CHECK_STR(buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "0123456789");
	CHECK(b.len == 10000 && !b.failed);
	buf_printf(&b, "%s-%d", "x", 42);
	CHECK(b.len == 10004);
	buf_reset(&b);
	CHECK(b.len == 0 && buf_cstr(&b)[0] == '\0');
	buf_free(&b);
}

static void test_buf_cap(void)
{
	struct buf b;
	buf_init(&b);
	CHECK(buf_append(&b, "x", BUF_MAX) == -1);
	CHECK(b.failed);
	CHECK(buf_puts(&b, "y") == -1);   /* stays failed */
	CHECK(buf_cstr(&b) == NULL);
	buf_free(&b);
}

static void test_arena(void)
{
	struct arena a;
	arena_init(&a, 1 << 20);
	char *s = arena_strdup(&a, "hello");
	CHECK_STR(s, "hello");
	void *big = arena_alloc(&a, 100000);
	CHECK(big != NULL);
	CHECK(arena_alloc(&a, 2 << 20) == NULL);  /* over the limit */
	CHECK_STR(arena_printf(&a, "%d-%s", 7, "x"), "7-x");
	arena_reset(&a);
	CHECK(a.total == 0);
	CHECK(arena_alloc(&a, 900000) != NULL);  /* the limit counts from the reset */
	arena_free(&a);
}

static void test_log_escape(void)
{
	struct buf b;
	buf_init(&b);
	log_escape(&b, "a\"b\\c\r\nd\x01\xED\x95\x9C", 12, 100);
	CHECK_STR(buf_cstr(&b), "a\\x22b\\x5cc\\x0d\\x0ad\\x01\\xed\\x95\\x9c");
	buf_reset(&b);
	log_escape(&b, "abcdef", 6, 3);
	CHECK_STR(buf_cstr(&b), "abc...");
	buf_free(&b);
}

int main(void)
{
	RUN(test_buf_grows);
	RUN(test_buf_cap);
	RUN(test_arena);
	RUN(test_log_escape);
	return check_summary("test_buf");
}
