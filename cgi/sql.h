/* Every SQL statement of the application, by name. The text is in sql.c. */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

#include <stdbool.h>

enum stmt_id {
	ST_BEGIN,
	ST_SCHEMA_VERSION,
	ST_DASHBOARD_AREAS,
	ST_COUNCILS,
	ST_AREA_BY_SLUG,
	ST_SECTIONS_BY_AREA,
	ST_COMMITMENTS_BY_AREA,
	ST_REGISTER,
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
	/* login throttling */
	ST_THROTTLE_CHECK,
	ST_THROTTLE_FAIL,
	ST_THROTTLE_CLEAR,
	/* audit log and hash chains */
	ST_CHAIN_LOCK,
	ST_CHAIN_HEAD,
	ST_CHAIN_ADVANCE,
	ST_AUDIT_INSERT,
	ST_AUDIT_PAGE,
	ST_AUDIT_COUNT,
	ST_AUDIT_ALL,
	ST__MAX
};

struct stmt_def {
	const char *sql;
	/* Safe to run again after a broken connection: it reads, or starts a transaction. */
	bool retry_safe;
};

extern const struct stmt_def stmt_defs[ST__MAX];

#endif
