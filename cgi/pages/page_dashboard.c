/* GET / — the eight areas with their commitments by status, and the councils. */
#include <string.h>

#include "model/ctx.h"
#include "model/vocab.h"
#include "pages/pages.h"
#include "view/render.h"

struct dashboard {
	struct page *pg;
	enum lang lang;
	long long totals[STATUS__MAX];
	long long total;
	bool next_found;
};

/* The Korean form when reading in Korean and there is one, else the English. */
static const struct db_col *in_lang(enum lang lang, const struct db_col *en, const struct db_col *ko)
{
	return lang == LANG_KO && ko->len ? ko : en;
}

/* The columns of ST_DASHBOARD_AREAS: an area, its commitments counted per status (vocab.h's order), in all. */
enum dashboard_col {
	DC_ID, DC_SLUG, DC_TITLE, DC_TITLE_KO, DC_COUNTS,
	DC_ALL = DC_COUNTS + STATUS__MAX, DC_AVERAGE_PROGRESS,
};

/* The counts' names in templates, per status. */
static const enum tmpl_name area_counts[STATUS__MAX] = { T_COUNT_PLANNED, T_COUNT_IN_PROGRESS, T_COUNT_DONE,
                                                         T_COUNT_DROPPED };
static const enum tmpl_name totals[STATUS__MAX] = { T_TOTAL_PLANNED, T_TOTAL_IN_PROGRESS, T_TOTAL_DONE,
                                                    T_TOTAL_DROPPED };

static int area_row(void *ud, const struct db_col *c, unsigned n)
{
	struct dashboard *d = ud;
	(void)n;
	tmpl_dict *a = tmpl_section(d->pg->body, T_AREA);
	const struct db_col *title = in_lang(d->lang, &c[DC_TITLE], &c[DC_TITLE_KO]);
	tmpl_set_int(a, T_AREA_NUMBER, c[DC_ID].i);
	tmpl_setn(a, T_AREA_SLUG, c[DC_SLUG].s, c[DC_SLUG].len);
	tmpl_setn(a, T_AREA_TITLE, title->s, title->len);
	for (int s = 0; s < STATUS__MAX; s++) {
		tmpl_set_int(a, area_counts[s], c[DC_COUNTS + s].i);
		d->totals[s] += c[DC_COUNTS + s].i;
	}
	tmpl_set_int(a, T_COUNT_ALL, c[DC_ALL].i);
	tmpl_set_int(a, T_PROGRESS, c[DC_AVERAGE_PROGRESS].i);
	d->total += c[DC_ALL].i;
	return 0;
}

/* The columns of ST_COUNCILS (the meeting date is unused here). */
enum council_col {
	CO_ID, CO_CITY, CO_DATE_LABEL, CO_MEETING_DATE, CO_HELD, CO_CITY_KO, CO_DATE_LABEL_KO,
};

static int council_row(void *ud, const struct db_col *c, unsigned n)
{
	struct dashboard *d = ud;
	(void)n;
	const struct db_col *city = in_lang(d->lang, &c[CO_CITY], &c[CO_CITY_KO]);
	const struct db_col *date = in_lang(d->lang, &c[CO_DATE_LABEL], &c[CO_DATE_LABEL_KO]);
	tmpl_dict *row = tmpl_section(d->pg->body, T_COUNCIL);
	tmpl_set_int(row, T_COUNCIL_NUMBER, c[CO_ID].i);
	tmpl_setn(row, T_COUNCIL_CITY, city->s, city->len);
	tmpl_setn(row, T_COUNCIL_DATE, date->s, date->len);
	if (c[CO_HELD].i) {
		tmpl_show(row, T_COUNCIL_HELD);
	} else if (!d->next_found) {
		d->next_found = true;
		tmpl_show(row, T_COUNCIL_NEXT);
		tmpl_dict *next = tmpl_section(d->pg->body, T_NEXT_COUNCIL);
		tmpl_setn(next, T_COUNCIL_CITY, city->s, city->len);
		tmpl_setn(next, T_COUNCIL_DATE, date->s, date->len);
	} else {
		tmpl_show(row, T_COUNCIL_PLANNED);
	}
	return 0;
}

int page_dashboard(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct page pg;
	if (page_begin(&pg, req, "dashboard", msg(req->lang, M_DASHBOARD_TITLE), NAV_DASHBOARD))
		return 500;
	struct dashboard d = { .pg = &pg, .lang = req->lang };
	enum err r = db_run(&ctx->db, ST_DASHBOARD_AREAS, NULL, 0, area_row, &d, NULL);
	if (r == E_OK)
		r = db_run(&ctx->db, ST_COUNCILS, NULL, 0, council_row, &d, NULL);
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	for (int s = 0; s < STATUS__MAX; s++)
		tmpl_set_int(pg.body, totals[s], d.totals[s]);
	tmpl_set_int(pg.body, T_TOTAL_ALL, d.total);
	return page_end(&pg, rep, 200);
}
