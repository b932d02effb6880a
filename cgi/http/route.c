#include "http/route.h"

#include <string.h>

/* Matches path against pattern; fills args (pointers into path) with lengths. */
static int match(const char *pattern, const char *path, const char *seg[ROUTE_MAX_ARGS],
                 size_t seglen[ROUTE_MAX_ARGS], size_t *nseg)
{
	*nseg = 0;
	while (*pattern && *path) {
		if (*pattern == '*') {
			if (*nseg == ROUTE_MAX_ARGS)
				return 0;
			size_t n = strcspn(path, "/");
			if (n == 0)
				return 0;
			seg[*nseg] = path;
			seglen[(*nseg)++] = n;
			path += n;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *route_match(const struct route *table, size_t n, const char *method,
                                const char *path, struct arena *a,
                                const char *args[ROUTE_MAX_ARGS], int *status)
{
	const char *seg[ROUTE_MAX_ARGS];
	size_t seglen[ROUTE_MAX_ARGS], nseg;
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	int path_known = 0;

	for (size_t i = 0; i < n; i++) {
		if (!match(table[i].pattern, path, seg, seglen, &nseg))
			continue;
		path_known = 1;
		if (strcmp(table[i].method, m) != 0)
			continue;
		for (size_t k = 0; k < ROUTE_MAX_ARGS; k++) {
			args[k] = NULL;
			if (k < nseg && !(args[k] = arena_strndup(a, seg[k], seglen[k]))) {
				*status = 500;
				return NULL;
			}
		}
		return &table[i];
	}
	*status = path_known ? 405 : 404;
	return NULL;
}
