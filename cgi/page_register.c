/* GET /register — every commitment of every area in one table. */
#include "ctx.h"
#include "pages.h"
#include "render.h"
#include "view.h"

struct reg {
	struct page *pg;
	long long count;
};

/* area id, area slug, area title, Korean title, then a commitment (view.h column order) */
static int row(void *ud, const struct db_col *c, unsigned n)
{
	struct reg *g = ud;
	(void)n;
	tmpl_dict *d = tmpl_section(g->pg->body, T_COMMITMENT);
	const struct db_col *title = g->pg->lang == LANG_KO && c[3].len ? &c[3] : &c[2];
	tmpl_setn(d, T_AREA_SLUG, c[1].s, c[1].len);
	tmpl_setn(d, T_AREA_TITLE, title->s, title->len);
	struct commitment_view v = commitment_view_of(c[0].i, c + 4);
	view_commitment(d, g->pg->lang, &v);
	g->count++;
	return 0;
}

int page_register(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct page pg;
	if (page_begin(&pg, req, "register", msg(req->lang, M_REGISTER_TITLE), NAV_REGISTER))
		return 500;
	struct reg g = { .pg = &pg };
	enum db_result r = db_run(&ctx->db, ST_REGISTER, NULL, 0, row, &g, NULL);
	if (r != DB_OK) {
		page_discard(&pg);
		return db_status(r);
	}
	tmpl_set_int(pg.body, T_ROW_COUNT, g.count);
	return page_end(&pg, rep, 200);
}
