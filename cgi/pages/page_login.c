/*
 * GET /login — the login form; POST /login — log in.
 * An unknown login name, a wrong password and a disabled account get the same
 * answer (status, page and, through the decoy hash, time). Locked names and
 * addresses (throttle.h) get 429 before any hash is computed; when every hash
 * slot stays busy (a login storm) the answer is 503. An attempt is counted
 * as a failure once it holds a hash slot and before its password is checked,
 * so a burst of parallel guesses gets no more checked than a sequence would.
 * A right password starts a login half done when the account has a second
 * factor, or must set one up (page_login_steps.c); only then is the login
 * whole, and only then is the name's count of failures cleared.
 */
#include <stdio.h>
#include <string.h>

#include "model/accounts.h"
#include "model/audit.h"
#include "model/mfa.h"
#include "pages/second_factor.h"
#include "model/ctx.h"
#include "base/log.h"
#include "pages/pages.h"
#include "view/render.h"
#include "http/session.h"
#include "model/throttle.h"


static int login_form(struct request *req, struct reply *rep, int status, enum msg_id error,
                      const char *login)
{
	struct page pg;
	if (page_begin(&pg, req, "login", msg(req->lang, M_LOGIN_TITLE), NAV_NONE))
		return 500;
	tmpl_set(pg.body, T_NEXT, login_next(req));
	tmpl_set(pg.body, T_LOGIN, login ? login : "");
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	else if (req->session_ended || http_query(req, "ended"))
		page_message(&pg, T_NOTICE, msg(req->lang, M_LOGIN_SESSION_ENDED));
	else if (http_query(req, "done") && strcmp(http_query(req, "done"), "logout") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_LOGIN_LOGGED_OUT));
	return page_end(&pg, rep, status);
}

/* Where a login half done goes on. */
static const char *step_path(enum session_stage stage)
{
	return stage == STAGE_ENROL ? "/login/enrol" : stage == STAGE_CODES ? "/login/recovery-codes" : "/login/code";
}

int page_login_form(struct ctx *ctx, struct request *req, struct reply *rep)
{
	(void)ctx;
	if (req->who)
		return reply_see_other(rep, login_next(req));
	if (req->session && req->session->stage != STAGE_FULL)
		return reply_see_other(rep, with_next(req->arena, step_path(req->session->stage), login_next(req)));
	return login_form(req, rep, 200, M__MAX, NULL);
}

/*
 * The throttle key of a typed login name: the name itself when it could be
 * one (returns true), else a hash of it (the column is ASCII; the text may be
 * anything).
 */
static bool throttle_key(const char *typed, char key[LOGIN_MAX + 1])
{
	if (account_login_normalize(typed, key) == ACCOUNT_OK)
		return true;
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)typed, strlen(typed), NULL, 0);
	key[0] = '#';
	sodium_bin2hex(key + 1, LOGIN_MAX, h, sizeof(h));
	return false;
}

struct login_ok {
	struct ctx *ctx;
	struct request *req;
	const struct account_row *acc;
	const char *key;
	enum session_stage stage;
	char token[TOKEN_TEXT_LEN + 1];
};

static enum err login_tx(struct db *db, void *ud)
{
	struct login_ok *l = ud;
	enum err r = E_OK;
	if (l->req->session)  /* a session of someone else in this browser ends here */
		r = DB_RUN(db, ST_SESSION_DELETE, NULL, NULL, DB_BLOB(l->req->session->token_hash, TOKEN_HASH_BYTES));
	if (r == E_OK)
		r = session_create(l->ctx, l->req, l->acc->id, l->stage, l->token);
	if (r != E_OK || l->stage != STAGE_FULL)
		return r;   /* the login goes on with the second factor: login_finish (page_login_steps.c) */
	r = throttle_login_succeeded(db, l->key, l->req->remote_addr);
	struct audit_entry e = { .account_id = l->acc->id, .login = l->acc->login, .side = side_code(l->acc->side),
	                         .action = "login", .detail = "password", .client_addr = l->req->remote_addr };
	if (r == E_OK)
		r = audit_append(db, l->ctx->cfg->chain_key, &e);
	return r;
}

/* After the right password: the code of the account's app, setting one up, or nothing more. */
static enum err next_stage(struct ctx *ctx, const struct account_row *acc, enum session_stage *out)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, acc->id, &m);
	if (e == E_OK)
		*out = m.totp ? STAGE_CODE : mfa_required_for(ctx->cfg, acc->role) ? STAGE_ENROL : STAGE_FULL;
	return e;
}

/* The audit entry of a failed login (throttle_attempt has counted it already). */
static void record_failure(struct ctx *ctx, struct request *req, const char *key, const char *typed,
                           const struct account_row *acc)
{
	struct buf detail;
	buf_init(&detail);
	buf_puts(&detail, acc->id ? (acc->disabled ? "disabled account" : "wrong password") : "unknown login name");
	if (!acc->id) {
		buf_puts(&detail, ": ");
		log_escape(&detail, typed, strlen(typed), 64);
	}
	struct audit_entry e = { .account_id = acc->id, .login = key, .side = acc->id ? side_code(acc->side) : NULL,
	                         .action = "login_failed", .detail = buf_cstr(&detail) ? detail.data : "",
	                         .client_addr = req->remote_addr };
	audit_record(&ctx->db, ctx->cfg->chain_key, &e);
	buf_free(&detail);
}

/*
 * Verifies the password (or the decoy) under a hash slot, once the attempt is
 * counted (throttle_attempt); may upgrade the hash. 0 (*ok says whether it
 * matched), 503 when no slot came free, 429 when the name or the address is
 * locked, or the status of a database failure.
 */
static int check_password(struct ctx *ctx, struct request *req, const char *key, struct account_row *acc,
                          const char *password, bool *ok)
{
	*ok = false;
	if (hash_slot_acquire(ctx) != 0)
		return 503;
	bool admitted = false;
	enum err r = throttle_attempt(ctx, key, req->remote_addr, &admitted);
	if (r != E_OK || !admitted) {
		hash_slot_release(ctx);
		return r != E_OK ? http_status(r) : 429;
	}
	size_t len = strlen(password);
	*ok = auth_verify_password(acc->id ? acc->password_hash : NULL, password, len) && !acc->disabled;
	struct pwhash_params p = pwhash_params_of(ctx->cfg);
	char fresh[crypto_pwhash_STRBYTES];
	bool rehash = *ok && auth_needs_rehash(&p, acc->password_hash) &&
	              auth_hash_password(&p, password, len, fresh) == 0;
	hash_slot_release(ctx);
	if (rehash) {
		struct actor by = { acc->id, acc->login, side_code(acc->side), "-" };
		if (account_set_password(&ctx->db, ctx->cfg->chain_key, &by, acc->id, fresh, false, NULL,
		                         "password_rehashed") == E_OK)
			memcpy(acc->password_hash, fresh, sizeof(fresh));
	}
	return 0;
}

/* 429 with the seconds until the name's or the address's lock ends. */
static int locked(struct request *req, struct reply *rep, const char *typed, long long wait)
{
	char retry[24];
	/* A lock that ended in the moment since the attempt was refused: try again in a second. */
	snprintf(retry, sizeof(retry), "%lld", wait > 0 ? wait : 1);
	reply_header(rep, "Retry-After", retry);
	return login_form(req, rep, 429, M_LOGIN_LOCKED, typed);
}

int page_login(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *typed = http_form(req, "login");
	const char *password = http_form(req, "password");
	if (!typed || !password || !*typed || !*password || strlen(typed) > LOGIN_MAX ||
	    strlen(password) > PASSWORD_MAX_BYTES)
		return login_form(req, rep, 400, M_LOGIN_MISSING, typed && strlen(typed) <= LOGIN_MAX ? typed : NULL);

	char key[LOGIN_MAX + 1];
	bool could_exist = throttle_key(typed, key);
	long long wait = 0;
	enum err r = throttle_check(ctx, key, req->remote_addr, &wait);
	if (r != E_OK)
		return http_status(r);
	if (wait > 0)
		return locked(req, rep, typed, wait);

	struct account_row acc;
	memset(&acc, 0, sizeof(acc));
	enum err e = could_exist ? account_by_login(&ctx->db, key, &acc) : E_NOT_FOUND;
	if (e != E_OK && e != E_NOT_FOUND)
		return http_status(e);
	if (e != E_OK)
		memset(&acc, 0, sizeof(acc));
	bool ok = false;
	int st = check_password(ctx, req, key, &acc, password, &ok);
	if (st == 503) {
		reply_header(rep, "Retry-After", "5");
		return login_form(req, rep, 503, M_LOGIN_BUSY, typed);
	}
	if (st == 429) {
		if (throttle_check(ctx, key, req->remote_addr, &wait) != E_OK)
			wait = 1;
		return locked(req, rep, typed, wait);
	}
	if (st != 0)
		return st;
	if (!ok) {
		record_failure(ctx, req, key, typed, &acc);
		return login_form(req, rep, 401, M_LOGIN_FAILED, typed);
	}
	struct login_ok l = { .ctx = ctx, .req = req, .acc = &acc, .key = key };
	r = next_stage(ctx, &acc, &l.stage);
	if (r == E_OK)
		r = db_transaction(&ctx->db, login_tx, &l);
	if (r != E_OK)
		return http_status(r);
	/* A half-done login gives this attempt back; the code's attempts count from here. */
	if (l.stage != STAGE_FULL)
		throttle_attempt_succeeded(ctx, key, req->remote_addr);
	session_send_cookie(ctx, rep, l.token);
	sodium_memzero(l.token, sizeof(l.token));
	session_purge(ctx);
	if (l.stage != STAGE_FULL)
		return reply_see_other(rep, with_next(req->arena, step_path(l.stage), login_next(req)));
	return reply_see_other(rep, login_next(req));
}
