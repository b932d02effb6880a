/* GET /areas/{slug} — one area: its joint, EU and Korean sections and its commitments. */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "edit.h"
#include "pages.h"
#include "render.h"
#include "view.h"

struct area {
	struct page *pg;
	struct request *req;
	long long id;
	bool found;
	char card_file[32];
	long long commitments;
	tmpl_dict *pending;
	bool failed;
};

/* Slugs are short lowercase words joined by '-': anything else cannot be an area. */
static bool slug_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* id, slug, title */
static int area_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	a->found = true;
	a->id = c[0].i;
	tmpl_set_int(a->pg->body, T_AREA_NUMBER, c[0].i);
	tmpl_setn(a->pg->body, T_AREA_SLUG, c[1].s, c[1].len);
	tmpl_setn(a->pg->body, T_AREA_TITLE, c[2].s, c[2].len);
	tmpl_setn(a->pg->root, T_TITLE, c[2].s, c[2].len);
	return 0;
}

struct section_view {
	const char *side;
	enum msg_id title, hint;
};

static const struct section_view section_views[] = {
	{ "joint", M_AREA_JOINT, M_AREA_JOINT_HINT },
	{ "eu", M_AREA_EU, M_AREA_EU_HINT },
	{ "kr", M_AREA_KR, M_AREA_KR_HINT },
};

static const struct section_view *find_section_view(const char *side)
{
	for (size_t i = 0; i < sizeof(section_views) / sizeof(section_views[0]); i++)
		if (strcmp(side, section_views[i].side) == 0)
			return &section_views[i];
	return &section_views[0];
}

/* side, body, version, updated at */
static int section_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	const struct section_view *v = find_section_view(c[0].s);
	tmpl_dict *s = tmpl_section(a->pg->body, T_SECTION);
	tmpl_set(s, T_SECTION_SIDE, v->side);
	tmpl_set(s, T_SECTION_TITLE, msg(a->pg->lang, v->title));
	tmpl_set(s, T_SECTION_HINT, msg(a->pg->lang, v->hint));
	/* Own side's section: edit; joint section: co-chairs propose a change. */
	enum part part;
	if (part_parse(v->side, &part) == 0) {
		bool joint = part == PART_JOINT;
		bool allowed = joint ? authz_route(a->req->who, ACT_PROPOSE_JOINT)
		                     : authz_may(a->req->who, ACT_EDIT_SECTION, (enum side)part_side(part));
		if (allowed)
			tmpl_set(tmpl_section(s, T_EDIT_LINK), T_LABEL,
			         msg(a->pg->lang, joint ? M_EDIT_LINK_PROPOSE : M_EDIT_LINK_EDIT));
	}
	if (c[1].len == 0) {
		tmpl_show(s, T_SECTION_EMPTY);
		return 0;
	}
	tmpl_dict *text = tmpl_section(s, T_SECTION_TEXT);
	if (view_markdown(text, T_SECTION_MARKDOWN, a->pg->lang, c[1].s, c[1].len) != 0) {
		a->failed = true;
		return 1;
	}
	if (!c[3].null)
		tmpl_setn(tmpl_section(text, T_SECTION_UPDATED), T_UPDATED_AT, c[3].s, c[3].len);
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

/* id, commitment id, commitment number, kind, summary, proposer, side, proposed at */
static int pending_row(void *ud, const struct db_col *c, unsigned n)
{
	struct area *a = ud;
	(void)n;
	if (!a->pending)
		a->pending = tmpl_section(a->pg->body, T_PENDING);
	tmpl_dict *d = tmpl_section(a->pending, T_PROPOSAL);
	struct part_ref ref = { a->id, c[1].i, PART_JOINT };
	tmpl_set_int(d, T_PROPOSAL_ID, c[0].i);
	tmpl_set(d, T_WHAT, strcmp(c[3].s, "new_commitment") == 0 ? msg(a->pg->lang, M_PROPOSAL_NEW_COMMITMENT)
	                                                          : part_label(a->req, &ref, c[2].i));
	tmpl_setn(d, T_SUMMARY, c[4].s, c[4].len);
	tmpl_setn(d, T_PROPOSER, c[5].s, c[5].len);
	tmpl_setn(d, T_SIDE, c[6].s, c[6].len);
	tmpl_setn(d, T_AT, c[7].s, c[7].len);
	return 0;
}

int page_area(struct ctx *ctx, struct request *req, struct reply *rep)
{
	const char *slug = req->args[0];
	if (!slug_valid(slug))
		return 404;
	struct page pg;
	if (page_begin(&pg, req, "area", "", NAV_NONE))
		return 500;
	struct area a = { .pg = &pg, .req = req };
	snprintf(a.card_file, sizeof(a.card_file), "%s/commitment.tpl", lang_code(req->lang));
	enum db_result r = DB_RUN(&ctx->db, ST_AREA_BY_SLUG, area_row, &a, DB_STR(slug));
	if (r == DB_OK && a.found)
		r = DB_RUN(&ctx->db, ST_SECTIONS_BY_AREA, section_row, &a, DB_INT(a.id));
	if (r == DB_OK && a.found && !a.failed)
		r = DB_RUN(&ctx->db, ST_COMMITMENTS_BY_AREA, commitment_row, &a, DB_INT(a.id));
	if (r == DB_OK && a.found)
		r = DB_RUN(&ctx->db, ST_PROPOSALS_PENDING_BY_AREA, pending_row, &a, DB_INT(a.id));
	if (a.commitments == 0)
		tmpl_show(pg.body, T_NO_COMMITMENTS);
	if (authz_route(req->who, ACT_PROPOSE_JOINT))
		tmpl_show(pg.body, T_NEW_COMMITMENT);
	const char *done = http_query(req, "done");
	if (done && strcmp(done, "saved") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_EDIT_SAVED));
	else if (done && strcmp(done, "unchanged") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_EDIT_UNCHANGED));
	int status = r != DB_OK ? db_status(r) : !a.found ? 404 : a.failed ? 500 : 200;
	if (status != 200) {
		page_discard(&pg);
		return status;
	}
	return page_end(&pg, rep, 200);
}
