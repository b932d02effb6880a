#include "model/proposal.h"

#include <stdio.h>
#include <string.h>

struct part_ref proposal_part(const struct proposal *p)
{
	return (struct part_ref){ p->area_id, p->commitment_id, PART_JOINT, p->lang };
}

/* ---- creating ---- */

struct create {
	struct ctx *ctx;
	struct arena *a;
	const struct proposal_new *p;
	const struct actor *by;
	long long id;
	char *first;
};

static enum err create_tx(struct db *db, void *ud)
{
	struct create *t = ud;
	const struct proposal_new *p = t->p;
	t->id = 0;
	t->first = NULL;
	char at[27];
	audit_now(at);
	enum err e = DB_RUN(db, ST_PROPOSAL_INSERT, NULL, NULL, DB_INT(p->ref.area_id), DB_INT(p->ref.commitment_id),
	                    DB_STR(proposal_kind_vocab[p->kind].sql), DB_STR(lang_code(p->ref.lang)),
	                    DB_INT(p->base_version), DB_STR(p->content), DB_STR(p->summary), DB_INT(t->by->account_id),
	                    DB_STR(t->by->side), DB_STR(at));
	if (e != E_OK)
		return e;
	t->id = (long long)db_insert_id(db);
	char *location = arena_printf(t->a, "/proposals/%lld", t->id);
	if (!location)
		return E_FAILED;
	if (p->form_token) {
		e = form_token_use(t->ctx, p->form_token, t->by->account_id, location, &t->first, t->a);
		if (e != E_OK)
			return e;
		if (t->first)
			return E_FAILED;   /* submitted before: undo this one */
	}
	char detail[160];
	snprintf(detail, sizeof(detail), "proposal %lld: %s, area %lld, commitment %lld", t->id,
	         proposal_kind_vocab[p->kind].sql, p->ref.area_id, p->ref.commitment_id);
	struct audit_entry ae = { t->by->account_id, t->by->login, t->by->side, "proposal_created", detail,
	                          t->by->addr };
	return audit_append(db, t->ctx->cfg->chain_key, &ae);
}

enum err proposal_create(struct ctx *ctx, struct arena *a, const struct proposal_new *p, const struct actor *by,
                         long long *id, char **first_location)
{
	if (p->kind >= PROPOSAL_KIND__MAX)
		return E_INVALID;
	struct create t = { ctx, a, p, by, 0, NULL };
	enum err e = db_transaction(&ctx->db, create_tx, &t);
	*id = t.id;
	*first_location = t.first;
	return t.first ? E_OK : e;
}

/* ---- deciding ---- */

struct decide {
	struct ctx *ctx;
	struct arena *a;
	const struct proposal *p;
	enum proposal_state to;
	const struct actor *by;
	enum err applied;              /* what applying an approved proposal gave */
	bool decided_before;
};

/* The columns of ST_PROPOSAL_LOCK. */
enum proposal_lock_col { PL_STATE, PL_AREA_ID, PL_COMMITMENT_ID, PL_KIND, PL_BASE_VERSION };

static int lock_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(enum proposal_state *)ud = proposal_state_of(c[PL_STATE].s);
	return 0;
}

/* The column of ST_COMMITMENT_NEXT_NUMBER. */
enum number_col {
	NN_NUMBER,
};

static int number_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[NN_NUMBER].i;
	return 0;
}

/* The proposer makes the change; the decision is the decider's (its audit entry). */
static struct actor proposer_of(const struct decide *d)
{
	return (struct actor){ d->p->proposer_id, d->p->proposer, side_code(d->p->side), d->by->addr };
}

/* An approved new commitment: inserted with the next number of its area, and its first revision. */
static enum err insert_commitment(struct decide *d, const char *at)
{
	struct commitment_fields f;
	if (commitment_parse(d->a, d->p->content, &f) != 0)
		return E_FAILED;
	long long number = 0;
	struct db *db = &d->ctx->db;
	enum err e = DB_RUN(db, ST_COMMITMENT_NEXT_NUMBER, number_row, &number, DB_INT(d->p->area_id));
	if (e == E_OK)
		e = DB_RUN(db, ST_COMMITMENT_INSERT, NULL, NULL, DB_INT(d->p->area_id), DB_INT(number), DB_STR(f.text),
		           DB_STR(f.text_ko), DB_STR(lead_vocab[f.lead].sql), DB_STR(status_vocab[f.status].sql),
		           DB_INT(f.progress), DB_STR(f.target), DB_STR(f.target_ko), DB_STR(at), DB_INT(d->p->proposer_id));
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
	if (p->kind == PROPOSAL_NEW_COMMITMENT) {
		char at[27];
		audit_now(at);
		return d->applied = insert_commitment(d, at);
	}
	struct change c = { .ref = proposal_part(p), .base_version = p->base_version, .content = p->content,
	                    .summary = p->summary, .origin = ORIGIN_PROPOSAL, .origin_ref = p->id,
	                    .by = proposer_of(d), .audit_action = NULL, .location = "/" };
	/* E_OK with CHANGE_UNCHANGED: the text is already what was proposed, nothing to write. */
	d->applied = content_apply(d->ctx, d->a, &c);
	return d->applied;
}

static enum err decide_tx(struct db *db, void *ud)
{
	struct decide *d = ud;
	enum proposal_state now = PROPOSAL_STATE__MAX;
	d->applied = E_OK;
	d->decided_before = false;
	enum err e = DB_RUN(db, ST_PROPOSAL_LOCK, lock_row, &now, DB_INT(d->p->id));
	if (e != E_OK)
		return e;
	if (now != PROPOSAL_PENDING) {
		d->decided_before = true;
		return E_CONFLICT;
	}
	if (d->to == PROPOSAL_APPROVED && (e = apply(d)) != E_OK)
		return e;
	char at[27];
	audit_now(at);
	const char *state = proposal_state_vocab[d->to].sql;
	e = DB_RUN(db, ST_PROPOSAL_DECIDE, NULL, NULL, DB_STR(state), DB_INT(d->by->account_id), DB_STR(at),
	           DB_INT(d->p->id));
	if (e != E_OK)
		return e;
	char action[32], detail[120];
	snprintf(action, sizeof(action), "proposal_%s", state);
	snprintf(detail, sizeof(detail), "proposal %lld: %s, area %lld, commitment %lld", d->p->id,
	         proposal_kind_vocab[d->p->kind].sql, d->p->area_id, d->p->commitment_id);
	struct audit_entry ae = { d->by->account_id, d->by->login, d->by->side, action, detail, d->by->addr };
	return audit_append(db, d->ctx->cfg->chain_key, &ae);
}

enum err proposal_decide(struct ctx *ctx, struct arena *a, const struct proposal *p, enum proposal_state to,
                         const struct actor *by, enum proposal_refusal *why)
{
	if (to == PROPOSAL_PENDING || to >= PROPOSAL_STATE__MAX || p->kind >= PROPOSAL_KIND__MAX)
		return E_INVALID;
	struct decide d = { ctx, a, p, to, by, E_OK, false };
	enum err e = db_transaction(&ctx->db, decide_tx, &d);
	if (e == E_OK)
		return E_OK;
	if (d.decided_before) {
		*why = PROPOSAL_DECIDED_BEFORE;
		return E_CONFLICT;
	}
	if (d.applied == E_CONFLICT) {
		*why = PROPOSAL_STALE;
		return E_CONFLICT;
	}
	return d.applied != E_OK ? d.applied : e;
}
