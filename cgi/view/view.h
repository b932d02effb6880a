/* Shared pieces of pages: how a commitment, a status or a lead side is shown. */
#ifndef PORTAL_VIEW_H
#define PORTAL_VIEW_H

#include "db/db.h"
#include "view/i18n.h"
#include "base/arena.h"
#include "model/authz.h"
#include "view/tmpl.h"

/*
 * Column layout of a commitment row as the statements return it, starting at
 * some offset (sql.c, ST_COMMITMENTS_BY_AREA).
 */
enum commitment_col {
	CC_ID, CC_NUMBER, CC_TEXT, CC_TEXT_KO, CC_LEAD, CC_STATUS, CC_PROGRESS, CC_TARGET, CC_TARGET_KO,
	CC_TEXT_STALE, CC_TEXT_STALE_SINCE, CC_EU_EN, CC_EU_KO, CC_KR_EN, CC_KR_KO,
	CC_EU_EN_STALE, CC_EU_KO_STALE, CC_KR_EN_STALE, CC_KR_KO_STALE,
	CC__COUNT
};

/* A text held in English and Korean, as far as a reader needs it. */
struct paired_text {
	const char *text[LANG__MAX];      /* "" when missing */
	long long stale_since[LANG__MAX]; /* the revision that left it behind; 0: up to date */
};

/* A commitment as pages show it; strings are borrowed. */
struct commitment_view {
	long long id, area_no, number, progress;
	const char *lead, *status;
	struct paired_text text, target;
	struct paired_text note[SIDE__MAX];
};

/*
 * Picks the reader's language from a pair: sets name (the text; T__MAX: do
 * not set it), and shows
 * FALLBACK (with OTHER_LANG) when only the other language has it, or STALE
 * (with STALE_SEQ, the revision) when the reader's text may be out of date.
 * Returns the text chosen.
 */
const char *view_paired(tmpl_dict *d, enum tmpl_name name, enum lang lang, const struct paired_text *p);

/* From a row in the column layout above, starting at c (strings borrowed from the row). */
struct commitment_view commitment_view_of(long long area_no, const struct db_col *c);

/* A percentage as the language writes it ("40 %", "40%"). */
const char *view_percent(struct arena *a, enum lang lang, long long value);

/* A date and time "YYYY-MM-DD HH:MM" (UTC) as the language writes it. */
const char *view_datetime(struct arena *a, enum lang lang, const char *iso);

/* Sets the commitment's values (COMMITMENT_*, STATUS*, LEAD*, PROGRESS...) in d. */
void view_commitment(tmpl_dict *d, enum lang lang, const struct commitment_view *v);

/*
 * Includes markdown.tpl as name in d with src rendered by libcmark (safe
 * mode): the one way rendered text reaches a page. 0, or -1 on failure.
 */
int view_markdown(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *src, size_t len);

/*
 * Includes diff.tpl as name in d: the line diff from a to b, with runs of
 * unchanged lines shortened to DIFF_CONTEXT lines around each change; or,
 * past DIFF_MAX_LINES or DIFF_MAX_BYTES on either side (diff.h), only that
 * the texts are too long to compare. 0, or -1 when out of memory.
 */
#define DIFF_CONTEXT 3
int view_diff(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *caption, const char *a, const char *b);

/* The statuses and leads as stored, in the order forms offer them, and their labels. */
#define VIEW_STATUSES 4
#define VIEW_LEADS 3
extern const char *const view_status_codes[VIEW_STATUSES];
extern const enum msg_id view_status_labels[VIEW_STATUSES];
extern const char *const view_lead_codes[VIEW_LEADS];
extern const enum msg_id view_lead_labels[VIEW_LEADS];

/*
 * A select's options: for each of the n values a section in d with VALUE,
 * LABEL (labels[i]) and SELECTED when it is selected (which may be NULL).
 */
void view_select_options(tmpl_dict *d, enum tmpl_name section, const char *const *values, const enum msg_id *labels,
                         size_t n, const char *selected, enum lang lang);

/* The label of a proposal's state ("pending", "approved", ...). */
const char *view_proposal_state(enum lang lang, const char *state);

/* The label and the CSS class token of a status ("in progress" -> "in-progress"). */
const char *view_status_label(enum lang lang, const char *status);
const char *view_status_class(const char *status);

#endif
