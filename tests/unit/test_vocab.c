/*
 * The vocabularies (model/vocab.h): each table has a row per enum value, in
 * the order of the SQL ENUM columns, and a word becomes its enum and back;
 * a word of no table, or none, reads as the table's __MAX.
 */
#include "check.h"
#include "model/commitment.h"
#include "model/vocab.h"

static void test_words_are_those_of_the_sql_enums_in_their_order(void)
{
	/* sql/001_schema.sql and sql/004_editing.sql */
	const char *const statuses[] = { "planned", "in progress", "done", "dropped" };
	const char *const leads[] = { "EU", "KR", "joint" };
	const char *const states[] = { "pending", "approved", "rejected", "withdrawn" };
	const char *const kinds[] = { "section", "commitment", "new_commitment" };
	_Static_assert(sizeof(statuses) / sizeof(statuses[0]) == STATUS__MAX, "every status");
	_Static_assert(sizeof(leads) / sizeof(leads[0]) == LEAD__MAX, "every lead");
	_Static_assert(sizeof(states) / sizeof(states[0]) == PROPOSAL_STATE__MAX, "every state");
	_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == PROPOSAL_KIND__MAX, "every kind");
	for (int i = 0; i < STATUS__MAX; i++) {
		CHECK_STR(status_vocab[i].sql, statuses[i]);
		CHECK(status_of(statuses[i]) == (enum status)i);
		CHECK(status_vocab[i].label != M__MAX && status_vocab[i].css && *status_vocab[i].css);
	}
	for (int i = 0; i < LEAD__MAX; i++) {
		CHECK_STR(lead_vocab[i].sql, leads[i]);
		CHECK(lead_of(leads[i]) == (enum lead)i);
	}
	for (int i = 0; i < PROPOSAL_STATE__MAX; i++)
		CHECK(proposal_state_of(states[i]) == (enum proposal_state)i);
	for (int i = 0; i < PROPOSAL_KIND__MAX; i++)
		CHECK(proposal_kind_of(kinds[i]) == (enum proposal_kind)i);
}

static void test_other_words_are_none(void)
{
	CHECK(status_of(NULL) == STATUS__MAX);
	CHECK(status_of("") == STATUS__MAX);
	CHECK(status_of("Planned") == STATUS__MAX);
	CHECK(status_of("in-progress") == STATUS__MAX);   /* the CSS class is not a status */
	CHECK(lead_of("eu") == LEAD__MAX);
	CHECK(proposal_state_of("approved ") == PROPOSAL_STATE__MAX);
	CHECK(proposal_kind_of("new commitment") == PROPOSAL_KIND__MAX);
	CHECK(vocab_parse(lead_vocab, LEAD__MAX, "KR") == LEAD_KR);
	CHECK(vocab_parse(lead_vocab, LEAD__MAX, "kr") == -1);
	/* Out of range reads as the most cautious words. */
	CHECK(status_entry(STATUS__MAX) == &status_vocab[STATUS_PLANNED]);
	CHECK(lead_entry(LEAD__MAX) == &lead_vocab[LEAD_JOINT]);
}

static void test_a_lead_side_and_what_it_sets_alone(void)
{
	CHECK(lead_side(LEAD_EU) == SIDE_EU && lead_side(LEAD_KR) == SIDE_KR && lead_side(LEAD_JOINT) == -1);
	CHECK(STATUS_PLANNED < STATUS_SIDE_SETTABLE && STATUS_IN_PROGRESS < STATUS_SIDE_SETTABLE);
	CHECK(STATUS_DONE >= STATUS_SIDE_SETTABLE && STATUS_DROPPED >= STATUS_SIDE_SETTABLE);
}

static void test_canonical_text_round_trip(void)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct commitment_fields f = { "Text", "텍스트", LEAD_KR, STATUS_IN_PROGRESS, 40, "Target", "" }, back;
	struct buf b;
	buf_init(&b);
	commitment_canonical(&f, &b);
	CHECK_STR(buf_cstr(&b), "Text: Text\nText (ko): 텍스트\nLead: KR\nStatus: in progress\nProgress: 40\n"
	                        "Target: Target\nTarget (ko): \n");
	CHECK(commitment_parse(&a, b.data, &back) == 0);
	CHECK(commitment_fields_equal(&f, &back));
	/* An unknown lead or status is refused. */
	CHECK(commitment_parse(&a, "Text: T\nLead: both\nStatus: done\nProgress: 1\nTarget: x\n", &back) == -1);
	CHECK(commitment_parse(&a, "Text: T\nLead: EU\nStatus: finished\nProgress: 1\nTarget: x\n", &back) == -1);
	CHECK(commitment_parse(&a, "Text: T\nLead: EU\nStatus: done\nProgress: 100\nTarget: x\n", &back) == 0);
	CHECK(commitment_parse(&a, "Text: T\nLead: EU\nStatus: done\nProgress: 101\nTarget: x\n", &back) == -1);
	buf_free(&b);
	arena_free(&a);
}

int main(void)
{
	RUN(test_words_are_those_of_the_sql_enums_in_their_order);
	RUN(test_other_words_are_none);
	RUN(test_a_lead_side_and_what_it_sets_alone);
	RUN(test_canonical_text_round_trip);
	return check_summary("test_vocab");
}
