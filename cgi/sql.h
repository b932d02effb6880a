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
	ST__MAX
};

struct stmt_def {
	const char *sql;
	/* Safe to run again after a broken connection: it reads, or starts a transaction. */
	bool retry_safe;
};

extern const struct stmt_def stmt_defs[ST__MAX];

#endif
