#include "model/throttle.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* The columns of ST_THROTTLE_CHECK. */
enum throttle_col {
	TH_KIND, TH_SECONDS_LEFT,
};

static int wait_row(void *ud, const struct db_col *c, unsigned n)
{
	long long *wait = ud;
	(void)n;
	if (c[TH_SECONDS_LEFT].i > *wait)
		*wait = c[TH_SECONDS_LEFT].i;
	return 0;
}

enum err throttle_check(struct ctx *ctx, const char *login, const char *addr, long long *wait)
{
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	*wait = 0;
	return DB_RUN(&ctx->db, ST_THROTTLE_CHECK, wait_row, wait, DB_STR(login), DB_STR(key));
}

/* One attempt for (kind, key), unless a lock is in force: *counted says which. */
static enum err count_one(struct db *db, const struct config *c, const char *kind, const char *key,
                                unsigned threshold, bool *counted)
{
	unsigned long long changed = 0;
	enum err r = db_run(db, ST_THROTTLE_ATTEMPT,
	                          (const struct db_arg[]){ DB_STR(kind), DB_STR(key), DB_INT(threshold),
	                                                   DB_INT(c->login_lock_max), DB_INT(c->login_lock_base),
	                                                   DB_INT(threshold) },
	                          6, NULL, NULL, &changed);
	/* A locked row is left exactly as it was: no row changed. */
	*counted = r == E_OK && changed > 0;
	return r;
}

static enum err release_one(struct db *db, const char *kind, const char *key)
{
	return DB_RUN(db, ST_THROTTLE_RELEASE, NULL, NULL, DB_STR(kind), DB_STR(key));
}

struct attempt {
	struct ctx *ctx;
	const char *login, *addr;
	bool admitted;
};

/*
 * The name's row is locked first, then the address's (always in that order,
 * so two attempts cannot deadlock). An attempt refused for its address is no
 * attempt for its name either: the name's count is given back at once.
 */
static enum err attempt_tx(struct db *db, void *ud)
{
	struct attempt *a = ud;
	const struct config *c = a->ctx->cfg;
	bool name_counted = false, addr_counted = false;
	a->admitted = false;
	enum err r = count_one(db, c, "account", a->login, c->login_account_threshold, &name_counted);
	if (r != E_OK || !name_counted)
		return r;
	r = count_one(db, c, "addr", a->addr, c->login_addr_threshold, &addr_counted);
	if (r == E_OK && !addr_counted)
		r = release_one(db, "account", a->login);
	a->admitted = r == E_OK && addr_counted;
	return r;
}

enum err throttle_attempt(struct ctx *ctx, const char *login, const char *addr, bool *admitted)
{
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	struct attempt a = { ctx, login, key, false };
	enum err r = db_transaction(&ctx->db, attempt_tx, &a);
	*admitted = r == E_OK && a.admitted;
	return r;
}

enum err throttle_login_succeeded(struct db *db, const char *login, const char *addr)
{
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	enum err r = DB_RUN(db, ST_THROTTLE_CLEAR, NULL, NULL, DB_STR(login));
	return r == E_OK ? release_one(db, "addr", key) : r;
}

struct release {
	const char *login, *addr;
};

static enum err release_tx(struct db *db, void *ud)
{
	struct release *rel = ud;
	enum err r = release_one(db, "account", rel->login);
	return r == E_OK ? release_one(db, "addr", rel->addr) : r;
}

enum err throttle_attempt_succeeded(struct ctx *ctx, const char *login, const char *addr)
{
	char key[THROTTLE_ADDR_KEY_MAX + 1];
	throttle_addr_key(addr, key);
	struct release rel = { login, key };
	return db_transaction(&ctx->db, release_tx, &rel);
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
