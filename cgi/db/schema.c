#include "db/schema.h"

#include <mysql.h>
#include <stdio.h>

#include "base/log.h"
#include "schema_version.h"

long long schema_code_version(void)
{
	return SCHEMA_VERSION_CODE;
}

/* The column of ST_SCHEMA_VERSION. */
enum version_col {
	SV_VERSION,
};

static int version_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[SV_VERSION].i;
	return 0;
}

enum err schema_db_version(struct db *db, long long *version)
{
	*version = -1;
	return db_run(db, ST_SCHEMA_VERSION, NULL, 0, version_row, version, NULL);
}

int schema_compare(long long db_version, char *msg, size_t len)
{
	long long code = schema_code_version();
	if (db_version == code)
		return 0;
	if (db_version > code)
		snprintf(msg, len, "the database has schema version %lld, newer than this code (%lld):"
		         " run the release that migrated it", db_version, code);
	else
		snprintf(msg, len, "the database has schema version %lld, older than this code (%lld):"
		         " apply the migrations first (migrate.sh)", db_version, code);
	return -1;
}

int schema_check_at_start(const struct config *cfg)
{
	/*
	 * The library stays initialised: the workers forked later inherit it.
	 * libmariadb initialises once per process (pthread_once), so after a
	 * mysql_library_end here the workers' mysql_library_init would do
	 * nothing and they would run on a torn-down library.
	 */
	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_msg("schema: mysql_library_init failed");
		return -1;
	}
	struct db db;
	long long version;
	char msg[256];
	int rc = 0;
	db_init(&db, cfg->db_config, cfg->db_connect_timeout, cfg->db_rw_timeout, cfg->db_lock_wait_timeout);
	enum err r = schema_db_version(&db, &version);
	if (r == E_UNAVAILABLE) {
		log_msg("schema: cannot reach the database to check its schema version; starting anyway"
		        " (pages answer 503 and /healthz reports the version once it is reachable)");
	} else if (r != E_OK) {
		log_msg("schema: cannot read the schema version (%s): refusing to start", db.last_error);
		rc = -1;
	} else if (schema_compare(version, msg, sizeof(msg)) != 0) {
		log_msg("schema: %s; refusing to start", msg);
		rc = -1;
	} else {
		log_msg("schema: the database has schema version %lld, as this code expects", version);
	}
	db_close(&db);
	return rc;
}
