/*
 * One commitment and the changes each side may make to it:
 *   GET  /commitments/{id}            the commitment, pending proposals, the forms one may use
 *   POST /commitments/{id}/note       own side's progress note (editors, co-chairs)
 *   POST /commitments/{id}/progress   status (planned / in progress) and % of a commitment
 *                                     one's own side leads (editors, co-chairs)
 *   POST /commitments/{id}/propose    a change to the joint fields (co-chairs): a proposal
 *   POST /commitments/{id}/confirm    a note (own side) in one language still matches the
 *                                     other: clears its flag. The agreed text is brought up to
 *                                     date by a proposal, as a joint section is: refused here.
 * Notes are held in English and Korean, each with its own version.
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

struct commitment {
	long long id, area_id, number, progress, version;
	enum lead lead;
	enum status status;
	struct commitment_view view;         /* texts and notes in both languages, flags */
	const char *text, *text_ko, *target, *target_ko;
	long long note_version[SIDE__MAX][LANG__MAX];
	const char *area_slug, *area_title, *updated_at, *updated_by, *updated_side;
	bool found;
	struct arena *a;
	enum lang lang;
};

/* The columns of ST_COMMITMENT_BY_ID. */
enum commitment_by_id_col {
	CB_AREA_ID, CB_NUMBER, CB_TEXT, CB_TEXT_KO, CB_LEAD, CB_STATUS, CB_PROGRESS, CB_TARGET, CB_TARGET_KO,
	CB_TEXT_STALE, CB_TEXT_STALE_SINCE, CB_VERSION, CB_AREA_SLUG, CB_AREA_TITLE, CB_AREA_TITLE_KO,
	CB_UPDATED_AT, CB_UPDATED_BY, CB_UPDATED_SIDE,
};

static int commitment_row(void *ud, const struct db_col *c, unsigned n)
{
	struct commitment *m = ud;
	(void)n;
	m->found = true;
	m->area_id = c[CB_AREA_ID].i;
	m->number = c[CB_NUMBER].i;
	m->text = db_col_dup(m->a, &c[CB_TEXT]);
	m->text_ko = db_col_dup(m->a, &c[CB_TEXT_KO]);
	m->lead = lead_of(c[CB_LEAD].s);
	m->status = status_of(c[CB_STATUS].s);
	m->progress = c[CB_PROGRESS].i;
	m->target = db_col_dup(m->a, &c[CB_TARGET]);
	m->target_ko = db_col_dup(m->a, &c[CB_TARGET_KO]);
	m->version = c[CB_VERSION].i;
	m->area_slug = db_col_dup(m->a, &c[CB_AREA_SLUG]);
	m->area_title = db_col_dup(m->a, m->lang == LANG_KO && c[CB_AREA_TITLE_KO].len ? &c[CB_AREA_TITLE_KO]
	                                                                              : &c[CB_AREA_TITLE]);
	m->updated_at = c[CB_UPDATED_AT].null ? NULL : view_datetime(m->a, m->lang, c[CB_UPDATED_AT].s);
	m->updated_by = db_col_dup(m->a, &c[CB_UPDATED_BY]);
	m->updated_side = db_col_dup(m->a, &c[CB_UPDATED_SIDE]);
	struct commitment_view *v = &m->view;
	v->id = m->id;
	v->area_no = m->area_id;
	v->number = m->number;
	v->progress = m->progress;
	v->lead = m->lead;
	v->status = m->status;
	v->text = (struct paired_text){ { m->text, m->text_ko }, { 0, 0 } };
	v->target = (struct paired_text){ { m->target, m->target_ko }, { 0, 0 } };
	enum lang behind;
	if (!c[CB_TEXT_STALE].null && lang_parse(c[CB_TEXT_STALE].s, &behind) == 0)
		v->text.stale_since[behind] = c[CB_TEXT_STALE_SINCE].i;
	return 0;
}

/* The columns of ST_NOTES_OF_COMMITMENT. */
enum note_col {
	NC_SIDE, NC_LANG, NC_BODY, NC_VERSION, NC_STALE_SINCE,
};

static int note_row(void *ud, const struct db_col *c, unsigned n)
{
	struct commitment *m = ud;
	(void)n;
	enum part part;
	enum lang lang;
	if (part_parse(c[NC_SIDE].s, &part) != 0 || part == PART_JOINT || lang_parse(c[NC_LANG].s, &lang) != 0)
		return 0;
	int side = part_side(part);
	m->view.note[side].text[lang] = db_col_dup(m->a, &c[NC_BODY]);
	m->view.note[side].stale_since[lang] = c[NC_STALE_SINCE].null ? 0 : c[NC_STALE_SINCE].i;
	m->note_version[side][lang] = c[NC_VERSION].i;
	return 0;
}

static int load(struct ctx *ctx, struct request *req, struct commitment *m)
{
	memset(m, 0, sizeof(*m));
	m->a = req->arena;
	m->lang = req->lang;
	m->id = http_parse_id(req->args[0]);
	if (!m->id)
		return 404;
	for (int s = 0; s < SIDE__MAX; s++)
		m->view.note[s] = (struct paired_text){ { "", "" }, { 0, 0 } };
	enum err r = DB_RUN(&ctx->db, ST_COMMITMENT_BY_ID, commitment_row, m, DB_INT(m->id));
	if (r == E_OK && m->found)
		r = DB_RUN(&ctx->db, ST_NOTES_OF_COMMITMENT, note_row, m, DB_INT(m->id));
	if (r != E_OK)
		return http_status(r);
	return m->found && m->text && m->area_slug ? 0 : 404;
}

/* A lead side's editors set progress on their own; a joint-led commitment's changes by proposal. */
static bool may_set_progress(const struct account *who, enum lead lead)
{
	int side = lead_side(lead);
	return side >= 0 && authz_may(who, ACT_SET_PROGRESS, (enum side)side);
}

static struct commitment_fields fields_of(const struct commitment *m)
{
	return (struct commitment_fields){ m->text, m->text_ko, m->lead, m->status, m->progress, m->target, m->target_ko };
}

/* What a failed save leaves for the page to show again in its form. */
struct form_state {
	enum part part;               /* which form: a note's part, or PART_JOINT for progress/proposal */
	enum lang in;                 /* a note's language */
	bool proposal;
	enum msg_id error;
	const char *text;             /* the user's note */
	const char *base_text, *current;   /* a conflict */
	long long base_version;
	const struct commitment_fields *proposed;
};


static void conflict(tmpl_dict *d, const struct request *req, const struct form_state *f, const char *yours)
{
	tmpl_dict *c = tmpl_section(d, T_CONFLICT);
	view_diff(c, T_CHANGES_MEANWHILE, req->lang, msg(req->lang, M_EDIT_CHANGES_MEANWHILE),
	          f->base_text ? f->base_text : "", f->current);
	view_diff(c, T_YOURS_VS_CURRENT, req->lang, msg(req->lang, M_EDIT_YOURS_VS_CURRENT), f->current, yours);
}

static void note_form(tmpl_dict *body, const struct request *req, const struct commitment *m, enum part part,
                      enum lang in, const struct form_state *f)
{
	static const enum msg_id languages[LANG__MAX] = { M_LANG_IN_EN, M_LANG_IN_KO };
	tmpl_dict *d = tmpl_section(body, T_NOTE_FORM);
	bool mine = f && !f->proposal && f->part == part && f->in == in;
	int side = part_side(part);
	const char *heading = arena_printf(req->arena, "%s (%s)",
	                                   msg(req->lang, part == PART_EU ? M_COMMITMENT_EU_NOTE : M_COMMITMENT_KR_NOTE),
	                                   msg(req->lang, languages[in]));
	tmpl_set(d, T_PART, part_code(part));
	tmpl_set(d, T_IN, lang_code(in));
	tmpl_set(d, T_HEADING, heading);
	tmpl_set(d, T_NOTE_TEXT, mine ? f->text : m->view.note[side].text[in]);
	tmpl_set_int(d, T_BASE_VERSION, mine ? f->base_version : m->note_version[side][in]);
	/* The note is flagged out of date: its writers may confirm it still holds. */
	if (!mine && m->view.note[side].stale_since[in])
		tmpl_show(d, T_CONFIRM);
	tmpl_set(d, T_FORM_TOKEN, form_token_new(req));
	if (mine && f->error != M__MAX)
		tmpl_set(tmpl_section(d, T_ERROR), T_TEXT, msg(req->lang, f->error));
	if (mine && f->current)
		conflict(d, req, f, f->text);
}

static void progress_form(tmpl_dict *body, const struct request *req, const struct commitment *m)
{
	tmpl_dict *d = tmpl_section(body, T_PROGRESS_FORM);
	view_options(d, T_STATUS_OPTION, status_vocab, STATUS_SIDE_SETTABLE, m->status, req->lang);
	tmpl_set_int(d, T_PROGRESS_VALUE, m->progress);
	tmpl_set_int(d, T_BASE_VERSION, m->version);
	tmpl_set(d, T_FORM_TOKEN, form_token_new(req));
}

static void propose_form(tmpl_dict *body, const struct request *req, const struct commitment *m,
                         const struct form_state *f)
{
	tmpl_dict *d = tmpl_section(body, T_PROPOSE_FORM);
	struct commitment_fields now = fields_of(m);
	const struct commitment_fields *v = f && f->proposal && f->proposed ? f->proposed : &now;
	tmpl_set(d, T_FIELD_TEXT, v->text);
	tmpl_set(d, T_FIELD_TEXT_KO, v->text_ko);
	tmpl_set(d, T_FIELD_TARGET, v->target);
	tmpl_set(d, T_FIELD_TARGET_KO, v->target_ko);
	tmpl_set_int(d, T_PROGRESS_VALUE, v->progress);
	view_options(d, T_STATUS_OPTION, status_vocab, STATUS__MAX, v->status, req->lang);
	view_options(d, T_LEAD_OPTION, lead_vocab, LEAD__MAX, v->lead, req->lang);
	tmpl_set_int(d, T_BASE_VERSION, m->version);
	tmpl_set(d, T_FORM_TOKEN, form_token_new(req));
	if (f && f->proposal && f->error != M__MAX)
		tmpl_set(tmpl_section(d, T_ERROR), T_TEXT, msg(req->lang, f->error));
}

struct pending {
	const struct request *req;
	tmpl_dict *body;
	long long commitment_id;
};

/* The columns of ST_PROPOSALS_PENDING_BY_AREA: a proposal list item's (pages/labels.h), then the language. */
static int pending_row(void *ud, const struct db_col *c, unsigned n)
{
	struct pending *p = ud;
	(void)n;
	if (c[PL_COMMITMENT_ID].i != p->commitment_id)
		return 0;
	tmpl_dict *d = tmpl_section(p->body, T_PROPOSAL);
	tmpl_set_int(d, T_PROPOSAL_ID, c[PL_ID].i);
	tmpl_setn(d, T_SUMMARY, c[PL_SUMMARY].s, c[PL_SUMMARY].len);
	tmpl_setn(d, T_PROPOSER, c[PL_PROPOSER].s, c[PL_PROPOSER].len);
	tmpl_setn(d, T_SIDE, c[PL_SIDE].s, c[PL_SIDE].len);
	tmpl_set(d, T_AT, view_datetime(p->req->arena, p->req->lang, c[PL_AT].s));
	return 0;
}

static int commitment_page(struct ctx *ctx, struct request *req, struct reply *rep, int status,
                           const struct commitment *m, const struct form_state *f)
{
	struct page pg;
	const char *title = arena_printf(req->arena, "%s %lld.%lld", msg(req->lang, M_PART_COMMITMENT), m->area_id, m->number);
	if (page_begin(&pg, req, "commitment_page", title ? title : "", NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	char card[32];
	snprintf(card, sizeof(card), "%s/commitment.tpl", lang_code(req->lang));
	view_commitment(tmpl_include(b, T_COMMITMENT_CARD, card), req->lang, &m->view);
	view_commitment(b, req->lang, &m->view);
	tmpl_set(b, T_AREA_SLUG, m->area_slug);
	tmpl_set(b, T_AREA_TITLE, m->area_title);
	if (m->updated_at) {
		tmpl_dict *u = tmpl_section(b, T_LAST_CHANGE);
		tmpl_set(u, T_AT, m->updated_at);
		tmpl_set(u, T_NAME, m->updated_by ? m->updated_by : "");
		tmpl_set(u, T_SIDE, m->updated_side ? m->updated_side : "");
	}
	struct pending p = { req, b, m->id };
	enum err r = DB_RUN(&ctx->db, ST_PROPOSALS_PENDING_BY_AREA, pending_row, &p, DB_INT(m->area_id));
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	for (enum part part = PART_EU; part <= PART_KR; part++)
		if (authz_may(req->who, ACT_EDIT_NOTE, (enum side)part_side(part)))
			for (int in = 0; in < LANG__MAX; in++)
				note_form(b, req, m, part, (enum lang)in, f);
	if (may_set_progress(req->who, m->lead))
		progress_form(b, req, m);
	if (authz_route(req->who, ACT_PROPOSE_JOINT))
		propose_form(b, req, m, f);
	const char *done = http_query(req, "done");
	if (done && strcmp(done, "saved") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_EDIT_SAVED));
	else if (done && strcmp(done, "unchanged") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_EDIT_UNCHANGED));
	else if (done && strcmp(done, "confirmed") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_LANG_CONFIRMED));
	return page_end(&pg, rep, status);
}

int page_commitment(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct commitment m;
	int st = load(ctx, req, &m);
	return st ? st : commitment_page(ctx, req, rep, 200, &m, NULL);
}

/* After content_save: the redirect, or the page again with the form's state. */
static int after_save(struct ctx *ctx, struct request *req, struct reply *rep, const struct commitment *m,
                      struct change *c, enum err result, struct form_state *f)
{
	if (result == E_CONFLICT) {
		enum err db2;
		f->base_text = content_at(ctx, req->arena, &c->ref, c->base_version, &db2);
		if (db2 != E_OK)
			return http_status(db2);
		f->current = c->current;
		f->base_version = c->current_version;
		f->error = M_EDIT_CONFLICT;
		return commitment_page(ctx, req, rep, 409, m, f);
	}
	const char *unchanged = arena_printf(req->arena, "/commitments/%lld?done=unchanged", m->id);
	return save_answer(rep, result, c, c->location, unchanged);
}

int page_commitment_note(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct commitment m;
	int st = load(ctx, req, &m);
	if (st)
		return st;
	enum part part;
	enum lang in;
	if (part_parse(http_form(req, "part"), &part) != 0 || part == PART_JOINT)
		return 400;
	/* The part named in the form must be one's own: a forged field changes nothing. */
	if (!authz_may(req->who, ACT_EDIT_NOTE, (enum side)part_side(part)))
		return 403;
	if (content_lang(req, &in) != 0)
		return 400;
	const char *note = http_form(req, "note");
	const char *summary = form_line(req, "summary", SUMMARY_MAX_CHARS);
	long long base = form_number(req, "base_version");
	const char *token = form_token_of(req);
	if (!note || !summary || base < 1 || !token)
		return 400;
	struct form_state f = { .part = part, .in = in, .error = M__MAX, .text = note, .base_version = base };
	if (strlen(note) > NOTE_MAX_BYTES) {
		f.error = M_EDIT_NOTE_TOO_LONG;
		return commitment_page(ctx, req, rep, 413, &m, &f);
	}
	struct change c = { .ref = { m.area_id, m.id, part, in }, .base_version = base, .content = note, .summary = summary,
	                    .form_token = token, .origin = ORIGIN_EDIT,
	                    .location = arena_printf(req->arena, "/commitments/%lld?done=saved", m.id) };
	change_by(&c, req, "note_edited");
	enum err r = content_save(ctx, req->arena, &c);
	return after_save(ctx, req, rep, &m, &c, r, &f);
}

int page_commitment_progress(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct commitment m;
	int st = load(ctx, req, &m);
	if (st)
		return st;
	if (!may_set_progress(req->who, m.lead))
		return 403;  /* joint-led commitments, and the other side's, change by proposal only */
	enum status status = status_of(http_form(req, "status"));
	long long progress = form_number(req, "progress");
	long long base = form_number(req, "base_version");
	const char *token = form_token_of(req);
	if (status == STATUS__MAX || progress < 0 || progress > 100 || base < 1 || !token)
		return 400;
	/* Done and dropped are joint decisions: only a proposal can make them. */
	if (status >= STATUS_SIDE_SETTABLE)
		return 403;
	struct commitment_fields next = fields_of(&m);
	next.status = status;
	next.progress = progress;
	struct buf text;
	buf_init(&text);
	commitment_canonical(&next, &text);
	struct change c = { .ref = { m.area_id, m.id, PART_JOINT, LANG_EN }, .base_version = base,
	                    .content = arena_strndup(req->arena, text.data ? text.data : "", text.len), .summary = "",
	                    .form_token = token, .origin = ORIGIN_EDIT,
	                    .location = arena_printf(req->arena, "/commitments/%lld?done=saved", m.id) };
	buf_free(&text);
	if (!c.content)
		return 500;
	/* The fields other than status and % were read outside the transaction:
	 * they are current only if the version still is the form's. */
	if (m.version != base) {
		struct form_state f = { .part = PART_JOINT, .error = M_EDIT_CONFLICT_PROGRESS };
		return commitment_page(ctx, req, rep, 409, &m, &f);
	}
	change_by(&c, req, "progress_set");
	struct form_state f = { .part = PART_JOINT, .error = M__MAX };
	enum err r = content_save(ctx, req->arena, &c);
	if (r == E_CONFLICT) {
		f.error = M_EDIT_CONFLICT_PROGRESS;
		return commitment_page(ctx, req, rep, 409, &m, &f);
	}
	return after_save(ctx, req, rep, &m, &c, r, &f);
}

int page_commitment_propose(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct commitment m;
	int st = load(ctx, req, &m);
	if (st)
		return st;
	struct commitment_fields p = {
		.text = form_line(req, "text", COMMITMENT_TEXT_MAX), .text_ko = form_line(req, "text_ko", COMMITMENT_TEXT_MAX),
		.lead = lead_of(http_form(req, "lead")), .status = status_of(http_form(req, "status")), .progress = form_number(req, "progress"),
		.target = form_line(req, "target", TARGET_MAX_CHARS),
		.target_ko = form_line(req, "target_ko", TARGET_MAX_CHARS),
	};
	const char *summary = form_line(req, "summary", SUMMARY_MAX_CHARS);
	long long base = form_number(req, "base_version");
	const char *token = form_token_of(req);
	if (!summary || base < 1 || !token)
		return 400;
	struct form_state f = { .part = PART_JOINT, .proposal = true, .error = M__MAX, .proposed = &p };
	if (commitment_fields_check(&p) != 0) {
		commitment_fields_blank_missing(&p);
		f.error = M_PROPOSAL_BAD_FIELDS;
		return commitment_page(ctx, req, rep, 400, &m, &f);
	}
	struct buf proposed, now;
	buf_init(&proposed);
	buf_init(&now);
	struct commitment_fields current = fields_of(&m);
	commitment_canonical(&p, &proposed);
	commitment_canonical(&current, &now);
	bool same = proposed.len == now.len && memcmp(proposed.data, now.data, now.len) == 0;
	const char *content = arena_strndup(req->arena, proposed.data ? proposed.data : "", proposed.len);
	buf_free(&proposed);
	buf_free(&now);
	if (same) {
		f.error = M_PROPOSAL_NO_CHANGE;
		return commitment_page(ctx, req, rep, 400, &m, &f);
	}
	struct proposal_new np = { { m.area_id, m.id, PART_JOINT, LANG_EN }, PROPOSAL_COMMITMENT, base, content, summary, token };
	return proposal_submit(ctx, req, rep, &np);
}

int page_commitment_confirm(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct commitment m;
	int st = load(ctx, req, &m);
	if (st)
		return st;
	enum part part;
	enum lang in;
	if (part_parse(http_form(req, "part"), &part) != 0)
		return 400;
	/*
	 * The agreed text is joint: one side's co-chair alone may not declare its
	 * translation up to date. It is brought up to date, and its flag cleared,
	 * by an approved proposal that changes the language behind (content.c,
	 * update_staleness), as for a joint section (page_confirm_section).
	 */
	if (part == PART_JOINT || !authz_may(req->who, ACT_EDIT_NOTE, (enum side)part_side(part)))
		return 403;
	if (content_lang(req, &in) != 0)
		return 400;
	struct part_ref ref = { m.area_id, m.id, part, in };
	struct actor by = http_actor(req);
	bool cleared;
	enum err r = content_confirm(ctx, req->arena, &ref, &by, &cleared);
	if (r != E_OK)
		return http_status(r);
	return reply_see_other(rep, arena_printf(req->arena, "/commitments/%lld?done=confirmed", m.id));
}
