/*
 * Failed-login throttling, per login name (existing or not, so the answers
 * tell nothing about which accounts exist) and per client address. Beyond a
 * threshold of failures within an hour, each further failure locks logins for
 * that name or address for a doubling time (login_lock_base seconds, then
 * twice that, ... at most login_lock_max). A success clears the name's count.
 */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include "ctx.h"

/* *wait receives the seconds until either lock ends (0: not locked). */
enum db_result throttle_check(struct ctx *ctx, const char *login, const char *addr, long long *wait);
enum db_result throttle_fail(struct ctx *ctx, const char *login, const char *addr);
enum db_result throttle_clear(struct ctx *ctx, const char *login);

#endif
