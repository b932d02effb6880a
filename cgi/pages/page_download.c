/*
 * GET /register.csv, /register.json, /register.xlsx — the register as the
 * filter selects it (same parameters as /register, ?council=N for a council's
 * snapshot, ?lang= for the language), streamed as rows arrive from MariaDB.
 *
 * CSV and JSON are written to the client as they are produced, 64 KiB at a
 * time: a database failure before the first 64 KiB leave gets the ordinary
 * 503 page; a failure after that cuts the connection without the end of the
 * answer, so the download fails visibly instead of ending as a shorter file
 * that looks complete. XLSX is assembled in a temporary file (libxlsxwriter
 * in constant-memory mode) and sent once it is complete. Every download's BLAKE2b-256 is recorded in the audit log, so
 * `portalctl verify-export FILE` can tell whether a file is one of them.
 */
#include <fcgiapp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <yajl/yajl_gen.h>

#include "model/audit.h"
#include "base/csv.h"
#include "model/ctx.h"
#include "base/log.h"
#include "pages/pages.h"
#include "pages/register_filter.h"
#include "view/render.h"
#include "view/view.h"

enum format { CSV, JSON, XLSX };

#define COLUMNS 12
#define SEND_AFTER 65536   /* bytes held back before they go to the client */

/* Column headings, in the reader's language. */
static const enum msg_id headings[COLUMNS] = {
	M_COMMITMENT_NUMBER, M_COMMITMENT_AREA, M_COMMITMENT_TEXT, M_COMMITMENT_LEAD, M_COMMITMENT_STATUS,
	M_DOWNLOAD_PROGRESS, M_COMMITMENT_TARGET, M_COMMITMENT_EU_NOTE, M_COMMITMENT_KR_NOTE,
	M_DOWNLOAD_CHANGED_AT, M_DOWNLOAD_CHANGED_BY, M_DOWNLOAD_CHANGED_SIDE,
};
/* JSON keys: stable, for programs. */
static const char *const keys[COLUMNS] = {
	"number", "area", "text", "lead", "status", "progress", "target", "eu_note", "kr_note",
	"updated_at", "updated_by", "updated_side",
};

struct download {
	struct ctx *ctx;
	struct request *req;
	struct reply *rep;
	const char *date;                     /* for the file name */
	FCGX_Stream *out;
	struct buf pending;                   /* not yet sent */
	bool started;                         /* the head has gone to the client */
	enum format format;
	enum lang lang;
	const struct register_filter *filter;
	crypto_generichash_state file_hash;   /* over every byte sent */
	crypto_generichash_state rows_hash;   /* JSON: over the rows' values (README) */
	long long rows;
	bool write_failed;
	struct buf line;
	yajl_gen json;
	lxw_workbook *book;
	lxw_worksheet *sheet;
	lxw_format *wrap, *percent;
};

static void head(struct download *d);

/* Sends what is pending, the head first if it has not gone yet. */
static void send_pending(struct download *d)
{
	if (!d->started) {
		head(d);
		d->started = true;
		if (reply_stream_begin(d->rep, d->out) < 0)
			d->write_failed = true;
	}
	if (d->pending.failed || (!d->write_failed && d->pending.len &&
	                          FCGX_PutStr(d->pending.data, (int)d->pending.len, d->out) < 0))
		d->write_failed = true;
	buf_reset(&d->pending);
}

/* Bytes for the client, into the file's hash now, sent once SEND_AFTER have gathered. */
static void emit(struct download *d, const void *p, size_t n)
{
	crypto_generichash_update(&d->file_hash, p, n);
	buf_append(&d->pending, p, n);
	if (d->pending.len >= SEND_AFTER || d->pending.failed)
		send_pending(d);
}

static void json_print(void *ud, const char *s, size_t n)
{
	emit(ud, s, n);
}

/* The text in the download's language, else in the other. */
static const char *pick(const struct paired_text *p, enum lang lang)
{
	const char *mine = p->text[lang] ? p->text[lang] : "";
	const char *other = p->text[lang == LANG_EN ? LANG_KO : LANG_EN];
	return *mine || !other ? mine : other;
}

/* A row's twelve values as text, in column order; JSON keeps codes for lead and status. */
static void row_values(const struct download *d, const struct register_row *r, char number[48], char progress[8],
                       const char *v[COLUMNS])
{
	const struct commitment_view *c = &r->view;
	snprintf(number, 48, "%lld.%lld", r->area_id, c->number);
	snprintf(progress, 8, "%lld", c->progress);
	bool codes = d->format == JSON;
	const struct vocab *lead = lead_entry(c->lead), *status = status_entry(c->status);
	const char *values[COLUMNS] = {
		number, pick(&r->area_title, d->lang), pick(&c->text, d->lang),
		codes ? lead->sql : msg(d->lang, lead->label), codes ? status->sql : msg(d->lang, status->label), progress,
		pick(&c->target, d->lang),
		pick(&c->note[SIDE_EU], d->lang), pick(&c->note[SIDE_KR], d->lang),
		r->updated_at, r->updated_by, r->updated_side,
	};
	memcpy(v, values, sizeof(values));
}

/* ---- CSV ---- */

static void csv_begin(struct download *d)
{
	static const char bom[] = "\xEF\xBB\xBF";  /* so Excel reads UTF-8, Hangul included */
	buf_reset(&d->line);
	buf_append(&d->line, bom, 3);
	for (int i = 0; i < COLUMNS; i++) {
		const char *h = msg(d->lang, headings[i]);
		csv_field(&d->line, h, strlen(h), true, i == 0);
	}
	csv_end(&d->line);
	emit(d, d->line.data, d->line.len);
}

static void csv_row(struct download *d, const char *const *v)
{
	buf_reset(&d->line);
	for (int i = 0; i < COLUMNS; i++) {
		const char *s = v[i] ? v[i] : "";
		csv_field(&d->line, s, strlen(s), i != 0 && i != 5, i == 0);
	}
	csv_end(&d->line);
	emit(d, d->line.data, d->line.len);
}

/* ---- JSON ---- */

static void json_text(yajl_gen g, const char *s)
{
	if (s)
		yajl_gen_string(g, (const unsigned char *)s, strlen(s));
	else
		yajl_gen_null(g);
}

static void json_key(yajl_gen g, const char *k)
{
	yajl_gen_string(g, (const unsigned char *)k, strlen(k));
}

static void json_begin(struct download *d, const char *generated, const char *query)
{
	yajl_gen g = d->json;
	yajl_gen_map_open(g);
	json_key(g, "generated_at");
	json_text(g, generated);
	json_key(g, "lang");
	json_text(g, lang_code(d->lang));
	json_key(g, "council");
	if (d->filter->council)
		yajl_gen_integer(g, d->filter->council);
	else
		yajl_gen_null(g);
	json_key(g, "filter");
	json_text(g, query);
	json_key(g, "rows");
	yajl_gen_array_open(g);
}

static void json_row(struct download *d, const char *const *v, long long progress)
{
	yajl_gen g = d->json;
	static const unsigned char unit = 0x1F, record = 0x1E;
	yajl_gen_map_open(g);
	for (int i = 0; i < COLUMNS; i++) {
		json_key(g, keys[i]);
		if (i == 5)
			yajl_gen_integer(g, progress);
		else
			json_text(g, v[i]);
		const char *s = v[i] ? v[i] : "";
		crypto_generichash_update(&d->rows_hash, (const unsigned char *)s, strlen(s));
		crypto_generichash_update(&d->rows_hash, i + 1 < COLUMNS ? &unit : &record, 1);
	}
	yajl_gen_map_close(g);
}

static void json_end(struct download *d)
{
	unsigned char h[32];
	char hex[65];
	crypto_generichash_final(&d->rows_hash, h, sizeof(h));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	yajl_gen g = d->json;
	yajl_gen_array_close(g);
	json_key(g, "row_count");
	yajl_gen_integer(g, d->rows);
	json_key(g, "rows_hash");
	json_text(g, hex);
	yajl_gen_map_close(g);
	emit(d, "\n", 1);
}

/* ---- XLSX ---- */

static void xlsx_begin(struct download *d, const char *path)
{
	lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *)d->ctx->cfg->tmp_dir };
	d->book = workbook_new_opt(path, &options);
	if (!d->book)
		return;
	d->sheet = workbook_add_worksheet(d->book, msg(d->lang, M_DOWNLOAD_SHEET_REGISTER));
	lxw_format *head = workbook_add_format(d->book);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(head, 0xDCE4F2);
	format_set_bottom(head, LXW_BORDER_THIN);
	d->wrap = workbook_add_format(d->book);
	format_set_text_wrap(d->wrap);
	format_set_align(d->wrap, LXW_ALIGN_VERTICAL_TOP);
	d->percent = workbook_add_format(d->book);
	format_set_num_format(d->percent, "0%");
	format_set_align(d->percent, LXW_ALIGN_VERTICAL_TOP);
	static const double widths[COLUMNS] = { 7, 28, 60, 10, 13, 10, 26, 45, 45, 17, 22, 7 };
	for (int i = 0; i < COLUMNS; i++) {
		worksheet_set_column(d->sheet, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
		worksheet_write_string(d->sheet, 0, (lxw_col_t)i, msg(d->lang, headings[i]), head);
	}
	worksheet_freeze_panes(d->sheet, 1, 0);
	worksheet_set_landscape(d->sheet);
	worksheet_set_paper(d->sheet, 9);   /* A4 */
	worksheet_fit_to_pages(d->sheet, 1, 0);
}

static void xlsx_row(struct download *d, const char *const *v, long long progress)
{
	lxw_row_t row = (lxw_row_t)d->rows + 1;
	for (int i = 0; i < COLUMNS; i++) {
		if (i == 5)    /* a number, shown as a percentage */
			worksheet_write_number(d->sheet, row, 5, (double)progress / 100.0, d->percent);
		else if (v[i] && *v[i])
			worksheet_write_string(d->sheet, row, (lxw_col_t)i, v[i], d->wrap);   /* text, never a formula */
	}
}

/* The "About" sheet: when, what and how the file was made. */
static void xlsx_about(struct download *d, const char *generated, const char *query)
{
	lxw_worksheet *about = workbook_add_worksheet(d->book, msg(d->lang, M_DOWNLOAD_SHEET_ABOUT));
	worksheet_set_column(about, 0, 0, 24, NULL);
	worksheet_set_column(about, 1, 1, 70, NULL);
	char rows[24], council[24];
	snprintf(rows, sizeof(rows), "%lld", d->rows);
	snprintf(council, sizeof(council), "%lld", d->filter->council);
	const enum msg_id labels[] = { M_DOWNLOAD_ABOUT_TITLE, M_DOWNLOAD_ABOUT_GENERATED, M_DOWNLOAD_ABOUT_LANGUAGE,
	                               M_DOWNLOAD_ABOUT_COUNCIL, M_DOWNLOAD_ABOUT_FILTER, M_DOWNLOAD_ABOUT_ROWS };
	const char *values[] = { msg(d->lang, M_SITE_NAME), generated, lang_code(d->lang),
	                         d->filter->council ? council : msg(d->lang, M_DOWNLOAD_ABOUT_LIVE),
	                         *query ? query : msg(d->lang, M_DOWNLOAD_ABOUT_ALL), rows };
	for (lxw_row_t i = 0; i < 6; i++) {
		worksheet_write_string(about, i, 0, msg(d->lang, labels[i]), NULL);
		worksheet_write_string(about, i, 1, values[i], NULL);
	}
	worksheet_write_string(about, 7, 0, msg(d->lang, M_DOWNLOAD_ABOUT_VERIFY), NULL);
}

/* ---- the download ---- */

static int each_row(void *ud, const struct register_row *r)
{
	struct download *d = ud;
	char number[48], progress[8];
	const char *v[COLUMNS];
	row_values(d, r, number, progress, v);
	if (d->format == CSV)
		csv_row(d, v);
	else if (d->format == JSON)
		json_row(d, v, r->view.progress);
	else
		xlsx_row(d, v, r->view.progress);
	d->rows++;
	return d->write_failed;   /* the client left: stop reading */
}

static void record(struct download *d, const char *file, const char *query)
{
	unsigned char h[32];
	char hex[65];
	crypto_generichash_final(&d->file_hash, h, sizeof(h));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	char detail[700];
	snprintf(detail, sizeof(detail), "%s hash=%s rows=%lld lang=%s council=%lld filter=%.500s", file, hex, d->rows,
	         lang_code(d->lang), d->filter->council, query);
	const struct account *who = d->req->who;
	struct audit_entry e = { who->id, who->login, side_code(who->side), "download", detail, d->req->remote_addr };
	if (audit_group_record(&d->ctx->shared->audit, &d->ctx->db, d->ctx->cfg->chain_key, &e) != E_OK)
		log_msg("download: could not record %s (hash %s) in the audit log", file, hex);
}

static const char *const extensions[] = { "csv", "json", "xlsx" };
static const char *const types[] = {
	"text/csv; charset=utf-8; header=present", "application/json; charset=utf-8",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/* The head of the answer: type, a dated file name (never from the request), no caching. */
static void head(struct download *d)
{
	struct reply *rep = d->rep;
	const char *date = d->date;
	char disposition[160];
	if (d->filter->council)
		snprintf(disposition, sizeof(disposition), "attachment; filename=\"eu-korea-register-council-%lld-%s.%s\"",
		         d->filter->council, date, extensions[d->format]);
	else
		snprintf(disposition, sizeof(disposition), "attachment; filename=\"eu-korea-register-%s.%s\"", date,
		         extensions[d->format]);
	rep->status = 200;
	rep->content_type = types[d->format];
	reply_header(rep, "Content-Disposition", disposition);
	reply_header(rep, "Cache-Control", "no-store");
}

/* XLSX: the workbook is complete in a temporary file before a byte is sent. */
static int send_xlsx(struct download *d, const char *generated, const char *query)
{
	char path[CONFIG_PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/portal-xlsx-XXXXXX", d->ctx->cfg->tmp_dir);
	int fd = mkstemp(path);
	if (fd < 0) {
		log_msg("download: cannot create a temporary file in %s", d->ctx->cfg->tmp_dir);
		return 500;
	}
	close(fd);
	xlsx_begin(d, path);
	enum err r = d->book ? register_rows(d->ctx, d->req->arena, d->filter, each_row, d) : E_FAILED;
	if (d->book) {
		xlsx_about(d, generated, query);
		if (workbook_close(d->book) != LXW_NO_ERROR && r == E_OK)
			r = E_FAILED;
	}
	FILE *f = r == E_OK ? fopen(path, "rb") : NULL;
	unlink(path);
	if (!f)
		return r == E_OK ? 500 : http_status(r);
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		emit(d, chunk, n);
	fclose(f);
	send_pending(d);
	if (!d->write_failed)
		record(d, "register.xlsx", query);
	return 200;
}

/* CSV or JSON, sent as the rows arrive. */
static int send_streamed(struct download *d, const char *generated, const char *query)
{
	if (d->format == CSV) {
		csv_begin(d);
	} else {
		d->json = yajl_gen_alloc(NULL);
		if (!d->json)
			return 500;
		yajl_gen_config(d->json, yajl_gen_print_callback, json_print, d);
		yajl_gen_config(d->json, yajl_gen_validate_utf8, 1);
		json_begin(d, generated, query);
	}
	enum err r = register_rows(d->ctx, d->req->arena, d->filter, each_row, d);
	if (r == E_OK && d->format == JSON)
		json_end(d);
	if (d->json)
		yajl_gen_free(d->json);
	if (r != E_OK && !d->started)
		return http_status(r);   /* nothing sent yet: the ordinary error page */
	if (r != E_OK) {
		log_msg("download: the database failed after %lld rows: answer cut off", d->rows);
		reply_stream_abort(d->req->fcgi);
		return 503;
	}
	send_pending(d);
	if (!d->write_failed)
		record(d, d->format == CSV ? "register.csv" : "register.json", query);
	return 200;
}

static int download(struct ctx *ctx, struct request *req, struct reply *rep, enum format format)
{
	struct register_filter filter;
	int st = register_filter_load(ctx, req, &filter);
	if (st)
		return st;
	FCGX_Request *fr = req->fcgi;
	char date[16], generated[32];
	struct download d = { .ctx = ctx, .req = req, .rep = rep, .date = date, .out = fr->out, .format = format,
	                      .lang = req->lang, .filter = &filter };
	crypto_generichash_init(&d.file_hash, NULL, 0, 32);
	crypto_generichash_init(&d.rows_hash, NULL, 0, 32);
	buf_init(&d.line);
	buf_init(&d.pending);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	strftime(generated, sizeof(generated), "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *query = register_filter_query(req->arena, &filter);
	st = format == XLSX ? send_xlsx(&d, generated, query) : send_streamed(&d, generated, query);
	buf_free(&d.line);
	buf_free(&d.pending);
	return st;
}

int page_download_csv(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return download(ctx, req, rep, CSV);
}

int page_download_json(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return download(ctx, req, rep, JSON);
}

int page_download_xlsx(struct ctx *ctx, struct request *req, struct reply *rep)
{
	return download(ctx, req, rep, XLSX);
}
