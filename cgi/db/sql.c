/*
 * All statements in one table, so there is one place to read every query the
 * portal can run. Each is prepared once per connection (db.c) and every value
 * is a bound '?'. Columns are listed explicitly: row callbacks index them.
 */
#include "db/sql.h"

#define READ(s) { s, true, false }
#define CACHED(s) { s, true, true }
#define WRITE(s) { s, false, false }

/*
 * A commitment's four notes (EU and Korean side, each in English and Korean),
 * one LEFT JOIN on the primary key each: no GROUP BY, so no temporary table
 * for the register's 10,000 rows of text.
 */
#define NOTES_JOIN \
	" LEFT JOIN commitment_notes ee ON ee.commitment_id = c.id AND ee.side = 'eu' AND ee.lang = 'en'" \
	" LEFT JOIN commitment_notes ek ON ek.commitment_id = c.id AND ek.side = 'eu' AND ek.lang = 'ko'" \
	" LEFT JOIN commitment_notes ke ON ke.commitment_id = c.id AND ke.side = 'kr' AND ke.lang = 'en'" \
	" LEFT JOIN commitment_notes kk ON kk.commitment_id = c.id AND kk.side = 'kr' AND kk.lang = 'ko'"

const struct stmt_def stmt_defs[ST__MAX] = {
	[ST_BEGIN] = READ("START TRANSACTION"),

	[ST_SCHEMA_VERSION] = READ("SELECT CAST(COALESCE(MAX(version), 0) AS SIGNED) FROM schema_migrations"),

	/* ---- operations: run by portalctl over the administrator's connection ---- */
	/* args: database name */
	[ST_OPS_TABLE_COUNT] = READ("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?"),
	/* args: database name; the connections of everyone else using it (a running portal) */
	[ST_OPS_OTHER_CONNECTIONS] = READ(
		"SELECT COUNT(*) FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()"),
	[ST_OPS_DROP_DATABASE] = WRITE("DROP DATABASE IF EXISTS " DB_NAME),
	[ST_OPS_CREATE_DATABASE] = WRITE(
		"CREATE DATABASE IF NOT EXISTS " DB_NAME " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"),

	/*
	 * portalctl verify. A section or note whose latest revision (highest
	 * version) is not its live text and version, byte for byte; or that has
	 * no revision but is past version 1. Only those rows come back.
	 * area id, slug, side, language, version, latest revision's seq and version (NULL: none)
	 */
	[ST_VERIFY_SECTIONS] = READ(
		"SELECT s.area_id, a.slug, s.side, s.lang, s.version, r.seq, r.version"
		" FROM sections s JOIN areas a ON a.id = s.area_id"
		" LEFT JOIN revisions r ON r.area_id = s.area_id AND r.commitment_id = 0 AND r.part = s.side"
		"  AND r.lang = s.lang AND r.version = (SELECT MAX(x.version) FROM revisions x WHERE x.area_id = s.area_id"
		"  AND x.commitment_id = 0 AND x.part = s.side AND x.lang = s.lang)"
		" WHERE IF(r.seq IS NULL, s.version <> 1,"
		"  r.version <> s.version OR CAST(r.content AS BINARY) <> CAST(s.body AS BINARY))"
		" ORDER BY s.area_id, s.side, s.lang"),
	/* commitment id, area id, number, side, language, version, latest revision's seq and version */
	[ST_VERIFY_NOTES] = READ(
		"SELECT n.commitment_id, c.area_id, c.number, n.side, n.lang, n.version, r.seq, r.version"
		" FROM commitment_notes n JOIN commitments c ON c.id = n.commitment_id"
		" LEFT JOIN revisions r ON r.area_id = c.area_id AND r.commitment_id = n.commitment_id AND r.part = n.side"
		"  AND r.lang = n.lang AND r.version = (SELECT MAX(x.version) FROM revisions x WHERE x.area_id = c.area_id"
		"  AND x.commitment_id = n.commitment_id AND x.part = n.side AND x.lang = n.lang)"
		" WHERE IF(r.seq IS NULL, n.version <> 1,"
		"  r.version <> n.version OR CAST(r.content AS BINARY) <> CAST(n.body AS BINARY))"
		" ORDER BY n.commitment_id, n.side, n.lang"),
	/*
	 * Every commitment's joint fields and its latest joint revision (compared
	 * in C: revisions from before the Korean fields have another text).
	 * id, area id, number, text, Korean text, lead, status, progress, target,
	 * Korean target, version, latest revision's seq, version and content
	 */
	[ST_VERIFY_COMMITMENTS] = READ(
		"SELECT c.id, c.area_id, c.number, c.body, c.body_ko, c.lead_side, c.status, c.progress, c.target,"
		" c.target_ko, c.version, r.seq, r.version, r.content"
		" FROM commitments c LEFT JOIN revisions r ON r.area_id = c.area_id AND r.commitment_id = c.id"
		"  AND r.part = 'joint' AND r.lang = 'en' AND r.version = (SELECT MAX(x.version) FROM revisions x"
		"  WHERE x.area_id = c.area_id AND x.commitment_id = c.id AND x.part = 'joint' AND x.lang = 'en')"
		" ORDER BY c.id"),
	/* id, login, side, role, disabled */
	[ST_VERIFY_ACCOUNTS] = READ("SELECT id, login, side, role, disabled FROM accounts ORDER BY id"),
	/* seq, action, detail: what the audit log says of each account's creation, role and status */
	[ST_VERIFY_ACCOUNT_ENTRIES] = READ(
		"SELECT seq, action, detail FROM audit_log"
		" WHERE action IN ('account_created', 'role_changed', 'account_disabled', 'account_enabled') ORDER BY seq"),
	/* How many sections, notes and commitments are at version 1 without a revision: nothing to compare with. */
	[ST_VERIFY_UNCOVERED] = READ(
		"SELECT (SELECT COUNT(*) FROM sections s WHERE s.version = 1 AND NOT EXISTS (SELECT 1 FROM revisions r"
		"  WHERE r.area_id = s.area_id AND r.commitment_id = 0 AND r.part = s.side AND r.lang = s.lang))"
		" + (SELECT COUNT(*) FROM commitment_notes n JOIN commitments c ON c.id = n.commitment_id"
		"  WHERE n.version = 1 AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.area_id = c.area_id"
		"  AND r.commitment_id = n.commitment_id AND r.part = n.side AND r.lang = n.lang))"
		" + (SELECT COUNT(*) FROM commitments c WHERE c.version = 1 AND NOT EXISTS (SELECT 1 FROM revisions r"
		"  WHERE r.area_id = c.area_id AND r.commitment_id = c.id AND r.part = 'joint' AND r.lang = 'en'))"),
	/* chain, seq, hash (hex, lower case): the heads the audit page shows */
	[ST_CHAIN_HEADS_ALL] = READ("SELECT chain, seq, LOWER(HEX(hash)) FROM chain_heads ORDER BY chain"),

	/* id, slug, title, Korean title, a count per status (in the order of the ENUM and of model/vocab.h),
	 * all, average progress */
	[ST_DASHBOARD_AREAS] = CACHED(
		"SELECT a.id, a.slug, a.title, a.title_ko,"
		" COUNT(CASE WHEN c.status = 'planned' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'in progress' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'done' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'dropped' THEN 1 END),"
		" COUNT(c.id), CAST(COALESCE(ROUND(AVG(c.progress)), 0) AS SIGNED)"
		" FROM areas a LEFT JOIN commitments c ON c.area_id = a.id"
		" GROUP BY a.id, a.slug, a.title, a.title_ko ORDER BY a.id"),

	/* id, city, date label, meeting date, held, Korean city, Korean date label */
	[ST_COUNCILS] = CACHED(
		"SELECT id, city, date_label, DATE_FORMAT(meeting_date, '%Y-%m-%d'), held, city_ko, date_label_ko"
		" FROM councils ORDER BY id"),

	/* id, slug, title, Korean title */
	[ST_AREA_BY_SLUG] = CACHED("SELECT id, slug, title, title_ko FROM areas WHERE slug = ?"),

	/* side, language, body, version, updated at, stale since (revision seq) */
	[ST_SECTIONS_BY_AREA] = CACHED(
		"SELECT side, lang, body, version, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i'), stale_since"
		" FROM sections WHERE area_id = ? ORDER BY side, lang"),

	/* a commitment in the column order of view.h (enum commitment_col) */
	[ST_COMMITMENTS_BY_AREA] = CACHED(
		"SELECT c.id, c.number, c.body, c.body_ko, c.lead_side, c.status, c.progress, c.target, c.target_ko,"
		" c.text_stale, c.text_stale_since,"
		" ee.body, ek.body, ke.body, kk.body, ee.stale_since, ek.stale_since, ke.stale_since, kk.stale_since"
		" FROM commitments c" NOTES_JOIN
		" WHERE c.area_id = ? ORDER BY c.number"),

	/*
	 * The register, live or as a council's snapshot, in one column order:
	 * area id, slug, title, Korean title, a commitment (view.h), last change at, by, side.
	 * Filters (each given twice: '' means any): area slug, lead, status, then
	 * the search text ('' or a LIKE pattern; five times live, eight times in a
	 * snapshot). A snapshot takes the council id first.
	 * One statement per sort key and direction, ascending then descending
	 * (enum register_sort): MariaDB 10.11 drops an ORDER BY term that is
	 * constant on a prepared statement's first execution for every later one,
	 * so the order cannot be chosen by a bound parameter.
	 * STRAIGHT_JOIN reads the commitments first and sorts them once; the
	 * optimiser's own plan (areas first) went through a temporary table and
	 * took half as long again for 10,000 commitments.
	 */
#define REGISTER_LIVE(order) CACHED( \
		"SELECT a.id, a.slug, a.title, a.title_ko, c.id, c.number, c.body, c.body_ko, c.lead_side, c.status," \
		" c.progress, c.target, c.target_ko, c.text_stale, c.text_stale_since," \
		" ee.body, ek.body, ke.body, kk.body, ee.stale_since, ek.stale_since, ke.stale_since, kk.stale_since," \
		" DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i'), u.display_name, u.side" \
		" FROM commitments c STRAIGHT_JOIN areas a ON a.id = c.area_id" NOTES_JOIN \
		" LEFT JOIN accounts u ON u.id = c.updated_by" \
		" WHERE (? = '' OR a.slug = ?) AND (? = '' OR c.lead_side = ?) AND (? = '' OR c.status = ?)" \
		" AND (? = '' OR c.body LIKE ? OR c.body_ko LIKE ? OR c.target LIKE ? OR c.target_ko LIKE ?" \
		"  OR EXISTS (SELECT 1 FROM commitment_notes m WHERE m.commitment_id = c.id AND m.body LIKE ?))" \
		" ORDER BY " order)
#define REGISTER_SNAPSHOT(order) CACHED( \
		"SELECT s.area_id, s.area_slug, s.area_title, s.area_title_ko, s.commitment_id, s.number, s.body, s.body_ko," \
		" s.lead_side, s.status, s.progress, s.target, s.target_ko, NULL, NULL," \
		" s.eu_note_en, s.eu_note_ko, s.kr_note_en, s.kr_note_ko, NULL, NULL, NULL, NULL," \
		" DATE_FORMAT(s.updated_at, '%Y-%m-%d %H:%i'), s.updated_by_name, s.updated_side" \
		" FROM council_snapshots s WHERE s.council_id = ?" \
		" AND (? = '' OR s.area_slug = ?) AND (? = '' OR s.lead_side = ?) AND (? = '' OR s.status = ?)" \
		" AND (? = '' OR s.body LIKE ? OR s.body_ko LIKE ? OR s.target LIKE ? OR s.target_ko LIKE ?" \
		"  OR s.eu_note_en LIKE ? OR s.eu_note_ko LIKE ? OR s.kr_note_en LIKE ? OR s.kr_note_ko LIKE ?)" \
		" ORDER BY " order)
#define STATUS_RANK(t) "FIELD(" t ".status, 'planned', 'in progress', 'done', 'dropped')"
	[ST_REGISTER + 0] = REGISTER_LIVE("a.id, c.number"),
	[ST_REGISTER + 1] = REGISTER_LIVE("a.id DESC, c.number DESC"),
	[ST_REGISTER + 2] = REGISTER_LIVE(STATUS_RANK("c") ", a.id, c.number"),
	[ST_REGISTER + 3] = REGISTER_LIVE(STATUS_RANK("c") " DESC, a.id, c.number"),
	[ST_REGISTER + 4] = REGISTER_LIVE("c.progress, a.id, c.number"),
	[ST_REGISTER + 5] = REGISTER_LIVE("c.progress DESC, a.id, c.number"),
	[ST_REGISTER + 6] = REGISTER_LIVE("c.lead_side, a.id, c.number"),
	[ST_REGISTER + 7] = REGISTER_LIVE("c.lead_side DESC, a.id, c.number"),
	[ST_REGISTER + 8] = REGISTER_LIVE("c.updated_at, a.id, c.number"),
	[ST_REGISTER + 9] = REGISTER_LIVE("c.updated_at DESC, a.id, c.number"),
	[ST_REGISTER_SNAPSHOT + 0] = REGISTER_SNAPSHOT("s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 1] = REGISTER_SNAPSHOT("s.area_id DESC, s.number DESC"),
	[ST_REGISTER_SNAPSHOT + 2] = REGISTER_SNAPSHOT(STATUS_RANK("s") ", s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 3] = REGISTER_SNAPSHOT(STATUS_RANK("s") " DESC, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 4] = REGISTER_SNAPSHOT("s.progress, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 5] = REGISTER_SNAPSHOT("s.progress DESC, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 6] = REGISTER_SNAPSHOT("s.lead_side, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 7] = REGISTER_SNAPSHOT("s.lead_side DESC, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 8] = REGISTER_SNAPSHOT("s.updated_at, s.area_id, s.number"),
	[ST_REGISTER_SNAPSHOT + 9] = REGISTER_SNAPSHOT("s.updated_at DESC, s.area_id, s.number"),
	/* slug, title, Korean title: the areas, for the register's filter */
	[ST_AREAS] = CACHED("SELECT slug, title, title_ko FROM areas ORDER BY id"),

	/* ---- councils ---- */

	/* id, city, date label, meeting date, held, Korean city, Korean date label, held at */
	[ST_COUNCIL_BY_ID] = CACHED(
		"SELECT id, city, date_label, DATE_FORMAT(meeting_date, '%Y-%m-%d'), held, city_ko, date_label_ko,"
		" DATE_FORMAT(held_at, '%Y-%m-%d %H:%i') FROM councils WHERE id = ?"),
	/* held */
	[ST_COUNCIL_LOCK] = WRITE("SELECT held FROM councils WHERE id = ? FOR UPDATE"),
	/* args: held at, id */
	[ST_COUNCIL_MARK_HELD] = WRITE("UPDATE councils SET held = 1, held_at = ? WHERE id = ? AND held = 0"),
	/* args: council (the register as it stands now goes into its snapshot) */
	[ST_COUNCIL_SNAPSHOT] = WRITE(
		"INSERT INTO council_snapshots SELECT ?, c.id, a.id, a.slug, a.title, a.title_ko, c.number, c.body, c.body_ko,"
		" c.lead_side, c.status, c.progress, c.target, c.target_ko,"
		" COALESCE(ee.body, ''), COALESCE(ek.body, ''), COALESCE(ke.body, ''), COALESCE(kk.body, ''),"
		" c.updated_at, u.display_name, u.side"
		" FROM commitments c JOIN areas a ON a.id = c.area_id" NOTES_JOIN
		" LEFT JOIN accounts u ON u.id = c.updated_by"),
	[ST_COUNCIL_NEXT_ID] = WRITE("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS SIGNED) FROM councils FOR UPDATE"),
	/* args: id, city, Korean city, date label, Korean date label */
	[ST_COUNCIL_INSERT] = WRITE(
		"INSERT INTO councils (id, city, city_ko, date_label, date_label_ko, held) VALUES (?, ?, ?, ?, ?, 0)"),
	/* the latest held council's id, 0 when none */
	[ST_COUNCIL_LAST_HELD] = CACHED("SELECT CAST(COALESCE(MAX(id), 0) AS SIGNED) FROM councils WHERE held = 1"),

	/*
	 * What changed since a council: each commitment whose status, progress or
	 * notes differ from the council's snapshot, or that is new since.
	 * area id, slug, title, Korean title, commitment id, number, text, Korean text, new (1/0),
	 * status before, after, progress before, after, then each note before and after (EU en, EU ko,
	 * KR en, KR ko), last change at. Arg: council.
	 */
	[ST_CHANGES] = CACHED(
		"SELECT x.area_id, x.slug, x.title, x.title_ko, x.id, x.number, x.body, x.body_ko, s.commitment_id IS NULL,"
		" s.status, x.status, s.progress, x.progress, s.eu_note_en, x.eu_en, s.eu_note_ko, x.eu_ko,"
		" s.kr_note_en, x.kr_en, s.kr_note_ko, x.kr_ko, DATE_FORMAT(x.updated_at, '%Y-%m-%dT%H:%i:%sZ')"
		" FROM (SELECT c.area_id, a.slug, a.title, a.title_ko, c.id, c.number, c.body, c.body_ko, c.status, c.progress,"
		"  c.updated_at,"
		"  COALESCE(ee.body, '') AS eu_en, COALESCE(ek.body, '') AS eu_ko,"
		"  COALESCE(ke.body, '') AS kr_en, COALESCE(kk.body, '') AS kr_ko"
		"  FROM commitments c JOIN areas a ON a.id = c.area_id" NOTES_JOIN ") x"
		" LEFT JOIN council_snapshots s ON s.council_id = ? AND s.commitment_id = x.id"
		" WHERE s.commitment_id IS NULL OR s.status <> x.status OR s.progress <> x.progress"
		"  OR s.eu_note_en <> x.eu_en OR s.eu_note_ko <> x.eu_ko OR s.kr_note_en <> x.kr_en OR s.kr_note_ko <> x.kr_ko"
		" ORDER BY x.area_id, x.number"),

	/* seq, at, login, side, detail: the download whose file has this hash */
	[ST_AUDIT_FIND_DOWNLOAD] = READ(
		"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), login, side, detail FROM audit_log"
		" WHERE action = 'download' AND detail LIKE CONCAT('%hash=', ?, ' %') ORDER BY seq LIMIT 1"),

	/* ---- sessions: the token's hash is the key; expiry is decided here ---- */

	/* account id, login, display name, side, role, CSRF token, expired, stale (touch due), disabled,
	 * chosen language */
	/* account id, login, display name, side, role, CSRF token, ended (too old, idle, or a half-done login
	 * past five minutes), stale, disabled, language, content generation (cache.h), stage, pending */
	[ST_SESSION_LOOKUP] = READ(
		"SELECT a.id, a.login, a.display_name, a.side, a.role, s.csrf_token,"
		" s.created_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
		"   OR s.last_used_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
		"   OR (s.stage <> 'full' AND s.created_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND),"
		" s.last_used_at <= UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, a.disabled, a.lang,"
		" (SELECT n FROM content_generation WHERE id = 1), s.stage, s.pending"
		" FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?"),
	[ST_SESSION_TOUCH] = WRITE("UPDATE sessions SET last_used_at = UTC_TIMESTAMP(6) WHERE token_hash = ?"),
	[ST_SESSION_INSERT] = WRITE(
		"INSERT INTO sessions (token_hash, account_id, csrf_token, stage, created_at, last_used_at, client_addr)"
		" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?)"),
	/* args: stage, pending (sealed, or NULL), token hash */
	[ST_SESSION_SET_STAGE] = WRITE("UPDATE sessions SET stage = ?, pending = ? WHERE token_hash = ?"),
	[ST_SESSION_DELETE_HALF] = WRITE("DELETE FROM sessions WHERE account_id = ? AND stage <> 'full'"),
	[ST_SESSION_DELETE] = WRITE("DELETE FROM sessions WHERE token_hash = ?"),
	[ST_SESSION_DELETE_OTHERS] = WRITE("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?"),
	[ST_SESSION_DELETE_ACCOUNT] = WRITE("DELETE FROM sessions WHERE account_id = ?"),
	[ST_SESSION_PURGE] = WRITE(
		"DELETE FROM sessions WHERE created_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
		" OR last_used_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 1000"),

	/* ---- accounts ---- */

	/* id, login, display name, side, role, password hash, disabled */
	/* sealed TOTP secret, last counter, enrolled at, recovery codes left */
	[ST_MFA_STATUS] = READ(
		"SELECT a.totp_secret, a.totp_last_counter, DATE_FORMAT(a.totp_enrolled_at, '%Y-%m-%d %H:%i'),"
		" (SELECT COUNT(*) FROM recovery_codes r WHERE r.account_id = a.id AND r.used_at IS NULL)"
		" FROM accounts a WHERE a.id = ?"),
	/* sealed TOTP secret, last counter: under a row lock, so two codes cannot both pass */
	[ST_MFA_LOCK] = WRITE("SELECT totp_secret, totp_last_counter FROM accounts WHERE id = ? FOR UPDATE"),
	/* args: counter, id */
	[ST_MFA_SET_COUNTER] = WRITE("UPDATE accounts SET totp_last_counter = ? WHERE id = ?"),
	/* args: sealed secret, counter, id */
	[ST_MFA_SET_TOTP] = WRITE(
		"UPDATE accounts SET totp_secret = ?, totp_last_counter = ?, totp_enrolled_at = UTC_TIMESTAMP(6),"
		" updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),
	[ST_MFA_CLEAR] = WRITE(
		"UPDATE accounts SET totp_secret = NULL, totp_last_counter = NULL, totp_enrolled_at = NULL,"
		" updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),
	[ST_RECOVERY_DELETE] = WRITE("DELETE FROM recovery_codes WHERE account_id = ?"),
	[ST_RECOVERY_INSERT] = WRITE(
		"INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))"),
	/* args: account id, hash; one row changed: the code was unused, and is used now */
	[ST_RECOVERY_USE] = WRITE(
		"UPDATE recovery_codes SET used_at = UTC_TIMESTAMP(6) WHERE account_id = ? AND code_hash = ?"
		" AND used_at IS NULL"),
	/* at, detail (the factor), address: the account's last sign-ins */
	[ST_SIGNINS] = READ(
		"SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i'), detail, client_addr FROM audit_log"
		" WHERE account_id = ? AND action = 'login' ORDER BY seq DESC LIMIT 10"),
	[ST_ACCOUNT_BY_LOGIN] = READ(
		"SELECT id, login, display_name, side, role, password_hash, disabled FROM accounts WHERE login = ?"),
	[ST_ACCOUNT_BY_ID] = READ(
		"SELECT id, login, display_name, side, role, password_hash, disabled FROM accounts WHERE id = ?"),
	/* id, login, display name, role, disabled, created, last seen */
	[ST_ACCOUNTS_BY_SIDE] = READ(
		"SELECT a.id, a.login, a.display_name, a.role, a.disabled, DATE_FORMAT(a.created_at, '%Y-%m-%d'),"
		" (SELECT DATE_FORMAT(MAX(s.last_used_at), '%Y-%m-%d %H:%i') FROM sessions s WHERE s.account_id = a.id)"
		" FROM accounts a WHERE a.side = ? ORDER BY FIELD(a.role, 'admin', 'cochair', 'editor', 'viewer'), a.login"),
	/* id, login, display name, side, role, disabled */
	[ST_ACCOUNTS_ALL] = READ(
		"SELECT id, login, display_name, side, role, disabled FROM accounts ORDER BY side, login"),
	[ST_ACCOUNT_INSERT] = WRITE(
		"INSERT INTO accounts (login, display_name, side, role, password_hash, disabled, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"),
	[ST_ACCOUNT_SET_PASSWORD] = WRITE(
		"UPDATE accounts SET password_hash = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),
	[ST_ACCOUNT_SET_DISABLED] = WRITE(
		"UPDATE accounts SET disabled = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),
	/* args: language (NULL: from the browser), id */
	[ST_ACCOUNT_SET_LANG] = WRITE("UPDATE accounts SET lang = ? WHERE id = ?"),
	[ST_ACCOUNT_SET_ROLE] = WRITE(
		"UPDATE accounts SET role = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),

	/* ---- failed logins (README, "Logins and sessions") ---- */

	/* kind, seconds left: the locks in force for this login name or this address */
	[ST_THROTTLE_CHECK] = READ(
		"SELECT kind, CAST(CEIL(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), locked_until) / 1000000) AS SIGNED)"
		" FROM login_throttle WHERE ((kind = 'account' AND k = ?) OR (kind = 'addr' AND k = ?))"
		" AND locked_until > UTC_TIMESTAMP(6)"),
	/*
	 * One more attempt for (kind, key), counted before its password is
	 * checked (throttle.h), unless a lock is in force: then the row is left
	 * exactly as it is, so no row changes. Attempts count within an hour;
	 * above the threshold each one locks for base * 2^(excess-1) seconds, at
	 * most max. Assignments run left to right: each reads the columns
	 * assigned before it, new, and locked_until, assigned last, as it was.
	 * Args: kind, key, threshold, max, base, threshold.
	 */
	[ST_THROTTLE_ATTEMPT] = WRITE(
		"INSERT INTO login_throttle (kind, k, failures, window_start, locked_until)"
		" VALUES (?, ?, 1, UTC_TIMESTAMP(6), NULL)"
		" ON DUPLICATE KEY UPDATE"
		" failures = IF(locked_until > UTC_TIMESTAMP(6), failures,"
		"   IF(window_start < UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, 1, failures + 1)),"
		" window_start = IF(locked_until > UTC_TIMESTAMP(6) OR failures <> 1, window_start, UTC_TIMESTAMP(6)),"
		" locked_until = IF(locked_until > UTC_TIMESTAMP(6), locked_until, IF(failures > ?,"
		"   UTC_TIMESTAMP(6) + INTERVAL LEAST(?, ? * POW(2, LEAST(failures - ? - 1, 20))) SECOND, NULL))"),
	/*
	 * A counted attempt that was no failure: given back, and any lock in force
	 * lifted. This attempt was let in, so no lock was in force then: the lock
	 * is its own, or that of the one attempt counted after it that crossed the
	 * threshold, which it would not have crossed without this one.
	 * Args: kind, key.
	 */
	[ST_THROTTLE_RELEASE] = WRITE(
		"UPDATE login_throttle SET failures = GREATEST(failures, 1) - 1, locked_until = NULL WHERE kind = ? AND k = ?"),
	[ST_THROTTLE_CLEAR] = WRITE("DELETE FROM login_throttle WHERE kind = 'account' AND k = ?"),

	/* ---- hash chains and the audit log ---- */

	/* seq, hash of the chain's last entry; the row lock serialises appends */
	[ST_CHAIN_LOCK] = WRITE("SELECT seq, hash FROM chain_heads WHERE chain = ? FOR UPDATE"),
	[ST_CHAIN_HEAD] = READ("SELECT seq, hash FROM chain_heads WHERE chain = ?"),
	[ST_CHAIN_ADVANCE] = WRITE("UPDATE chain_heads SET seq = ?, hash = ? WHERE chain = ?"),
	[ST_AUDIT_INSERT] = WRITE(
		"INSERT INTO audit_log (seq, at, account_id, login, side, action, detail, client_addr, prev_hash, hash)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	/* seq, at, login, side, action, detail, client address: newest first */
	[ST_AUDIT_PAGE] = READ(
		"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), login, side, action, detail, client_addr"
		" FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?"),
	[ST_AUDIT_COUNT] = READ("SELECT COUNT(*) FROM audit_log"),
	/* every field the hash covers, in chain order, then prev_hash and hash */
	[ST_AUDIT_ALL] = READ(
		"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), account_id, login, side, action, detail,"
		" client_addr, prev_hash, hash FROM audit_log ORDER BY seq"),
	/* seq, at, login, side, action, detail, client address, hash (hex): oldest first */
	[ST_AUDIT_EXPORT] = READ(
		"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), login, side, action, detail, client_addr,"
		" LOWER(HEX(hash)) FROM audit_log ORDER BY seq"),

	/* ---- editing (content.c): each part is locked, checked against the version
	 * the form was based on, changed, and its revision written, in one transaction ---- */

	/* area id, body, version, stale since */
	[ST_SECTION_LOCK] = WRITE(
		"SELECT area_id, body, version, stale_since FROM sections WHERE area_id = ? AND side = ? AND lang = ? FOR UPDATE"),
	/* args: body, at, account, area, side, language, expected version */
	[ST_SECTION_UPDATE] = WRITE(
		"UPDATE sections SET body = ?, version = version + 1, updated_at = ?, updated_by = ?"
		" WHERE area_id = ? AND side = ? AND lang = ? AND version = ?"),
	/* area id, body, version, stale since */
	[ST_SECTION_BY_AREA_SIDE] = READ(
		"SELECT area_id, body, version, stale_since FROM sections WHERE area_id = ? AND side = ? AND lang = ?"),
	/* args: revision seq (NULL: up to date), area, side, language; only a text there is can be out of date */
	[ST_SECTION_SET_STALE] = WRITE(
		"UPDATE sections SET stale_since = ? WHERE area_id = ? AND side = ? AND lang = ? AND (body <> '' OR ? IS NULL)"),

	/* area id, body, version, stale since */
	[ST_NOTE_LOCK] = WRITE(
		"SELECT c.area_id, n.body, n.version, n.stale_since FROM commitment_notes n"
		" JOIN commitments c ON c.id = n.commitment_id"
		" WHERE n.commitment_id = ? AND n.side = ? AND n.lang = ? FOR UPDATE"),
	[ST_NOTE_READ] = READ(
		"SELECT c.area_id, n.body, n.version, n.stale_since FROM commitment_notes n"
		" JOIN commitments c ON c.id = n.commitment_id WHERE n.commitment_id = ? AND n.side = ? AND n.lang = ?"),
	/* args: body, at, account, commitment, side, language, expected version */
	[ST_NOTE_UPDATE] = WRITE(
		"UPDATE commitment_notes SET body = ?, version = version + 1, updated_at = ?, updated_by = ?"
		" WHERE commitment_id = ? AND side = ? AND lang = ? AND version = ?"),
	[ST_NOTE_SET_STALE] = WRITE(
		"UPDATE commitment_notes SET stale_since = ? WHERE commitment_id = ? AND side = ? AND lang = ?"
		" AND (body <> '' OR ? IS NULL)"),
	[ST_NOTES_INSERT] = WRITE(
		"INSERT INTO commitment_notes (commitment_id, side, lang) VALUES (?, 'eu', 'en'), (?, 'eu', 'ko'),"
		" (?, 'kr', 'en'), (?, 'kr', 'ko')"),
	/* side, language, body, version, stale since */
	[ST_NOTES_OF_COMMITMENT] = CACHED(
		"SELECT side, lang, body, version, stale_since FROM commitment_notes WHERE commitment_id = ?"),
	/* args: at, account, commitment: the commitment's "last change" */
	[ST_COMMITMENT_TOUCH] = WRITE("UPDATE commitments SET updated_at = ?, updated_by = ? WHERE id = ?"),

	/* area id, number, text, Korean text, lead, status, progress, target, Korean target, text stale
	 * (language), stale since, version, area slug, area title, Korean area title, updated at,
	 * updated by (name), updated side */
	[ST_COMMITMENT_BY_ID] = CACHED(
		"SELECT c.area_id, c.number, c.body, c.body_ko, c.lead_side, c.status, c.progress, c.target, c.target_ko,"
		" c.text_stale, c.text_stale_since, c.version, a.slug, a.title, a.title_ko,"
		" DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i'), u.display_name, u.side"
		" FROM commitments c JOIN areas a ON a.id = c.area_id LEFT JOIN accounts u ON u.id = c.updated_by"
		" WHERE c.id = ?"),
	/* area id, text, Korean text, lead, status, progress, target, Korean target, version, text stale */
	[ST_COMMITMENT_LOCK] = WRITE(
		"SELECT area_id, body, body_ko, lead_side, status, progress, target, target_ko, version, text_stale"
		" FROM commitments WHERE id = ? FOR UPDATE"),
	[ST_COMMITMENT_PARTS] = READ(
		"SELECT area_id, body, body_ko, lead_side, status, progress, target, target_ko, version, text_stale"
		" FROM commitments WHERE id = ?"),
	/* args: text, Korean text, lead, status, progress, target, Korean target, at, account, id, expected version */
	[ST_COMMITMENT_SET_JOINT] = WRITE(
		"UPDATE commitments SET body = ?, body_ko = ?, lead_side = ?, status = ?, progress = ?, target = ?,"
		" target_ko = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?"),
	/* args: language out of date (NULL: none), since (revision seq), id */
	[ST_COMMITMENT_SET_STALE] = WRITE("UPDATE commitments SET text_stale = ?, text_stale_since = ? WHERE id = ?"),
	[ST_COMMITMENT_NEXT_NUMBER] = WRITE(
		"SELECT CAST(COALESCE(MAX(number), 0) + 1 AS SIGNED) FROM commitments WHERE area_id = ? FOR UPDATE"),
	/* args: area, number, text, Korean text, lead, status, progress, target, Korean target, at, account */
	[ST_COMMITMENT_INSERT] = WRITE(
		"INSERT INTO commitments (area_id, number, body, body_ko, lead_side, status, progress, target, target_ko,"
		" updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),

	/* location */
	[ST_FORM_TOKEN_LOCK] = WRITE("SELECT location FROM form_submissions WHERE token = ? FOR UPDATE"),
	[ST_FORM_TOKEN_INSERT] = WRITE(
		"INSERT INTO form_submissions (token, account_id, at, location) VALUES (?, ?, UTC_TIMESTAMP(6), ?)"),
	[ST_FORM_TOKEN_PURGE] = WRITE(
		"DELETE FROM form_submissions WHERE at < UTC_TIMESTAMP(6) - INTERVAL 2 DAY LIMIT 1000"),

	[ST_REVISION_EXISTS] = WRITE(
		"SELECT COUNT(*) FROM revisions WHERE area_id = ? AND commitment_id = ? AND part = ? AND lang = ? AND version = ?"),
	[ST_REVISION_INSERT] = WRITE(
		"INSERT INTO revisions (seq, area_id, commitment_id, part, lang, version, content, summary, account_id, side,"
		" at, origin, ref, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	/* content */
	[ST_REVISION_CONTENT] = READ(
		"SELECT content FROM revisions WHERE area_id = ? AND commitment_id = ? AND part = ? AND lang = ? AND version = ?"),
	/* seq, area id, commitment id, part, language, version, content, summary, author name, side, at, origin,
	 * ref, area slug, area title, Korean area title, commitment number, the part's current version */
	[ST_REVISION_BY_SEQ] = CACHED(
		"SELECT r.seq, r.area_id, r.commitment_id, r.part, r.lang, r.version, r.content, r.summary, u.display_name,"
		" r.side, DATE_FORMAT(r.at, '%Y-%m-%d %H:%i'), r.origin, r.ref, a.slug, a.title, a.title_ko, c.number,"
		" CASE WHEN r.commitment_id = 0 THEN s.version WHEN r.part = 'joint' THEN c.version ELSE n.version END"
		" FROM revisions r JOIN areas a ON a.id = r.area_id LEFT JOIN accounts u ON u.id = r.account_id"
		" LEFT JOIN commitments c ON c.id = r.commitment_id"
		" LEFT JOIN sections s ON r.commitment_id = 0 AND s.area_id = r.area_id AND s.side = r.part AND s.lang = r.lang"
		" LEFT JOIN commitment_notes n ON n.commitment_id = r.commitment_id AND n.side = r.part AND n.lang = r.lang"
		" WHERE r.seq = ?"),
	/* seq, commitment id, commitment number, part, language, version, summary, author name, side, at, origin, ref */
	[ST_REVISIONS_OF_AREA] = CACHED(
		"SELECT r.seq, r.commitment_id, c.number, r.part, r.lang, r.version, r.summary, u.display_name, r.side,"
		" DATE_FORMAT(r.at, '%Y-%m-%d %H:%i'), r.origin, r.ref"
		" FROM revisions r LEFT JOIN accounts u ON u.id = r.account_id"
		" LEFT JOIN commitments c ON c.id = r.commitment_id"
		" WHERE r.area_id = ? ORDER BY r.seq DESC LIMIT ? OFFSET ?"),
	/* seq, version, at */
	[ST_REVISIONS_OF_PART] = CACHED(
		"SELECT seq, version, DATE_FORMAT(at, '%Y-%m-%d %H:%i') FROM revisions"
		" WHERE area_id = ? AND commitment_id = ? AND part = ? AND lang = ? ORDER BY version DESC"),
	/*
	 * Every field the hash covers, in chain order, then prev_hash and hash. The
	 * part is hashed as "eu" for English and "eu:ko" for Korean (revisions from
	 * before the languages were added hash as they did).
	 */
	[ST_REVISIONS_ALL] = READ(
		"SELECT seq, area_id, commitment_id, IF(lang = 'en', part, CONCAT(part, ':', lang)), version, content,"
		" summary, account_id, side, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), origin, ref, prev_hash, hash"
		" FROM revisions ORDER BY seq"),

	/* args: area, commitment, kind, language, base version, content, summary, by, side, at */
	[ST_PROPOSAL_INSERT] = WRITE(
		"INSERT INTO proposals (area_id, commitment_id, kind, lang, base_version, content, summary, proposed_by,"
		" side, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
	/* id, area id, commitment id, kind, base version, content, summary, proposer id, proposer name, side,
	 * proposed at, state, decider name, decided at, area slug, area title, commitment number, language,
	 * Korean area title */
	[ST_PROPOSAL_BY_ID] = CACHED(
		"SELECT p.id, p.area_id, p.commitment_id, p.kind, p.base_version, p.content, p.summary, p.proposed_by,"
		" u.display_name, p.side, DATE_FORMAT(p.proposed_at, '%Y-%m-%d %H:%i'), p.state, d.display_name,"
		" DATE_FORMAT(p.decided_at, '%Y-%m-%d %H:%i'), a.slug, a.title, c.number, p.lang, a.title_ko"
		" FROM proposals p JOIN areas a ON a.id = p.area_id JOIN accounts u ON u.id = p.proposed_by"
		" LEFT JOIN accounts d ON d.id = p.decided_by LEFT JOIN commitments c ON c.id = p.commitment_id"
		" WHERE p.id = ?"),
	/* state, area id, commitment id, kind, base version, content, summary, proposer id, side */
	[ST_PROPOSAL_LOCK] = WRITE(
		"SELECT state, area_id, commitment_id, kind, base_version, content, summary, proposed_by, side"
		" FROM proposals WHERE id = ? FOR UPDATE"),
	/* args: state, by, at, id */
	[ST_PROPOSAL_DECIDE] = WRITE(
		"UPDATE proposals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'"),
	/* id, commitment id, commitment number, kind, summary, proposer name, side, proposed at, language */
	[ST_PROPOSALS_PENDING_BY_AREA] = CACHED(
		"SELECT p.id, p.commitment_id, c.number, p.kind, p.summary, u.display_name, p.side,"
		" DATE_FORMAT(p.proposed_at, '%Y-%m-%d %H:%i'), p.lang"
		" FROM proposals p JOIN accounts u ON u.id = p.proposed_by LEFT JOIN commitments c ON c.id = p.commitment_id"
		" WHERE p.area_id = ? AND p.state = 'pending' ORDER BY p.id"),
	/* id, commitment id, commitment number, kind, summary, proposer name, side, proposed at, state,
	 * decider name, decided at, language */
	[ST_PROPOSALS_OF_AREA] = CACHED(
		"SELECT p.id, p.commitment_id, c.number, p.kind, p.summary, u.display_name, p.side,"
		" DATE_FORMAT(p.proposed_at, '%Y-%m-%d %H:%i'), p.state, d.display_name,"
		" DATE_FORMAT(p.decided_at, '%Y-%m-%d %H:%i'), p.lang"
		" FROM proposals p JOIN accounts u ON u.id = p.proposed_by LEFT JOIN accounts d ON d.id = p.decided_by"
		" LEFT JOIN commitments c ON c.id = p.commitment_id WHERE p.area_id = ? ORDER BY p.id DESC"),
};
