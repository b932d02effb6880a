#include "view/render.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "http/session.h"

static void template_file(char *out, size_t n, enum lang lang, const char *name)
{
	snprintf(out, n, "%s/%s.tpl", lang_code(lang), name);
}

/* The header of a logged-in page: who, the navigation for the role, logout. */
static void frame_user(struct page *pg, const struct request *req, enum nav_item nav)
{
	static const enum tmpl_name current[] = {
		[NAV_DASHBOARD] = T_NAV_DASHBOARD, [NAV_REGISTER] = T_NAV_REGISTER, [NAV_COUNCILS] = T_NAV_COUNCILS,
		[NAV_ACCOUNT] = T_NAV_ACCOUNT, [NAV_USERS] = T_NAV_USERS, [NAV_AUDIT] = T_NAV_AUDIT,
	};
	const struct account *who = req->who;
	tmpl_dict *user = tmpl_section(pg->root, T_USER);
	tmpl_set(user, T_USER_NAME, who->display_name);
	tmpl_set(user, T_USER_SIDE, side_label(req->lang, who->side));
	tmpl_set(user, T_USER_SIDE_CLASS, side_code(who->side));
	tmpl_set(user, T_USER_ROLE, role_label(req->lang, who->role));
	tmpl_set(user, T_CSRF, req->session->csrf);
	tmpl_set(pg->body, T_CSRF, req->session->csrf);
	tmpl_set(user, T_SELF, http_self_url(req, NULL));
	tmpl_show(user, req->lang == LANG_EN ? T_IS_EN : T_IS_KO);
	tmpl_dict *menu = tmpl_section(pg->root, T_NAV);
	if (authz_route(who, ACT_MANAGE_ACCOUNTS))
		tmpl_show(menu, T_NAV_ADMIN);
	if (nav != NAV_NONE)
		tmpl_show(menu, current[nav]);
}

int page_begin(struct page *pg, const struct request *req, const char *name,
               const char *title, enum nav_item nav)
{
	char file[64];
	memset(pg, 0, sizeof(*pg));
	pg->lang = req->lang;
	pg->root = tmpl_new();
	if (!pg->root)
		return 500;
	template_file(file, sizeof(file), req->lang, name);
	pg->body = tmpl_include(pg->root, T_BODY, file);
	if (!pg->body) {
		page_discard(pg);
		return 500;
	}
	tmpl_set(pg->root, T_LANG, lang_code(req->lang));
	tmpl_set(pg->root, T_TITLE, title);
	if (req->who) {
		frame_user(pg, req, nav);
	} else {
		tmpl_dict *links = tmpl_section(pg->root, T_ANON_LANG);
		tmpl_set(links, T_URL_EN, http_self_url(req, "en"));
		tmpl_set(links, T_URL_KO, http_self_url(req, "ko"));
	}
	return 0;
}

void page_discard(struct page *pg)
{
	tmpl_free(pg->root);
	pg->root = pg->body = NULL;
}

int page_end(struct page *pg, struct reply *rep, int status)
{
	char file[64];
	template_file(file, sizeof(file), pg->lang, "layout");
	buf_reset(&rep->body);
	int rc = tmpl_expand(file, pg->root, &rep->body);
	page_discard(pg);
	if (rc != 0) {
		log_msg("render: expanding %s failed", file);
		return 500;
	}
	rep->status = status;
	return status;
}

void page_message(struct page *pg, enum tmpl_name section, const char *text)
{
	tmpl_set(tmpl_section(pg->body, section), T_TEXT, text);
}

const char *role_label(enum lang lang, enum role r)
{
	static const enum msg_id labels[ROLE__MAX] = { M_ROLE_VIEWER, M_ROLE_EDITOR, M_ROLE_COCHAIR, M_ROLE_ADMIN };
	return r < ROLE__MAX ? msg(lang, labels[r]) : "?";
}

const char *side_label(enum lang lang, enum side s)
{
	return msg(lang, s == SIDE_EU ? M_SIDE_EU : M_SIDE_KR);
}

struct error_text {
	int status;
	enum msg_id title, text;
};

static const struct error_text error_texts[] = {
	{ 400, M_ERROR_400_TITLE, M_ERROR_400_TEXT },
	{ 403, M_ERROR_403_TITLE, M_ERROR_403_TEXT },
	{ 404, M_ERROR_404_TITLE, M_ERROR_404_TEXT },
	{ 405, M_ERROR_405_TITLE, M_ERROR_405_TEXT },
	{ 409, M_ERROR_409_TITLE, M_ERROR_409_TEXT },
	{ 429, M_ERROR_429_TITLE, M_ERROR_429_TEXT },
	{ 411, M_ERROR_400_TITLE, M_ERROR_400_TEXT },
	{ 413, M_ERROR_413_TITLE, M_ERROR_413_TEXT },
	{ 415, M_ERROR_400_TITLE, M_ERROR_400_TEXT },
	{ 503, M_ERROR_503_TITLE, M_ERROR_503_TEXT },
};

/* Last resort when even the error template cannot be expanded. */
static void plain_error(struct reply *rep, int status)
{
	buf_reset(&rep->body);
	buf_printf(&rep->body, "%d %s\n", status, http_reason(status));
	rep->content_type = "text/plain; charset=utf-8";
}

void render_error(const struct request *req, struct reply *rep, int status, bool commit_sent)
{
	const struct error_text *t = NULL;
	for (size_t i = 0; i < sizeof(error_texts) / sizeof(error_texts[0]); i++)
		if (error_texts[i].status == status)
			t = &error_texts[i];
	enum msg_id title = t ? t->title : M_ERROR_500_TITLE;
	enum msg_id text = t ? t->text : M_ERROR_500_TEXT;
	/* A form's change: not "nothing was changed", the database may have committed it. */
	if (status == 503 && commit_sent && strcmp(req->method, "POST") == 0)
		text = M_ERROR_503_UNCONFIRMED;

	rep->content_type = NULL;
	if (status == 503)
		reply_header(rep, "Retry-After", "5");
	if (status == 405)
		reply_header(rep, "Allow", "GET, HEAD, POST");
	struct page pg;
	if (page_begin(&pg, req, "error", msg(req->lang, title), NAV_NONE) != 0) {
		plain_error(rep, status);
		rep->status = status;
		return;
	}
	tmpl_set(pg.body, T_HEADING, msg(req->lang, title));
	tmpl_set(pg.body, T_TEXT, msg(req->lang, text));
	tmpl_set_int(pg.body, T_STATUS, status);
	/* Refused without a session: most likely it ended. Offer the way back in. */
	if (!req->who && (status == 403 || req->session_ended))
		tmpl_show(pg.body, T_LOGIN_LINK);
	if (page_end(&pg, rep, status) != status)
		plain_error(rep, status);
	rep->status = status;
}
