#include "http/gate.h"

#include <string.h>

#include "base/log.h"
#include "http/session.h"

bool gate_same_origin(const struct config *cfg, const struct request *req)
{
	/* Browsers send Sec-Fetch-Site with every request; "none" is a typed URL or bookmark. */
	const char *site = req->sec_fetch_site;
	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	if (!req->origin)
		return true;  /* not a browser cross-site request; the CSRF token still applies */
	size_t n = strlen(req->origin);
	for (const char *p = cfg->origins; *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len && len == n && memcmp(p, req->origin, n) == 0)
			return true;
		p += len;
	}
	return false;
}

static int login_redirect(const struct request *req, struct reply *rep)
{
	char *next = http_url_encode(req->arena, req->target);
	/* ended=1: the login page says why the user is asked again. */
	char *location = next ? arena_printf(req->arena, "/login?next=%s%s", next,
	                                     req->session_ended ? "&ended=1" : "") : NULL;
	return reply_see_other(rep, location);
}

int gate_unknown_path(const struct request *req, struct reply *rep)
{
	bool get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	return get ? login_redirect(req, rep) : 403;
}

/*
 * The steps of a login half done take its session, and nothing else does: a
 * whole session is sent home, no session to the login form.
 */
static int second_step(const struct request *req, const struct route *rt, struct reply *rep)
{
	bool half = req->session && req->session->stage != STAGE_FULL;
	if (half)
		return 0;
	if (strcmp(rt->method, "GET") != 0)
		return 403;
	return reply_see_other(rep, req->who ? "/" : "/login");
}

int gate(const struct ctx *ctx, struct request *req, const struct route *rt, struct reply *rep)
{
	if (rt->need == ACT_UNDECLARED) {
		log_msg("gate: route %s %s declares no permission: refused", rt->method, rt->pattern);
		return 403;
	}
	if (rt->need == ACT_SECOND_STEP) {
		int st = second_step(req, rt, rep);
		if (st)
			return st;
	} else if (!authz_route(req->who, rt->need)) {
		bool get = strcmp(rt->method, "GET") == 0;
		return !req->who && get ? login_redirect(req, rep) : 403;
	}
	if (strcmp(rt->method, "POST") != 0)
		return 0;
	if (!gate_same_origin(ctx->cfg, req))
		return 403;
	if (rt->need != ACT_PUBLIC) {
		const char *token = http_form(req, "csrf");
		if (!req->session || !auth_equal(token, req->session->csrf, CSRF_TEXT_LEN))
			return 403;
	}
	return 0;
}
