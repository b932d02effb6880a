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
 * A proposal in a list (the area page's pending ones, the history): from a
 * row that starts id, commitment id, commitment number, kind, summary,
 * proposer, side, proposed at. lang: the language of a joint section's text.
 */
void proposal_list_item(tmpl_dict *d, const struct request *req, long long area_id, enum lang lang,
                        const struct db_col *c);

#endif
