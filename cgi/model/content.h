/*
 * Changing the partnership's content. Every change is to one part — an area's
 * joint, EU or KR section, or a commitment's joint fields, EU note or KR note —
 * in one language (sections and notes are held in English and in Korean; a
 * commitment's joint fields hold both languages in one part), and is one
 * transaction that locks the part, refuses it unless it is still at
 * the version the form was based on, writes the new content, a hash-chained
 * revision and an audit entry, and records the form's token so a second
 * submission of the same form is not saved twice. Permission is the caller's
 * business (authz.h), checked before.
 */
#ifndef PORTAL_CONTENT_H
#define PORTAL_CONTENT_H

#include <stdbool.h>

#include "base/arena.h"
#include "model/authz.h"
#include "base/buf.h"
#include "model/ctx.h"
#include "model/audit.h"
#include "model/commitment.h"
#include "base/lang.h"

enum part { PART_JOINT, PART_EU, PART_KR, PART__MAX };

struct part_ref {
	long long area_id;
	long long commitment_id;   /* 0: the area's section */
	enum part part;
	enum lang lang;            /* a commitment's joint part: always LANG_EN (it holds both) */
};

const char *part_code(enum part p);          /* "joint", "eu", "kr" */
int part_parse(const char *s, enum part *out);
/* The side that owns a part; joint parts belong to both (returns -1). */
int part_side(enum part p);

#define SECTION_MAX_BYTES_DEFAULT 65536
#define NOTE_MAX_BYTES 16384
#define SUMMARY_MAX_CHARS 300

enum origin { ORIGIN_EDIT, ORIGIN_PROPOSAL, ORIGIN_RESTORE };

/* What a change that went through (E_OK) did. */
enum change_outcome {
	CHANGE_SAVED,      /* written: a new version, its revision and audit entry */
	CHANGE_UNCHANGED,  /* the content is what it already was: nothing written */
	CHANGE_REPEATED,   /* this form was saved already: nothing written (first_location) */
};

struct change {
	struct part_ref ref;
	long long base_version;          /* the version the form was based on */
	const char *content;             /* the part's new content (joint commitment part: canonical text) */
	const char *summary;             /* may be "" */
	const char *form_token;          /* NULL: not from a form */
	const char *location;            /* where the saving request leads (kept for a repeated submission) */
	enum origin origin;
	long long origin_ref;            /* proposal id or restored revision seq */
	struct actor by;                 /* who makes it (audit.h) */
	const char *audit_action;        /* "section_edited", ...; NULL: the caller writes the audit entry */

	/* Results */
	enum change_outcome outcome;     /* after E_OK: what happened */
	long long new_version;           /* CHANGE_SAVED: the part's version now */
	char *current;                   /* E_CONFLICT: the part's content now (arena) */
	long long current_version;       /* E_CONFLICT: its version */
	char *first_location;            /* CHANGE_REPEATED: where the first submission led (arena) */
};

/*
 * Applies a change inside the caller's transaction. E_OK with c->outcome:
 * CHANGE_SAVED (written), CHANGE_UNCHANGED (the content is what it already
 * was) or CHANGE_REPEATED (this form was saved already); E_CONFLICT when the
 * part moved on since base_version (c->current, c->current_version; content
 * in a), E_NOT_FOUND, or a database error. Unless E_OK and CHANGE_SAVED, the
 * caller must roll back.
 */
enum err content_apply(struct ctx *ctx, struct arena *a, struct change *c);

/* content_apply in a transaction of its own (retried on deadlock); rolled back unless saved. */
enum err content_save(struct ctx *ctx, struct arena *a, struct change *c);

/*
 * Records the first revision (version 1) of a part just created, inside the
 * caller's transaction: an approved new commitment.
 */
enum err content_record_first(struct ctx *ctx, const struct change *c, const char *at);

/*
 * The part's content and version now (joint commitment part: canonical text),
 * in a. NULL with *e = E_OK: no such part; NULL with another *e: a database
 * error.
 */
char *content_now(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long *version, enum err *e);

/*
 * The content of a part at a version: from its revision, or, for version 1
 * of a part never changed, the current content. NULL when there is none (*e
 * says whether that was a database error).
 */
char *content_at(struct ctx *ctx, struct arena *a, const struct part_ref *ref, long long version, enum err *e);

/*
 * Confirms that a side's section or note flagged as possibly out of date
 * still says what the other language says: clears the flag, with an audit
 * entry by by. E_OK (*cleared false when it was not flagged), E_NOT_FOUND,
 * E_FORBIDDEN for a joint part (joint texts are brought up to date only by
 * an approved proposal), or a database error.
 */
enum err content_confirm(struct ctx *ctx, struct arena *a, const struct part_ref *ref, const struct actor *by,
                         bool *cleared);

/* Records a form token as used outside of a content change (proposals). */
enum err form_token_use(struct ctx *ctx, const char *token, long long account_id, const char *location,
                              char **first_location, struct arena *a);

/*
 * Checks the revisions' hash chain like audit_verify: *broken_seq is 0 when
 * intact, else the first revision that does not match; keep (may be NULL)
 * receives the revisions' hashes.
 */
struct chain_hashes;
enum err revisions_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count,
                                struct chain_hashes *keep);

#endif
