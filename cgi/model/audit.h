/*
 * The audit log: append-only, hash-chained (chain.h). Logins, failed logins,
 * logouts, account changes, edits, approvals and downloads.
 */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include "db/chain.h"
#include "db/db.h"

#include <stdbool.h>

/* Who makes a change: an account (its id, login, side) from an address, or portalctl. */
struct actor {
	long long account_id;   /* 0 for portalctl */
	const char *login;      /* "portalctl" for the command line */
	const char *side;       /* "EU", "KR" or NULL */
	const char *addr;       /* client address, or "local" */
};

struct audit_entry {
	long long account_id;   /* 0: none (a failed login, portalctl) */
	const char *login;      /* NULL: none; for failed logins, as typed */
	const char *side;       /* "EU", "KR" or NULL */
	const char *action;     /* short word: "login", "login_failed", "account_created", ... */
	const char *detail;     /* free text for people; may be "" */
	const char *client_addr;
};

/*
 * Appends an entry. Must run inside a transaction (db_transaction), so the
 * entry commits or rolls back with the change it records.
 */
enum err audit_append(struct db *db, const unsigned char *key, const struct audit_entry *e);

/* Appends an entry in a transaction of its own. */
enum err audit_record(struct db *db, const unsigned char *key, const struct audit_entry *e);

/*
 * Checks the whole chain from the first entry. Returns E_OK and sets
 * *broken_seq to 0 when intact, or to the first entry whose hash or link does
 * not match; *count receives the number of entries; keep (may be NULL) the
 * entries' hashes (chain.h).
 */
enum err audit_verify(struct db *db, const unsigned char *key, long long *broken_seq, long long *count,
                            struct chain_hashes *keep);

/* The current UTC time as "YYYY-MM-DD HH:MM:SS.ffffff" (what a DATETIME(6) stores). */
void audit_now(char out[27]);

#endif
