/*
 * Hash chains for the audit log and the revisions: each entry's hash is
 * BLAKE2b-256 over the previous entry's hash and the entry's fields, each
 * field written as a 4-byte big-endian length and its bytes (NULL as length
 * 0xFFFFFFFF), so no two different entries can encode alike. The hash is
 * keyed with a secret kept outside the database (config chain_key_file):
 * whoever can write to the database alone cannot rebuild a valid chain.
 */
#ifndef PORTAL_CHAIN_H
#define PORTAL_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

#define CHAIN_HASH_BYTES 32
#define CHAIN_KEY_BYTES 32

struct chain_field {
	const char *s;   /* NULL encodes SQL NULL */
	size_t len;
};

void chain_hash(const unsigned char key[CHAIN_KEY_BYTES], const unsigned char prev[CHAIN_HASH_BYTES],
                const struct chain_field *fields, size_t n, unsigned char out[CHAIN_HASH_BYTES]);

/*
 * Appending to a chain kept in MariaDB ("audit" or "revisions"), inside the
 * caller's transaction: chain_next locks the chain's head row (serialising
 * appends), and computes the next entry's seq and hash over the seq and the
 * given fields; the caller inserts the entry, then calls chain_advance.
 */
enum err chain_next(struct db *db, const unsigned char *key, const char *chain,
                          const struct chain_field *fields, size_t n, long long *seq,
                          unsigned char prev[CHAIN_HASH_BYTES], unsigned char hash[CHAIN_HASH_BYTES]);
enum err chain_advance(struct db *db, const char *chain, long long seq, const unsigned char hash[CHAIN_HASH_BYTES]);
/* (chain_advance also notes the new head in db->moved: recorded outside the database after the commit.) */

/*
 * The hashes of a chain's intact entries as a verification computed them:
 * entry n at hash[n - 1]. Grown with realloc; free with chain_hashes_free.
 */
struct chain_hashes {
	unsigned char (*hash)[CHAIN_HASH_BYTES];
	size_t n, cap;
	bool failed;   /* out of memory: incomplete */
};
void chain_hashes_free(struct chain_hashes *h);

/*
 * Verifying a chain: stmt returns every entry in seq order, the hashed
 * columns first (seq first of them), then prev_hash and hash. fields turns a
 * row into chain fields (num: scratch for numbers as text) and returns how
 * many. *broken_seq is 0 when the chain is intact and its head agrees,
 * else the first entry that does not match; *count the entries read.
 * keep (may be NULL) receives the hashes of the entries before the break.
 */
typedef size_t (*chain_fields_fn)(const struct db_col *c, struct chain_field *f, char num[][24]);
enum err chain_verify(struct db *db, const unsigned char *key, const char *chain, enum stmt_id stmt,
                            chain_fields_fn fields, long long *broken_seq, long long *count,
                            struct chain_hashes *keep);

/* A column as a chain field: text as it is, integers as decimal text; NULL stays NULL. */
struct chain_field chain_text(const struct db_col *c);
struct chain_field chain_int(const struct db_col *c, char num[24]);

#endif
