#include "content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "chain.h"
#include "log.h"
#include "utf8.h"

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

bool status_valid(const char *s)
{
	static const char *const ok[] = { "planned", "in progress", "done", "dropped" };
	for (size_t i = 0; s && i < 4; i++)
		if (strcmp(s, ok[i]) == 0)
			return true;
	return false;
}

bool lead_valid(const char *s)
{
	return s && (strcmp(s, "EU") == 0 || strcmp(s, "KR") == 0 || strcmp(s, "joint") == 0);
}

/* One line of text: no line breaks or other control characters. */
static bool one_line(const char *s, size_t max_chars)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return utf8_valid(s, n) && utf8_length(s, n) <= max_chars;
}

int commitment_fields_check(const struct commitment_fields *f)
{
	if (!f->text || !f->target || !*f->text || strlen(f->text) > COMMITMENT_TEXT_MAX ||
	    !one_line(f->text, COMMITMENT_TEXT_MAX) || !one_line(f->target, TARGET_MAX_CHARS))
		return -1;
	if (!lead_valid(f->lead) || !status_valid(f->status) || f->progress < 0 || f->progress > 100)
		return -1;
	return 0;
}

void commitment_canonical(const struct commitment_fields *f, struct buf *out)
{
	buf_printf(out, "Text: %s\nLead: %s\nStatus: %s\nProgress: %lld\nTarget: %s\n", f->text, f->lead,
	           f->status, f->progress, f->target);
}

/* Finds "Name: value\n" and copies the value. */
static const char *field(struct arena *a, const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
			const char *v = p + n + 2;
			return arena_strndup(a, v, strcspn(v, "\n"));
		}
	}
	return NULL;
}

int commitment_parse(struct arena *a, const char *text, struct commitment_fields *out)
{
	const char *progress = field(a, text, "Progress");
	out->text = field(a, text, "Text");
	out->lead = field(a, text, "Lead");
	out->status = field(a, text, "Status");
	out->target = field(a, text, "Target");
	if (!progress || strlen(progress) > 3 || strspn(progress, "0123456789") != strlen(progress) || !*progress)
		return -1;
	out->progress = strtoll(progress, NULL, 10);
	return commitment_fields_check(out);
}

/* ---- reading a part's current state under a row lock ---- */

struct locked {
	struct arena *a;
	bool found;
	long long area_id;
	char *content;
	long long version;
	struct buf joint;   /* a commitment's joint fields, canonical */
	enum part part;
};

static int section_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->content = arena_strndup(l->a, c[0].s, c[0].len);
	l->version = c[1].i;
	return 0;
}

/* area id, text, lead, status, progress, target, EU note, KR note, version, EU version, KR version */
static int commitment_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->area_id = c[0].i;
	if (l->part == PART_JOINT) {
		struct commitment_fields f = { c[1].s, c[2].s, c[3].s, c[4].i, c[5].s };
		commitment_canonical(&f, &l->joint);
		l->content = arena_strndup(l->a, l->joint.data ? l->joint.data : "", l->joint.len);
		l->version = c[8].i;
	} else {
		const struct db_col *note = &c[l->part == PART_EU ? 6 : 7];
		l->content = arena_strndup(l->a, note->s, note->len);
		l->version = c[l->part == PART_EU ? 9 : 10].i;
	}
	return 0;
}

/* Reads a part: with a row lock (lock = true, inside a transaction) or without. */
static enum db_result read_part(struct ctx *ctx, const struct part_ref *ref, struct locked *l, bool lock)
{
	l->part = ref->part;
	l->area_id = ref->area_id;
	if (ref->commitment_id == 0)
		return DB_RUN(&ctx->db, lock ? ST_SECTION_LOCK : ST_SECTION_BY_AREA_SIDE, section_row, l,
		              DB_INT(ref->area_id), DB_STR(part_code(ref->part)));
	return DB_RUN(&ctx->db, lock ? ST_COMMITMENT_LOCK : ST_COMMITMENT_PARTS, commitment_row, l,
	              DB_INT(ref->commitment_id));
}

char *content_now(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long *version,
                  enum db_result *db_error)
{
	struct locked l = { .a = a };
	buf_init(&l.joint);
	*db_error = read_part(ctx, ref, &l, false);
	buf_free(&l.joint);
	*version = l.version;
	return *db_error == DB_OK && l.found && l.area_id == ref->area_id ? l.content : NULL;
}

/* ---- writing ---- */

static int count_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[0].i;
	return 0;
}

static int location_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->content = arena_strndup(l->a, c[0].s, c[0].len);
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

static enum db_result revision_insert(struct ctx *ctx, const struct revision *r)
{
	char area[24], commitment[24], version[24], account[24], ref[24];
	snprintf(area, sizeof(area), "%lld", r->ref->area_id);
	snprintf(commitment, sizeof(commitment), "%lld", r->ref->commitment_id);
	snprintf(version, sizeof(version), "%lld", r->version);
	snprintf(account, sizeof(account), "%lld", r->account_id);
	snprintf(ref, sizeof(ref), "%lld", r->origin_ref);
	struct chain_field f[] = {
		text_field(area), text_field(commitment), text_field(part_code(r->ref->part)), text_field(version),
		text_field(r->content), text_field(r->summary), text_field(r->account_id ? account : NULL),
		text_field(r->side), text_field(r->at), text_field(r->origin), text_field(r->origin_ref ? ref : NULL),
	};
	long long seq;
	unsigned char prev[32], hash[32];
	enum db_result e = chain_next(&ctx->db, ctx->cfg->chain_key, "revisions", f, sizeof(f) / sizeof(f[0]),
	                              &seq, prev, hash);
	if (e != DB_OK)
		return e;
	e = DB_RUN(&ctx->db, ST_REVISION_INSERT, NULL, NULL, DB_INT(seq), DB_INT(r->ref->area_id),
	           DB_INT(r->ref->commitment_id), DB_STR(part_code(r->ref->part)), DB_INT(r->version),
	           DB_STR(r->content), DB_STR(r->summary), r->account_id ? DB_INT(r->account_id) : DB_NULL,
	           r->side ? DB_STR(r->side) : DB_NULL, DB_STR(r->at), DB_STR(r->origin),
	           r->origin_ref ? DB_INT(r->origin_ref) : DB_NULL, DB_BLOB(prev, 32), DB_BLOB(hash, 32));
	if (e != DB_OK)
		return e;
	return chain_advance(&ctx->db, "revisions", seq, hash);
}

/* A part's first change also records what it was before: its 'original' revision. */
static enum db_result ensure_original(struct ctx *ctx, const struct part_ref *ref, long long version,
                                      const char *content, const char *at)
{
	long long exists = 0;
	enum db_result e = DB_RUN(&ctx->db, ST_REVISION_EXISTS, count_row, &exists, DB_INT(ref->area_id),
	                          DB_INT(ref->commitment_id), DB_STR(part_code(ref->part)), DB_INT(version));
	if (e != DB_OK || exists)
		return e;
	struct revision r = { ref, version, content, "", 0, NULL, at, "original", 0 };
	return revision_insert(ctx, &r);
}

static enum db_result update_part(struct ctx *ctx, struct arena *a, const struct change *c, const char *at,
                                  unsigned long long *affected)
{
	const struct part_ref *ref = &c->ref;
	struct db_arg args[9];
	enum stmt_id st;
	unsigned n;
	if (ref->commitment_id == 0) {
		st = ST_SECTION_UPDATE;
		struct db_arg s[] = { DB_STR(c->content), DB_STR(at), DB_INT(c->author_id), DB_INT(ref->area_id),
		                      DB_STR(part_code(ref->part)), DB_INT(c->base_version) };
		n = 6;
		memcpy(args, s, sizeof(s));
	} else if (ref->part == PART_JOINT) {
		struct commitment_fields f;
		if (commitment_parse(a, c->content, &f) != 0)
			return DB_FAILED;
		st = ST_COMMITMENT_SET_JOINT;
		struct db_arg s[] = { DB_STR(f.text), DB_STR(f.lead), DB_STR(f.status), DB_INT(f.progress),
		                      DB_STR(f.target), DB_STR(at), DB_INT(c->author_id), DB_INT(ref->commitment_id),
		                      DB_INT(c->base_version) };
		n = 9;
		memcpy(args, s, sizeof(s));
	} else {
		st = ref->part == PART_EU ? ST_COMMITMENT_SET_EU : ST_COMMITMENT_SET_KR;
		struct db_arg s[] = { DB_STR(c->content), DB_STR(at), DB_INT(c->author_id), DB_INT(ref->commitment_id),
		                      DB_INT(c->base_version) };
		n = 5;
		memcpy(args, s, sizeof(s));
	}
	return db_run(&ctx->db, st, args, n, NULL, NULL, affected);
}

static const char *origin_code(enum origin o)
{
	return o == ORIGIN_PROPOSAL ? "proposal" : o == ORIGIN_RESTORE ? "restore" : "edit";
}

enum save_result content_apply(struct ctx *ctx, struct arena *a, struct change *c, enum db_result *db_error)
{
	struct locked l = { .a = a };
	buf_init(&l.joint);
	enum db_result e = read_part(ctx, &c->ref, &l, true);
	buf_free(&l.joint);
	*db_error = e;
	if (e != DB_OK)
		return SAVE_DB_ERROR;
	if (!l.found || !l.content || l.area_id != c->ref.area_id)
		return SAVE_NOT_FOUND;
	if (c->form_token) {
		struct locked t = { .a = a };
		if ((*db_error = DB_RUN(&ctx->db, ST_FORM_TOKEN_LOCK, location_row, &t, DB_STR(c->form_token))) != DB_OK)
			return SAVE_DB_ERROR;
		if (t.found) {
			c->first_location = t.content;
			return SAVE_DUPLICATE;
		}
	}
	c->current = l.content;
	c->current_version = l.version;
	if (l.version != c->base_version)
		return SAVE_CONFLICT;
	if (strcmp(l.content, c->content) == 0)
		return SAVE_UNCHANGED;

	char at[27];
	audit_now(at);
	unsigned long long affected = 0;
	e = ensure_original(ctx, &c->ref, l.version, l.content, at);
	if (e == DB_OK)
		e = update_part(ctx, a, c, at, &affected);
	if (e == DB_OK && affected != 1)
		return SAVE_CONFLICT;   /* cannot happen under the row lock; never write on a stale version */
	c->new_version = l.version + 1;
	struct revision r = { &c->ref, c->new_version, c->content, c->summary, c->author_id,
	                      side_code(c->author_side), at, origin_code(c->origin), c->origin_ref };
	if (e == DB_OK)
		e = revision_insert(ctx, &r);
	char detail[200];
	if (c->ref.commitment_id)
		snprintf(detail, sizeof(detail), "area %lld, commitment %lld, %s part, version %lld", c->ref.area_id,
		         c->ref.commitment_id, part_code(c->ref.part), c->new_version);
	else
		snprintf(detail, sizeof(detail), "area %lld, %s section, version %lld", c->ref.area_id,
		         part_code(c->ref.part), c->new_version);
	struct audit_entry ae = { c->author_id, c->author_login, side_code(c->author_side), c->audit_action, detail,
	                          c->client_addr };
	if (e == DB_OK && c->audit_action)
		e = audit_append(&ctx->db, ctx->cfg->chain_key, &ae);
	if (e == DB_OK && c->form_token)
		e = DB_RUN(&ctx->db, ST_FORM_TOKEN_INSERT, NULL, NULL, DB_STR(c->form_token), DB_INT(c->author_id),
		           DB_STR(c->location ? c->location : "/"));
	*db_error = e;
	return e == DB_OK ? SAVE_OK : SAVE_DB_ERROR;
}

enum db_result content_record_first(struct ctx *ctx, const struct change *c, const char *at)
{
	struct revision r = { &c->ref, 1, c->content, c->summary, c->author_id, side_code(c->author_side), at,
	                      origin_code(c->origin), c->origin_ref };
	return revision_insert(ctx, &r);
}

struct save_tx {
	struct ctx *ctx;
	struct arena *a;
	struct change *c;
	enum save_result result;
};

static enum db_result save_tx(struct db *db, void *ud)
{
	struct save_tx *t = ud;
	enum db_result e = DB_OK;
	(void)db;
	t->result = content_apply(t->ctx, t->a, t->c, &e);
	/* Anything but a save ends the transaction without writing: roll back. */
	if (t->result != SAVE_OK && e == DB_OK)
		return DB_FAILED;
	return e;
}

enum save_result content_save(struct ctx *ctx, struct arena *a, struct change *c, enum db_result *db_error)
{
	struct save_tx t = { ctx, a, c, SAVE_DB_ERROR };
	enum db_result e = db_transaction(&ctx->db, save_tx, &t);
	*db_error = e;
	if (t.result != SAVE_OK && t.result != SAVE_DB_ERROR)
		return t.result;   /* rolled back on purpose */
	return e == DB_OK ? SAVE_OK : SAVE_DB_ERROR;
}

static int content_row(void *ud, const struct db_col *c, unsigned n)
{
	struct locked *l = ud;
	(void)n;
	l->found = true;
	l->content = arena_strndup(l->a, c[0].s, c[0].len);
	return 0;
}

char *content_at(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long version,
                 enum db_result *db_error)
{
	struct locked l = { .a = a };
	*db_error = DB_RUN(&ctx->db, ST_REVISION_CONTENT, content_row, &l, DB_INT(ref->area_id),
	                   DB_INT(ref->commitment_id), DB_STR(part_code(ref->part)), DB_INT(version));
	if (*db_error != DB_OK || l.found || version != 1)
		return l.content;
	/* Version 1 without a revision: the part was never changed; read it as it is. */
	if (ref->commitment_id == 0) {
		*db_error = DB_RUN(&ctx->db, ST_SECTION_BY_AREA_SIDE, section_row, &l, DB_INT(ref->area_id),
		                   DB_STR(part_code(ref->part)));
		return l.found && l.version == 1 ? l.content : NULL;
	}
	return NULL;
}

enum db_result form_token_use(struct ctx *ctx, const char *token, long long account_id, const char *location,
                              char **first_location, struct arena *a)
{
	struct locked t = { .a = a };
	*first_location = NULL;
	enum db_result e = DB_RUN(&ctx->db, ST_FORM_TOKEN_LOCK, location_row, &t, DB_STR(token));
	if (e != DB_OK)
		return e;
	if (t.found) {
		*first_location = t.content;
		return DB_OK;
	}
	return DB_RUN(&ctx->db, ST_FORM_TOKEN_INSERT, NULL, NULL, DB_STR(token), DB_INT(account_id), DB_STR(location));
}

/* seq, area, commitment, part, version, content, summary, account, side, at, origin, ref, prev, hash */
static size_t revision_fields(const struct db_col *c, struct chain_field *f, char num[][24])
{
	f[0] = chain_int(&c[0], num[0]);
	f[1] = chain_int(&c[1], num[1]);
	f[2] = chain_int(&c[2], num[2]);
	f[3] = chain_text(&c[3]);
	f[4] = chain_int(&c[4], num[3]);
	f[5] = chain_text(&c[5]);
	f[6] = chain_text(&c[6]);
	f[7] = chain_int(&c[7], num[4]);
	f[8] = chain_text(&c[8]);
	f[9] = chain_text(&c[9]);
	f[10] = chain_text(&c[10]);
	f[11] = chain_int(&c[11], num[5]);
	return 12;
}

enum db_result revisions_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count)
{
	return chain_verify(db, key, "revisions", ST_REVISIONS_ALL, revision_fields, broken_seq, count);
}
