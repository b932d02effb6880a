/*
 * Account management for administrators, own side only:
 *   GET /admin/users          the side's accounts and the form to create one
 *   POST /admin/users         create (the generated password is shown once)
 *   GET /admin/users/{id}     one account
 *   POST /admin/users/{id}    action=role|disable|enable|reset
 * An administrator cannot lock themselves out: no role change or disabling of
 * their own account here (portalctl can).
 */
#include <stdio.h>
#include <string.h>

#include "model/mfa.h"
#include "model/accounts.h"
#include "model/ctx.h"
#include "pages/pages.h"
#include "view/render.h"

struct list {
	struct page *pg;
	enum lang lang;
};

/* The columns of ST_ACCOUNTS_BY_SIDE. */
enum account_col {
	AC_ID, AC_LOGIN, AC_DISPLAY_NAME, AC_ROLE, AC_DISABLED, AC_CREATED, AC_LAST_SEEN,
};

static int account_row(void *ud, const struct db_col *c, unsigned n)
{
	struct list *l = ud;
	(void)n;
	tmpl_dict *d = tmpl_section(l->pg->body, T_ACCOUNT);
	enum role role = ROLE_VIEWER;
	role_parse(c[AC_ROLE].s, &role);
	tmpl_set_int(d, T_ID, c[AC_ID].i);
	tmpl_setn(d, T_LOGIN, c[AC_LOGIN].s, c[AC_LOGIN].len);
	tmpl_setn(d, T_NAME, c[AC_DISPLAY_NAME].s, c[AC_DISPLAY_NAME].len);
	tmpl_set(d, T_ROLE, role_label(l->lang, role));
	tmpl_show(d, c[AC_DISABLED].i ? T_DISABLED : T_ENABLED);
	tmpl_setn(d, T_CREATED, c[AC_CREATED].s, c[AC_CREATED].len);
	if (!c[AC_LAST_SEEN].null)
		tmpl_setn(tmpl_section(d, T_SEEN), T_LAST_SEEN, c[AC_LAST_SEEN].s, c[AC_LAST_SEEN].len);
	return 0;
}

static void role_options(tmpl_dict *d, enum lang lang, enum role selected)
{
	for (int r = 0; r < ROLE__MAX; r++) {
		tmpl_dict *o = tmpl_section(d, T_ROLE_OPTION);
		tmpl_set(o, T_VALUE, role_code((enum role)r));
		tmpl_set(o, T_LABEL, role_label(lang, (enum role)r));
		if ((enum role)r == selected)
			tmpl_show(o, T_SELECTED);
	}
}

/* The list page, with an optional message and the new account's password. */
static int users_page(struct ctx *ctx, struct request *req, struct reply *rep, int status,
                      enum msg_id error, const char *new_login, const char *new_password)
{
	struct page pg;
	if (page_begin(&pg, req, "admin_users", msg(req->lang, M_USERS_TITLE), NAV_USERS))
		return 500;
	struct list l = { &pg, req->lang };
	enum err r = DB_RUN(&ctx->db, ST_ACCOUNTS_BY_SIDE, account_row, &l, DB_STR(side_code(req->who->side)));
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	tmpl_set(pg.body, T_SIDE, side_label(req->lang, req->who->side));
	role_options(pg.body, req->lang, ROLE_VIEWER);
	if (error != M__MAX) {
		page_message(&pg, T_ERROR, msg(req->lang, error));
		tmpl_set(pg.body, T_FORM_LOGIN, http_form(req, "login"));
		tmpl_set(pg.body, T_FORM_NAME, http_form(req, "name"));
	}
	if (new_password) {
		tmpl_dict *c = tmpl_section(pg.body, T_CREATED_ACCOUNT);
		tmpl_set(c, T_LOGIN, new_login);
		tmpl_set(c, T_PASSWORD, new_password);
	}
	return page_end(&pg, rep, status);
}

int page_admin_users(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return users_page(ctx, req, rep, 200, M__MAX, NULL, NULL);
}

static enum msg_id problem_message(enum account_problem p)
{
	return p == ACCOUNT_BAD_LOGIN ? M_USERS_BAD_LOGIN : M_USERS_BAD_NAME;
}

/* Hashes a freshly generated password under a hash slot. 0, 503 or 500. */
static int generate_password(struct ctx *ctx, char pw[GENERATED_PASSWORD_LEN + 1], char hash[crypto_pwhash_STRBYTES])
{
	auth_generate_password(pw);
	if (hash_slot_acquire(ctx) != 0)
		return 503;
	struct pwhash_params p = pwhash_params_of(ctx->cfg);
	int rc = auth_hash_password(&p, pw, strlen(pw), hash);
	hash_slot_release(ctx);
	return rc == 0 ? 0 : 500;
}

int page_admin_user_create(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *login = http_form(req, "login");
	const char *name = http_form(req, "name");
	const char *role_text = http_form(req, "role");
	enum role role;
	if (!login || !name || role_parse(role_text, &role) != 0)
		return 400;
	char norm[LOGIN_MAX + 1];
	enum account_problem problem = account_login_normalize(login, norm);
	if (problem == ACCOUNT_OK)
		problem = account_name_check(name);
	if (problem != ACCOUNT_OK)
		return users_page(ctx, req, rep, 400, problem_message(problem), NULL, NULL);
	char pw[GENERATED_PASSWORD_LEN + 1], hash[crypto_pwhash_STRBYTES];
	int st = generate_password(ctx, pw, hash);
	if (st)
		return st;
	struct actor by = http_actor(req);
	enum err e = account_create(&ctx->db, ctx->cfg->chain_key, &by, norm, name, req->who->side, role, hash, NULL);
	if (e == E_DUPLICATE)
		return users_page(ctx, req, rep, http_status(e), M_USERS_EXISTS, NULL, NULL);
	if (e != E_OK)
		return http_status(e);
	st = users_page(ctx, req, rep, 200, M__MAX, norm, pw);
	sodium_memzero(pw, sizeof(pw));
	return st;
}

/* Loads the account of the URL; 0, or 404 / 403 (another side's) / 503. */
static int load_target(struct ctx *ctx, struct request *req, struct account_row *acc)
{
	long long id = http_parse_id(req->args[0]);
	if (!id)
		return 404;
	enum err e = account_by_id(&ctx->db, id, acc);
	if (e != E_OK)
		return http_status(e);
	return authz_may(req->who, ACT_MANAGE_ACCOUNTS, acc->side) ? 0 : 403;
}

/* What the account's second factor is, for its admin. */
static void factor_part(tmpl_dict *b, const struct request *req, const struct mfa_status *m)
{
	if (!m->totp) {
		tmpl_set(b, T_MFA_STATE, msg(req->lang, M_USERS_MFA_OFF));
		return;
	}
	char count[24];
	snprintf(count, sizeof(count), "%lld", m->codes_left);
	const char *keys[] = { "COUNT" }, *values[] = { count };
	tmpl_set(b, T_MFA_STATE, msg_format(req->arena, msg(req->lang, M_USERS_MFA_ON), keys, values, 1));
}

static int user_page(struct ctx *ctx, struct request *req, struct reply *rep, int status,
                     const struct account_row *acc, enum tmpl_name kind, enum msg_id text, const char *new_password)
{
	struct mfa_status m;
	enum err e = mfa_status(&ctx->db, acc->id, &m);
	if (e != E_OK)
		return http_status(e);
	struct page pg;
	if (page_begin(&pg, req, "admin_user", acc->display_name, NAV_USERS))
		return 500;
	factor_part(pg.body, req, &m);
	tmpl_set_int(pg.body, T_ID, acc->id);
	tmpl_set(pg.body, T_LOGIN, acc->login);
	tmpl_set(pg.body, T_NAME, acc->display_name);
	tmpl_set(pg.body, T_SIDE, side_label(req->lang, acc->side));
	tmpl_set(pg.body, T_ROLE, role_label(req->lang, acc->role));
	tmpl_show(pg.body, acc->disabled ? T_DISABLED : T_ENABLED);
	if (acc->id == req->who->id)
		tmpl_show(pg.body, T_SELF);
	else
		role_options(tmpl_section(pg.body, T_OTHER), req->lang, acc->role);
	if (text != M__MAX)
		page_message(&pg, kind, msg(req->lang, text));
	if (new_password)
		tmpl_set(tmpl_section(pg.body, T_NEW_PASSWORD), T_PASSWORD, new_password);
	return page_end(&pg, rep, status);
}

int page_admin_user(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct account_row acc;
	int st = load_target(ctx, req, &acc);
	if (st)
		return st;
	return user_page(ctx, req, rep, 200, &acc, T_NOTICE, M__MAX, NULL);
}

int page_admin_user_update(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct account_row acc;
	int st = load_target(ctx, req, &acc);
	if (st)
		return st;
	const char *action = http_form(req, "action");
	if (!action)
		return 400;
	struct actor by = http_actor(req);
	bool self = acc.id == req->who->id;
	enum err e;
	enum msg_id done;
	char pw[GENERATED_PASSWORD_LEN + 1] = "";
	if (strcmp(action, "role") == 0) {
		enum role role;
		if (role_parse(http_form(req, "role"), &role) != 0)
			return 400;
		if (self)
			return user_page(ctx, req, rep, 409, &acc, T_ERROR, M_USERS_NOT_SELF, NULL);
		e = account_set_role(&ctx->db, ctx->cfg->chain_key, &by, acc.id, role);
		acc.role = role;
		done = M_USERS_ROLE_CHANGED;
	} else if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0) {
		bool disable = action[0] == 'd';
		if (self)
			return user_page(ctx, req, rep, 409, &acc, T_ERROR, M_USERS_NOT_SELF, NULL);
		e = account_set_disabled(&ctx->db, ctx->cfg->chain_key, &by, acc.id, disable);
		acc.disabled = disable;
		done = disable ? M_USERS_DISABLED_DONE : M_USERS_ENABLED_DONE;
	} else if (strcmp(action, "reset") == 0) {
		char hash[crypto_pwhash_STRBYTES];
		if ((st = generate_password(ctx, pw, hash)) != 0)
			return st;
		e = account_set_password(&ctx->db, ctx->cfg->chain_key, &by, acc.id, hash, true, NULL, "password_reset");
		done = M_USERS_RESET_DONE;
	} else if (strcmp(action, "mfa_reset") == 0) {
		if (self)
			return user_page(ctx, req, rep, 409, &acc, T_ERROR, M_USERS_NOT_SELF, NULL);
		e = mfa_reset(&ctx->db, ctx->cfg, &by, acc.id);
		done = M_USERS_MFA_RESET_DONE;
	} else {
		return 400;
	}
	if (e != E_OK)
		return http_status(e);
	st = user_page(ctx, req, rep, 200, &acc, T_NOTICE, done, pw[0] ? pw : NULL);
	sodium_memzero(pw, sizeof(pw));
	return st;
}
