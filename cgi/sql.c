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
};
