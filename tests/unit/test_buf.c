/* The buffer, the arena and the log escaper. */
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "check.h"
#include "base/log.h"
#include "http/reply.h"

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

static void test_buf_shrink(void)
{
	struct buf b;
	buf_init(&b);
	buf_append(&b, "0123456789", 10);
	char *small = b.data;
	buf_shrink(&b, 4096);                 /* within the mark: emptied, memory kept */
	CHECK(b.len == 0 && b.data == small && b.cap > 0 && buf_cstr(&b)[0] == '\0');
	static char big[1 << 20];
	memset(big, 'x', sizeof(big));
	buf_append(&b, big, sizeof(big));
	CHECK(b.cap > sizeof(big));
	buf_shrink(&b, sizeof(big));          /* past it: given back */
	CHECK(b.len == 0 && b.cap == 0 && b.data == NULL && !b.failed);
	CHECK(buf_puts(&b, "again") == 0);
	CHECK_STR(buf_cstr(&b), "again");
	buf_free(&b);
}

/* A thread's reply: after one large answer its buffers shrink back, after small ones they stay. */
static void test_reply_gives_back_a_large_body(void)
{
	struct reply r;
	reply_init(&r);
	buf_puts(&r.body, "<p>small page</p>");
	reply_header(&r, "Cache-Control", "no-store");
	size_t small_cap = r.body.cap;
	reply_reset(&r);
	CHECK(r.body.cap == small_cap && r.body.len == 0 && r.headers.len == 0);
	static char page[4 << 20];
	memset(page, 'p', sizeof(page));
	buf_append(&r.body, page, sizeof(page));
	for (int i = 0; i < 100; i++)
		buf_append(&r.headers, page, REPLY_KEEP_BYTES / 50);
	CHECK(r.body.cap >= sizeof(page) && r.headers.cap > REPLY_KEEP_BYTES);
	reply_reset(&r);
	CHECK(r.body.cap <= REPLY_KEEP_BYTES && r.headers.cap <= REPLY_KEEP_BYTES);
	CHECK(r.body.len == 0 && r.status == 200 && !r.sent);
	/* Exactly at the mark: kept. */
	buf_append(&r.body, page, REPLY_KEEP_BYTES - 1);
	size_t at_mark = r.body.cap;
	CHECK(at_mark == REPLY_KEEP_BYTES);
	reply_reset(&r);
	CHECK(r.body.cap == at_mark);
	reply_free(&r);
}

/* buf_printf formats into 256 bytes on the stack first: output of 255, 256 and 257 bytes, into empty and used buffers. */
static void test_buf_printf_at_its_stack_size(void)
{
	char text[300];
	for (size_t n = 254; n <= 258; n++) {
		memset(text, 'a' + (int)(n % 26), n);
		text[n] = '\0';
		for (int used = 0; used <= 1; used++) {
			struct buf b;
			buf_init(&b);
			if (used)
				buf_puts(&b, "x");
			CHECK(buf_printf(&b, "%s", text) == 0);
			CHECK(b.len == n + (size_t)used && memcmp(b.data + used, text, n) == 0 && b.data[b.len] == '\0');
			buf_free(&b);
		}
	}
}

/* What log_msg writes for a message of n bytes (its line on stderr, caught in a pipe). */
static size_t logged(size_t n, char *out, size_t size)
{
	static char message[4096];
	memset(message, 'm', n);
	message[n] = '\0';
	int p[2];
	if (pipe(p) != 0)
		return 0;
	int saved = dup(STDERR_FILENO);
	dup2(p[1], STDERR_FILENO);
	log_msg("%s", message);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(p[1]);
	ssize_t got = read(p[0], out, size);
	close(p[0]);
	return got > 0 ? (size_t)got : 0;
}

/* A log line is at most 2047 bytes with its line end: messages that fill it to the last byte, and one more. */
static void test_log_line_at_its_size(void)
{
	char line[4096];
	size_t prefix = logged(0, line, sizeof(line)) - 1;   /* time and pid */
	size_t room = 2046 - prefix;                           /* message bytes that fit before the "\n" */
	for (size_t n = room - 1; n <= room + 2; n++) {
		size_t len = logged(n, line, sizeof(line));
		size_t kept = n < room ? n : room;
		CHECK(len == prefix + kept + 1 && line[len - 1] == '\n');
		CHECK(len > prefix && line[prefix + kept - 1] == 'm' && line[prefix] == 'm');
	}
}

int main(void)
{
	RUN(test_buf_grows);
	RUN(test_buf_cap);
	RUN(test_buf_shrink);
	RUN(test_reply_gives_back_a_large_body);
	RUN(test_arena);
	RUN(test_log_escape);
	RUN(test_buf_printf_at_its_stack_size);
	RUN(test_log_line_at_its_size);
	return check_summary("test_buf");
}
