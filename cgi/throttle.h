/*
 * Failed-login throttling, per login name (existing or not, so the answers
 * tell nothing about which accounts exist) and per client address. Beyond a
 * threshold of failures within an hour, each further failure locks logins for
 * that name or address for a doubling time (login_lock_base seconds, then
 * twice that, ... at most login_lock_max). A success clears the name's count.
 * Addresses are counted by throttle_addr_key: an IPv6 client per /64.
 */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include "ctx.h"

/* The longest key of login_throttle (its column k). */
#define THROTTLE_ADDR_KEY_MAX 64

/*
 * The key a client address is counted under. An IPv6 client usually holds a
 * whole /64 and may send from any address in it, so an IPv6 address counts
 * as its /64 ("2001:db8:1:2::/64"); an IPv4-mapped one ("::ffff:192.0.2.7")
 * as its IPv4 address; an IPv4 address, or anything that does not parse, as
 * it is (cut at THROTTLE_ADDR_KEY_MAX bytes; NULL as ""). Pure.
 */
void throttle_addr_key(const char *addr, char key[THROTTLE_ADDR_KEY_MAX + 1]);

/* *wait receives the seconds until either lock ends (0: not locked). */
enum db_result throttle_check(struct ctx *ctx, const char *login, const char *addr, long long *wait);
enum db_result throttle_fail(struct ctx *ctx, const char *login, const char *addr);
enum db_result throttle_clear(struct ctx *ctx, const char *login);

#endif
