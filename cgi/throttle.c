#include "throttle.h"

static int wait_row(void *ud, const struct db_col *c, unsigned n)
{
	long long *wait = ud;
	(void)n;
	if (c[1].i > *wait)
		*wait = c[1].i;
	return 0;
}

enum db_result throttle_check(struct ctx *ctx, const char *login, const char *addr, long long *wait)
{
	*wait = 0;
	return DB_RUN(&ctx->db, ST_THROTTLE_CHECK, wait_row, wait, DB_STR(login), DB_STR(addr));
}

static enum db_result fail_one(struct ctx *ctx, const char *kind, const char *key, unsigned threshold)
{
	const struct config *c = ctx->cfg;
	return DB_RUN(&ctx->db, ST_THROTTLE_FAIL, NULL, NULL, DB_STR(kind), DB_STR(key), DB_INT(threshold),
	              DB_INT(c->login_lock_max), DB_INT(c->login_lock_base), DB_INT(threshold));
}

enum db_result throttle_fail(struct ctx *ctx, const char *login, const char *addr)
{
	enum db_result r = fail_one(ctx, "account", login, ctx->cfg->login_account_threshold);
	if (r == DB_OK)
		r = fail_one(ctx, "addr", addr, ctx->cfg->login_addr_threshold);
	return r;
}

enum db_result throttle_clear(struct ctx *ctx, const char *login)
{
	return DB_RUN(&ctx->db, ST_THROTTLE_CLEAR, NULL, NULL, DB_STR(login));
}
