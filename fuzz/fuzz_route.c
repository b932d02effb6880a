/*
 * route_match (cgi/http/route.c) over the portal's real route table (cgi/pages/routes.c),
 * against a segment-by-segment model: a pattern matches when it has as many
 * '/'-separated segments as the path, literal segments are equal and each '*'
 * segment is non-empty. The first route matching path and method (HEAD
 * answering as GET) wins; otherwise 405 when some route matches the path, else
 * 404. The captured args are copies that, put back into the pattern, give the
 * path again. With an exhausted arena, a route with captures answers 500.
 *
 * Input: "<METHOD> <path>", or just a path (tried as GET, HEAD, POST and PUT).
 */
#include "fuzz.h"

#include "base/arena.h"
#include "pages/pages.h"
#include "http/route.h"

/* Length of the segment starting at s (up to '/' or the end). */
static size_t seg_len(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '/')
		n++;
	return n;
}

/* The model's match; fills the captured segments. */
static int ref_match(const char *pat, const char *path, const char *cap[ROUTE_MAX_ARGS],
                     size_t caplen[ROUTE_MAX_ARGS], size_t *ncap)
{
	*ncap = 0;
	for (;;) {
		size_t pl = seg_len(pat), sl = seg_len(path);
		if (pl == 1 && pat[0] == '*') {
			if (sl == 0 || *ncap == ROUTE_MAX_ARGS)
				return 0;
			cap[*ncap] = path;
			caplen[(*ncap)++] = sl;
		} else if (pl != sl || memcmp(pat, path, pl) != 0) {
			return 0;
		}
		pat += pl, path += sl;
		if (!*pat || !*path)
			return !*pat && !*path;
		pat++, path++;  /* both at '/' */
	}
}

static void check(const char *method, const char *path)
{
	struct arena a;
	arena_init(&a, 0);
	const char *args[ROUTE_MAX_ARGS] = { "x", "y", "z" };
	int status = 0;
	const struct route *r = route_match(routes, routes_count, method, path, &a, args, &status);

	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	const char *cap[ROUTE_MAX_ARGS];
	size_t caplen[ROUTE_MAX_ARGS], ncap = 0;
	size_t want = routes_count;
	int path_known = 0;
	for (size_t i = 0; i < routes_count; i++) {
		if (!ref_match(routes[i].pattern, path, cap, caplen, &ncap))
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, m) == 0) {
			want = i;
			break;
		}
	}
	if (want == routes_count) {
		FUZZ_CHECK(r == NULL);
		FUZZ_CHECK(status == (path_known ? 405 : 404));
		arena_free(&a);
		return;
	}
	FUZZ_CHECK(r == &routes[want]);
	FUZZ_CHECK(r->handler != NULL);
	for (size_t k = 0; k < ROUTE_MAX_ARGS; k++) {
		if (k >= ncap) {
			FUZZ_CHECK(args[k] == NULL);
			continue;
		}
		FUZZ_CHECK(args[k] != NULL);
		FUZZ_CHECK(strlen(args[k]) == caplen[k] && memcmp(args[k], cap[k], caplen[k]) == 0);
		FUZZ_CHECK(args[k] != cap[k]);  /* copied into the arena */
		FUZZ_CHECK(caplen[k] > 0 && strchr(args[k], '/') == NULL);
	}
	/* The pattern with its '*'s replaced by the args is the path. */
	size_t k = 0, j = 0, plen = strlen(path);
	for (const char *p = r->pattern; *p; p++) {
		if (*p == '*') {
			size_t n = strlen(args[k]);
			FUZZ_CHECK(j + n <= plen && memcmp(path + j, args[k], n) == 0);
			j += n, k++;
		} else {
			FUZZ_CHECK(j < plen && path[j] == *p);
			j++;
		}
	}
	FUZZ_CHECK(j == plen && k == ncap);
	arena_free(&a);

	/* No memory for the captures: 500, never a half-filled match. */
	arena_init(&a, 1);
	status = 0;
	const struct route *r2 = route_match(routes, routes_count, method, path, &a, args, &status);
	if (ncap) {
		FUZZ_CHECK(r2 == NULL && status == 500);
	} else {
		FUZZ_CHECK(r2 == r);
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_strndup(data, size);
	char *sp = memchr(in, ' ', size);
	if (sp && sp != in) {
		*sp = '\0';
		check(in, sp + 1);
	} else {
		static const char *const methods[] = { "GET", "HEAD", "POST", "PUT" };
		for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			check(methods[i], in);
	}
	free(in);
	return 0;
}
