#include "model/content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "db/chain.h"
#include "base/log.h"
#include "base/utf8.h"

static const char *const part_codes[PART__MAX] = { "joint", "eu", "kr" };

const char *part_code(enum part p)
{
	return p < PART__MAX ? part_codes[p] : "?";
}

int part_parse(const char *s, enum part *out)
{
	for (int i = 0; s && i < PART__MAX; i++)
		if (strcmp(s, part_codes[i]) == 0)
			return *out = (enum part)i, 0;
	return -1;
}

int part_side(enum part p)
{
	return p == PART_EU ? SIDE_EU : p == PART_KR ? SIDE_KR : -1;
}

/* ---- reading a part's current state, under a row lock when saving ---- */

struct locked {
	struct arena *a;
	bool found;
	long long area_id;
	char *content;
	long long version;
	long long stale_since;          /* sections and notes: 0 = up to date */
	char text_stale[4];             /* a commitment's joint text: "", "en" or "ko" */
	struct commitment_fields fields;
	enum part part;
};

/*
 * The columns of a section or a note: ST_SECTION_LOCK, ST_SECTION_BY_AREA_SIDE,
 * ST_NOTE_LOCK and ST_NOTE_READ all return these, in this order.
 */
enum text_col {
	TC_AREA_ID, TC_BODY, TC_VERSION, TC_STALE_SINCE,
};

static int text_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->area_id = c[TC_AREA_ID].i;
	l->content = arena_strndup(l->a, c[TC_BODY].s, c[TC_BODY].len);
	l->version = c[TC_VERSION].i;
	l->stale_since = c[TC_STALE_SINCE].null ? 0 : c[TC_STALE_SINCE].i;
	return 0;
}

/* The columns of ST_COMMITMENT_LOCK and ST_COMMITMENT_PARTS (the same, in the same order). */
enum commitment_parts_col {
	CP_AREA_ID, CP_TEXT, CP_TEXT_KO, CP_LEAD, CP_STATUS, CP_PROGRESS, CP_TARGET, CP_TARGET_KO, CP_VERSION,
	CP_TEXT_STALE,
};

static int commitment_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->area_id = c[CP_AREA_ID].i;
	struct arena *a = l->a;
	l->fields = (struct commitment_fields){
		arena_strndup(a, c[CP_TEXT].s, c[CP_TEXT].len), arena_strndup(a, c[CP_TEXT_KO].s, c[CP_TEXT_KO].len),
		lead_of(c[CP_LEAD].s), status_of(c[CP_STATUS].s), c[CP_PROGRESS].i,
		arena_strndup(a, c[CP_TARGET].s, c[CP_TARGET].len),
		arena_strndup(a, c[CP_TARGET_KO].s, c[CP_TARGET_KO].len),
	};
	struct buf joint;
	buf_init(&joint);
	commitment_canonical(&l->fields, &joint);
	l->content = arena_strndup(a, joint.data ? joint.data : "", joint.len);
	buf_free(&joint);
	l->version = c[CP_VERSION].i;
	snprintf(l->text_stale, sizeof(l->text_stale), "%.*s", c[CP_TEXT_STALE].null ? 0 : (int)c[CP_TEXT_STALE].len,
	         c[CP_TEXT_STALE].s);
	return 0;
}

static const char *side_of_part(enum part p)
{
	return p == PART_EU ? "eu" : "kr";
}

/* Reads a part: with a row lock (lock = true, inside a transaction) or without. */
static enum err read_part(struct ctx *ctx, const struct part_ref *ref, struct locked *l, bool lock)
{
	l->part = ref->part;
	if (ref->commitment_id == 0)
		return DB_RUN(&ctx->db, lock ? ST_SECTION_LOCK : ST_SECTION_BY_AREA_SIDE, text_row, l,
		              DB_INT(ref->area_id), DB_STR(part_code(ref->part)), DB_STR(lang_code(ref->lang)));
	if (ref->part != PART_JOINT)
		return DB_RUN(&ctx->db, lock ? ST_NOTE_LOCK : ST_NOTE_READ, text_row, l, DB_INT(ref->commitment_id),
		              DB_STR(side_of_part(ref->part)), DB_STR(lang_code(ref->lang)));
	return DB_RUN(&ctx->db, lock ? ST_COMMITMENT_LOCK : ST_COMMITMENT_PARTS, commitment_row, l,
	              DB_INT(ref->commitment_id));
}

char *content_now(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long *version,
                  enum err *db_error)
{
	struct locked l = { .a = a };
	*db_error = read_part(ctx, ref, &l, false);
	*version = l.version;
	return *db_error == E_OK && l.found && l.area_id == ref->area_id ? l.content : NULL;
}

/* ---- writing ---- */

/* The column of ST_REVISION_EXISTS. */
enum count_col {
	CN_COUNT,
};

static int count_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[CN_COUNT].i;
	return 0;
}

/*
 * A row of one text column (a form token's location, an old version's content):
 * ST_FORM_TOKEN_LOCK and ST_REVISION_CONTENT.
 */
enum single_text_col {
	SX_TEXT,
};

static int single_text_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->content = arena_strndup(l->a, c[SX_TEXT].s, c[SX_TEXT].len);
	return 0;
}

struct revision {
	const struct part_ref *ref;
	long long version;
	const char *content, *summary;
	long long account_id;      /* 0: none (the original) */
	const char *side;          /* NULL: none */
	const char *at;
	const char *origin;
	long long origin_ref;      /* 0: none */
};

static struct chain_field text_field(const char *s)
{
	return (struct chain_field){ s, s ? strlen(s) : 0 };
}

/* Inserts a revision into the chain; *seq_out (may be NULL) receives its seq. */
static enum err revision_insert(struct ctx *ctx, const struct revision *r, long long *seq_out)
{
	char area[24], commitment[24], version[24], account[24], ref[24], part[16];
	snprintf(area, sizeof(area), "%lld", r->ref->area_id);
	snprintf(commitment, sizeof(commitment), "%lld", r->ref->commitment_id);
	snprintf(version, sizeof(version), "%lld", r->version);
	snprintf(account, sizeof(account), "%lld", r->account_id);
	snprintf(ref, sizeof(ref), "%lld", r->origin_ref);
	/* "eu" for English, "eu:ko" for Korean: revisions from before languages hash as they did. */
	snprintf(part, sizeof(part), "%s%s%s", part_code(r->ref->part), r->ref->lang == LANG_EN ? "" : ":",
	         r->ref->lang == LANG_EN ? "" : lang_code(r->ref->lang));
	struct chain_field f[] = {
		text_field(area), text_field(commitment), text_field(part), text_field(version),
		text_field(r->content), text_field(r->summary), text_field(r->account_id ? account : NULL),
		text_field(r->side), text_field(r->at), text_field(r->origin), text_field(r->origin_ref ? ref : NULL),
	};
	long long seq;
	unsigned char prev[32], hash[32];
	enum err e = chain_next(&ctx->db, ctx->cfg->chain_key, "revisions", f, sizeof(f) / sizeof(f[0]),
	                              &seq, prev, hash);
	if (e != E_OK)
		return e;
	if (seq_out)
		*seq_out = seq;
	e = DB_RUN(&ctx->db, ST_REVISION_INSERT, NULL, NULL, DB_INT(seq), DB_INT(r->ref->area_id),
	           DB_INT(r->ref->commitment_id), DB_STR(part_code(r->ref->part)), DB_STR(lang_code(r->ref->lang)),
	           DB_INT(r->version),
	           DB_STR(r->content), DB_STR(r->summary), r->account_id ? DB_INT(r->account_id) : DB_NULL,
	           r->side ? DB_STR(r->side) : DB_NULL, DB_STR(r->at), DB_STR(r->origin),
	           r->origin_ref ? DB_INT(r->origin_ref) : DB_NULL, DB_BLOB(prev, 32), DB_BLOB(hash, 32));
	if (e != E_OK)
		return e;
	return chain_advance(&ctx->db, "revisions", seq, hash);
}

/* A part's first change also records what it was before: its 'original' revision. */
static enum err ensure_original(struct ctx *ctx, const struct part_ref *ref, long long version,
                                      const char *content, const char *at)
{
	long long exists = 0;
	enum err e = DB_RUN(&ctx->db, ST_REVISION_EXISTS, count_row, &exists, DB_INT(ref->area_id),
	                          DB_INT(ref->commitment_id), DB_STR(part_code(ref->part)),
	                          DB_STR(lang_code(ref->lang)), DB_INT(version));
	if (e != E_OK || exists)
		return e;
	struct revision r = { ref, version, content, "", 0, NULL, at, "original", 0 };
	return revision_insert(ctx, &r, NULL);
}

static enum err update_part(struct ctx *ctx, struct arena *a, const struct change *c, const char *at,
                                  unsigned long long *affected)
{
	const struct part_ref *ref = &c->ref;
	const char *lang = lang_code(ref->lang);
	if (ref->commitment_id == 0) {
		struct db_arg args[] = { DB_STR(c->content), DB_STR(at), DB_INT(c->by.account_id), DB_INT(ref->area_id),
		                         DB_STR(part_code(ref->part)), DB_STR(lang), DB_INT(c->base_version) };
		return db_run(&ctx->db, ST_SECTION_UPDATE, args, 7, NULL, NULL, affected);
	}
	enum err e;
	if (ref->part == PART_JOINT) {
		struct commitment_fields f;
		if (commitment_parse(a, c->content, &f) != 0)
			return E_FAILED;
		struct db_arg args[] = { DB_STR(f.text), DB_STR(f.text_ko), DB_STR(lead_vocab[f.lead].sql),
		                         DB_STR(status_vocab[f.status].sql), DB_INT(f.progress), DB_STR(f.target), DB_STR(f.target_ko), DB_STR(at),
		                         DB_INT(c->by.account_id), DB_INT(ref->commitment_id), DB_INT(c->base_version) };
		return db_run(&ctx->db, ST_COMMITMENT_SET_JOINT, args, 11, NULL, NULL, affected);
	}
	struct db_arg args[] = { DB_STR(c->content), DB_STR(at), DB_INT(c->by.account_id), DB_INT(ref->commitment_id),
	                         DB_STR(side_of_part(ref->part)), DB_STR(lang), DB_INT(c->base_version) };
	e = db_run(&ctx->db, ST_NOTE_UPDATE, args, 7, NULL, NULL, affected);
	if (e == E_OK)   /* the commitment's "last change" */
		e = DB_RUN(&ctx->db, ST_COMMITMENT_TOUCH, NULL, NULL, DB_STR(at), DB_INT(c->by.account_id),
		           DB_INT(ref->commitment_id));
	return e;
}

/* Sets (seq) or clears (0) the out-of-date flag of a section or note in one language. */
static enum err set_stale(struct ctx *ctx, const struct part_ref *ref, enum lang lang, long long seq)
{
	struct db_arg since = seq ? DB_INT(seq) : DB_NULL;
	if (ref->commitment_id == 0)
		return DB_RUN(&ctx->db, ST_SECTION_SET_STALE, NULL, NULL, since, DB_INT(ref->area_id),
		              DB_STR(part_code(ref->part)), DB_STR(lang_code(lang)), since);
	return DB_RUN(&ctx->db, ST_NOTE_SET_STALE, NULL, NULL, since, DB_INT(ref->commitment_id),
	              DB_STR(side_of_part(ref->part)), DB_STR(lang_code(lang)), since);
}

static enum lang other_lang(enum lang l)
{
	return l == LANG_EN ? LANG_KO : LANG_EN;
}

/*
 * After a change in one language (revision seq), the other language may be
 * out of date. A change to a text that was itself flagged, or that was empty
 * (a first translation), is taken as catching up: it clears its own flag and
 * flags nothing.
 */
static enum err update_staleness(struct ctx *ctx, struct arena *a, const struct change *c,
                                       const struct locked *before, long long seq)
{
	if (c->ref.part != PART_JOINT || c->ref.commitment_id == 0) {
		if (before->stale_since || !*before->content)
			return set_stale(ctx, &c->ref, c->ref.lang, 0);
		return set_stale(ctx, &c->ref, other_lang(c->ref.lang), seq);
	}
	struct commitment_fields now;
	if (commitment_parse(a, c->content, &now) != 0)
		return E_FAILED;
	const struct commitment_fields *was = &before->fields;
	bool en = strcmp(now.text, was->text) != 0 || strcmp(now.target, was->target) != 0;
	bool ko = strcmp(now.text_ko, was->text_ko) != 0 || strcmp(now.target_ko, was->target_ko) != 0;
	if (en == ko)   /* both or neither translated text changed: nothing is behind, or as it was */
		return en ? DB_RUN(&ctx->db, ST_COMMITMENT_SET_STALE, NULL, NULL, DB_NULL, DB_NULL,
		                   DB_INT(c->ref.commitment_id)) : E_OK;
	const char *changed = en ? "en" : "ko", *behind = en ? "ko" : "en";
	const char *behind_text = en ? now.text_ko : now.text;
	const char *was_text = en ? was->text : was->text_ko;
	if (strcmp(before->text_stale, changed) == 0 || !*behind_text || !*was_text)
		return DB_RUN(&ctx->db, ST_COMMITMENT_SET_STALE, NULL, NULL, DB_NULL, DB_NULL, DB_INT(c->ref.commitment_id));
	return DB_RUN(&ctx->db, ST_COMMITMENT_SET_STALE, NULL, NULL, DB_STR(behind), DB_INT(seq),
	              DB_INT(c->ref.commitment_id));
}

static const char *origin_code(enum origin o)
{
	return o == ORIGIN_PROPOSAL ? "proposal" : o == ORIGIN_RESTORE ? "restore" : "edit";
}

/* Writes a change that passed its checks: original, part, revision, staleness, audit entry. */
static enum err write_change(struct ctx *ctx, struct arena *a, struct change *c, const struct locked *l)
{
	char at[27];
	audit_now(at);
	unsigned long long affected = 0;
	enum err e = ensure_original(ctx, &c->ref, l->version, l->content, at);
	if (e == E_OK)
		e = update_part(ctx, a, c, at, &affected);
	if (e == E_OK && affected != 1)
		return E_CONFLICT;   /* cannot happen under the row lock; never write on a stale version */
	c->new_version = l->version + 1;
	struct revision r = { &c->ref, c->new_version, c->content, c->summary, c->by.account_id,
	                      c->by.side, at, origin_code(c->origin), c->origin_ref };
	long long seq = 0;
	if (e == E_OK)
		e = revision_insert(ctx, &r, &seq);
	if (e == E_OK)
		e = update_staleness(ctx, a, c, l, seq);
	char detail[200];
	if (c->ref.commitment_id)
		snprintf(detail, sizeof(detail), "area %lld, commitment %lld, %s part (%s), version %lld", c->ref.area_id,
		         c->ref.commitment_id, part_code(c->ref.part), lang_code(c->ref.lang), c->new_version);
	else
		snprintf(detail, sizeof(detail), "area %lld, %s section (%s), version %lld", c->ref.area_id,
		         part_code(c->ref.part), lang_code(c->ref.lang), c->new_version);
	struct audit_entry ae = { c->by.account_id, c->by.login, c->by.side, c->audit_action, detail, c->by.addr };
	if (e == E_OK && c->audit_action)
		e = audit_append(&ctx->db, ctx->cfg->chain_key, &ae);
	return e;
}

enum err content_apply(struct ctx *ctx, struct arena *a, struct change *c)
{
	struct locked l = { .a = a };
	enum err e = read_part(ctx, &c->ref, &l, true);
	if (e != E_OK)
		return e;
	if (!l.found || !l.content || l.area_id != c->ref.area_id)
		return E_NOT_FOUND;
	/* The token is recorded now; anything but a save rolls it back with the rest. */
	if (c->form_token) {
		e = form_token_use(ctx, c->form_token, c->by.account_id, c->location ? c->location : "/",
		                   &c->first_location, a);
		if (e != E_OK)
			return e;
		if (c->first_location) {
			c->outcome = CHANGE_REPEATED;
			return E_OK;
		}
	}
	c->current = l.content;
	c->current_version = l.version;
	if (l.version != c->base_version)
		return E_CONFLICT;
	if (strcmp(l.content, c->content) == 0) {
		c->outcome = CHANGE_UNCHANGED;
		return E_OK;
	}
	c->outcome = CHANGE_SAVED;
	return write_change(ctx, a, c, &l);
}

enum err content_record_first(struct ctx *ctx, const struct change *c, const char *at)
{
	struct revision r = { &c->ref, 1, c->content, c->summary, c->by.account_id, c->by.side, at,
	                      origin_code(c->origin), c->origin_ref };
	return revision_insert(ctx, &r, NULL);
}

struct save_tx {
	struct ctx *ctx;
	struct arena *a;
	struct change *c;
	bool kept_nothing;      /* went through, but wrote nothing to keep: rolled back on purpose */
};

static enum err save_tx(struct db *db, void *ud)
{
	struct save_tx *t = ud;
	(void)db;
	enum err e = content_apply(t->ctx, t->a, t->c);
	t->kept_nothing = e == E_OK && t->c->outcome != CHANGE_SAVED;
	return t->kept_nothing ? E_FAILED : e;   /* E_FAILED: roll the form token back */
}

enum err content_save(struct ctx *ctx, struct arena *a, struct change *c)
{
	struct save_tx t = { ctx, a, c, false };
	enum err e = db_transaction(&ctx->db, save_tx, &t);
	return t.kept_nothing ? E_OK : e;
}

char *content_at(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long version, enum err *db_error)
{
	struct locked l = { .a = a };
	*db_error = DB_RUN(&ctx->db, ST_REVISION_CONTENT, single_text_row, &l, DB_INT(ref->area_id),
	                   DB_INT(ref->commitment_id), DB_STR(part_code(ref->part)), DB_STR(lang_code(ref->lang)),
	                   DB_INT(version));
	if (*db_error != E_OK || l.found || version != 1)
		return l.content;
	/* Version 1 without a revision: the part was never changed; read it as it is. */
	long long now = 0;
	char *text = content_now(ctx, a, ref, &now, db_error);
	return now == 1 ? text : NULL;
}

struct confirm_tx {
	struct ctx *ctx;
	struct arena *a;
	const struct part_ref *ref;
	const struct actor *by;
	bool cleared;
};

static enum err confirm_tx(struct db *db, void *ud)
{
	struct confirm_tx *t = ud;
	struct locked l = { .a = t->a };
	t->cleared = false;
	enum err e = read_part(t->ctx, t->ref, &l, true);
	if (e != E_OK)
		return e;
	if (!l.found || l.area_id != t->ref->area_id)
		return E_NOT_FOUND;
	if (!l.stale_since)
		return E_OK;   /* not flagged: nothing to confirm */
	e = set_stale(t->ctx, t->ref, t->ref->lang, 0);
	char detail[160];
	snprintf(detail, sizeof(detail), "area %lld, commitment %lld, %s part (%s) confirmed up to date",
	         t->ref->area_id, t->ref->commitment_id, part_code(t->ref->part), lang_code(t->ref->lang));
	struct audit_entry ae = { t->by->account_id, t->by->login, t->by->side, "translation_confirmed", detail,
	                          t->by->addr };
	if (e == E_OK)
		e = audit_append(db, t->ctx->cfg->chain_key, &ae);
	t->cleared = e == E_OK;
	return e;
}

enum err content_confirm(struct ctx *ctx, struct arena *a, const struct part_ref *ref, const struct actor *by,
                         bool *cleared)
{
	*cleared = false;
	if (ref->part == PART_JOINT)
		return E_FORBIDDEN;   /* joint texts are brought up to date by proposal only */
	struct confirm_tx t = { ctx, a, ref, by, false };
	enum err e = db_transaction(&ctx->db, confirm_tx, &t);
	*cleared = e == E_OK && t.cleared;
	return e;
}

enum err form_token_use(struct ctx *ctx, const char *token, long long account_id, const char *location,
                              char **first_location, struct arena *a)
{
	struct locked t = { .a = a };
	*first_location = NULL;
	enum err e = DB_RUN(&ctx->db, ST_FORM_TOKEN_LOCK, single_text_row, &t, DB_STR(token));
	if (e != E_OK)
		return e;
	if (t.found) {
		*first_location = t.content;
		return E_OK;
	}
	return DB_RUN(&ctx->db, ST_FORM_TOKEN_INSERT, NULL, NULL, DB_STR(token), DB_INT(account_id), DB_STR(location));
}

/* The columns of ST_REVISIONS_ALL: the fields the hash covers, in chain order, then prev_hash and hash. */
enum revision_chain_col {
	RH_SEQ, RH_AREA_ID, RH_COMMITMENT_ID, RH_PART, RH_VERSION, RH_CONTENT, RH_SUMMARY, RH_ACCOUNT_ID, RH_SIDE,
	RH_AT, RH_ORIGIN, RH_REF, RH_PREV_HASH, RH_HASH,
};

static size_t revision_fields(const struct db_col *c, struct chain_field *f, char num[][24])
{
	f[0] = chain_int(&c[RH_SEQ], num[0]);
	f[1] = chain_int(&c[RH_AREA_ID], num[1]);
	f[2] = chain_int(&c[RH_COMMITMENT_ID], num[2]);
	f[3] = chain_text(&c[RH_PART]);
	f[4] = chain_int(&c[RH_VERSION], num[3]);
	f[5] = chain_text(&c[RH_CONTENT]);
	f[6] = chain_text(&c[RH_SUMMARY]);
	f[7] = chain_int(&c[RH_ACCOUNT_ID], num[4]);
	f[8] = chain_text(&c[RH_SIDE]);
	f[9] = chain_text(&c[RH_AT]);
	f[10] = chain_text(&c[RH_ORIGIN]);
	f[11] = chain_int(&c[RH_REF], num[5]);
	return 12;
}

enum err revisions_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count,
                                struct chain_hashes *keep)
{
	return chain_verify(db, key, "revisions", ST_REVISIONS_ALL, revision_fields, broken_seq, count, keep);
}
