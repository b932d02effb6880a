/*
 * What changed since a held council, for the co-chairs preparing the next:
 *   GET  /changes?council=N     the commitments whose status, progress or notes changed (default: the latest held)
 *   GET  /changes.atom          the same as an Atom feed
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/ctx.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

/* The first column of a one-row answer, as a number: ST_COUNCIL_LAST_HELD (an id). */
enum number_col {
	NM_NUMBER,
};

static int number_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[NM_NUMBER].i;
	return 0;
}

struct changes {
	struct request *req;
	const char *now;      /* RFC 3339: for rows never changed through the portal */
	tmpl_dict *body;
	tmpl_dict *area;
	long long area_id;
	long long count;
};

static void change(tmpl_dict *row, const char *label, const char *before, const char *after)
{
	tmpl_dict *d = tmpl_section(row, T_CHANGE);
	tmpl_set(d, T_LABEL, label);
	tmpl_set(d, T_BEFORE, before && *before ? before : "—");
	tmpl_set(d, T_AFTER, after && *after ? after : "—");
}

/* The columns of ST_CHANGES: the commitment, then each value as the council saw it and as it is now. */
enum change_col {
	CH_AREA_ID, CH_AREA_SLUG, CH_AREA_TITLE, CH_AREA_TITLE_KO, CH_COMMITMENT_ID, CH_NUMBER, CH_TEXT, CH_TEXT_KO,
	CH_NEW, CH_STATUS_BEFORE, CH_STATUS_AFTER, CH_PROGRESS_BEFORE, CH_PROGRESS_AFTER,
	CH_NOTES,                                        /* the four notes, before and after each: */
	CH_CHANGED_AT = CH_NOTES + 2 * SIDE__MAX * LANG__MAX,
};

/* The note columns' order: EU English, EU Korean, KR English, KR Korean. */
static const struct db_col *note_col(const struct db_col *c, enum side side, enum lang lang, bool after)
{
	return &c[CH_NOTES + 2 * (side * LANG__MAX + lang) + after];
}

static const char *status_label(enum lang lang, const struct db_col *c)
{
	return msg(lang, status_entry(status_of(c->s))->label);
}

/* The notes that changed, each in each language. */
static void note_changes(tmpl_dict *row, struct request *req, const struct db_col *c)
{
	static const enum msg_id notes[SIDE__MAX] = { M_PART_NOTE_EU, M_PART_NOTE_KR };
	static const enum msg_id langs[LANG__MAX] = { M_LANG_IN_EN, M_LANG_IN_KO };
	enum lang lang = req->lang;
	for (int side = 0; side < SIDE__MAX; side++)
		for (int in = 0; in < LANG__MAX; in++) {
			const struct db_col *before = note_col(c, (enum side)side, (enum lang)in, false);
			const struct db_col *after = note_col(c, (enum side)side, (enum lang)in, true);
			if (strcmp(before->s, after->s) != 0)
				change(row, arena_printf(req->arena, "%s (%s)", msg(lang, notes[side]), msg(lang, langs[in])),
				       before->s, after->s);
		}
}

static int change_row(void *ud, const struct db_col *c, unsigned n)
{
	struct changes *ch = ud;
	(void)n;
	enum lang lang = ch->req->lang;
	if (!ch->area || ch->area_id != c[CH_AREA_ID].i) {
		ch->area = tmpl_section(ch->body, T_AREA);
		ch->area_id = c[CH_AREA_ID].i;
		tmpl_set(ch->area, T_AREA_SLUG, c[CH_AREA_SLUG].s);
		tmpl_set(ch->area, T_AREA_TITLE,
		         lang == LANG_KO && c[CH_AREA_TITLE_KO].len ? c[CH_AREA_TITLE_KO].s : c[CH_AREA_TITLE].s);
	}
	tmpl_dict *row = tmpl_section(ch->area, T_COMMITMENT);
	tmpl_set_int(row, T_COMMITMENT_ID, c[CH_COMMITMENT_ID].i);
	tmpl_set(row, T_COMMITMENT_NUMBER, arena_printf(ch->req->arena, "%lld.%lld", c[CH_AREA_ID].i, c[CH_NUMBER].i));
	tmpl_set(row, T_COMMITMENT_TEXT, lang == LANG_KO && c[CH_TEXT_KO].len ? c[CH_TEXT_KO].s : c[CH_TEXT].s);
	tmpl_set(row, T_UPDATED, c[CH_CHANGED_AT].null ? ch->now : c[CH_CHANGED_AT].s);
	if (c[CH_NEW].i) {
		tmpl_show(row, T_NEW);
	} else {
		if (strcmp(c[CH_STATUS_BEFORE].s, c[CH_STATUS_AFTER].s) != 0)
			change(row, msg(lang, M_COMMITMENT_STATUS), status_label(lang, &c[CH_STATUS_BEFORE]),
			       status_label(lang, &c[CH_STATUS_AFTER]));
		if (c[CH_PROGRESS_BEFORE].i != c[CH_PROGRESS_AFTER].i)
			change(row, msg(lang, M_COMMITMENT_PROGRESS), view_percent(ch->req->arena, lang, c[CH_PROGRESS_BEFORE].i),
			       view_percent(ch->req->arena, lang, c[CH_PROGRESS_AFTER].i));
		note_changes(row, ch->req, c);
	}
	ch->count++;
	return 0;
}

struct council_info {
	bool found, held;
	const char *city, *date;
	struct request *req;
};

/* The columns of ST_COUNCIL_BY_ID. */
enum council_col {
	CO_ID, CO_CITY, CO_DATE_LABEL, CO_MEETING_DATE, CO_HELD, CO_CITY_KO, CO_DATE_LABEL_KO, CO_HELD_AT,
};

static int info_row(void *ud, const struct db_col *c, unsigned n)
{
	struct council_info *i = ud;
	(void)n;
	bool ko = i->req->lang == LANG_KO;
	i->found = true;
	i->held = c[CO_HELD].i != 0;
	i->city = arena_strdup(i->req->arena, ko && c[CO_CITY_KO].len ? c[CO_CITY_KO].s : c[CO_CITY].s);
	i->date = arena_strdup(i->req->arena,
	                       ko && c[CO_DATE_LABEL_KO].len ? c[CO_DATE_LABEL_KO].s : c[CO_DATE_LABEL].s);
	return 0;
}

/* The council to compare with: ?council=N (held), else the latest held. 0 when none is held. */
static int since_council(struct ctx *ctx, struct request *req, long long *id, struct council_info *info)
{
	const char *given = http_query(req, "council");
	*id = 0;
	if (given && !(*id = http_parse_id(given)))
		return 400;
	enum err r = E_OK;
	if (!*id)
		r = db_run(&ctx->db, ST_COUNCIL_LAST_HELD, NULL, 0, number_row, id, NULL);
	if (r == E_OK && *id)
		r = DB_RUN(&ctx->db, ST_COUNCIL_BY_ID, info_row, info, DB_INT(*id));
	if (r != E_OK)
		return http_status(r);
	return *id && (!info->found || !info->held) ? 404 : 0;
}

static int render_changes(struct ctx *ctx, struct request *req, struct reply *rep, bool atom)
{
	long long id;
	struct council_info info = { .req = req };
	int st = since_council(ctx, req, &id, &info);
	if (st)
		return st;
	struct page pg = { 0 };
	tmpl_dict *body;
	if (atom) {
		body = tmpl_new();
	} else {
		if (page_begin(&pg, req, "changes", msg(req->lang, M_CHANGES_TITLE), NAV_COUNCILS))
			return 500;
		body = pg.body;
	}
	if (!body)
		return 500;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct changes ch = { req, now, body, NULL, 0, 0 };
	enum err r = id ? DB_RUN(&ctx->db, ST_CHANGES, change_row, &ch, DB_INT(id)) : E_OK;
	if (id) {
		tmpl_dict *s = tmpl_section(body, T_SINCE);
		tmpl_set_int(s, T_COUNCIL_NUMBER, id);
		tmpl_set(s, T_COUNCIL_CITY, info.city);
		tmpl_set(s, T_COUNCIL_DATE, info.date);
	} else {
		tmpl_show(body, T_NO_COUNCIL);
	}
	if (id && ch.count == 0)
		tmpl_show(body, T_NO_CHANGES);
	if (r != E_OK) {
		if (atom)
			tmpl_free(body);
		else
			page_discard(&pg);
		return http_status(r);
	}
	if (!atom)
		return page_end(&pg, rep, 200);
	char file[32];
	tmpl_set(body, T_FEED_UPDATED, now);
	tmpl_set(body, T_FEED_TITLE, msg(req->lang, M_CHANGES_TITLE));
	tmpl_set(body, T_LANG, lang_code(req->lang));
	tmpl_set_int(body, T_COUNCIL_ID, id);
	snprintf(file, sizeof(file), "%s/changes_atom.tpl", lang_code(req->lang));
	int rc = tmpl_expand(file, body, &rep->body);
	tmpl_free(body);
	if (rc != 0)
		return 500;
	rep->content_type = "application/atom+xml; charset=utf-8";
	return 200;
}

int page_changes(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return render_changes(ctx, req, rep, false);
}

int page_changes_atom(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return render_changes(ctx, req, rep, true);
}
