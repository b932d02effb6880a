#include "ops/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "model/audit.h"
#include "db/chain.h"
#include "model/content.h"
#include "db/heads.h"

#define SHOWN_MAX 20   /* disagreements printed per kind; the rest are counted */

/* ---- the chains and their recorded heads ------------------------------------------------ */

struct chain_kind {
	const char *name, *id, *unit, *units;
	enum err (*check)(struct db *, const unsigned char *, long long *, long long *, struct chain_hashes *);
};

static const struct chain_kind chains[] = {
	{ "audit log", "audit", "entry", "entries", audit_verify },
	{ "revisions", "revisions", "revision", "revisions", revisions_verify },
};

/* The heads recorded outside the database, against the chain just read. 0 or 1. */
static int report_heads(const struct config *cfg, const struct chain_kind *ch, off_t upto,
                        const struct chain_hashes *hashes, long long count)
{
	struct heads_result r;
	char err[CONFIG_PATH_MAX + 64];
	if (heads_check(cfg->chain_heads_file, upto, ch->id, hashes, count, &r, err, sizeof(err)) != 0) {
		printf("%s: cannot read the recorded heads: %s\n", ch->name, err);
		return 1;
	}
	int rc = 0;
	if (r.missing_seq) {
		printf("%s: REWOUND: %s %lld, recorded outside the database at %s, is gone: the chain ends at %s %lld"
		       " (%s removed and the head moved back)\n", ch->name, ch->unit, r.missing_seq, r.missing_at,
		       ch->unit, count, ch->units);
		rc = 1;
	}
	if (r.differs_seq) {
		printf("%s: REWRITTEN: %s %lld is not the one recorded outside the database at %s\n", ch->name, ch->unit,
		       r.differs_seq, r.differs_at);
		rc = 1;
	}
	if (r.bad_lines) {
		printf("%s: the file of recorded heads has lines that are not heads (%lld): it was edited\n", ch->name,
		       r.bad_lines);
		rc = 1;
	}
	if (rc)
		return rc;
	if (r.last_seq < 0)
		printf("%s: no head recorded outside the database yet\n", ch->name);
	else if (r.last_seq < count)
		printf("%s: the heads recorded outside the database (last: %s %lld) are in the chain;"
		       " %lld newer %s not recorded (a crash before recording, or written without the portal)\n",
		       ch->name, ch->unit, r.last_seq, count - r.last_seq, count - r.last_seq == 1 ? ch->unit : ch->units);
	else
		printf("%s: the heads recorded outside the database (last: %s %lld) are in the chain\n", ch->name,
		       ch->unit, r.last_seq);
	return 0;
}

/* One chain: its hashes, then the recorded heads. 0, 1, or -1 when the database is unavailable. */
static int verify_chain(const struct config *cfg, struct db *db, const struct chain_kind *ch)
{
	/* Measured before the chain is read: every head recorded by then was committed before the read. */
	struct stat sb;
	off_t upto = cfg->chain_heads_file[0] && stat(cfg->chain_heads_file, &sb) == 0 ? sb.st_size : 0;
	struct chain_hashes hashes = { 0 };
	long long broken = 0, count = 0;
	if (ch->check(db, cfg->chain_key, &broken, &count, &hashes) != E_OK) {
		chain_hashes_free(&hashes);
		return -1;
	}
	int rc = 0;
	if (broken) {
		printf("%s: BROKEN at %s %lld (after %lld intact): it, or one before it, was altered or removed\n",
		       ch->name, ch->unit, broken, broken - 1);
		rc = 1;
	} else {
		printf("%s: intact, %lld %s\n", ch->name, count, ch->units);
		if (hashes.failed) {
			printf("%s: out of memory: the recorded heads were not compared\n", ch->name);
			rc = 1;
		} else if (cfg->chain_heads_file[0]) {
			rc = report_heads(cfg, ch, upto, &hashes, count);
		}
	}
	chain_hashes_free(&hashes);
	return rc;
}

/* ---- live rows --------------------------------------------------------------------------- */

struct tally {
	long long differ;
};

static void differs(struct tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void differs(struct tally *t, const char *fmt, ...)
{
	if (t->differ++ >= SHOWN_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void latest(char *out, size_t size, const struct db_col *seq, const struct db_col *version)
{
	if (seq->null)
		snprintf(out, size, "it has no revision");
	else
		snprintf(out, size, "its latest revision is %lld (version %lld)", seq->i, version->i);
}

/* The columns of ST_VERIFY_SECTIONS. */
enum verify_section_col {
	VS_AREA_ID, VS_AREA_SLUG, VS_SIDE, VS_LANG, VS_VERSION, VS_LATEST_SEQ, VS_LATEST_VERSION,
};

static int section_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	char why[80];
	latest(why, sizeof(why), &c[VS_LATEST_SEQ], &c[VS_LATEST_VERSION]);
	differs(ud, "section %.*s %.*s (%.*s), version %lld: its text or version differs from its revisions; %s",
	        (int)c[VS_AREA_SLUG].len, c[VS_AREA_SLUG].s, (int)c[VS_SIDE].len, c[VS_SIDE].s, (int)c[VS_LANG].len,
	        c[VS_LANG].s, c[VS_VERSION].i, why);
	return 0;
}

/* The columns of ST_VERIFY_NOTES. */
enum verify_note_col {
	VN_COMMITMENT_ID, VN_AREA_ID, VN_NUMBER, VN_SIDE, VN_LANG, VN_VERSION, VN_LATEST_SEQ, VN_LATEST_VERSION,
};

static int note_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	char why[80];
	latest(why, sizeof(why), &c[VN_LATEST_SEQ], &c[VN_LATEST_VERSION]);
	differs(ud, "note of commitment %lld (%lld.%lld) %.*s (%.*s), version %lld: its text or version differs from"
	        " its revisions; %s", c[VN_COMMITMENT_ID].i, c[VN_AREA_ID].i, c[VN_NUMBER].i, (int)c[VN_SIDE].len,
	        c[VN_SIDE].s, (int)c[VN_LANG].len, c[VN_LANG].s, c[VN_VERSION].i, why);
	return 0;
}

struct commitments_check {
	struct tally *t;
	struct arena a;
};

/* The columns of ST_VERIFY_COMMITMENTS. */
enum verify_commitment_col {
	VC_ID, VC_AREA_ID, VC_NUMBER, VC_TEXT, VC_TEXT_KO, VC_LEAD, VC_STATUS, VC_PROGRESS, VC_TARGET, VC_TARGET_KO,
	VC_VERSION, VC_LATEST_SEQ, VC_LATEST_VERSION, VC_LATEST_CONTENT,
};

static int commitment_row(void *ud, const struct db_col *c, unsigned n)
{
	struct commitments_check *k = ud;
	(void)n;
	arena_reset(&k->a);
	struct commitment_fields live = { db_col_dup(&k->a, &c[VC_TEXT]), db_col_dup(&k->a, &c[VC_TEXT_KO]),
	                                  lead_of(c[VC_LEAD].s), status_of(c[VC_STATUS].s), c[VC_PROGRESS].i,
	                                  db_col_dup(&k->a, &c[VC_TARGET]), db_col_dup(&k->a, &c[VC_TARGET_KO]) };
	struct commitment_fields rev;
	bool same;
	if (c[VC_LATEST_SEQ].null) {
		same = c[VC_VERSION].i == 1;   /* never changed since it was created */
	} else {
		const char *content = db_col_dup(&k->a, &c[VC_LATEST_CONTENT]);
		same = c[VC_LATEST_VERSION].i == c[VC_VERSION].i && live.text && live.text_ko && live.target &&
		       live.target_ko && content && commitment_parse(&k->a, content, &rev) == 0 &&
		       commitment_fields_equal(&live, &rev);
	}
	if (!same) {
		char why[80];
		latest(why, sizeof(why), &c[VC_LATEST_SEQ], &c[VC_LATEST_VERSION]);
		differs(k->t, "commitment %lld (%lld.%lld), version %lld: its fields differ from its revisions; %s",
		        c[VC_ID].i, c[VC_AREA_ID].i, c[VC_NUMBER].i, c[VC_VERSION].i, why);
	}
	return 0;
}

/* An account as it is, and as the audit log says it should be. */
struct account_state {
	long long id;
	char login[65], side[4], role[16];
	bool disabled;
	long long created_seq;
	char said_login[65], said_side[4], said_role[16];
	long long role_seq;
	bool said_disabled;
};

struct accounts_check {
	struct account_state *a;
	size_t n, cap;
	bool failed;
	struct tally *t;
};

static void copy_text(char *out, size_t size, const struct db_col *c)
{
	snprintf(out, size, "%.*s", (int)c->len, c->s ? c->s : "");
}

/* The columns of ST_VERIFY_ACCOUNTS (in id order). */
enum verify_account_col {
	VA_ID, VA_LOGIN, VA_SIDE, VA_ROLE, VA_DISABLED,
};

static int account_row(void *ud, const struct db_col *c, unsigned n)
{
	struct accounts_check *k = ud;
	(void)n;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;
		void *grown = realloc(k->a, cap * sizeof(*k->a));
		if (!grown) {
			k->failed = true;
			return 1;
		}
		k->a = grown;
		k->cap = cap;
	}
	struct account_state *s = &k->a[k->n++];
	memset(s, 0, sizeof(*s));
	s->id = c[VA_ID].i;
	copy_text(s->login, sizeof(s->login), &c[VA_LOGIN]);
	copy_text(s->side, sizeof(s->side), &c[VA_SIDE]);
	copy_text(s->role, sizeof(s->role), &c[VA_ROLE]);
	s->disabled = c[VA_DISABLED].i != 0;
	return 0;
}

static int by_id(const void *key, const void *elem)
{
	long long id = *(const long long *)key, other = ((const struct account_state *)elem)->id;
	return id < other ? -1 : id > other;
}

/*
 * The columns of ST_VERIFY_ACCOUNT_ENTRIES. The detail: "account 5 'kr-viewer' (KR viewer)",
 * "account 5 is now admin", "account 5".
 */
enum verify_entry_col {
	VE_SEQ, VE_ACTION, VE_DETAIL,
};

static int account_entry(void *ud, const struct db_col *c, unsigned n)
{
	struct accounts_check *k = ud;
	(void)n;
	char detail[200], action[24], login[65] = "", side[4] = "", role[16] = "";
	copy_text(detail, sizeof(detail), &c[VE_DETAIL]);
	copy_text(action, sizeof(action), &c[VE_ACTION]);
	long long id = 0;
	if (sscanf(detail, "account %lld", &id) != 1)
		return 0;
	struct account_state *s = bsearch(&id, k->a, k->n, sizeof(*k->a), by_id);
	if (!s) {
		if (strcmp(action, "account_created") == 0)
			differs(k->t, "account %lld: created (audit entry %lld), but it is not in the database", id,
			        c[VE_SEQ].i);
		return 0;
	}
	if (strcmp(action, "account_created") == 0 &&
	    sscanf(detail, "account %*d '%64[^']' (%3s %15[a-z])", login, side, role) == 3) {
		s->created_seq = c[VE_SEQ].i;
		snprintf(s->said_login, sizeof(s->said_login), "%s", login);
		snprintf(s->said_side, sizeof(s->said_side), "%s", side);
		snprintf(s->said_role, sizeof(s->said_role), "%s", role);
		s->role_seq = c[VE_SEQ].i;
		s->said_disabled = false;
	} else if (strcmp(action, "role_changed") == 0 && sscanf(detail, "account %*d is now %15[a-z]", role) == 1) {
		snprintf(s->said_role, sizeof(s->said_role), "%s", role);
		s->role_seq = c[VE_SEQ].i;
	} else if (strcmp(action, "account_disabled") == 0 || strcmp(action, "account_enabled") == 0) {
		s->said_disabled = action[8] == 'd';
	}
	return 0;
}

static void compare_account(const struct account_state *s, struct tally *t)
{
	if (!s->created_seq) {
		differs(t, "account %lld (%s): no audit entry records its creation", s->id, s->login);
		return;
	}
	if (strcmp(s->login, s->said_login) != 0 || strcmp(s->side, s->said_side) != 0)
		differs(t, "account %lld (%s %s): the audit log created it as %s (%s), entry %lld", s->id, s->login, s->side,
		        s->said_login, s->said_side, s->created_seq);
	if (strcmp(s->role, s->said_role) != 0)
		differs(t, "account %lld (%s): role %s, but the audit log says %s (entry %lld)", s->id, s->login, s->role,
		        s->said_role, s->role_seq);
	if (s->disabled != s->said_disabled)
		differs(t, "account %lld (%s): %s, but the audit log says %s", s->id, s->login,
		        s->disabled ? "disabled" : "enabled", s->said_disabled ? "disabled" : "enabled");
}

/* The accounts and the audit entries about them in one snapshot. */
static enum err accounts_tx(struct db *db, void *ud)
{
	struct accounts_check *k = ud;
	k->n = 0;
	enum err r = db_run(db, ST_VERIFY_ACCOUNTS, NULL, 0, account_row, k, NULL);
	if (r == E_OK && !k->failed)
		r = db_run(db, ST_VERIFY_ACCOUNT_ENTRIES, NULL, 0, account_entry, k, NULL);
	return r;
}

/* The column of ST_VERIFY_UNCOVERED. */
enum verify_uncovered_col {
	VU_COUNT,
};

static int count_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[VU_COUNT].i;
	return 0;
}

int verify_live_rows(struct db *db)
{
	struct tally t = { 0 };
	long long uncovered = -1;
	struct commitments_check cc = { .t = &t };
	struct accounts_check ac = { .t = &t };
	arena_init(&cc.a, 0);
	enum err r = db_run(db, ST_VERIFY_SECTIONS, NULL, 0, section_row, &t, NULL);
	if (r == E_OK)
		r = db_run(db, ST_VERIFY_NOTES, NULL, 0, note_row, &t, NULL);
	if (r == E_OK)
		r = db_run(db, ST_VERIFY_COMMITMENTS, NULL, 0, commitment_row, &cc, NULL);
	if (r == E_OK)
		r = db_transaction(db, accounts_tx, &ac);
	if (r == E_OK)
		r = db_run(db, ST_VERIFY_UNCOVERED, NULL, 0, count_row, &uncovered, NULL);
	for (size_t i = 0; r == E_OK && !ac.failed && i < ac.n; i++)
		compare_account(&ac.a[i], &t);
	arena_free(&cc.a);
	free(ac.a);
	if (r != E_OK || ac.failed) {
		printf("live rows: not checked (%s)\n", ac.failed ? "out of memory" : "database unavailable");
		return 1;
	}
	if (t.differ > SHOWN_MAX)
		printf("... and %lld more\n", t.differ - SHOWN_MAX);
	if (t.differ) {
		printf("live rows: %lld differ from their latest revisions or audit entries: changed outside the portal\n",
		       t.differ);
		return 1;
	}
	printf("live rows: sections, notes, commitments and accounts agree with their revisions and the audit log"
	       " (%lld parts never changed since they were created have no revision to compare with)\n", uncovered);
	return 0;
}

int verify_all(const struct config *cfg, struct db *db)
{
	int rc = 0;
	for (size_t i = 0; i < sizeof(chains) / sizeof(chains[0]); i++) {
		int r = verify_chain(cfg, db, &chains[i]);
		if (r < 0) {
			fprintf(stderr, "portalctl: verify: database unavailable\n");
			return 1;
		}
		rc |= r;
	}
	return verify_live_rows(db) | rc;
}
