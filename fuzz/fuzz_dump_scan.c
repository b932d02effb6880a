/*
 * dumpscan (cgi/ops/dumpscan.c), the whitelist scan of a backup's dump that a
 * restore passes every byte through:
 *  - accepted or refused, the answer does not depend on how the text is cut
 *    into chunks (whole; one byte at a time; chunks sized by the input), and
 *    neither do the message, the chain heads found, nor the text passed on;
 *  - a refusal is -1 with a non-empty NUL-terminated message, and once
 *    refused nothing more is passed on;
 *  - what is passed on is the input, or shorter (only DEFINER clauses go);
 *    without a DEFINER clause it is the input exactly;
 *  - the text passed on from an accepted dump is itself accepted, the same.
 */
#include "fuzz.h"

#include <stdbool.h>

#include "ops/dumpscan.h"

static const char *const definers[] = { "root@localhost", "portal_restore@localhost", NULL };

struct sink {
	char *p;
	size_t n, cap;
};

static void collect(void *ud, const char *p, size_t n)
{
	struct sink *s = ud;
	if (s->n + n > s->cap) {
		s->cap = (s->n + n) * 2 + 64;
		s->p = realloc(s->p, s->cap);
		if (!s->p)
			abort();
	}
	memcpy(s->p + s->n, p, n);
	s->n += n;
}

struct run {
	int rc;
	struct sink out;
	struct dumpscan scan;
};

/* Scans data in chunks of `chunk` bytes (0: the size of the first byte's value + 1, varying). */
static void scan(struct run *r, const uint8_t *data, size_t size, size_t chunk)
{
	memset(&r->out, 0, sizeof(r->out));
	dumpscan_init(&r->scan, definers, collect, &r->out);
	r->rc = 0;
	size_t at = 0, k = 0;
	while (at < size && r->rc == 0) {
		size_t n = chunk ? chunk : (size_t)(1 + data[k++ % size] % 97);
		if (n > size - at)
			n = size - at;
		char *copy = malloc(n);   /* exact size: ASan sees any read past the chunk */
		if (!copy)
			abort();
		memcpy(copy, data + at, n);
		r->rc = dumpscan_feed(&r->scan, copy, n);
		free(copy);
		at += n;
	}
	if (r->rc == 0)
		r->rc = dumpscan_finish(&r->scan);
}

static void same(const struct run *a, const struct run *b)
{
	FUZZ_CHECK(a->rc == b->rc);
	FUZZ_CHECK(strcmp(a->scan.error, b->scan.error) == 0);
	FUZZ_CHECK(memcmp(a->scan.heads, b->scan.heads, sizeof(a->scan.heads)) == 0);
	if (a->rc == 0)
		FUZZ_CHECK(a->out.n == b->out.n && (a->out.n == 0 || memcmp(a->out.p, b->out.p, a->out.n) == 0));
}

static bool has_definer(const uint8_t *data, size_t size)
{
	static const char word[] = "definer";
	for (size_t i = 0; i + sizeof(word) - 1 <= size; i++) {
		size_t k = 0;
		while (k < sizeof(word) - 1 && (data[i + k] | 0x20) == word[k])
			k++;
		if (k == sizeof(word) - 1)
			return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run whole, bytes, varied, again;
	scan(&whole, data, size, size ? size : 1);
	scan(&bytes, data, size, 1);
	scan(&varied, data, size, 0);
	FUZZ_CHECK(whole.rc == 0 || whole.rc == -1);
	FUZZ_CHECK(memchr(whole.scan.error, '\0', sizeof(whole.scan.error)) != NULL);
	FUZZ_CHECK((whole.rc == -1) == (whole.scan.error[0] != '\0'));
	same(&whole, &bytes);
	same(&whole, &varied);
	if (whole.rc == 0) {
		FUZZ_CHECK(whole.out.n <= size);
		if (!has_definer(data, size))
			FUZZ_CHECK(whole.out.n == size && (size == 0 || memcmp(whole.out.p, data, size) == 0));
		scan(&again, (const uint8_t *)whole.out.p, whole.out.n, whole.out.n ? whole.out.n : 1);
		FUZZ_CHECK(again.rc == 0);
		FUZZ_CHECK(again.out.n == whole.out.n);
		free(again.out.p);
	}
	free(whole.out.p);
	free(bytes.out.p);
	free(varied.out.p);
	return 0;
}
