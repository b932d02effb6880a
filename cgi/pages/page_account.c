/*
 * POST /logout — end the session; GET /account — one's own account;
 * POST /account/password — change one's own password (the current one is
 * required; other sessions end unless the box is unticked).
 */
#include <stdio.h>
#include <string.h>

#include "model/accounts.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "pages/pages.h"
#include "view/render.h"
#include "http/session.h"
#include "model/throttle.h"
#include "pages/second_factor.h"

int page_logout(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct audit_entry e = { .account_id = req->who->id, .login = req->who->login,
	                         .side = side_code(req->who->side), .action = "logout", .detail = "",
	                         .client_addr = req->remote_addr };
	enum err r = session_end(ctx, req, rep);
	/* A login of the account half done elsewhere does not outlive a logout either. */
	if (r == E_OK)
		r = DB_RUN(&ctx->db, ST_SESSION_DELETE_HALF, NULL, NULL, DB_INT(req->who->id));
	if (r == E_OK)
		r = audit_record(&ctx->db, ctx->cfg->chain_key, &e);
	if (r != E_OK)
		return http_status(r);
	return reply_see_other(rep, "/login?done=logout");
}

/* The columns of ST_SIGNINS. */
enum { SI_AT, SI_DETAIL, SI_ADDR };

struct signins {
	tmpl_dict *body;
	enum lang lang;
	int n;
};

/* How a login was made, from its audit entry's detail (page_login.c, page_login_steps.c). */
static enum msg_id factor_label(const struct db_col *detail)
{
	static const struct { const char *detail; enum msg_id label; } factors[] = {
		{ "password and TOTP code", M_ACCOUNT_SIGNIN_TOTP },
		{ "password and recovery code", M_ACCOUNT_SIGNIN_RECOVERY },
		{ "password and a newly set up TOTP app", M_ACCOUNT_SIGNIN_ENROLLED },
	};
	for (size_t i = 0; i < sizeof(factors) / sizeof(factors[0]); i++)
		if (strcmp(detail->s, factors[i].detail) == 0)
			return factors[i].label;
	return M_ACCOUNT_SIGNIN_PASSWORD;
}

static int signin_row(void *ud, const struct db_col *c, unsigned n)
{
	struct signins *s = ud;
	(void)n;
	tmpl_dict *d = tmpl_section(s->body, T_SIGNIN);
	tmpl_setn(d, T_AT, c[SI_AT].s, c[SI_AT].len);
	tmpl_set(d, T_FACTOR, msg(s->lang, factor_label(&c[SI_DETAIL])));
	tmpl_setn(d, T_ADDR, c[SI_ADDR].s, c[SI_ADDR].len);
	s->n++;
	return 0;
}

/* The second factor's part of the page: what is set up, the forms, the last sign-ins. */
static enum err factor_part(struct ctx *ctx, struct request *req, tmpl_dict *b)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, req->who->id, &m);
	if (e != E_OK)
		return e;
	if (m.totp) {
		const char *keys[] = { "AT", "COUNT" };
		char count[24];
		snprintf(count, sizeof(count), "%lld", m.codes_left);
		const char *values[] = { m.enrolled_at, count };
		tmpl_set(b, T_MFA_TOTP, msg_format(req->arena, msg(req->lang, M_ACCOUNT_MFA_TOTP_ON), keys, values, 1));
		tmpl_set(b, T_MFA_CODES,
		         msg_format(req->arena, msg(req->lang, M_ACCOUNT_MFA_CODES_LEFT), keys + 1, values + 1, 1));
		tmpl_show(b, T_HAS_TOTP);
	} else {
		tmpl_set(b, T_MFA_TOTP, msg(req->lang, M_ACCOUNT_MFA_TOTP_OFF));
		tmpl_show(b, T_NO_TOTP);
	}
	struct signins s = { b, req->lang, 0 };
	e = DB_RUN(&ctx->db, ST_SIGNINS, signin_row, &s, DB_INT(req->who->id));
	if (e == E_OK && s.n == 0)
		tmpl_show(b, T_NO_SIGNINS);
	return e;
}

int account_page(struct ctx *ctx, struct request *req, struct reply *rep, int status, enum tmpl_name kind,
                 enum msg_id text)
{
	struct page pg;
	if (page_begin(&pg, req, "account", msg(req->lang, M_ACCOUNT_TITLE), NAV_ACCOUNT))
		return 500;
	const struct account *who = req->who;
	tmpl_set(pg.body, T_LOGIN, who->login);
	tmpl_set(pg.body, T_NAME, who->display_name);
	tmpl_set(pg.body, T_SIDE, side_label(req->lang, who->side));
	tmpl_set(pg.body, T_ROLE, role_label(req->lang, who->role));
	static const char *const values[] = { "auto", "en", "ko" };
	static const enum msg_id labels[] = { M_ACCOUNT_LANGUAGE_AUTO, M_LANG_SELF_EN, M_LANG_SELF_KO };
	for (int i = 0; i < 3; i++) {
		tmpl_dict *o = tmpl_section(pg.body, T_LANG_OPTION);
		tmpl_set(o, T_VALUE, values[i]);
		tmpl_set(o, T_LABEL, msg(req->lang, labels[i]));
		if (who->lang == i - 1)
			tmpl_show(o, T_SELECTED);
	}
	enum err e = factor_part(ctx, req, pg.body);
	if (e != E_OK) {
		page_discard(&pg);
		return http_status(e);
	}
	if (text != M__MAX)
		page_message(&pg, kind, msg(req->lang, text));
	return page_end(&pg, rep, status);
}

/*
 * POST /account/language — remembers the interface language for the account
 * ("auto": from the browser again) and goes back to the page it came from.
 */
int page_account_language(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *code = http_form(req, "lang");
	const char *next = http_local_path(http_form(req, "next"));
	enum lang lang;
	bool automatic = code && strcmp(code, "auto") == 0;
	if (!code || (!automatic && lang_parse(code, &lang) != 0))
		return 400;
	enum err r = DB_RUN(&ctx->db, ST_ACCOUNT_SET_LANG, NULL, NULL, automatic ? DB_NULL : DB_STR(code),
	                          DB_INT(req->who->id));
	if (r != E_OK)
		return http_status(r);
	/* Back to where the switch was used; the account's language now applies there. */
	return reply_see_other(rep, next);
}

int page_account(struct ctx *ctx, struct request *req, struct reply *rep)
{
	static const struct { const char *done; enum msg_id notice; } notices[] = {
		{ "password", M_ACCOUNT_PASSWORD_CHANGED },
		{ "language", M_ACCOUNT_LANGUAGE_SAVED },
		{ "codes", M_ACCOUNT_MFA_DONE_CODES },
	};
	const char *done = http_query(req, "done");
	enum msg_id notice = M__MAX;
	for (size_t i = 0; done && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(done, notices[i].done) == 0)
			notice = notices[i].notice;
	return account_page(ctx, req, rep, 200, T_NOTICE, notice);
}

static enum msg_id password_problem(const char *pw)
{
	switch (account_password_check(pw)) {
	case ACCOUNT_OK: return M__MAX;
	case ACCOUNT_PASSWORD_SHORT: return M_ACCOUNT_TOO_SHORT;
	case ACCOUNT_PASSWORD_LONG: return M_ACCOUNT_TOO_LONG;
	default: return M_ACCOUNT_BAD_TEXT;
	}
}

/*
 * Checks the current password and hashes the new one under a hash slot. A
 * wrong current password counts as a failed login, counted before the check
 * as a login is (throttle.h). 0 with hash filled, or the status to answer:
 * 403 (wrong), 429 (locked), 503 (no hash slot, or the database is away), 500.
 */
static int check_current_and_hash(struct ctx *ctx, struct request *req, const struct account_row *acc,
                                  const char *current, const char *fresh, char hash[crypto_pwhash_STRBYTES])
{
	long long wait = 0;
	enum err r = throttle_check(ctx, acc->login, req->remote_addr, &wait);
	if (r != E_OK || wait > 0)
		return r != E_OK ? http_status(r) : 429;
	if (hash_slot_acquire(ctx) != 0)
		return 503;
	bool admitted = false;
	r = throttle_attempt(ctx, acc->login, req->remote_addr, &admitted);
	if (r != E_OK || !admitted) {
		hash_slot_release(ctx);
		return r != E_OK ? http_status(r) : 429;
	}
	bool ok = auth_verify_password(acc->password_hash, current, strlen(current));
	struct pwhash_params p = pwhash_params_of(ctx->cfg);
	int hashed = ok ? auth_hash_password(&p, fresh, strlen(fresh), hash) : -1;
	hash_slot_release(ctx);
	if (!ok)
		return 403;
	throttle_attempt_succeeded(ctx, acc->login, req->remote_addr);
	return hashed == 0 ? 0 : 500;
}

int page_account_password(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *current = http_form(req, "current");
	const char *fresh = http_form(req, "new");
	const char *confirm = http_form(req, "confirm");
	const char *end_others = http_form(req, "end_others");
	if (!current || !fresh || !confirm || !*current)
		return account_page(ctx, req, rep, 400, T_ERROR, M_ACCOUNT_MISSING);
	if (end_others && strcmp(end_others, "1") != 0)   /* a checkbox: absent, or its one value */
		return 400;
	enum msg_id problem = password_problem(fresh);
	if (problem != M__MAX)
		return account_page(ctx, req, rep, 400, T_ERROR, problem);
	if (strcmp(fresh, confirm) != 0)
		return account_page(ctx, req, rep, 400, T_ERROR, M_ACCOUNT_MISMATCH);

	struct account_row acc;
	enum err e = account_by_id(&ctx->db, req->who->id, &acc);
	if (e != E_OK)
		return http_status(e);
	char hash[crypto_pwhash_STRBYTES];
	int st = check_current_and_hash(ctx, req, &acc, current, fresh, hash);
	if (st != 0) {
		enum msg_id why = st == 403 ? M_ACCOUNT_WRONG_CURRENT : st == 429 ? M_LOGIN_LOCKED : M_LOGIN_BUSY;
		return st == 500 ? 500 : account_page(ctx, req, rep, st, T_ERROR, why);
	}
	struct actor by = http_actor(req);
	bool end = end_others != NULL;
	e = account_set_password(&ctx->db, ctx->cfg->chain_key, &by, acc.id, hash, end,
	                         req->session->token_hash, "password_changed");
	if (e != E_OK)
		return http_status(e);
	return reply_see_other(rep, "/account?done=password");
}
