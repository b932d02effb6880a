/* GET /healthz — liveness for monitoring: 200 with the schema version, or 503. */
#include "ctx.h"
#include "pages.h"
#include "render.h"
#include "reply.h"

static int version_row(void *ud, const struct db_col *c, unsigned n)
{
	(void)n;
	*(long long *)ud = c[0].i;
	return 0;
}

int page_healthz(struct ctx *ctx, struct request *req, struct reply *rep)
{
	(void)req;
	long long version = -1;
	enum db_result r = db_run(&ctx->db, ST_SCHEMA_VERSION, NULL, 0, version_row, &version, NULL);
	rep->content_type = "text/plain; charset=utf-8";
	if (r != DB_OK) {
		rep->status = 503;
		buf_puts(&rep->body, "database unavailable\n");
		return 503;
	}
	buf_printf(&rep->body, "ok\nschema %lld\n", version);
	rep->status = 200;
	return 200;
}
