/*
 * History of an area and its commitments:
 *   GET  /areas/{slug}/history?page=N     every revision, newest first, and the proposals
 *   GET  /revisions/{seq}                 one revision, its changes, and restore
 *   GET  /areas/{slug}/compare?from=&to=  a line diff of two revisions of the same part
 *   POST /revisions/{seq}/restore         a new revision with an old one's content
 *                                         (for joint content: a proposal)
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

#define PAGE_SIZE 100
/* ?page= is capped (http_parse_page), so the offset (page - 1) * PAGE_SIZE cannot overflow. */
_Static_assert((long long)HTTP_PAGE_MAX * PAGE_SIZE < (1LL << 40), "page offsets fit");

static enum msg_id origin_label(const char *origin)
{
	if (strcmp(origin, "original") == 0)
		return M_HISTORY_ORIGIN_ORIGINAL;
	if (strcmp(origin, "proposal") == 0)
		return M_HISTORY_ORIGIN_PROPOSAL;
	if (strcmp(origin, "restore") == 0)
		return M_HISTORY_ORIGIN_RESTORE;
	return M_HISTORY_ORIGIN_EDIT;
}

struct history {
	struct request *req;
	tmpl_dict *body;
	long long area_id;
	long long rows;
};

/* The columns of ST_REVISIONS_OF_AREA. */
enum revision_col {
	RV_SEQ, RV_COMMITMENT_ID, RV_NUMBER, RV_PART, RV_LANG, RV_VERSION, RV_SUMMARY, RV_AUTHOR, RV_SIDE, RV_AT,
	RV_ORIGIN, RV_REF,
};

static int revision_row(void *ud, const struct db_col *c, unsigned n)
{
	struct history *h = ud;
	(void)n;
	enum part part = PART_JOINT;
	enum lang lang = LANG_EN;
	part_parse(c[RV_PART].s, &part);
	lang_parse(c[RV_LANG].s, &lang);
	struct part_ref ref = { h->area_id, c[RV_COMMITMENT_ID].i, part, lang };
	tmpl_dict *d = tmpl_section(h->body, T_REVISION);
	tmpl_set_int(d, T_SEQ, c[RV_SEQ].i);
	tmpl_set(d, T_WHAT, part_label(h->req, &ref, c[RV_NUMBER].i));
	tmpl_set_int(d, T_VERSION, c[RV_VERSION].i);
	tmpl_setn(d, T_SUMMARY, c[RV_SUMMARY].s, c[RV_SUMMARY].len);
	if (!c[RV_AUTHOR].null)
		tmpl_setn(d, T_NAME, c[RV_AUTHOR].s, c[RV_AUTHOR].len);
	tmpl_setn(d, T_SIDE, c[RV_SIDE].s, c[RV_SIDE].len);
	tmpl_set(d, T_AT, view_datetime(h->req->arena, h->req->lang, c[RV_AT].s));
	tmpl_set(d, T_ORIGIN, msg(h->req->lang, origin_label(c[RV_ORIGIN].s)));
	if (!c[RV_REF].null)
		tmpl_set_int(tmpl_section(d, strcmp(c[RV_ORIGIN].s, "proposal") == 0 ? T_FROM_PROPOSAL : T_FROM_REVISION),
		             T_REF, c[RV_REF].i);
	h->rows++;
	return 0;
}

/* The columns of ST_PROPOSALS_OF_AREA: a proposal list item's (pages/labels.h), then these. */
enum history_proposal_col {
	HP_STATE = PL__COUNT, HP_DECIDER, HP_DECIDED_AT, HP_LANG,
};

static int proposal_row(void *ud, const struct db_col *c, unsigned n)
{
	struct history *h = ud;
	(void)n;
	enum lang lang = LANG_EN;
	lang_parse(c[HP_LANG].s, &lang);
	tmpl_dict *d = tmpl_section(h->body, T_PROPOSAL);
	proposal_list_item(d, h->req, h->area_id, lang, c);
	enum proposal_state state = proposal_state_of(c[HP_STATE].s);
	if (state < PROPOSAL_STATE__MAX) {
		tmpl_set(d, T_STATE, msg(h->req->lang, proposal_state_vocab[state].label));
		tmpl_set(d, T_STATE_CLASS, proposal_state_vocab[state].css);
	}
	if (!c[HP_DECIDER].null) {
		tmpl_dict *dd = tmpl_section(d, T_DECIDED);
		tmpl_setn(dd, T_DECIDER, c[HP_DECIDER].s, c[HP_DECIDER].len);
		tmpl_set(dd, T_DECIDED_AT, view_datetime(h->req->arena, h->req->lang, c[HP_DECIDED_AT].s));
	}
	return 0;
}

int page_history(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	if (st)
		return st;
	long long number = http_parse_page(http_query(req, "page"));
	if (number < 1)
		return 400;
	struct page pg;
	const char *title = arena_printf(req->arena, "%s — %s", msg(req->lang, M_HISTORY_TITLE), area.title);
	if (page_begin(&pg, req, "history", title ? title : "", NAV_NONE))
		return 500;
	tmpl_set(pg.body, T_AREA_SLUG, area.slug);
	tmpl_set(pg.body, T_AREA_TITLE, area.title);
	struct history h = { req, pg.body, area.id, 0 };
	enum err r = DB_RUN(&ctx->db, ST_REVISIONS_OF_AREA, revision_row, &h, DB_INT(area.id), DB_INT(PAGE_SIZE + 1),
	                          DB_INT((number - 1) * PAGE_SIZE));
	if (r == E_OK && number == 1)
		r = DB_RUN(&ctx->db, ST_PROPOSALS_OF_AREA, proposal_row, &h, DB_INT(area.id));
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	if (h.rows == 0)
		tmpl_show(pg.body, T_NO_REVISIONS);
	if (number > 1)
		tmpl_set_int(tmpl_section(pg.body, T_NEWER), T_PAGE, number - 1);
	if (h.rows > PAGE_SIZE)
		tmpl_set_int(tmpl_section(pg.body, T_OLDER), T_PAGE, number + 1);
	return page_end(&pg, rep, 200);
}

/* ---- one revision ---- */

struct revision {
	long long seq, area_id, commitment_id, version, ref, number, current_version;
	enum part part;
	enum lang lang, reader;
	const char *content, *summary, *author, *side, *at, *origin, *area_slug, *area_title;
	bool found;
	struct arena *a;
};

/* The columns of ST_REVISION_BY_SEQ. */
enum revision_by_seq_col {
	RS_SEQ, RS_AREA_ID, RS_COMMITMENT_ID, RS_PART, RS_LANG, RS_VERSION, RS_CONTENT, RS_SUMMARY, RS_AUTHOR, RS_SIDE,
	RS_AT, RS_ORIGIN, RS_REF, RS_AREA_SLUG, RS_AREA_TITLE, RS_AREA_TITLE_KO, RS_NUMBER, RS_CURRENT_VERSION,
};

static int one_row(void *ud, const struct db_col *c, unsigned n)
{
	struct revision *v = ud;
	(void)n;
	v->found = part_parse(c[RS_PART].s, &v->part) == 0 && lang_parse(c[RS_LANG].s, &v->lang) == 0;
	v->seq = c[RS_SEQ].i;
	v->area_id = c[RS_AREA_ID].i;
	v->commitment_id = c[RS_COMMITMENT_ID].i;
	v->version = c[RS_VERSION].i;
	v->content = db_col_dup(v->a, &c[RS_CONTENT]);
	v->summary = db_col_dup(v->a, &c[RS_SUMMARY]);
	v->author = db_col_dup(v->a, &c[RS_AUTHOR]);
	v->side = db_col_dup(v->a, &c[RS_SIDE]);
	v->at = c[RS_AT].null ? NULL : view_datetime(v->a, v->reader, c[RS_AT].s);
	v->origin = db_col_dup(v->a, &c[RS_ORIGIN]);
	v->ref = c[RS_REF].i;
	v->area_slug = db_col_dup(v->a, &c[RS_AREA_SLUG]);
	v->area_title = db_col_dup(v->a, v->reader == LANG_KO && c[RS_AREA_TITLE_KO].len ? &c[RS_AREA_TITLE_KO] : &c[RS_AREA_TITLE]);
	v->number = c[RS_NUMBER].i;
	v->current_version = c[RS_CURRENT_VERSION].i;
	return 0;
}

static int revision_load(struct ctx *ctx, struct request *req, long long seq, struct revision *v)
{
	memset(v, 0, sizeof(*v));
	v->a = req->arena;
	v->reader = req->lang;
	if (seq <= 0)
		return 404;
	enum err r = DB_RUN(&ctx->db, ST_REVISION_BY_SEQ, one_row, v, DB_INT(seq));
	if (r != E_OK)
		return http_status(r);
	return v->found && v->content && v->area_slug ? 0 : 404;
}

static struct part_ref ref_of(const struct revision *v)
{
	return (struct part_ref){ v->area_id, v->commitment_id, v->part, v->lang };
}

/* May this account restore a revision of this part (directly, or by proposal for joint parts)? */
static bool may_restore(const struct request *req, const struct revision *v)
{
	if (v->part == PART_JOINT)
		return authz_route(req->who, ACT_PROPOSE_JOINT);
	enum action a = v->commitment_id ? ACT_EDIT_NOTE : ACT_EDIT_SECTION;
	return authz_may(req->who, a, (enum side)part_side(v->part));
}

struct versions {
	tmpl_dict *d;
	long long seq;
	struct arena *a;
	enum lang lang;
};

/* The columns of ST_REVISIONS_OF_PART. */
enum version_col {
	VC_SEQ, VC_VERSION, VC_AT,
};

static int version_row(void *ud, const struct db_col *c, unsigned n)
{
	struct versions *vs = ud;
	(void)n;
	if (c[VC_SEQ].i == vs->seq)
		return 0;
	tmpl_dict *o = tmpl_section(vs->d, T_VERSION_OPTION);
	tmpl_set_int(o, T_SEQ, c[VC_SEQ].i);
	tmpl_set_int(o, T_VERSION, c[VC_VERSION].i);
	tmpl_set(o, T_AT, view_datetime(vs->a, vs->lang, c[VC_AT].s));
	return 0;
}

int page_revision(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct revision v;
	int st = revision_load(ctx, req, http_parse_id(req->args[0]), &v);
	if (st)
		return st;
	struct part_ref ref = ref_of(&v);
	enum err db = E_OK;
	char *previous = v.version > 1 ? content_at(ctx, req->arena, &ref, v.version - 1, &db) : NULL;
	if (db != E_OK)
		return http_status(db);
	struct page pg;
	const char *what = part_label(req, &ref, v.number);
	const char *title = arena_printf(req->arena, "%s — %s %lld", what, msg(req->lang, M_HISTORY_VERSION), v.version);
	if (page_begin(&pg, req, "revision", title ? title : "", NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	tmpl_set_int(b, T_SEQ, v.seq);
	tmpl_set(b, T_WHAT, what);
	tmpl_set_int(b, T_VERSION, v.version);
	tmpl_set_int(b, T_CURRENT_VERSION, v.current_version);
	tmpl_set(b, T_AREA_SLUG, v.area_slug);
	tmpl_set(b, T_AREA_TITLE, v.area_title);
	tmpl_set(b, T_SUMMARY, v.summary ? v.summary : "");
	tmpl_set(b, T_NAME, v.author ? v.author : "");
	tmpl_set(b, T_SIDE, v.side ? v.side : "");
	tmpl_set(b, T_AT, v.at ? v.at : "");
	tmpl_set(b, T_ORIGIN, msg(req->lang, origin_label(v.origin)));
	if (v.commitment_id)
		tmpl_set_int(tmpl_section(b, T_COMMITMENT_LINK), T_COMMITMENT_ID, v.commitment_id);
	if (v.commitment_id == 0)
		view_markdown(tmpl_section(b, T_RENDERED), T_RENDERED_MARKDOWN, req->lang, v.content, strlen(v.content));
	tmpl_set(b, T_SOURCE, v.content);
	tmpl_set(b, T_IN, lang_code(v.lang));
	if (previous)
		view_diff(b, T_CHANGES, req->lang, msg(req->lang, M_HISTORY_CHANGES_CAPTION), previous, v.content);
	else
		tmpl_show(b, T_FIRST_VERSION);
	struct versions vs = { tmpl_section(b, T_COMPARE), v.seq, req->arena, req->lang };
	db = DB_RUN(&ctx->db, ST_REVISIONS_OF_PART, version_row, &vs, DB_INT(v.area_id), DB_INT(v.commitment_id),
	            DB_STR(part_code(v.part)), DB_STR(lang_code(v.lang)));
	if (db != E_OK) {
		page_discard(&pg);
		return http_status(db);
	}
	if (v.version == v.current_version)
		tmpl_show(b, T_IS_CURRENT);
	else if (may_restore(req, &v)) {
		tmpl_dict *r = tmpl_section(b, v.part == PART_JOINT ? T_RESTORE_PROPOSE : T_RESTORE);
		tmpl_set(r, T_FORM_TOKEN, form_token_new(req));
	}
	return page_end(&pg, rep, 200);
}

int page_compare(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	if (st)
		return st;
	long long from = http_parse_id(http_query(req, "from")), to = http_parse_id(http_query(req, "to"));
	if (!from || !to)
		return 400;
	struct revision a, b;
	if ((st = revision_load(ctx, req, from, &a)) || (st = revision_load(ctx, req, to, &b)))
		return st;
	/* Only two versions of the same part of this area can be compared. */
	if (a.area_id != area.id || b.area_id != area.id || a.commitment_id != b.commitment_id || a.part != b.part ||
	    a.lang != b.lang)
		return 400;
	struct page pg;
	struct part_ref ref = ref_of(&a);
	const char *what = part_label(req, &ref, a.number);
	const char *title = arena_printf(req->arena, "%s — %s", msg(req->lang, M_HISTORY_COMPARE_TITLE), what);
	if (page_begin(&pg, req, "compare", title ? title : "", NAV_NONE))
		return 500;
	tmpl_set(pg.body, T_WHAT, what);
	tmpl_set(pg.body, T_AREA_SLUG, area.slug);
	tmpl_set(pg.body, T_AREA_TITLE, area.title);
	tmpl_set_int(pg.body, T_FROM_VERSION, a.version);
	tmpl_set_int(pg.body, T_TO_VERSION, b.version);
	view_diff(pg.body, T_CHANGES, req->lang, title ? title : "", a.content, b.content);
	return page_end(&pg, rep, 200);
}

int page_restore(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct revision v;
	int st = revision_load(ctx, req, http_parse_id(req->args[0]), &v);
	if (st)
		return st;
	if (!may_restore(req, &v))
		return 403;
	long long base = form_number(req, "base_version");
	const char *token = form_token_of(req);
	if (base < 1 || !token)
		return 400;
	struct part_ref ref = ref_of(&v);
	const char *summary = arena_printf(req->arena, "%s %lld", msg(req->lang, M_HISTORY_RESTORE_SUMMARY), v.version);
	if (!summary)
		return 500;
	if (v.part == PART_JOINT) {
		struct proposal_new p = { ref, v.commitment_id ? PROPOSAL_COMMITMENT : PROPOSAL_SECTION, base, v.content, summary, token };
		return proposal_submit(ctx, req, rep, &p);
	}
	const char *back = v.commitment_id ? arena_printf(req->arena, "/commitments/%lld?done=saved", v.commitment_id)
	                                   : arena_printf(req->arena, "/areas/%s?done=saved#section-%s", v.area_slug,
	                                                  part_code(v.part));
	struct change c = { .ref = ref, .base_version = base, .content = v.content, .form_token = token,
	                    .location = back, .origin = ORIGIN_RESTORE, .origin_ref = v.seq, .summary = summary };
	change_by(&c, req, "revision_restored");
	enum err r = content_save(ctx, req->arena, &c);
	return save_answer(rep, r, &c, back, back);
}
