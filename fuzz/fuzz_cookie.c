/*
 * cookie_find (cgi/http/cookie.c) against an independent model of the Cookie
 * header ("a=1; b=2"): the same answer (absent, found, malformed) and the same
 * value. Also: a found value is a substring of the header with no control
 * character but TAB, no ';', no trailing white space unless quoted; it is
 * what session.c hands to auth_token_hash, which accepts exactly 43 base64url
 * characters.
 *
 * Input: "<name>\n<header>" tests <name> and both names of the session cookie
 * (plain and __Host-) in <header>; without a newline the whole input is the header.
 */
#include "fuzz.h"

#include "base/arena.h"
#include "model/auth.h"
#include "http/cookie.h"
#include "http/session.h"

static enum cookie_result ref_find(const char *h, const char *name, const char **v, size_t *vlen)
{
	size_t len = strlen(h), name_len = strlen(name);
	if (len > COOKIE_HEADER_MAX)
		return COOKIE_MALFORMED;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)h[i] != '\t' && fuzz_is_control((unsigned char)h[i]))
			return COOKIE_MALFORMED;
	enum cookie_result r = COOKIE_ABSENT;
	size_t start = 0;
	while (start <= len) {
		size_t end = start;
		while (end < len && h[end] != ';')
			end++;
		size_t i = start;
		while (i < end && (h[i] == ' ' || h[i] == '\t'))
			i++;
		size_t eq = i;
		while (eq < end && h[eq] != '=')
			eq++;
		if (eq < end && eq - i == name_len && strncmp(h + i, name, name_len) == 0) {
			if (r == COOKIE_FOUND)
				return COOKIE_MALFORMED;
			size_t vs = eq + 1, ve = end;
			while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t'))
				ve--;
			if (ve - vs >= 2 && h[vs] == '"' && h[ve - 1] == '"')
				vs++, ve--;
			*v = h + vs;
			*vlen = ve - vs;
			r = COOKIE_FOUND;
		}
		start = end + 1;
	}
	return r;
}

static int is_token(const char *s)
{
	if (strlen(s) != TOKEN_TEXT_LEN)
		return 0;
	for (; *s; s++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *s))
			return 0;
	return 1;
}

static void check(struct arena *a, const char *header, const char *name)
{
	const char *value = NULL, *rv = NULL;
	size_t rlen = 0;
	enum cookie_result r = cookie_find(a, header, name, &value);
	enum cookie_result want = ref_find(header, name, &rv, &rlen);
	FUZZ_CHECK(r == want);
	if (r != COOKIE_FOUND)
		return;
	FUZZ_CHECK(value != NULL);
	FUZZ_CHECK(strlen(value) == rlen && memcmp(value, rv, rlen) == 0);
	FUZZ_CHECK(value < header || value > header + strlen(header));  /* a copy */
	FUZZ_CHECK(strstr(header, value) != NULL);
	FUZZ_CHECK(strchr(value, ';') == NULL);
	for (const char *p = value; *p; p++)
		FUZZ_CHECK(*p == '\t' || !fuzz_is_control((unsigned char)*p));
	/* Unquoted values lose their trailing white space (inside quotes it stays). */
	if (rlen && rv[rlen] != '"')
		FUZZ_CHECK(value[rlen - 1] != ' ' && value[rlen - 1] != '\t');

	unsigned char h1[TOKEN_HASH_BYTES], h2[TOKEN_HASH_BYTES];
	int t = auth_token_hash(value, h1);
	FUZZ_CHECK(t == 0 || t == -1);
	FUZZ_CHECK((t == 0) == is_token(value));
	if (t == 0)
		FUZZ_CHECK(auth_token_hash(value, h2) == 0 && memcmp(h1, h2, sizeof(h1)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	const void *nl = memchr(data, '\n', size);
	char *name = NULL, *header;
	if (nl) {
		size_t nlen = (size_t)((const uint8_t *)nl - data);
		name = fuzz_strndup(data, nlen);
		header = fuzz_strndup(data + nlen + 1, size - nlen - 1);
	} else {
		header = fuzz_strndup(data, size);
	}

	const char *v = NULL;
	FUZZ_CHECK(cookie_find(&a, NULL, session_cookie_name(false), &v) == COOKIE_ABSENT);
	check(&a, header, session_cookie_name(false));
	check(&a, header, session_cookie_name(true));
	if (name)
		check(&a, header, name);

	free(name);
	free(header);
	arena_free(&a);
	return 0;
}
