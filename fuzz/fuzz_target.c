/*
 * The request-target helpers of cgi/http/http.c:
 *  - http_split_target accepts exactly the origin-form targets of at most
 *    HTTP_MAX_TARGET bytes whose path percent-decodes ('+' kept) to valid
 *    UTF-8 without NUL or control characters; the path is that decoding, the
 *    query the raw text after the first '?', with its length;
 *  - http_url_encode of the path is its RFC 3986 encoding and decodes back;
 *  - http_parse_id is the value of 1-18 digits without a leading zero, else 0,
 *    for the whole target and for each path segment (the pages' ids);
 *  - http_is_urlencoded accepts the form media type (any case) with at most a
 *    charset=utf-8 parameter, and nothing else.
 */
#include "fuzz.h"
#include "ref.h"

#include "base/arena.h"
#include "http/http.h"

static long long ref_parse_id(const char *s, size_t n)
{
	if (n == 0 || n > 18 || s[0] == '0')
		return 0;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void check_id(struct arena *a, const char *s, size_t n)
{
	char *z = arena_strndup(a, s, n);
	FUZZ_CHECK(z != NULL);
	long long id = http_parse_id(z);
	FUZZ_CHECK(id == ref_parse_id(z, strlen(z)));
	FUZZ_CHECK(id >= 0 && id < 1000000000000000000LL);
	if (id) {
		char back[32];
		snprintf(back, sizeof(back), "%lld", id);
		FUZZ_CHECK(strcmp(back, z) == 0);
	}
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int ref_is_urlencoded(const char *ct)
{
	static const char type[] = "application/x-www-form-urlencoded";
	size_t tl = sizeof(type) - 1;
	if (strlen(ct) < tl)
		return 0;
	for (size_t i = 0; i < tl; i++)
		if (lower(ct[i]) != type[i])
			return 0;
	const char *p = ct + tl;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return 1;
	if (*p++ != ';')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	char low[32];
	size_t n = strlen(p);
	if (n >= sizeof(low))
		return 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = lower(p[i]);
	return strcmp(low, "charset=utf-8") == 0 || strcmp(low, "charset=\"utf-8\"") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *target = fuzz_strndup(data, size);
	size_t len = strlen(target);  /* a NUL ends the C string, as in the FastCGI params */
	struct arena a;
	arena_init(&a, 0);

	/* The model */
	char *scratch = malloc(len + 1);
	if (!scratch)
		abort();
	const char *q = memchr(target, '?', len);
	size_t plen = q ? (size_t)(q - target) : len;
	long dlen = ref_decode(target, plen, 0, scratch);
	int ok = len > 0 && len <= HTTP_MAX_TARGET && target[0] == '/' && dlen >= 0 &&
	         ref_utf8(scratch, (size_t)dlen, NULL) && !ref_has_control(scratch, (size_t)dlen, 0);

	const char *path = NULL, *query = NULL;
	size_t qlen = 12345;
	int st = http_split_target(&a, target, &path, &query, &qlen);
	if (!ok) {
		FUZZ_CHECK(st == 400);
	} else {
		FUZZ_CHECK(st == 0);
		FUZZ_CHECK(path != NULL && query != NULL);
		FUZZ_CHECK(strlen(path) == (size_t)dlen && memcmp(path, scratch, (size_t)dlen) == 0);
		FUZZ_CHECK(path[0] == '/');
		if (q) {
			FUZZ_CHECK(query == q + 1 && qlen == len - plen - 1);
		} else {
			FUZZ_CHECK(*query == '\0' && qlen == 0);
		}
		FUZZ_CHECK(strlen(query) == qlen);

		char *enc = http_url_encode(&a, path);
		FUZZ_CHECK(enc != NULL && ref_is_encoding_of(enc, path));
		char *back = malloc(strlen(enc) + 1);
		if (!back)
			abort();
		long blen = ref_decode(enc, strlen(enc), 0, back);
		FUZZ_CHECK(blen == dlen && memcmp(back, path, (size_t)blen) == 0);
		free(back);

		for (const char *s = path + 1;; ) {
			size_t n = strcspn(s, "/");
			check_id(&a, s, n);
			if (!s[n])
				break;
			s += n + 1;
		}
	}

	char *enc = http_url_encode(&a, target);
	FUZZ_CHECK(enc != NULL && ref_is_encoding_of(enc, target));
	check_id(&a, target, len);
	FUZZ_CHECK(http_is_urlencoded(target) == (ref_is_urlencoded(target) != 0));
	FUZZ_CHECK(!http_is_urlencoded(NULL));

	free(scratch);
	free(target);
	arena_free(&a);
	return 0;
}
