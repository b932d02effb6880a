/*
 * The steps of a login after the password (docs/totp.md), each reached only
 * by its half-done session (ACT_SECOND_STEP), which ends five minutes after
 * the password:
 *   GET  /login/code                  the code of the account's app (or a recovery code)
 *   POST /login/code                  check it: the login is whole
 *   GET  /login/enrol                 an account that must have a factor sets up its app:
 *   GET  /login/enrol/qr.svg            the key as a QR code, as text and as a URI,
 *   POST /login/enrol                   and the app's first code proves it
 *   GET  /login/recovery-codes        its ten recovery codes, shown once (and .txt),
 *   POST /login/recovery-codes          confirmed as saved: the login is whole
 *   POST /login/cancel                the half-done login ends
 * Every code is an attempt of the login throttle (throttle.h), counted before
 * it is checked; a wrong one is audited as a failed login.
 */
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "http/session.h"
#include "model/audit.h"
#include "model/throttle.h"
#include "pages/pages.h"
#include "pages/second_factor.h"
#include "view/render.h"

static int code_page(struct request *req, struct reply *rep, int status, enum msg_id error)
{
	struct page pg;
	if (page_begin(&pg, req, "login_code", msg(req->lang, M_TOTP_CODE_TITLE), NAV_NONE))
		return 500;
	tmpl_set(pg.body, T_CSRF, req->session->csrf);
	tmpl_set(pg.body, T_NEXT, login_next(req));
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	return page_end(&pg, rep, status);
}

/* Each step's page only for its own stage; another stage goes where it stands. */
static int at_stage(const struct request *req, struct reply *rep, enum session_stage stage)
{
	enum session_stage now = req->session->stage;
	if (now == stage)
		return 0;
	static const char *const where[STAGE__MAX] = { "/", "/login/code", "/login/enrol", "/login/recovery-codes" };
	return strcmp(req->method, "GET") == 0 ? reply_see_other(rep, with_next(req->arena, where[now], login_next(req)))
	                                        : 409;
}

/* ---- finishing: the half-done session gives way to a whole one ---- */

struct finish {
	struct ctx *ctx;
	struct request *req;
	const char *how;         /* the audit entry's detail: the factor */
	const struct account *who;
	unsigned char half[TOKEN_HASH_BYTES];   /* the half-done session (req->session changes at session_create) */
	char token[TOKEN_TEXT_LEN + 1];
};

static enum err finish_tx(struct db *db, void *ud)
{
	struct finish *f = ud;
	struct request *req = f->req;
	const struct account *a = f->who;
	enum err e = DB_RUN(db, ST_SESSION_DELETE, NULL, NULL, DB_BLOB(f->half, TOKEN_HASH_BYTES));
	if (e == E_OK)
		e = session_create(f->ctx, req, a->id, STAGE_FULL, f->token);
	if (e == E_OK)
		e = throttle_login_succeeded(db, a->login, req->remote_addr);
	struct audit_entry ae = { .account_id = a->id, .login = a->login, .side = side_code(a->side),
	                          .action = "login", .detail = f->how, .client_addr = req->remote_addr };
	return e == E_OK ? audit_append(db, f->ctx->cfg->chain_key, &ae) : e;
}

/* A new token for the whole session, so the half-done one's cookie is worth nothing after. */
static int login_finish(struct ctx *ctx, struct request *req, struct reply *rep, const char *how)
{
	struct finish f = { .ctx = ctx, .req = req, .how = how, .who = req->session->account };
	memcpy(f.half, req->session->token_hash, TOKEN_HASH_BYTES);
	enum err e = db_transaction(&ctx->db, finish_tx, &f);
	if (e != E_OK)
		return http_status(e);
	session_send_cookie(ctx, rep, f.token);
	sodium_memzero(f.token, sizeof(f.token));
	return reply_see_other(rep, login_next(req));
}

/* ---- the code ---- */

int page_login_code_form(struct ctx *ctx, struct request *req, struct reply *rep)
{
	(void)ctx;
	int st = at_stage(req, rep, STAGE_CODE);
	return st ? st : code_page(req, rep, 200, M__MAX);
}

int page_login_code(struct ctx *ctx, struct request *req, struct reply *rep)
{
	int st = at_stage(req, rep, STAGE_CODE);
	if (st)
		return st;
	const char *code = http_form(req, "code");
	if (!code || !*code || strlen(code) > RECOVERY_CODE_INPUT_MAX)
		return code_page(req, rep, 400, M_TOTP_CODE_MISSING);
	st = factor_count_attempt(ctx, req, rep);
	if (st == 429)
		return code_page(req, rep, 429, M_LOGIN_LOCKED);
	if (st)
		return st;
	struct actor by = factor_actor(req);
	enum mfa_outcome out;
	enum err e = mfa_verify(&ctx->db, ctx->cfg, &by, by.account_id, code, time(NULL), true, &out);
	if (e != E_OK)
		return http_status(e);
	switch (out) {
	case MFA_TOTP:
		return login_finish(ctx, req, rep, "password and TOTP code");
	case MFA_RECOVERY:
		return login_finish(ctx, req, rep, "password and recovery code");
	case MFA_REPLAYED:
		factor_audit_failure(ctx, req, "TOTP code used before");
		return code_page(req, rep, 401, M_TOTP_CODE_REPLAYED);
	case MFA_WRONG:
		break;
	case MFA_NO_FACTOR:
		/* Reset by an admin since the password: set one up instead. */
		e = session_set_stage(ctx, req, STAGE_ENROL, NULL, 0);
		return e == E_OK ? reply_see_other(rep, with_next(req->arena, "/login/enrol", login_next(req)))
		                 : http_status(e);
	}
	factor_audit_failure(ctx, req, "wrong code");
	return code_page(req, rep, 401, M_TOTP_CODE_WRONG);
}

/* ---- setting up the app ---- */

/* The secret being enrolled: the session's, or a new one kept in it. */
static enum err enrol_secret(struct ctx *ctx, struct request *req, unsigned char secret[TOTP_SECRET_BYTES])
{
	struct pending p;
	if (pending_read(ctx, req, &p) && p.has_secret) {
		memcpy(secret, p.secret, TOTP_SECRET_BYTES);
		return E_OK;
	}
	totp_secret_new(secret);
	return pending_secret(ctx, req, STAGE_ENROL, secret);
}

int page_login_enrol_form(struct ctx *ctx, struct request *req, struct reply *rep)
{
	int st = at_stage(req, rep, STAGE_ENROL);
	if (st)
		return st;
	unsigned char secret[TOTP_SECRET_BYTES];
	enum err e = enrol_secret(ctx, req, secret);
	if (e != E_OK)
		return http_status(e);
	st = enrol_page(req, rep, 200, secret, "/login/enrol", "/login/enrol/qr.svg", M_TOTP_ENROL_INTRO_LOGIN, true,
	                M__MAX);
	sodium_memzero(secret, sizeof(secret));
	return st;
}

int page_login_enrol_qr(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	if (req->session->stage != STAGE_ENROL || !pending_read(ctx, req, &p) || !p.has_secret)
		return 404;
	int st = qr_reply(req, rep, p.secret);
	sodium_memzero(p.secret, sizeof(p.secret));
	return st;
}

int page_login_enrol(struct ctx *ctx, struct request *req, struct reply *rep)
{
	int st = at_stage(req, rep, STAGE_ENROL);
	if (st)
		return st;
	st = enrol_with_code(ctx, req, rep, STAGE_CODES, false);
	if (st == 0)
		return reply_see_other(rep, with_next(req->arena, "/login/recovery-codes", login_next(req)));
	struct pending p;
	if ((st != 401 && st != 429) || !pending_read(ctx, req, &p) || !p.has_secret)
		return st;
	st = enrol_page(req, rep, st, p.secret, "/login/enrol", "/login/enrol/qr.svg", M_TOTP_ENROL_INTRO_LOGIN, true,
	                st == 429 ? M_LOGIN_LOCKED : M_TOTP_ENROL_WRONG);
	sodium_memzero(p.secret, sizeof(p.secret));
	return st;
}

/* ---- the recovery codes, then the login is whole ---- */

static int pending_codes_of(struct ctx *ctx, struct request *req, struct reply *rep, struct pending *p)
{
	int st = at_stage(req, rep, STAGE_CODES);
	if (st)
		return st;
	return pending_read(ctx, req, p) && p->has_codes ? 0 : 409;
}

int page_login_codes_form(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	int st = pending_codes_of(ctx, req, rep, &p);
	return st ? st : codes_page(req, rep, p.codes, "/login/recovery-codes", "/login/recovery-codes.txt");
}

int page_login_codes_text(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	int st = pending_codes_of(ctx, req, rep, &p);
	return st ? st : codes_text(req, rep, p.codes);
}

int page_login_codes(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	int st = pending_codes_of(ctx, req, rep, &p);
	if (st)
		return st;
	const char *saved = http_form(req, "saved");
	if (!saved || strcmp(saved, "1") != 0)
		return 400;
	return login_finish(ctx, req, rep, "password and a newly set up TOTP app");
}

int page_login_cancel(struct ctx *ctx, struct request *req, struct reply *rep)
{
	enum err e = session_end(ctx, req, rep);
	return e == E_OK ? reply_see_other(rep, "/login") : http_status(e);
}
