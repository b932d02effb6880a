/*
 * GET /healthz — for monitoring: 200 "ok" with the schema version when the
 * database answers and its schema is the one this code expects; otherwise
 * 503 with the reason (database unavailable, or a schema version mismatch).
 */
#include "model/ctx.h"
#include "pages/pages.h"
#include "view/render.h"
#include "http/reply.h"
#include "db/schema.h"

int page_healthz(struct ctx *ctx, struct request *req, struct reply *rep)
{
	(void)req;
	long long version;
	char msg[256];
	rep->content_type = "text/plain; charset=utf-8";
	rep->status = 503;
	if (schema_db_version(&ctx->db, &version) != E_OK) {
		buf_puts(&rep->body, "database unavailable\n");
		return 503;
	}
	if (schema_compare(version, msg, sizeof(msg)) != 0) {
		buf_printf(&rep->body, "schema mismatch\n%s\n", msg);
		return 503;
	}
	buf_printf(&rep->body, "ok\nschema %lld\n", version);
	rep->status = 200;
	return 200;
}
