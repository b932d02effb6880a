#include "model/register.h"

#include <string.h>

#include "model/content.h"
#include "base/utf8.h"

static const char *const sorts[] = { "number", "status", "progress", "lead", "updated" };

static bool one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

/* A single optional query value: "" when missing, NULL when given twice. */
static const char *optional(const struct request *req, const char *name)
{
	const char *v = "";
	return params_get(&req->query, name, &v, NULL) == PARAM_DUPLICATE ? NULL : v;
}

int register_filter_parse(const struct request *req, struct register_filter *f)
{
	static const char *const leads[] = { "EU", "KR", "joint" };
	static const char *const statuses[] = { "planned", "in progress", "done", "dropped" };
	memset(f, 0, sizeof(*f));
	f->area = optional(req, "area");
	f->lead = optional(req, "lead");
	f->status = optional(req, "status");
	f->q = optional(req, "q");
	f->sort = optional(req, "sort");
	const char *dir = optional(req, "dir"), *council = optional(req, "council");
	if (!f->area || !f->lead || !f->status || !f->q || !f->sort || !dir || !council)
		return 400;
	size_t alen = strlen(f->area);
	if (alen > 40 || strspn(f->area, "abcdefghijklmnopqrstuvwxyz0123456789-") != alen)
		return 400;
	if ((*f->lead && !one_of(f->lead, leads, 3)) || (*f->status && !one_of(f->status, statuses, 4)))
		return 400;
	if (utf8_length(f->q, strlen(f->q)) > REGISTER_QUERY_MAX)
		return 400;
	if (!*f->sort)
		f->sort = "number";
	if (!one_of(f->sort, sorts, sizeof(sorts) / sizeof(sorts[0])))
		return 400;
	if (*dir && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)
		return 400;
	f->desc = strcmp(dir, "desc") == 0;
	if (*council && !(f->council = http_parse_id(council)))
		return 400;
	return 0;
}

static int found_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)c, (void)n;
	*(bool *)ud = true;
	return 0;
}

static int held_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(bool *)ud = c[4].i != 0;
	return 0;
}

/* 0, or 404 when the filter names an area or a held council that does not exist; 503. */
static int check_exists(struct ctx *ctx, const struct register_filter *f)
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
		return r == E_UNAVAILABLE || r == E_RETRY ? 503 : 500;
	return ok ? 0 : 404;
}

int register_filter_load(struct ctx *ctx, const struct request *req, struct register_filter *f)
{
	int st = register_filter_parse(req, f);
	return st ? st : check_exists(ctx, f);
}

const char *register_filter_query(struct arena *a, const struct register_filter *f)
{
	const char *names[] = { "area", "lead", "status", "q", "sort", "dir" };
	const char *values[] = { f->area, f->lead, f->status, f->q, strcmp(f->sort, "number") ? f->sort : "",
	                         f->desc ? "desc" : "" };
	char *out = arena_strdup(a, "");
	for (size_t i = 0; out && i < 6; i++) {
		if (!*values[i])
			continue;
		char *v = http_url_encode(a, values[i]);
		out = v ? arena_printf(a, "%s%s%s=%s", out, *out ? "&" : "", names[i], v) : NULL;
	}
	if (out && f->council)
		out = arena_printf(a, "%s%scouncil=%lld", out, *out ? "&" : "", f->council);
	return out ? out : "";
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

static int row(void *ud, const struct db_col *c, unsigned n)
{
	struct rows *r = ud;
	(void)n;
	struct register_row row = {
		.area_id = c[0].i, .area_slug = c[1].s,
		.area_title = { { c[2].s, c[3].s }, { 0, 0 } },
		.view = commitment_view_of(c[0].i, c + 4),
		.updated_at = c[4 + CC__COUNT].null ? NULL : c[4 + CC__COUNT].s,
		.updated_by = c[5 + CC__COUNT].null ? NULL : c[5 + CC__COUNT].s,
		.updated_side = c[6 + CC__COUNT].null ? NULL : c[6 + CC__COUNT].s,
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
	args[n++] = DB_STR(f->lead);
	args[n++] = DB_STR(f->lead);
	args[n++] = DB_STR(f->status);
	args[n++] = DB_STR(f->status);
	args[n++] = DB_STR(f->q);
	/* The live register searches the notes table once; a snapshot holds four note columns. */
	for (int i = 0; i < (f->council ? 8 : 5); i++)
		args[n++] = DB_STR(like);
	/* sql.c holds one statement per sort key (in the order of sorts[]) and direction */
	size_t key = 0;
	while (key + 1 < sizeof(sorts) / sizeof(sorts[0]) && strcmp(sorts[key], f->sort) != 0)
		key++;
	enum stmt_id st = (f->council ? ST_REGISTER_SNAPSHOT : ST_REGISTER) + key * 2 + f->desc;
	return db_run(&ctx->db, st, args, n, row, &r, NULL);
}
