/*
 * GET /register — every commitment of every area in one table, as the filter
 * selects it (area, lead, status, text; sorted by number, status, progress,
 * lead or last change; ?council=N: as reviewed at that council), with the
 * counts per status of what is shown and the downloads of exactly that.
 */
#include <string.h>

#include "model/ctx.h"
#include "pages/pages.h"
#include "pages/register_filter.h"
#include "view/render.h"
#include "view/view.h"

struct reg {
	struct page *pg;
	struct request *req;
	long long count;
	long long statuses[STATUS__MAX];
};


static int row(void *ud, const struct register_row *r)
{
	struct reg *g = ud;
	tmpl_dict *d = tmpl_section(g->pg->body, T_COMMITMENT);
	tmpl_set(d, T_AREA_SLUG, r->area_slug);
	view_paired(tmpl_section(d, T_AREA_PART), T_AREA_TITLE, g->pg->lang, &r->area_title);
	view_commitment(d, g->pg->lang, &r->view);
	if (r->updated_at) {
		tmpl_dict *u = tmpl_section(d, T_CHANGED);
		tmpl_set(u, T_AT, view_datetime(g->req->arena, g->pg->lang, r->updated_at));
		tmpl_set(u, T_NAME, r->updated_by ? r->updated_by : "");
		tmpl_set(u, T_SIDE, r->updated_side ? r->updated_side : "");
	}
	if (r->view.status < STATUS__MAX)
		g->statuses[r->view.status]++;
	g->count++;
	return 0;
}

struct options {
	tmpl_dict *d;
	const char *selected;
	enum lang lang;
};

/* The columns of ST_AREAS. */
enum area_option_col {
	AO_SLUG, AO_TITLE, AO_TITLE_KO,
};

static int area_option(void *ud, const struct db_col *c, unsigned n)
{
	struct options *o = ud;
	(void)n;
	tmpl_dict *opt = tmpl_section(o->d, T_AREA_OPTION);
	tmpl_setn(opt, T_VALUE, c[AO_SLUG].s, c[AO_SLUG].len);
	const struct db_col *title = o->lang == LANG_KO && c[AO_TITLE_KO].len ? &c[AO_TITLE_KO] : &c[AO_TITLE];
	tmpl_setn(opt, T_LABEL, title->s, title->len);
	if (strcmp(c[AO_SLUG].s, o->selected) == 0)
		tmpl_show(opt, T_SELECTED);
	return 0;
}

/* A column heading that sorts: its link toggles the direction; aria-sort says the current one. */
static void sort_heading(tmpl_dict *body, const struct request *req, const struct register_filter *f,
                         enum tmpl_name name, enum register_sort key)
{
	tmpl_dict *d = tmpl_section(body, name);
	struct register_filter next = *f;
	bool current = f->sort == key;
	next.sort = key;
	next.desc = current && !f->desc;
	tmpl_set(d, T_HREF, arena_printf(req->arena, "/register?%s", register_filter_query(req->arena, &next)));
	if (current)
		tmpl_set(tmpl_section(d, T_SORTED), T_ARIA_SORT, f->desc ? "descending" : "ascending");
}

struct council {
	tmpl_dict *d;
	enum lang lang;
};

/* The columns of ST_COUNCIL_BY_ID. */
enum council_col {
	CO_ID, CO_CITY, CO_DATE_LABEL, CO_MEETING_DATE, CO_HELD, CO_CITY_KO, CO_DATE_LABEL_KO, CO_HELD_AT,
};

static int council_row(void *ud, const struct db_col *c, unsigned n)
{
	struct council *k = ud;
	(void)n;
	tmpl_set_int(k->d, T_COUNCIL_NUMBER, c[CO_ID].i);
	const struct db_col *city = k->lang == LANG_KO && c[CO_CITY_KO].len ? &c[CO_CITY_KO] : &c[CO_CITY];
	const struct db_col *date = k->lang == LANG_KO && c[CO_DATE_LABEL_KO].len ? &c[CO_DATE_LABEL_KO]
	                                                                          : &c[CO_DATE_LABEL];
	tmpl_setn(k->d, T_COUNCIL_CITY, city->s, city->len);
	tmpl_setn(k->d, T_COUNCIL_DATE, date->s, date->len);
	return 0;
}

int page_register(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct register_filter f;
	int st = register_filter_load(ctx, req, &f);
	if (st)
		return st;
	struct page pg;
	if (page_begin(&pg, req, "register", msg(req->lang, M_REGISTER_TITLE), NAV_REGISTER))
		return 500;
	tmpl_dict *b = pg.body;
	struct reg g = { .pg = &pg, .req = req };
	struct options areas = { tmpl_section(b, T_FILTERS), f.area, req->lang };
	enum err r = db_run(&ctx->db, ST_AREAS, NULL, 0, area_option, &areas, NULL);
	if (r == E_OK && f.council) {
		struct council k = { tmpl_section(b, T_AS_REVIEWED), req->lang };
		r = DB_RUN(&ctx->db, ST_COUNCIL_BY_ID, council_row, &k, DB_INT(f.council));
	}
	if (r == E_OK)
		r = register_rows(ctx, req->arena, &f, row, &g);
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	tmpl_dict *filters = areas.d;
	view_options(filters, T_LEAD_OPTION, lead_vocab, LEAD__MAX, f.lead, req->lang);
	view_options(filters, T_STATUS_OPTION, status_vocab, STATUS__MAX, f.status, req->lang);
	tmpl_set(filters, T_Q, f.q);
	if (f.council)
		tmpl_set_int(tmpl_section(filters, T_COUNCIL_FIELD), T_COUNCIL_NUMBER, f.council);
	static const enum tmpl_name counts[STATUS__MAX] = { T_COUNT_PLANNED, T_COUNT_IN_PROGRESS, T_COUNT_DONE,
	                                                    T_COUNT_DROPPED };
	for (int i = 0; i < STATUS__MAX; i++)
		tmpl_set_int(b, counts[i], g.statuses[i]);
	tmpl_set_int(b, T_ROW_COUNT, g.count);
	if (g.count == 0)
		tmpl_show(b, T_NO_ROWS);
	sort_heading(b, req, &f, T_SORT_NUMBER, SORT_NUMBER);
	sort_heading(b, req, &f, T_SORT_STATUS, SORT_STATUS);
	sort_heading(b, req, &f, T_SORT_PROGRESS, SORT_PROGRESS);
	sort_heading(b, req, &f, T_SORT_LEAD, SORT_LEAD);
	sort_heading(b, req, &f, T_SORT_UPDATED, SORT_UPDATED);
	const char *query = register_filter_query(req->arena, &f);
	const char *lang = lang_code(req->lang);
	tmpl_set(b, T_DOWNLOAD_QUERY, arena_printf(req->arena, "%s%slang=%s", query, *query ? "&" : "", lang));
	return page_end(&pg, rep, 200);
}
