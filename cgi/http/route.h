/*
 * Routing: a table of (method, path pattern) -> handler, matched in order.
 * Patterns are literal segments and '*' for exactly one non-empty segment,
 * captured into the request's args. Pure; fuzzed and unit-tested.
 */
#ifndef PORTAL_ROUTE_H
#define PORTAL_ROUTE_H

#include <stddef.h>

#include "base/arena.h"
#include "model/authz.h"

#define ROUTE_MAX_ARGS 3

struct ctx;
struct request;
struct reply;

/* A page handler returns the HTTP status; error statuses get the error page. */
typedef int (*page_fn)(struct ctx *ctx, struct request *req, struct reply *rep);

struct route {
	const char *method;   /* "GET" (also answers HEAD) or "POST" */
	const char *pattern;
	page_fn handler;
	enum action need;     /* the permission it takes (authz.h); ACT_UNDECLARED is refused */
};

/*
 * Finds the route for method and path. On a match, returns it and stores the
 * '*' segments (copied into the arena) in args. Otherwise returns NULL and sets
 * *status: 404 when no pattern matches the path, 405 when one does but not for
 * this method, 500 when out of memory.
 */
const struct route *route_match(const struct route *table, size_t n, const char *method,
                                const char *path, struct arena *a,
                                const char *args[ROUTE_MAX_ARGS], int *status);

#endif
