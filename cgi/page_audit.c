/* GET /admin/audit — the audit log, newest first, with a check of its hash chain. */

#include "audit.h"
#include "content.h"
#include "ctx.h"
#include "pages.h"
#include "render.h"

#define PAGE_SIZE 100

/* seq, at, login, side, action, detail, client address */
static int entry_row(void *ud, const struct db_col *c, unsigned n)
{
	tmpl_dict *body = ud;
	(void)n;
	tmpl_dict *d = tmpl_section(body, T_ENTRY);
	tmpl_set_int(d, T_SEQ, c[0].i);
	tmpl_setn(d, T_AT, c[1].s, c[1].len);
	tmpl_setn(d, T_LOGIN, c[2].s, c[2].len);
	tmpl_setn(d, T_SIDE, c[3].s, c[3].len);
	tmpl_setn(d, T_ACTION, c[4].s, c[4].len);
	tmpl_setn(d, T_DETAIL, c[5].s, c[5].len);
	tmpl_setn(d, T_ADDR, c[6].s, c[6].len);
	return 0;
}

static long long page_number(const char *s)
{
	return s ? http_parse_id(s) : 1;
}

int page_audit(struct ctx *ctx, struct request *req, struct reply *rep)
{
	long long number = page_number(http_query(req, "page"));
	if (number < 1)
		return 400;
	long long broken = 0, count = 0, rev_broken = 0, rev_count = 0;
	enum db_result r = audit_verify(&ctx->db, ctx->cfg->chain_key, &broken, &count);
	if (r == DB_OK)
		r = revisions_verify(&ctx->db, ctx->cfg->chain_key, &rev_broken, &rev_count);
	if (r != DB_OK)
		return db_status(r);
	struct page pg;
	if (page_begin(&pg, req, "audit", msg(req->lang, M_AUDIT_TITLE), NAV_AUDIT))
		return 500;
	r = DB_RUN(&ctx->db, ST_AUDIT_PAGE, entry_row, pg.body, DB_INT(PAGE_SIZE), DB_INT((number - 1) * PAGE_SIZE));
	if (r != DB_OK) {
		page_discard(&pg);
		return db_status(r);
	}
	tmpl_set_int(pg.body, T_ENTRY_COUNT, count);
	if (broken)
		tmpl_set_int(tmpl_section(pg.body, T_CHAIN_BROKEN), T_BROKEN_SEQ, broken);
	else
		tmpl_show(pg.body, T_CHAIN_OK);
	tmpl_set_int(pg.body, T_REVISION_COUNT, rev_count);
	if (rev_broken)
		tmpl_set_int(tmpl_section(pg.body, T_REVISIONS_BROKEN), T_BROKEN_SEQ, rev_broken);
	else
		tmpl_show(pg.body, T_REVISIONS_OK);
	if (number > 1)
		tmpl_set_int(tmpl_section(pg.body, T_NEWER), T_PAGE, number - 1);
	if (number * PAGE_SIZE < count)
		tmpl_set_int(tmpl_section(pg.body, T_OLDER), T_PAGE, number + 1);
	return page_end(&pg, rep, 200);
}
