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

/* Sets the commitment's values (COMMITMENT_*, STATUS*, LEAD*, PROGRESS...) in d. */
void view_commitment(tmpl_dict *d, enum lang lang, long long area_no, const struct db_col *c);

/* The label and the CSS class token of a status ("in progress" -> "in-progress"). */
const char *view_status_label(enum lang lang, const char *status);
const char *view_status_class(const char *status);

#endif
