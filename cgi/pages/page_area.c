/* GET /areas/{slug} — one area: its joint, EU and Korean sections and its commitments. */
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

/* One side's section in both languages. */
struct section_text {
	struct paired_text text;
	long long version[LANG__MAX];
	const char *updated[LANG__MAX];
};

struct area {
	struct page *pg;
	struct request *req;
	long long id;
	bool found;
	struct section_text sections[PART__MAX];
	char card_file[32];
	long long commitments;
	tmpl_dict *pending;
};

/* The columns of ST_AREA_BY_SLUG. */
enum area_col {
	AC_ID, AC_SLUG, AC_TITLE, AC_TITLE_KO,
};

static int area_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	a->found = true;
	a->id = c[AC_ID].i;
	const struct db_col *title = a->req->lang == LANG_KO && c[AC_TITLE_KO].len ? &c[AC_TITLE_KO] : &c[AC_TITLE];
	tmpl_set_int(a->pg->body, T_AREA_NUMBER, c[AC_ID].i);
	tmpl_setn(a->pg->body, T_AREA_SLUG, c[AC_SLUG].s, c[AC_SLUG].len);
	tmpl_setn(a->pg->body, T_AREA_TITLE, title->s, title->len);
	tmpl_setn(a->pg->root, T_TITLE, title->s, title->len);
	return 0;
}

/* The columns of ST_SECTIONS_BY_AREA. */
enum section_col {
	SE_SIDE, SE_LANG, SE_BODY, SE_VERSION, SE_UPDATED_AT, SE_STALE_SINCE,
};

static int section_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	enum part part;
	enum lang lang;
	if (part_parse(c[SE_SIDE].s, &part) != 0 || lang_parse(c[SE_LANG].s, &lang) != 0)
		return 0;
	struct section_text *t = &a->sections[part];
	struct arena *ar = a->req->arena;
	t->text.text[lang] = arena_strndup(ar, c[SE_BODY].s, c[SE_BODY].len);
	t->text.stale_since[lang] = c[SE_STALE_SINCE].null ? 0 : c[SE_STALE_SINCE].i;
	t->version[lang] = c[SE_VERSION].i;
	t->updated[lang] = c[SE_UPDATED_AT].null ? NULL : view_datetime(ar, a->req->lang, c[SE_UPDATED_AT].s);
	return 0;
}

struct section_view {
	enum msg_id title, hint;
};

static const struct section_view section_views[PART__MAX] = {
	[PART_JOINT] = { M_AREA_JOINT, M_AREA_JOINT_HINT },
	[PART_EU] = { M_AREA_EU, M_AREA_EU_HINT },
	[PART_KR] = { M_AREA_KR, M_AREA_KR_HINT },
};

/* Own side's section: edit (in either language); joint section: co-chairs propose a change. */
static bool may_change(const struct request *req, enum part part)
{
	if (part == PART_JOINT)
		return authz_route(req->who, ACT_PROPOSE_JOINT);
	return authz_may(req->who, ACT_EDIT_SECTION, (enum side)part_side(part));
}

static int render_section(struct area *a, enum part part)
{
	struct request *req = a->req;
	const struct section_text *t = &a->sections[part];
	tmpl_dict *s = tmpl_section(a->pg->body, T_SECTION);
	tmpl_set(s, T_SECTION_SIDE, part_code(part));
	tmpl_set(s, T_SECTION_TITLE, msg(req->lang, section_views[part].title));
	tmpl_set(s, T_SECTION_HINT, msg(req->lang, section_views[part].hint));
	if (may_change(req, part)) {
		static const enum msg_id edit[LANG__MAX] = { M_EDIT_LINK_EDIT_EN, M_EDIT_LINK_EDIT_KO };
		static const enum msg_id propose[LANG__MAX] = { M_EDIT_LINK_PROPOSE_EN, M_EDIT_LINK_PROPOSE_KO };
		tmpl_dict *links = tmpl_section(s, T_EDIT_LINKS);
		for (int l = 0; l < LANG__MAX; l++) {
			tmpl_dict *link = tmpl_section(links, T_EDIT_LINK);
			tmpl_set(link, T_IN, lang_code((enum lang)l));
			tmpl_set(link, T_LABEL, msg(req->lang, part == PART_JOINT ? propose[l] : edit[l]));
		}
	}
	tmpl_dict *text = tmpl_section(s, T_SECTION_TEXT);
	const char *body = view_paired(text, T__MAX, req->lang, &t->text);
	if (!*body) {
		tmpl_show(s, T_SECTION_EMPTY);
		return 0;
	}
	if (view_markdown(text, T_SECTION_MARKDOWN, req->lang, body, strlen(body)) != 0)
		return -1;
	enum lang shown = *t->text.text[req->lang] ? req->lang : (req->lang == LANG_EN ? LANG_KO : LANG_EN);
	if (t->updated[shown])
		tmpl_set(tmpl_section(text, T_SECTION_UPDATED), T_UPDATED_AT, t->updated[shown]);
	/* Whoever may edit the stale text may also confirm that it still says the same. */
	if (shown == req->lang && t->text.stale_since[shown] && part != PART_JOINT && may_change(req, part))
		tmpl_set(tmpl_section(text, T_CONFIRM), T_IN, lang_code(shown));
	return 0;
}

static int commitment_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	tmpl_dict *row = tmpl_section(a->pg->body, T_COMMITMENT);
	struct commitment_view v = commitment_view_of(a->id, c);
	view_commitment(tmpl_include(row, T_COMMITMENT_CARD, a->card_file), a->pg->lang, &v);
	a->commitments++;
	return 0;
}

/* The columns of ST_PROPOSALS_PENDING_BY_AREA: a proposal list item's (pages/labels.h), then the language. */
static int pending_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	if (!a->pending)
		a->pending = tmpl_section(a->pg->body, T_PENDING);
	proposal_list_item(tmpl_section(a->pending, T_PROPOSAL), a->req, a->id, LANG_EN, c);
	return 0;
}

static void notices(struct page *pg, const struct request *req)
{
	static const struct { const char *done; enum msg_id text; } done[] = {
		{ "saved", M_EDIT_SAVED }, { "unchanged", M_EDIT_UNCHANGED }, { "confirmed", M_LANG_CONFIRMED },
	};
	const char *d = http_query(req, "done");
	for (size_t i = 0; d && i < sizeof(done) / sizeof(done[0]); i++)
		if (strcmp(d, done[i].done) == 0)
			page_message(pg, T_NOTICE, msg(req->lang, done[i].text));
}

int page_area(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *slug = req->args[0];
	size_t n = strlen(slug);
	if (n == 0 || n > 40 || strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return 404;
	struct page pg;
	if (page_begin(&pg, req, "area", "", NAV_NONE))
		return 500;
	struct area a = { .pg = &pg, .req = req };
	snprintf(a.card_file, sizeof(a.card_file), "%s/commitment.tpl", lang_code(req->lang));
	enum err r = DB_RUN(&ctx->db, ST_AREA_BY_SLUG, area_row, &a, DB_STR(slug));
	if (r == E_OK && a.found)
		r = DB_RUN(&ctx->db, ST_SECTIONS_BY_AREA, section_row, &a, DB_INT(a.id));
	if (r == E_OK && a.found)
		r = DB_RUN(&ctx->db, ST_COMMITMENTS_BY_AREA, commitment_row, &a, DB_INT(a.id));
	if (r == E_OK && a.found)
		r = DB_RUN(&ctx->db, ST_PROPOSALS_PENDING_BY_AREA, pending_row, &a, DB_INT(a.id));
	int status = r != E_OK ? http_status(r) : !a.found ? 404 : 200;
	for (int p = 0; status == 200 && p < PART__MAX; p++)
		if (render_section(&a, (enum part)p) != 0)
			status = 500;
	if (status != 200) {
		page_discard(&pg);
		return status;
	}
	if (a.commitments == 0)
		tmpl_show(pg.body, T_NO_COMMITMENTS);
	if (authz_route(req->who, ACT_PROPOSE_JOINT))
		tmpl_show(pg.body, T_NEW_COMMITMENT);
	notices(&pg, req);
	return page_end(&pg, rep, 200);
}
