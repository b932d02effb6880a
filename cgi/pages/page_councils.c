/*
 * Councils and the review of progress:
 *   GET  /councils              the councils; the register as each held one reviewed it
 *   POST /councils/{n}/held     a co-chair marks the next council held: the register as it
 *                               stands is frozen into the council's snapshot
 *   POST /councils              a co-chair adds the next council (when every one is held)
 * (What changed since a council: page_changes.c.)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/ctx.h"
#include "pages/area_ref.h"
#include "pages/fields.h"
#include "pages/labels.h"
#include "pages/saving.h"
#include "pages/pages.h"
#include "view/render.h"
#include "view/view.h"

struct list {
	struct request *req;
	tmpl_dict *body;
	bool next_found;
	long long held;       /* the latest held council */
	long long count;
};

/* The columns of ST_COUNCILS. */
enum council_col {
	CO_ID, CO_CITY, CO_DATE_LABEL, CO_MEETING_DATE, CO_HELD, CO_CITY_KO, CO_DATE_LABEL_KO,
};

static int council_row(void *ud, const struct db_col *c, unsigned n)
{
	struct list *l = ud;
	(void)n;
	bool ko = l->req->lang == LANG_KO;
	tmpl_dict *d = tmpl_section(l->body, T_COUNCIL);
	tmpl_set_int(d, T_COUNCIL_NUMBER, c[CO_ID].i);
	tmpl_set(d, T_COUNCIL_CITY, ko && c[CO_CITY_KO].len ? c[CO_CITY_KO].s : c[CO_CITY].s);
	tmpl_set(d, T_COUNCIL_DATE, ko && c[CO_DATE_LABEL_KO].len ? c[CO_DATE_LABEL_KO].s : c[CO_DATE_LABEL].s);
	l->count = c[CO_ID].i;
	if (c[CO_HELD].i) {
		tmpl_show(d, T_COUNCIL_HELD);
		l->held = c[CO_ID].i;
	} else if (!l->next_found) {
		l->next_found = true;
		tmpl_show(d, T_COUNCIL_NEXT);
		if (authz_route(l->req->who, ACT_MARK_COUNCIL_HELD))
			tmpl_show(d, T_MARK_HELD);
	} else {
		tmpl_show(d, T_COUNCIL_PLANNED);
	}
	return 0;
}

int page_councils(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct page pg;
	if (page_begin(&pg, req, "councils", msg(req->lang, M_COUNCILS_TITLE), NAV_COUNCILS))
		return 500;
	struct list l = { req, pg.body, false, 0, 0 };
	enum err r = db_run(&ctx->db, ST_COUNCILS, NULL, 0, council_row, &l, NULL);
	if (r != E_OK) {
		page_discard(&pg);
		return http_status(r);
	}
	if (!l.next_found && authz_route(req->who, ACT_MARK_COUNCIL_HELD))
		tmpl_set_int(tmpl_section(pg.body, T_ADD_COUNCIL), T_COUNCIL_NUMBER, l.count + 1);
	const char *done = http_query(req, "done");
	if (done && strcmp(done, "held") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_COUNCILS_HELD_DONE));
	else if (done && strcmp(done, "added") == 0)
		page_message(&pg, T_NOTICE, msg(req->lang, M_COUNCILS_ADDED));
	return page_end(&pg, rep, 200);
}

struct held_tx {
	struct ctx *ctx;
	struct request *req;
	long long id;
	int status;
};

/*
 * The first column of a one-row answer, as a number: ST_COUNCIL_LOCK (held),
 * ST_COUNCIL_LAST_HELD and ST_COUNCIL_NEXT_ID (an id) each return that one column.
 */
enum number_col {
	NM_NUMBER,
};

static int number_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[NM_NUMBER].i;
	return 0;
}

static enum err held_tx(struct db *db, void *ud)
{
	struct held_tx *t = ud;
	long long held = -1, last = 0;
	enum err e = DB_RUN(db, ST_COUNCIL_LOCK, number_row, &held, DB_INT(t->id));
	if (e == E_OK)
		e = db_run(db, ST_COUNCIL_LAST_HELD, NULL, 0, number_row, &last, NULL);
	if (e != E_OK)
		return e;
	if (held < 0) {
		t->status = 404;
		return E_FAILED;
	}
	/* Councils are held in order: only the one after the last held. */
	if (held || t->id != last + 1) {
		t->status = held ? 303 : 409;
		return E_FAILED;
	}
	char at[27];
	audit_now(at);
	unsigned long long n = 0;
	struct db_arg args[] = { DB_STR(at), DB_INT(t->id) };
	e = db_run(db, ST_COUNCIL_MARK_HELD, args, 2, NULL, NULL, &n);
	if (e == E_OK && n != 1)
		return E_FAILED;
	if (e == E_OK)
		e = DB_RUN(db, ST_COUNCIL_SNAPSHOT, NULL, NULL, DB_INT(t->id));
	char detail[80];
	snprintf(detail, sizeof(detail), "council %lld held; register frozen", t->id);
	const struct account *who = t->req->who;
	struct audit_entry ae = { who->id, who->login, side_code(who->side), "council_held", detail, t->req->remote_addr };
	if (e == E_OK)
		e = audit_append(db, t->ctx->cfg->chain_key, &ae);
	t->status = 303;
	return e;
}

int page_council_held(struct ctx *ctx, struct request *req, struct reply *rep)
{
	long long id = http_parse_id(req->args[0]);
	if (!id)
		return 404;
	struct held_tx t = { ctx, req, id, 500 };
	enum err e = db_transaction(&ctx->db, held_tx, &t);
	if (e != E_OK && t.status != 303 && t.status != 404 && t.status != 409)
		return http_status(e);
	if (t.status != 303)
		return t.status;
	/* Held now, or already (a second click): either way it is done. */
	return reply_see_other(rep, "/councils?done=held");
}

struct add_tx {
	struct ctx *ctx;
	struct request *req;
	const char *city, *city_ko, *date, *date_ko;
	int status;
};

static enum err add_tx(struct db *db, void *ud)
{
	struct add_tx *t = ud;
	long long next = 0, last = 0;
	enum err e = db_run(db, ST_COUNCIL_NEXT_ID, NULL, 0, number_row, &next, NULL);
	if (e == E_OK)
		e = db_run(db, ST_COUNCIL_LAST_HELD, NULL, 0, number_row, &last, NULL);
	if (e != E_OK)
		return e;
	if (next != last + 1) {   /* there is a council not yet held: that one is next */
		t->status = 409;
		return E_FAILED;
	}
	e = DB_RUN(db, ST_COUNCIL_INSERT, NULL, NULL, DB_INT(next), DB_STR(t->city), DB_STR(t->city_ko),
	           DB_STR(t->date), DB_STR(t->date_ko));
	char detail[300];
	snprintf(detail, sizeof(detail), "council %lld added", next);
	const struct account *who = t->req->who;
	struct audit_entry ae = { who->id, who->login, side_code(who->side), "council_added", detail, t->req->remote_addr };
	if (e == E_OK)
		e = audit_append(db, t->ctx->cfg->chain_key, &ae);
	t->status = 303;
	return e;
}

int page_council_add(struct ctx *ctx, struct request *req, struct reply *rep)
{
	struct add_tx t = { ctx, req, form_line(req, "city", 100), form_line(req, "city_ko", 100),
	                    form_line(req, "date", 100), form_line(req, "date_ko", 100), 500 };
	if (!t.city || !t.city_ko || !t.date || !t.date_ko || !*t.city || !*t.date)
		return 400;
	enum err e = db_transaction(&ctx->db, add_tx, &t);
	if (t.status == 409)
		return 409;
	if (e != E_OK)
		return http_status(e);
	return reply_see_other(rep, "/councils?done=added");
}
