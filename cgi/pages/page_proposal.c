/*
 * Joint proposals: a co-chair proposes a change to joint content; a co-chair
 * of the other side approves or rejects it; the proposing side may withdraw
 * it. Only approval changes the content, in the same transaction that marks
 * the proposal approved.
 *   GET  /proposals/{id}                      the proposal and what it would change
 *   POST /proposals/{id}/approve | reject | withdraw
 * (A new commitment's form: page_commitment_new.c; the rules: model/proposal.h.)
 */
#include <string.h>

#include "model/ctx.h"
#include "model/proposal.h"
#include "pages/area_ref.h"
#include "pages/fields.h"
#include "pages/labels.h"
#include "pages/saving.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

/* A proposal as its page shows it. */
struct shown {
	struct proposal p;
	long long number;                /* the commitment's number in its area */
	const char *at, *decider, *decided_at, *area_slug, *area_title;
	enum lang reader;
	bool found;
	struct arena *a;
};

/* The columns of ST_PROPOSAL_BY_ID. */
enum proposal_col {
	PC_ID, PC_AREA_ID, PC_COMMITMENT_ID, PC_KIND, PC_BASE_VERSION, PC_CONTENT, PC_SUMMARY, PC_PROPOSER_ID,
	PC_PROPOSER, PC_SIDE, PC_AT, PC_STATE, PC_DECIDER, PC_DECIDED_AT, PC_AREA_SLUG, PC_AREA_TITLE, PC_NUMBER,
	PC_LANG, PC_AREA_TITLE_KO,
};

static int proposal_row(void *ud, const struct db_col *c, unsigned n)
{
	struct shown *s = ud;
	struct proposal *p = &s->p;
	(void)n;
	p->id = c[PC_ID].i;
	p->area_id = c[PC_AREA_ID].i;
	p->commitment_id = c[PC_COMMITMENT_ID].i;
	p->kind = proposal_kind_of(c[PC_KIND].s);
	p->base_version = c[PC_BASE_VERSION].i;
	p->content = db_col_dup(s->a, &c[PC_CONTENT]);
	p->summary = db_col_dup(s->a, &c[PC_SUMMARY]);
	p->proposer_id = c[PC_PROPOSER_ID].i;
	p->proposer = db_col_dup(s->a, &c[PC_PROPOSER]);
	p->state = proposal_state_of(c[PC_STATE].s);
	s->at = view_datetime(s->a, s->reader, c[PC_AT].s);
	s->decider = db_col_dup(s->a, &c[PC_DECIDER]);
	s->decided_at = c[PC_DECIDED_AT].null ? NULL : view_datetime(s->a, s->reader, c[PC_DECIDED_AT].s);
	s->area_slug = db_col_dup(s->a, &c[PC_AREA_SLUG]);
	s->area_title = db_col_dup(s->a, s->reader == LANG_KO && c[PC_AREA_TITLE_KO].len ? &c[PC_AREA_TITLE_KO]
	                                                                                : &c[PC_AREA_TITLE]);
	s->number = c[PC_NUMBER].i;
	/* Every column is an SQL ENUM or NOT NULL: a value outside them is a row this code cannot show. */
	s->found = side_parse(c[PC_SIDE].s, &p->side) == 0 && lang_parse(c[PC_LANG].s, &p->lang) == 0 &&
	           p->kind < PROPOSAL_KIND__MAX && p->state < PROPOSAL_STATE__MAX;
	return 0;
}

static int load(struct ctx *ctx, struct request *req, struct shown *s)
{
	memset(s, 0, sizeof(*s));
	s->a = req->arena;
	s->reader = req->lang;
	long long id = http_parse_id(req->args[0]);
	if (!id)
		return 404;
	enum err r = DB_RUN(&ctx->db, ST_PROPOSAL_BY_ID, proposal_row, s, DB_INT(id));
	if (r != E_OK)
		return http_status(r);
	return s->found && s->p.content ? 0 : 404;
}

/* The part's current joint content, for the diff (NULL for a new commitment). */
static int current_content(struct ctx *ctx, struct request *req, const struct proposal *p, const char **out,
                           long long *version)
{
	*out = NULL;
	*version = 0;
	if (p->kind == PROPOSAL_NEW_COMMITMENT)
		return 0;
	struct part_ref ref = proposal_part(p);
	enum err db;
	*out = content_now(ctx, req->arena, &ref, version, &db);
	return db == E_OK ? 0 : http_status(db);
}

static bool pending(const struct proposal *p)
{
	return p->state == PROPOSAL_PENDING;
}

/* Withdrawing is for the proposer's side, by those who may propose. */
static bool may_withdraw(const struct account *who, const struct proposal *p)
{
	return authz_may(who, ACT_PROPOSE_JOINT, p->side) && who->side == p->side;
}

static int proposal_page(struct ctx *ctx, struct request *req, struct reply *rep, int status,
                         const struct shown *s, enum msg_id notice, enum tmpl_name kind)
{
	const struct proposal *p = &s->p;
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
	struct part_ref ref = proposal_part(p);
	tmpl_set_int(b, T_PROPOSAL_ID, p->id);
	tmpl_set(b, T_AREA_SLUG, s->area_slug);
	tmpl_set(b, T_AREA_TITLE, s->area_title);
	tmpl_set(b, T_WHAT, p->kind == PROPOSAL_NEW_COMMITMENT ? msg(req->lang, M_PROPOSAL_NEW_COMMITMENT)
	                                                       : part_label(req, &ref, s->number));
	tmpl_set(b, T_PROPOSER, p->proposer);
	tmpl_set(b, T_SIDE, side_code(p->side));
	tmpl_set(b, T_AT, s->at);
	tmpl_set(b, T_SUMMARY, p->summary);
	tmpl_set(b, T_STATE, msg(req->lang, proposal_state_vocab[p->state].label));
	tmpl_set(b, T_STATE_CLASS, proposal_state_vocab[p->state].css);
	if (s->decider) {
		tmpl_dict *d = tmpl_section(b, T_DECIDED);
		tmpl_set(d, T_DECIDER, s->decider);
		tmpl_set(d, T_DECIDED_AT, s->decided_at ? s->decided_at : "");
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
	if (p->kind == PROPOSAL_SECTION)
		view_markdown(tmpl_section(b, T_PROPOSED_RENDERED), T_PROPOSED_MARKDOWN, req->lang, p->content,
		              strlen(p->content));
	if (pending(p) && authz_may(req->who, ACT_APPROVE_JOINT, p->side))
		tmpl_show(b, T_DECIDE);
	if (pending(p) && may_withdraw(req->who, p))
		tmpl_show(b, T_WITHDRAW);
	if (pending(p) && req->who->side == p->side && authz_route(req->who, ACT_PROPOSE_JOINT))
		tmpl_show(b, T_AWAITING_OTHER_SIDE);
	if (notice != M__MAX)
		page_message(&pg, kind, msg(req->lang, notice));
	return page_end(&pg, rep, status);
}

int page_proposal(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct shown s;
	int st = load(ctx, req, &s);
	if (st)
		return st;
	static const enum msg_id done_notices[PROPOSAL_STATE__MAX] = {
		[PROPOSAL_PENDING] = M__MAX, [PROPOSAL_APPROVED] = M_PROPOSAL_DONE_APPROVED,
		[PROPOSAL_REJECTED] = M_PROPOSAL_DONE_REJECTED, [PROPOSAL_WITHDRAWN] = M_PROPOSAL_DONE_WITHDRAWN,
	};
	enum proposal_state done = proposal_state_of(http_query(req, "done"));
	enum msg_id notice = done < PROPOSAL_STATE__MAX ? done_notices[done] : M__MAX;
	return proposal_page(ctx, req, rep, 200, &s, notice, T_NOTICE);
}

/* ---- deciding ---- */

static int decide(struct ctx *ctx, struct request *req, struct reply *rep, enum proposal_state to)
{
	struct shown s;
	int st = load(ctx, req, &s);
	if (st)
		return st;
	const struct proposal *p = &s.p;
	bool allowed = to == PROPOSAL_WITHDRAWN ? may_withdraw(req->who, p)
	                                        : authz_may(req->who, ACT_APPROVE_JOINT, p->side);
	if (!allowed)
		return 403;
	const char *location =
		arena_printf(req->arena, "/proposals/%lld?done=%s", p->id, proposal_state_vocab[to].sql);
	if (!location)
		return 500;
	if (!pending(p)) {
		/* The same decision again (double click): done already. Another: conflict. */
		if (p->state == to)
			return reply_see_other(rep, location);
		return proposal_page(ctx, req, rep, 409, &s, M_PROPOSAL_ALREADY_DECIDED, T_ERROR);
	}
	struct actor by = http_actor(req);
	enum proposal_refusal why;
	enum err e = proposal_decide(ctx, req->arena, p, to, &by, &why);
	if (e == E_OK)
		return reply_see_other(rep, location);
	if (e == E_CONFLICT)
		return proposal_page(ctx, req, rep, 409, &s,
		                     why == PROPOSAL_STALE ? M_PROPOSAL_STALE : M_PROPOSAL_ALREADY_DECIDED, T_ERROR);
	return http_status(e);
}

int page_proposal_approve(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, PROPOSAL_APPROVED);
}

int page_proposal_reject(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, PROPOSAL_REJECTED);
}

int page_proposal_withdraw(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return decide(ctx, req, rep, PROPOSAL_WITHDRAWN);
}
