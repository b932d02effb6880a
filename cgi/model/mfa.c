#include "model/mfa.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* crypto_kdf context of the pending-step key (8 bytes). */
static const char KDF_PENDING[crypto_kdf_CONTEXTBYTES + 1] = "mfapend_";
_Static_assert(MFA_PENDING_SEALED_MAX >= MFA_PENDING_MAX + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES,
               "room for the nonce and the MAC");

/* Calls fn for each space-separated word of the policy; stops when it returns non-zero. */
static int each_word(const char *p, int (*fn)(const char *word, void *ud), void *ud)
{
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		char word[16];
		if (n) {
			snprintf(word, sizeof(word), "%.*s", n < sizeof(word) ? (int)n : (int)sizeof(word) - 1, p);
			int rc = n < sizeof(word) ? fn(word, ud) : fn("", ud);
			if (rc)
				return rc;
		}
		p += n;
	}
	return 0;
}

static int names_role(const char *word, void *ud)
{
	enum role r;
	return role_parse(word, &r) == 0 && r == *(const enum role *)ud;
}

bool mfa_required_for(const struct config *cfg, enum role role)
{
	return each_word(cfg->mfa_required, names_role, &role) != 0;
}

static int not_a_role(const char *word, void *ud)
{
	enum role r;
	if (strcmp(word, "none") == 0 || role_parse(word, &r) == 0)
		return 0;
	*(const char **)ud = word;
	return 1;
}

int mfa_policy_check(const struct config *cfg, char *err, size_t errlen)
{
	const char *bad = NULL;
	char copy[sizeof(cfg->mfa_required)];
	snprintf(copy, sizeof(copy), "%s", cfg->mfa_required);
	if (each_word(copy, not_a_role, &bad) == 0)
		return 0;
	snprintf(err, errlen, "mfa_required: \"%s\" is not a role (viewer, editor, cochair, admin) or none",
	         bad ? bad : "");
	return -1;
}

/* The columns of ST_MFA_STATUS. */
enum { MS_SECRET, MS_COUNTER, MS_ENROLLED_AT, MS_CODES_LEFT };

struct status_read {
	struct mfa_status *out;
	bool found;
};

static int status_row(void *ud, const struct db_col *c, unsigned n)
{
	struct status_read *s = ud;
	(void)n;
	s->found = true;
	s->out->totp = !c[MS_SECRET].null && c[MS_SECRET].len == TOTP_SEALED_BYTES;
	snprintf(s->out->enrolled_at, sizeof(s->out->enrolled_at), "%.*s",
	         c[MS_ENROLLED_AT].null ? 0 : (int)c[MS_ENROLLED_AT].len, c[MS_ENROLLED_AT].s);
	s->out->codes_left = c[MS_CODES_LEFT].i;
	return 0;
}

enum err mfa_status(struct db *db, long long account_id, struct mfa_status *out)
{
	memset(out, 0, sizeof(*out));
	struct status_read s = { out, false };
	enum err e = DB_RUN(db, ST_MFA_STATUS, status_row, &s, DB_INT(account_id));
	if (e != E_OK)
		return e;
	return s.found ? E_OK : E_NOT_FOUND;
}

/* ---- checking a code ---- */

struct locked_factor {
	bool found, enrolled;
	unsigned char sealed[TOTP_SEALED_BYTES];
	uint64_t last_counter;
};

/* The columns of ST_MFA_LOCK. */
enum { ML_SECRET, ML_COUNTER };

static int lock_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked_factor *l = ud;
	(void)n;
	l->found = true;
	l->enrolled = !c[ML_SECRET].null && c[ML_SECRET].len == TOTP_SEALED_BYTES;
	if (l->enrolled)
		memcpy(l->sealed, c[ML_SECRET].s, TOTP_SEALED_BYTES);
	l->last_counter = c[ML_COUNTER].null ? 0 : (uint64_t)c[ML_COUNTER].i;
	return 0;
}

struct verify {
	const struct config *cfg;
	const struct actor *by;
	long long account_id;
	const char *code;
	time_t now;
	bool use_recovery;
	enum mfa_outcome out;
	bool unopened;
};

static enum err audit_factor(struct db *db, const struct config *cfg, const struct actor *by, const char *action,
                             long long account_id, const char *what)
{
	char detail[120];
	snprintf(detail, sizeof(detail), "account %lld%s%s", account_id, *what ? ": " : "", what);
	struct audit_entry e = { by->account_id, by->login, by->side, action, detail, by->addr };
	return audit_append(db, cfg->chain_key, &e);
}

/* A recovery code: used when it is one of the account's unused ones. */
static enum err try_recovery(struct db *db, struct verify *v)
{
	unsigned char hash[RECOVERY_HASH_BYTES];
	if (recovery_code_hash(v->cfg->mfa_key, (uint64_t)v->account_id, v->code, strlen(v->code), hash) != 0)
		return E_OK;   /* not a recovery code either: MFA_WRONG */
	unsigned long long changed = 0;
	struct db_arg args[] = { DB_INT(v->account_id), DB_BLOB(hash, sizeof(hash)) };
	enum err e = db_run(db, ST_RECOVERY_USE, args, 2, NULL, NULL, &changed);
	if (e != E_OK || changed != 1)
		return e;
	v->out = MFA_RECOVERY;
	return audit_factor(db, v->cfg, v->by, "recovery_code_used", v->account_id, "");
}

static enum err verify_tx(struct db *db, void *ud)
{
	struct verify *v = ud;
	struct locked_factor l = { 0 };
	v->out = MFA_WRONG;
	v->unopened = false;
	enum err e = DB_RUN(db, ST_MFA_LOCK, lock_row, &l, DB_INT(v->account_id));
	if (e != E_OK)
		return e;
	if (!l.found)
		return E_NOT_FOUND;
	if (!l.enrolled) {
		v->out = MFA_NO_FACTOR;
		return E_OK;
	}
	unsigned char secret[TOTP_SECRET_BYTES];
	if (totp_open(v->cfg->mfa_key, (uint64_t)v->account_id, l.sealed, secret) != 0) {
		v->unopened = true;
		return E_FAILED;
	}
	uint64_t matched = 0;
	enum totp_result r = totp_check(secret, v->code, v->now, l.last_counter, &matched);
	sodium_memzero(secret, sizeof(secret));
	if (r == TOTP_ACCEPTED) {
		v->out = MFA_TOTP;
		return DB_RUN(db, ST_MFA_SET_COUNTER, NULL, NULL, DB_INT((long long)matched), DB_INT(v->account_id));
	}
	if (r == TOTP_REPLAYED) {
		v->out = MFA_REPLAYED;
		return E_OK;
	}
	return v->use_recovery ? try_recovery(db, v) : E_OK;
}

enum err mfa_verify(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                    const char *code, time_t now, bool use_recovery, enum mfa_outcome *out)
{
	struct verify v = { cfg, by, account_id, code ? code : "", now, use_recovery, MFA_WRONG, false };
	enum err e = db_transaction(db, verify_tx, &v);
	*out = e == E_OK ? v.out : MFA_WRONG;
	return e;
}

/* ---- enrolling, renewing, resetting ---- */

static enum err store_codes(struct db *db, const struct config *cfg, long long account_id, char *const *codes)
{
	enum err e = DB_RUN(db, ST_RECOVERY_DELETE, NULL, NULL, DB_INT(account_id));
	for (int i = 0; e == E_OK && i < RECOVERY_CODE_COUNT; i++) {
		unsigned char hash[RECOVERY_HASH_BYTES];
		if (recovery_code_hash(cfg->mfa_key, (uint64_t)account_id, codes[i], strlen(codes[i]), hash) != 0)
			return E_FAILED;
		e = DB_RUN(db, ST_RECOVERY_INSERT, NULL, NULL, DB_INT(account_id), DB_BLOB(hash, sizeof(hash)));
	}
	return e;
}

enum err mfa_enrol(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                   const unsigned char secret[TOTP_SECRET_BYTES], uint64_t counter, char *const *codes,
                   bool replacing)
{
	unsigned char sealed[TOTP_SEALED_BYTES];
	totp_seal(cfg->mfa_key, (uint64_t)account_id, secret, sealed);
	enum err e = DB_RUN(db, ST_MFA_SET_TOTP, NULL, NULL, DB_BLOB(sealed, sizeof(sealed)),
	                    DB_INT((long long)counter), DB_INT(account_id));
	if (e == E_OK)
		e = store_codes(db, cfg, account_id, codes);
	if (e == E_OK)
		e = audit_factor(db, cfg, by, replacing ? "totp_replaced" : "totp_enrolled", account_id, "");
	return e;
}

enum err mfa_renew_codes(struct db *db, const struct config *cfg, const struct actor *by, long long account_id,
                         char *const *codes)
{
	enum err e = store_codes(db, cfg, account_id, codes);
	return e == E_OK ? audit_factor(db, cfg, by, "recovery_codes_renewed", account_id, "") : e;
}

struct reset {
	const struct config *cfg;
	const struct actor *by;
	long long account_id;
};

static enum err reset_tx(struct db *db, void *ud)
{
	struct reset *r = ud;
	unsigned long long changed = 0;
	struct db_arg id = DB_INT(r->account_id);
	enum err e = db_run(db, ST_MFA_CLEAR, &id, 1, NULL, NULL, &changed);
	if (e == E_OK && changed == 0)
		return E_NOT_FOUND;
	if (e == E_OK)
		e = DB_RUN(db, ST_RECOVERY_DELETE, NULL, NULL, DB_INT(r->account_id));
	if (e == E_OK)
		e = DB_RUN(db, ST_SESSION_DELETE_ACCOUNT, NULL, NULL, DB_INT(r->account_id));
	return e == E_OK ? audit_factor(db, r->cfg, r->by, "mfa_reset", r->account_id, "sessions ended") : e;
}

enum err mfa_reset(struct db *db, const struct config *cfg, const struct actor *by, long long account_id)
{
	struct reset r = { cfg, by, account_id };
	return db_transaction(db, reset_tx, &r);
}

/* ---- what a half-done step keeps ---- */

static void pending_key(const struct config *cfg, long long account_id, unsigned char key[crypto_secretbox_KEYBYTES])
{
	crypto_kdf_derive_from_key(key, crypto_secretbox_KEYBYTES, (uint64_t)account_id, KDF_PENDING, cfg->mfa_key);
}

size_t mfa_pending_seal(const struct config *cfg, long long account_id, const char *text,
                        unsigned char out[MFA_PENDING_SEALED_MAX])
{
	size_t n = strlen(text);
	if (n > MFA_PENDING_MAX)
		return 0;
	unsigned char key[crypto_secretbox_KEYBYTES];
	pending_key(cfg, account_id, key);
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n, out, key);
	sodium_memzero(key, sizeof(key));
	return crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
}

char *mfa_pending_open(struct arena *a, const struct config *cfg, long long account_id, const unsigned char *sealed,
                       size_t len)
{
	size_t over = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
	if (!sealed || len < over || len > MFA_PENDING_SEALED_MAX)
		return NULL;
	char *text = arena_alloc(a, len - over + 1);
	if (!text)
		return NULL;
	unsigned char key[crypto_secretbox_KEYBYTES];
	pending_key(cfg, account_id, key);
	int bad = crypto_secretbox_open_easy((unsigned char *)text, sealed + crypto_secretbox_NONCEBYTES,
	                                     len - crypto_secretbox_NONCEBYTES, sealed, key);
	sodium_memzero(key, sizeof(key));
	if (bad)
		return NULL;
	text[len - over] = '\0';
	return text;
}
