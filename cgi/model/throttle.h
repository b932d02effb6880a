/*
 * Failed-login throttling, per login name (existing or not, so the answers
 * tell nothing about which accounts exist) and per client address. Beyond a
 * threshold of failures within an hour, each further failure locks logins for
 * that name or address for a doubling time (login_lock_base seconds, then
 * twice that, ... at most login_lock_max). A success clears the name's count.
 *
 * An attempt is counted before its password is checked, in one transaction
 * that also reads whether a lock is in force (throttle_attempt), so parallel
 * attempts cannot all pass a check made before any of them has failed: of a
 * burst, only as many passwords are checked as one attempt after another
 * would have been. A success then gives its count back.
 *
 * Addresses are counted by throttle_addr_key: an IPv6 client per /64.
 */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include <stdbool.h>

#include "model/ctx.h"

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

/* A read only, before any other work: *wait receives the seconds until either lock ends (0: not locked). */
enum err throttle_check(struct ctx *ctx, const char *login, const char *addr, long long *wait);

/*
 * Counts one attempt for the name and the address, as a failure until it is
 * known to be none. *admitted is false when either is locked: then nothing is
 * counted and the password must not be checked (answer 429; throttle_check
 * gives the wait). A counted attempt that crosses a threshold locks the name
 * or the address against the ones after it at once.
 */
enum err throttle_attempt(struct ctx *ctx, const char *login, const char *addr, bool *admitted);

/* A counted attempt was a successful login: the name's count is cleared and the address's attempt given back.
 * Runs in the caller's transaction (db). */
enum err throttle_login_succeeded(struct db *db, const char *login, const char *addr);

/* A counted attempt proved the password (outside a login): given back for the name and the address. */
enum err throttle_attempt_succeeded(struct ctx *ctx, const char *login, const char *addr);

#endif
