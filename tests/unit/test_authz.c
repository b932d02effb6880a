/*
 * The permission matrix (cgi/model/authz.c) against docs/design.md, written
 * out here a second time by hand; the route table declares a permission
 * everywhere; the gate refuses an undeclared route and checks origin and CSRF.
 */
#include <stdbool.h>

#include "check.h"
#include "model/ctx.h"
#include "http/gate.h"
#include "pages/pages.h"
#include "http/session.h"

static struct account who(enum side side, enum role role)
{
	return (struct account){ .id = 1, .login = "x", .display_name = "x", .side = side, .role = role };
}

/* docs/design.md: [action][role] for one's own side's things. */
static const bool own_side[ACT__MAX][ROLE__MAX] = {
	/*                        viewer editor cochair admin */
	[ACT_READ] =            { true, true, true, true },
	[ACT_OWN_ACCOUNT] =     { true, true, true, true },
	[ACT_EDIT_SECTION] =    { false, true, true, false },
	[ACT_EDIT_NOTE] =       { false, true, true, false },
	[ACT_SET_PROGRESS] =    { false, true, true, false },
	[ACT_PROPOSE_JOINT] =   { false, false, true, false },
	[ACT_APPROVE_JOINT] =   { false, false, false, false },  /* never one's own side's proposal */
	[ACT_MANAGE_ACCOUNTS] = { false, false, false, true },
	[ACT_MARK_COUNCIL_HELD] = { false, false, true, false },
	[ACT_READ_AUDIT] =      { false, false, false, true },
};

/* ... and for the other side's things. */
static const bool other_side[ACT__MAX][ROLE__MAX] = {
	[ACT_READ] =            { true, true, true, true },
	[ACT_OWN_ACCOUNT] =     { false, false, false, false },
	[ACT_EDIT_SECTION] =    { false, false, false, false },  /* nobody writes the other side's text */
	[ACT_EDIT_NOTE] =       { false, false, false, false },
	[ACT_SET_PROGRESS] =    { false, false, false, false },
	[ACT_PROPOSE_JOINT] =   { false, false, true, false },
	[ACT_APPROVE_JOINT] =   { false, false, true, false },
	[ACT_MANAGE_ACCOUNTS] = { false, false, false, false },
	[ACT_MARK_COUNCIL_HELD] = { false, false, true, false },
	[ACT_READ_AUDIT] =      { false, false, false, true },
};

static void test_matrix_matches_design(void)
{
	for (int a = ACT_READ; a < ACT__MAX; a++) {
		for (int s = 0; s < SIDE__MAX; s++) {
			for (int r = 0; r < ROLE__MAX; r++) {
				struct account w = who((enum side)s, (enum role)r);
				enum side other = s == SIDE_EU ? SIDE_KR : SIDE_EU;
				bool own = authz_may(&w, (enum action)a, (enum side)s);
				bool theirs = authz_may(&w, (enum action)a, other);
				if (own != own_side[a][r] || theirs != other_side[a][r])
					fprintf(stderr, "action %d side %d role %d: own %d theirs %d\n", a, s, r, own, theirs);
				CHECK(own == own_side[a][r]);
				CHECK(theirs == other_side[a][r]);
			}
		}
	}
}

static void test_anonymous_and_undeclared(void)
{
	for (int a = 0; a < ACT__MAX; a++) {
		CHECK(authz_route(NULL, (enum action)a) == (a == ACT_PUBLIC));
		CHECK(authz_may(NULL, (enum action)a, SIDE_EU) == (a == ACT_PUBLIC));
	}
	struct account admin = who(SIDE_EU, ROLE_ADMIN);
	CHECK(!authz_route(&admin, ACT_UNDECLARED));
	CHECK(!authz_route(&admin, ACT__MAX));
	struct account bogus = who(SIDE_EU, ROLE__MAX);
	CHECK(!authz_route(&bogus, ACT_READ));
}

static void test_every_route_declares_a_permission(void)
{
	for (size_t i = 0; i < routes_count; i++) {
		if (routes[i].need == ACT_UNDECLARED)
			fprintf(stderr, "route %s %s declares no permission\n", routes[i].method, routes[i].pattern);
		CHECK(routes[i].need > ACT_UNDECLARED && routes[i].need < ACT__MAX);
		/* Only the login and the health check are open to anonymous visitors. */
		if (routes[i].need == ACT_PUBLIC)
			CHECK(strcmp(routes[i].pattern, "/login") == 0 || strcmp(routes[i].pattern, "/healthz") == 0);
	}
}

static struct config cfg;
static struct arena arena;

static struct request post_request(struct account *w, struct session *s, const char *csrf)
{
	struct request req = { .arena = &arena, .method = "POST", .target = "/x", .path = "/x",
	                       .remote_addr = "127.0.0.1", .who = w, .session = s,
	                       .origin = "http://127.0.0.1:8080" };
	if (csrf) {
		struct param *p = arena_alloc(&arena, sizeof(*p));
		*p = (struct param){ "csrf", csrf, strlen(csrf) };
		req.form = (struct params){ p, 1 };
	}
	return req;
}

static int dummy(struct ctx *c, struct request *q, struct reply *r)
{
	(void)c, (void)q, (void)r;
	return 200;
}

static void test_gate(void)
{
	config_defaults(&cfg);
	snprintf(cfg.origins, sizeof(cfg.origins), "http://127.0.0.1:8080 http://localhost:8080");
	struct ctx ctx = { .cfg = &cfg };
	struct reply rep;
	reply_init(&rep);
	struct account editor = who(SIDE_KR, ROLE_EDITOR);
	struct session sess;
	memset(sess.csrf, 'a', CSRF_TEXT_LEN);
	sess.csrf[CSRF_TEXT_LEN] = '\0';
	struct route undeclared = { "POST", "/x", dummy, ACT_UNDECLARED };
	struct route edit = { "POST", "/x", dummy, ACT_EDIT_NOTE };
	struct route admin = { "POST", "/x", dummy, ACT_MANAGE_ACCOUNTS };
	struct route login = { "POST", "/x", dummy, ACT_PUBLIC };

	struct request req = post_request(&editor, &sess, sess.csrf);
	CHECK(gate(&ctx, &req, &undeclared, &rep) == 403);
	CHECK(gate(&ctx, &req, &edit, &rep) == 0);
	CHECK(gate(&ctx, &req, &admin, &rep) == 403);
	req = post_request(&editor, &sess, NULL);
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);                 /* no token */
	req = post_request(&editor, &sess, "bbbb");
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);                 /* wrong token */
	req = post_request(&editor, &sess, sess.csrf);
	req.origin = "http://evil.example";
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);
	req.origin = "http://localhost:8080";
	CHECK(gate(&ctx, &req, &edit, &rep) == 0);
	req.origin = "http://localhost:8080x";
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);
	req.origin = NULL;
	req.sec_fetch_site = "cross-site";
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);
	req.sec_fetch_site = "same-origin";
	CHECK(gate(&ctx, &req, &edit, &rep) == 0);
	req = post_request(NULL, NULL, NULL);
	CHECK(gate(&ctx, &req, &login, &rep) == 0);                  /* login needs no session */
	CHECK(gate(&ctx, &req, &edit, &rep) == 403);                 /* anonymous POST */
	req.method = "GET";
	struct route page = { "GET", "/x", dummy, ACT_READ };
	CHECK(gate(&ctx, &req, &page, &rep) == 303);                 /* anonymous GET: to the login */
	CHECK_CONTAINS(rep.headers.data, "Location: /login?next=%2Fx");
	reply_free(&rep);
}

int main(void)
{
	arena_init(&arena, 0);
	RUN(test_matrix_matches_design);
	RUN(test_anonymous_and_undeclared);
	RUN(test_every_route_declares_a_permission);
	RUN(test_gate);
	arena_free(&arena);
	return check_summary("test_authz");
}
