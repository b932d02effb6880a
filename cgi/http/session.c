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

const char *const session_stage_codes[STAGE__MAX] = { "full", "code", "enrol", "codes" };

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

/* The columns of ST_SESSION_LOOKUP. */
enum session_col {
	SC_ACCOUNT_ID, SC_LOGIN, SC_DISPLAY_NAME, SC_SIDE, SC_ROLE, SC_CSRF, SC_ENDED, SC_STALE, SC_DISABLED, SC_LANG,
	SC_GENERATION, SC_STAGE, SC_PENDING,
};

static int lookup_row(void *ud, const struct db_col *c, unsigned n)
{
	struct lookup *lk = ud;
	struct arena *a = lk->req->arena;
	(void)n;
	lk->found = true;
	lk->ended = c[SC_ENDED].i || c[SC_DISABLED].i;
	lk->stale = c[SC_STALE].i;
	if (lk->ended)
		return 0;
	lk->who->id = c[SC_ACCOUNT_ID].i;
	lk->who->login = arena_strndup(a, c[SC_LOGIN].s, c[SC_LOGIN].len);
	lk->who->display_name = arena_strndup(a, c[SC_DISPLAY_NAME].s, c[SC_DISPLAY_NAME].len);
	int stage = -1;
	for (int i = 0; i < STAGE__MAX; i++)
		if (strcmp(c[SC_STAGE].s, session_stage_codes[i]) == 0)
			stage = i;
	if (side_parse(c[SC_SIDE].s, &lk->who->side) != 0 || role_parse(c[SC_ROLE].s, &lk->who->role) != 0 ||
	    c[SC_CSRF].len != CSRF_TEXT_LEN || !lk->who->login || !lk->who->display_name || stage < 0) {
		lk->ended = true;
		return 0;
	}
	memcpy(lk->s->csrf, c[SC_CSRF].s, CSRF_TEXT_LEN + 1);
	lk->s->stage = (enum session_stage)stage;
	lk->s->account = lk->who;
	if (!c[SC_PENDING].null && c[SC_PENDING].len) {
		unsigned char *p = arena_alloc(a, c[SC_PENDING].len);
		if (p)
			memcpy(p, c[SC_PENDING].s, c[SC_PENDING].len);
		lk->s->pending = p;
		lk->s->pending_len = p ? c[SC_PENDING].len : 0;
	}
	/* The account's chosen language, unless this request names one. */
	enum lang chosen;
	lk->who->lang = !c[SC_LANG].null && lang_parse(c[SC_LANG].s, &chosen) == 0 ? (int)chosen : -1;
	if (lk->who->lang >= 0 && !lk->req->lang_explicit)
		lk->req->lang = chosen;
	lk->generation = c[SC_GENERATION].null ? -1 : c[SC_GENERATION].i;
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
	memset(s, 0, sizeof(*s));
	struct lookup lk = { .req = req, .who = who, .s = s };
	/* A token of the wrong form (damaged, or from elsewhere) is treated like an ended session. */
	bool well_formed = auth_token_hash(token, s->token_hash) == 0;
	enum err r = !well_formed ? E_OK
	                   : DB_RUN(&ctx->db, ST_SESSION_LOOKUP, lookup_row, &lk, DB_INT(ctx->cfg->session_lifetime),
	                            DB_INT(ctx->cfg->session_idle), DB_INT(SESSION_HALF_SECONDS),
	                            DB_BLOB(s->token_hash, TOKEN_HASH_BYTES));
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
	req->session = s;
	/* A login half done is no one yet: its account is req->session->account. */
	req->who = s->stage == STAGE_FULL ? who : NULL;
	ctx->db.generation = lk.generation;   /* after the touch: that write would have cleared it */
	return 0;
}

enum err session_create(struct ctx *ctx, struct request *req, long long account_id, enum session_stage stage,
                        char token[TOKEN_TEXT_LEN + 1])
{
	struct session *s = arena_alloc(req->arena, sizeof(*s));
	if (!s)
		return E_FAILED;
	memset(s, 0, sizeof(*s));
	s->stage = stage;
	s->account = req->session ? req->session->account : NULL;
	auth_new_token(token, s->token_hash);
	auth_random_hex(s->csrf, CSRF_TEXT_LEN / 2);
	enum err r = DB_RUN(&ctx->db, ST_SESSION_INSERT, NULL, NULL, DB_BLOB(s->token_hash, TOKEN_HASH_BYTES),
	                          DB_INT(account_id), DB_STR(s->csrf), DB_STR(session_stage_codes[stage]),
	                          DB_STR(req->remote_addr));
	if (r == E_OK)
		req->session = s;
	return r;
}

enum err session_set_stage(struct ctx *ctx, struct request *req, enum session_stage stage,
                           const unsigned char *pending, size_t len)
{
	if (!req->session)
		return E_FAILED;
	struct db_arg args[] = { DB_STR(session_stage_codes[stage]), pending ? DB_BLOB(pending, len) : DB_NULL,
	                         DB_BLOB(req->session->token_hash, TOKEN_HASH_BYTES) };
	enum err e = db_run(&ctx->db, ST_SESSION_SET_STAGE, args, 3, NULL, NULL, NULL);
	if (e == E_OK) {
		req->session->stage = stage;
		req->session->pending = pending;
		req->session->pending_len = pending ? len : 0;
	}
	return e;
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
