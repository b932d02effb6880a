/* Every SQL statement of the application, by name. The text is in sql.c. */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

#include <stdbool.h>

/*
 * The portal's database, as sql/grants.sql and the callers of
 * tools/migrate.sh name it.
 */
#define DB_NAME "portal"

/* The register's five sort keys (model/register.h, which checks it) times two directions. */
#define REGISTER_SORT_STATEMENTS 10

enum stmt_id {
	ST_BEGIN,
	ST_SCHEMA_VERSION,
	/* operations (portalctl backup, restore, status) */
	ST_OPS_TABLE_COUNT,
	ST_OPS_OTHER_CONNECTIONS,
	ST_OPS_DROP_DATABASE,
	ST_OPS_CREATE_DATABASE,
	/* portalctl verify: live rows against their latest revisions and audit entries */
	ST_VERIFY_SECTIONS,
	ST_VERIFY_NOTES,
	ST_VERIFY_COMMITMENTS,
	ST_VERIFY_ACCOUNTS,
	ST_VERIFY_ACCOUNT_ENTRIES,
	ST_VERIFY_UNCOVERED,
	ST_CHAIN_HEADS_ALL,
	ST_DASHBOARD_AREAS,
	ST_COUNCILS,
	ST_AREA_BY_SLUG,
	ST_SECTIONS_BY_AREA,
	ST_COMMITMENTS_BY_AREA,
	ST_REGISTER,                                                    /* one per sort key and direction (sql.c) */
	ST_REGISTER_SNAPSHOT = ST_REGISTER + REGISTER_SORT_STATEMENTS,  /* as many, from a council's snapshot */
	ST_REGISTER_STATEMENTS_END = ST_REGISTER_SNAPSHOT + REGISTER_SORT_STATEMENTS,
	ST_AREAS = ST_REGISTER_STATEMENTS_END,
	ST_COUNCIL_BY_ID,
	ST_COUNCIL_LOCK,
	ST_COUNCIL_MARK_HELD,
	ST_COUNCIL_SNAPSHOT,
	ST_COUNCIL_NEXT_ID,
	ST_COUNCIL_INSERT,
	ST_COUNCIL_LAST_HELD,
	ST_CHANGES,
	ST_AUDIT_FIND_DOWNLOAD,
	/* sessions */
	ST_SESSION_LOOKUP,
	ST_SESSION_TOUCH,
	ST_SESSION_INSERT,
	ST_SESSION_DELETE,
	ST_SESSION_DELETE_OTHERS,
	ST_SESSION_DELETE_ACCOUNT,
	ST_SESSION_PURGE,
	/* accounts */
	ST_ACCOUNT_BY_LOGIN,
	ST_ACCOUNT_BY_ID,
	ST_ACCOUNTS_BY_SIDE,
	ST_ACCOUNTS_ALL,
	ST_ACCOUNT_INSERT,
	ST_ACCOUNT_SET_PASSWORD,
	ST_ACCOUNT_SET_DISABLED,
	ST_ACCOUNT_SET_ROLE,
	ST_ACCOUNT_SET_LANG,
	/* login throttling */
	ST_THROTTLE_CHECK,
	ST_THROTTLE_ATTEMPT,
	ST_THROTTLE_RELEASE,
	ST_THROTTLE_CLEAR,
	/* audit log and hash chains */
	ST_CHAIN_LOCK,
	ST_CHAIN_HEAD,
	ST_CHAIN_ADVANCE,
	ST_AUDIT_INSERT,
	ST_AUDIT_PAGE,
	ST_AUDIT_COUNT,
	ST_AUDIT_ALL,
	ST_AUDIT_EXPORT,
	/* editing: parts, revisions, proposals, form tokens */
	ST_SECTION_LOCK,
	ST_SECTION_UPDATE,
	ST_SECTION_BY_AREA_SIDE,
	ST_SECTION_SET_STALE,
	ST_NOTE_LOCK,
	ST_NOTE_READ,
	ST_NOTE_UPDATE,
	ST_NOTE_SET_STALE,
	ST_NOTES_INSERT,
	ST_NOTES_OF_COMMITMENT,
	ST_COMMITMENT_TOUCH,
	ST_COMMITMENT_BY_ID,
	ST_COMMITMENT_LOCK,
	ST_COMMITMENT_PARTS,
	ST_COMMITMENT_SET_JOINT,
	ST_COMMITMENT_SET_STALE,
	ST_COMMITMENT_NEXT_NUMBER,
	ST_COMMITMENT_INSERT,
	ST_FORM_TOKEN_LOCK,
	ST_FORM_TOKEN_INSERT,
	ST_FORM_TOKEN_PURGE,
	ST_REVISION_EXISTS,
	ST_REVISION_INSERT,
	ST_REVISION_CONTENT,
	ST_REVISION_BY_SEQ,
	ST_REVISIONS_OF_AREA,
	ST_REVISIONS_OF_PART,
	ST_REVISIONS_ALL,
	ST_PROPOSAL_INSERT,
	ST_PROPOSAL_BY_ID,
	ST_PROPOSAL_LOCK,
	ST_PROPOSAL_DECIDE,
	ST_PROPOSALS_PENDING_BY_AREA,
	ST_PROPOSALS_OF_AREA,
	ST__MAX
};

struct stmt_def {
	const char *sql;
	/* Safe to run again after a broken connection: it reads, or starts a transaction. */
	bool retry_safe;
	/* Reads only content (the tables whose triggers advance content_generation): cache.h. */
	bool cached;
};

extern const struct stmt_def stmt_defs[ST__MAX];

#endif
