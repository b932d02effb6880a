/*
 * portalctl verify: is the record as it was written?
 *
 *  - the audit log's and the revisions' hash chains (chain.h), entry by entry;
 *  - every chain head recorded outside the database since the last restore
 *    (heads.h) is still in the chain, with the same hash: a chain cut short
 *    and its head moved back ("rewound"), or rewritten, is named;
 *  - every live section, note and commitment is what its latest revision
 *    says (text and version), and every account's login, side, role and
 *    status is what the audit log's entries about it say.
 *
 * Each finding is one line on standard output.
 */
#ifndef PORTAL_VERIFY_H
#define PORTAL_VERIFY_H

#include "base/config.h"
#include "db/db.h"

/* All the checks above, with db (the application's account). 0: all is well; 1: something differs or failed. */
int verify_all(const struct config *cfg, struct db *db);

/* The live rows only. 0 when they all agree, 1 otherwise (each disagreement printed). */
int verify_live_rows(struct db *db);

#endif
