#include "pages/register_filter.h"

#include <string.h>

#include "base/utf8.h"

/* A single optional query value: "" when missing, NULL when given twice. */
static const char *optional(const struct request *req, const char *name)
{
	const char *v = "";
	return params_get(&req->query, name, &v, NULL) == PARAM_DUPLICATE ? NULL : v;
}

/* "" leaves *out at any (max); a word of the table sets it; anything else: -1. */
static int vocab_field(const char *v, const struct vocab *table, int max, int *out)
{
	*out = max;
	if (!*v)
		return 0;
	return (*out = vocab_parse(table, (size_t)max, v)) < 0 ? -1 : 0;
}

static int sort_field(const char *v, enum register_sort *out)
{
	*out = SORT_NUMBER;
	for (int i = 0; *v && i < SORT__MAX; i++)
		if (strcmp(v, register_sort_names[i]) == 0)
			return *out = (enum register_sort)i, 0;
	return *v ? -1 : 0;
}

int register_filter_parse(const struct request *req, struct register_filter *f)
{
	*f = register_filter_all();
	const char *area = optional(req, "area"), *lead = optional(req, "lead"), *status = optional(req, "status");
	const char *q = optional(req, "q"), *sort = optional(req, "sort"), *dir = optional(req, "dir");
	const char *council = optional(req, "council");
	if (!area || !lead || !status || !q || !sort || !dir || !council)
		return 400;
	size_t alen = strlen(area);
	if (alen > 40 || strspn(area, "abcdefghijklmnopqrstuvwxyz0123456789-") != alen)
		return 400;
	int l, s;
	if (vocab_field(lead, lead_vocab, LEAD__MAX, &l) || vocab_field(status, status_vocab, STATUS__MAX, &s))
		return 400;
	if (utf8_length(q, strlen(q)) > REGISTER_QUERY_MAX || sort_field(sort, &f->sort))
		return 400;
	if (*dir && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)
		return 400;
	if (*council && !(f->council = http_parse_id(council)))
		return 400;
	f->area = area;
	f->lead = (enum lead)l;
	f->status = (enum status)s;
	f->q = q;
	f->desc = strcmp(dir, "desc") == 0;
	return 0;
}

int register_filter_load(struct ctx *ctx, const struct request *req, struct register_filter *f)
{
	int st = register_filter_parse(req, f);
	if (st)
		return st;
	enum err e = register_filter_check(ctx, f);
	return e == E_OK ? 0 : http_status(e);
}

const char *register_filter_query(struct arena *a, const struct register_filter *f)
{
	const char *names[] = { "area", "lead", "status", "q", "sort", "dir" };
	const char *values[] = {
		f->area,
		f->lead < LEAD__MAX ? lead_vocab[f->lead].sql : "",
		f->status < STATUS__MAX ? status_vocab[f->status].sql : "",
		f->q,
		f->sort != SORT_NUMBER && f->sort < SORT__MAX ? register_sort_names[f->sort] : "",
		f->desc ? "desc" : "",
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == sizeof(values) / sizeof(values[0]), "a value per name");
	char *out = arena_strdup(a, "");
	for (size_t i = 0; out && i < sizeof(names) / sizeof(names[0]); i++) {
		if (!*values[i])
			continue;
		char *v = http_url_encode(a, values[i]);
		out = v ? arena_printf(a, "%s%s%s=%s", out, *out ? "&" : "", names[i], v) : NULL;
	}
	if (out && f->council)
		out = arena_printf(a, "%s%scouncil=%lld", out, *out ? "&" : "", f->council);
	return out ? out : "";
}
