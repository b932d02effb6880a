#include "pages/area_ref.h"

#include <string.h>

struct found {
	struct request *req;
	struct area_ref *area;
	bool ok;
};

/* The columns of ST_AREA_BY_SLUG. */
enum area_col {
	AC_ID, AC_SLUG, AC_TITLE, AC_TITLE_KO,
};

static int area_row(void *ud, const struct db_col *c, unsigned n)
{
	struct found *f = ud;
	(void)n;
	f->ok = true;
	f->area->id = c[AC_ID].i;
	f->area->slug = arena_strndup(f->req->arena, c[AC_SLUG].s, c[AC_SLUG].len);
	const struct db_col *title = f->req->lang == LANG_KO && c[AC_TITLE_KO].len ? &c[AC_TITLE_KO] : &c[AC_TITLE];
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

