#include "db/chain.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void chain_hash(const unsigned char key[CHAIN_KEY_BYTES], const unsigned char prev[CHAIN_HASH_BYTES],
                const struct chain_field *fields, size_t n, unsigned char out[CHAIN_HASH_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, key, CHAIN_KEY_BYTES, CHAIN_HASH_BYTES);
	crypto_generichash_update(&st, prev, CHAIN_HASH_BYTES);
	for (size_t i = 0; i < n; i++) {
		uint32_t len = fields[i].s ? (uint32_t)fields[i].len : UINT32_MAX;
		unsigned char be[4] = { (unsigned char)(len >> 24), (unsigned char)(len >> 16),
		                        (unsigned char)(len >> 8), (unsigned char)len };
		crypto_generichash_update(&st, be, 4);
		if (fields[i].s)
			crypto_generichash_update(&st, (const unsigned char *)fields[i].s, fields[i].len);
	}
	crypto_generichash_final(&st, out, CHAIN_HASH_BYTES);
}

struct head {
	long long seq;
	unsigned char hash[32];
	bool found;
};

/* The columns of ST_CHAIN_LOCK and ST_CHAIN_HEAD (the same, in the same order). */
enum head_col {
	HD_SEQ, HD_HASH,
};

static int head_row(void *ud, const struct db_col *c, unsigned n)
{
	struct head *h = ud;
	(void)n;
	h->seq = c[HD_SEQ].i;
	if (c[HD_HASH].len == 32)
		memcpy(h->hash, c[HD_HASH].s, 32);
	h->found = c[HD_HASH].len == 32;
	return 0;
}

enum err chain_next(struct db *db, const unsigned char *key, const char *chain,
                          const struct chain_field *fields, size_t n, long long *seq,
                          unsigned char prev[CHAIN_HASH_BYTES], unsigned char hash[CHAIN_HASH_BYTES])
{
	struct head h = { 0 };
	enum err r = DB_RUN(db, ST_CHAIN_LOCK, head_row, &h, DB_STR(chain));
	if (r != E_OK)
		return r;
	if (!h.found)
		return E_FAILED;
	*seq = h.seq + 1;
	memcpy(prev, h.hash, 32);
	/* The sequence number is the first hashed field: an entry cannot move. */
	char seqtext[24];
	struct chain_field all[16];
	if (n + 1 > sizeof(all) / sizeof(all[0]))
		return E_FAILED;
	all[0] = (struct chain_field){ seqtext, (size_t)snprintf(seqtext, sizeof(seqtext), "%lld", *seq) };
	memcpy(all + 1, fields, n * sizeof(*fields));
	chain_hash(key, prev, all, n + 1, hash);
	return E_OK;
}

static enum err chain_check_head(struct db *db, const char *chain, long long seq,
                                const unsigned char hash[32], bool *matches)
{
	struct head h = { 0 };
	enum err r = DB_RUN(db, ST_CHAIN_HEAD, head_row, &h, DB_STR(chain));
	*matches = r == E_OK && h.found && h.seq == seq && memcmp(h.hash, hash, 32) == 0;
	return r;
}

/* Remembers the chain's new head, for the record outside the database after the commit. */
static void note_moved(struct db *db, const char *chain, long long seq, const unsigned char hash[32])
{
	unsigned i = 0;
	while (i < db->moved_n && strcmp(db->moved[i].chain, chain) != 0)
		i++;
	if (i == DB_MOVED_MAX)
		return;
	if (i == db->moved_n)
		db->moved_n++;
	db->moved[i].chain = strcmp(chain, "audit") == 0 ? "audit" : "revisions";
	db->moved[i].seq = seq;
	memcpy(db->moved[i].hash, hash, 32);
}

enum err chain_advance(struct db *db, const char *chain, long long seq, const unsigned char hash[32])
{
	enum err r = DB_RUN(db, ST_CHAIN_ADVANCE, NULL, NULL, DB_INT(seq), DB_BLOB(hash, 32), DB_STR(chain));
	if (r == E_OK)
		note_moved(db, chain, seq, hash);
	return r;
}


struct chain_check {
	const unsigned char *key;
	chain_fields_fn fields;
	unsigned char prev[CHAIN_HASH_BYTES];
	long long count, broken;
	struct chain_hashes *keep;
};

void chain_hashes_free(struct chain_hashes *h)
{
	free(h->hash);
	memset(h, 0, sizeof(*h));
}

static void keep_hash(struct chain_hashes *h, const unsigned char hash[CHAIN_HASH_BYTES])
{
	if (h->failed)
		return;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 1024;
		void *grown = realloc(h->hash, cap * CHAIN_HASH_BYTES);
		if (!grown) {
			h->failed = true;
			return;
		}
		h->hash = grown;
		h->cap = cap;
	}
	memcpy(h->hash[h->n++], hash, CHAIN_HASH_BYTES);
}

struct chain_field chain_text(const struct db_col *c)
{
	return (struct chain_field){ c->null ? NULL : c->s, c->len };
}

struct chain_field chain_int(const struct db_col *c, char num[24])
{
	if (c->null)
		return (struct chain_field){ NULL, 0 };
	return (struct chain_field){ num, (size_t)snprintf(num, 24, "%lld", c->i) };
}

/* A chain's statement (ST_AUDIT_ALL, ST_REVISIONS_ALL): seq first, prev_hash and hash last (chain.h). */
enum chain_col {
	CE_SEQ,
};

static int check_row(void *ud, const struct db_col *c, unsigned ncols)
{
	struct chain_check *v = ud;
	struct chain_field f[16];
	char num[8][24];
	size_t n = v->fields(c, f, num);
	v->count++;
	unsigned char hash[CHAIN_HASH_BYTES];
	chain_hash(v->key, v->prev, f, n, hash);
	const struct db_col *prev = &c[ncols - 2], *stored = &c[ncols - 1];
	bool linked = prev->len == CHAIN_HASH_BYTES && memcmp(prev->s, v->prev, CHAIN_HASH_BYTES) == 0;
	bool intact = stored->len == CHAIN_HASH_BYTES && memcmp(stored->s, hash, CHAIN_HASH_BYTES) == 0;
	/* A removed entry shows as a gap in seq. */
	if (!linked || !intact || c[CE_SEQ].i != v->count) {
		v->broken = c[CE_SEQ].i;
		return 1;
	}
	memcpy(v->prev, hash, CHAIN_HASH_BYTES);
	if (v->keep)
		keep_hash(v->keep, hash);
	return 0;
}

struct verify_tx {
	struct chain_check v;
	const char *chain;
	enum stmt_id stmt;
	bool head_ok;
};

/* The entries and the head in one transaction: one snapshot, however many are appended meanwhile. */
static enum err verify_tx(struct db *db, void *ud)
{
	struct verify_tx *t = ud;
	memset(t->v.prev, 0, sizeof(t->v.prev));
	t->v.count = t->v.broken = 0;
	if (t->v.keep)
		t->v.keep->n = 0;   /* the transaction may run again */
	t->head_ok = true;
	enum err r = db_run(db, t->stmt, NULL, 0, check_row, &t->v, NULL);
	if (r == E_OK && t->v.broken == 0)
		r = chain_check_head(db, t->chain, t->v.count, t->v.prev, &t->head_ok);
	return r;
}

enum err chain_verify(struct db *db, const unsigned char *key, const char *chain, enum stmt_id stmt,
                            chain_fields_fn fields, long long *broken_seq, long long *count,
                            struct chain_hashes *keep)
{
	struct verify_tx t = { .v = { .key = key, .fields = fields, .keep = keep }, .chain = chain, .stmt = stmt };
	enum err r = db_transaction(db, verify_tx, &t);
	if (r == E_OK && !t.head_ok)
		t.v.broken = t.v.count + 1;  /* entries missing after the last one found */
	*broken_seq = t.v.broken;
	*count = t.v.count;
	return r;
}
