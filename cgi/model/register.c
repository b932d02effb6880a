#include "model/register.h"

#include <string.h>


const char *const register_sort_names[SORT__MAX] = {
	[SORT_NUMBER] = "number", [SORT_STATUS] = "status", [SORT_PROGRESS] = "progress", [SORT_LEAD] = "lead",
	[SORT_UPDATED] = "updated",
};

/* sql.c holds, from ST_REGISTER and from ST_REGISTER_SNAPSHOT, one statement per sort key and direction. */
_Static_assert(REGISTER_SORT_STATEMENTS == 2 * SORT__MAX, "a register statement per sort key and direction");

struct register_filter register_filter_all(void)
{
	return (struct register_filter){ .area = "", .lead = LEAD__MAX, .status = STATUS__MAX, .q = "",
	                                 .sort = SORT_NUMBER };
}

static int found_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)c, (void)n;
	*(bool *)ud = true;
	return 0;
}

/* The columns of ST_COUNCIL_BY_ID. */
enum council_col {
	CO_ID, CO_CITY, CO_DATE_LABEL, CO_MEETING_DATE, CO_HELD, CO_CITY_KO, CO_DATE_LABEL_KO, CO_HELD_AT,
};

static int held_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(bool *)ud = c[CO_HELD].i != 0;
	return 0;
}

enum err register_filter_check(struct ctx *ctx, const struct register_filter *f)
{
	bool ok = true;
	enum err r = E_OK;
	if (*f->area) {
		ok = false;
		r = DB_RUN(&ctx->db, ST_AREA_BY_SLUG, found_row, &ok, DB_STR(f->area));
	}
	if (r == E_OK && ok && f->council) {
		ok = false;   /* only a held council has a snapshot */
		r = DB_RUN(&ctx->db, ST_COUNCIL_BY_ID, held_row, &ok, DB_INT(f->council));
	}
	if (r != E_OK)
		return r;
	return ok ? E_OK : E_NOT_FOUND;
}

/* The search text as a LIKE pattern: its wildcards escaped, anywhere in the text. */
static const char *like_pattern(struct arena *a, const char *q)
{
	if (!*q)
		return "";
	size_t n = strlen(q);
	char *p = arena_alloc(a, n * 2 + 3);
	if (!p)
		return NULL;
	char *o = p;
	*o++ = '%';
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

struct rows {
	register_row_fn fn;
	void *ud;
};

/* A register row: the area, the commitment (commitment.h's layout), its last change. */
enum register_col {
	RC_AREA_ID, RC_AREA_SLUG, RC_AREA_TITLE, RC_AREA_TITLE_KO, RC_COMMITMENT,
	RC_UPDATED_AT = RC_COMMITMENT + CC__COUNT, RC_UPDATED_BY, RC_UPDATED_SIDE,
};

static const char *nullable(const struct db_col *c)
{
	return c->null ? NULL : c->s;
}

static int row(void *ud, const struct db_col *c, unsigned n)
{
	struct rows *r = ud;
	(void)n;
	struct register_row row = {
		.area_id = c[RC_AREA_ID].i, .area_slug = c[RC_AREA_SLUG].s,
		.area_title = { { c[RC_AREA_TITLE].s, c[RC_AREA_TITLE_KO].s }, { 0, 0 } },
		.view = commitment_view_of(c[RC_AREA_ID].i, c + RC_COMMITMENT),
		.updated_at = nullable(&c[RC_UPDATED_AT]),
		.updated_by = nullable(&c[RC_UPDATED_BY]),
		.updated_side = nullable(&c[RC_UPDATED_SIDE]),
	};
	return r->fn(r->ud, &row);
}

enum err register_rows(struct ctx *ctx, struct arena *a, const struct register_filter *f,
                             register_row_fn fn, void *ud)
{
	const char *like = like_pattern(a, f->q);
	if (!like)
		return E_FAILED;
	struct rows r = { fn, ud };
	struct db_arg args[32];
	unsigned n = 0;
	if (f->council)
		args[n++] = DB_INT(f->council);
	args[n++] = DB_STR(f->area);
	args[n++] = DB_STR(f->area);
	/* "" selects any */
	const char *lead = f->lead < LEAD__MAX ? lead_vocab[f->lead].sql : "";
	const char *status = f->status < STATUS__MAX ? status_vocab[f->status].sql : "";
	args[n++] = DB_STR(lead);
	args[n++] = DB_STR(lead);
	args[n++] = DB_STR(status);
	args[n++] = DB_STR(status);
	args[n++] = DB_STR(f->q);
	/* The live register searches the notes table once; a snapshot holds four note columns. */
	for (int i = 0; i < (f->council ? 8 : 5); i++)
		args[n++] = DB_STR(like);
	enum register_sort key = f->sort < SORT__MAX ? f->sort : SORT_NUMBER;
	enum stmt_id st = (f->council ? ST_REGISTER_SNAPSHOT : ST_REGISTER) + key * 2 + f->desc;
	return db_run(&ctx->db, st, args, n, row, &r, NULL);
}
