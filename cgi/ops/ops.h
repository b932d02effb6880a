/*
 * portalctl's commands for operating the portal (docs/operations.md). Each
 * prints what it found or did for the operator, and returns portalctl's exit
 * status: 0 done (or all is well), 1 refused or failed.
 */
#ifndef PORTAL_OPS_H
#define PORTAL_OPS_H

#include <stdbool.h>

#include "base/config.h"
#include "db/db.h"

/* A consistent dump of the database with its manifest and MAC, into the new file path (backup.h). */
int ops_backup(const struct config *cfg, const char *path);

/*
 * Loads the backup at path into the database, after checking, before
 * anything is touched: the file (complete, its MAC verifies with
 * backup_key_file, its dump passes the whitelist scan), its schema (not
 * newer than the code), its hash-chain key (this one, unless force), and the
 * database (nobody else connected; empty, unless force). The dump is loaded
 * with restore_db_config's account (rights on the portal's tables only);
 * the restored chain heads are then recorded in chain_heads_file, and
 * everything verified (verify.h).
 */
int ops_restore(const struct config *cfg, const char *path, bool force);

/* Checks a backup file as ops_restore does and tells what it holds; touches no database. */
int ops_verify_backup(const struct config *cfg, const char *path);

/*
 * The running application (from cfg->status_file: workers, requests,
 * errors) and the database as the application's account app sees it.
 * 0 when the application runs with all its workers and the database
 * answers with the schema the code expects.
 */
int ops_status(const struct config *cfg, struct db *app);

#endif
