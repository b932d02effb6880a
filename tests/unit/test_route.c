/* Route matching (cgi/http/route.c) and the portal's route table (cgi/pages/routes.c). */
#include "check.h"
#include "pages/pages.h"
#include "http/route.h"

static struct arena a;

static int dummy(struct ctx *c, struct request *q, struct reply *r)
{
	(void)c, (void)q, (void)r;
	return 200;
}

static const struct route table[] = {
	{ "GET", "/", dummy, ACT_READ },
	{ "GET", "/areas/*", dummy, ACT_READ },
	{ "GET", "/areas/*/*/edit", dummy, ACT_EDIT_SECTION },
	{ "POST", "/areas/*/*/edit", dummy, ACT_EDIT_SECTION },
	{ "GET", "/register.csv", dummy, ACT_READ },
};

static const struct route *match(const char *method, const char *path, const char *args[3], int *status)
{
	return route_match(table, sizeof(table) / sizeof(table[0]), method, path, &a, args, status);
}

static void test_literal_and_wildcards(void)
{
	const char *args[3];
	int st = 0;
	CHECK(match("GET", "/", args, &st) == &table[0]);
	CHECK(match("GET", "/areas/6g", args, &st) == &table[1]);
	CHECK_STR(args[0], "6g");
	CHECK(args[1] == NULL);
	CHECK(match("POST", "/areas/6g/eu/edit", args, &st) == &table[3]);
	CHECK_STR(args[0], "6g");
	CHECK_STR(args[1], "eu");
	CHECK(match("GET", "/register.csv", args, &st) == &table[4]);
}

static void test_not_found_and_wrong_method(void)
{
	const char *args[3];
	int st = 0;
	CHECK(match("GET", "/areas/", args, &st) == NULL && st == 404);     /* empty segment */
	CHECK(match("GET", "/areas//x", args, &st) == NULL && st == 404);
	CHECK(match("GET", "/areas/6g/", args, &st) == NULL && st == 404);  /* trailing slash */
	CHECK(match("GET", "/register.csvx", args, &st) == NULL && st == 404);
	CHECK(match("GET", "/Register.csv", args, &st) == NULL && st == 404);
	CHECK(match("GET", "", args, &st) == NULL && st == 404);
	CHECK(match("DELETE", "/", args, &st) == NULL && st == 405);
	CHECK(match("POST", "/areas/6g", args, &st) == NULL && st == 405);
	CHECK(match("HEAD", "/areas/6g", args, &st) == &table[1]);          /* HEAD is GET */
}

static void test_portal_routes(void)
{
	const char *args[3];
	int st = 0;
	CHECK(route_match(routes, routes_count, "GET", "/", &a, args, &st) != NULL);
	CHECK(route_match(routes, routes_count, "GET", "/areas/hpc", &a, args, &st) != NULL);
	CHECK(route_match(routes, routes_count, "GET", "/register", &a, args, &st) != NULL);
	CHECK(route_match(routes, routes_count, "GET", "/healthz", &a, args, &st) != NULL);
	CHECK(route_match(routes, routes_count, "GET", "/../etc/passwd", &a, args, &st) == NULL && st == 404);
	/* Every route has a handler and an absolute pattern. */
	for (size_t i = 0; i < routes_count; i++) {
		CHECK(routes[i].handler != NULL);
		CHECK(routes[i].pattern[0] == '/');
		CHECK(strcmp(routes[i].method, "GET") == 0 || strcmp(routes[i].method, "POST") == 0);
	}
}

int main(void)
{
	arena_init(&a, 0);
	RUN(test_literal_and_wildcards);
	RUN(test_not_found_and_wrong_method);
	RUN(test_portal_routes);
	arena_free(&a);
	return check_summary("test_route");
}
