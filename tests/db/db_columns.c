/*
 * Text columns at the edges of db.c's fetch buffers, through the real
 * Connector/C and MariaDB (issue 14, item 1). A text column is fetched into a
 * block of 256 bytes at first and regrown when a longer value arrives; every
 * value of 255, 256 and 257 bytes, and one byte either side of a regrown
 * size, must arrive whole and NUL-terminated, with nothing written past a
 * block (built with ASan + UBSan: a write one byte too far aborts the run).
 *
 *     build/dbtests/db_columns ADMIN_OPTION_FILE
 *
 * The option file is an account that may create databases (the instance's
 * mariadb/admin.cnf). The test copies the tables it needs from the portal's
 * database into a scratch one beside it, changes values there with plain SQL
 * and reads them back with the portal's own statements (sql.c) through
 * db_run, each statement on one connection, as a worker thread does; it
 * drops the scratch database at the end. tests/http/test_db_columns.py runs
 * it against the test instance.
 */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "db/db.h"

#define SCRATCH "portal_db_columns"

/* The lengths in bytes, in the order they are stored and read: 256 is the
 * first block; 300 regrows it, then 299, 300, 301 test one byte either side. */
static const size_t LONG_RUN[] = { 0, 1, 255, 256, 257, 255, 300, 299, 300, 301, 302, 4096, 4095, 4096, 4097, 256 };
/* For columns of at most 100 characters (VARCHAR(100) and up): 4-byte characters reach 302 bytes. */
static const size_t SHORT_RUN[] = { 0, 1, 255, 256, 257, 255, 300, 299, 300, 301, 302, 256 };
/* For an ASCII column of at most 300 bytes. */
static const size_t ASCII_RUN[] = { 0, 1, 255, 256, 257, 255, 290, 289, 290, 291, 300, 256 };
#define RUN_LEN(r) (sizeof(r) / sizeof((r)[0]))

static MYSQL *admin;          /* for changing values with plain SQL */
static const char *admin_cnf;

/* A value of n bytes that differs with step: 4-byte characters (or, for an ASCII column, digits), then letters. */
static void make_value(struct buf *b, size_t n, unsigned step, bool ascii)
{
	static const char *const wide[] = { "\xF0\xA0\x80\x80", "\xF0\x9F\x98\x80" };   /* U+20000, U+1F600 */
	static const char *const narrow[] = { "0123", "4567" };
	buf_reset(b);
	for (size_t i = 0; i < n / 4; i++)
		buf_puts(b, (ascii ? narrow : wide)[(i + step) % 2]);
	for (size_t i = 0; i < n % 4; i++)
		buf_putc(b, (char)('a' + (step + i) % 26));
	buf_cstr(b);
}

/* Runs SQL as the administrator; the value, if any, replaces the one %s as a hex literal. */
static bool admin_sql(const char *fmt, const struct buf *value)
{
	struct buf q, lit;
	buf_init(&q);
	buf_init(&lit);
	buf_puts(&lit, "CONVERT(X'");
	for (size_t i = 0; value && i < value->len; i++)
		buf_printf(&lit, "%02x", (unsigned char)value->data[i]);
	buf_puts(&lit, "' USING utf8mb4)");
	const char *at = value ? strstr(fmt, "%s") : NULL;
	if (at) {
		buf_append(&q, fmt, (size_t)(at - fmt));
		buf_append(&q, lit.data, lit.len);
		buf_puts(&q, at + 2);
	} else {
		buf_puts(&q, fmt);
	}
	bool ok = mysql_real_query(admin, q.data, q.len) == 0;
	if (!ok)
		fprintf(stderr, "db_columns: %s\n  in: %.200s\n", mysql_error(admin), q.data);
	buf_free(&q);
	buf_free(&lit);
	return ok;
}

/* What a row callback compares: the column, and the values expected row by row. */
struct expect {
	unsigned col;
	const struct buf *values;
	size_t nvalues, row;
	bool all_match;
};

static int compare_row(void *ud, const struct db_col *c, unsigned ncols)
{
	struct expect *x = ud;
	const struct buf *want = x->row < x->nvalues ? &x->values[x->row] : NULL;
	const struct db_col *got = x->col < ncols ? &c[x->col] : NULL;
	bool ok = want && got && !got->null && got->len == want->len && memcmp(got->s, want->data, want->len) == 0 &&
	          got->s[got->len] == '\0';
	if (!ok)
		fprintf(stderr, "db_columns: row %zu: %zu bytes expected, %zu fetched\n", x->row, want ? want->len : 0,
		        got ? got->len : 0);
	x->all_match = x->all_match && ok;
	x->row++;
	return 0;
}

static bool fetch_matches(struct db *db, enum stmt_id id, const struct db_arg *args, unsigned nargs, unsigned col,
                          const struct buf *values, size_t nvalues)
{
	struct expect x = { col, values, nvalues, 0, true };
	enum err r = db_run(db, id, args, nargs, compare_row, &x, NULL);
	if (r != E_OK)
		fprintf(stderr, "db_columns: statement %d: %s\n", (int)id, db->last_error);
	return r == E_OK && x.all_match && x.row == nvalues;
}

/* The portal's side: one connection for every case, its statements prepared once, as in a worker thread. */
static struct db *connection(void)
{
	static struct db db;
	static bool ready;
	if (!ready) {
		db_init(&db, admin_cnf, 5, 30, 5);
		db.database = SCRATCH;
		ready = true;
	}
	return &db;
}

/*
 * One row changed to each length of run in turn and read after each change by
 * the same statement on the same connection, so its buffer keeps what earlier
 * values made of it.
 */
struct row_case {
	const char *name;
	const size_t *run;
	size_t n;
	bool ascii;                 /* an ASCII column */
	const char *update;         /* changes the row: one %s for the value */
	enum stmt_id id;            /* reads it back */
	const struct db_arg *args;
	unsigned nargs, col;
};

static bool single_row_case(const struct row_case *k)
{
	struct buf v;
	buf_init(&v);
	bool ok = true;
	for (size_t i = 0; ok && i < k->n; i++) {
		make_value(&v, k->run[i], (unsigned)i, k->ascii);
		ok = admin_sql(k->update, &v) && fetch_matches(connection(), k->id, k->args, k->nargs, k->col, &v, 1);
		if (!ok)
			fprintf(stderr, "db_columns: %s: a value of %zu bytes (step %zu) did not arrive whole\n", k->name,
			        k->run[i], i);
	}
	buf_free(&v);
	return ok;
}

#define LONG_TEXT LONG_RUN, RUN_LEN(LONG_RUN)
#define SHORT_TEXT SHORT_RUN, RUN_LEN(SHORT_RUN)

static void test_section_body(void)
{
	const struct db_arg args[] = { DB_INT(1), DB_STR("eu"), DB_STR("en") };
	CHECK(single_row_case(&(struct row_case){ "section body", LONG_TEXT, false,
	      "UPDATE sections SET body = %s WHERE area_id = 1 AND side = 'eu' AND lang = 'en'",
	      ST_SECTION_BY_AREA_SIDE, args, 3, 1 }));
}

static void test_section_body_under_lock(void)
{
	const struct db_arg args[] = { DB_INT(1), DB_STR("kr"), DB_STR("ko") };
	CHECK(single_row_case(&(struct row_case){ "section body (FOR UPDATE)", LONG_TEXT, false,
	      "UPDATE sections SET body = %s WHERE area_id = 1 AND side = 'kr' AND lang = 'ko'",
	      ST_SECTION_LOCK, args, 3, 1 }));
}

static void test_note(void)
{
	const struct db_arg args[] = { DB_INT(1), DB_STR("eu"), DB_STR("en") };
	CHECK(single_row_case(&(struct row_case){ "note", LONG_TEXT, false,
	      "UPDATE commitment_notes SET body = %s WHERE commitment_id = 1 AND side = 'eu' AND lang = 'en'",
	      ST_NOTE_READ, args, 3, 1 }));
}

static void test_commitment_text_and_target(void)
{
	const struct db_arg args[] = { DB_INT(1) };
	CHECK(single_row_case(&(struct row_case){ "commitment text", LONG_TEXT, false,
	      "UPDATE commitments SET body_ko = %s WHERE id = 1", ST_COMMITMENT_PARTS, args, 1, 2 }));
	CHECK(single_row_case(&(struct row_case){ "commitment target", SHORT_TEXT, false,
	      "UPDATE commitments SET target = %s WHERE id = 1", ST_COMMITMENT_PARTS, args, 1, 6 }));
}

static void test_display_name(void)
{
	const struct db_arg args[] = { DB_STR("eu-viewer") };
	CHECK(single_row_case(&(struct row_case){ "display name", SHORT_TEXT, false,
	      "UPDATE accounts SET display_name = %s WHERE login = 'eu-viewer'", ST_ACCOUNT_BY_LOGIN, args, 1, 2 }));
}

static void test_council_city(void)
{
	const struct db_arg args[] = { DB_INT(1) };
	CHECK(single_row_case(&(struct row_case){ "council city", SHORT_TEXT, false,
	      "UPDATE councils SET city_ko = %s WHERE id = 1", ST_COUNCIL_BY_ID, args, 1, 5 }));
}

static void test_proposal_text_and_summary(void)
{
	const struct db_arg args[] = { DB_INT(1) };
	CHECK(admin_sql("INSERT INTO proposals (id, area_id, commitment_id, kind, lang, base_version, content, proposed_by,"
	                " side, proposed_at) SELECT 1, 1, 0, 'section', 'en', 1, '', MIN(id), 'EU', UTC_TIMESTAMP(6)"
	                " FROM accounts", NULL));
	CHECK(single_row_case(&(struct row_case){ "proposal text", LONG_TEXT, false,
	      "UPDATE proposals SET content = %s WHERE id = 1", ST_PROPOSAL_BY_ID, args, 1, 5 }));
	CHECK(single_row_case(&(struct row_case){ "proposal summary", SHORT_TEXT, false,
	      "UPDATE proposals SET summary = %s WHERE id = 1", ST_PROPOSAL_BY_ID, args, 1, 6 }));
}

/* Where a form's first submission led (ASCII, at most 300 bytes). */
static void test_form_location(void)
{
	const struct db_arg args[] = { DB_STR("0123456789abcdef0123456789abcdef") };
	CHECK(admin_sql("INSERT INTO form_submissions (token, account_id, at, location)"
	                " VALUES ('0123456789abcdef0123456789abcdef', 1, UTC_TIMESTAMP(6), '/')", NULL));
	CHECK(single_row_case(&(struct row_case){ "form location", ASCII_RUN, RUN_LEN(ASCII_RUN), true,
	      "UPDATE form_submissions SET location = %s WHERE token = '0123456789abcdef0123456789abcdef'",
	      ST_FORM_TOKEN_LOCK, args, 1, 0 }));
}

static void test_revision_text(void)
{
	const struct db_arg args[] = { DB_INT(1), DB_INT(0), DB_STR("eu"), DB_STR("en"), DB_INT(1) };
	CHECK(admin_sql("INSERT INTO revisions (seq, area_id, commitment_id, part, lang, version, content, at, origin,"
	                " prev_hash, hash) VALUES (1, 1, 0, 'eu', 'en', 1, '', UTC_TIMESTAMP(6), 'edit',"
	                " REPEAT(CHAR(0), 32), REPEAT(CHAR(0), 32))", NULL));
	CHECK(single_row_case(&(struct row_case){ "revision text", LONG_TEXT, false,
	      "UPDATE revisions SET content = %s WHERE seq = 1", ST_REVISION_CONTENT, args, 5, 0 }));
	CHECK(admin_sql("DELETE FROM revisions", NULL));
}

/* The values of run, each made for its position (the rows of a multi-row case). */
static struct buf *values_of(const size_t *run, size_t n)
{
	struct buf *v = calloc(n, sizeof(*v));
	for (size_t i = 0; v && i < n; i++)
		make_value(&v[i], run[i], (unsigned)i, false);
	return v;
}

static void free_values(struct buf *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		buf_free(&v[i]);
	free(v);
}

/*
 * Audit entries whose details have the lengths of LONG_RUN and then the same
 * in reverse, so that read oldest first (verify, the CSV export) and newest
 * first (the audit page) each meet them in LONG_RUN's order.
 */
static void test_audit_details_in_one_result(void)
{
	size_t n = RUN_LEN(LONG_RUN);
	size_t run[2 * RUN_LEN(LONG_RUN)];
	for (size_t i = 0; i < n; i++)
		run[i] = run[2 * n - 1 - i] = LONG_RUN[i];
	struct buf *v = values_of(run, 2 * n);
	struct buf *newest_first = calloc(2 * n, sizeof(*newest_first));
	CHECK(v && newest_first);
	for (size_t i = 0; v && newest_first && i < 2 * n; i++) {
		char insert[400];
		snprintf(insert, sizeof(insert),
		         "INSERT INTO audit_log (seq, at, login, action, detail, client_addr, prev_hash, hash)"
		         " VALUES (%zu, UTC_TIMESTAMP(6), 'tester', 'login_failed', %%s, '127.0.0.1',"
		         " REPEAT(CHAR(0), 32), REPEAT(CHAR(0), 32))", i + 1);
		CHECK(admin_sql(insert, &v[i]));
		newest_first[2 * n - 1 - i] = v[i];   /* shares the bytes */
	}
	struct db *db = connection();
	const struct db_arg page[] = { DB_INT(1000), DB_INT(0) };
	CHECK(fetch_matches(db, ST_AUDIT_ALL, NULL, 0, 6, v, 2 * n));
	CHECK(fetch_matches(db, ST_AUDIT_EXPORT, NULL, 0, 5, v, 2 * n));
	CHECK(fetch_matches(db, ST_AUDIT_PAGE, page, 2, 5, newest_first, 2 * n));
	free(newest_first);
	free_values(v, 2 * n);
	CHECK(admin_sql("DELETE FROM audit_log", NULL));
}

/* Revisions whose texts and summaries have the run's lengths, read in one result (verify's order). */
static void test_revision_texts_in_one_result(void)
{
	size_t n = RUN_LEN(LONG_RUN), m = RUN_LEN(SHORT_RUN);
	struct buf *content = values_of(LONG_RUN, n);
	size_t summary_run[RUN_LEN(LONG_RUN)];
	for (size_t i = 0; i < n; i++)
		summary_run[i] = SHORT_RUN[i % m];
	struct buf *summary = values_of(summary_run, n);
	CHECK(content && summary);
	for (size_t i = 0; content && summary && i < n; i++) {
		char insert[400];
		snprintf(insert, sizeof(insert),
		         "INSERT INTO revisions (seq, area_id, commitment_id, part, lang, version, content, at, origin,"
		         " prev_hash, hash) VALUES (%zu, 1, 0, 'eu', 'en', %zu, %%s, UTC_TIMESTAMP(6), 'edit',"
		         " REPEAT(CHAR(0), 32), REPEAT(CHAR(0), 32))", i + 1, i + 1);
		char update[80];
		snprintf(update, sizeof(update), "UPDATE revisions SET summary = %%s WHERE seq = %zu", i + 1);
		CHECK(admin_sql(insert, &content[i]) && admin_sql(update, &summary[i]));
	}
	struct db *db = connection();
	CHECK(fetch_matches(db, ST_REVISIONS_ALL, NULL, 0, 5, content, n));
	CHECK(fetch_matches(db, ST_REVISIONS_ALL, NULL, 0, 6, summary, n));
	free_values(content, n);
	free_values(summary, n);
	CHECK(admin_sql("DELETE FROM revisions", NULL));
}

/* The scratch database: the tables the cases read, with the portal's rows where they need some. */
static bool scratch_create(void)
{
	static const char *const copied[] = { "areas", "accounts", "sections", "commitments", "commitment_notes",
		                              "councils" };
	static const char *const empty[] = { "revisions", "audit_log", "proposals", "form_submissions" };
	bool ok = admin_sql("DROP DATABASE IF EXISTS " SCRATCH, NULL) &&
	          admin_sql("CREATE DATABASE " SCRATCH " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci", NULL);
	char q[200];
	for (size_t i = 0; ok && i < sizeof(copied) / sizeof(copied[0]); i++) {
		snprintf(q, sizeof(q), "CREATE TABLE " SCRATCH ".%s LIKE " DB_NAME ".%s", copied[i], copied[i]);
		ok = admin_sql(q, NULL);
		snprintf(q, sizeof(q), "INSERT INTO " SCRATCH ".%s SELECT * FROM " DB_NAME ".%s", copied[i], copied[i]);
		ok = ok && admin_sql(q, NULL);
	}
	for (size_t i = 0; ok && i < sizeof(empty) / sizeof(empty[0]); i++) {
		snprintf(q, sizeof(q), "CREATE TABLE " SCRATCH ".%s LIKE " DB_NAME ".%s", empty[i], empty[i]);
		ok = admin_sql(q, NULL);
	}
	return ok && admin_sql("USE " SCRATCH, NULL);
}

static bool admin_connect(const char *cnf)
{
	admin = mysql_init(NULL);
	if (!admin)
		return false;
	mysql_optionsv(admin, MYSQL_READ_DEFAULT_FILE, cnf);
	mysql_optionsv(admin, MYSQL_READ_DEFAULT_GROUP, "client");
	mysql_optionsv(admin, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(admin, NULL, NULL, NULL, NULL, 0, NULL, 0)) {
		fprintf(stderr, "db_columns: cannot connect with %s: %s\n", cnf, mysql_error(admin));
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s ADMIN_OPTION_FILE\n", argv[0]);
		return 2;
	}
	admin_cnf = argv[1];
	if (!admin_connect(admin_cnf) || !scratch_create()) {
		printf("db_columns: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_section_body);
	RUN(test_section_body_under_lock);
	RUN(test_note);
	RUN(test_commitment_text_and_target);
	RUN(test_display_name);
	RUN(test_council_city);
	RUN(test_proposal_text_and_summary);
	RUN(test_form_location);
	RUN(test_revision_text);
	RUN(test_audit_details_in_one_result);
	RUN(test_revision_texts_in_one_result);
	db_close(connection());
	admin_sql("DROP DATABASE IF EXISTS " SCRATCH, NULL);
	mysql_close(admin);
	return check_summary("db_columns");
}
