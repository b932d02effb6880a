/*
 * The database schema version, compared with the version this code was built
 * for (the highest sql/NNN_*.sql, generated into build/gen/schema_version.h).
 * Migrations are forward-only (tools/migrate.sh): code must never run on a
 * database that a newer release has migrated, nor on one still missing
 * migrations.
 */
#ifndef PORTAL_SCHEMA_H
#define PORTAL_SCHEMA_H

#include <stddef.h>

#include "base/config.h"
#include "db/db.h"

/* The schema version this code expects. */
long long schema_code_version(void);

/* The database's version: the highest migration recorded in schema_migrations. */
enum err schema_db_version(struct db *db, long long *version);

/*
 * 0 when db_version is what the code expects; otherwise -1 and a sentence
 * for the operator in msg (newer: run the matching release; older: migrate).
 */
int schema_compare(long long db_version, char *msg, size_t len);

/*
 * The master's check before it opens its socket: connects once with the
 * application's option file. Returns 0 to go on (the versions agree, or the
 * database cannot be reached yet: pages answer 503 and /healthz reports it
 * until it can), -1 to refuse to start (logged). Leaves the MariaDB client
 * library initialised, for the workers the caller forks.
 */
int schema_check_at_start(const struct config *cfg);

#endif
