#include "ops/ops.h"

#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ops/backup.h"
#include "db/heads.h"
#include "db/schema.h"
#include "ops/status.h"
#include "ops/verify.h"

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "portalctl: %s: %s\n", what, why);
	return 1;
}

/* The backup key and the accepted definers (config restore_definers, split at spaces). */
struct keys {
	struct backup_keys k;
	char definers[sizeof(((struct config *)0)->restore_definers)];
	const char *list[9];
};

static int load_keys(const struct config *cfg, struct keys *out)
{
	char err[CONFIG_PATH_MAX + 64];
	if (!cfg->backup_key_file[0])
		return fail("configuration", "backup_key_file is not set: backups are made and checked with a key kept"
		            " outside the database (docs/operations.md)");
	if (config_read_key(cfg->backup_key_file, out->k.key, err, sizeof(err)) != 0)
		return fail("backup key", err);
	snprintf(out->definers, sizeof(out->definers), "%s", cfg->restore_definers);
	size_t n = 0;
	for (char *save = NULL, *w = strtok_r(out->definers, " \t", &save); w && n < 8; w = strtok_r(NULL, " \t", &save))
		out->list[n++] = w;
	out->list[n] = NULL;
	out->k.definers = out->list;
	return 0;
}

/* The column of ST_OPS_OTHER_CONNECTIONS and ST_OPS_TABLE_COUNT: each returns one count. */
enum count_col {
	CN_COUNT,
};

static int count_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[CN_COUNT].i;
	return 0;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A connection as the operator's account (admin_db_config), to database (NULL: none). 0 or an exit status. */
static int admin_connect(const struct config *cfg, struct db *db, const char *database)
{
	if (!cfg->admin_db_config[0])
		return fail("configuration", "admin_db_config is not set: backup and restore need the option file"
		            " of an account that may dump and create the database (docs/operations.md)");
	db_init(db, cfg->admin_db_config, cfg->db_connect_timeout, cfg->db_rw_timeout, cfg->db_lock_wait_timeout);
	db->database = database;
	return 0;
}

int ops_backup(const struct config *cfg, const char *path)
{
	struct db admin;
	int rc = admin_connect(cfg, &admin, DB_NAME);
	if (rc)
		return rc;
	struct backup_manifest m = { .schema = -1 };
	long long after = -2;
	char err[512];
	struct keys keys;
	if ((rc = load_keys(cfg, &keys)) != 0) {
		db_close(&admin);
		return rc;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	time_t now = time(NULL);
	struct tm tm;
	strftime(m.created, sizeof(m.created), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	snprintf(m.database, sizeof(m.database), "%s", DB_NAME);
	backup_key_id(cfg->chain_key, m.key_id);
	if (schema_db_version(&admin, &m.schema) != E_OK) {
		rc = fail("backup", "cannot read the schema version with admin_db_config: database unavailable");
	} else if (backup_write(path, cfg->admin_db_config, &keys.k, &m, err, sizeof(err)) != 0) {
		rc = fail(path, err);
	} else if (schema_db_version(&admin, &after) != E_OK || after != m.schema) {
		/* The dump is one snapshot; the version read before it must still hold. */
		unlink(path);
		rc = fail("backup", "the schema version changed while the dump ran (a migration?): removed it, run it again");
	} else {
		printf("backup written: %s\n  created %s, database %s, schema %lld, %llu bytes of dump, %.2f s\n"
		       "  audit log at entry %lld, revisions at %lld; backup key %s\n", path, m.created, m.database,
		       m.schema, m.dump_bytes, seconds_since(&t0), m.heads[0].seq, m.heads[1].seq, m.backup_key_id);
	}
	db_close(&admin);
	return rc;
}

/* Everything that can refuse a restore without touching the database. 0 or an exit status. */
static int restore_checks(const struct config *cfg, const char *path, bool force, const struct keys *keys,
                          struct backup_manifest *m)
{
	char err[512], key_id[33];
	if (!cfg->restore_db_config[0])
		return fail("configuration", "restore_db_config is not set: a restore loads the dump with an account"
		            " limited to the portal's tables (docs/operations.md); nothing was changed");
	if (backup_verify(path, &keys->k, m, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: %s: %s; nothing was changed\n", path, err);
		return 1;
	}
	if (m->schema > schema_code_version()) {
		fprintf(stderr, "portalctl: %s: the backup has schema version %lld, newer than this portal (%lld):"
		        " restore it with the release that made it; nothing was changed\n", path, m->schema,
		        schema_code_version());
		return 1;
	}
	backup_key_id(cfg->chain_key, key_id);
	if (strcmp(key_id, m->key_id) != 0 && !force) {
		fprintf(stderr, "portalctl: %s: the backup was written with another hash-chain key (id %s; %s has id %s):"
		        " copy the original instance's key file to %s first, or the audit log and revisions will not"
		        " verify (--force restores anyway); nothing was changed\n", path, m->key_id,
		        cfg->chain_key_file, key_id, cfg->chain_key_file);
		return 1;
	}
	return 0;
}

/* Empties the target: refuses while anyone uses it, or when it holds tables and !force. */
static int restore_target(struct db *admin, bool force)
{
	long long tables = -1, others = -1;
	if (DB_RUN(admin, ST_OPS_OTHER_CONNECTIONS, count_row, &others, DB_STR(DB_NAME)) != E_OK ||
	    DB_RUN(admin, ST_OPS_TABLE_COUNT, count_row, &tables, DB_STR(DB_NAME)) != E_OK)
		return fail("restore", admin->last_error[0] ? admin->last_error : "database unavailable");
	if (others > 0) {
		fprintf(stderr, "portalctl: %lld other connections use database %s: stop the portal (and every other"
		        " client of it) first; nothing was changed\n", others, DB_NAME);
		return 1;
	}
	if (tables > 0 && !force) {
		fprintf(stderr, "portalctl: database %s is not empty (%lld tables): restoring would replace it;"
		        " add --force to do so; nothing was changed\n", DB_NAME, tables);
		return 1;
	}
	if ((tables > 0 && db_run(admin, ST_OPS_DROP_DATABASE, NULL, 0, NULL, NULL, NULL) != E_OK) ||
	    db_run(admin, ST_OPS_CREATE_DATABASE, NULL, 0, NULL, NULL, NULL) != E_OK)
		return fail("restore", admin->last_error[0] ? admin->last_error : "database unavailable");
	return 0;
}

/* Checks a backup file the way restore does, without touching any database. */
int ops_verify_backup(const struct config *cfg, const char *path)
{
	struct backup_manifest m;
	char err[512], key_id[33];
	struct keys keys;
	int rc = load_keys(cfg, &keys);
	if (rc)
		return rc;
	if (backup_verify(path, &keys.k, &m, err, sizeof(err)) != 0) {
		printf("NOT restorable: %s: %s\n", path, err);
		return 1;
	}
	backup_key_id(cfg->chain_key, key_id);
	bool newer = m.schema > schema_code_version(), other_key = strcmp(key_id, m.key_id) != 0;
	printf("intact: %s\n  created %s, database %s, schema %lld%s, %llu bytes of dump\n"
	       "  MAC verified with backup key %s; every statement is one a restore accepts\n"
	       "  audit log at entry %lld (%s), revisions at %lld (%s)\n"
	       "  hash-chain key %s%s\n", path, m.created, m.database, m.schema,
	       newer ? " (newer than this portal: not restorable here)" : "", m.dump_bytes, m.backup_key_id,
	       m.heads[0].seq, m.heads[0].hash, m.heads[1].seq, m.heads[1].hash, m.key_id,
	       other_key ? " (not this configuration's key)" : " (this configuration's key)");
	return newer ? 1 : 0;
}

/* The restored heads, recorded outside the database: a restore moves them back legitimately. */
static int record_restored_heads(const struct config *cfg, const struct backup_manifest *m)
{
	if (!cfg->chain_heads_file[0])
		return 0;
	struct db_moved_head heads[2] = { { .chain = "audit", .seq = m->heads[0].seq },
	                                  { .chain = "revisions", .seq = m->heads[1].seq } };
	size_t len = 0;
	char err[CONFIG_PATH_MAX + 64];
	for (int h = 0; h < 2; h++)
		if (sodium_hex2bin(heads[h].hash, 32, m->heads[h].hash, 64, NULL, &len, NULL) != 0 || len != 32)
			return fail("restore", "a malformed chain head in the manifest");
	if (heads_record_restore(cfg->chain_heads_file, heads, 2, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: cannot record the restored chain heads: %s; verify will report the chains as"
		        " rewound until they are recorded\n", err);
		return 1;
	}
	return 0;
}

int ops_restore(const struct config *cfg, const char *path, bool force)
{
	struct backup_manifest m;
	struct db admin, restored;
	char err[512];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct keys keys;
	int rc = load_keys(cfg, &keys);
	if (rc || (rc = restore_checks(cfg, path, force, &keys, &m)) || (rc = admin_connect(cfg, &admin, NULL)))
		return rc;
	rc = restore_target(&admin, force);
	db_close(&admin);
	if (rc)
		return rc;
	if (backup_load(path, cfg->restore_db_config, DB_NAME, &keys.k, &m, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: %s: %s; database %s is partly restored: run the restore again with"
		        " --force\n", path, err, DB_NAME);
		return 1;
	}
	long long version = -1;
	admin_connect(cfg, &restored, DB_NAME);
	if (schema_db_version(&restored, &version) != E_OK || version != m.schema) {
		fprintf(stderr, "portalctl: %s: after loading, the database has schema version %lld, its manifest"
		        " says %lld\n", path, version, m.schema);
		rc = 1;
	} else {
		printf("restored %s (made %s, schema %lld, %llu bytes of dump) into database %s in %.2f s\n", path,
		       m.created, m.schema, m.dump_bytes, DB_NAME, seconds_since(&t0));
		rc = record_restored_heads(cfg, &m);
		rc |= verify_all(cfg, &restored);
		if (m.schema < schema_code_version())
			printf("schema %lld is older than this portal's (%lld): starting the portal applies the"
			       " missing migrations\n", m.schema, schema_code_version());
	}
	db_close(&restored);
	return rc;
}

static bool process_alive(long long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

static void print_time(const char *label, long long t)
{
	char when[32];
	time_t tt = (time_t)t;
	struct tm tm;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
	printf("%s %s (%lld s)", label, when, (long long)time(NULL) - t);
}

/* The application's part of status. Returns 1 when all is well. */
static int status_application(const struct config *cfg)
{
	struct status_snapshot s;
	char err[CONFIG_PATH_MAX + 64];
	if (!cfg->status_file[0]) {
		printf("application: unknown (status_file is not set in the configuration)\n");
		return 0;
	}
	if (status_read(cfg->status_file, &s, err, sizeof(err)) != 0) {
		printf("application: not running (%s)\n", err);
		return 0;
	}
	if (!process_alive(s.master_pid)) {
		printf("application: not running (its master, pid %lld, is gone: %s is stale)\n", s.master_pid,
		       cfg->status_file);
		return 0;
	}
	long long running = 0, requests = 0, client = 0, server = 0;
	for (long long i = 0; i < s.workers && i < STATUS_MAX_WORKERS; i++)
		running += s.worker[i].pid && process_alive(s.worker[i].pid);
	printf("application: running, master pid %lld, ", s.master_pid);
	print_time("up since", s.started);
	printf(", code for schema %lld\nworkers: %lld of %lld running\n", s.code_schema, running, s.workers);
	for (long long i = 0; i < s.workers && i < STATUS_MAX_WORKERS; i++) {
		const struct status_worker_snapshot *w = &s.worker[i];
		printf("  worker %lld: ", i);
		if (w->pid) {
			printf("pid %lld, ", w->pid);
			print_time("up since", w->started);
			printf(", ");
		} else {
			printf("not running, ");
		}
		printf("%lld requests, %lld client errors, %lld server errors, %lld exits\n", w->requests,
		       w->client_errors, w->server_errors, w->exits);
		requests += w->requests;
		client += w->client_errors;
		server += w->server_errors;
	}
	printf("requests: %lld answered, %lld client errors (4xx), %lld server errors (5xx)\n", requests, client, server);
	return running == s.workers;
}

int ops_status(const struct config *cfg, struct db *app)
{
	int ok = status_application(cfg);
	long long version;
	char msg[256];
	if (schema_db_version(app, &version) != E_OK) {
		printf("database: unreachable (%s)\n", app->last_error[0] ? app->last_error : "cannot connect");
		ok = 0;
	} else if (schema_compare(version, msg, sizeof(msg)) != 0) {
		printf("database: reachable, but %s\n", msg);
		ok = 0;
	} else {
		printf("database: reachable, schema %lld\n", version);
	}
	return ok ? 0 : 1;
}

