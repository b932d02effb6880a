/*
 * One's own second factor, from the account page (docs/totp.md):
 *   POST /account/totp                 the password and a current code: set up a new app
 *   GET  /account/totp                   its key (and qr.svg),
 *   POST /account/totp/confirm           and its first code replaces the old app
 *   POST /account/recovery-codes       the password: ten new recovery codes,
 *   GET  /account/recovery-codes         shown once (and .txt),
 *   POST /account/recovery-codes/done    until confirmed as saved
 * The new secret and the new codes wait in the session, sealed, in between.
 */
#include <string.h>
#include <time.h>

#include "model/accounts.h"
#include "model/throttle.h"
#include "pages/pages.h"
#include "pages/second_factor.h"
#include "view/render.h"

/*
 * The password, and a current code of the app when one is set up: 0, 403
 * when either is wrong (audited), 429, or another status.
 */
static int prove_identity(struct ctx *ctx, struct request *req, struct reply *rep, bool with_code)
{
	const char *password = http_form(req, "password");
	const char *code = http_form(req, "code");
	if (!password || !*password || strlen(password) > PASSWORD_MAX_BYTES || (with_code && (!code || !*code)))
		return 400;
	struct account_row acc;
	enum err e = account_by_id(&ctx->db, req->who->id, &acc);
	if (e != E_OK)
		return http_status(e);
	int st = factor_count_attempt(ctx, req, rep);
	if (st)
		return st;
	if (hash_slot_acquire(ctx) != 0)
		return 503;
	bool ok = auth_verify_password(acc.password_hash, password, strlen(password));
	hash_slot_release(ctx);
	struct mfa_status m;
	if ((e = mfa_status(&ctx->db, acc.id, &m)) != E_OK)
		return http_status(e);
	if (ok && m.totp && with_code) {
		struct actor by = factor_actor(req);
		enum mfa_outcome out;
		e = mfa_verify(&ctx->db, ctx->cfg, &by, acc.id, code, time(NULL), false, &out);
		if (e != E_OK)
			return http_status(e);
		ok = out == MFA_TOTP;
	}
	if (!ok) {
		factor_audit_failure(ctx, req, "wrong password or code on the account page");
		return 403;
	}
	throttle_attempt_succeeded(ctx, acc.login, req->remote_addr);
	return 0;
}

/* The account page's answer to a refused form: its own error text, or the status. */
static int refused(struct ctx *ctx, struct request *req, struct reply *rep, int st)
{
	if (st == 403 || st == 429)
		return account_page(ctx, req, rep, st, T_MFA_ERROR, st == 403 ? M_ACCOUNT_MFA_WRONG : M_LOGIN_LOCKED);
	return st;
}

int page_account_totp_start(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, req->who->id, &m);
	if (e != E_OK)
		return http_status(e);
	int st = prove_identity(ctx, req, rep, m.totp);
	if (st)
		return refused(ctx, req, rep, st);
	unsigned char secret[TOTP_SECRET_BYTES];
	totp_secret_new(secret);
	e = pending_secret(ctx, req, STAGE_FULL, secret);
	sodium_memzero(secret, sizeof(secret));
	return e == E_OK ? reply_see_other(rep, "/account/totp") : http_status(e);
}

static bool pending_secret_of(struct ctx *ctx, struct request *req, struct pending *p)
{
	return pending_read(ctx, req, p) && p->has_secret;
}

int page_account_totp(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	if (!pending_secret_of(ctx, req, &p))
		return reply_see_other(rep, "/account");
	int st = enrol_page(req, rep, 200, p.secret, "/account/totp/confirm", "/account/totp/qr.svg",
	                    M_TOTP_ENROL_INTRO_REPLACE, false, M__MAX);
	sodium_memzero(p.secret, sizeof(p.secret));
	return st;
}

int page_account_totp_qr(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	if (!pending_secret_of(ctx, req, &p))
		return 404;
	int st = qr_reply(req, rep, p.secret);
	sodium_memzero(p.secret, sizeof(p.secret));
	return st;
}

int page_account_totp_confirm(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, req->who->id, &m);
	if (e != E_OK)
		return http_status(e);
	int st = enrol_with_code(ctx, req, rep, STAGE_FULL, m.totp);
	if (st == 0)
		return reply_see_other(rep, "/account/recovery-codes");
	struct pending p;
	if ((st != 401 && st != 429) || !pending_secret_of(ctx, req, &p))
		return st;
	st = enrol_page(req, rep, st, p.secret, "/account/totp/confirm", "/account/totp/qr.svg",
	                M_TOTP_ENROL_INTRO_REPLACE, false, st == 429 ? M_LOGIN_LOCKED : M_TOTP_ENROL_WRONG);
	sodium_memzero(p.secret, sizeof(p.secret));
	return st;
}

struct renewal {
	struct ctx *ctx;
	struct request *req;
	char **codes;
};

static enum err renew_tx(struct db *db, void *ud)
{
	struct renewal *r = ud;
	struct actor by = factor_actor(r->req);
	enum err e = mfa_renew_codes(db, r->ctx->cfg, &by, by.account_id, r->codes);
	return e == E_OK ? pending_codes(r->ctx, r->req, STAGE_FULL, r->codes) : e;
}

int page_account_codes_renew(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, req->who->id, &m);
	if (e != E_OK)
		return http_status(e);
	if (!m.totp)
		return 409;   /* recovery codes stand in for an app: set one up first */
	int st = prove_identity(ctx, req, rep, false);
	if (st)
		return refused(ctx, req, rep, st);
	struct renewal r = { ctx, req, recovery_codes_new(req->arena) };
	e = r.codes ? db_transaction(&ctx->db, renew_tx, &r) : E_FAILED;
	return e == E_OK ? reply_see_other(rep, "/account/recovery-codes") : http_status(e);
}

static bool pending_codes_of(struct ctx *ctx, struct request *req, struct pending *p)
{
	return pending_read(ctx, req, p) && p->has_codes;
}

int page_account_codes(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	if (!pending_codes_of(ctx, req, &p))
		return reply_see_other(rep, "/account");
	return codes_page(req, rep, p.codes, "/account/recovery-codes/done", "/account/recovery-codes.txt");
}

int page_account_codes_text(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct pending p;
	return pending_codes_of(ctx, req, &p) ? codes_text(req, rep, p.codes) : 404;
}

int page_account_codes_done(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *saved = http_form(req, "saved");
	if (!saved || strcmp(saved, "1") != 0)
		return 400;
	enum err e = session_set_stage(ctx, req, STAGE_FULL, NULL, 0);
	return e == E_OK ? reply_see_other(rep, "/account?done=codes") : http_status(e);
}
