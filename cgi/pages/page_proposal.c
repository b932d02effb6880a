/*
 * Joint proposals: a co-chair proposes a change to joint content; a co-chair
 * of the other side approves or rejects it; the proposing side may withdraw
 * it. Only approval changes the content, in the same transaction that marks
 * the proposal approved.
 *   GET  /proposals/{id}                      the proposal and what it would change
 *   POST /proposals/{id}/approve | reject | withdraw
 *   GET  /areas/{slug}/commitments/new        the form for a new commitment
 *   POST /areas/{slug}/commitments            propose it
 */
#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/ctx.h"
#include "pages/edit.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

struct proposal {
	long long id, area_id, commitment_id, base_version, proposer_id, number;
	enum lang lang;                  /* a joint section's language */
	enum lang reader;
	const char *kind, *content, *summary, *proposer, *side, *at, *state, *decider, *decided_at;
	const char *area_slug, *area_title;
	bool found;
	struct arena *a;
};

/* id, area, commitment, kind, base version, content, summary, proposer id, proposer, side, at, state,
 * decider, decided at, area slug, area title, commitment number, language, Korean area title */
static int proposal_row(void *ud, const struct db_col *c, unsigned n)
{
	struct proposal *p = ud;
	(void)n;
	p->found = true;
	p->id = c[0].i;
	p->area_id = c[1].i;
	p->commitment_id = c[2].i;
	p->kind = db_col_dup(p->a, &c[3]);
	p->base_version = c[4].i;
	p->content = db_col_dup(p->a, &c[5]);
	p->summary = db_col_dup(p->a, &c[6]);
	p->proposer_id = c[7].i;
	p->proposer = db_col_dup(p->a, &c[8]);
	p->side = db_col_dup(p->a, &c[9]);
	p->at = view_datetime(p->a, p->reader, c[10].s);
	p->state = db_col_dup(p->a, &c[11]);
	p->decider = db_col_dup(p->a, &c[12]);
	p->decided_at = c[13].null ? NULL : view_datetime(p->a, p->reader, c[13].s);
	p->area_slug = db_col_dup(p->a, &c[14]);
	p->area_title = db_col_dup(p->a, p->reader == LANG_KO && c[18].len ? &c[18] : &c[15]);
	p->number = c[16].i;
	if (lang_parse(c[17].s, &p->lang) != 0)
		p->found = false;
	return 0;
}

static int load(struct ctx *ctx, struct request *req, struct proposal *p)
{
	memset(p, 0, sizeof(*p));
	p->a = req->arena;
	p->reader = req->lang;
	long long id = http_parse_id(req->args[0]);
	if (!id)
		return 404;
	enum err r = DB_RUN(&ctx->db, ST_PROPOSAL_BY_ID, proposal_row, p, DB_INT(id));
	if (r != E_OK)
		return http_status(r);
	return p->found && p->content && p->state && p->side ? 0 : 404;
}

static struct part_ref ref_of(const struct proposal *p)
{
	return (struct part_ref){ p->area_id, p->commitment_id, PART_JOINT, p->lang };
}

static bool pending(const struct proposal *p)
{
	return strcmp(p->state, "pending") == 0;
}

static enum side side_of(const struct proposal *p)
{
	enum side s = SIDE_EU;
	side_parse(p->side, &s);
	return s;
}

/* The part's current joint content, for the diff (NULL for a new commitment). */
static int current_content(struct ctx *ctx, struct request *req, const struct proposal *p, const char **out,
                           long long *version)
{
	*out = NULL;
	*version = 0;
	if (strcmp(p->kind, "new_commitment") == 0)
		return 0;
	struct part_ref ref = ref_of(p);
	enum err db;
	*out = content_now(ctx, req->arena, &ref, version, &db);
	return db == E_OK ? 0 : http_status(db);
}

static int proposal_page(struct ctx *ctx, struct request *req, struct reply *rep, int status,
                         const struct proposal *p, enum msg_id notice, enum tmpl_name kind)
{
	const char *current;
	long long version;
	int st = current_content(ctx, req, p, &current, &version);
	if (st)
		return st;
	struct page pg;
	const char *title = arena_printf(req->arena, "%s %lld", msg(req->lang, M_PROPOSAL_TITLE), p->id);
	if (page_begin(&pg, req, "proposal", title ? title : "", NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	struct part_ref ref = ref_of(p);
	tmpl_set_int(b, T_PROPOSAL_ID, p->id);
	tmpl_set(b, T_AREA_SLUG, p->area_slug);
	tmpl_set(b, T_AREA_TITLE, p->area_title);
	tmpl_set(b, T_WHAT, strcmp(p->kind, "new_commitment") == 0 ? msg(req->lang, M_PROPOSAL_NEW_COMMITMENT)
	                                                              : part_label(req, &ref, p->number));
	tmpl_set(b, T_PROPOSER, p->proposer);
	tmpl_set(b, T_SIDE, p->side);
	tmpl_set(b, T_AT, p->at);
	tmpl_set(b, T_SUMMARY, p->summary);
	tmpl_set(b, T_STATE, view_proposal_state(req->lang, p->state));
	tmpl_set(b, T_STATE_CLASS, p->state);
	if (p->decider) {
		tmpl_dict *d = tmpl_section(b, T_DECIDED);
		tmpl_set(d, T_DECIDER, p->decider);
		tmpl_set(d, T_DECIDED_AT, p->decided_at ? p->decided_at : "");
	}
	tmpl_set(b, T_IN, lang_code(p->lang));
	if (p->commitment_id)
		tmpl_set_int(tmpl_section(b, T_COMMITMENT_LINK), T_COMMITMENT_ID, p->commitment_id);
	bool stale = pending(p) && current && version != p->base_version;
	if (stale)
		tmpl_show(b, T_STALE);
	const char *before = pending(p) ? (current ? current : "") : NULL;
	if (before)
		view_diff(b, T_PROPOSED_DIFF, req->lang, msg(req->lang, M_PROPOSAL_DIFF_CAPTION), before, p->content);
	else
		tmpl_set(tmpl_section(b, T_PROPOSED_TEXT), T_TEXT, p->content);
	if (p->commitment_id == 0 && strcmp(p->kind, "section") == 0)
		view_markdown(tmpl_section(b, T_PROPOSED_RENDERED), T_PROPOSED_MARKDOWN, req->lang, p->content,
		              strlen(p->content));
	if (pending(p) && authz_may(req->who, ACT_APPROVE_JOINT, side_of(p)))
		tmpl_show(b, T_DECIDE);
	if (pending(p) && authz_may(req->who, ACT_PROPOSE_JOINT, side_of(p)) && req->who->side == side_of(p))
		tmpl_show(b, T_WITHDRAW);
	if (pending(p) && req->who->side == side_of(p) && authz_route(req->who, ACT_PROPOSE_JOINT))
		tmpl_show(b, T_AWAITING_OTHER_SIDE);
	if (notice != M__MAX)
		page_message(&pg, kind, msg(req->lang, notice));
	return page_end(&pg, rep, status);
}

int page_proposal(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct proposal p;
	int st = load(ctx, req, &p);
	if (st)
		return st;
	const char *done = http_query(req, "done");
	enum msg_id notice = M__MAX;
	if (done && strcmp(done, "approved") == 0)
		notice = M_PROPOSAL_DONE_APPROVED;
	else if (done && strcmp(done, "rejected") == 0)
		notice = M_PROPOSAL_DONE_REJECTED;
	else if (done && strcmp(done, "withdrawn") == 0)
		notice = M_PROPOSAL_DONE_WITHDRAWN;
	return proposal_page(ctx, req, rep, 200, &p, notice, T_NOTICE);
}

/* ---- deciding ---- */

struct decide {
	struct ctx *ctx;
	struct request *req;
	const struct proposal *p;
	const char *state;        /* "approved", "rejected", "withdrawn" */
	enum err applied;         /* what applying an approved proposal gave */
	bool was_decided;
};

struct locked {
	bool found;
	char state[16];
	long long base_version;
};

/* The proposer, acting through the decider's request (the proposer's login is not needed in the revision). */
static struct actor proposer_of(const struct decide *d)
{
	return (struct actor){ d->p->proposer_id, d->p->proposer, d->p->side, d->req->remote_addr };
}

static int lock_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	snprintf(l->state, sizeof(l->state), "%.*s", (int)c[0].len, c[0].s);
	l->base_version = c[4].i;
	return 0;
}

static int number_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[0].i;
	return 0;
}

/* An approved new commitment: inserted with the next number of its area, and its first revision. */
static enum err insert_commitment(struct decide *d, const char *at)
{
	struct commitment_fields f;
	if (commitment_parse(d->req->arena, d->p->content, &f) != 0)
		return E_FAILED;
	long long number = 0;
	struct db *db = &d->ctx->db;
	enum err e = DB_RUN(db, ST_COMMITMENT_NEXT_NUMBER, number_row, &number, DB_INT(d->p->area_id));
	if (e == E_OK)
		e = DB_RUN(db, ST_COMMITMENT_INSERT, NULL, NULL, DB_INT(d->p->area_id), DB_INT(number), DB_STR(f.text),
		           DB_STR(f.text_ko), DB_STR(f.lead), DB_STR(f.status), DB_INT(f.progress), DB_STR(f.target),
		           DB_STR(f.target_ko), DB_STR(at), DB_INT(d->p->proposer_id));
	if (e != E_OK)
		return e;
	long long id = (long long)db_insert_id(db);
	e = DB_RUN(db, ST_NOTES_INSERT, NULL, NULL, DB_INT(id), DB_INT(id), DB_INT(id), DB_INT(id));
	if (e != E_OK)
		return e;
	/* Its version 1 is what was agreed: record it as the first revision. */
	struct change c = { .ref = { d->p->area_id, id, PART_JOINT, LANG_EN }, .content = d->p->content,
	                    .summary = d->p->summary, .origin = ORIGIN_PROPOSAL, .origin_ref = d->p->id,
	                    .by = proposer_of(d) };
	return content_record_first(d->ctx, &c, at);
}

static enum err apply(struct decide *d)
{
	const struct proposal *p = d->p;
	if (strcmp(p->kind, "new_commitment") == 0) {
		char at[27];
		audit_now(at);
		return d->applied = insert_commitment(d, at);
	}
	struct change c = { .ref = ref_of(p), .base_version = p->base_version, .content = p->content,
	                    .summary = p->summary, .origin = ORIGIN_PROPOSAL, .origin_ref = p->id,
	                    .by = proposer_of(d), .audit_action = NULL, .location = "/" };
	d->applied = content_apply(d->ctx, d->req->arena, &c);
	/* CHANGE_UNCHANGED: the text is already what was proposed, nothing to write. */
	if (d->applied == E_OK && c.outcome == CHANGE_REPEATED)
		return E_FAILED;   /* no form token here: cannot happen */
	return d->applied;
}

static enum err decide_tx(struct db *db, void *ud)
{
	struct decide *d = ud;
	struct locked l = { 0 };
	d->applied = E_OK;
	d->was_decided = false;
	enum err e = DB_RUN(db, ST_PROPOSAL_LOCK, lock_row, &l, DB_INT(d->p->id));
	if (e != E_OK)
		return e;
	if (!l.found || strcmp(l.state, "pending") != 0) {
		d->was_decided = true;
		return E_FAILED;
	}
	if (strcmp(d->state, "approved") == 0 && (e = apply(d)) != E_OK)
		return e;
	char at[27];
	audit_now(at);
	const struct account *who = d->req->who;
	e = DB_RUN(db, ST_PROPOSAL_DECIDE, NULL, NULL, DB_STR(d->state), DB_INT(who->id), DB_STR(at), DB_INT(d->p->id));
	if (e != E_OK)
		return e;
	char action[32], detail[120];
	snprintf(action, sizeof(action), "proposal_%s", d->state);
	snprintf(detail, sizeof(detail), "proposal %lld: %s, area %lld, commitment %lld", d->p->id, d->p->kind,
	         d->p->area_id, d->p->commitment_id);
	struct audit_entry ae = { who->id, who->login, side_code(who->side), action, detail, d->req->remote_addr };
	return audit_append(db, d->ctx->cfg->chain_key, &ae);
}

static int decide(struct ctx *ctx, struct request *req, struct reply *rep, const char *state)
{
	struct proposal p;
	int st = load(ctx, req, &p);
	if (st)
		return st;
	bool approve_or_reject = strcmp(state, "withdrawn") != 0;
	bool allowed = approve_or_reject ? authz_may(req->who, ACT_APPROVE_JOINT, side_of(&p))
	                                 : authz_may(req->who, ACT_PROPOSE_JOINT, side_of(&p)) &&
	                                   req->who->side == side_of(&p);
	if (!allowed)
		return 403;
	const char *location = arena_printf(req->arena, "/proposals/%lld?done=%s", p.id, state);
	if (!location)
		return 500;
	if (!pending(&p)) {
		/* The same decision again (double click): done already. Another: conflict. */
		if (strcmp(p.state, state) == 0)
			return reply_see_other(rep, location);
		return proposal_page(ctx, req, rep, 409, &p, M_PROPOSAL_ALREADY_DECIDED, T_ERROR);
	}
	struct decide d = { ctx, req, &p, state, E_OK, false };
	enum err e = db_transaction(&ctx->db, decide_tx, &d);
	if (e == E_OK)
		return reply_see_other(rep, location);
	if (d.was_decided)
		return proposal_page(ctx, req, rep, 409, &p, M_PROPOSAL_ALREADY_DECIDED, T_ERROR);
	if (d.applied == E_CONFLICT)
		return proposal_page(ctx, req, rep, 409, &p, M_PROPOSAL_STALE, T_ERROR);
	if (d.applied == E_NOT_FOUND)
		return 404;
	return http_status(e);
}

int page_proposal_approve(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, "approved");
}

int page_proposal_reject(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, "rejected");
}

int page_proposal_withdraw(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, "withdrawn");
}

/* ---- a new commitment ---- */

static int new_form(struct request *req, struct reply *rep, int status, const struct area_ref *area,
                    const struct commitment_fields *f, const char *summary, enum msg_id error)
{
	struct page pg;
	if (page_begin(&pg, req, "commitment_new", msg(req->lang, M_PROPOSAL_NEW_COMMITMENT), NAV_NONE))
		return 500;
	tmpl_dict *b = pg.body;
	tmpl_set(b, T_AREA_SLUG, area->slug);
	tmpl_set(b, T_AREA_TITLE, area->title);
	tmpl_set(b, T_FIELD_TEXT, f ? f->text : "");
	tmpl_set(b, T_FIELD_TEXT_KO, f ? f->text_ko : "");
	tmpl_set(b, T_FIELD_TARGET, f ? f->target : msg(LANG_EN, M_PROPOSAL_DEFAULT_TARGET));
	tmpl_set(b, T_FIELD_TARGET_KO, f ? f->target_ko : msg(LANG_KO, M_PROPOSAL_DEFAULT_TARGET));
	tmpl_set(b, T_SUMMARY, summary ? summary : "");
	tmpl_set(b, T_FORM_TOKEN, form_token_new(req));
	view_select_options(b, T_LEAD_OPTION, view_lead_codes, view_lead_labels, VIEW_LEADS, f ? f->lead : NULL,
	                    req->lang);
	if (error != M__MAX)
		page_message(&pg, T_ERROR, msg(req->lang, error));
	return page_end(&pg, rep, status);
}

int page_commitment_new(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	return st ? st : new_form(req, rep, 200, &area, NULL, NULL, M__MAX);
}

int page_commitment_create(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct area_ref area;
	int st = area_find(ctx, req, req->args[0], &area);
	if (st)
		return st;
	/* A new commitment starts planned at 0 %: its progress is reported later. */
	struct commitment_fields f = { form_line(req, "text", COMMITMENT_TEXT_MAX),
	                               form_line(req, "text_ko", COMMITMENT_TEXT_MAX), http_form(req, "lead"),
	                               "planned", 0, form_line(req, "target", TARGET_MAX_CHARS),
	                               form_line(req, "target_ko", TARGET_MAX_CHARS) };
	const char *summary = form_line(req, "summary", SUMMARY_MAX_CHARS);
	const char *token = form_token_of(req);
	if (!summary || !token)
		return 400;
	if (commitment_fields_check(&f) != 0) {
		commitment_fields_blank_missing(&f);
		return new_form(req, rep, 400, &area, &f, summary, M_PROPOSAL_BAD_FIELDS);
	}
	struct buf text;
	buf_init(&text);
	commitment_canonical(&f, &text);
	struct proposal_new np = { { area.id, 0, PART_JOINT, LANG_EN }, "new_commitment", 0,
	                           arena_strndup(req->arena, text.data ? text.data : "", text.len), summary, token };
	buf_free(&text);
	if (!np.content)
		return 500;
	return proposal_submit(ctx, req, rep, &np);
}
