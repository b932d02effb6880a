/*
 * Proposals: how joint content changes. A participant of one side proposes a
 * new text for a joint part (an area's joint section, a commitment's joint
 * fields) or a new commitment; a co-chair of the other side approves or
 * rejects it, or the proposer's side withdraws it. Approving applies the
 * change (content.h) in the same transaction as the decision, so a proposal
 * is approved exactly when its change is saved. Who may do what is checked
 * by the caller (authz.h).
 */
#ifndef PORTAL_PROPOSAL_H
#define PORTAL_PROPOSAL_H

#include <stdbool.h>

#include "model/audit.h"
#include "model/content.h"
#include "model/ctx.h"
#include "model/vocab.h"

/* A proposal as deciding it needs (strings borrowed from the caller). */
struct proposal {
	long long id, area_id, commitment_id;   /* commitment_id 0: a section, or a new commitment */
	enum proposal_kind kind;
	enum proposal_state state;
	enum lang lang;                         /* a joint section's language */
	long long base_version;                 /* the part's version the proposal was made on */
	const char *content;                    /* the proposed text (commitments: canonical text) */
	const char *summary;
	long long proposer_id;
	const char *proposer;                   /* display name */
	enum side side;                         /* the proposer's side */
};

/* The part a proposal changes. */
struct part_ref proposal_part(const struct proposal *p);

struct proposal_new {
	struct part_ref ref;             /* commitment_id 0 with PROPOSAL_NEW_COMMITMENT: a new commitment */
	enum proposal_kind kind;
	long long base_version;
	const char *content;
	const char *summary;
	const char *form_token;          /* NULL: not from a form */
};

/*
 * Records a new proposal by by, with its audit entry and the form's token,
 * in a transaction of its own. E_OK with *id; for a form submitted before,
 * E_OK with *first_location (arena) where the first one led and nothing
 * written; or a database error.
 */
enum err proposal_create(struct ctx *ctx, struct arena *a, const struct proposal_new *p, const struct actor *by,
                         long long *id, char **first_location);

/* Why a decision was refused with E_CONFLICT. */
enum proposal_refusal {
	PROPOSAL_DECIDED_BEFORE,   /* someone decided it meanwhile */
	PROPOSAL_STALE,            /* approving: the part has changed since the proposal was made */
};

/*
 * Decides a pending proposal (to: approved, rejected or withdrawn) by by, in
 * a transaction of its own: approving applies its change. E_OK; E_CONFLICT
 * with *why; E_NOT_FOUND (the part is gone); or a database error. Nothing is
 * written unless E_OK.
 */
enum err proposal_decide(struct ctx *ctx, struct arena *a, const struct proposal *p, enum proposal_state to,
                         const struct actor *by, enum proposal_refusal *why);

#endif
