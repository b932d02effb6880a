#include "model/vocab.h"

#include <string.h>

#include "model/authz.h"

const struct vocab status_vocab[STATUS__MAX] = {
	[STATUS_PLANNED] = { "planned", M_STATUS_PLANNED, "planned" },
	[STATUS_IN_PROGRESS] = { "in progress", M_STATUS_IN_PROGRESS, "in-progress" },
	[STATUS_DONE] = { "done", M_STATUS_DONE, "done" },
	[STATUS_DROPPED] = { "dropped", M_STATUS_DROPPED, "dropped" },
};

const struct vocab lead_vocab[LEAD__MAX] = {
	[LEAD_EU] = { "EU", M_LEAD_EU, "EU" },
	[LEAD_KR] = { "KR", M_LEAD_KR, "KR" },
	[LEAD_JOINT] = { "joint", M_LEAD_JOINT, "joint" },
};

const struct vocab proposal_state_vocab[PROPOSAL_STATE__MAX] = {
	[PROPOSAL_PENDING] = { "pending", M_PROPOSAL_STATE_PENDING, "pending" },
	[PROPOSAL_APPROVED] = { "approved", M_PROPOSAL_STATE_APPROVED, "approved" },
	[PROPOSAL_REJECTED] = { "rejected", M_PROPOSAL_STATE_REJECTED, "rejected" },
	[PROPOSAL_WITHDRAWN] = { "withdrawn", M_PROPOSAL_STATE_WITHDRAWN, "withdrawn" },
};

const struct vocab proposal_kind_vocab[PROPOSAL_KIND__MAX] = {
	[PROPOSAL_SECTION] = { "section", M_PART_SECTION_JOINT, "section" },
	[PROPOSAL_COMMITMENT] = { "commitment", M_PART_COMMITMENT_JOINT, "commitment" },
	[PROPOSAL_NEW_COMMITMENT] = { "new_commitment", M_PROPOSAL_NEW_COMMITMENT, "new-commitment" },
};

_Static_assert((int)LEAD_EU == (int)SIDE_EU && (int)LEAD_KR == (int)SIDE_KR, "a side's lead has the side's value");

int vocab_parse(const struct vocab *table, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, table[i].sql) == 0)
			return (int)i;
	return -1;
}

/* vocab_parse, or max when s is none of the table's words. */
static int index_or(const struct vocab *table, int max, const char *s)
{
	int i = vocab_parse(table, (size_t)max, s);
	return i < 0 ? max : i;
}

enum status status_of(const char *s)
{
	return (enum status)index_or(status_vocab, STATUS__MAX, s);
}

enum lead lead_of(const char *s)
{
	return (enum lead)index_or(lead_vocab, LEAD__MAX, s);
}

enum proposal_state proposal_state_of(const char *s)
{
	return (enum proposal_state)index_or(proposal_state_vocab, PROPOSAL_STATE__MAX, s);
}

enum proposal_kind proposal_kind_of(const char *s)
{
	return (enum proposal_kind)index_or(proposal_kind_vocab, PROPOSAL_KIND__MAX, s);
}

const struct vocab *status_entry(enum status s)
{
	return &status_vocab[s < STATUS__MAX ? s : STATUS_PLANNED];
}

const struct vocab *lead_entry(enum lead l)
{
	return &lead_vocab[l < LEAD__MAX ? l : LEAD_JOINT];
}

int lead_side(enum lead l)
{
	return l == LEAD_EU ? SIDE_EU : l == LEAD_KR ? SIDE_KR : -1;
}
