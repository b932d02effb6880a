/*
 * GET /admin/audit — the audit log, newest first, with a check of its hash chain.
 * GET /admin/audit.csv — the whole log, oldest first, with each entry's hash.
 */
#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/content.h"
#include "base/csv.h"
#include "model/ctx.h"
#include "base/log.h"
#include "pages/pages.h"
#include "view/render.h"

#define PAGE_SIZE 100
/* ?page= is capped (http_parse_page), so the offset (page - 1) * PAGE_SIZE cannot overflow. */
_Static_assert((long long)HTTP_PAGE_MAX * PAGE_SIZE < (1LL << 40), "page offsets fit");

/* The columns of ST_AUDIT_PAGE. */
enum entry_col {
	EN_SEQ, EN_AT, EN_LOGIN, EN_SIDE, EN_ACTION, EN_DETAIL, EN_CLIENT_ADDR,
};

static int entry_row(void *ud, const struct db_col *c, unsigned n)
{
	tmpl_dict *body = ud;
	(void)n;
	tmpl_dict *d = tmpl_section(body, T_ENTRY);
	tmpl_set_int(d, T_SEQ, c[EN_SEQ].i);
	tmpl_setn(d, T_AT, c[EN_AT].s, c[EN_AT].len);
	tmpl_setn(d, T_LOGIN, c[EN_LOGIN].s, c[EN_LOGIN].len);
	tmpl_setn(d, T_SIDE, c[EN_SIDE].s, c[EN_SIDE].len);
	tmpl_setn(d, T_ACTION, c[EN_ACTION].s, c[EN_ACTION].len);
	tmpl_setn(d, T_DETAIL, c[EN_DETAIL].s, c[EN_DETAIL].len);
	tmpl_setn(d, T_ADDR, c[EN_CLIENT_ADDR].s, c[EN_CLIENT_ADDR].len);
	return 0;
}

/* The columns of ST_CHAIN_HEADS_ALL: the heads the co-chairs note at each Council. */
enum head_col {
	HD_CHAIN, HD_SEQ, HD_HASH_HEX,
};

static int head_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	tmpl_dict *d = tmpl_section(ud, T_HEAD);
	tmpl_show(d, c[HD_CHAIN].len == 5 && memcmp(c[HD_CHAIN].s, "audit", 5) == 0 ? T_AUDIT_HEAD : T_REVISIONS_HEAD);
	tmpl_set_int(d, T_HEAD_SEQ, c[HD_SEQ].i);
	tmpl_setn(d, T_HEAD_HASH, c[HD_HASH_HEX].s, c[HD_HASH_HEX].len);
	return 0;
}

int page_audit(struct ctx *ctx, struct request *req, struct reply *rep)
{
	long long number = http_parse_page(http_query(req, "page"));
	if (number < 1)
		return 400;
	long long broken = 0, count = 0, rev_broken = 0, rev_count = 0;
	enum err r = audit_verify(&ctx->db, ctx->cfg->chain_key, &broken, &count, NULL);
	if (r == E_OK)
		r = revisions_verify(&ctx->db, ctx->cfg->chain_key, &rev_broken, &rev_count, NULL);
	if (r != E_OK)
		return http_status(r);
	struct page pg;
	if (page_begin(&pg, req, "audit", msg(req->lang, M_AUDIT_TITLE), NAV_AUDIT))
		return 500;
	r = DB_RUN(&ctx->db, ST_AUDIT_PAGE, entry_row, pg.body, DB_INT(PAGE_SIZE), DB_INT((number - 1) * PAGE_SIZE));
	if (r == E_OK)
		r = db_run(&ctx->db, ST_CHAIN_HEADS_ALL, NULL, 0, head_row, pg.body, NULL);
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
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

#define EXPORT_COLUMNS 8
#define SEND_AFTER 65536   /* bytes held back before they go to the client */

/* The CSV export on its way out: never more than SEND_AFTER bytes and a row in memory. */
struct export {
	struct reply *rep;
	FCGX_Stream *out;
	struct buf pending;     /* not yet sent */
	bool started;           /* the head has gone to the client */
	bool write_failed;      /* the client left, or memory ran out */
	long long rows;
};

/* The head of the answer: a dated file name (never from the request), no caching. */
static void export_head(struct export *x)
{
	char date[16], disposition[80];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"eu-korea-audit-log-%s.csv\"", date);
	x->rep->status = 200;
	x->rep->content_type = "text/csv; charset=utf-8";
	reply_header(x->rep, "Content-Disposition", disposition);
	reply_header(x->rep, "Cache-Control", "no-store");
}

/* Sends what is pending, the head first if it has not gone yet. */
static void export_send(struct export *x)
{
	if (!x->started) {
		export_head(x);
		x->started = true;
		if (reply_stream_begin(x->rep, x->out) < 0)
			x->write_failed = true;
	}
	if (x->pending.failed || (!x->write_failed && x->pending.len &&
	                          FCGX_PutStr(x->pending.data, (int)x->pending.len, x->out) < 0))
		x->write_failed = true;
	buf_reset(&x->pending);
}

/* The columns of ST_AUDIT_EXPORT: one CSV record, seq first, then texts. */
enum export_col {
	EX_SEQ, EX_AT, EX_LOGIN, EX_SIDE, EX_ACTION, EX_DETAIL, EX_CLIENT_ADDR, EX_HASH_HEX,
};

static int export_row(void *ud, const struct db_col *c, unsigned n)
{
	struct export *x = ud;
	char seq[24];
	csv_field(&x->pending, seq, (size_t)snprintf(seq, sizeof(seq), "%lld", c[EX_SEQ].i), false, true);
	for (unsigned i = EX_AT; i < n && i < EXPORT_COLUMNS; i++)
		csv_field(&x->pending, c[i].s ? c[i].s : "", c[i].len, true, false);
	csv_end(&x->pending);
	x->rows++;
	if (x->pending.len >= SEND_AFTER || x->pending.failed)
		export_send(x);
	return x->write_failed;   /* the client left: stop reading */
}

/*
 * Streamed as the entries arrive from MariaDB, 64 KiB at a time, as the
 * register downloads are (page_download.c): the log only grows, and one
 * export must not hold all of it in a worker's memory. A database failure
 * before the first 64 KiB leave gets the ordinary error page; after that the
 * connection is cut without the end of the answer, so the download fails
 * visibly instead of ending as a shorter file that looks complete. The
 * export is recorded in the audit log once it has all been sent.
 */
int page_audit_csv(struct ctx *ctx, struct request *req, struct reply *rep)
{
	static const enum msg_id headings[EXPORT_COLUMNS] = { M_AUDIT_SEQ, M_AUDIT_AT, M_ACCOUNT_LOGIN, M_ACCOUNT_SIDE,
	                                                      M_AUDIT_ACTION, M_AUDIT_DETAIL, M_AUDIT_ADDR, M_AUDIT_HASH };
	FCGX_Request *fr = req->fcgi;
	struct export x = { .rep = rep, .out = fr->out };
	buf_init(&x.pending);
	buf_append(&x.pending, "\xEF\xBB\xBF", 3);   /* so Excel reads UTF-8 */
	for (int i = 0; i < EXPORT_COLUMNS; i++) {
		const char *h = msg(req->lang, headings[i]);
		csv_field(&x.pending, h, strlen(h), true, i == 0);
	}
	csv_end(&x.pending);
	enum err r = db_run(&ctx->db, ST_AUDIT_EXPORT, NULL, 0, export_row, &x, NULL);
	if (r == E_OK && x.pending.failed)
		r = E_FAILED;
	if (r != E_OK && !x.started) {
		buf_free(&x.pending);
		return http_status(r);   /* nothing sent yet: the ordinary error page */
	}
	if (r != E_OK && !x.write_failed) {
		log_msg("audit export: the database failed after %lld entries: answer cut off", x.rows);
		reply_stream_abort(fr);
		buf_free(&x.pending);
		return 503;
	}
	if (!x.write_failed)
		export_send(&x);
	buf_free(&x.pending);
	if (x.write_failed)
		return 200;   /* the client left: nothing to record */
	const struct account *who = req->who;
	struct audit_entry e = { who->id, who->login, side_code(who->side), "audit_exported", "admin/audit.csv",
	                         req->remote_addr };
	if (audit_record(&ctx->db, ctx->cfg->chain_key, &e) != E_OK)
		log_msg("audit: could not record the export of the audit log");
	return 200;
}
