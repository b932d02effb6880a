/*
 * The save/version core of cgi/model/content.c, straight against MariaDB
 * (issue 15): what content_save writes and refuses, without HTTP in between.
 * A save at the part's version writes a new version, its revision (in the
 * revisions chain) and its audit entry; the same text again writes nothing;
 * a save on an older version is a conflict that hands back the text now; a
 * form token saves once; the other language is flagged as behind; a joint
 * part cannot be confirmed by one side; the revisions chain verifies, and
 * stops verifying when a revision is changed behind the portal's back.
 *
 *     build/dbtests/content_save ADMIN_OPTION_FILE
 *
 * Like db_columns.c, it works in a scratch database beside the portal's (the
 * tables it needs copied from it, the logs empty) and drops it at the end;
 * tests/http/test_db_columns.py runs it against the test instance.
 */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "db/chain.h"
#include "db/db.h"
#include "model/content.h"

#define SCRATCH "portal_content_save"

static MYSQL *admin;
static const char *admin_cnf;
static struct config cfg;
static struct ctx ctx;
static struct arena arena;

static bool admin_sql(const char *sql)
{
	bool ok = mysql_query(admin, sql) == 0;
	if (!ok)
		fprintf(stderr, "content_save: %s\n  in: %.200s\n", mysql_error(admin), sql);
	return ok;
}

/* The one number a query answers, or -1. */
static long long admin_number(const char *sql)
{
	if (!admin_sql(sql))
		return -1;
	MYSQL_RES *res = mysql_store_result(admin);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	long long n = row && row[0] ? strtoll(row[0], NULL, 10) : -1;
	if (res)
		mysql_free_result(res);
	return n;
}

static long long revisions(void)
{
	return admin_number("SELECT COUNT(*) FROM revisions");
}

static long long audit_entries(void)
{
	return admin_number("SELECT COUNT(*) FROM audit_log");
}

static const struct actor editor = { 3, "eu-editor", "EU", "127.0.0.1" };

/* A change to area 1's EU section in English, based on version base. */
static struct change section_change(long long base, const char *text, const char *token)
{
	return (struct change){ .ref = { 1, 0, PART_EU, LANG_EN }, .base_version = base, .content = text, .summary = "",
	                        .form_token = token, .location = "/areas/digital-trade", .origin = ORIGIN_EDIT,
	                        .by = editor, .audit_action = "section_edited" };
}

static long long section_version(void)
{
	return admin_number("SELECT version FROM sections WHERE area_id = 1 AND side = 'eu' AND lang = 'en'");
}

static void test_a_save_writes_a_version_its_revision_and_its_audit_entry(void)
{
	long long v = section_version(), revs = revisions(), audits = audit_entries();
	CHECK(revs == 0);
	struct change c = section_change(v, "First saved text.", NULL);
	CHECK(content_save(&ctx, &arena, &c) == E_OK);
	CHECK(c.outcome == CHANGE_SAVED);
	CHECK(c.new_version == v + 1);
	CHECK(section_version() == v + 1);
	/* The part's first change also records what it was: its 'original' revision. */
	CHECK(revisions() == revs + 2);
	CHECK(admin_number("SELECT COUNT(*) FROM revisions WHERE origin = 'original' AND version = 1") == 1);
	CHECK(audit_entries() == audits + 1);
	CHECK(admin_number("SELECT COUNT(*) FROM audit_log WHERE action = 'section_edited' AND login = 'eu-editor'") ==
	      1);
	enum err e;
	CHECK_STR(content_at(&ctx, &arena, &c.ref, v + 1, &e), "First saved text.");
	CHECK(e == E_OK);
}

static void test_the_same_text_again_writes_nothing(void)
{
	long long v = section_version(), revs = revisions(), audits = audit_entries();
	struct change c = section_change(v, "First saved text.", NULL);
	CHECK(content_save(&ctx, &arena, &c) == E_OK);
	CHECK(c.outcome == CHANGE_UNCHANGED);
	CHECK(section_version() == v);
	CHECK(revisions() == revs && audit_entries() == audits);
}

static void test_a_save_on_an_older_version_is_a_conflict_that_changes_nothing(void)
{
	long long v = section_version(), revs = revisions();
	struct change c = section_change(v - 1, "Written on an old page.", NULL);
	CHECK(content_save(&ctx, &arena, &c) == E_CONFLICT);
	CHECK(c.current_version == v);
	CHECK_STR(c.current, "First saved text.");
	CHECK(section_version() == v && revisions() == revs);
}

static void test_a_form_is_saved_once(void)
{
	const char *token = "0123456789abcdef0123456789abcdef";
	long long v = section_version();
	struct change first = section_change(v, "Saved by the first click.", token);
	CHECK(content_save(&ctx, &arena, &first) == E_OK && first.outcome == CHANGE_SAVED);
	long long revs = revisions();
	struct change again = section_change(v + 1, "Sent by a second click.", token);
	CHECK(content_save(&ctx, &arena, &again) == E_OK);
	CHECK(again.outcome == CHANGE_REPEATED);
	CHECK_STR(again.first_location, "/areas/digital-trade");
	CHECK(section_version() == v + 1 && revisions() == revs);
}

static void test_a_missing_part_is_not_found(void)
{
	struct change c = section_change(1, "Nowhere.", NULL);
	c.ref.area_id = 999;
	CHECK(content_save(&ctx, &arena, &c) == E_NOT_FOUND);
}

static void test_saving_one_language_flags_the_other_as_behind(void)
{
	CHECK(admin_sql("UPDATE sections SET body = 'Korean text', stale_since = NULL"
	                " WHERE area_id = 1 AND side = 'eu' AND lang = 'ko'"));
	struct change c = section_change(section_version(), "English moved on.", NULL);
	CHECK(content_save(&ctx, &arena, &c) == E_OK && c.outcome == CHANGE_SAVED);
	long long seq = admin_number("SELECT MAX(seq) FROM revisions");
	CHECK(seq > 0);
	CHECK(admin_number("SELECT stale_since FROM sections WHERE area_id = 1 AND side = 'eu' AND lang = 'ko'") == seq);
	bool cleared = false;
	struct part_ref ko = { 1, 0, PART_EU, LANG_KO };
	CHECK(content_confirm(&ctx, &arena, &ko, &editor, &cleared) == E_OK && cleared);
	CHECK(admin_number("SELECT stale_since IS NULL FROM sections WHERE area_id = 1 AND side = 'eu' AND lang = 'ko'") ==
	      1);
}

static void test_a_joint_part_is_not_confirmed_by_one_side(void)
{
	bool cleared = true;
	struct part_ref joint = { 1, 0, PART_JOINT, LANG_KO };
	CHECK(content_confirm(&ctx, &arena, &joint, &editor, &cleared) == E_FORBIDDEN);
	struct part_ref commitment = { 1, 1, PART_JOINT, LANG_EN };
	CHECK(content_confirm(&ctx, &arena, &commitment, &editor, &cleared) == E_FORBIDDEN);
}

static void test_the_revisions_chain_verifies_until_a_revision_is_changed(void)
{
	long long broken = -1, count = 0;
	CHECK(revisions_verify(&ctx.db, cfg.chain_key, &broken, &count, NULL) == E_OK);
	CHECK(broken == 0);
	CHECK(count == revisions() && count >= 3);
	CHECK(admin_sql("UPDATE revisions SET content = 'Changed behind the portal' WHERE seq = 3"));
	CHECK(revisions_verify(&ctx.db, cfg.chain_key, &broken, &count, NULL) == E_OK);
	CHECK(broken == 3);
}

static bool scratch_create(void)
{
	static const char *const copied[] = { "areas", "accounts", "sections", "commitments", "commitment_notes" };
	static const char *const empty[] = { "revisions", "audit_log", "form_submissions" };
	bool ok = admin_sql("DROP DATABASE IF EXISTS " SCRATCH) &&
	          admin_sql("CREATE DATABASE " SCRATCH " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
	char q[200];
	for (size_t i = 0; ok && i < sizeof(copied) / sizeof(copied[0]); i++) {
		snprintf(q, sizeof(q), "CREATE TABLE " SCRATCH ".%s LIKE " DB_NAME ".%s", copied[i], copied[i]);
		ok = admin_sql(q);
		snprintf(q, sizeof(q), "INSERT INTO " SCRATCH ".%s SELECT * FROM " DB_NAME ".%s", copied[i], copied[i]);
		ok = ok && admin_sql(q);
	}
	for (size_t i = 0; ok && i < sizeof(empty) / sizeof(empty[0]); i++) {
		snprintf(q, sizeof(q), "CREATE TABLE " SCRATCH ".%s LIKE " DB_NAME ".%s", empty[i], empty[i]);
		ok = admin_sql(q);
	}
	/* Both chains start empty, as on a new installation. */
	return ok && admin_sql("CREATE TABLE " SCRATCH ".chain_heads LIKE " DB_NAME ".chain_heads") &&
	       admin_sql("INSERT INTO " SCRATCH ".chain_heads VALUES ('audit', 0, REPEAT(CHAR(0), 32)),"
	                 " ('revisions', 0, REPEAT(CHAR(0), 32))") &&
	       admin_sql("USE " SCRATCH);
}

static bool admin_connect(void)
{
	admin = mysql_init(NULL);
	if (!admin)
		return false;
	mysql_optionsv(admin, MYSQL_READ_DEFAULT_FILE, admin_cnf);
	mysql_optionsv(admin, MYSQL_READ_DEFAULT_GROUP, "client");
	mysql_optionsv(admin, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(admin, NULL, NULL, NULL, NULL, 0, NULL, 0)) {
		fprintf(stderr, "content_save: cannot connect with %s: %s\n", admin_cnf, mysql_error(admin));
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
	if (!admin_connect() || !scratch_create()) {
		printf("content_save: 0 passed, 1 failed\n");
		return 1;
	}
	memset(cfg.chain_key, 0x5a, sizeof(cfg.chain_key));
	ctx.cfg = &cfg;
	db_init(&ctx.db, admin_cnf, 5, 30, 5);
	ctx.db.database = SCRATCH;
	arena_init(&arena, 1 << 20);
	/* In this order: each builds on the versions and revisions the one before left. */
	RUN(test_a_save_writes_a_version_its_revision_and_its_audit_entry);
	RUN(test_the_same_text_again_writes_nothing);
	RUN(test_a_save_on_an_older_version_is_a_conflict_that_changes_nothing);
	RUN(test_a_form_is_saved_once);
	RUN(test_a_missing_part_is_not_found);
	RUN(test_saving_one_language_flags_the_other_as_behind);
	RUN(test_a_joint_part_is_not_confirmed_by_one_side);
	RUN(test_the_revisions_chain_verifies_until_a_revision_is_changed);
	arena_free(&arena);
	db_close(&ctx.db);
	admin_sql("DROP DATABASE IF EXISTS " SCRATCH);
	mysql_close(admin);
	return check_summary("content_save");
}
