#include "model/audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/chain.h"

void audit_now(char out[27])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 27, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out + n, 27 - n, ".%06ld", ts.tv_nsec / 1000);
}

static struct chain_field field(const char *s)
{
	return (struct chain_field){ s, s ? strlen(s) : 0 };
}

enum err audit_append(struct db *db, const unsigned char *key, const struct audit_entry *e)
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
	enum err r = chain_next(db, key, "audit", fields, sizeof(fields) / sizeof(fields[0]), &seq, prev, hash);
	if (r != E_OK)
		return r;
	r = DB_RUN(db, ST_AUDIT_INSERT, NULL, NULL, DB_INT(seq), DB_STR(at),
	           e->account_id ? DB_INT(e->account_id) : DB_NULL,
	           e->login ? DB_STR(e->login) : DB_NULL, e->side ? DB_STR(e->side) : DB_NULL,
	           DB_STR(e->action), DB_STR(detail), DB_STR(addr), DB_BLOB(prev, 32), DB_BLOB(hash, 32));
	if (r != E_OK)
		return r;
	return chain_advance(db, "audit", seq, hash);
}

struct record {
	const unsigned char *key;
	const struct audit_entry *e;
};

static enum err append_tx(struct db *db, void *ud)
{
	struct record *rec = ud;
	return audit_append(db, rec->key, rec->e);
}

enum err audit_record(struct db *db, const unsigned char *key, const struct audit_entry *e)
{
	struct record rec = { key, e };
	return db_transaction(db, append_tx, &rec);
}

/* The columns of ST_AUDIT_ALL: the fields the hash covers, in chain order, then prev_hash and hash. */
enum audit_chain_col {
	AH_SEQ, AH_AT, AH_ACCOUNT_ID, AH_LOGIN, AH_SIDE, AH_ACTION, AH_DETAIL, AH_CLIENT_ADDR, AH_PREV_HASH, AH_HASH,
};

static size_t audit_fields(const struct db_col *c, struct chain_field *f, char num[][24])
{
	f[0] = chain_int(&c[AH_SEQ], num[0]);
	f[1] = chain_text(&c[AH_AT]);
	f[2] = chain_int(&c[AH_ACCOUNT_ID], num[1]);
	for (int i = AH_LOGIN; i <= AH_CLIENT_ADDR; i++)
		f[i] = chain_text(&c[i]);
	return 8;
}

enum err audit_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count,
                            struct chain_hashes *keep)
{
	return chain_verify(db, key, "audit", ST_AUDIT_ALL, audit_fields, broken_seq, count, keep);
}
