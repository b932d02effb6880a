#include "db/db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "db/cache.h"
#include "base/log.h"

#define COL_INITIAL 256   /* bytes a text column's buffer holds at first (its block has one more) */
#define DB_MAX_PARAMS 32

/* A prepared statement and the buffers its result columns are fetched into. */
struct db_stmt {
	MYSQL_STMT *st;
	unsigned nparams, ncols;
	MYSQL_BIND *res;
	struct db_col *cols;
	unsigned long *lens;
	my_bool *nulls, *errs;
	long long *ints;
	char **bufs;       /* text columns: blocks of res[i].buffer_length + 1 bytes (col_buffer_size) */
};

static void stmt_free(struct db_stmt *s)
{
	if (s->st)
		mysql_stmt_close(s->st);
	if (s->bufs)
		for (unsigned i = 0; i < s->ncols; i++)
			free(s->bufs[i]);
	free(s->bufs);
	free(s->res);
	free(s->cols);
	free(s->lens);
	free(s->nulls);
	free(s->errs);
	free(s->ints);
	memset(s, 0, sizeof(*s));
}

static bool is_integer_type(enum enum_field_types t)
{
	return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG ||
	       t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_YEAR;
}

/*
 * Gives text column i room for capacity bytes and its NUL. Connector/C is told
 * the block holds capacity bytes: it reports truncation only for a longer
 * value and writes no NUL after one of exactly capacity bytes, so the block is
 * always one byte longer, for the NUL fill_cols writes. 0, or -1 when out of
 * memory (the old block is kept).
 */
static int col_buffer_size(struct db_stmt *s, unsigned i, unsigned long capacity)
{
	char *p = realloc(s->bufs[i], (size_t)capacity + 1);
	if (!p)
		return -1;
	s->bufs[i] = p;
	s->res[i].buffer = p;
	s->res[i].buffer_length = capacity;
	return 0;
}

/* Sets up one result binding per column: integers as long long, the rest as text. */
static int stmt_bind_results(struct db_stmt *s)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(s->st);
	if (!meta)
		return 0; /* no result set */
	s->ncols = mysql_num_fields(meta);
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	s->res = calloc(s->ncols, sizeof(*s->res));
	s->cols = calloc(s->ncols, sizeof(*s->cols));
	s->lens = calloc(s->ncols, sizeof(*s->lens));
	s->nulls = calloc(s->ncols, sizeof(*s->nulls));
	s->errs = calloc(s->ncols, sizeof(*s->errs));
	s->ints = calloc(s->ncols, sizeof(*s->ints));
	s->bufs = calloc(s->ncols, sizeof(*s->bufs));
	int rc = (s->res && s->cols && s->lens && s->nulls && s->errs && s->ints && s->bufs) ? 0 : -1;
	for (unsigned i = 0; rc == 0 && i < s->ncols; i++) {
		MYSQL_BIND *b = &s->res[i];
		b->length = &s->lens[i];
		b->is_null = &s->nulls[i];
		b->error = &s->errs[i];
		if (is_integer_type(fields[i].type)) {
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &s->ints[i];
			b->is_unsigned = 0;
		} else {
			b->buffer_type = MYSQL_TYPE_STRING;
			rc = col_buffer_size(s, i, COL_INITIAL);
		}
	}
	mysql_free_result(meta);
	return rc;
}

/* Classifies an error number, and drops the connection when it is broken. */
static enum err classify(struct db *db, unsigned err, const char *msg, enum stmt_id id)
{
	db->last_errno = err;
	snprintf(db->last_error, sizeof(db->last_error), "%s", msg ? msg : "");
	switch (err) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_SERVER_LOST_EXTENDED:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case ER_UNKNOWN_COM_ERROR:
		/* ER_UNKNOWN_COM_ERROR (1047) is what a Galera node that is not Synced or
		 * has lost quorum answers ("WSREP has not yet prepared node for application
		 * use"): the connection is dropped like a lost one, so that the next one
		 * goes through HAProxy to a node that is (docs/scaling.md).
		 * Whatever state the connection had is gone, transaction included. */
		if (db->conn)
			log_msg("db: connection lost (%u %s) at statement %d", err, db->last_error, (int)id);
		for (unsigned i = 0; db->stmts && i < ST__MAX; i++)
			stmt_free(&db->stmts[i]);
		if (db->conn)
			mysql_close(db->conn);
		db->conn = NULL;
		db->in_tx = false;
		return E_UNAVAILABLE;
	case ER_LOCK_DEADLOCK:       /* also Galera's certification conflict, at any statement or at COMMIT */
	case ER_LOCK_WAIT_TIMEOUT:
		return E_RETRY;   /* the caller rolls back (a timeout alone undoes only the statement) */
	case ER_DUP_ENTRY:
		return E_DUPLICATE;
	default:
		log_msg("db: error %u at statement %d: %s", err, (int)id, db->last_error);
		return E_FAILED;
	}
}

/*
 * A statement failed. Connector/C sometimes leaves the statement's error
 * empty and puts it on the connection (a read that failed while rows were
 * streaming); with neither, the connection's state is unknown: it is dropped
 * like a lost one.
 */
static enum err stmt_failed(struct db *db, struct db_stmt *s, enum stmt_id id)
{
	unsigned err = mysql_stmt_errno(s->st);
	const char *msg = mysql_stmt_error(s->st);
	if (err == 0 && db->conn) {
		err = mysql_errno(db->conn);
		msg = mysql_error(db->conn);
	}
	if (err == 0) {
		err = CR_SERVER_LOST;
		msg = "no error code given";
	}
	return classify(db, err, msg, id);
}

void db_init(struct db *db, const char *option_file, unsigned connect_timeout, unsigned rw_timeout,
             unsigned lock_wait_timeout)
{
	memset(db, 0, sizeof(*db));
	db->option_file = option_file;
	db->connect_timeout = connect_timeout;
	db->rw_timeout = rw_timeout;
	db->lock_wait_timeout = lock_wait_timeout;
	db->cache = NULL;
	db->generation = -1;
}

static int db_connect(struct db *db)
{
	if (!db->stmts) {
		db->stmts = calloc(ST__MAX, sizeof(*db->stmts));
		if (!db->stmts)
			return -1;
	}
	MYSQL *m = mysql_init(NULL);
	if (!m)
		return -1;
	mysql_optionsv(m, MYSQL_READ_DEFAULT_FILE, db->option_file);
	mysql_optionsv(m, MYSQL_READ_DEFAULT_GROUP, "client");
	mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &db->connect_timeout);
	mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &db->rw_timeout);
	mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &db->rw_timeout);
	mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Every connection works in UTC (pages format times themselves) and waits
	 * for a row lock only briefly: db_transaction retries a timed-out one. */
	char init[96];
	snprintf(init, sizeof(init), "SET time_zone = '+00:00', innodb_lock_wait_timeout = %u", db->lock_wait_timeout);
	mysql_optionsv(m, MYSQL_INIT_COMMAND, init);
	if (!mysql_real_connect(m, NULL, NULL, NULL, db->database, 0, NULL, 0)) {
		unsigned err = mysql_errno(m);
		if (db->last_errno != err)
			log_msg("db: cannot connect (%u %s)", err, mysql_error(m));
		db->last_errno = err;
		mysql_close(m);
		return -1;
	}
	db->conn = m;
	db->in_tx = false;
	db->last_errno = 0;
	return 0;
}

void db_close(struct db *db)
{
	for (unsigned i = 0; db->stmts && i < ST__MAX; i++)
		stmt_free(&db->stmts[i]);
	free(db->stmts);
	db->stmts = NULL;
	if (db->conn)
		mysql_close(db->conn);
	db->conn = NULL;
}

static enum err stmt_prepare(struct db *db, enum stmt_id id, struct db_stmt **out)
{
	struct db_stmt *s = &db->stmts[id];
	if (s->st) {
		*out = s;
		return E_OK;
	}
	s->st = mysql_stmt_init(db->conn);
	if (!s->st)
		return classify(db, mysql_errno(db->conn), "out of memory", id);
	const char *sql = stmt_defs[id].sql;
	if (mysql_stmt_prepare(s->st, sql, strlen(sql)) != 0) {
		enum err r = stmt_failed(db, s, id);
		stmt_free(s);
		return r;
	}
	s->nparams = mysql_stmt_param_count(s->st);
	if (stmt_bind_results(s) != 0) {
		stmt_free(s);
		return E_FAILED;
	}
	*out = s;
	return E_OK;
}

static int bind_params(struct db_stmt *s, const struct db_arg *args, unsigned nargs)
{
	if (nargs != s->nparams || nargs > DB_MAX_PARAMS)
		return -1;
	if (nargs == 0)
		return 0;
	MYSQL_BIND b[DB_MAX_PARAMS];
	memset(b, 0, sizeof(b));
	for (unsigned i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case DBA_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBA_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		case DBA_STR:
		case DBA_BLOB:
			b[i].buffer_type = args[i].type == DBA_STR ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)args[i].s;
			b[i].buffer_length = args[i].len;
			break;
		}
	}
	return mysql_stmt_bind_param(s->st, b) ? -1 : 0;
}

/* Refetches columns that did not fit, into buffers grown to their full length. */
static int fetch_truncated(struct db_stmt *s)
{
	for (unsigned i = 0; i < s->ncols; i++) {
		if (!s->errs[i] || s->res[i].buffer_type != MYSQL_TYPE_STRING)
			continue;
		if (col_buffer_size(s, i, s->lens[i]) != 0)
			return -1;
		if (mysql_stmt_fetch_column(s->st, &s->res[i], i, 0) != 0)
			return -1;
	}
	/* Later rows are fetched into the grown buffers. */
	return mysql_stmt_bind_result(s->st, s->res) ? -1 : 0;
}

static void fill_cols(struct db_stmt *s)
{
	for (unsigned i = 0; i < s->ncols; i++) {
		struct db_col *c = &s->cols[i];
		c->null = s->nulls[i];
		if (s->res[i].buffer_type == MYSQL_TYPE_LONGLONG) {
			c->s = NULL;
			c->len = 0;
			c->i = c->null ? 0 : s->ints[i];
		} else {
			size_t len = c->null ? 0 : s->lens[i];
			if (len > s->res[i].buffer_length)   /* cannot happen after fetch_truncated; never past the block */
				len = s->res[i].buffer_length;
			s->bufs[i][len] = '\0';
			c->s = s->bufs[i];
			c->len = len;
			c->i = 0;
		}
	}
}

static enum err fetch_rows(struct db *db, enum stmt_id id, struct db_stmt *s, db_row_fn fn, void *ud)
{
	if (s->ncols == 0)
		return E_OK;
	if (mysql_stmt_bind_result(s->st, s->res) != 0)
		return stmt_failed(db, s, id);
	enum err r = E_OK;
	bool stopped = false;
	for (;;) {
		int rc = mysql_stmt_fetch(s->st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			r = stmt_failed(db, s, id);
			break;
		}
		if (rc == MYSQL_DATA_TRUNCATED && fetch_truncated(s) != 0) {
			r = E_FAILED;
			log_msg("db: cannot grow a column buffer at statement %d", (int)id);
			stopped = true;
			break;
		}
		if (stopped || !fn)
			continue; /* drain the rest of the result */
		fill_cols(s);
		db->rows_delivered = true;
		if (fn(ud, s->cols, s->ncols) != 0)
			stopped = true;
	}
	if (r != E_UNAVAILABLE)
		mysql_stmt_free_result(s->st);
	return r;
}

static enum err run_once(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs,
                               db_row_fn fn, void *ud, unsigned long long *affected)
{
	if (!db->conn && db_connect(db) != 0)
		return E_UNAVAILABLE;
	struct db_stmt *s = NULL;
	enum err r = stmt_prepare(db, id, &s);
	if (r != E_OK)
		return r;
	if (bind_params(s, args, nargs) != 0) {
		log_msg("db: statement %d: %u arguments for %u parameters", (int)id, nargs, s->nparams);
		return E_FAILED;
	}
	if (mysql_stmt_execute(s->st) != 0)
		return stmt_failed(db, s, id);
	r = fetch_rows(db, id, s, fn, ud);
	if (r == E_OK && affected)
		*affected = mysql_stmt_affected_rows(s->st);
	return r;
}

static enum err run_fresh(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs,
                                db_row_fn fn, void *ud, unsigned long long *affected)
{
	bool was_connected = db->conn != NULL;
	bool in_tx = db->in_tx;
	db->rows_delivered = false;
	enum err r = run_once(db, id, args, nargs, fn, ud, affected);
	/*
	 * A connection that broke while idle (server restarted, KILLed, timed out)
	 * is only noticed on use. Reads and START TRANSACTION changed nothing, so
	 * they may run once more on a fresh connection; a write may not, and
	 * neither may a read whose rows the caller has already seen (a download
	 * would hold them twice).
	 */
	if (r == E_UNAVAILABLE && was_connected && !in_tx && stmt_defs[id].retry_safe && !db->rows_delivered)
		r = run_once(db, id, args, nargs, fn, ud, affected);
	return r;
}

/* Rows on their way from the database to the caller, copied for the cache. */
struct recording {
	db_row_fn fn;
	void *ud;
	struct cache_recorder *rec;
	bool stopped;
};

static int record_row(void *ud, const struct db_col *cols, unsigned ncols)
{
	struct recording *r = ud;
	cache_record_row(r->rec, cols, ncols);
	if (r->fn && r->fn(r->ud, cols, ncols) != 0) {
		r->stopped = true;   /* the caller saw enough: the result is incomplete */
		return 1;
	}
	return 0;
}

static enum err run_cached(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs,
                                 db_row_fn fn, void *ud)
{
	struct cache_key key;
	if (!cache_key_make(&key, id, args, nargs))
		return run_fresh(db, id, args, nargs, fn, ud, NULL);
	struct cache_entry *e = cache_find(db->cache, db->generation, &key);
	if (e) {
		cache_replay(e, fn, ud);
		cache_release(db->cache, e);
		return E_OK;
	}
	struct recording r = { fn, ud, cache_record_begin(CACHE_RESULT_MAX), false };
	enum err res = run_fresh(db, id, args, nargs, record_row, &r, NULL);
	if (res == E_OK && !r.stopped)
		cache_record_end(db->cache, r.rec, db->generation, &key);
	else
		cache_record_abandon(r.rec);
	return res;
}

enum err db_run(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs,
                      db_row_fn fn, void *ud, unsigned long long *affected)
{
	if (db->cache && db->generation >= 0 && !db->in_tx && stmt_defs[id].cached)
		return run_cached(db, id, args, nargs, fn, ud);
	enum err r = run_fresh(db, id, args, nargs, fn, ud, affected);
	if (!stmt_defs[id].retry_safe)
		db->generation = -1;   /* this request wrote: what it reads next comes from the database */
	return r;
}

static db_commit_fn commit_hook;

void db_on_commit(db_commit_fn fn)
{
	commit_hook = fn;
}

enum err db_begin(struct db *db)
{
	if (db->in_tx)
		return E_FAILED;
	db->moved_n = 0;
	enum err r = db_run(db, ST_BEGIN, NULL, 0, NULL, NULL, NULL);
	if (r == E_OK)
		db->in_tx = true;
	return r;
}

enum err db_commit(struct db *db)
{
	if (!db->conn || !db->in_tx)
		return E_UNAVAILABLE;
	db->commit_sent = true;
	if (mysql_commit(db->conn) != 0) {
		enum err r = classify(db, mysql_errno(db->conn), mysql_error(db->conn), ST_BEGIN);
		if (r == E_UNAVAILABLE)
			log_msg("db: the connection broke during COMMIT: the change may have been saved");
		return r;
	}
	db->in_tx = false;
	db->generation = -1;   /* as after any write */
	if (db->moved_n && commit_hook)
		commit_hook(db->moved, db->moved_n);
	db->moved_n = 0;
	return E_OK;
}

void db_rollback(struct db *db)
{
	if (db->conn && db->in_tx && mysql_rollback(db->conn) != 0)
		classify(db, mysql_errno(db->conn), mysql_error(db->conn), ST_BEGIN);
	db->in_tx = false;
	db->moved_n = 0;
}

const char *db_col_dup(struct arena *a, const struct db_col *c)
{
	return c->null ? NULL : arena_strndup(a, c->s, c->len);
}

enum err db_transaction(struct db *db, db_tx_fn fn, void *ud)
{
	enum err r = E_RETRY;
	for (int attempt = 1; attempt <= DB_TX_ATTEMPTS && r == E_RETRY; attempt++) {
		r = db_begin(db);
		if (r != E_OK)
			return r;
		r = fn(db, ud);
		if (r == E_OK)
			r = db_commit(db);
		if (r != E_OK)
			db_rollback(db);
		if (r == E_RETRY)   /* everything was rolled back: running it again is safe */
			log_msg("db: transaction rolled back (%u %s), attempt %d of %d", db->last_errno, db->last_error,
			        attempt, DB_TX_ATTEMPTS);
	}
	return r;
}

unsigned long long db_insert_id(struct db *db)
{
	return db->conn ? mysql_insert_id(db->conn) : 0;
}
