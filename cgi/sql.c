/*
 * All statements in one table, so there is one place to read every query the
 * portal can run. Each is prepared once per connection (db.c) and every value
 * is a bound '?'. Columns are listed explicitly: row callbacks index them.
 */
#include "sql.h"

#define READ(s) { s, true }
#define WRITE(s) { s, false }

const struct stmt_def stmt_defs[ST__MAX] = {
	[ST_BEGIN] = READ("START TRANSACTION"),

	[ST_SCHEMA_VERSION] = READ("SELECT CAST(COALESCE(MAX(version), 0) AS SIGNED) FROM schema_migrations"),

	/* id, slug, title, planned, in progress, done, dropped, total, average progress */
	[ST_DASHBOARD_AREAS] = READ(
		"SELECT a.id, a.slug, a.title,"
		" COUNT(CASE WHEN c.status = 'planned' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'in progress' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'done' THEN 1 END),"
		" COUNT(CASE WHEN c.status = 'dropped' THEN 1 END),"
		" COUNT(c.id), CAST(COALESCE(ROUND(AVG(c.progress)), 0) AS SIGNED)"
		" FROM areas a LEFT JOIN commitments c ON c.area_id = a.id"
		" GROUP BY a.id, a.slug, a.title ORDER BY a.id"),

	/* id, city, date label, meeting date, held */
	[ST_COUNCILS] = READ(
		"SELECT id, city, date_label, DATE_FORMAT(meeting_date, '%Y-%m-%d'), held"
		" FROM councils ORDER BY id"),

	/* id, slug, title */
	[ST_AREA_BY_SLUG] = READ("SELECT id, slug, title FROM areas WHERE slug = ?"),

	/* side, body, version, updated at */
	[ST_SECTIONS_BY_AREA] = READ(
		"SELECT side, body, version, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i')"
		" FROM sections WHERE area_id = ? ORDER BY side"),

	/* id, number, text, lead, status, progress, target, EU note, KR note */
	[ST_COMMITMENTS_BY_AREA] = READ(
		"SELECT id, number, body, lead_side, status, progress, target, eu_note, kr_note"
		" FROM commitments WHERE area_id = ? ORDER BY number"),

	/* area id, area slug, area title, then as ST_COMMITMENTS_BY_AREA */
	[ST_REGISTER] = READ(
		"SELECT a.id, a.slug, a.title, c.id, c.number, c.body, c.lead_side, c.status,"
		" c.progress, c.target, c.eu_note, c.kr_note"
		" FROM commitments c JOIN areas a ON a.id = c.area_id"
		" ORDER BY a.id, c.number"),

	/* ---- sessions: the token's hash is the key; expiry is decided here ---- */

	/* account id, login, display name, side, role, CSRF token, expired, stale (touch due), disabled */
	[ST_SESSION_LOOKUP] = READ(
		"SELECT a.id, a.login, a.display_name, a.side, a.role, s.csrf_token,"
		" s.created_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
		"   OR s.last_used_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND,"
		" s.last_used_at <= UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, a.disabled"
		" FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?"),
	[ST_SESSION_TOUCH] = WRITE("UPDATE sessions SET last_used_at = UTC_TIMESTAMP(6) WHERE token_hash = ?"),
	[ST_SESSION_INSERT] = WRITE(
		"INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_used_at, client_addr)"
		" VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?)"),
	[ST_SESSION_DELETE] = WRITE("DELETE FROM sessions WHERE token_hash = ?"),
	[ST_SESSION_DELETE_OTHERS] = WRITE("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?"),
	[ST_SESSION_DELETE_ACCOUNT] = WRITE("DELETE FROM sessions WHERE account_id = ?"),
	[ST_SESSION_PURGE] = WRITE(
		"DELETE FROM sessions WHERE created_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
		" OR last_used_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 1000"),

	/* ---- accounts ---- */

	/* id, login, display name, side, role, password hash, disabled */
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
	[ST_ACCOUNT_SET_ROLE] = WRITE(
		"UPDATE accounts SET role = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?"),

	/* ---- failed logins (README, "Logins and sessions") ---- */

	/* kind, seconds left: the locks in force for this login name or this address */
	[ST_THROTTLE_CHECK] = READ(
		"SELECT kind, CAST(CEIL(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), locked_until) / 1000000) AS SIGNED)"
		" FROM login_throttle WHERE ((kind = 'account' AND k = ?) OR (kind = 'addr' AND k = ?))"
		" AND locked_until > UTC_TIMESTAMP(6)"),
	/*
	 * One more failure for (kind, key). Failures count within an hour; above
	 * the threshold each failure locks for base * 2^(excess-1) seconds, at most max.
	 * Args: kind, key, threshold, max, base, threshold.
	 */
	[ST_THROTTLE_FAIL] = WRITE(
		"INSERT INTO login_throttle (kind, k, failures, window_start, locked_until)"
		" VALUES (?, ?, 1, UTC_TIMESTAMP(6), NULL)"
		" ON DUPLICATE KEY UPDATE"
		" failures = IF(window_start < UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, 1, failures + 1),"
		" window_start = IF(failures = 1, UTC_TIMESTAMP(6), window_start),"
		" locked_until = IF(failures > ?,"
		"   UTC_TIMESTAMP(6) + INTERVAL LEAST(?, ? * POW(2, LEAST(failures - ? - 1, 20))) SECOND, NULL)"),
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
};
