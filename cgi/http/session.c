#include "http/session.h"

#include <stdio.h>
#include <string.h>

#include "http/cookie.h"
#include "base/log.h"
#include "http/http.h"

struct lookup {
	struct request *req;
	struct account *who;
	struct session *s;
	bool found, ended, stale;
	long long generation;
};

const char *session_cookie_name(bool secure)
{
	return secure ? "__Host-portal_session" : "portal_session";
}

int session_cookie_format(char *out, size_t n, bool secure, const char *value, bool clear)
{
	int len = snprintf(out, n, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", session_cookie_name(secure), value,
	                   secure ? "; Secure" : "", clear ? "; Max-Age=0" : "");
	if (len < 0 || (size_t)len >= n) {
		if (n)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

static void set_cookie(const struct ctx *ctx, struct reply *rep, const char *value, bool clear)
{
	char header[256];
	if (session_cookie_format(header, sizeof(header), ctx->cfg->secure_cookies, value, clear) == 0)
		reply_header(rep, "Set-Cookie", header);
}

/* account id, login, display name, side, role, CSRF token, expired, stale, disabled, language,
 * content generation (cache.h) */
static int lookup_row(void *ud, const struct db_col *c, unsigned n)
{
	struct lookup *lk = ud;
	struct arena *a = lk->req->arena;
	(void)n;
	lk->found = true;
	lk->ended = c[6].i || c[8].i;
	lk->stale = c[7].i;
	if (lk->ended)
		return 0;
	lk->who->id = c[0].i;
	lk->who->login = arena_strndup(a, c[1].s, c[1].len);
	lk->who->display_name = arena_strndup(a, c[2].s, c[2].len);
	if (side_parse(c[3].s, &lk->who->side) != 0 || role_parse(c[4].s, &lk->who->role) != 0 ||
	    c[5].len != CSRF_TEXT_LEN || !lk->who->login || !lk->who->display_name) {
		lk->ended = true;
		return 0;
	}
	memcpy(lk->s->csrf, c[5].s, CSRF_TEXT_LEN + 1);
	/* The account's chosen language, unless this request names one. */
	enum lang chosen;
	lk->who->lang = !c[9].null && lang_parse(c[9].s, &chosen) == 0 ? (int)chosen : -1;
	if (lk->who->lang >= 0 && !lk->req->lang_explicit)
		lk->req->lang = chosen;
	lk->generation = c[10].null ? -1 : c[10].i;
	return 0;
}

int session_load(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *token;
	switch (cookie_find(req->arena, req->cookie_header, session_cookie_name(ctx->cfg->secure_cookies), &token)) {
	case COOKIE_ABSENT:
		return 0;
	case COOKIE_MALFORMED:
		return 400;
	case COOKIE_FOUND:
		break;
	}
	struct session *s = arena_alloc(req->arena, sizeof(*s));
	struct account *who = arena_alloc(req->arena, sizeof(*who));
	if (!s || !who)
		return 500;
	struct lookup lk = { .req = req, .who = who, .s = s };
	/* A token of the wrong form (damaged, or from elsewhere) is treated like an ended session. */
	bool well_formed = auth_token_hash(token, s->token_hash) == 0;
	enum err r = !well_formed ? E_OK
	                   : DB_RUN(&ctx->db, ST_SESSION_LOOKUP, lookup_row, &lk, DB_INT(ctx->cfg->session_lifetime),
	                            DB_INT(ctx->cfg->session_idle), DB_BLOB(s->token_hash, TOKEN_HASH_BYTES));
	if (r != E_OK)
		return http_status(r);
	if (!lk.found || lk.ended) {
		if (lk.found)
			DB_RUN(&ctx->db, ST_SESSION_DELETE, NULL, NULL, DB_BLOB(s->token_hash, TOKEN_HASH_BYTES));
		req->session_ended = true;
		set_cookie(ctx, rep, "", true);
		return 0;
	}
	/* last_used_at is written at most once a minute: reads stay reads. */
	if (lk.stale)
		DB_RUN(&ctx->db, ST_SESSION_TOUCH, NULL, NULL, DB_BLOB(s->token_hash, TOKEN_HASH_BYTES));
	req->who = who;
	req->session = s;
	ctx->db.generation = lk.generation;   /* after the touch: that write would have cleared it */
	return 0;
}

enum err session_create(struct ctx *ctx, struct request *req, long long account_id,
                              char token[TOKEN_TEXT_LEN + 1])
{
	struct session *s = arena_alloc(req->arena, sizeof(*s));
	if (!s)
		return E_FAILED;
	auth_new_token(token, s->token_hash);
	auth_random_hex(s->csrf, CSRF_TEXT_LEN / 2);
	enum err r = DB_RUN(&ctx->db, ST_SESSION_INSERT, NULL, NULL, DB_BLOB(s->token_hash, TOKEN_HASH_BYTES),
	                          DB_INT(account_id), DB_STR(s->csrf), DB_STR(req->remote_addr));
	if (r == E_OK)
		req->session = s;
	return r;
}

void session_send_cookie(const struct ctx *ctx, struct reply *rep, const char *token)
{
	set_cookie(ctx, rep, token, false);
}

enum err session_end(struct ctx *ctx, struct request *req, struct reply *rep)
{
	enum err r = E_OK;
	if (req->session)
		r = DB_RUN(&ctx->db, ST_SESSION_DELETE, NULL, NULL, DB_BLOB(req->session->token_hash, TOKEN_HASH_BYTES));
	set_cookie(ctx, rep, "", true);
	return r;
}

void session_purge(struct ctx *ctx)
{
	DB_RUN(&ctx->db, ST_SESSION_PURGE, NULL, NULL, DB_INT(ctx->cfg->session_lifetime),
	       DB_INT(ctx->cfg->session_idle));
}
