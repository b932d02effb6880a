/*
 * The hash chains (cgi/db/chain.h) without a database: entries built with
 * chain_hash as chain_next builds them (the seq first, then the fields, each
 * hash over the previous one), then walked as chain_verify walks them (each
 * entry's prev must be the hash recomputed for the entry before, its hash the
 * one recomputed for itself, its seq one more than the last). A changed byte,
 * a removed or a reordered entry, a changed key must each be found.
 */
#include "check.h"
#include "db/chain.h"

#include <stdio.h>

#define ENTRIES 5
#define FIELDS 4   /* seq, action, login, detail (detail may be NULL) */

struct entry {
	long long seq;
	char seqtext[24];
	char action[32], login[32], detail[64];
	bool detail_null;
	unsigned char prev[CHAIN_HASH_BYTES], hash[CHAIN_HASH_BYTES];
};

static const unsigned char key[CHAIN_KEY_BYTES] = "0123456789abcdef0123456789abcdef";

static size_t fields_of(struct entry *e, struct chain_field f[FIELDS])
{
	snprintf(e->seqtext, sizeof(e->seqtext), "%lld", e->seq);
	f[0] = (struct chain_field){ e->seqtext, strlen(e->seqtext) };
	f[1] = (struct chain_field){ e->action, strlen(e->action) };
	f[2] = (struct chain_field){ e->login, strlen(e->login) };
	f[3] = e->detail_null ? (struct chain_field){ NULL, 0 } : (struct chain_field){ e->detail, strlen(e->detail) };
	return FIELDS;
}

/* Appends entries 1..n, each hashed over the one before (the first over 32 zero bytes). */
static void build(struct entry *e, size_t n)
{
	unsigned char prev[CHAIN_HASH_BYTES] = { 0 };
	for (size_t i = 0; i < n; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		e[i].seq = (long long)i + 1;
		snprintf(e[i].action, sizeof(e[i].action), "%s", i % 2 ? "section_saved" : "login");
		snprintf(e[i].login, sizeof(e[i].login), "eu-editor");
		snprintf(e[i].detail, sizeof(e[i].detail), "entry %zu", i + 1);
		e[i].detail_null = i == 2;
		struct chain_field f[FIELDS];
		memcpy(e[i].prev, prev, sizeof(prev));
		chain_hash(key, prev, f, fields_of(&e[i], f), e[i].hash);
		memcpy(prev, e[i].hash, sizeof(prev));
	}
}

/* 0 when the n entries form an intact chain under k, else the seq of the first that does not. */
static long long verify(const unsigned char *k, struct entry *e, size_t n)
{
	unsigned char prev[CHAIN_HASH_BYTES] = { 0 }, hash[CHAIN_HASH_BYTES];
	for (size_t i = 0; i < n; i++) {
		struct chain_field f[FIELDS];
		chain_hash(k, prev, f, fields_of(&e[i], f), hash);
		if (memcmp(e[i].prev, prev, sizeof(prev)) != 0 || memcmp(e[i].hash, hash, sizeof(hash)) != 0 ||
		    e[i].seq != (long long)i + 1)
			return e[i].seq;
		memcpy(prev, hash, sizeof(prev));
	}
	return 0;
}

static void test_known_answer(void)
{
	/* The encoding is what every recorded chain was hashed with: computed independently
	 * (Python hashlib.blake2b, key bytes 0..31, 32 zero bytes of prev). */
	unsigned char k[CHAIN_KEY_BYTES], prev[CHAIN_HASH_BYTES] = { 0 }, out[CHAIN_HASH_BYTES];
	for (int i = 0; i < CHAIN_KEY_BYTES; i++)
		k[i] = (unsigned char)i;
	const struct chain_field f[] = { { "1", 1 }, { "login", 5 }, { NULL, 0 }, { "\xED\x95\x9C", 3 } };
	chain_hash(k, prev, f, 4, out);
	char hex[2 * CHAIN_HASH_BYTES + 1];
	for (int i = 0; i < CHAIN_HASH_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	CHECK_STR(hex, "4e2e57258c8ba2f70290a5bd523a6931fb9f51664df679e28b9479b1da71a09a");
}

static void test_intact_chain_verifies(void)
{
	struct entry e[ENTRIES];
	build(e, ENTRIES);
	CHECK(verify(key, e, ENTRIES) == 0);
	/* Each entry's hash differs from the others' and is the next one's prev. */
	for (int i = 1; i < ENTRIES; i++) {
		CHECK(memcmp(e[i].prev, e[i - 1].hash, CHAIN_HASH_BYTES) == 0);
		CHECK(memcmp(e[i].hash, e[i - 1].hash, CHAIN_HASH_BYTES) != 0);
	}
}

static void test_a_changed_byte_is_found(void)
{
	struct entry e[ENTRIES];
	build(e, ENTRIES);
	e[2].login[0] ^= 0x01;                        /* one bit of one field of entry 3 */
	CHECK(verify(key, e, ENTRIES) == 3);
	build(e, ENTRIES);
	e[3].hash[31] ^= 0x80;                        /* the stored hash of entry 4 */
	CHECK(verify(key, e, ENTRIES) == 4);
	build(e, ENTRIES);
	e[4].prev[0] ^= 0x01;                         /* the stored link of entry 5 */
	CHECK(verify(key, e, ENTRIES) == 5);
	build(e, ENTRIES);
	e[2].detail_null = false;                     /* NULL made "" */
	e[2].detail[0] = '\0';
	CHECK(verify(key, e, ENTRIES) == 3);
}

static void test_a_removed_entry_is_found(void)
{
	struct entry e[ENTRIES];
	build(e, ENTRIES);
	memmove(&e[1], &e[2], sizeof(e[0]) * (ENTRIES - 2));   /* entry 2 taken out */
	CHECK(verify(key, e, ENTRIES - 1) == 3);
	/* Renumbered to close the gap, and its prev set to entry 1's hash: still found,
	 * since the seq is hashed and the hash cannot be remade without the key. */
	e[1].seq = 2;
	memcpy(e[1].prev, e[0].hash, CHAIN_HASH_BYTES);
	CHECK(verify(key, e, ENTRIES - 1) == 2);
	/* Dropping the last entries leaves a valid prefix: the recorded head is what finds that. */
	build(e, ENTRIES);
	CHECK(verify(key, e, ENTRIES - 2) == 0);
}

static void test_swapped_entries_are_found(void)
{
	struct entry e[ENTRIES], t;
	build(e, ENTRIES);
	t = e[1];
	e[1] = e[2];
	e[2] = t;
	CHECK(verify(key, e, ENTRIES) == 3);
}

static void test_the_key_matters(void)
{
	struct entry e[ENTRIES];
	build(e, ENTRIES);
	unsigned char other[CHAIN_KEY_BYTES];
	memcpy(other, key, sizeof(other));
	other[0] ^= 0x01;
	CHECK(verify(other, e, ENTRIES) == 1);
}

static void test_fields_cannot_be_shifted(void)
{
	unsigned char prev[CHAIN_HASH_BYTES] = { 0 }, a[CHAIN_HASH_BYTES], b[CHAIN_HASH_BYTES];
	const struct chain_field ab_c[] = { { "ab", 2 }, { "c", 1 } }, a_bc[] = { { "a", 1 }, { "bc", 2 } };
	chain_hash(key, prev, ab_c, 2, a);
	chain_hash(key, prev, a_bc, 2, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	const struct chain_field null[] = { { NULL, 0 } }, empty[] = { { "", 0 } };
	chain_hash(key, prev, null, 1, a);
	chain_hash(key, prev, empty, 1, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	const struct chain_field one[] = { { "x", 1 } }, two[] = { { "x", 1 }, { "", 0 } };
	chain_hash(key, prev, one, 1, a);
	chain_hash(key, prev, two, 2, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
}

static void test_columns_as_fields(void)
{
	char num[24];
	struct db_col text = { .s = "abc", .len = 3 }, nul = { .null = true }, integer = { .i = -42 };
	struct chain_field f = chain_text(&text);
	CHECK(f.s == text.s && f.len == 3);
	CHECK(chain_text(&nul).s == NULL);
	f = chain_int(&integer, num);
	CHECK(f.s == num && f.len == 3);
	CHECK_STR(num, "-42");
	CHECK(chain_int(&nul, num).s == NULL);
}

int main(void)
{
	RUN(test_known_answer);
	RUN(test_intact_chain_verifies);
	RUN(test_a_changed_byte_is_found);
	RUN(test_a_removed_entry_is_found);
	RUN(test_swapped_entries_are_found);
	RUN(test_the_key_matters);
	RUN(test_fields_cannot_be_shifted);
	RUN(test_columns_as_fields);
	return check_summary("test_chain");
}
