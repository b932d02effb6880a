/* How pages name a part and list a proposal. */
#ifndef PORTAL_LABELS_H
#define PORTAL_LABELS_H

#include "db/db.h"
#include "http/http.h"
#include "model/content.h"
#include "view/tmpl.h"

/* The label of a part: "EU section (English)", "Commitment 4.1 — KR note (Korean)", ... (arena). */
const char *part_label(const struct request *req, const struct part_ref *ref, long long commitment_number);

/*
 * The columns a proposal list's row starts with: ST_PROPOSALS_PENDING_BY_AREA
 * and ST_PROPOSALS_OF_AREA (db/sql.c) both start with these, in this order.
 */
enum proposal_list_col {
	PL_ID, PL_COMMITMENT_ID, PL_NUMBER, PL_KIND, PL_SUMMARY, PL_PROPOSER, PL_SIDE, PL_AT,
	PL__COUNT,
};

/*
 * A proposal in a list (the area page's pending ones, the history): from a
 * row that starts id, commitment id, commitment number, kind, summary,
 * proposer, side, proposed at. lang: the language of a joint section's text.
 */
void proposal_list_item(tmpl_dict *d, const struct request *req, long long area_id, enum lang lang,
                        const struct db_col *c);

#endif
