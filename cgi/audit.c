#include "audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chain.h"

void audit_now(char out[27])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 27, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out + n, 27 - n, ".%06ld", ts.tv_nsec / 1000);
}

struct head {
	long long seq;
	unsigned char hash[32];
	bool found;
};

static int head_row(void *ud, const struct db_col *c, unsigned n)
{
	struct head *h = ud;
	(void)n;
	h->seq = c[0].i;
	if (c[1].len == 32)
		memcpy(h->hash, c[1].s, 32);
	h->found = c[1].len == 32;
	return 0;
}

enum db_result chain_next(struct db *db, const unsigned char *key, const char *chain,
                          const struct chain_field *fields, size_t n, long long *seq,
                          unsigned char prev[32], unsigned char hash[32])
{
	struct head h = { 0 };
	enum db_result r = DB_RUN(db, ST_CHAIN_LOCK, head_row, &h, DB_STR(chain));
	if (r != DB_OK)
		return r;
	if (!h.found)
		return DB_FAILED;
	*seq = h.seq + 1;
	memcpy(prev, h.hash, 32);
	/* The sequence number is the first hashed field: an entry cannot move. */
	char seqtext[24];
	struct chain_field all[16];
	if (n + 1 > sizeof(all) / sizeof(all[0]))
		return DB_FAILED;
	all[0] = (struct chain_field){ seqtext, (size_t)snprintf(seqtext, sizeof(seqtext), "%lld", *seq) };
	memcpy(all + 1, fields, n * sizeof(*fields));
	chain_hash(key, prev, all, n + 1, hash);
	return DB_OK;
}

enum db_result chain_check_head(struct db *db, const char *chain, long long seq,
                                const unsigned char hash[32], bool *matches)
{
	struct head h = { 0 };
	enum db_result r = DB_RUN(db, ST_CHAIN_HEAD, head_row, &h, DB_STR(chain));
	*matches = r == DB_OK && h.found && h.seq == seq && memcmp(h.hash, hash, 32) == 0;
	return r;
}

enum db_result chain_advance(struct db *db, const char *chain, long long seq, const unsigned char hash[32])
{
	return DB_RUN(db, ST_CHAIN_ADVANCE, NULL, NULL, DB_INT(seq), DB_BLOB(hash, 32), DB_STR(chain));
}

static struct chain_field field(const char *s)
{
	return (struct chain_field){ s, s ? strlen(s) : 0 };
}

enum db_result audit_append(struct db *db, const unsigned char *key, const struct audit_entry *e)
{
	char at[27], account[24];
	audit_now(at);
	snprintf(account, sizeof(account), "%lld", e->account_id);
	const char *detail = e->detail ? e->detail : "";
	const char *addr = e->client_addr ? e->client_addr : "-";
	struct chain_field fields[] = {
		field(at), field(e->account_id ? account : NULL), field(e->login), field(e->side),
		field(e->action), field(detail), field(addr),
	};
	long long seq;
	unsigned char prev[32], hash[32];
	enum db_result r = chain_next(db, key, "audit", fields, sizeof(fields) / sizeof(fields[0]), &seq, prev, hash);
	if (r != DB_OK)
		return r;
	r = DB_RUN(db, ST_AUDIT_INSERT, NULL, NULL, DB_INT(seq), DB_STR(at),
	           e->account_id ? DB_INT(e->account_id) : DB_NULL,
	           e->login ? DB_STR(e->login) : DB_NULL, e->side ? DB_STR(e->side) : DB_NULL,
	           DB_STR(e->action), DB_STR(detail), DB_STR(addr), DB_BLOB(prev, 32), DB_BLOB(hash, 32));
	if (r != DB_OK)
		return r;
	return chain_advance(db, "audit", seq, hash);
}

struct record {
	const unsigned char *key;
	const struct audit_entry *e;
};

static enum db_result append_tx(struct db *db, void *ud)
{
	struct record *rec = ud;
	return audit_append(db, rec->key, rec->e);
}

enum db_result audit_record(struct db *db, const unsigned char *key, const struct audit_entry *e)
{
	struct record rec = { key, e };
	return db_transaction(db, append_tx, &rec);
}

struct verify {
	const unsigned char *key;
	unsigned char prev[32];
	long long count, broken;
};

static struct chain_field col_field(const struct db_col *c)
{
	return (struct chain_field){ c->null ? NULL : c->s, c->len };
}

/* seq, at, account id, login, side, action, detail, addr, prev hash, hash */
static int verify_row(void *ud, const struct db_col *c, unsigned n)
{
	struct verify *v = ud;
	(void)n;
	v->count++;
	char seq[24], account[24];
	struct chain_field f[8] = {
		{ seq, (size_t)snprintf(seq, sizeof(seq), "%lld", c[0].i) },
		col_field(&c[1]),
		{ c[2].null ? NULL : account, c[2].null ? 0 : (size_t)snprintf(account, sizeof(account), "%lld", c[2].i) },
		col_field(&c[3]), col_field(&c[4]), col_field(&c[5]), col_field(&c[6]), col_field(&c[7]),
	};
	unsigned char hash[32];
	chain_hash(v->key, v->prev, f, 8, hash);
	bool linked = c[8].len == 32 && memcmp(c[8].s, v->prev, 32) == 0;
	bool intact = c[9].len == 32 && memcmp(c[9].s, hash, 32) == 0;
	/* A missing entry shows as a gap in seq. */
	if (!linked || !intact || c[0].i != v->count) {
		v->broken = c[0].i;
		return 1;
	}
	memcpy(v->prev, hash, 32);
	return 0;
}

enum db_result audit_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count)
{
	struct verify v = { .key = key, .count = 0, .broken = 0 };
	memset(v.prev, 0, sizeof(v.prev));
	enum db_result r = db_run(db, ST_AUDIT_ALL, NULL, 0, verify_row, &v, NULL);
	bool head_ok = true;
	if (r == DB_OK && v.broken == 0)
		r = chain_check_head(db, "audit", v.count, v.prev, &head_ok);
	if (r == DB_OK && !head_ok)
		v.broken = v.count + 1;  /* entries missing after the last one found */
	*broken_seq = v.broken;
	*count = v.count;
	return r;
}
