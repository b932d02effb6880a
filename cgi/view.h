/* Shared pieces of pages: how a commitment, a status or a lead side is shown. */
#ifndef PORTAL_VIEW_H
#define PORTAL_VIEW_H

#include "db.h"
#include "i18n.h"
#include "tmpl.h"

/*
 * Column layout of a commitment row as the statements return it, starting at
 * some offset: id, number, text, lead, status, progress, target, EU note, KR note.
 */
enum commitment_col {
	CC_ID, CC_NUMBER, CC_TEXT, CC_LEAD, CC_STATUS, CC_PROGRESS, CC_TARGET, CC_EU_NOTE, CC_KR_NOTE,
	CC__COUNT
};

/* A commitment as pages show it; strings are borrowed. */
struct commitment_view {
	long long id, area_no, number, progress;
	const char *text, *lead, *status, *target, *eu_note, *kr_note;
};

/* From a row in the column layout above, starting at c. */
struct commitment_view commitment_view_of(long long area_no, const struct db_col *c);

/* Sets the commitment's values (COMMITMENT_*, STATUS*, LEAD*, PROGRESS...) in d. */
void view_commitment(tmpl_dict *d, enum lang lang, const struct commitment_view *v);

/*
 * Includes markdown.tpl as name in d with src rendered by libcmark (safe
 * mode): the one way rendered text reaches a page. 0, or -1 on failure.
 */
int view_markdown(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *src, size_t len);

/*
 * Includes diff.tpl as name in d: the line diff from a to b, with runs of
 * unchanged lines shortened to DIFF_CONTEXT lines around each change.
 */
#define DIFF_CONTEXT 3
int view_diff(tmpl_dict *d, enum tmpl_name name, enum lang lang, const char *caption, const char *a, const char *b);

/* The label of a proposal's state ("pending", "approved", ...). */
const char *view_proposal_state(enum lang lang, const char *state);

/* The label and the CSS class token of a status ("in progress" -> "in-progress"). */
const char *view_status_label(enum lang lang, const char *status);
const char *view_status_class(const char *status);

#endif
