/*
 * MariaDB access. One struct db per thread: its own connection and its own
 * prepared statements (prepared on first use, again after a reconnect).
 * Every statement is in the table of sql.c; every value is bound.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "db/err.h"
#include "db/sql.h"

struct db_stmt;
struct cache;

/*
 * A hash chain whose head the running transaction moved (chain.c): recorded
 * outside the database once the transaction commits (heads.h).
 */
struct db_moved_head {
	const char *chain;         /* "audit" or "revisions" (static strings) */
	long long seq;
	unsigned char hash[32];
};
#define DB_MOVED_MAX 2

struct db {
	void *conn;                /* MYSQL *, NULL while disconnected */
	const char *option_file;   /* Connector/C option file with socket and credentials */
	const char *database;      /* NULL: the option file's; set after db_init to choose one */
	unsigned connect_timeout, rw_timeout, lock_wait_timeout;
	bool in_tx;
	/* A COMMIT was sent (the caller clears it for each request): a later
	 * failure, or that COMMIT's own lost answer, cannot mean nothing changed. */
	bool commit_sent;
	bool rows_delivered;       /* the running statement has handed a row to its callback */
	struct db_stmt *stmts;     /* ST__MAX entries */
	/* Content reads come from here while generation is the database's (cache.h); NULL: never. */
	struct cache *cache;
	long long generation;      /* read with this request's session; -1: unknown, or the request wrote */
	struct db_moved_head moved[DB_MOVED_MAX];   /* in the running transaction */
	unsigned moved_n;
	unsigned last_errno;
	char last_error[256];
};

enum db_arg_type { DBA_NULL, DBA_INT, DBA_STR, DBA_BLOB };

struct db_arg {
	enum db_arg_type type;
	long long i;
	const char *s;
	size_t len;
};

#define DB_INT(v) ((struct db_arg){ .type = DBA_INT, .i = (v) })
#define DB_STR(v) ((struct db_arg){ .type = DBA_STR, .s = (v), .len = strlen(v) })
#define DB_STRN(v, n) ((struct db_arg){ .type = DBA_STR, .s = (v), .len = (n) })
/* Binary data (hashes): sent without character set conversion. */
#define DB_BLOB(v, n) ((struct db_arg){ .type = DBA_BLOB, .s = (const char *)(v), .len = (n) })
#define DB_NULL ((struct db_arg){ .type = DBA_NULL })

/* One column of a fetched row; valid only during the row callback. */
struct db_col {
	const char *s;   /* text columns: the bytes (NUL-terminated); NULL for integers */
	size_t len;
	long long i;     /* integer columns */
	bool null;
};

struct arena;
/* A text column copied into a: NULL for SQL NULL (or when a is full). */
const char *db_col_dup(struct arena *a, const struct db_col *c);

/* Called for each row; return 0 to go on, non-zero to stop early. */
typedef int (*db_row_fn)(void *ud, const struct db_col *cols, unsigned ncols);

/* Timeouts in seconds: connecting, each read or write, waiting for a row lock. */
void db_init(struct db *db, const char *option_file, unsigned connect_timeout, unsigned rw_timeout,
             unsigned lock_wait_timeout);
/* Closes the connection and frees the statements. */
void db_close(struct db *db);

/*
 * Runs statement id with args bound to its '?' in order. fn (may be NULL) gets
 * each row as it arrives from the server (rows are not buffered). *affected,
 * when given, receives the affected-row count. A read that finds the
 * connection broken reconnects and runs once more; a write never does.
 */
enum err db_run(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs,
                      db_row_fn fn, void *ud, unsigned long long *affected);

/* Convenience for statements with arguments: DB_RUN(db, ST_X, fn, ud, DB_INT(1), DB_STR(s)). */
#define DB_RUN(db, id, fn, ud, ...)                                                    \
	db_run((db), (id), (const struct db_arg[]){ __VA_ARGS__ },                      \
	       sizeof((const struct db_arg[]){ __VA_ARGS__ }) / sizeof(struct db_arg), \
	       (fn), (ud), NULL)

/* Transactions: begin reconnects if needed; commit/rollback end the transaction. */
enum err db_begin(struct db *db);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);

/*
 * Runs fn inside one transaction: begin, fn, commit; rollback when fn or the
 * commit fails. A deadlock or lock-wait timeout (E_RETRY) runs it again, up
 * to three times in all, so fn must only touch the database. Returns fn's
 * result, or the commit's.
 */
#define DB_TX_ATTEMPTS 3
typedef enum err (*db_tx_fn)(struct db *db, void *ud);
enum err db_transaction(struct db *db, db_tx_fn fn, void *ud);

/*
 * Called after every COMMIT of a transaction that moved a chain's head, with
 * the heads it moved (heads.h records them). Set once, before any thread
 * starts; NULL (the default): nothing is called.
 */
typedef void (*db_commit_fn)(const struct db_moved_head *moved, unsigned n);
void db_on_commit(db_commit_fn fn);

/* The id of the row the last INSERT created. */
unsigned long long db_insert_id(struct db *db);

#endif
