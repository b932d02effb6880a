/* The Cookie request header. Pure: fuzzed by fuzz/fuzz_cookie.c. */
#ifndef PORTAL_COOKIE_H
#define PORTAL_COOKIE_H

#include "base/arena.h"

enum cookie_result {
	COOKIE_ABSENT,
	COOKIE_FOUND,
	COOKIE_MALFORMED,   /* control characters in the header, or the cookie given twice */
};

#define COOKIE_HEADER_MAX 8192

/*
 * Finds cookie name in a Cookie header ("a=1; b=2"). Other cookies are
 * skipped whatever they contain (other applications on the same host set
 * theirs), but the header as a whole must be free of control characters and
 * not longer than COOKIE_HEADER_MAX. On COOKIE_FOUND, *value is a copy in the
 * arena with surrounding double quotes removed.
 */
enum cookie_result cookie_find(struct arena *a, const char *header, const char *name, const char **value);

#endif
