/*
 * A commitment: its joint fields (text and target in English and Korean,
 * lead, status, progress) as one canonical text that revisions and proposals
 * store, and the whole commitment as pages and downloads read it from a row
 * (texts and notes in both languages, with their out-of-date flags).
 */
#ifndef PORTAL_COMMITMENT_H
#define PORTAL_COMMITMENT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/lang.h"
#include "db/db.h"
#include "model/authz.h"
#include "model/vocab.h"

#define COMMITMENT_TEXT_MAX 2000
#define TARGET_MAX_CHARS 200

/* A commitment's joint fields. */
struct commitment_fields {
	const char *text;
	const char *text_ko;   /* may be "" (not translated yet) */
	enum lead lead;        /* LEAD__MAX: missing or unknown (refused by commitment_fields_check) */
	enum status status;    /* STATUS__MAX: likewise */
	long long progress;    /* 0..100 */
	const char *target;
	const char *target_ko; /* may be "" */
};

/*
 * The canonical text of the joint fields, one "Name: value" line each: what
 * revisions and proposals store, and what history shows and diffs.
 */
void commitment_canonical(const struct commitment_fields *f, struct buf *out);
/* Parses canonical text back (strings point into the arena). 0 or -1. */
int commitment_parse(struct arena *a, const char *text, struct commitment_fields *out);
/* Checks the fields: known lead and status, progress in range, lengths. 0 or -1. */
int commitment_fields_check(const struct commitment_fields *f);
/* Sets the text fields a form left out (or sent malformed) to "", to show the form again. */
void commitment_fields_blank_missing(struct commitment_fields *f);
/* Whether two sets of fields are the same. */
bool commitment_fields_equal(const struct commitment_fields *x, const struct commitment_fields *y);

/* A text held in English and Korean, as far as a reader needs it. */
struct paired_text {
	const char *text[LANG__MAX];      /* "" when missing */
	long long stale_since[LANG__MAX]; /* the revision that left it behind; 0: up to date */
};

/* A commitment as pages show it; strings are borrowed. */
struct commitment_view {
	long long id, area_no, number, progress;
	enum lead lead;
	enum status status;
	struct paired_text text, target;
	struct paired_text note[SIDE__MAX];
};

/*
 * Column layout of a commitment row as the statements return it, starting at
 * some offset (sql.c: ST_COMMITMENTS_BY_AREA, ST_REGISTER...).
 */
enum commitment_col {
	CC_ID, CC_NUMBER, CC_TEXT, CC_TEXT_KO, CC_LEAD, CC_STATUS, CC_PROGRESS, CC_TARGET, CC_TARGET_KO,
	CC_TEXT_STALE, CC_TEXT_STALE_SINCE, CC_EU_EN, CC_EU_KO, CC_KR_EN, CC_KR_KO,
	CC_EU_EN_STALE, CC_EU_KO_STALE, CC_KR_EN_STALE, CC_KR_KO_STALE,
	CC__COUNT
};

/* From a row in the column layout above, starting at c (strings borrowed from the row). */
struct commitment_view commitment_view_of(long long area_no, const struct db_col *c);

#endif
