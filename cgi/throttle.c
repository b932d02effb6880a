#include "throttle.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

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
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	*wait = 0;
	return DB_RUN(&ctx->db, ST_THROTTLE_CHECK, wait_row, wait, DB_STR(login), DB_STR(key));
}

static enum db_result fail_one(struct ctx *ctx, const char *kind, const char *key, unsigned threshold)
{
	const struct config *c = ctx->cfg;
	return DB_RUN(&ctx->db, ST_THROTTLE_FAIL, NULL, NULL, DB_STR(kind), DB_STR(key), DB_INT(threshold),
	              DB_INT(c->login_lock_max), DB_INT(c->login_lock_base), DB_INT(threshold));
}

enum db_result throttle_fail(struct ctx *ctx, const char *login, const char *addr)
{
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	enum db_result r = fail_one(ctx, "account", login, ctx->cfg->login_account_threshold);
	if (r == DB_OK)
		r = fail_one(ctx, "addr", key, ctx->cfg->login_addr_threshold);
	return r;
}

enum db_result throttle_clear(struct ctx *ctx, const char *login)
{
	return DB_RUN(&ctx->db, ST_THROTTLE_CLEAR, NULL, NULL, DB_STR(login));
}

void throttle_addr_key(const char *addr, char key[THROTTLE_ADDR_KEY_MAX + 1])
{
	struct in6_addr a6;
	if (!addr || inet_pton(AF_INET6, addr, &a6) != 1) {
		snprintf(key, THROTTLE_ADDR_KEY_MAX + 1, "%s", addr ? addr : "");
		return;
	}
	if (IN6_IS_ADDR_V4MAPPED(&a6)) {
		inet_ntop(AF_INET, &a6.s6_addr[12], key, THROTTLE_ADDR_KEY_MAX + 1);
		return;
	}
	memset(&a6.s6_addr[8], 0, 8);   /* the interface half: the client's own to choose */
	char prefix[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &a6, prefix, sizeof(prefix));
	snprintf(key, THROTTLE_ADDR_KEY_MAX + 1, "%s/64", prefix);
}
