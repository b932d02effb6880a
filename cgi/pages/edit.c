#include "pages/edit.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "base/utf8.h"
#include "view/view.h"

struct found {
	struct request *req;
	struct area_ref *area;
	bool ok;
};

/* id, slug, title, Korean title */
static int area_row(void *ud, const struct db_col *c, unsigned n)
{
	struct found *f = ud;
	(void)n;
	f->ok = true;
	f->area->id = c[0].i;
	f->area->slug = arena_strndup(f->req->arena, c[1].s, c[1].len);
	const struct db_col *title = f->req->lang == LANG_KO && c[3].len ? &c[3] : &c[2];
	f->area->title = arena_strndup(f->req->arena, title->s, title->len);
	return 0;
}

int area_find(struct ctx *ctx, struct request *req, const char *slug, struct area_ref *out)
{
	size_t n = slug ? strlen(slug) : 0;
	if (n == 0 || n > 40 || strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return 404;
	struct found f = { req, out, false };
	enum err r = DB_RUN(&ctx->db, ST_AREA_BY_SLUG, area_row, &f, DB_STR(slug));
	if (r != E_OK)
		return http_status(r);
	return f.ok && out->slug && out->title ? 0 : 404;
}

const char *form_token_new(const struct request *req)
{
	char *t = arena_alloc(req->arena, 33);
	if (t)
		auth_random_hex(t, 16);
	return t;
}

const char *form_token_of(const struct request *req)
{
	const char *t = http_form(req, "form_token");
	if (!t || strlen(t) != 32 || strspn(t, "0123456789abcdef") != 32)
		return NULL;
	return t;
}

long long form_number(const struct request *req, const char *name)
{
	const char *s = http_form(req, name);
	if (!s || !*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
		return -1;
	long long v = 0;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	return v;
}

const char *form_line(const struct request *req, const char *name, size_t max_chars)
{
	const char *s = http_form(req, name);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return NULL;
	return utf8_length(s, n) <= max_chars ? s : NULL;
}

void change_by(struct change *c, const struct request *req, const char *action)
{
	c->by = http_actor(req);
	c->audit_action = action;
}

int content_lang(const struct request *req, enum lang *out)
{
	bool post = req->method[0] == 'P';
	const char *in = post ? http_form(req, "in") : http_query(req, "in");
	if (!in && !post) {   /* a link to the editor: the reader's language */
		*out = req->lang;
		return 0;
	}
	return in ? lang_parse(in, out) : -1;   /* every form that saves names its language */
}

const char *part_label(const struct request *req, const struct part_ref *ref, long long number)
{
	static const enum msg_id section[PART__MAX] = { M_PART_SECTION_JOINT, M_PART_SECTION_EU, M_PART_SECTION_KR };
	static const enum msg_id commitment[PART__MAX] = { M_PART_COMMITMENT_JOINT, M_PART_NOTE_EU, M_PART_NOTE_KR };
	static const enum msg_id language[LANG__MAX] = { M_LANG_IN_EN, M_LANG_IN_KO };
	/* A commitment's joint part holds both languages: no language to name. */
	bool bilingual = ref->commitment_id && ref->part == PART_JOINT;
	const char *in = bilingual ? "" : arena_printf(req->arena, " (%s)", msg(req->lang, language[ref->lang]));
	if (ref->commitment_id == 0)
		return arena_printf(req->arena, "%s%s", msg(req->lang, section[ref->part]), in ? in : "");
	return arena_printf(req->arena, "%s %lld.%lld — %s%s", msg(req->lang, M_PART_COMMITMENT), ref->area_id, number,
	                    msg(req->lang, commitment[ref->part]), in ? in : "");
}

struct create_tx {
	struct ctx *ctx;
	struct request *req;
	const struct proposal_new *p;
	long long id;
	char *first;
};

static enum err create_tx(struct db *db, void *ud)
{
	struct create_tx *t = ud;
	const struct proposal_new *p = t->p;
	const struct account *who = t->req->who;
	t->id = 0;
	t->first = NULL;
	char at[27];
	audit_now(at);
	enum err e = DB_RUN(db, ST_PROPOSAL_INSERT, NULL, NULL, DB_INT(p->ref.area_id), DB_INT(p->ref.commitment_id),
	                          DB_STR(p->kind), DB_STR(lang_code(p->ref.lang)), DB_INT(p->base_version),
	                          DB_STR(p->content), DB_STR(p->summary), DB_INT(who->id), DB_STR(side_code(who->side)),
	                          DB_STR(at));
	if (e != E_OK)
		return e;
	t->id = (long long)db_insert_id(db);
	char *location = arena_printf(t->req->arena, "/proposals/%lld", t->id);
	if (!location)
		return E_FAILED;
	if (p->form_token) {
		e = form_token_use(t->ctx, p->form_token, who->id, location, &t->first, t->req->arena);
		if (e != E_OK)
			return e;
		if (t->first)
			return E_FAILED;   /* submitted before: undo this one */
	}
	char detail[160];
	snprintf(detail, sizeof(detail), "proposal %lld: %s, area %lld, commitment %lld", t->id, p->kind,
	         p->ref.area_id, p->ref.commitment_id);
	struct audit_entry ae = { who->id, who->login, side_code(who->side), "proposal_created", detail,
	                          t->req->remote_addr };
	return audit_append(db, t->ctx->cfg->chain_key, &ae);
}

int proposal_submit(struct ctx *ctx, struct request *req, struct reply *rep, const struct proposal_new *p)
{
	struct create_tx t = { ctx, req, p, 0, NULL };
	enum err e = db_transaction(&ctx->db, create_tx, &t);
	if (t.first)
		return reply_see_other(rep, t.first);
	if (e != E_OK)
		return http_status(e);
	return reply_see_other(rep, arena_printf(req->arena, "/proposals/%lld", t.id));
}

void proposal_list_item(tmpl_dict *d, const struct request *req, long long area_id, enum lang lang,
                        const struct db_col *c)
{
	struct part_ref ref = { area_id, c[1].i, PART_JOINT, lang };
	tmpl_set_int(d, T_PROPOSAL_ID, c[0].i);
	tmpl_set(d, T_WHAT, strcmp(c[3].s, "new_commitment") == 0 ? msg(req->lang, M_PROPOSAL_NEW_COMMITMENT)
	                                                          : part_label(req, &ref, c[2].i));
	tmpl_setn(d, T_SUMMARY, c[4].s, c[4].len);
	tmpl_setn(d, T_PROPOSER, c[5].s, c[5].len);
	tmpl_setn(d, T_SIDE, c[6].s, c[6].len);
	tmpl_set(d, T_AT, view_datetime(req->arena, req->lang, c[7].s));
}

int save_answer(struct reply *rep, enum err e, const struct change *c, const char *saved, const char *unchanged)
{
	if (e != E_OK)
		return http_status(e);
	switch (c->outcome) {
	case CHANGE_SAVED:
		return reply_see_other(rep, saved);
	case CHANGE_UNCHANGED:
		return reply_see_other(rep, unchanged);
	case CHANGE_REPEATED:
		break;
	}
	return reply_see_other(rep, c->first_location);
}
