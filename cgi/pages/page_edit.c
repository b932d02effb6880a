/*
 * GET/POST /areas/{slug}/{part}/edit?in={en|ko} — editing one section of an
 * area in one language. The EU and KR sections are saved by editors and
 * co-chairs of that side; a change to the joint section becomes a proposal
 * for the other side's co-chair. "Preview" renders the text without saving; a
 * save on a version that moved on gets the conflict page (409) with the user's
 * text kept, what changed meanwhile, and a form to save the merged text.
 * POST /areas/{slug}/{part}/confirm — the text in one language still says
 * what the other says: clears its out-of-date flag.
 */
#include <stdio.h>
#include <string.h>

#include "model/ctx.h"
#include "pages/area_ref.h"
#include "pages/fields.h"
#include "pages/labels.h"
#include "pages/saving.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

struct editor {
	struct area_ref area;
	enum part part;
	enum lang in;              /* the language of the text */
	const char *body;          /* the text in the form */
	long long base_version;
	const char *summary;
	const char *form_token;
	const char *other;         /* the text in the other language, for reference */
};

/* Who may open this editor: the side's editors for eu/kr, co-chairs (to propose) for joint. */
static bool may_edit(const struct request *req, enum part part)
{
	if (part == PART_JOINT)
		return authz_route(req->who, ACT_PROPOSE_JOINT);
	return authz_may(req->who, ACT_EDIT_SECTION, (enum side)part_side(part));
}

static int load(struct ctx *ctx, struct request *req, struct editor *e)
{
	int st = area_find(ctx, req, req->args[0], &e->area);
	if (st)
		return st;
	if (part_parse(req->args[1], &e->part) != 0)
		return 404;
	if (!may_edit(req, e->part))   /* who may, before what they sent */
		return 403;
	return content_lang(req, &e->in) != 0 ? 400 : 0;
}

static const enum msg_id headings[PART__MAX] = { M_EDIT_HEADING_JOINT, M_EDIT_HEADING_EU, M_EDIT_HEADING_KR };
static const enum msg_id languages[LANG__MAX] = { M_LANG_IN_EN, M_LANG_IN_KO };

/* The editor page, with what goes with it: an error, a preview, a conflict. */
static int editor_page(struct request *req, struct reply *rep, int status, const struct editor *e,
                       enum msg_id error, bool preview, const char *base_text, const char *current)
{
	struct page pg;
	const char *heading = arena_printf(req->arena, "%s (%s)", msg(req->lang, headings[e->part]),
	                                   msg(req->lang, languages[e->in]));
	const char *title = arena_printf(req->arena, "%s — %s", heading ? heading : "", e->area.title);
	if (page_begin(&pg, req, "edit_section", title ? title : "", NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	tmpl_set(b, T_AREA_SLUG, e->area.slug);
	tmpl_set(b, T_AREA_TITLE, e->area.title);
	tmpl_set(b, T_HEADING, heading);
	tmpl_set(b, T_PART, part_code(e->part));
	tmpl_set(b, T_IN, lang_code(e->in));
	tmpl_set(b, T_BODY, e->body);
	tmpl_set(b, T_SUMMARY, e->summary ? e->summary : "");
	tmpl_set_int(b, T_BASE_VERSION, e->base_version);
	tmpl_set(b, T_FORM_TOKEN, form_token_new(req));
	tmpl_show(b, e->part == PART_JOINT ? T_PROPOSE_BUTTON : T_SAVE_BUTTON);
	if (e->part == PART_JOINT)
		tmpl_show(b, T_JOINT_HINT);
	if (e->other && *e->other) {
		tmpl_dict *o = tmpl_section(b, T_OTHER_TEXT);
		tmpl_set(o, T_TEXT, e->other);
		tmpl_set(o, T_OTHER_LANG, lang_code(e->in == LANG_EN ? LANG_KO : LANG_EN));
	}
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	if (preview)
		view_markdown(tmpl_section(b, T_PREVIEW), T_PREVIEW_MARKDOWN, req->lang, e->body, strlen(e->body));
	if (current) {
		tmpl_dict *c = tmpl_section(b, T_CONFLICT);
		view_diff(c, T_CHANGES_MEANWHILE, req->lang, msg(req->lang, M_EDIT_CHANGES_MEANWHILE),
		          base_text ? base_text : "", current);
		view_diff(c, T_YOURS_VS_CURRENT, req->lang, msg(req->lang, M_EDIT_YOURS_VS_CURRENT), current, e->body);
	}
	return page_end(&pg, rep, status);
}

/* The other language's current text, shown beside the editor. */
static int read_other(struct ctx *ctx, struct request *req, struct editor *e)
{
	struct part_ref other = { e->area.id, 0, e->part, e->in == LANG_EN ? LANG_KO : LANG_EN };
	long long version;
	enum err db;
	e->other = content_now(ctx, req->arena, &other, &version, &db);
	return db == E_OK ? 0 : http_status(db);
}

int page_edit_section(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct editor e = { 0 };
	int st = load(ctx, req, &e);
	if (st)
		return st;
	struct part_ref ref = { e.area.id, 0, e.part, e.in };
	enum err db;
	e.body = content_now(ctx, req->arena, &ref, &e.base_version, &db);
	if (db != E_OK)
		return http_status(db);
	if (!e.body)
		return 404;
	if ((st = read_other(ctx, req, &e)))
		return st;
	return editor_page(req, rep, 200, &e, M__MAX, false, NULL, NULL);
}

static int propose_joint(struct ctx *ctx, struct request *req, struct reply *rep, struct editor *e)
{
	struct proposal_new p = { { e->area.id, 0, PART_JOINT, e->in }, PROPOSAL_SECTION, e->base_version, e->body,
	                          e->summary, e->form_token };
	return proposal_submit(ctx, req, rep, &p);
}

int page_edit_section_post(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct editor e = { 0 };
	int st = load(ctx, req, &e);
	if (st)
		return st;
	const char *action = http_form(req, "action");
	e.body = http_form(req, "body");
	e.summary = form_line(req, "summary", SUMMARY_MAX_CHARS);
	e.base_version = form_number(req, "base_version");
	e.form_token = form_token_of(req);
	if (!action || !e.body || !e.summary || e.base_version < 1 || !e.form_token)
		return 400;
	if ((st = read_other(ctx, req, &e)))
		return st;
	if (strlen(e.body) > SECTION_MAX_BYTES_DEFAULT)
		return editor_page(req, rep, 413, &e, M_EDIT_TOO_LONG, false, NULL, NULL);
	if (strcmp(action, "preview") == 0)
		return editor_page(req, rep, 200, &e, M__MAX, true, NULL, NULL);
	if (strcmp(action, "save") != 0)
		return 400;
	if (e.part == PART_JOINT)
		return propose_joint(ctx, req, rep, &e);

	const char *done = arena_printf(req->arena, "/areas/%s?done=saved#section-%s", e.area.slug, part_code(e.part));
	struct change c = { .ref = { e.area.id, 0, e.part, e.in }, .base_version = e.base_version, .content = e.body,
	                    .summary = e.summary, .form_token = e.form_token, .location = done,
	                    .origin = ORIGIN_EDIT };
	change_by(&c, req, "section_edited");
	enum err r = content_save(ctx, req->arena, &c);
	if (r == E_CONFLICT) {
		enum err db2;
		char *base = content_at(ctx, req->arena, &c.ref, e.base_version, &db2);
		if (db2 != E_OK)
			return http_status(db2);
		e.base_version = c.current_version;  /* the merged text is based on what is there now */
		return editor_page(req, rep, 409, &e, M_EDIT_CONFLICT, false, base, c.current);
	}
	const char *unchanged = arena_printf(req->arena, "/areas/%s?done=unchanged#section-%s", e.area.slug,
	                                     part_code(e.part));
	return save_answer(rep, r, &c, done, unchanged);
}

int page_confirm_section(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct editor e = { 0 };
	int st = load(ctx, req, &e);
	if (st)
		return st;
	if (e.part == PART_JOINT)
		return 403;   /* the joint text changes, and is confirmed, by proposal */
	struct part_ref ref = { e.area.id, 0, e.part, e.in };
	struct actor by = http_actor(req);
	bool cleared;
	enum err r = content_confirm(ctx, req->arena, &ref, &by, &cleared);
	if (r != E_OK)
		return http_status(r);
	return reply_see_other(rep, arena_printf(req->arena, "/areas/%s?done=confirmed#section-%s", e.area.slug,
	                                         part_code(e.part)));
}
