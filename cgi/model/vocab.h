/*
 * The partnership's vocabularies: a commitment's status and lead, a
 * proposal's state and kind. Each value is an enum here; its table row gives
 * the word SQL stores (the ENUM columns of sql/), its message (the label in
 * each language) and its CSS class. Code compares enums; strings are turned
 * into enums only by vocab_parse, at the edge (a form, a query, a row).
 */
#ifndef PORTAL_VOCAB_H
#define PORTAL_VOCAB_H

#include <stddef.h>

#include "messages.h"

struct vocab {
	const char *sql;     /* as stored and as forms send it */
	enum msg_id label;   /* what a reader sees */
	const char *css;     /* class in templates and static/portal.css */
};

/* In the order of the SQL ENUM, which is also the order forms offer them and sorts use. */
enum status { STATUS_PLANNED, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_DROPPED, STATUS__MAX };
/* EU and KR first, with the values of enum side (authz.h), then joint. */
enum lead { LEAD_EU, LEAD_KR, LEAD_JOINT, LEAD__MAX };
enum proposal_state { PROPOSAL_PENDING, PROPOSAL_APPROVED, PROPOSAL_REJECTED, PROPOSAL_WITHDRAWN, PROPOSAL_STATE__MAX };
enum proposal_kind { PROPOSAL_SECTION, PROPOSAL_COMMITMENT, PROPOSAL_NEW_COMMITMENT, PROPOSAL_KIND__MAX };

extern const struct vocab status_vocab[STATUS__MAX];
extern const struct vocab lead_vocab[LEAD__MAX];
extern const struct vocab proposal_state_vocab[PROPOSAL_STATE__MAX];
extern const struct vocab proposal_kind_vocab[PROPOSAL_KIND__MAX];

/* The index of s in a table of n (its enum value), or -1 when s is none of them (or NULL). */
int vocab_parse(const struct vocab *table, size_t n, const char *s);

/*
 * The value a word names, or the table's __MAX when it names none (a form
 * left it out or sent something else; callers refuse __MAX).
 */
enum status status_of(const char *s);
enum lead lead_of(const char *s);
enum proposal_state proposal_state_of(const char *s);
enum proposal_kind proposal_kind_of(const char *s);

/*
 * A value's row; one out of range (which no SQL ENUM column yields) reads as
 * planned, joint: the most cautious words.
 */
const struct vocab *status_entry(enum status s);
const struct vocab *lead_entry(enum lead l);

/*
 * The statuses a lead side sets on its own (planned, in progress); done and
 * dropped are joint decisions, made by proposal.
 */
#define STATUS_SIDE_SETTABLE (STATUS_IN_PROGRESS + 1)

/* The side that leads (enum side), or -1 for a joint lead. */
int lead_side(enum lead l);

#endif
